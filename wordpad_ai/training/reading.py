"""The one way in for training text: read the user's documents once and split them once.

:func:`read_training_text` walks the given files and folders (``readers.walk``), reads every
document with the built-in readers and the plugins' (``readers.read_document``), cuts it into
units (paragraphs, or lines for a text without blank lines) and sends each unit to one part by a
hash of (seed, file name, unit number) (:class:`SplitRule`): ``train``, ``validation`` (what the
trainer measures while it trains: early stopping, the live chart) and ``heldout`` (never trained
or validated on: the before/after report). The parts go to a folder, so memory stays that of one
document, and a rerun of the same job gets the same units::

    train.txt          training units as UTF-8 text, separated by blank lines (a model plugin
                       with its own trainer reads this file as its ``TrainingJob.paths``)
    validation.txt     validation units, the same way
    heldout.jsonl      the held-out units of each document joined by blank lines, a JSON string a line
    manifest.json      what was read and skipped, words per part, reading time

``wordpad-ai train``, the dialog's runner and the report all use it; the trainer receives the
folder (:class:`TrainingText`) and reads no document itself. Reading can be given a deadline, so
hostile or huge inputs cannot use up a time budget: files not read by then are listed as skipped.
No Qt, no TensorFlow.
"""

from __future__ import annotations

import json
import os
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from ..fileutil import atomic_write_json
from ..text import readers
from ..text.tokenize import split_paragraphs

TRAIN, VALIDATION, HELDOUT = "train", "validation", "heldout"
PARTS = (TRAIN, VALIDATION, HELDOUT)
MANIFEST = "manifest.json"
NOT_READ_REASON = "not read: reading stopped at its time limit (train with a longer budget or fewer files)"


def shown_path(path: Path | str) -> str:
    """A path as people and JSON may see it: bytes that are not UTF-8 as ``\\xff``, control
    characters (a newline in a name) as escapes. Any name the OS allows becomes one safe line."""
    raw = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in raw)


def text_units(text: str) -> list[str]:
    """Paragraphs; a text without blank lines is split into its lines instead."""
    paragraphs = split_paragraphs(text)
    if len(paragraphs) <= 1:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            return lines
    return paragraphs


