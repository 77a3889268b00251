"""The trainer runs under MirroredStrategy over two logical CPU devices (in a subprocess, since
logical devices must be configured before TensorFlow initialises)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import json, sys
    import tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()])
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    from pathlib import Path
    from wordpad_ai.api import TrainingJob
    from wordpad_ai_lstm.plugin import LSTMModel
    root = Path(sys.argv[1])
    (root / "t.txt").write_text("\\n\\n".join(["The cat sat on the mat. I like green apples."] * 40))
    losses = []
    job = TrainingJob(paths=(str(root / "t.txt"),), out_dir=str(root / "m"), epochs=8,
                      hyperparameters=dict(embed_dim=16, hidden_dim=16, seq_len=8, batch_size=8,
                                           learning_rate=0.02, warmup_steps=2, log_every=2,
                                           dropout=0.0, min_count=1, num_sampled=4))
    out = LSTMModel.train(job, lambda e: e.loss is not None and losses.append(e.loss),
                          lambda: False, strategy=strategy)
    model = LSTMModel.load(out)
    print(json.dumps({"replicas": strategy.num_replicas_in_sync, "first": losses[0],
                      "last": losses[-1], "word": model.predict("The cat sat on the ", 1)[0].word}))
""")


def test_training_under_mirrored_strategy_on_two_cpus(tmp_path):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True,
                          timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["replicas"] == 2
    assert result["last"] < result["first"]
    assert result["word"] == "mat"
