"""Reading members of a zip-based document (.docx, .odt) with a cap on what they unpack to.

A 2 MB .docx can hold a member that inflates to gigabytes (a "zip bomb"); the file-size limit of
:func:`~wordpad_ai.text.readers.read_document` only sees the 2 MB. So the office readers never
ask a library to open the archive: they stream the members they need through
:func:`iter_member`, a few tens of kilobytes at a time, counting the *decompressed* bytes against
one :class:`UnpackBudget` per document, and stop with :class:`UnpackLimitExceeded` as soon as
the budget is spent. Memory stays that of one chunk plus what the parser keeps (the text).

:func:`open_zip` also refuses an archive whose central directory (the list of its members) is
larger than :data:`MAX_DIRECTORY_BYTES` before :mod:`zipfile` builds one object per member.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import BinaryIO, Iterator

__all__ = ["UnpackBudget", "UnpackLimitExceeded", "open_zip", "iter_member", "read_member",
           "CHUNK_BYTES", "MAX_DIRECTORY_BYTES"]

CHUNK_BYTES = 64 * 1024  # decompressed bytes read from a member at a time
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024  # central directory larger than this: ~300k members, refused
_EOCD = b"PK\x05\x06"  # signature of the end-of-central-directory record
_EOCD_SIZE = 22  # its size without the trailing comment (at most 65,535 bytes)
_ZIP64_LOCATOR = b"PK\x06\x07"  # signature of the ZIP64 end-of-central-directory locator
_ZIP64_EOCD = b"PK\x06\x06"  # signature of the ZIP64 end-of-central-directory record


class UnpackLimitExceeded(Exception):
    """A document's archive unpacks to more than its budget allows."""

    def __init__(self, limit: int, member: str):
        super().__init__(limit, member)
        self.limit = limit  # the budget in decompressed bytes
        self.member = member  # the member being read when it ran out ("word/document.xml")


class UnpackBudget:
    """Decompressed bytes one document may still unpack (shared by all its members)."""

    def __init__(self, limit: int):
        self.limit = limit  # the whole budget, bytes
        self.used = 0  # decompressed bytes read so far

    def take(self, n: int, member: str) -> None:
        """Count ``n`` more bytes of ``member``; raise :class:`UnpackLimitExceeded` past the limit."""
        self.used += n
        if self.used > self.limit:
            raise UnpackLimitExceeded(self.limit, member)


def _directory_size(handle: BinaryIO) -> int | None:
    """The central directory's size declared at the end of the archive (in the ZIP64 record
    when the classic one says 0xFFFFFFFF), or None when there is no end record (zipfile then
    says "not a zip file")."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    tail_len = min(size, _EOCD_SIZE + 0xFFFF)
    handle.seek(size - tail_len)
    tail = handle.read(tail_len)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None
    declared = int.from_bytes(tail[at + 12:at + 16], "little")
    if declared != 0xFFFFFFFF:
        return declared
    locator = tail[max(0, at - 20):at]  # ZIP64 locator: signature, disk, record offset, disks
    if len(locator) < 20 or not locator.startswith(_ZIP64_LOCATOR):
        return None
    handle.seek(int.from_bytes(locator[8:16], "little"))
    record = handle.read(56)
    if len(record) < 56 or not record.startswith(_ZIP64_EOCD):
        return None
    return int.from_bytes(record[40:48], "little")


def open_zip(path: Path) -> zipfile.ZipFile:
    """``path`` opened as a zip archive. Raise :class:`UnpackLimitExceeded` (member ``""``) when
    its list of members alone is larger than :data:`MAX_DIRECTORY_BYTES` (checked before
    :mod:`zipfile` reads it), and ``zipfile.BadZipFile`` when it is not a zip archive."""
    with open(path, "rb") as handle:
        declared = _directory_size(handle)
    if declared is not None and declared > MAX_DIRECTORY_BYTES:
        raise UnpackLimitExceeded(MAX_DIRECTORY_BYTES, "")
    return zipfile.ZipFile(path)


def iter_member(archive: zipfile.ZipFile, name: str, budget: UnpackBudget) -> Iterator[bytes]:
    """The decompressed bytes of member ``name``, :data:`CHUNK_BYTES` at a time, each chunk
    counted against ``budget`` before it is yielded. ``KeyError`` when there is no such member;
    ``zipfile.BadZipFile`` (bad CRC) or ``zlib.error`` when the member is damaged. A member
    whose declared size is already over the budget is refused without unpacking anything."""
    if archive.getinfo(name).file_size > budget.limit - budget.used:
        raise UnpackLimitExceeded(budget.limit, name)
    with archive.open(name) as member:
        while True:
            chunk = member.read(CHUNK_BYTES)
            if not chunk:
                return
            budget.take(len(chunk), name)
            yield chunk


def read_member(archive: zipfile.ZipFile, name: str, budget: UnpackBudget) -> bytes:
    """The whole (small) member ``name``, within ``budget``."""
    return b"".join(iter_member(archive, name, budget))
