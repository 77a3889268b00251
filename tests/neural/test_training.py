"""Training, saving, loading, resuming, cancelling and fine-tuning a tiny LSTM on tiny text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from wordpad_ai.api import ModelError, TrainingCancelled, TrainingJob  # noqa: E402
from wordpad_ai.neural.modeldir import read_model_dir  # noqa: E402
from wordpad_ai_lstm.cell import LSTMCell  # noqa: E402
from wordpad_ai_lstm.plugin import LSTMModel  # noqa: E402

TINY = dict(embed_dim=16, hidden_dim=32, seq_len=12, batch_size=8, learning_rate=0.01, warmup_steps=5,
            eval_every=40, log_every=10, dropout=0.0, min_count=1)
SENTENCES = ["The cat sat on the mat.", "I like Linux a lot.", "My dog eats green apples."]


def _write_corpus(folder: Path, repeats: int = 60, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    paras = [" ".join(SENTENCES + ([extra] if extra else [])) for _ in range(repeats)]
    (folder / "a.txt").write_text("\n\n".join(paras[: repeats // 2]), encoding="utf-8")
    (folder / "b.md").write_text("\n\n".join(paras[repeats // 2:]), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("lstm")
    corpus = _write_corpus(root / "text")
    events = []
    job = TrainingJob(paths=(str(corpus),), out_dir=str(root / "model"), epochs=None,
                      checkpoint_dir=str(root / "ckpt"), hyperparameters={**TINY, "epochs": 12})
    out = LSTMModel.train(job, events.append, lambda: False)
    return root, Path(out), events


def test_training_lowers_the_loss_and_learns_the_obvious_next_word(trained):
    root, out, events = trained
    losses = [e.loss for e in events if e.phase == "training" and e.loss is not None]
    assert losses[-1] < 0.5 * losses[0]
    done = events[-1]
    assert done.phase == "done" and done.val_perplexity is not None and done.val_perplexity < 3.0
    model = LSTMModel.load(out)
    assert model.predict("The cat sat on the ", 1)[0].word == "mat"
    assert model.predict("My dog eats green ", 1)[0].word == "apples"
    s = model.predict("I like Lin", 3)[0]
    assert (s.word, s.prefix, s.remainder) == ("Linux", "Lin", "ux")  # case table
    first = model.predict("The cat sat on the mat. ", 3)
    assert all(w.word[0].isupper() for w in first)  # sentence start
    assert {"The", "I", "My"} & {w.word for w in first}
    assert model.perplexity("The cat sat on the mat. I like Linux a lot.") < 3.0
    internals = model.inspect("The cat sat on the ", last_tokens=4)
    assert internals.top[0][0] == "mat" and len(internals.series["forget gate"]) == 4


def test_saved_model_round_trips_and_is_small(trained, tmp_path):
    _, out, _ = trained
    model = LSTMModel.load(out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["config.json", "vocab.json", "case.json", "lexicon.json", "weights.npz"])
    model.save(tmp_path / "copy")
    again = LSTMModel.load(tmp_path / "copy")
    text = "I like Linux a lot. My dog "
    assert [s.word for s in again.predict(text, 3)] == [s.word for s in model.predict(text, 3)]
    meta = json.loads((out / "config.json").read_text())
    assert meta["model_id"] == "lstm" and meta["config"]["hidden_dim"] == 32
    assert meta["training"]["steps"] > 0


def test_corrupt_or_mismatched_model_dirs_give_one_clear_error(trained, tmp_path):
    import shutil

    _, out, _ = trained
    bad = tmp_path / "bad"
    shutil.copytree(out, bad)
    (bad / "weights.npz").write_bytes(b"not a zip")
    with pytest.raises(ModelError, match=r"bad.*weights\.npz"):
        LSTMModel.load(bad)
    shutil.copy(out / "weights.npz", bad / "weights.npz")
    vocab = json.loads((bad / "vocab.json").read_text())
    (bad / "vocab.json").write_text(json.dumps(vocab + ["extra"]))
    with pytest.raises(ModelError, match="shape"):
        LSTMModel.load(bad)
    (bad / "vocab.json").unlink()
    with pytest.raises(ModelError, match="vocab.json is missing"):
        LSTMModel.load(bad)
    from wordpad_ai_rnn.plugin import RNNModel

    with pytest.raises(ModelError, match="holds a 'lstm' model"):
        RNNModel.load(out)
    with pytest.raises(ModelError, match="does not exist"):
        LSTMModel.load(tmp_path / "nowhere")


def test_checkpoint_resumes_an_interrupted_run(tmp_path):
    corpus = _write_corpus(tmp_path / "text", repeats=20)
    hp = {**TINY, "checkpoint_every": 5, "eval_every": 1000}
    job = TrainingJob(paths=(str(corpus),), out_dir=str(tmp_path / "model"), epochs=3,
                      checkpoint_dir=str(tmp_path / "ckpt"), hyperparameters=hp)
    steps = []

    def stop_after_7():
        return len(steps) >= 7

    def record(e):
        if e.phase == "training" and e.loss is not None:
            steps.append(e.step)

    hp_log = {**hp, "log_every": 1}
    job = TrainingJob(**{**job.__dict__, "hyperparameters": hp_log})
    with pytest.raises(TrainingCancelled):
        LSTMModel.train(job, record, stop_after_7)
    assert not (tmp_path / "model").exists()  # nothing half-written
    events = []
    out = LSTMModel.train(job, events.append, lambda: False)
    assert "resumed from step 7" in events[1].message
    first_step = next(e.step for e in events if e.phase == "training" and e.loss is not None)
    assert first_step == 8
    total = events[-1].step
    assert total == next(e.total_steps for e in events if e.total_steps)
    assert read_model_dir(out, cell=LSTMCell).training["steps"] == total


def test_fine_tuning_extends_the_vocabulary_and_learns_new_words(trained, tmp_path):
    from wordpad_ai.neural.frequency import FrequencyTable

    _, out, _ = trained
    base = read_model_dir(out, cell=LSTMCell)
    # the base's words never to suggest stay so in the fine-tuned model (its rescaling does not)
    base_copy = tmp_path / "base"
    shutil.copytree(out, base_copy)
    FrequencyTable(["cat", "mat"], np.array([1e-5, 1e-6]), np.array([1e-3, 1e-3]),
                   never_suggested=["quokkas"], technical=["mat"]).save(base_copy / "frequencies.npz")
    corpus = _write_corpus(tmp_path / "new", repeats=20, extra="Zorblax likes purple quokkas.")
    job = TrainingJob(paths=(str(corpus),), out_dir=str(tmp_path / "tuned"), base_dir=str(base_copy),
                      epochs=20, hyperparameters={"eval_every": 1000})  # 3 of 20 paragraphs validate
    tuned_dir = LSTMModel.train(job, lambda e: None, lambda: False)
    carried = FrequencyTable.load(tuned_dir / "frequencies.npz")
    assert carried.never_suggested == {"quokkas"} and carried.words == [] and carried.beta == 0
    assert carried.technical == {"mat"}  # and its technical words
    assert "quokkas" not in [s.word for s in LSTMModel.load(tuned_dir).predict("Zorblax likes purple ", 3)]
    (tuned_dir / "frequencies.npz").unlink()  # below: the model as it learnt
    tuned = read_model_dir(tuned_dir, cell=LSTMCell)
    assert tuned.vocab.tokens[: len(base.vocab)] == base.vocab.tokens
    assert {"zorblax", "purple", "quokkas"} <= set(tuned.vocab.tokens[len(base.vocab):])
    assert tuned.weights["embedding"].shape[0] == len(tuned.vocab)
    assert tuned.case.cased("zorblax") == "zorblax" or tuned.case.cased("zorblax") == "Zorblax"
    model = LSTMModel.load(tuned_dir)
    assert model.predict("Zorblax likes purple ", 1)[0].word == "quokkas"
    assert model.predict("The cat sat on the ", 1)[0].word == "mat"
    with pytest.raises(ModelError, match="cannot change hidden_dim"):
        LSTMModel.train(TrainingJob(paths=(str(corpus),), out_dir=str(tmp_path / "x"), base_dir=str(out),
                                    hyperparameters={"hidden_dim": 64}), lambda e: None, lambda: False)


def test_too_little_text_is_a_clear_error(tmp_path):
    (tmp_path / "t.txt").write_text("Hi there.", encoding="utf-8")
    job = TrainingJob(paths=(str(tmp_path / "t.txt"),), out_dir=str(tmp_path / "m"), epochs=1,
                      hyperparameters=TINY)
    with pytest.raises(ModelError, match="not enough usable text"):
        LSTMModel.train(job, lambda e: None, lambda: False)
    assert not (tmp_path / "m").exists()
