"""Edit → Preferences… in a real window: every setting round-trips, applies at once and persists;
the accept key; deleting everything learned, with its confirmation, beside a real engine."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from wordpad_ai import paths
from wordpad_ai.engine.learning import cache_file
from wordpad_ai.settings import load_settings
from wordpad_ai.spelling import personal_file
from wordpad_ai.stats import stats_file
from wordpad_ai.ui.theme import is_dark


def _open_preferences(qtbot, window):
    action = window.menu_actions.actions["preferences"]
    platform_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    assert action.shortcuts() == (platform_keys or [QKeySequence("Ctrl+,")])  # Ctrl+, here
    action.trigger()
    dialog = window.basics.preferences.dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_ctrl_comma_opens_preferences(qtbot, bare_window):
    bare_window.editor.setFocus()
    qtbot.keyClick(bare_window.editor, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = bare_window.basics.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_preferences_round_trip_apply_at_once_and_persist(qtbot, bare_window, tmp_path):
    window, editor = bare_window, bare_window.editor
    dialog = _open_preferences(qtbot, window)
    assert dialog.count_spin.value() == 3 and dialog.accept_combo.currentData() == "tab"
    dialog.count_spin.setValue(5)
    dialog.accept_combo.setCurrentIndex(dialog.accept_combo.findData("enter"))
    dialog.phrase_check.setChecked(False)
    dialog._set_ghost_color("#aa0000")
    dialog.system_font_check.setChecked(False)
    dialog.font_combo.setCurrentFont(QFont("DejaVu Serif"))
    dialog.size_spin.setValue(14)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.spell_check.setChecked(False)
    dialog.autosave_spin.setValue(30)
    dialog.learning_check.setChecked(False)
    dialog.excluded_list.addItem(str(tmp_path / "diary"))
    with qtbot.waitSignal(window.basics.preferences.settings_applied):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    expected = dict(suggestion_count=5, accept_key="enter", phrase_completion=False, ghost_color="#aa0000",
                    font_family="DejaVu Serif", font_size=14.0, theme="dark", spell_check=False,
                    autosave_interval_ms=30000, learning_paused=True,
                    excluded_paths=(str(tmp_path / "diary"),))
    stored = load_settings()
    assert {k: getattr(stored, k) for k in expected} == expected
    assert window.settings == stored
    # applied without a restart
    assert editor.font().family() == "DejaVu Serif" and editor.font().pointSizeF() == 14.0
    assert is_dark(QApplication.palette()) and window.basics.theme.scheme == "dark"
    assert editor.palette().color(QPalette.ColorRole.PlaceholderText) == QColor("#aa0000")
    assert window.basics.preferences.accept_filter.key == "enter"
    assert window.menu_actions.actions["pause_learning"].isChecked()
    assert not window.menu_actions.actions["phrases"].isChecked()
    assert not window.basics.spelling.enabled
    assert "Alt+1 … Alt+5" in window.suggestion_bar.toolTip() or "Alt+5" in window.suggestion_bar.toolTip()

    # a new window (the next start) comes up the same, and the dialog shows the stored values
    from wordpad_ai.ui.main_window import MainWindow

    second = MainWindow()
    try:
        assert second.editor.font().family() == "DejaVu Serif"
        assert second.editor.palette().color(QPalette.ColorRole.PlaceholderText) == QColor("#aa0000")
        second.basics.preferences.show_dialog()
        again = second.basics.preferences.dialog
        assert again.count_spin.value() == 5 and again.theme_combo.currentData() == "dark"
        assert again.changes() == {}
        again.reject()
    finally:
        second.close()
        window.basics.preferences.apply({"theme": "light", "ghost_color": ""})
    assert not is_dark(QApplication.palette())
    assert editor.palette().color(QPalette.ColorRole.PlaceholderText) != QColor("#aa0000")


def test_the_chosen_accept_key_accepts_and_tab_then_indents(qtbot, bare_window):
    editor = bare_window.editor
    preferences = bare_window.basics.preferences
    editor.setFocus()
    qtbot.keyClicks(editor, "Dear ")
    preferences.apply({"accept_key": "enter"})
    editor.set_choices(["Ann"])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.plain_text().startswith("Dear Ann") and "\n" not in editor.plain_text()
    editor.set_choices(["x"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # not the accept key: a tab, the ghost goes
    assert editor.plain_text().endswith("\t") and "x" not in editor.plain_text()
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # no ghost: Enter is a new line
    assert editor.plain_text().endswith("\n")
    preferences.apply({"accept_key": "right"})
    editor.set_choices(["Kind"])
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert editor.plain_text().rstrip(" ").endswith("\nKind")


def test_delete_everything_learned_asks_first_then_deletes_beside_the_engine(qtbot, window, type_and_wait):
    type_and_wait(window, "The ")
    qtbot.keyClicks(window.editor, "cat sat on the mat. The cat sat on the mat. ")
    personal_file().write_text("zorblat\n", encoding="utf-8")
    (paths.models_dir() / "lstm").mkdir(parents=True, exist_ok=True)
    (paths.models_dir() / "lstm" / "current").write_text('{"version": null}', encoding="utf-8")
    window.stats.flush()
    assert stats_file().exists()
    old_pid = window.engine.pid()
    dialog = _open_preferences(qtbot, window)

    def answer(button_text):
        def click():
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox) and box.objectName() == "forget_confirmation"
            (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
            button.click()
        return click

    QTimer.singleShot(200, answer("Cancel"))
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    assert personal_file().exists() and stats_file().exists()  # "Cancel" deleted nothing
    assert window.engine.pid() == old_pid

    with qtbot.waitSignal(window.basics.preferences.learned_data_deleted) as deleted:
        QTimer.singleShot(200, answer("Delete Everything"))
        qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    assert "personal dictionary" in deleted.args[0] and "statistics" in deleted.args[0]
    assert "typing cache" in deleted.args[0]  # the engine saved what it learned on stopping, then it went
    assert not personal_file().exists() and not stats_file().exists()
    assert not (paths.models_dir() / "lstm").exists()
    assert window.stats.total.keystrokes_typed == 0
    qtbot.waitUntil(window.engine.is_ready, timeout=90_000)  # a fresh engine, nothing learned
    assert window.engine.pid() != old_pid
    qtbot.wait(500)
    assert not cache_file().exists()  # the old engine's cache did not come back
    assert load_settings().active_model == "bigram"  # preferences are kept


def test_the_number_of_suggestions_applies_to_the_bar_at_once(qtbot, window, type_and_wait):
    preferences = window.basics.preferences
    preferences.apply({"suggestion_count": 1})
    type_and_wait(window, "The ")
    assert len(window.suggestion_bar.alternatives()) == 1
    preferences.apply({"suggestion_count": 2})  # no new keystroke: the engine is asked again
    qtbot.waitUntil(lambda: len(window.suggestion_bar.alternatives()) == 2, timeout=15_000)
    assert load_settings().suggestion_count == 2


def test_after_delete_everything_the_engine_suggests_with_the_shipped_model(qtbot, window, type_and_wait, tmp_path):
    """The trained version in use (switched to with its folder, as "Use the New Model" does) is
    deleted: the fresh engine loads the shipped model, not the folder that is gone."""
    from wordpad_ai.modelstore import ModelStore

    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "corpus.txt").write_text("the zebra sings. the zebra dances. " * 20, encoding="utf-8")
    (staging / "config.json").write_text("{}", encoding="utf-8")  # the store's "complete" marker
    store = ModelStore()
    store.promote("bigram", staging)
    with qtbot.waitSignal(window.engine.model_changed, timeout=60_000):
        window.switch_model("bigram", str(store.current_path("bigram")))
    assert type_and_wait(window, "the ").strip() == "zebra"  # the trained version is in use

    window.basics.preferences.forget_everything(confirm=False)
    assert store.current_path("bigram") is None
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    ghost = type_and_wait(window, "The ")  # suggestions come back, from the shipped model
    assert ghost and "zebra" not in ghost
    assert not window.status.engine_label.text().startswith("⚠"), window.status.engine_label.text()
