"""Small file helpers shared by settings, model stores and trainers (no Qt, no TensorFlow).

Everything WordPad AI keeps about the user (settings, autosaves, trained models, checkpoints, the
training folder's plain-text copy of their documents) is private to them: folders 0700, files
0600. :func:`atomic_write_bytes` writes 0600 files into 0700 folders by default,
:func:`make_private_dirs` creates folders that way, :func:`make_tree_private` tightens a tree
written by a library (numpy, TensorFlow), and :func:`use_private_umask` makes a process that only
writes user data (the trainer, the engine) create everything private. The user's own documents
are the exception: :mod:`wordpad_ai.documents` saves them with the mode they had.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700  # rwx for the user, nothing for group and others
PRIVATE_FILE_MODE = 0o600  # rw for the user, nothing for group and others
PRIVATE_UMASK = 0o077  # a umask under which new files and folders come out private


def make_private_dirs(path: Path) -> Path:
    """Create ``path`` and its missing parents as private folders (0700); return ``path``.
    Folders that already exist keep their mode (a user's home is not ours to change)."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process
        _chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is masked by the umask
    if not path.is_dir():
        raise NotADirectoryError(f"{path} exists and is not a folder")
    return path


def make_private(path: Path) -> None:
    """Make one existing folder 0700 or file 0600 (symbolic links are left alone)."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        return
    wanted = PRIVATE_DIR_MODE if stat.S_ISDIR(st.st_mode) else PRIVATE_FILE_MODE
    if stat.S_IMODE(st.st_mode) != wanted:
        _chmod(path, wanted)


def _chmod(path: Path, mode: int) -> None:
    """chmod, where the file system allows it: some (FAT, some network shares) refuse or
    ignore permission bits, and a portable install there must still work."""
    try:
        os.chmod(path, mode)
    except OSError as exc:
        log.debug("cannot set the mode of %s to %o: %s", path, mode, exc)


def make_tree_private(root: Path) -> None:
    """Make ``root`` and everything under it private: folders 0700, files 0600. Links are not
    followed."""
    root = Path(root)
    make_private(root)
    for folder, dirs, files in os.walk(root):
        for name in (*dirs, *files):
            try:
                make_private(Path(folder) / name)
            except FileNotFoundError:  # removed meanwhile
                continue


def use_private_umask() -> int:
    """Make every file and folder this process creates from now on private to the user; return
    the previous umask. For processes that write only user data (trainer, engine): never the GUI,
    which saves the user's documents."""
    return os.umask(PRIVATE_UMASK)


def atomic_write_bytes(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace the
    target with one ``os.replace`` (atomic on POSIX and Windows). The file gets ``mode`` (private
    by default); a missing folder is created private.
    """
    path = Path(path)
    make_private_dirs(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode != PRIVATE_FILE_MODE and hasattr(os, "fchmod"):
                try:
                    os.fchmod(handle.fileno(), mode)
                except OSError as exc:  # a file system without permission bits
                    log.debug("cannot set the mode of %s: %s", tmp, exc)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode != PRIVATE_FILE_MODE and not hasattr(os, "fchmod"):
            _chmod(Path(tmp), mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8",
                      mode: int = PRIVATE_FILE_MODE) -> None:
    atomic_write_bytes(path, text.encode(encoding), mode)


def atomic_write_json(path: Path, obj: Any, mode: int = PRIVATE_FILE_MODE) -> None:
    """``obj`` as readable UTF-8 JSON; strings that cannot be UTF-8 (file names that are not,
    held as lone surrogates) are written as ``\\udcff`` escapes, which read back the same."""
    text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")
    atomic_write_bytes(path, data, mode)
