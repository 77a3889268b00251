"""Hyper-parameters of the recurrent language models, one frozen dataclass (``--hp`` overrides)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping


# Fields that fix the weights' shapes: a fine-tuned model must keep its base model's values.
SHAPE_FIELDS = ("cell", "embed_dim", "hidden_dim", "tie_weights")


@dataclass(frozen=True)
class LMConfig:
    """Model shape and training settings; stored in ``config.json`` of every model directory."""

    # -- model shape --
    cell: str = "lstm"  # the model id whose cell class made these weights ("lstm", "rnn", a plugin's)
    vocab_size: int = 20_000  # cap on the model vocabulary, specials included
    embed_dim: int = 128  # word embedding size d
    hidden_dim: int = 256  # recurrent state size n
    tie_weights: bool = True  # output layer reuses the embedding (a projection n → d if n ≠ d)
    # -- vocabulary and lexicon --
    min_count: int = 2  # a word needs this many occurrences to enter the vocabulary
    lexicon_size: int = 50_000  # words kept with counts for completing partly typed words
    extend_vocab: int = 2_000  # fine-tuning: at most this many new words join the vocabulary
    # -- training --
    seq_len: int = 32  # tokens per training sequence (truncated back-propagation length)
    batch_size: int = 32  # sequences per optimiser step (global, over all replicas)
    learning_rate: float = 3e-3  # Adam peak learning rate
    warmup_steps: int = 100  # linear learning-rate warm-up
    min_lr_ratio: float = 0.1  # cosine decay ends at this share of the peak rate
    clip_norm: float = 1.0  # global-norm gradient clipping, to mitigate exploding gradients
    dropout: float = 0.1  # dropout on embeddings and cell outputs while training
    num_sampled: int = 0  # >0: sampled-softmax training loss with this many negatives
    epochs: int = 3  # passes over the data when the job sets neither epochs nor a time budget
    eval_every: int = 200  # optimiser steps between validation runs
    eval_batches: int = 20  # batches per validation run (full softmax)
    patience: int = 3  # early stop after this many validation runs without improvement
    log_every: int = 10  # optimiser steps between progress events
    checkpoint_every: int = 200  # optimiser steps between checkpoints (when resumable)
    unroll: str = "loop"  # "loop" (python loop in tf.function) or "scan" (tf.scan)

    def replace(self, **changes: Any) -> "LMConfig":
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "LMConfig":
        """Read a stored config; unknown keys are an error, missing keys take the defaults."""
        return cls().with_overrides(data, strict_types=True)

    def with_overrides(self, overrides: Mapping[str, Any], strict_types: bool = False) -> "LMConfig":
        """A copy with ``overrides`` applied; string values (from ``--hp k=v``) are converted to
        the field's type. Raises ``ValueError`` naming a bad key or value."""
        fields = {f.name: f for f in dataclasses.fields(self)}
        changes = {}
        for key, value in overrides.items():
            if key not in fields:
                raise ValueError(f"unknown hyper-parameter {key!r} (known: {', '.join(fields)})")
            default = getattr(self, key)
            changes[key] = _convert(key, value, type(default), strict_types)
        return dataclasses.replace(self, **changes)


def _convert(key: str, value: Any, kind: type, strict: bool) -> Any:
    if isinstance(value, str) and kind is not str and not strict:
        try:
            if kind is bool:
                if value.lower() not in ("1", "0", "true", "false", "yes", "no"):
                    raise ValueError
                return value.lower() in ("1", "true", "yes")
            return kind(value)
        except ValueError:
            raise ValueError(f"hyper-parameter {key}={value!r} is not a valid {kind.__name__}") from None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"hyper-parameter {key}={value!r} is not a valid {kind.__name__}")
    return value
