"""Per-keystroke inference in numpy: no TensorFlow, recurrent state cached by token suffix.

Reading the text before the cursor costs only its new tokens: every state reached is cached
under the last :data:`KEY_TOKENS` tokens read, so typing the next word, deleting one, or coming
back to an earlier point finds a cached state and reads at most a few tokens. Anything else (a
jump far away, a large paste) re-reads a bounded window of :data:`WINDOW_TOKENS` tokens from the
zero state, as the model was trained.

The network's distribution is then adjusted by two optional tables shipped in the model
directory: modern word frequencies (:mod:`.frequency`, a bias on the output layer, so it costs
nothing per keystroke) and exact n-gram statistics of the training text (:mod:`.ngram`, a few
sparse additions), then by the text itself: its own words and what followed its last words
before (:meth:`Predictor._with_cache`). What the writer is then offered, word starts and
completions, is :mod:`.suggesting`'s; words that would hand out personal data (an e-mail address,
a URL, a phone number) are never suggestable (:mod:`wordpad_ai.text.personal_data`), and
contractions keep their apostrophe (:mod:`wordpad_ai.text.contractions`).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..api import CONTEXT_CHARS, ModelError, ModelInternals, Suggestion
from ..text.casing import (LOWER_IN_PROSE, after_honorific, completed_form, in_salutation, last_line,
                           on_signature)
from ..text.contractions import ELIDED, ENDINGS, NOT_WORDS, after_closing_apostrophe, word_of_ending
from ..text.names import addressed_form
from ..text.personal_data import looks_personal_token
from ..text.sensitive import SENSITIVE_WORDS
from ..text.tokenize import (EOS, NUM, SPECIALS, Context, analyse_context, apostrophes_as_written,
                             in_dotted_word, in_number, in_phone_number, is_word, plain_quotes, tokenize)
from ..text.topics import TOPICS
from ..text.variants import listed_words, other_spelling, respelt, variety
from ..text.vocab import prefix_range
from . import suggesting
from .cells import Cell
from .frequency import FILE as FREQUENCY_FILE
from .frequency import FrequencyTable
from .modeldir import ModelBundle
from .ngram import FILE as NGRAM_FILE
from .ngram import NgramTable
from .weights import cell_weights

MONTHS = frozenset(suggesting.MONTH_NAMES)
KEY_TOKENS = 24  # cache key: this many last tokens
WINDOW_TOKENS = 64  # tokens re-read from the zero state on a cache miss
MAX_SEARCH = 12  # how far back from the end a cached state is looked for
RECENT_DISTRIBUTIONS = 12  # next-token distributions kept (Predictor.next_probs), 100-200 kB each
YIELD_ROWS = 4096  # output-layer rows between two looks at should_stop (work done ahead of time)
# Technical words at least this share of running English today ("file", "function") are not held
# back (suggesting.TECHNICAL_SHARE): held back too, "file" lost "send me the " (check list E 84 →
# 83 %), also at half its weight.
TECHNICAL_COMMON = 5e-5
# A next word rarer in today's English than this share (Zipf 3.5) is (f / RARE_TODAY) ** RARE_POWER
# as likely in text that uses no technical word (Predictor._in_register). Tuning samples, KSR@3,
# everyday / general / Vim: 3e-6 and 1.0 ±0.00 / −0.07 / −0.01 points (the general sample's Bible
# and 1913 dictionary use such words), check lists unchanged; 3e-6 and 0.5 ±0.00 / −0.05 / ±0.00
# (the novel's "bulwarks" stays first); 1e-5 and 0.5 ±0.00 / −0.07 / −0.01, but the check lists
# lose "umbrella" and "coat" (B 90.7 → 90.0 %, D 88.0 → 87.3 %, E 84 → 83 %).
RARE_TODAY = 3e-6
RARE_POWER = 1.0
CACHE_SIZE = 1024  # cached states (LRU)
CACHE_WEIGHT = 0.05  # λ: share of the next-word distribution given to the context's own words
CACHE_TOKENS = 200  # how many tokens back the context's words are counted
CACHE_FULL_WORDS = 12  # with fewer context words than this, λ shrinks in proportion
# In everyday text a context word's share of λ shrinks in proportion where the distribution gives
# it less than this. Tuning samples, KSR@3, everyday / general / Vim: 3e-5 +0.06 / ±0.00 /
# −0.02 points; 1e-4 +0.06 / −0.03 / −0.04; 1e-3 −0.02 / −0.10 / −0.11 (everywhere, 1e-5 cut
# off: +0.03 / −0.11 / −0.52: the documentation repeats its identifiers)
CACHE_PLAUSIBLE = 3e-5
FOLLOWER_WEIGHT = 0.1  # μ: share given to what followed the last word (and the last two) before
FOLLOWER_TOKENS = 400  # how many tokens back followers are looked for

# A pronoun's contraction, read in full by the n-gram table: "you're" is three tokens (you ' re)
# that fill its whole context, "you are" two ("I hope you're " → well, as "I hope you are ").
_FULL_ENDINGS = {"re": "are", "m": "am", "ve": "have", "ll": "will"}
_PRONOUNS = frozenset("i you we they he she it that there who".split())


def _spelt_in_full(tokens: Sequence[str]) -> Sequence[str]:
    """``tokens`` with a pronoun's contraction at their end written in full, for the n-gram
    table's context."""
    if len(tokens) > 2 and tokens[-2] == "'" and tokens[-3] in _PRONOUNS and tokens[-1] in _FULL_ENDINGS:
        return (*tokens[:-2], _FULL_ENDINGS[tokens[-1]])
    return tokens


