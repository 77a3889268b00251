"""Preferences, applied: Edit → Preferences… opens the dialog; each change is saved at once and
applied to the running window without a restart. Also "Delete everything WordPad AI learned
about me" (with its confirmation) and the accept-key choice.

The window keeps ``window.settings`` as the one current copy; this controller replaces it after
every change, so other parts (the suggestion bar's Alt+N keys) read the new values.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import paths
from .. import settings as settings_mod
from ..settings import Settings

log = logging.getLogger(__name__)

ENGINE_STOP_WAIT_MS = 3000  # the engine's time to save and exit before the learned data goes
_ACCEPT_KEYS = {"right": (Qt.Key.Key_Right,), "enter": (Qt.Key.Key_Return, Qt.Key.Key_Enter)}


class AcceptKeyFilter(QObject):
    """Makes Right arrow or Enter accept the ghost suggestion instead of Tab.

    With "tab" it does nothing (the editor's own behaviour). With another key, that key accepts
    while a suggestion is shown, and Tab inserts a tab as in any editor."""

    def __init__(self, editor, key: str = "tab"):
        super().__init__(editor)
        self._editor = editor  # the SuggestionEditor whose keys are watched
        self.key = key  # one of settings.ACCEPT_KEYS
        editor.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if self.key == "tab" or event.type() != QEvent.Type.KeyPress or not self._editor.ghost_text:
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        if event.key() in _ACCEPT_KEYS[self.key]:
            return self._editor.accept_choice(0)
        if event.key() == Qt.Key.Key_Tab:
            self._editor.clear_choices()  # the editor then inserts the tab itself
        return False


class PreferencesController(QObject):
    """Opens the Preferences dialog (Edit → Preferences…) and applies settings to the window."""

    settings_applied = Signal(object)  # the Settings now in force
    learned_data_deleted = Signal(list)  # labels of what "Delete everything" removed

    def __init__(self, window, theme, spelling):
        super().__init__(window)
        self._window = window  # the MainWindow
        self._theme = theme  # the application's ThemeController
        self._spelling = spelling  # the window's SpellingController
        self.accept_filter = AcceptKeyFilter(window.editor, window.settings.accept_key)
        self.dialog = None  # the PreferencesDialog while open
        self._apply_ghost_color(window.settings.ghost_color)

    def show_dialog(self) -> None:
        from .preferences_dialog import PreferencesDialog

        if self.dialog is None:
            self.dialog = PreferencesDialog(self._window.settings, str(paths.data_dir()), self._window)
            self.dialog.changes_applied.connect(self.apply)
            self.dialog.open_data_folder_requested.connect(self.open_data_folder)
            self.dialog.forget_requested.connect(self._on_dialog_forget_requested)
            self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None

    # -- applying ---------------------------------------------------------------------------------
    def apply(self, changes: dict) -> Settings:
        """Save ``changes`` and apply them to the running window; the new settings."""
        w = self._window
        old = w.settings
        new = settings_mod.update_settings(**changes)
        w.settings = new
        if new.suggestion_count != old.suggestion_count:
            w.suggestions.set_count(new.suggestion_count)
            w.suggestions.refresh()
        self.accept_filter.key = new.accept_key
        w.suggestion_bar.set_accept_key(new.accept_key)
        if new.phrase_completion != old.phrase_completion:
            w.menu_actions.actions["phrases"].setChecked(new.phrase_completion)
            w.suggestions.set_phrase(new.phrase_completion)
        if new.ghost_color != old.ghost_color:
            self._apply_ghost_color(new.ghost_color)
        if (new.font_family, new.font_size) != (old.font_family, old.font_size):
            w.apply_editor_font()
        if new.theme != old.theme:
            self._theme.apply(new.theme)
        if new.autosave_interval_ms != old.autosave_interval_ms:
            w.autosaver.set_interval(new.autosave_interval_ms)
        if new.learning_paused != old.learning_paused:
            w.menu_actions.actions["pause_learning"].setChecked(new.learning_paused)
        if new.spell_check != old.spell_check:
            self._spelling.set_enabled(new.spell_check)
        self.settings_applied.emit(new)
        return new

    def _apply_ghost_color(self, colour: str) -> None:
        editor = self._window.editor
        if colour:
            palette = QPalette(editor.palette())
            palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(colour))
            editor.setPalette(palette)
        else:
            editor.setPalette(QPalette())  # follow the application's (theme's) palette again

    # -- the data folder --------------------------------------------------------------------------
    def open_data_folder(self) -> bool:
        """Show the user data folder in the file manager."""
        folder = paths.data_dir()
        ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not ok:
            QMessageBox.information(self._window, self.tr("Your data"),
                                    self.tr("Your data is kept in %s") % folder)
        return ok

    def confirm_forget(self) -> bool:
        from ..forget import learned_data

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete everything WordPad AI learned?"),
                          self.tr("This deletes your trained models, what was learned from your "
                                  "typing, your statistics, autosaved documents and your personal "
                                  "dictionary. Your documents and preferences are kept. "
                                  "This cannot be undone."),
                          QMessageBox.StandardButton.Cancel, self.dialog or self._window)
        box.setObjectName("forget_confirmation")
        box.setDetailedText("\n".join(f"{item.label}: {item.path}" for item in learned_data()))
        delete = box.addButton(self.tr("Delete Everything"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def _on_dialog_forget_requested(self) -> None:
        self.forget_everything()

    def forget_everything(self, confirm: bool = True) -> list[str] | None:
        """Ask, stop the engine, delete what was learned, start the engine again; the labels of
        what was removed (None when the user said no)."""
        from ..forget import forget_everything
        from ..stats import StatsRecorder

        if confirm and not self.confirm_forget():
            return None
        w = self._window
        engine = w.engine
        if engine is not None:
            engine.stop(ENGINE_STOP_WAIT_MS)  # it saves its typing cache when it exits
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            removed = forget_everything()
        except OSError as exc:
            QMessageBox.warning(w, self.tr("Not everything was deleted"), str(exc))
            removed = None
        finally:
            QApplication.restoreOverrideCursor()
            w.stats = StatsRecorder()  # the window's counters start from zero
            self._spelling.forget_learned()
            if engine is not None:
                engine.restart(current_version=True)  # the shipped models: the trained folders are gone
        if removed is not None:
            w.status.set_saved(w.stats.session, w.stats.total)
            w.status.showMessage(self.tr("Everything WordPad AI learned about you was deleted."), 6000)
            self.learned_data_deleted.emit(removed)
        return removed
