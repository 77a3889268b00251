"""The one exception a user's document can cause: :class:`UnreadableDocument`.

Its own module so that the readers (:mod:`.readers`) and the format parsers (:mod:`.formats`)
can both raise it without importing each other. Plugin readers raise it too
(``wordpad_ai.text.readers.UnreadableDocument`` is the same class).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["UnreadableDocument"]


class UnreadableDocument(Exception):
    """A document that cannot be used, and why, in words the user can act on.

    ``str(exc)`` is ``"<path>: <reason>"``, e.g. ``"notes.docx: corrupt .docx: not a zip file"``.
    """

    def __init__(self, path: Path | str, reason: str):
        super().__init__(path, reason)
        self.path = Path(path)  # the file (or folder) concerned
        self.reason = reason  # short, lower-case, user-facing: "binary file", "empty" ...

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
