"""Tools → Plugins…: every plugin with its version, origin, models, readers and state; enable,
disable, install (wheel, folder or package name) and uninstall.

The window runs the same code as the command line: each action is ``python -m wordpad_ai plugins
…`` (``cli/plugins_cmd.py`` → ``wordpad_ai/plugins.py``) in a ``QProcess``, so pip never blocks the
window and the GUI process never imports a third-party plugin (a plugin that crashes on import
takes down only that child). After a change the engine process is restarted, which loads the
plugins anew; its model list then refills the Model menu.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)


COLUMNS = ("Plugin", "Version", "Origin", "Models", "Readers", "State")
EXTRA_DISTRIBUTION = "(WORDPAD_AI_EXTRA_PLUGINS)"  # plugins.EXTRA_DISTRIBUTION, without importing pluggy


def plugins_command(*args: str) -> list[str]:
    """The command line of ``wordpad-ai plugins ARGS`` in this Python environment."""
    return [sys.executable, "-m", "wordpad_ai", "plugins", *args]


def origin_of(record: dict) -> str:
    """"bundled", "development" (loaded from source or installed editable) or "pip package"."""
    if record.get("bundled"):
        return "bundled"
    dist = record.get("distribution", "")
    if dist == EXTRA_DISTRIBUTION or _editable(dist):
        return "development"
    return "pip package"


def _editable(dist: str) -> bool:
    """Whether the package ``dist`` is installed editable (pip -e): reads metadata only."""
    import importlib.metadata as md

    try:
        text = md.distribution(dist).read_text("direct_url.json")
    except (md.PackageNotFoundError, ValueError, OSError):
        return False
    try:
        return bool(text and json.loads(text).get("dir_info", {}).get("editable"))
    except ValueError:
        return False


def state_of(record: dict) -> str:
    """The state column: enabled, disabled, or the status with its one-line reason."""
    status = record.get("status", "?")
    if record.get("error") and status != "disabled":
        return f"{status}: {record['error']}"
    return status


class PluginCommand(QObject):
    """One ``wordpad-ai plugins …`` run in a QProcess."""

    finished = Signal(int, str, str)  # exit status (-1: did not start or crashed), stdout, stderr

    def __init__(self, args: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self.args = list(args)  # the arguments after "plugins"
        self._process = QProcess(self)
        self._process.setProcessEnvironment(QProcessEnvironment.systemEnvironment())
        self._process.finished.connect(self._on_process_finished)
        self._process.errorOccurred.connect(self._on_process_error_occurred)
        self._done = False

    def start(self) -> None:
        command = plugins_command(*self.args)
        self._process.start(command[0], command[1:])

    def kill(self) -> None:
        self._done = True
        self._process.kill()

    def _output(self) -> tuple[str, str]:
        out = bytes(self._process.readAllStandardOutput()).decode("utf-8", "replace")
        err = bytes(self._process.readAllStandardError()).decode("utf-8", "replace")
        return out, err

    def _on_process_finished(self, code: int, status) -> None:
        if self._done:
            return
        self._done = True
        out, err = self._output()
        crashed = status == QProcess.ExitStatus.CrashExit
        self.finished.emit(-1 if crashed else code, out, err + ("\n(the command crashed)" if crashed else ""))

    def _on_process_error_occurred(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._done:
            self._done = True
            self.finished.emit(-1, "", f"could not run {' '.join(plugins_command(*self.args))}: "
                                       f"{self._process.errorString()}")


class PluginsWindow(QDialog):
    """The plugin manager window."""

    plugins_changed = Signal()  # something was installed, removed, enabled or disabled
    listed = Signal(list)  # the plugin records (JSON dicts) now shown
    action_finished = Signal(bool, str)  # an action ended: success, message shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("plugins_window")
        self.setWindowTitle(self.tr("Plugins"))
        self.records: list[dict] = []  # as `wordpad-ai plugins list --json` gave them
        self._command: PluginCommand | None = None  # the one command running
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemSelectionChanged.connect(self._update_buttons)

        self.enable_button = QPushButton(self.tr("&Enable"), self)
        self.disable_button = QPushButton(self.tr("&Disable"), self)
        self.uninstall_button = QPushButton(self.tr("&Uninstall"), self)
        self.enable_button.clicked.connect(lambda: self._on_selected("enable"))
        self.disable_button.clicked.connect(lambda: self._on_selected("disable"))
        self.uninstall_button.clicked.connect(lambda: self._on_selected("uninstall"))
        row = QHBoxLayout()
        for button in (self.enable_button, self.disable_button, self.uninstall_button):
            row.addWidget(button)
        row.addStretch(1)

        self.wheel_button = QPushButton(self.tr("Install from &Wheel…"), self)
        self.folder_button = QPushButton(self.tr("Install from &Folder…"), self)
        self.wheel_button.clicked.connect(self._on_wheel_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.package_edit = QLineEdit(self)
        self.package_edit.setPlaceholderText(self.tr("package name, e.g. wordpad-ai-gru"))
        self.package_edit.returnPressed.connect(self._on_package_button_clicked)
        self.package_button = QPushButton(self.tr("&Install"), self)
        self.package_button.clicked.connect(self._on_package_button_clicked)
        install_row = QHBoxLayout()
        install_row.addWidget(self.wheel_button)
        install_row.addWidget(self.folder_button)
        install_row.addWidget(self.package_edit, 1)
        install_row.addWidget(self.package_button)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: pip gives no fraction
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.output = QPlainTextEdit(self)  # pip's output when something failed
        self.output.setObjectName("pip_output")
        self.output.setReadOnly(True)
        self.output.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addLayout(install_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.output, 1)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 24)
        self._update_buttons()

    # -- state ------------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self._command is not None

    def selected(self) -> dict | None:
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def select(self, name: str) -> bool:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole)["name"] == name:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _update_buttons(self) -> None:
        record, busy = self.selected(), self.busy()
        # "error" too: enabling clears a crash quarantine (the engine tries the plugin again)
        self.enable_button.setEnabled(bool(record) and not busy and record["status"] != "enabled")
        self.disable_button.setEnabled(bool(record) and not busy and record["status"] != "disabled")
        self.uninstall_button.setEnabled(bool(record) and not busy and origin_of(record) != "bundled"
                                         and record.get("distribution") != EXTRA_DISTRIBUTION)
        for widget in (self.wheel_button, self.folder_button, self.package_button, self.package_edit):
            widget.setEnabled(not busy)

    # -- running commands -------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the plugins again (in a child process)."""
        self._run(["list", "--json"], self.tr("Looking for plugins…"), self._on_list_finished)

    def install(self, spec: str) -> None:
        self._run(["install", spec], self.tr("Installing %s…") % spec, self._on_change_finished)

    def run_action(self, action: str, name: str) -> None:
        """``enable``, ``disable`` or ``uninstall`` the plugin ``name``."""
        words = {"enable": self.tr("Enabling %s…"), "disable": self.tr("Disabling %s…"),
                 "uninstall": self.tr("Uninstalling %s…")}
        self._run([action, name], words[action] % name, self._on_change_finished)

    def _run(self, args: list[str], text: str, done) -> None:
        if self._command is not None:
            return
        self._command = PluginCommand(args, self)
        self._command.finished.connect(lambda code, out, err, a=args: done(a, code, out, err))
        self.progress.show()
        self.message.setText(text)
        if args[0] != "list":
            self.output.hide()
        self._update_buttons()
        self._command.start()

    def _end_command(self) -> None:
        if self._command is not None:
            self._command.deleteLater()
        self._command = None
        self.progress.hide()
        self._update_buttons()

    def _on_list_finished(self, args, code: int, out: str, err: str) -> None:
        self._end_command()
        try:
            records = json.loads(out) if code == 0 else None
        except ValueError:
            records = None
        if not isinstance(records, list):
            self._fail(self.tr("Could not list the plugins."), out, err)
            return
        self.records = records
        previous = (self.selected() or {}).get("name")
        self.tree.clear()
        for record in records:
            item = QTreeWidgetItem([record["name"], record.get("version", "?"), origin_of(record),
                                    ", ".join(record.get("models", [])), ", ".join(record.get("readers", [])),
                                    state_of(record)])
            item.setData(0, Qt.ItemDataRole.UserRole, record)
            item.setToolTip(2, record.get("distribution", ""))
            if record.get("error"):
                item.setToolTip(5, record["error"])
            self.tree.addTopLevelItem(item)
        if previous:
            self.select(previous)
        if not self.message.text() or self.message.text() == self.tr("Looking for plugins…"):
            self.message.setText(self.tr("%d plugins.") % len(records))
        self._update_buttons()
        self.listed.emit(records)

    def _on_change_finished(self, args, code: int, out: str, err: str) -> None:
        self._end_command()
        if code != 0:
            self._fail(self.tr("“wordpad-ai plugins %s” failed.") % " ".join(args), out, err)
            return
        lines = [line for line in out.strip().splitlines() if line.strip()]
        text = (lines[-1].rstrip(".") + ".") if lines else self.tr("Done.")
        text += " " + self.tr("The suggestion engine reloads its plugins.")
        self.message.setText(text)
        self.action_finished.emit(True, text)
        self.plugins_changed.emit()
        self.refresh()

    def _fail(self, text: str, out: str, err: str) -> None:
        self.message.setText(text + " " + self.tr("The output is below."))
        self.output.setPlainText((out + "\n" + err).strip())
        self.output.show()
        self.action_finished.emit(False, text)

    # -- buttons ----------------------------------------------------------------------------------
    def _on_selected(self, action: str) -> None:
        record = self.selected()
        if record is None:
            return
        if action == "uninstall" and not self.confirm_uninstall(record):
            return
        self.run_action(action, record["name"])

    def confirm_uninstall(self, record: dict) -> bool:
        """Ask before removing a package: its models leave the Model menu."""
        models = ", ".join(record.get("models") or []) or self.tr("none")
        answer = QMessageBox.question(
            self, self.tr("Uninstall Plugin"),
            self.tr("Uninstall the plugin “%s” (%s)? Its models (%s) leave the Model menu. "
                    "You can install it again later.")
            % (record["name"], record.get("distribution") or record["name"], models),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _on_wheel_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Install a plugin wheel"), "",
                                              self.tr("Python wheels (*.whl);;All files (*)"))
        if name:
            self.install(name)

    def _on_folder_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Install a plugin from its folder"))
        if folder:
            self.install(folder)

    def _on_package_button_clicked(self) -> None:
        spec = self.package_edit.text().strip()
        if spec:
            self.install(spec)


class PluginsController(QObject):
    """Opens the Plugins window (Tools → Plugins…) and reloads the engine after a change."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window  # the MainWindow: its Tools menu and engine
        self.dialog: PluginsWindow | None = None

    def show_window(self) -> PluginsWindow:
        if self.dialog is None:
            self.dialog = PluginsWindow(self._window)
            self.dialog.plugins_changed.connect(self._on_dialog_plugins_changed)
        self.dialog.show()
        self.dialog.raise_()
        if not self.dialog.busy():
            self.dialog.refresh()
        return self.dialog

    def _on_dialog_plugins_changed(self) -> None:
        self._window.restart_engine()  # a fresh engine process loads the plugins as they are now