class Predictor:
    """Next-word distribution, suggestions and perplexity from a :class:`ModelBundle`."""

    def __init__(self, bundle: ModelBundle, cell: type[Cell], model_dir: Path | None = None):
        self.bundle = bundle
        cfg = bundle.config
        self.cell = cell  # the model's recurrent cell class (its numpy step)
        w = bundle.weights
        self.emb = np.ascontiguousarray(w["embedding"], np.float32)  # [V, d]
        self.w_cell = {k: np.ascontiguousarray(v, np.float32) for k, v in cell_weights(w).items()}
        self.proj = w.get("proj")  # [n, d] or None
        self.out_w = np.ascontiguousarray(w["embedding"] if cfg.tie_weights else w["out_w"],
                                          np.float32)  # [V, d_out], rows contiguous for GEMV
        self.out_b = np.asarray(w["out_b"], np.float32)  # [V]
        self.vocab = bundle.vocab
        self.case = bundle.case
        self.n = cfg.hidden_dim
        self.ngram, self.frequencies = load_tables(model_dir)
        if self.frequencies is not None:  # unigram rescaling towards modern English, in the bias
            self.out_b = self.out_b + self.frequencies.bias(self.vocab.tokens)
        # words that may be suggested (no specials, no punctuation, no address or URL pieces),
        # sorted for prefix search
        # (nor a misspelling the training text carried, nor an offensive word: frequencies.npz lists them)
        never = self.frequencies.never_suggested if self.frequencies is not None else frozenset()
        # words today's English does not use: completed after those it does (suggesting.py)
        self.unused_today = self.frequencies.unused_today() if self.frequencies is not None else frozenset()
        # "dont", "wasnt": contractions need their apostrophe; "s", "t", "ve": a contraction's
        # ending is no word of its own (after a word's apostrophe predict offers them itself;
        # after an opening quote, "He said '", they were offered as words)
        never = never | NOT_WORDS | set(ENDINGS)
        self.suggestable = np.array([is_word(t) and not looks_personal_token(t) and t not in never
                                     for t in self.vocab.tokens])
        # what may come unasked: as a next word, in a phrase (no insult: text/sensitive.py; no
        # sign alone, "•", "∞"; letters alone stay: technical text has its "x" and "p", and
        # leaving them out cost 0.2 points of KSR@3 on the Vim documentation)
        self.unprompted = self.suggestable & np.array([t not in SENSITIVE_WORDS and (len(t) > 1 or t.isalnum())
                                                       for t in self.vocab.tokens])
        order = sorted((t, i) for i, t in enumerate(self.vocab.tokens) if self.suggestable[i])
        self._sorted_words = [t for t, _ in order]
        self._sorted_ids = np.array([i for _, i in order], np.int64)
        self._read_lexicon(bundle, never)
        self._read_registers()
        # the vocabulary's written forms of numbers ("17th", "1990s"), weighed against a bare number
        self._number_form_ids = np.array([i for i, t in enumerate(self.vocab.tokens)
                                          if self.suggestable[i] and suggesting.is_number_form(t)], np.int64)
        self._cache: OrderedDict[tuple, tuple] = OrderedDict()
        self._unk = self.vocab.unk_id
        self._elided_ids = np.array([self.vocab.id(t) for t in sorted(ELIDED) if t in self.vocab], np.int64)
        # P(next) of the last few contexts asked for: the word's context and a phrase's longer
        # ones, asked again at every keystroke of the word
        self._recent: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._named: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()  # named_unknowns

        self._last_context: tuple[str, Context] | None = None  # (text, its context): context()

    def _read_lexicon(self, bundle: ModelBundle, never: frozenset[str]) -> None:
        """The lexicon's words outside the vocabulary, completed from their letters: their shares
        of the unknown words' P, rescaled towards today's English, and those whose other spelling
        the network learnt."""
        shares = bundle.lexicon.oov_shares(self.vocab)
        self._oov_words = sorted(w for w in shares if is_word(w) and w not in never)
        self._oov_share = np.array([shares[w] for w in self._oov_words], np.float64)
        self._table_oov: np.ndarray | None = None  # the n-gram table's words' lexicon positions
        if self.ngram is not None and self.ngram.words:  # (at load: ~10 ms, too much for a keystroke)
            self._table_oov = self._positions_of(self.ngram.words)
        # the lexicon's words today's English does not use at all ("tofile", "consistenty"): not
        # offered in text that uses no technical word (suggesting.completions)
        self.unknown_today = (self.frequencies.unknown_today(self._oov_words)
                              if self.frequencies is not None else frozenset())
        if self.frequencies is not None and len(self._oov_words):  # the vocabulary's rescaling
            # towards modern English (its bias), upwards only: a word today's English uses more
            # than the training text gains as much ("Mum" → Mum, not Mumbling, the novel's).
            # Tuning samples, KSR@3, everyday / general / Vim: +0.01 / −0.04 / −0.02 points; both
            # ways and renormalised −0.08 / −0.06 / −0.03 (the samples share the training's sources)
            weight = np.exp(np.maximum(self.frequencies.bias(self._oov_words).astype(np.float64), 0.0))
            self._oov_share = self._oov_share * weight
        # a lexicon word the network never learnt whose other spelling it did ("mum": "mom") is as
        # likely in context as that spelling, in proportion to how common each is today: "taller
        # than her mu" → mum (its share of the unknown words put it after "music", "mutter")
        self._oov_variant_pos, self._oov_variant = self._variants_learnt()

    def _read_registers(self) -> None:
        """What weighs a next word down by the text's register and topics (:meth:`_in_register`):
        the technical words held back, the words rare today, the topics' words."""
        # the training text's technical words, held back in text that uses none (frequency.py)
        technical = self.frequencies.technical if self.frequencies is not None else frozenset()
        self._technical = technical
        if technical:  # (not those common in today's English too: "send me the " → file)
            words = sorted(technical)
            technical = frozenset(w for w, f in zip(words, self.frequencies.modern_of(words))
                                  if f < TECHNICAL_COMMON)
        self.held_back = technical  # the technical words held back in other text
        self._technical_ids = np.array([i for i, t in enumerate(self.vocab.tokens) if t in technical], np.int64)
        # a next word rarer today than RARE_TODAY (Zipf 3.5) weighs (f / RARE_TODAY) ** RARE_POWER
        # in text that uses no technical word: "It was still leaning against the " → wall, not the
        # novel's "bulwarks"; "I was completely " → impressed, not "soggy"
        self._rare_weight = None
        if self.frequencies is not None:
            f = np.maximum(np.asarray(self.frequencies.modern_of(list(self.vocab.tokens)), np.float64), 1e-9)
            weight = np.minimum(1.0, (f / RARE_TODAY) ** RARE_POWER)
            weight[~np.array([is_word(t) for t in self.vocab.tokens])] = 1.0  # signs, numbers, <unk>
            self._rare_weight = weight
        # the words of a topic the training text over-represents (text/topics.py), each topic's
        # held back in text that uses none of them
        self._topics = [(topic, np.array([i for i, t in enumerate(self.vocab.tokens) if t in topic], np.int64))
                        for topic in TOPICS]
        self._register_weights: dict[tuple, np.ndarray | None] = {}  # _register_weight's vectors
        self._off_topic: dict[tuple[bool, ...], frozenset[str]] = {}  # off_topic's word sets

    # -- the recurrent part -----------------------------------------------------------------------
    def zero_states(self) -> tuple:
        return tuple(np.zeros((1, self.n), np.float32) for _ in self.cell.state_names)

    def step(self, states: tuple, token_id: int) -> tuple[tuple, dict]:
        x = self.emb[token_id][None, :]  # [1, d]
        return self.cell.np_step(self.w_cell, x, states)

    def net_probs(self, states: tuple, should_stop: Callable[[], bool] | None = None) -> np.ndarray | None:
        """The network's P(next token) over the vocabulary, [V]. With ``should_stop`` (work done
        ahead of time, :mod:`.lookahead`) the output layer goes in blocks of ``YIELD_ROWS`` rows,
        and None is returned as soon as ``should_stop()`` is true."""
        z = states[0]  # [1, n]
        if self.proj is not None:
            z = z @ self.proj  # [1, d]
        if should_stop is None:
            o = self.out_w @ z[0]  # [V]
        else:
            o = np.empty(len(self.out_w), np.float32)
            for lo in range(0, len(o), YIELD_ROWS):
                if should_stop():
                    return None
                np.dot(self.out_w[lo:lo + YIELD_ROWS], z[0], out=o[lo:lo + YIELD_ROWS])
        o += self.out_b
        o -= o.max()
        np.exp(o, out=o)
        o /= o.sum()
        return o

    def log_probs(self, states: tuple) -> np.ndarray:
        """The network's log P(next token) over the vocabulary, [V]."""
        return np.log(self.net_probs(states))

    def probs_after(self, tokens: Sequence[str], should_stop: Callable[[], bool] | None = None) -> np.ndarray | None:
        """P(next token | tokens), [V]: the network after ``tokens`` with the n-gram table mixed
        in (:mod:`.ngram`); None if ``should_stop`` stopped it (:meth:`net_probs`)."""
        p = self.net_probs(self.states_after(tokens), should_stop)
        if p is None:
            return None
        if self.ngram is not None:
            if len(tokens) < 3 and tokens[:1] != (EOS,):  # a document starts a sentence ("Best " → regards)
                tokens = (EOS, *tokens)
            p = self.ngram.mixed(p, self._table_context(tokens))
        return self._with_cache(p, tokens)

    def _table_context(self, tokens: Sequence[str]) -> list[int]:
        """The n-gram table's ids of the context's last 3 tokens (a pronoun's contraction in full)."""
        last = _spelt_in_full(tokens)[-3:]
        return self.ngram.context_ids(last, self.vocab.ids(last))

    def _with_cache(self, p: np.ndarray, tokens: Sequence[str]) -> np.ndarray:
        """The distribution with the context's own words mixed in: a text repeats its own words
        (names, the topic) and its own phrases, which no table of other texts knows.

        First (1 − λ) · P + λ · (share of each word among the last ``CACHE_TOKENS`` words). The
        word just written gets no share (a writer rarely repeats it at once: "Dear " → not
        "dear"), and λ shrinks in proportion while the context has fewer than
        ``CACHE_FULL_WORDS`` words. Then the *followers*: the words that came after the last
        word earlier in the text, and after the last two, each mixed in with weight μ · n / (n + 1)
        for n earlier occurrences (one occurrence says half as much as many)."""
        if CACHE_WEIGHT <= 0 and FOLLOWER_WEIGHT <= 0:
            return p
        ids = np.array(self.vocab.ids(tokens[-FOLLOWER_TOKENS:]), np.int64)
        if not len(ids):
            return p
        mixes: list[tuple[float, np.ndarray, np.ndarray] | None] = []  # (a, words, shares) in turn
        words = ids[-CACHE_TOKENS:]
        words = words[self.suggestable[words]]
        weight = CACHE_WEIGHT * min(1.0, len(words) / CACHE_FULL_WORDS)  # a few words say little
        if len(words) and weight > 0:
            u, c = np.unique(words, return_counts=True)
            if tokens[-1] not in SPECIALS:
                c[u == ids[-1]] = 0
            if c.sum():
                add = weight * c / c.sum()
                if self.in_other_register(tuple(tokens)):  # everyday text: a word the context
                    # barely allows gets less of it ("Tuesday 14 January, " → not "reading", the
                    # town named before); technical text repeats its rare identifiers anywhere
                    add = add * np.minimum(1.0, p[u] / CACHE_PLAUSIBLE)
                mixes.append((1.0 - float(add.sum()), u, add))
        if FOLLOWER_WEIGHT > 0 and len(ids) > 1 and ids[-1] != self._unk:  # (an unknown word: no)
            after = ids[1:][ids[:-1] == ids[-1]]  # what followed the last word before
            mixes.append(self._followers(after))
            if len(ids) > 2:
                hits = (ids[:-2] == ids[-2]) & (ids[1:-1] == ids[-1])
                mixes.append(self._followers(ids[2:][hits]))  # … and the last two words
        # each mix in turn is p · a + (its words' shares): one product over the vocabulary for
        # all of them (p · Π a), each mix's shares scaled by the a of those after it
        mixes = [m for m in mixes if m is not None]
        if not mixes:
            return p
        scale, adds = 1.0, []
        for a, u, add in reversed(mixes):
            adds.append((u, add * scale))
            scale *= a
        p = p * np.float64(scale)
        for u, add in adds:
            p[u] += add
        return p

    def _followers(self, after: np.ndarray) -> tuple[float, np.ndarray, np.ndarray] | None:
        """(a, words, shares) of mixing in the words ``after`` (followers), as :meth:`_with_cache`
        does; None for none."""
        after = after[self.suggestable[after]]
        if not len(after):
            return None
        u, c = np.unique(after, return_counts=True)
        weight = FOLLOWER_WEIGHT * len(after) / (len(after) + 1.0)
        return 1.0 - weight, u, weight * c / c.sum()

    def next_probs(self, tokens: tuple[str, ...],
                   should_stop: Callable[[], bool] | None = None) -> np.ndarray | None:
        """P(next token | tokens), [V], read-only; the last ``RECENT_DISTRIBUTIONS`` answers are
        kept, so keystrokes inside a word (same complete tokens, same phrase contexts) cost no
        model work at all. None only when ``should_stop`` stopped it (:meth:`net_probs`)."""
        p = self._recent.get(tokens)
        if p is not None:
            self._recent.move_to_end(tokens)
            return p
        p = self.probs_after(tokens, should_stop)
        if p is None:
            return None
        p.flags.writeable = False  # shared by later calls: nobody may change it
        self._recent[tokens] = p
        if len(self._recent) > RECENT_DISTRIBUTIONS:
            self._recent.popitem(last=False)
        return p

    def states_after(self, tokens: Sequence[str]) -> tuple:
        """The state after reading ``tokens``, reusing cached states (see module docstring)."""
        ids = self.vocab.ids(tokens)
        L = len(ids)
        start, states = None, None
        for j in range(L, max(-1, L - MAX_SEARCH - 1), -1):
            key = tuple(ids[max(0, j - KEY_TOKENS):j])
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                start, states = j, hit
                break
        if states is None:
            start = max(0, L - WINDOW_TOKENS)
            states = self.zero_states()
        for j in range(start, L):
            states, _ = self.step(states, ids[j])
            self._remember(tuple(ids[max(0, j + 1 - KEY_TOKENS):j + 1]), states)
        return states

    def _remember(self, key: tuple, states: tuple) -> None:
        self._cache[key] = states
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    # -- suggestions -------------------------------------------------------------------------------
    def context(self, text_before_cursor: str) -> Context:
        """The text before the cursor read (:func:`~wordpad_ai.text.tokenize.analyse_context`);
        the last answer is kept, since the suggestions and the phrase search of one keystroke
        (and the head start after it) each ask for it."""
        last = self._last_context
        if last is not None and last[0] == text_before_cursor:
            return last[1]
        ctx = self._read_context(text_before_cursor)
        self._last_context = (text_before_cursor, ctx)
        return ctx

    def _read_context(self, text_before_cursor: str) -> Context:
        tail = text_before_cursor[-CONTEXT_CHARS:]  # the app's context limit: more than WINDOW_TOKENS
        if len(text_before_cursor) >= CONTEXT_CHARS:  # drop the probably cut first token
            cut = next((i for i, ch in enumerate(tail) if ch.isspace()), 0)
            tail = tail[cut:]
        ctx = analyse_context(tail)
        if not ctx.tokens:
            # nothing complete before the cursor: a document (or a window of one long token)
            # begins. The network never reads its zero state at a text's start often enough to
            # know what starts one (it offered "The, A, Of"), but it knows what starts a
            # sentence: it reads a sentence end first ("I, Thank, Dear, Hi").
            ctx = Context((EOS,), ctx.partial, True, ctx.shouting)
        return ctx

    def predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        """The ``k`` words most likely next, or the completions of the word being typed
        (:mod:`.suggesting`: the rules that turn the distribution into what the writer sees).
        Curly quotes are read as straight ones ("I’" → m, ve, ll), and a writer whose
        apostrophes are curly gets them curly ("I haven" → haven’t)."""
        return apostrophes_as_written(self._predict(plain_quotes(text_before_cursor), k), text_before_cursor)

    def _predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        if k <= 0:
            return []
        if in_number(text_before_cursor) or in_phone_number(text_before_cursor) or in_dotted_word(text_before_cursor):
            return []  # "£64." "10:" "£47.9", "0800 12": the number goes on; "p.m", "www.goo"
        ctx = self.context(text_before_cursor)
        if on_signature(ctx.tokens, self._may_be_name):  # a surname at most: the writer's, once learnt
            return []
        tokens = ctx.tokens
        if tokens[-2:] == (".", EOS) and after_honorific(tokens):
            tokens = tokens[:-2]  # a title's full stop ends no sentence: "Dear Mr. " reads as
            # "Dear Mr " (a surname), not as the speeches' "Mr. ⏎ Speaker"
        p = self.next_probs(tokens)
        word = word_of_ending(text_before_cursor, ctx.partial)
        if word is not None:  # "I don'" → t, "Mr Green'" → s: the word's ending
            return suggesting.endings(self, p, ctx, word, k)
        if not ctx.partial:
            if after_closing_apostrophe(text_before_cursor):  # "the freshers' " → fair, not "em"
                p = p.copy()
                p[self._elided_ids] = 0.0
            return _each_once(suggesting.next_words(self, self._in_register(p, ctx.tokens), ctx, k,
                                                    text_before_cursor))
        return _each_once(suggesting.completions(self, p, ctx, k, text_before_cursor))

    def in_other_register(self, tokens: tuple[str, ...]) -> bool:
        """Whether the text before the cursor uses none of the technical words held back."""
        return bool(self.held_back) and not _uses_any(self._technical, tokens)

    def _in_register(self, p: np.ndarray, tokens: tuple[str, ...]) -> np.ndarray:
        """``p`` with the training text's technical words ``suggesting.TECHNICAL_SHARE`` times as
        likely where the text before the cursor uses none of them, except those common in today's
        English too ("file", "function"), for the next word: "We agreed to close the " → door,
        not "socket"; an office e-mail still gets "send me the " → file. The same for a topic's
        words (text/topics.py), ``suggesting.TOPIC_SHARE`` times as likely where the text uses
        none of the topic's: "Tom suggested asking the " → council, not Congress. (Completions are
        put in order the same way, but none is dropped for it: suggesting.completions.)"""
        weight = self._register_weight(self.in_other_register(tokens),
                                       tuple(not _uses_any(topic, tokens) for topic, _ in self._topics))
        return p if weight is None else p * weight

    def _register_weight(self, everyday: bool, off: tuple[bool, ...]) -> np.ndarray | None:
        """The weights :meth:`_in_register` multiplies the distribution by, for text that is
        ``everyday`` (no technical word) and not on the topics ``off`` says; one vector per case,
        made once (a keystroke pays one multiplication)."""
        key = (everyday, off)
        if key not in self._register_weights:
            weight = np.ones(len(self.vocab), np.float64)
            if everyday:
                weight[self._technical_ids] *= suggesting.TECHNICAL_SHARE
                if self._rare_weight is not None:  # a word rare today
                    weight *= self._rare_weight
            for (_, ids), is_off in zip(self._topics, off):  # a topic's words off the topic
                if is_off:
                    weight[ids] *= suggesting.TOPIC_SHARE
            self._register_weights[key] = None if np.all(weight == 1.0) else weight
        return self._register_weights[key]

    def off_topic(self, tokens: tuple[str, ...]) -> frozenset[str]:
        """The words of the topics (text/topics.py) that the text before the cursor is not on."""
        off = tuple(not _uses_any(topic, tokens) for topic, _ in self._topics)
        if off not in self._off_topic:
            self._off_topic[off] = frozenset().union(*(t for (t, _), o in zip(self._topics, off) if o))
        return self._off_topic[off]

    def knows_word(self, word: str) -> bool:
        """Whether lower-case ``word`` is a suggestable word of the vocabulary or the lexicon."""
        if word in self.vocab:
            return bool(self.suggestable[self.vocab.id(word)])
        return self._oov_index(word) is not None

    def _may_be_name(self, token: str) -> bool:
        """Whether a model token may be a name: unknown, or usually written with a capital."""
        return token not in self.vocab or self.case.cased(token)[:1].isupper()

    def _word_probability(self, p: np.ndarray, word: str) -> float | None:
        """P(next word = ``word``) (lower case), or None when it is no word the model knows."""
        if word in self.vocab:
            return float(p[self.vocab.id(word)])
        j = self._oov_index(word)
        return None if j is None else self.oov_probability(p, j)

    def _variants_learnt(self) -> tuple[list[int], dict[int, tuple[int, float]]]:
        """(sorted positions, position → (vocabulary id, ratio)) of the lexicon's words outside the
        vocabulary whose other spelling (:func:`~wordpad_ai.text.variants.other_spelling`) the
        network learnt; ratio: today's frequency of the word over its other spelling's."""
        if self.frequencies is None:
            return [], {}
        found = {}
        for word in listed_words():
            j, other = self._oov_index(word), other_spelling(word)
            if j is not None and other in self.vocab and self.suggestable[self.vocab.id(other)]:
                found[j] = other
        if not found:
            return [], {}
        ratios = (self.frequencies.modern_of([self._oov_words[j] for j in found])
                  / np.maximum(self.frequencies.modern_of(list(found.values())), 1e-9))
        return sorted(found), {j: (self.vocab.id(other), float(r))
                               for (j, other), r in zip(found.items(), ratios)}

    def named_unknowns(self, tokens: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """(sorted positions among the lexicon's words outside the vocabulary, P) of those the
        n-gram table saw go on after ``tokens`` (:meth:`NgramTable.named_unknowns`): their own
        part of P(<unk>), which otherwise spreads by each word's share of the unknown words.
        Kept for the last few contexts (the same at each letter of a word)."""
        got = self._named.get(tokens)
        if got is None:
            got = (np.empty(0, np.int64), np.empty(0, np.float64))
            if self._table_oov is not None and self.ngram is not None:  # (the table may be taken away)
                words, probs = self.ngram.named_unknowns(self._table_context(tokens))
                pos = self._table_oov[words]
                keep = pos >= 0
                order = np.argsort(pos[keep])
                got = (pos[keep][order], probs[keep][order])
            self._named[tokens] = got
            if len(self._named) > RECENT_DISTRIBUTIONS:
                self._named.popitem(last=False)
        return got

    def _positions_of(self, words: Sequence[str]) -> np.ndarray:
        """The positions of ``words`` among the lexicon's words outside the vocabulary (-1 for
        those not there)."""
        at = {w: j for j, w in enumerate(self._oov_words)}
        return np.array([at.get(w, -1) for w in words], np.int64)

    def oov_probability(self, p: np.ndarray, j: int) -> float:
        """P(next word = the lexicon's ``j``-th word outside the vocabulary): its share of the
        unknown words' P, or its learnt other spelling's P in proportion, whichever is more."""
        score = float(p[self._unk] * self._oov_share[j])
        variant = self._oov_variant.get(j)
        return score if variant is None else max(score, float(p[variant[0]]) * variant[1])

    def oov_variants_in(self, lo: int, hi: int) -> list[int]:
        """The positions in [lo, hi) of the lexicon's words whose other spelling was learnt."""
        pos = self._oov_variant_pos
        return pos[bisect.bisect_left(pos, lo):bisect.bisect_left(pos, hi)]

    def _oov_index(self, word: str) -> int | None:
        """Where lower-case ``word`` is among the lexicon's words outside the vocabulary, if it is."""
        j = bisect.bisect_left(self._oov_words, word)
        return j if j < len(self._oov_words) and self._oov_words[j] == word else None

    def ids_starting(self, prefix: str) -> np.ndarray:
        """Vocabulary ids of the suggestable words that start with ``prefix`` (lower case)."""
        lo, hi = prefix_range(self._sorted_words, prefix)
        return self._sorted_ids[lo:hi]

    def _cased(self, word: str, ctx: Context, partial: str, sentence_start: bool | None = None) -> str:
        """``word`` as the writer would type it here: in their British or American spelling once
        their text shows it (:mod:`~wordpad_ai.text.variants`), the case table's form
        (capitalised at a sentence start), completing ``partial`` as typed, in capitals while the
        writer shouts."""
        start = ctx.sentence_start if sentence_start is None else sentence_start
        spelling = writers_spelling(ctx.tokens)  # "favorite" → favourite for a British writer
        if spelling is not None:
            other = respelt(word, spelling)
            if other != word and other.startswith(partial.lower()):
                word = other
        form = self.case.cased(word, sentence_start=start)
        if word in LOWER_IN_PROSE and not start and form[:1].isupper() and self.in_other_register(ctx.tokens):
            form = word  # the speeches' "the Government", the documentation's "None", in a letter
        if in_salutation(ctx.tokens):  # "Dear Sir or " → Madam, "Dear Hiring " → Manager
            form = addressed_form(word, form, last_line(ctx.tokens))
        elif word in MONTHS and ctx.tokens[-1:] == (NUM,):  # "on 6 " → May, not "may"
            form = form[:1].upper() + form[1:]
        elif word in ctx.names and not start and form[:1].islower():
            form = form[:1].upper() + form[1:]  # a name the writer wrote: "Tom " → Price (of "Tom
            # Price"), not "price"
        form = completed_form(partial, form) if partial else form
        return form.upper() if ctx.shouting and not any(c.islower() for c in partial) else form

    def predict_phrase(self, text_before_cursor: str, max_words: int = 4,
                       threshold: float | None = None) -> Suggestion | None:
        """A confident multi-word continuation (beam search, :mod:`.phrases`), or None."""
        from .phrases import PhraseSearch

        if getattr(self, "_phrases", None) is None:
            self._phrases = PhraseSearch(self)
        found = self._phrases.best(plain_quotes(text_before_cursor), max_words, threshold)
        return None if found is None else apostrophes_as_written([found], text_before_cursor)[0]

    # -- evaluation and inspection -----------------------------------------------------------------
    def perplexity(self, text: str) -> float | None:
        """exp(mean −log P(token | previous tokens)) over the model tokens of ``text``, read from
        the zero state."""
        tokens = tokenize(text)
        ids = self.vocab.ids(tokens)
        if len(ids) < 2:
            return None
        states, nll = self.zero_states(), 0.0
        for n, (a, b) in enumerate(zip(ids[:-1], ids[1:])):
            states, _ = self.step(states, a)
            p = self.net_probs(states)
            if self.ngram is not None:
                lo = max(0, n - 2)
                p = self.ngram.mixed(p, self.ngram.context_ids(tokens[lo:n + 1], ids[lo:n + 1]))
            nll -= float(np.log(max(p[b], 1e-300)))
        return float(np.exp(nll / (len(ids) - 1)))

    def inspect(self, text_before_cursor: str, last_tokens: int = 12, top: int = 10) -> ModelInternals:
        """The cell's internals (gates, |c|, |h|) over the last ``last_tokens`` tokens and the
        next-word distribution after them.

        Only those tokens are read, from the (usually cached) state before them, as ``predict``
        does; their states are cached too, so the next suggestion for this text is free.
        """
        ctx = self.context(text_before_cursor)
        n_shown = min(max(0, last_tokens), len(ctx.tokens))
        before, shown = ctx.tokens[:len(ctx.tokens) - n_shown], ctx.tokens[len(ctx.tokens) - n_shown:]
        states = self.states_after(before)
        ids = self.vocab.ids(ctx.tokens)[-KEY_TOKENS - n_shown:]  # cache keys of the shown tokens
        rows: dict[str, list[np.ndarray]] = {}
        for j in range(len(ids) - n_shown, len(ids)):
            states, extra = self.step(states, ids[j])
            self._remember(tuple(ids[max(0, j + 1 - KEY_TOKENS):j + 1]), states)
            for name, v in extra.items():  # gates: [1, n]
                rows.setdefault(name, []).append(v[0])
            rows.setdefault("hidden |h|", []).append(states[0][0])
            if len(states) > 1:
                rows.setdefault("cell |c|", []).append(states[1][0])
        series = {}
        for name, r in rows.items():  # one conversion per series: [tokens, n] → lists of floats
            m = np.stack(r)
            series[name] = (np.abs(m) if "|" in name else m).tolist()
        p = np.exp(self.log_probs(states))
        best = suggesting.top_ids(p, self.suggestable, top)
        return ModelInternals(tokens=tuple(shown),
                              top=tuple((self._cased(self.vocab.tokens[i], ctx, ""), float(p[i]))
                                        for i in best),  # written as the suggestions are ("I")
                              series=series)



@lru_cache(maxsize=16)
def _uses_any(words: frozenset[str], tokens: tuple[str, ...]) -> bool:
    """Whether any of ``tokens`` is one of ``words`` (asked at every keystroke of a word)."""
    return not words.isdisjoint(tokens)


@lru_cache(maxsize=16)
def writers_spelling(tokens: tuple[str, ...]) -> str | None:
    """British or American, as the tokens before the cursor show (:func:`.variants.variety`);
    asked at every keystroke of a word, for each of its suggestions."""
    return variety(tokens)


def _each_once(suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions without a word offered twice (two spellings written as the writer's one)."""
    seen: set[str] = set()
    return [s for s in suggestions if not (s.word in seen or seen.add(s.word))]


def load_tables(model_dir: Path | None) -> tuple[NgramTable | None, FrequencyTable | None]:
    """The optional n-gram and frequency tables of a model directory (None where absent)."""
    if model_dir is None:
        return None, None
    out = []
    for name, cls in ((NGRAM_FILE, NgramTable), (FREQUENCY_FILE, FrequencyTable)):
        path = Path(model_dir) / name
        if not path.is_file():
            out.append(None)
            continue
        try:
            out.append(cls.load(path))
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise ModelError(f"model directory {model_dir} has an unreadable {name} ({exc}); delete "
                             f"that file (the model works without it) or reinstall the model") from None
    return out[0], out[1]


__all__ = ["Predictor", "EOS", "SPECIALS", "load_tables"]
