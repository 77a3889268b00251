"""Application entry point for the GUI (placeholder window until the editor lands)."""

from __future__ import annotations

import sys


def run_app(files: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("WordPad AI")
    window.setCentralWidget(QPlainTextEdit())
    window.resize(900, 640)
    window.show()
    return app.exec()


def main() -> int:
    return run_app(sys.argv[1:])