@dataclass(frozen=True)
class SplitRule:
    """Which part each unit of text goes to: the one held-out split of the app."""

    heldout: float = 0.0  # share of units held out for the before/after report
    validation: float = 0.1  # share of units the trainer validates on
    seed: int = 0  # the split's hash seed

    def part(self, path: Path | str, index: int) -> str:
        """The part of unit ``index`` of the document at ``path``: deterministic, and keyed by the
        file's name, so it stays the same when the folder moves."""
        key = f"{self.seed}\0{Path(path).name}\0{index}".encode("utf-8", "surrogatepass")
        bucket = zlib.crc32(key) % 10_000
        if bucket < self.heldout * 10_000:
            return HELDOUT
        if bucket < (self.heldout + self.validation) * 10_000:
            return VALIDATION
        return TRAIN

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class TrainingText:
    """The user's documents read once and split (a folder written by :func:`read_training_text`)."""

    folder: Path  # where the parts are
    documents: tuple[tuple[str, int], ...]  # (shown path, words) of every document read
    skipped: tuple[tuple[str, str], ...]  # (shown path, reason) of every file left out
    words: Mapping[str, int]  # words per part
    units: Mapping[str, int]  # units per part
    read_s: float  # seconds spent reading
    rule: SplitRule  # how it was split

    def part_file(self, part: str) -> Path:
        """The text file of ``part`` (train or validation)."""
        return self.folder / f"{part}.txt"

    def iter_units(self, part: str) -> Iterator[str]:
        """The units of ``part`` (train or validation), one at a time, in reading order."""
        lines: list[str] = []
        with open(self.part_file(part), encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    lines.append(line)
                elif lines:
                    yield "".join(lines).rstrip("\n")
                    lines = []
        if lines:
            yield "".join(lines).rstrip("\n")

    def heldout_texts(self) -> tuple[str, ...]:
        """The held-out text of each document that has some."""
        with open(self.folder / f"{HELDOUT}.jsonl", encoding="ascii") as fh:
            return tuple(json.loads(line) for line in fh)

    def summary(self) -> str:
        """One line: "read 3 documents (1,234 words) in 0.4 s; 2 skipped"."""
        n = len(self.documents)
        line = (f"read {n} document{'s' if n != 1 else ''} ({sum(w for _, w in self.documents):,} words) "
                f"in {self.read_s:.1f} s")
        return line + (f"; {len(self.skipped)} skipped" if self.skipped else "")

    @classmethod
    def open(cls, folder: Path | str) -> "TrainingText":
        folder = Path(folder)
        meta = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return cls(folder=folder, documents=tuple((p, int(w)) for p, w in meta["documents"]),
                   skipped=tuple((p, r) for p, r in meta["skipped"]), words=dict(meta["words"]),
                   units=dict(meta["units"]), read_s=float(meta["read_s"]), rule=SplitRule(**meta["rule"]))


class _PartWriter:
    """Appends units to one part's file, remembering where the last one starts (tiny texts)."""

    def __init__(self, path: Path):
        self.fh = open(path, "wb")
        self.size = self.units = self.words = 0
        self.last: tuple[int, str] | None = None  # (offset, unit) of the last unit written

    def add(self, unit: str) -> None:
        line = (unit.strip("\n") + "\n\n").encode("utf-8", "replace")  # units hold no blank line
        self.last = (self.size, unit)
        self.fh.write(line)
        self.size += len(line)
        self.units += 1
        self.words += readers.count_words(unit)

    def take_last(self) -> str:
        """Remove the last unit written and return it."""
        offset, unit = self.last
        self.fh.seek(offset)
        self.fh.truncate()
        self.size = offset
        self.last = None
        self.units -= 1
        self.words -= readers.count_words(unit)
        return unit


def read_training_text(paths: Iterable[str | Path], folder: Path, rule: SplitRule, *,
                       extra_readers: readers.ExtraReaders | None = None,
                       max_file_bytes: int = readers.DEFAULT_MAX_FILE_BYTES,
                       read_until: float | None = None,
                       should_stop: Callable[[], bool] = lambda: False,
                       on_file: Callable[[Path], None] | None = None) -> TrainingText:
    """Read the documents under ``paths`` once, split them by ``rule`` into ``folder``.

    ``extra_readers`` are the plugins' readers (``PluginHost.readers``); ``read_until`` is a
    ``time.monotonic()`` deadline after which no further file is read (those left are listed as
    skipped); ``should_stop()`` ends reading early (the caller decides what that means);
    ``on_file(path)`` is called before each file is read. At least one unit is held out (when
    ``rule.heldout`` > 0) and one trained on whenever there are two.
    """
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    writers = {part: _PartWriter(folder / f"{part}.txt") for part in (TRAIN, VALIDATION)}
    heldout: list[list[str]] = []  # held-out units per document (a small share of the text)
    documents: list[tuple[str, int]] = []
    skipped: list[tuple[str, str]] = []
    try:
        for path, problem in readers.walk(paths):
            if problem is None and should_stop():
                break
            if problem is None and read_until is not None and time.monotonic() >= read_until:
                problem = NOT_READ_REASON
            if problem is not None:
                skipped.append((shown_path(path), problem))
                continue
            if on_file is not None:
                on_file(path)
            try:
                text = readers.read_document(path, max_bytes=max_file_bytes, extra_readers=extra_readers)
            except readers.UnreadableDocument as exc:
                skipped.append((shown_path(path), exc.reason))
                continue
            held, words = _split_document(path, text, rule, writers)
            del text
            if held:
                heldout.append(held)
            documents.append((shown_path(path), words))
        _keep_one_each(rule, writers, heldout)
    finally:
        for w in writers.values():
            w.fh.close()
    heldout_texts = ["\n\n".join(units) for units in heldout if units]
    with open(folder / f"{HELDOUT}.jsonl", "w", encoding="ascii") as fh:
        for t in heldout_texts:
            fh.write(json.dumps(t) + "\n")
    words = {TRAIN: writers[TRAIN].words, VALIDATION: writers[VALIDATION].words,
             HELDOUT: sum(readers.count_words(t) for t in heldout_texts)}
    units = {TRAIN: writers[TRAIN].units, VALIDATION: writers[VALIDATION].units,
             HELDOUT: sum(len(u) for u in heldout)}
    text = TrainingText(folder=folder, documents=tuple(documents), skipped=tuple(skipped), words=words,
                        units=units, read_s=round(time.monotonic() - started, 2), rule=rule)
    atomic_write_json(folder / MANIFEST, {
        "documents": [list(d) for d in text.documents], "skipped": [list(s) for s in text.skipped],
        "words": words, "units": units, "read_s": text.read_s, "rule": rule.to_json()})
    return text


def _split_document(path: Path, text: str, rule: SplitRule,
                    writers: Mapping[str, _PartWriter]) -> tuple[list[str], int]:
    """Send each unit of one document to its part: (its held-out units, its words)."""
    held: list[str] = []
    words = 0
    for i, unit in enumerate(text_units(text)):
        part = rule.part(path, i)
        if part == HELDOUT:
            held.append(unit)
            words += readers.count_words(unit)
        else:
            before = writers[part].words
            writers[part].add(unit)
            words += writers[part].words - before
    return held, words


def _keep_one_each(rule: SplitRule, writers: Mapping[str, _PartWriter], heldout: list[list[str]]) -> None:
    """Tiny collections: hold out one unit when none was (and some is asked for), and train on
    one when none would be."""
    train, val = writers[TRAIN], writers[VALIDATION]
    total = train.units + val.units + sum(len(h) for h in heldout)
    if total < 2:
        return
    if rule.heldout > 0 and not any(heldout):
        source = train if train.units > 1 or val.last is None else val
        if source.last is not None:
            heldout.append([source.take_last()])
    if train.units == 0:
        if val.last is not None and (val.units > 1 or any(heldout)):
            train.add(val.take_last())
        elif any(len(h) for h in heldout) and sum(len(h) for h in heldout) > 1:
            donor = max(heldout, key=len)
            train.add(donor.pop(0))
