"""Drive the real editor's Tools → Plugins… window in a child process (run with the Python of a
fresh venv, see tests/plugin_venv.py), printing one JSON line per step for the test to check.

``python plugins_child.py WHEEL``: wait for the engine; open the Plugins window; install WHEEL
with the window; wait for its model in the Model menu; disable it with the window's button; wait
for the model to leave the menu; uninstall it; try a wheel that does not exist; exit.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEP_TIMEOUT_S = 120.0  # longest wait for one step (pip, an engine restart)


def report(step: str, **values) -> None:
    print(json.dumps({"step": step, **values}), flush=True)


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from wordpad_ai.ui.app import _application, create_window

    wheel = sys.argv[1]
    app = _application("wordpad-ai")
    window = create_window([], recover=False)
    state = {"finished": [], "dialog": None, "asked": []}

    def answer_box(button) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            state["asked"].append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(50, lambda: answer_box(button))

    def model_menu() -> list[str]:
        return [a.data() for a in window.menu_actions.model_menu.actions() if a.data()]

    def ready() -> bool:
        return window.engine is not None and window.engine.is_ready()

    def steps():
        yield ready
        dialog = window.basics.plugins.show_window()
        dialog.action_finished.connect(lambda ok, text: state["finished"].append((ok, text)))
        yield lambda: not dialog.busy() and dialog.records
        report("listed", plugins={r["name"]: [r["status"], r["version"]] for r in dialog.records},
               models=model_menu())

        dialog.install(wheel)
        yield lambda: state["finished"]
        ok, text = state["finished"].pop()
        yield lambda: not dialog.busy() and ready() and "bigram" in model_menu()
        record = {r["name"]: r for r in dialog.records}.get("bigram", {})
        assert dialog.select("bigram")
        row = dialog.tree.currentItem()
        report("installed", ok=ok, message=text, models=model_menu(),
               row=[row.text(i) for i in range(dialog.tree.columnCount())], status=record.get("status"))

        assert dialog.select("bigram")
        dialog.disable_button.click()
        yield lambda: state["finished"]
        ok, text = state["finished"].pop()
        yield lambda: not dialog.busy() and ready() and "bigram" not in model_menu() and model_menu()
        status = {r["name"]: r["status"] for r in dialog.records}.get("bigram")
        report("disabled", ok=ok, message=text, models=model_menu(), status=status,
               enable_enabled=dialog.enable_button.isEnabled())

        assert dialog.select("bigram")
        QTimer.singleShot(50, lambda: answer_box(QMessageBox.StandardButton.Yes))
        dialog.uninstall_button.click()  # asks first
        yield lambda: state["finished"]
        ok, text = state["finished"].pop()
        yield lambda: not dialog.busy() and ready()
        report("uninstalled", ok=ok, asked=state["asked"], plugins=sorted(r["name"] for r in dialog.records), models=model_menu())

        dialog.install(os.path.join(os.path.dirname(wheel), "no-such-plugin-1.0-py3-none-any.whl"))
        yield lambda: state["finished"]
        ok, text = state["finished"].pop()
        report("failed", ok=ok, message=dialog.message.text(), output_shown=dialog.output.isVisible(),
               output=dialog.output.toPlainText())

    script = steps()
    waiting = {"until": None, "since": time.monotonic()}

    def tick() -> None:
        try:
            if waiting["until"] is None or waiting["until"]():
                waiting["until"], waiting["since"] = next(script), time.monotonic()
            elif time.monotonic() - waiting["since"] > STEP_TIMEOUT_S:
                report("timeout", models=model_menu())
                app.exit(1)
                return
        except StopIteration:
            window.editor.document().setModified(False)
            app.exit(0)
            return
        except Exception as exc:  # a failed check: say which, do not hang
            report("error", error=f"{type(exc).__name__}: {exc}", models=model_menu())
            window.editor.document().setModified(False)
            app.exit(1)
            return
        QTimer.singleShot(50, tick)

    window.show()
    QTimer.singleShot(0, tick)
    code = app.exec()
    window.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
