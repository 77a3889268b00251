"""Which tf.distribute strategy trains, and each process's part in it.

``wordpad-ai train --strategy``:

* ``auto``: every local GPU (``MirroredStrategy``), else the CPU (the default strategy);
* ``one-device``: the first GPU, else the CPU (``OneDeviceStrategy``);
* ``mirrored``: ``MirroredStrategy`` over the local GPUs (the CPU when there is none);
* ``multi-worker``: ``MultiWorkerMirroredStrategy`` over the machines (or processes) named in the
  ``TF_CONFIG`` environment variable; every worker runs the same command on the same text.

Under ``multi-worker`` the chief (task ``chief``, else ``worker`` 0) writes the model directory
and the checkpoints; the other workers write theirs to a scratch folder in the cache, never to
the user's output or checkpoint folder. Every decision to stop (cancel, time budget, a final
validation cut short) is agreed by all workers, so they always take the same steps.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..api import ModelError, TrainingJob

STRATEGIES = ("auto", "one-device", "mirrored", "multi-worker")


def make_strategy(name: str):
    """The tf.distribute strategy called ``name`` (one of :data:`STRATEGIES`). Create it before
    any other TensorFlow work: a multi-worker strategy must be made first."""
    import tensorflow as tf

    if name == "multi-worker":
        if not os.environ.get("TF_CONFIG"):
            raise ModelError("--strategy multi-worker needs the TF_CONFIG environment variable (the "
                             "cluster and this worker's task); see docs/training.md")
        try:
            json.loads(os.environ["TF_CONFIG"])
        except ValueError as exc:
            raise ModelError(f"TF_CONFIG is not valid JSON ({exc}); see docs/training.md") from None
        return tf.distribute.MultiWorkerMirroredStrategy()
    gpus = tf.config.list_logical_devices("GPU")
    if name == "auto":
        return tf.distribute.MirroredStrategy() if gpus else tf.distribute.get_strategy()
    if name == "one-device":
        return tf.distribute.OneDeviceStrategy("/gpu:0" if gpus else "/cpu:0")
    if name == "mirrored":
        return tf.distribute.MirroredStrategy()
    raise ModelError(f"unknown strategy {name!r} (known: {', '.join(STRATEGIES)})")


@dataclass
class Placement:
    """This process's part in a run: its strategy, whether it is the chief, where it writes."""

    strategy: object  # the tf.distribute.Strategy
    is_chief: bool  # writes the model directory and the real checkpoints
    multi_worker: bool  # several processes take part (stop decisions are agreed)
    out_dir: Path  # the job's output folder (chief), else a scratch folder
    checkpoint_dir: Path | None  # the job's checkpoint folder (all workers restore from it)
    scratch_dir: Path | None = None  # a non-chief worker's own folder, removed by :meth:`cleanup`
    task: str = "chief"  # "worker 1" and so on, for messages
    _any: object = field(default=None, repr=False)  # compiled all-reduce of a stop flag

    @classmethod
    def of(cls, strategy, job: TrainingJob) -> "Placement":
        import tensorflow as tf

        ckpt = Path(job.checkpoint_dir) if job.checkpoint_dir else None
        if not isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy):
            return cls(strategy, True, False, Path(job.out_dir), ckpt)
        resolver = strategy.cluster_resolver
        kind, index = resolver.task_type, resolver.task_id
        chief = kind == "chief" or (kind == "worker" and index == 0
                                    and "chief" not in resolver.cluster_spec().as_dict())
        task = f"{kind} {index}"
        if chief:
            return cls(strategy, True, True, Path(job.out_dir), ckpt, None, task)
        from ..paths import cache_dir

        scratch = Path(tempfile.mkdtemp(prefix=f"{kind}-{index}-", dir=cache_dir()))
        return cls(strategy, False, True, scratch / "model", ckpt, scratch, task)

    def agree(self, flag: bool) -> bool:
        """Whether this process *or any other worker* says yes (one all-reduce per call under a
        multi-worker strategy, else just ``flag``)."""
        if not self.multi_worker:
            return bool(flag)
        import tensorflow as tf

        if self._any is None:
            strategy = self.strategy

            @tf.function
            def any_of(x):
                per_replica = strategy.run(lambda v: tf.identity(v), args=(x,))
                return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)

            self._any = any_of
        return float(self._any(tf.constant(1.0 if flag else 0.0))) > 0

    def cleanup(self) -> None:
        """Remove a non-chief worker's scratch folder."""
        if self.scratch_dir is not None:
            shutil.rmtree(self.scratch_dir, ignore_errors=True)
