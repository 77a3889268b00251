"""The training dialog driven offscreen with pytest-qt: real scan, real runner process, real
TensorFlow training on tiny text, real model store, real engine process switching models."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTreeWidgetItemIterator

from wordpad_ai.api import ModelInfo
from wordpad_ai.modelstore import ModelStore
from wordpad_ai.settings import load_settings, update_settings
from wordpad_ai.ui.model_versions import ModelVersionsDialog
from wordpad_ai.ui.training_dialog import RESULT, SETUP, TRAINING, TrainingDialog

TINY = {"vocab_size": 200, "embed_dim": 16, "hidden_dim": 16, "seq_len": 8, "batch_size": 8,
        "min_count": 1, "learning_rate": 0.01, "warmup_steps": 5, "dropout": 0.0,
        "eval_every": 10, "log_every": 2, "checkpoint_every": 5, "eval_batches": 4}
LSTM = ModelInfo("lstm", "LSTM", "", True, "lstm")
BIGRAM = ModelInfo("bigram", "Bigram", "", False, "bigram")
SCAN_MS, TRAIN_MS = 60_000, 240_000
SENTENCES = ["The cat sat on the mat.", "I like Linux a lot.", "My dog eats green apples.",
             "We write code every day.", "Le café est très bon."]


@pytest.fixture
def docs(tmp_path) -> Path:
    rng = random.Random(2)
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.md"):
        paras = [" ".join(rng.choice(SENTENCES) for _ in range(4)) for _ in range(30)]
        (folder / name).write_text("\n\n".join(paras), encoding="utf-8")
    latin = "\n\n".join(" ".join(rng.choice(SENTENCES) for _ in range(4)) for _ in range(10))
    (folder / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def tree_rows(dialog) -> dict[str, str]:
    rows, it = {}, QTreeWidgetItemIterator(dialog.found_tree)
    while it.value():
        rows[it.value().text(0)] = it.value().text(1)
        it += 1
    return rows


def make_dialog(qtbot, docs, client=None, **overrides) -> TrainingDialog:
    spec = {"time_budget_s": None, "epochs": 1, "hyperparameters": TINY, "eval_max_words": 150, **overrides}
    dialog = TrainingDialog([BIGRAM, LSTM], client, spec_overrides=spec)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.scan_finished, timeout=SCAN_MS) as scanned:
        dialog.add_paths([docs])
    return dialog, scanned.args[0]


def test_scan_lists_usable_and_skipped_files_with_reasons_before_training(qtbot, docs):
    dialog, scan = make_dialog(qtbot, docs)
    assert dialog.model_box.count() == 1 and dialog.model_box.currentData() == "lstm"  # trainable only
    rows = tree_rows(dialog)
    assert rows[str(docs / "binary.txt")] == "binary file"
    assert rows[str(docs / "empty.txt")] == "empty"
    assert rows[str(docs / "latin1.txt")].endswith("words")  # Latin-1 is usable
    assert "Usable (3)" in rows and "Skipped (2)" in rows
    assert scan["documents"] == 3 and "3 files usable" in dialog.scan_label.text()
    assert str(ModelStore().root) in dialog.privacy_label.text()
    assert dialog.start_button.isEnabled() and not dialog.resume_button.isVisible()
    assert dialog.pages.currentIndex() == SETUP


def test_learning_paused_blocks_training_with_a_message(qtbot, docs):
    update_settings(learning_paused=True)
    dialog, _ = make_dialog(qtbot, docs)
    qtbot.waitUntil(lambda: not dialog.process.is_running(), timeout=SCAN_MS)  # the scan ends
    assert dialog.start_training() is False
    assert "Learning is paused" in dialog.notice_label.text()
    assert dialog.pages.currentIndex() == SETUP and not dialog.process.is_running()


def test_train_then_use_the_new_model_switches_store_and_engine(qtbot, docs, bigram_plugin):
    from wordpad_ai.ui.engine_client import EngineClient

    update_settings(active_model="bigram")
    client = EngineClient()
    with qtbot.waitSignal(client.model_changed, timeout=90_000):
        client.start()
    dialog, _ = make_dialog(qtbot, docs, client, base="scratch")  # tiny model, not the 20k default
    store = ModelStore()
    assert store.current_path("lstm") is None
    with qtbot.waitSignal(dialog.training_finished, timeout=TRAIN_MS) as done:
        assert dialog.start_training()
        assert dialog.pages.currentIndex() == TRAINING
    report = done.args[0]
    assert dialog.pages.currentIndex() == RESULT
    loss_points, ppl_points = dialog.chart.point_counts()
    assert loss_points >= 2 and ppl_points >= 1 and dialog.progress_bar.value() > 0
    assert dialog.chart.ppl_series.pointsVisible()  # one validation is a visible point, not nothing
    assert "tokens/s" in dialog.rate_label.text()
    assert dialog.result_table.item(0, 1).text().endswith("%")  # KSR of the new model
    assert dialog.result_table.item(0, 0).text().endswith("%")  # the shipped default, same held-out text
    # on this small repetitive text the tiny model beats the shipped one: "use" is the default
    assert not report.new_model_worse, (report.before, report.after)
    assert "more keystrokes in every 100" in dialog.verdict_label.text()
    assert dialog.use_button.isDefault() and not dialog.keep_button.isDefault()
    assert dialog.phase_steps["measuring-after"].isEnabled()  # every step of the run was shown
    assert load_settings().training_folders == (str(docs),)  # remembered for next time
    assert store.current_path("lstm") is None  # nothing changes before the user decides
    with qtbot.waitSignal(client.model_changed, timeout=60_000) as changed:
        version = dialog.use_new_model()
    assert version == "v0001" and changed.args[0] == "lstm"
    assert store.current_version("lstm") == "v0001"
    assert client.is_ready()
    assert store.versions("lstm")[0].after["ksr"] == pytest.approx(report.after.ksr)
    assert not Path(report.staging_dir).exists()  # job folder (text copies, checkpoints) removed

    # again, now a model that learns nothing (learning rate 0, 8 words): worse than v0001 in use
    worse, _ = make_dialog(qtbot, docs, client, base="scratch",
                           hyperparameters={**TINY, "vocab_size": 8, "learning_rate": 0.0})
    with qtbot.waitSignal(worse.training_finished, timeout=TRAIN_MS) as done:
        assert worse.start_training()
    report = done.args[0]
    assert report.new_model_worse, (report.before, report.after)
    assert worse.verdict_label.text().startswith("The new model is")
    assert "Keep the current one" in worse.verdict_label.text()
    assert worse.keep_button.isDefault() and not worse.use_button.isDefault()  # Enter keeps it
    worse.keep_current_model()
    assert store.current_version("lstm") == "v0001" and len(store.versions("lstm")) == 1
    client.stop(wait_ms=3000)


def test_cancel_changes_nothing_and_offers_resume(qtbot, docs, tmp_path):
    store = ModelStore()
    staging = tmp_path / "existing"
    staging.mkdir()
    (staging / "config.json").write_text("{}")
    store.promote("lstm", staging)  # a current version that must stay current
    dialog, _ = make_dialog(qtbot, docs, base="scratch", epochs=50)
    with qtbot.waitSignal(dialog.process.progressed, timeout=TRAIN_MS,
                          check_params_cb=lambda p: p.phase == "training" and p.step >= 6):
        dialog.start_training()
    with qtbot.waitSignal(dialog.training_cancelled, timeout=30_000):
        dialog.cancel_training()
    assert dialog.pages.currentIndex() == SETUP and "unchanged" in dialog.notice_label.text()
    assert store.current_version("lstm") == "v0001" and len(store.versions("lstm")) == 1
    assert dialog.resume_button.isVisible() and dialog.resumable_step() >= 5


def test_versions_dialog_rolls_back_to_an_earlier_version_and_the_default(qtbot, tmp_path):
    store = ModelStore()
    for tag in ("one", "two"):
        staging = tmp_path / tag
        staging.mkdir()
        (staging / "config.json").write_text(tag)
        store.promote("lstm", staging, {"base": "default", "words": 1000,
                                        "before": {"ksr": 0.30, "perplexity": 80.0},
                                        "after": {"ksr": 0.35, "perplexity": 60.0}})
    dialog = ModelVersionsDialog([LSTM], None, model_id="lstm")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rows() == ["", "v0002", "v0001"]
    assert "30.0 % → 35.0 %" in dialog.tree.topLevelItem(1).text(4)
    assert "(in use)" in dialog.tree.topLevelItem(1).text(0)
    with qtbot.waitSignal(dialog.model_rolled_back) as rolled:
        dialog.select("v0001")
        dialog.use_selected()
    assert rolled.args == ["lstm", "v0001"] and store.current_version("lstm") == "v0001"
    dialog.select(None)
    dialog.use_selected()
    assert store.current_path("lstm") is None
    assert "(in use)" in dialog.tree.topLevelItem(0).text(0)
    dialog.select("v0002")
    dialog.delete_selected()
    assert dialog.rows() == ["", "v0001"]


def test_dialog_remembers_sources_model_and_training_time(qtbot, docs):
    dialog, _ = make_dialog(qtbot, docs)
    dialog.budget_spin.setValue(7)
    dialog._remember_choices()  # (also done on every start)
    dialog.close()
    again = TrainingDialog([BIGRAM, LSTM])
    qtbot.addWidget(again)
    assert again.sources == [str(docs)] and again.budget_spin.value() == 7
    assert again.model_box.currentData() == "lstm"
    qtbot.waitUntil(lambda: not again.process.is_running(), timeout=SCAN_MS)  # its rescan ends


def test_verdict_in_plain_words_and_steps_counted_right():
    from wordpad_ai.training.protocol import Figures, TrainingReport
    from wordpad_ai.ui.training_chart import step_interval
    from wordpad_ai.ui.training_report import summary, verdict

    def report(before, after, steps=1):
        return TrainingReport("lstm", "/tmp/x", "default", 1000, 100,
                              None if before is None else Figures(before, 0.3, 0.5, 120.0, 100),
                              Figures(after, 0.3, 0.5, 110.0, 100), steps, 96.0, "time budget")

    assert verdict(report(0.40, 0.51)) == ("The new model saves about 11 more keystrokes in every 100 "
                                           "on your writing (51 instead of 40).")
    assert verdict(report(0.45, 0.40)).startswith("The new model is worse on your writing: it saves "
                                                  "about 5 fewer keystrokes in every 100")
    assert "no model in use" in verdict(report(None, 0.4))
    assert "for 1 step " in summary(report(0.4, 0.5, steps=1))
    assert "for 2 steps " in summary(report(0.4, 0.5, steps=2))
    assert [step_interval(s) for s in (1, 4, 9, 40, 400)] == [1, 1, 2, 10, 100]  # whole steps only


def test_delete_trained_models_that_cannot_be_removed_says_so(qtbot, docs, tmp_path):
    """A trained version the system refuses to delete (here an immutable file) is named in the
    dialog instead of an exception escaping the button: the user's text is still in there."""
    import subprocess

    store = ModelStore()
    staging = tmp_path / "one"
    staging.mkdir()
    (staging / "config.json").write_text("one")
    version = store.promote("lstm", staging, {"words": 10})
    stuck = store.model_dir("lstm") / version / "config.json"
    if subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable files (chattr)")
    try:
        dialog, _ = make_dialog(qtbot, docs)
        dialog.delete_trained_models()  # raised OSError before
        assert dialog.notice_label.text().startswith("Could not delete everything:")
        assert "v0001" in dialog.notice_label.text() or "lstm" in dialog.notice_label.text()
    finally:
        subprocess.run(["chattr", "-R", "-i", str(store.model_dir("lstm"))], capture_output=True)
