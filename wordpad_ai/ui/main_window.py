"""The main window: editor, format toolbar, suggestion bar and status bar, wired together.

The suggestion engine is started by :meth:`MainWindow.start_engine` *after* the window is shown
(the engine client is imported only then), so the window appears at once.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from .. import settings as settings_mod
from ..documents import DocumentFormat
from ..stats import StatsRecorder
from .autosave import Autosaver, Snapshot, discard, find_recoverable
from .editor import SuggestionEditor, capitalised_as_accepted
from .file_controller import FileController
from .format_toolbar import FormatToolBar
from .menus import WindowActions
from .status_bar import EditorStatusBar
from .suggestion_bar import ACCEPT_KEY_NAMES, SuggestionBar, alt_keys
from .suggestions import SuggestionController

ENGINE_STOP_WAIT_MS = 1500  # on quit, how long the engine gets to exit before it is killed
STATS_FLUSH_ACCEPTS = 5  # keystroke statistics are written after this many accepts …
STATS_FLUSH_INTERVAL_MS = 30_000  # … and at least this often while they change (a crash loses little)


DEFAULT_EDITOR_POINT_SIZE = 11.0  # points, when the settings name no size



class MainWindow(QMainWindow):
    """One document window."""

    engine_started = Signal()  # the engine client exists and was asked to start

    def __init__(self):
        super().__init__()
        self.settings = settings_mod.load_settings()  # loaded once; changes go through update_settings
        self.editor = SuggestionEditor(self)
        self.suggestion_bar = SuggestionBar(self)
        self.status = EditorStatusBar(self)
        self.files = FileController(self.editor, self)
        self.suggestions = SuggestionController(self.editor, self.settings.suggestion_count,
                                                self.settings.suggestions_enabled,
                                                self.settings.phrase_completion, self)
        self.stats = StatsRecorder()
        self.engine = None  # the EngineClient, created by start_engine()
        self._engine_state = ("starting", "")  # last (state, message) from the engine
        self._model = self.settings.active_model  # model id in use
        self._model_names: dict[str, str] = {}  # model id → display name
        self._find_dialog = None
        self.autosaver = Autosaver(self._autosave_state, self.settings.autosave_delay_ms,
                                   self.settings.autosave_interval_ms, self)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.suggestion_bar)
        self.setCentralWidget(central)
        self.setStatusBar(self.status)

        self.format_bar = FormatToolBar(self.editor, self)
        self.menu_actions = WindowActions(self)
        self.addToolBar(self.menu_actions.build(self.format_bar.format_actions()))
        self.addToolBar(self.format_bar)
        self.menu_actions.actions["suggestions"].setChecked(self.settings.suggestions_enabled)
        self.menu_actions.actions["phrases"].setChecked(self.settings.phrase_completion)
        self.menu_actions.actions["pause_learning"].setChecked(self.settings.learning_paused)
        self.menu_actions.set_recent_files(list(self.settings.recent_files))
        self.suggestion_bar.setVisible(self.settings.suggestions_enabled)
        self.suggestion_bar.set_count(self.settings.suggestion_count)
        self.suggestion_bar.set_accept_key(self.settings.accept_key)
        self.status.set_saved(self.stats.session, self.stats.total)  # stored totals at once
        self._stats_timer = QTimer(self)
        self._stats_timer.setInterval(STATS_FLUSH_INTERVAL_MS)
        self._stats_timer.timeout.connect(self._on_stats_timer_timeout)
        self._stats_timer.start()

        self.editor.choices_changed.connect(self._on_editor_choices_changed)
        self.suggestion_bar.alternative_chosen.connect(self._on_suggestion_bar_alternative_chosen)
        self.suggestions.count_changed.connect(self.suggestion_bar.set_count)
        self.editor.suggestion_dismissed.connect(self.suggestion_bar.show_dismissed)
        self.editor.suggestion_accepted.connect(self._on_editor_suggestion_accepted)
        self.editor.text_typed.connect(self._on_editor_text_typed)
        self.editor.zoom_changed.connect(self._on_editor_zoom_changed)
        self.editor.document().modificationChanged.connect(self._update_title)
        self.editor.document().contentsChanged.connect(self._on_document_contents_changed)
        self.files.path_changed.connect(self._on_files_path_changed)
        self.files.recent_files_changed.connect(self.menu_actions.set_recent_files)

        self.status.watch_text(self.editor.plain_text)
        self.files.new_document()
        if self.settings.zoom:
            self.editor.set_zoom(self.settings.zoom)
        self.apply_editor_font()
        from .desktop_basics import install_desktop_basics  # print, preferences, plugins, spelling, theme

        self.basics = install_desktop_basics(self)
        self.editor.setFocus()
        self._resize_to_screen()

    def apply_editor_font(self) -> None:
        """The settings' editor font; by default the system font at a comfortable reading size
        (bare X11 sessions report 8 pt, too small for writing)."""
        font = self.editor.font()
        if self.settings.font_family:
            font.setFamily(self.settings.font_family)
        size = self.settings.font_size or max(font.pointSizeF(), DEFAULT_EDITOR_POINT_SIZE)
        font.setPointSizeF(size)
        self.editor.setFont(font)
        self.editor.document().setDefaultFont(font)
        self.format_bar.refresh()

    def _resize_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(int(area.width() * 0.6), int(area.height() * 0.7))

    # -- engine -----------------------------------------------------------------------------------
    def start_engine(self) -> None:
        """Create the engine client and start the engine process (call once, after show())."""
        if self.engine is not None:
            return
        from .engine_client import EngineClient  # imported after the window is on screen

        self.engine = EngineClient(self)
        self.engine.state_changed.connect(self._on_engine_state_changed)
        self.engine.models_listed.connect(self._on_engine_models_listed)
        self.engine.model_changed.connect(self._on_engine_model_changed)
        self.engine.error_reported.connect(self._on_engine_error_reported)
        self.suggestions.attach(self.engine)
        self.engine.start()  # the process boots while the menus below are built
        from .training_menu import install_training_menu  # Tools → Train…, Model → Versions…

        self.training_menu = install_training_menu(self, self.engine)
        from .inspector import install_inspector  # View → Model Inspector (dock)

        self.inspector = install_inspector(self, self.engine, self.editor)
        self.engine_started.emit()

    def restart_engine(self) -> None:
        if self.engine is not None:
            self.engine.restart()

    @property
    def active_model_id(self) -> str:
        """The id of the model suggestions come from (the configured one until the engine says)."""
        return self._model

    def switch_model(self, model_id: str, path: str | None = None) -> None:
        """Suggest with ``model_id`` from the model folder ``path`` (None: the user's current
        version, else the shipped default); the choice is not saved (see :meth:`choose_model`).
        The training and versions dialogs switch through this (``ui/model_control.py``)."""
        if self.engine is not None:
            self.editor.clear_choices()
            self.engine.set_model(model_id, path)

    def choose_model(self, model_id: str) -> None:
        """Switch the engine to ``model_id`` and remember the choice."""
        self.settings = settings_mod.update_settings(active_model=model_id)
        if self.engine is not None:
            self.editor.clear_choices()
            self.engine.set_model(model_id)

    def _on_engine_state_changed(self, state: str, message: str) -> None:
        self._engine_state = (state, message)
        self.status.set_engine_state(state, message, self._model_names.get(self._model, self._model))

    def _on_engine_models_listed(self, models: list) -> None:
        self._model_names = {m.model_id: m.display_name for m in models}
        self.menu_actions.set_models(models, self._model)
        self._on_engine_state_changed(*self._engine_state)

    def _on_engine_model_changed(self, model_id: str, message: str) -> None:
        self._model = model_id
        self.menu_actions.mark_model(model_id)
        self._on_engine_state_changed(*self._engine_state)
        self.suggestions.refresh()

    def _on_engine_error_reported(self, message: str) -> None:
        self.status.show_problem(message)

    # -- suggestions ------------------------------------------------------------------------------
    def set_suggestions_enabled(self, enabled: bool) -> None:
        self.settings = settings_mod.update_settings(suggestions_enabled=bool(enabled))
        self.menu_actions.actions["suggestions"].setChecked(enabled)
        self.suggestion_bar.setVisible(enabled)
        self.suggestions.set_enabled(enabled)

    def set_phrase_enabled(self, enabled: bool) -> None:
        self.settings = settings_mod.update_settings(phrase_completion=bool(enabled))
        self.suggestions.set_phrase(enabled)

    def _on_editor_choices_changed(self, choices: list) -> None:
        # the bar shows whole words: the part already typed plus each completion
        before = self.editor.text_before_cursor(64)
        typed = re.search(r"\w*\Z", before).group(0)  # \Z: "$" also matches before a final "\n"
        labels = [typed + c if c[:1].isalnum() else c for c in choices]
        labels = [capitalised_as_accepted(label) for label in labels]  # "friday" is accepted as "Friday"
        self.suggestion_bar.set_alternatives(choices, labels)

    def _on_suggestion_bar_alternative_chosen(self, index: int) -> None:
        self.editor.accept_choice(index)
        self.editor.setFocus()

    def _on_editor_suggestion_accepted(self, text: str) -> None:
        self.stats.record_accept(text)
        self.status.set_saved(self.stats.session, self.stats.total)
        if self.stats.unflushed_accepts() >= STATS_FLUSH_ACCEPTS:
            self.stats.flush()
        if self.engine is not None and not self.settings.learning_paused:
            self.engine.observe(text)

    def _on_editor_text_typed(self, count: int) -> None:
        self.stats.record_typed(count)
        # learning as you type (engine/privacy.py decides what a finished sentence is): it
        # goes to the engine with the document's path, so excluded documents are never learned
        if self.engine is None or self.settings.learning_paused:
            return
        from ..engine.privacy import SENTENCE_CHARS, finished_sentence

        sentence = finished_sentence(self.editor.text_before_cursor(SENTENCE_CHARS))
        if sentence is not None:
            path = self.files.path
            self.engine.observe(sentence, str(path) if path else None)

    def set_learning_paused(self, paused: bool) -> None:
        """The privacy switch: no learning from typing, no training from the menu."""
        self.settings = settings_mod.update_settings(learning_paused=bool(paused))
        self.status.showMessage(self.tr("Learning paused: nothing you type is learned.") if paused
                                else self.tr("Learning from your typing resumed."), 4000)

    def _on_stats_timer_timeout(self) -> None:
        self.stats.flush()  # writes only when something changed since the last flush

    def show_statistics(self) -> None:
        from .stats_dialog import StatsDialog

        StatsDialog(self.stats.session, self.stats.total, self).exec()

    # -- files ------------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancelled."""
        if not self.editor.document().isModified():
            return True
        answer = QMessageBox.warning(
            self, self.tr("Unsaved changes"),
            self.tr("“%s” has unsaved changes. Save them?") % self.files.display_name(),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.files.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        if self.maybe_save():
            self.files.new_document()
            self.autosaver.remove()

    def open_document(self) -> None:
        if self.maybe_save():
            self.files.open_dialog()

    def open_path(self, name: str) -> bool:
        return self.maybe_save() and self.files.open_path(name)

    def open_recent(self, name: str) -> None:
        if not Path(name).exists():
            QMessageBox.warning(self, self.tr("Cannot open file"),
                                self.tr("“%s” no longer exists; it was removed from the list.") % name)
            self.files.forget_recent(name)
            return
        self.open_path(name)

    def save_document(self) -> bool:
        return self.files.save()

    def save_document_as(self) -> bool:
        return self.files.save_as()

    def export_odt(self) -> None:
        self.files.export_odt()

    def export_pdf(self) -> None:
        self.files.export_pdf()

    def show_find_dialog(self) -> None:
        from .find_dialog import FindReplaceDialog

        if self._find_dialog is None:
            self._find_dialog = FindReplaceDialog(self.editor, self)
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self._find_dialog.find_edit.setText(selected)
        self._find_dialog.show()
        self._find_dialog.raise_()
        self._find_dialog.find_edit.setFocus()

    def _on_files_path_changed(self, path: str) -> None:
        self.format_bar.set_rich(self.files.format.kind == "rich")
        self.status.count_now()
        self._update_title()
        if not self.editor.document().isModified():
            self.autosaver.remove()

    def _update_title(self, *_args) -> None:
        self.setWindowModified(self.editor.document().isModified())
        self.setWindowTitle(self.tr("%s[*] — WordPad AI") % self.files.display_name())

    def _on_document_contents_changed(self) -> None:
        self.status.schedule_count()
        if self.editor.document().isModified():
            self.autosaver.note_edit()

    # -- crash recovery ---------------------------------------------------------------------------
    def _autosave_state(self) -> dict:
        fmt = self.files.format
        return {"path": str(self.files.path or ""), "kind": fmt.kind, "encoding": fmt.encoding,
                "newline": fmt.newline, "text": self.files.document_text(),
                "modified": self.editor.document().isModified()}

    def offer_recovery(self) -> bool:
        """If an earlier session crashed with unsaved work, offer to restore it."""
        snapshots = find_recoverable()
        if not snapshots:
            return False
        newest = snapshots[0]
        name = Path(newest.path).name if newest.path else self.tr("an untitled document")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Recover unsaved work?"),
                          self.tr("WordPad AI did not exit cleanly last time. Unsaved changes to %s "
                                  "were kept. Restore them?") % name,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard, self)
        box.setObjectName("recovery_box")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.restore_snapshot(newest)
        else:
            discard(newest)
        return True

    def restore_snapshot(self, snapshot: Snapshot) -> None:
        fmt = DocumentFormat(snapshot.kind, snapshot.encoding, snapshot.newline)
        self.files.set_document(snapshot.text, fmt, Path(snapshot.path) if snapshot.path else None,
                                modified=True)
        discard(snapshot)
        self.autosaver.snapshot_now()

    # -- view -------------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.editor.set_zoom(self.editor.zoom + 1)

    def zoom_out(self) -> None:
        self.editor.set_zoom(self.editor.zoom - 1)

    def zoom_reset(self) -> None:
        self.editor.set_zoom(0)

    def _on_editor_zoom_changed(self, steps: int) -> None:
        size = self.editor.font().pointSizeF()
        base = size - steps if size > 0 else 0
        self.status.set_zoom(steps, round(100 * size / base) if base > 0 else 100)
        if steps != self.settings.zoom:
            self.settings = settings_mod.update_settings(zoom=steps)

    def show_key_help(self) -> None:
        QMessageBox.information(self, self.tr("Suggestion keys"), self.tr(
            "<p>Suggestions appear in grey after the cursor.</p><table>"
            "<tr><td><b>%s</b></td><td>accept the suggestion</td></tr>"
            "<tr><td><b>Ctrl+Right</b></td><td>accept its next word</td></tr>"
            "<tr><td><b>%s</b></td><td>pick an alternative from the bar</td></tr>"
            "<tr><td><b>Esc</b></td><td>hide it</td></tr>"
            "<tr><td><b>Ctrl+Shift+Space</b></td><td>switch suggestions on or off</td></tr></table>"
            "<p>Accepting a whole word also types the space after it; a punctuation key typed next "
            "replaces that space. The accept key and the number of alternatives are set in the "
            "preferences.</p>")
            % (ACCEPT_KEY_NAMES.get(self.settings.accept_key, "Tab"),
               alt_keys(self.settings.suggestion_count)))

    def show_about(self) -> None:
        from .. import __version__

        QMessageBox.about(self, self.tr("About WordPad AI"), self.tr(
            "<h3>WordPad AI %s</h3><p>A word processor that suggests your next word, "
            "using models that run and learn on your own computer.</p>") % __version__)

    # -- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosaver.remove()
        self.stats.flush()
        if self.engine is not None:
            self.engine.stop(ENGINE_STOP_WAIT_MS)
        self.basics.spelling.wait_for_loader()
        event.accept()
