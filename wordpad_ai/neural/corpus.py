"""Turning the training text into token-id files, and batching it for tf.data.

The documents arrive already read and split (:class:`~wordpad_ai.training.reading.TrainingText`:
the app's one reading step and held-out split). Pass 1 (:func:`scan_corpus`) tokenizes the
training and validation units, counts tokens and written forms, and appends *provisional* ids
(one per distinct token seen) to a train and a validation file on disk — memory stays bounded by
the number of distinct words. :func:`finalize_ids` maps provisional ids to the chosen vocabulary
in chunks; :func:`batches` serves [B, T+1] windows from the memory-mapped file in a seeded order
per epoch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import numpy as np

from ..text.casing import count_forms
from ..text.tokenize import EOS, iter_surface, normalise, plain_quotes
from ..text.vocab import Vocabulary

if TYPE_CHECKING:
    from ..training.reading import TrainingText


@dataclass
class CorpusScan:
    """What pass 1 learned about the text."""

    counts: Counter = field(default_factory=Counter)  # model-token counts (both parts)
    form_counts: Counter = field(default_factory=Counter)  # written forms away from sentence starts
    provisional: list[str] = field(default_factory=list)  # provisional id → token
    train_tokens: int = 0  # tokens written to the train file
    val_tokens: int = 0  # tokens written to the validation file
    train_file: Path | None = None  # provisional ids, int32
    val_file: Path | None = None


def scan_corpus(text: "TrainingText", work_dir: Path,
                should_stop: Callable[[], bool] = lambda: False) -> CorpusScan:
    """Tokenize the train and validation units of ``text`` into provisional-id files."""
    work_dir.mkdir(parents=True, exist_ok=True)
    scan = CorpusScan(train_file=work_dir / "train.prov", val_file=work_dir / "val.prov")
    index: dict[str, int] = {}
    for part, file in (("train", scan.train_file), ("validation", scan.val_file)):
        tokens = 0
        with open(file, "wb") as fh:
            for unit in text.iter_units(part):
                if should_stop():
                    break
                surface = list(iter_surface(plain_quotes(unit)))
                if not surface:
                    continue
                if surface[-1] != EOS:
                    surface.append(EOS)
                count_forms(surface, scan.form_counts)
                toks = [normalise(t) for t in surface]
                scan.counts.update(toks)
                ids = np.fromiter((index.setdefault(t, len(index)) for t in toks), np.int32, len(toks))
                fh.write(ids.tobytes())
                tokens += len(ids)
        if part == "train":
            scan.train_tokens = tokens
        else:
            scan.val_tokens = tokens
    scan.provisional = list(index)
    return scan


def finalize_ids(scan: CorpusScan, vocab: Vocabulary, work_dir: Path,
                 min_val_tokens: int) -> tuple[np.ndarray, np.ndarray]:
    """Vocabulary ids of the train and validation text, memory-mapped from ``work_dir``.

    With too little validation text (few paragraphs) the last tenth of the training text is
    held out instead, so there is always something to measure."""
    remap = np.array(vocab.ids(scan.provisional), np.int32)
    out = []
    for src, name in ((scan.train_file, "train.ids"), (scan.val_file, "val.ids")):
        prov = np.memmap(src, np.int32, mode="r") if src.stat().st_size else np.zeros(0, np.int32)
        dst = np.lib.format.open_memmap(work_dir / f"{name}.npy", mode="w+", dtype=np.int32,
                                        shape=(len(prov),))
        for a in range(0, len(prov), 1 << 20):
            dst[a:a + (1 << 20)] = remap[prov[a:a + (1 << 20)]]
        dst.flush()
        del dst
        out.append(np.load(work_dir / f"{name}.npy", mmap_mode="r"))
    train, val = out
    if len(val) < min_val_tokens and len(train) >= 4 * min_val_tokens:
        cut = len(train) - max(min_val_tokens, len(train) // 10)
        train, val = train[:cut], train[cut:]
    return train, val


def windows_per_epoch(n_tokens: int, seq_len: int) -> int:
    return max(0, (n_tokens - 1) // seq_len)


def steps_per_epoch(n_tokens: int, seq_len: int, batch_size: int) -> int:
    return max(1, windows_per_epoch(n_tokens, seq_len) // batch_size)


def batches(ids: np.ndarray, seq_len: int, batch_size: int, seed: int, epoch: int,
            start_batch: int = 0, shuffle: bool = True) -> Iterator[np.ndarray]:
    """[batch_size, seq_len + 1] int32 windows of one epoch, in a seeded order.

    Window starts are shifted by a per-epoch offset so each epoch cuts the text differently;
    with fewer windows than one batch, windows repeat to fill it."""
    rng = np.random.default_rng([seed, epoch])
    offset = int(rng.integers(0, seq_len)) if shuffle and len(ids) - 1 >= 2 * seq_len else 0
    n = windows_per_epoch(len(ids) - offset, seq_len)
    if n == 0:
        return
    order = rng.permutation(n) if shuffle else np.arange(n)
    steps = steps_per_epoch(len(ids), seq_len, batch_size)  # the same with any offset
    if len(order) < steps * batch_size:
        order = np.resize(order, steps * batch_size)
    cols = np.arange(seq_len + 1)
    for b in range(start_batch, steps):
        starts = offset + order[b * batch_size:(b + 1) * batch_size] * seq_len
        yield np.asarray(ids[starts[:, None] + cols[None, :]], np.int32)


def run_batches(ids: np.ndarray, seq_len: int, batch_size: int, seed: int, per_epoch: int,
                epochs: int | None, start_step: int = 0) -> Iterator[np.ndarray]:
    """Every remaining batch of a run, epoch after epoch (for ever when ``epochs`` is None), from
    ``start_step`` on; the order depends only on the seed and the step, so a resumed run goes on
    exactly where it stopped."""
    step = start_step
    while epochs is None or step // per_epoch < epochs:
        epoch, start = divmod(step, per_epoch)
        for b in batches(ids, seq_len, batch_size, seed, epoch, start):
            yield b
            step += 1
