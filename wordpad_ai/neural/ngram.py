"""Exact n-gram statistics of the training text, mixed into the network's next-word distribution.

The recurrent network smooths towards frequent function words where a fixed phrase should be
recalled ("Thank you for your ___" → help, time). A pruned table of the training text's 2-, 3- and
4-grams remembers those phrases exactly; this module stores it compactly and mixes it in:

    p_0(w | h)  = P_net(w | h)                                   (the network: the base)
    p_k(w | h)  = κ(h_k) · max(c(h_k w) − D, 0) / c(h_k)  +  γ(h_k) · p_(k−1)(w | h)     k = 1, 2, 3
    κ(h_k)      = c(h_k) / (c(h_k) + β)
    γ(h_k)      = 1 − κ(h_k) · Σ_w kept max(c(h_k w) − D, 0) / c(h_k)
    P(w | h)    = (1 − α_m) · P_net(w | h)  +  α_m · p_3(w | h)

where h_k is the last k tokens of the context, c are training-text counts and m is the longest
context found in the table: a lone bigram context ("the") says little the network does not know
better from the whole text, and on a kind of text the table never saw it pulls towards the
training text's habits, while a 4-gram context ("thank you for your") recalls a fixed phrase, so
α grows with m (a rare word alone, whose followers the network learnt from a few examples,
gets :data:`RARE_MIX`); a context holding an unknown word (``<unk>``, all the rare words in one) is never
looked up, so m counts the words after the last unknown one (interpolated
absolute discounting with the network as the lower order; a context absent from the table passes
p_(k−1) through unchanged). κ trusts a context as far as it was seen: the e-mails quote each other,
so a 4-gram context seen 3 times often has one continuation, 3 times the same ("The parcel arrived
with a " → chocolate: P 0.44 with the full weight, 0.17 with κ). Counts below ``min_count`` are
pruned; their mass stays with γ, so the distribution still sums to 1. Token ids are the model's
vocabulary ids, < 2^16, so a context of k ≤ 3 ids packs exactly into a uint64 key (no hashing, no
collisions).

File ``ngram.npz`` in a model directory (optional; a model without it predicts with the network
alone), per order k = 1, 2, 3 (arrays named ``k{k}_...``):

    k{k}_keys    uint64 [C_k]     sorted packed contexts
    k{k}_total   uint32 [C_k]     c(h_k), pruned continuations included
    k{k}_start   uint32 [C_k + 1] offsets into the continuation arrays
    k{k}_next    uint16 [N_k]     continuation ids
    k{k}_count   uint32 [N_k]     c(h_k w)
    params       float32 [4]      (D, α_1, α_2, α_3)
    vocab_size   int64 [1]        vocabulary size the ids refer to (later appended ids are unseen)
    words        str [W]          optional: words outside the vocabulary with ids of their own in
                                  contexts, vocab_size + i (as a next word one is <unk>, id 0, as the
                                  network reads it: its mass goes to the unknown words' share)

The network reads a word outside its vocabulary as ``<unk>``, all rare words pooled; the table
knows the commonest of them by name in its contexts, so "Preheat the " → oven, "You are cordially
" → invited, "Don't cry over spilt " → milk, while "on my debit " finds no table context instead
of the pooled "on my <unk>" → chin (a context holding ``<unk>`` itself is never looked up).

A fine-tuned model appends new words to its vocabulary, so the ids stay valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

ORDERS = (1, 2, 3)  # context lengths stored (bigrams, trigrams, 4-grams)
FILE = "ngram.npz"
DISCOUNT = 0.75  # D: subtracted from every kept count
MIX = (0.0, 0.3, 0.6)  # α_1, α_2, α_3: the chain's share when the longest context found has 1, 2, 3 tokens
# β of κ(h) = c(h) / (c(h) + β): a context seen this often gets half its weight. Tuning samples,
# KSR@3, everyday / general / Vim, against none (κ = 1): β 5 +0.02 / +0.03 / +0.01 points, β 3
# ±0.00 / +0.03 / +0.01, β 10 +0.02 / +0.04 / −0.01, β 30 −0.03 / +0.01 / −0.02; team check list
# 94.4 → 95.2 %, B 90.0 → 90.7 % (β 5 and 10). Above 5, "Once upon a" loses its phrase " time".
CONFIDENCE = 5.0
# α of a lone bigram context seen fewer than RARE_CONTEXT times (α_1 is 0: the network knows a
# common word's followers better from the whole text). The network learnt a rare word's from a
# few examples, the speeches' or the e-mails' ("my favourite Italian " → newspaper; with the
# table, → place, restaurant). Tuning samples, KSR@3, everyday / general / Vim, against none:
# 0.3 below 300 +0.11 / +0.01 / +0.01 points (RNN +0.08 / +0.04 / +0.03); below 100 (0.5) +0.09
# / ±0 / ±0; below 600 +0.08 / +0.02 / +0.01; α_1 0.3 for every context +0.14 / +0.01 / −0.09,
# outside list E −1 point.
RARE_MIX = 0.3
RARE_CONTEXT = 300
ID_BITS = 16  # bits per token id in a packed key
UNKNOWN = 0  # the vocabulary's <unk> id (text.vocab): a context holding it is never looked up


def pack(ids: Sequence[int]) -> int:
    key = 0
    for i in ids:
        key = (key << ID_BITS) | int(i)
    return key


@dataclass
class NgramOrder:
    """The table of one context length."""

    keys: np.ndarray  # uint64 [C] sorted packed contexts
    total: np.ndarray  # float64 [C] c(h)
    start: np.ndarray  # int64 [C + 1]
    next: np.ndarray  # int64 [N]
    count: np.ndarray  # float64 [N]
    # the context-only words that went on after each context, within its <unk> count (optional)
    named_start: np.ndarray | None = None  # int64 [C + 1] offsets into named / named_count
    named: np.ndarray | None = None  # int64 [M] their context ids (>= vocab_size)
    named_count: np.ndarray | None = None  # float64 [M] c(h w)

    def find(self, key: int) -> int | None:
        j = int(np.searchsorted(self.keys, np.uint64(key)))
        return j if j < len(self.keys) and int(self.keys[j]) == key else None


class NgramTable:
    """The mixed-in n-gram statistics (module docstring)."""

    def __init__(self, orders: dict[int, NgramOrder], discount: float = DISCOUNT,
                 mix: Sequence[float] | float = MIX, vocab_size: int = 0, words: Sequence[str] = ()):
        self.orders = orders  # context length → table
        self.discount = discount  # D
        mix = tuple(mix) if isinstance(mix, (tuple, list)) else (mix,)
        self.mix = tuple(float(x) for x in (mix * len(ORDERS) if len(mix) == 1 else mix))  # α_m
        self.vocab_size = vocab_size  # ids at or above this are never predicted by the table
        self.words = tuple(words)  # context-only words, ids vocab_size + i (module docstring)
        self._word_ids = {w: vocab_size + i for i, w in enumerate(self.words)}

    def context_ids(self, tokens: Sequence[str], ids: Sequence[int]) -> list[int]:
        """The table's ids for a context's ``tokens`` given their vocabulary ``ids``: a word
        outside the table's vocabulary (``<unk>`` to the network, or appended to it later by
        fine-tuning) by its own context id where the table has one, else :data:`UNKNOWN`."""
        get = self._word_ids.get
        return [i if UNKNOWN < i < self.vocab_size else get(t, UNKNOWN) for t, i in zip(tokens, ids)]  # (<unk> is 0)

    # -- using it ----------------------------------------------------------------------------------
    def mixed(self, p_net: np.ndarray, ids: Sequence[int]) -> np.ndarray:
        """P(w | h) over the vocabulary from the network's distribution ``p_net`` [V] and the
        context's ids in the table (:meth:`context_ids`; only the last 3 are used)."""
        if max(self.mix) <= 0:
            return p_net
        # p_3 = G · p_net + Σ_k (Π_(j>k) γ_j) · share_k with G = Π_k γ_k: one dense product, then
        # one indexed add per order found (an order's next words are distinct, so a plain
        # fancy-index add is exact; np.add.at was ~0.3 ms of a keystroke after "the")
        found, gamma, alpha = self._chain(ids)
        if not found:
            return p_net
        out = p_net * ((1.0 - alpha) + alpha * gamma)
        for table, j, weight in found:
            lo, hi = table.start[j], table.start[j + 1]
            out[table.next[lo:hi]] += alpha * weight * self._share(table, j, table.count[lo:hi])
        return out

    def _chain(self, ids: Sequence[int]) -> tuple[list[tuple[NgramOrder, int, float]], float, float]:
        """The orders whose context is in the table, each with its row and the weight of its
        shares in p_3 (Π of the γ of the longer contexts found); G = Π γ; and α_m."""
        found, gamma, longest = [], 1.0, 0
        for k in sorted(self.orders):
            if len(ids) < k or UNKNOWN in ids[len(ids) - k:]:
                continue  # <unk> is thousands of rare words pooled (module docstring)
            table = self.orders[k]
            j = table.find(pack(ids[len(ids) - k:]))
            if j is None:
                continue
            lo, hi = table.start[j], table.start[j + 1]
            g = 1.0 - float(self._share(table, j, table.count[lo:hi]).sum())  # γ(h_k)
            found = [(t, row, w * g) for t, row, w in found] + [(table, j, 1.0)]
            gamma *= g
            longest = k
        if longest == 1 and found[0][0].total[found[0][1]] < RARE_CONTEXT:
            return found, gamma, max(self.mix[0], RARE_MIX)  # a rare word's followers
        return found, gamma, (self.mix[longest - 1] if longest else 0.0)

    def _share(self, table: NgramOrder, j: int, counts: np.ndarray) -> np.ndarray:
        """κ(h) · max(c(h w) − D, 0) / c(h) for the ``counts`` of context row ``j``."""
        total = table.total[j]
        return np.maximum(counts - self.discount, 0.0) * (self.confidence(total) / total)

    def named_unknowns(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """The context-only words the table saw go on after the context (``ids`` as for
        :meth:`mixed`), as indices into :attr:`words` (sorted), each with the part of P(<unk> | h)
        in :meth:`mixed`'s distribution that is its own: "the hotel was fully " → booked, which
        the network only knows as one of its unknown words."""
        none = (np.empty(0, np.int64), np.empty(0, np.float64))
        if max(self.mix) <= 0:
            return none
        found, _, alpha = self._chain(ids)
        idx, val = [], []
        for table, j, weight in found:
            if table.named_start is not None:
                lo, hi = table.named_start[j], table.named_start[j + 1]
                idx.append(table.named[lo:hi] - self.vocab_size)
                val.append(alpha * weight * self._share(table, j, table.named_count[lo:hi]))
        if not idx:
            return none
        words, where = np.unique(np.concatenate(idx), return_inverse=True)
        return words, np.bincount(where, np.concatenate(val), len(words))

    @staticmethod
    def confidence(total: float) -> float:
        """κ(h): how far a context seen ``total`` times is trusted over the orders below it."""
        return total / (total + CONFIDENCE)

    def with_params(self, discount: float | None = None,
                    mix: Sequence[float] | float | None = None) -> "NgramTable":
        return NgramTable(self.orders, self.discount if discount is None else discount,
                          self.mix if mix is None else mix, self.vocab_size, self.words)

    # -- storing it --------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        arrays = {"params": np.array([self.discount, *self.mix], np.float32),
                  "vocab_size": np.array([self.vocab_size], np.int64)}
        if self.words:
            arrays["words"] = np.array(self.words, dtype=str)
        for k, t in self.orders.items():
            arrays[f"k{k}_keys"] = t.keys.astype(np.uint64)
            arrays[f"k{k}_total"] = t.total.astype(np.uint32)
            arrays[f"k{k}_start"] = t.start.astype(np.uint32)
            arrays[f"k{k}_next"] = t.next.astype(np.uint16)
            arrays[f"k{k}_count"] = t.count.astype(np.uint32)
            if t.named_start is not None:
                arrays[f"k{k}_named_start"] = t.named_start.astype(np.uint32)
                arrays[f"k{k}_named"] = t.named.astype(np.uint16)
                arrays[f"k{k}_named_count"] = t.named_count.astype(np.uint32)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)

    @classmethod
    def load(cls, path: Path) -> "NgramTable":
        """Read ``ngram.npz``; ValueError (naming what is wrong) if it is not a valid table."""
        with np.load(path, allow_pickle=False) as data:
            files = set(data.files)
            if not {"params", "vocab_size"} <= files:
                raise ValueError(f"{path.name} has no params/vocab_size arrays")
            params = [float(x) for x in data["params"]]
            if len(params) not in (2, 1 + len(ORDERS)):
                raise ValueError(f"{path.name}: params must be (D, α) or (D, α_1, α_2, α_3)")
            discount, mix = params[0], params[1:] if len(params) > 2 else params[1]
            vocab_size = int(data["vocab_size"][0])
            words = tuple(str(w) for w in data["words"]) if "words" in files else ()
            if vocab_size + len(words) > 1 << ID_BITS:
                raise ValueError(f"{path.name}: {vocab_size + len(words)} ids do not fit in {ID_BITS} bits")
            orders = {}
            for k in ORDERS:
                if f"k{k}_keys" not in files:
                    continue
                t = NgramOrder(data[f"k{k}_keys"].astype(np.uint64),
                               data[f"k{k}_total"].astype(np.float64),
                               data[f"k{k}_start"].astype(np.int64),
                               data[f"k{k}_next"].astype(np.int64),
                               data[f"k{k}_count"].astype(np.float64))
                if f"k{k}_named_start" in files and f"k{k}_named" in files and f"k{k}_named_count" in files:
                    t.named_start = data[f"k{k}_named_start"].astype(np.int64)
                    t.named = data[f"k{k}_named"].astype(np.int64)
                    t.named_count = data[f"k{k}_named_count"].astype(np.float64)
                    if (len(t.named_start) != len(t.keys) + 1 or len(t.named) != len(t.named_count)
                            or (len(t.named_start) and int(t.named_start[-1]) != len(t.named))
                            or (len(t.named) and not (vocab_size <= int(t.named.min())
                                                      and int(t.named.max()) < vocab_size + len(words)))):
                        raise ValueError(f"{path.name}: the order-{k} named unknowns do not fit together")
                if (len(t.start) != len(t.keys) + 1 or len(t.next) != len(t.count)
                        or (len(t.start) and int(t.start[-1]) != len(t.next))
                        or (len(t.next) and int(t.next.max()) >= vocab_size)
                        or np.any(np.diff(t.keys.astype(np.float64)) < 0)):
                    raise ValueError(f"{path.name}: the order-{k} arrays do not fit together")
                orders[k] = t
        return cls(orders, discount, mix, vocab_size, words)

    def size_entries(self) -> int:
        return sum(len(t.next) for t in self.orders.values())


