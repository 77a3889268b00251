"""Run the real editor in a child process for tests that must kill it or inspect its modules.

``python gui_child.py autosave TEXT``: open the window, type TEXT with real key events, print
"AUTOSAVED <file>" once the crash-recovery snapshot is on disk, then wait to be killed.
``python gui_child.py modules``: open the window, type "The ", wait for a suggestion from the
engine, print "SUGGESTED <word>" and "TENSORFLOW <True|False>" (is it in this process?), exit.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from wordpad_ai.ui.app import _application, create_window

    mode = sys.argv[1]
    app = _application("wordpad-ai")
    window = create_window([], recover=False)

    if mode == "autosave":
        def type_text() -> None:
            QTest.keyClicks(window.editor, sys.argv[2])
            poll()

        def poll() -> None:
            if window.autosaver.file.exists():
                print("AUTOSAVED", window.autosaver.file, flush=True)
            else:
                QTimer.singleShot(50, poll)

        QTimer.singleShot(0, type_text)
        return app.exec()

    def on_shown(revision: int, suggestions: list) -> None:
        if suggestions:
            print("SUGGESTED", suggestions[0].word, flush=True)
            print("TENSORFLOW", "tensorflow" in sys.modules, flush=True)
            window.editor.document().setModified(False)
            app.quit()

    window.suggestions.suggestions_shown.connect(on_shown)
    window.engine_started.connect(lambda: QTest.keyClicks(window.editor, "The "))
    QTimer.singleShot(120_000, lambda: app.exit(1))
    app.exec()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
