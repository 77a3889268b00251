"""The training dialog driven offscreen with pytest-qt: real scan, real runner process, real
TensorFlow training on tiny text, real model store, real engine process switching models."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTreeWidgetItemIterator

from wordpad_ai.api import ModelInfo
from wordpad_ai.modelstore import ModelStore
from wordpad_ai.settings import update_settings
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
    loss_points, _ = dialog.chart.point_counts()
    assert loss_points >= 2 and dialog.progress_bar.value() > 0
    assert "tokens/s" in dialog.rate_label.text()
    assert dialog.result_table.item(0, 1).text().endswith("%")  # KSR of the new model
    assert dialog.result_table.item(0, 0).text().endswith("%")  # the shipped default, same held-out text
    assert store.current_path("lstm") is None  # nothing changes before the user decides
    with qtbot.waitSignal(client.model_changed, timeout=60_000) as changed:
        version = dialog.use_new_model()
    assert version == "v0001" and changed.args[0] == "lstm"
    assert store.current_version("lstm") == "v0001"
    assert client.is_ready()
    assert store.versions("lstm")[0].after["ksr"] == pytest.approx(report.after.ksr)
    assert not Path(report.staging_dir).exists()  # job folder (text copies, checkpoints) removed
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