def build_table(streams: Iterable[Sequence[int]], vocab_size: int, min_count: int = 2,
                blocked: Iterable[int] = (), discount: float = DISCOUNT,
                mix: Sequence[float] | float = MIX, words: Sequence[str] = ()) -> NgramTable:
    """Count the 2-, 3- and 4-grams of the token-id ``streams`` (one per document), prune those
    seen fewer than ``min_count`` times, and never predict a ``blocked`` id (personal-data pieces:
    their mass stays with the lower orders). ``words``: the context-only words, whose ids in the
    streams are ``vocab_size`` + their index; never predicted."""
    if vocab_size + len(words) > 1 << ID_BITS:
        raise ValueError(f"an n-gram table packs ids in {ID_BITS} bits: {vocab_size + len(words)} ids are too many")
    arrays = [np.asarray(s, np.uint64) for s in streams if len(s) > 1]
    blocked = np.array(sorted(set(blocked)), np.uint64)
    orders = {}
    for k in ORDERS:
        keys, named_keys = [], []
        for a in arrays:
            if len(a) <= k:
                continue
            ctx = np.zeros(len(a) - k, np.uint64)
            for j in range(k):
                ctx = (ctx << np.uint64(ID_BITS)) | a[j:len(a) - k + j]
            nxt = np.where(a[k:] < np.uint64(vocab_size), a[k:], np.uint64(UNKNOWN))  # a context-only
            keys.append((ctx << np.uint64(ID_BITS)) | nxt)  # word goes on as <unk>, as the network reads it
            named = a[k:] >= np.uint64(vocab_size)  # …and is counted by name too
            named_keys.append((ctx[named] << np.uint64(ID_BITS)) | a[k:][named])
        full, counts = np.unique(np.concatenate(keys), return_counts=True)
        ctx, nxt = full >> np.uint64(ID_BITS), full & np.uint64((1 << ID_BITS) - 1)
        # c(h): all continuations, before pruning
        uctx = np.unique(ctx)
        starts = np.searchsorted(ctx, uctx)
        totals = np.add.reduceat(counts, starts)
        keep = (counts >= min_count) & ~np.isin(nxt, blocked)
        ctx_k, nxt_k, cnt_k = ctx[keep], nxt[keep], counts[keep]
        kept_ctx = np.unique(ctx_k)
        tot = totals[np.searchsorted(uctx, kept_ctx)]
        start = np.concatenate([np.searchsorted(ctx_k, kept_ctx), [len(ctx_k)]])
        order = NgramOrder(kept_ctx, tot.astype(np.float64), start.astype(np.int64),
                           nxt_k.astype(np.int64), cnt_k.astype(np.float64))
        if len(words):  # the named unknowns of the kept contexts, pruned like the rest
            named, named_counts = np.unique(np.concatenate(named_keys), return_counts=True)
            n_ctx, n_next = named >> np.uint64(ID_BITS), named & np.uint64((1 << ID_BITS) - 1)
            row = np.searchsorted(kept_ctx, n_ctx)
            keep = ((named_counts >= min_count) & ~np.isin(n_next, blocked) & (row < len(kept_ctx))
                    & (kept_ctx[np.minimum(row, len(kept_ctx) - 1)] == n_ctx))
            n_ctx, n_next, named_counts = n_ctx[keep], n_next[keep], named_counts[keep]
            order.named_start = np.searchsorted(n_ctx, kept_ctx, side="left").astype(np.int64)
            order.named_start = np.concatenate([order.named_start, [len(n_ctx)]]).astype(np.int64)
            order.named, order.named_count = n_next.astype(np.int64), named_counts.astype(np.float64)
        orders[k] = order
    return NgramTable(orders, discount, mix, vocab_size, words)
