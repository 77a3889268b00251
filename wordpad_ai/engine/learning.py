"""Learning as you type, in the engine: a decaying cache of the user's words and its blend
with the model (what is never learned: ``privacy.py``).

The cache counts the words the user writes (and the word before each), every count decaying by
half every ``half_life_tokens`` words, so recent writing weighs most. Its next-word probability
is a bigram smoothed towards the unigram:

    P_cache(w | v) = (c(v, w) + β · c(w) / N) / (c(v) + β)

and suggestions rank by the interpolation

    P(w) = (1 − λ) · P_model(w) + λ · P_cache(w | v),   λ = λ_max · N / (N + N_ramp)

where N is the cache's (decayed) word count, so the cache's say grows with the text it has seen.
The engine asks the model for more candidates than it shows (``candidates``), re-ranks them, and
adds cached words the model did not offer (new names, jargon) for the typed prefix.

Privacy: every text goes through :func:`privacy.private_text` first (no addresses, host names,
account numbers, nor anything after a password-like label), and documents under
``settings.excluded_paths`` are not learned from (:func:`privacy.is_excluded`). With
``settings.learning_paused`` the engine neither learns nor *uses* the cache (suggestions are the
plain model's, as if nothing had been learned); the stored cache is kept and used again when
learning resumes. The cache lives in ``paths.data_dir()/adaptive/common.json`` (one per user,
shared by all models: it records the user's words, not a model's), written atomically at most
every ``save_every_s`` seconds and when the engine closes, bounded to ``max_words`` words and
``max_bigrams`` word pairs. No TensorFlow, no Qt.
"""

from __future__ import annotations

import heapq
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..api import CONTEXT_CHARS, NextWordModel, PassedOver, Suggestion
from ..text.casing import HEADER_LINE, after_sign_off, as_name
from ..text.contractions import word_of_ending
from ..text.names import NAME_LOWER_LETTERS
from ..text.tokenize import (EOS, analyse_context, in_dotted_word, in_number, in_phone_number, is_word,
                             iter_surface, normalise, plain_quotes)
from ..text.vocab import prefix_range
from .privacy import is_excluded, private_text

log = logging.getLogger(__name__)

CACHE_VERSION = 1
TAIL_TOKENS = 12  # tokens kept across texts to tell the line after a closing formula (8 words, ",", ⏎)
MAX_SIGNED = 50  # names signed with, kept


@dataclass(frozen=True)
class AdaptiveConfig:
    """How the cache learns and how much it counts."""

    half_life_tokens: float = 4000.0  # words after which a count has decayed to half
    # the cache's weight when it has seen plenty of text. It was 0.35 before the bundled models read
    # their own context (the text's words and followers, neural/inference.py). With those, on the
    # tuning samples learnt sentence by sentence (`evaluate --adapt`): 0.35 cost 0.5 KSR points,
    # 0.2 was even, 0.1 gains 0.2 and 0.05 gains 0.3. 0.1 keeps a say for what those samples cannot
    # show: a writer's words across documents and sessions.
    max_lambda: float = 0.1
    ramp_tokens: float = 300.0  # decayed word count at which the weight is half of max_lambda
    bigram_prior: float = 2.0  # β: pull of the unigram on the bigram estimate
    candidates: int = 40  # suggestions asked of the model for re-ranking
    cache_candidates: int = 5  # cached words added per query (bigram followers / prefix matches)
    # a typed word the cache knows is probably finished: cached completions of it are added only
    # when at least this share as likely as it ("I am" → not "amelia"; the models' own rule)
    finished_ratio: float = 0.05
    max_words: int = 20000  # words kept (the lightest are dropped beyond it)
    max_bigrams: int = 60000  # word pairs kept
    save_every_s: float = 30.0  # at most one write to disk per this many seconds


class AdaptiveCache:
    """Decayed unigram and bigram counts of the user's words, and the re-ranking they drive.

    Counts are kept in growing units (each new word adds ``scale``, and ``scale`` grows by
    1/decay per word) so decaying costs nothing; divide by ``scale`` for the decayed count.
    """

    def __init__(self, config: AdaptiveConfig = AdaptiveConfig()):
        self.config = config
        self._decay = 0.5 ** (1.0 / config.half_life_tokens)
        self._scale = 1.0
        self._uni: dict[str, float] = {}  # word (lower case) → count in scale units
        self._bi: dict[str, dict[str, float]] = {}  # previous token → word → count
        self._bi_total: dict[str, float] = {}  # previous token → sum of its pair counts
        self._mass = 0.0  # sum of the word counts, in scale units
        self._forms: dict[str, str] = {}  # word → written form, when not lower case
        self._signed: dict[str, float] = {}  # words written first under a closing formula (names)
        self._tail: tuple[str, ...] = (EOS,)  # the last tokens counted, across texts
        self.words_learned = 0  # words learned in total (not decayed)
        self._sorted: list[str] | None = None  # words sorted for prefix search (lazy)
        self._top: list[str] | None = None  # most frequent words (lazy)
        self._after_label = False  # the last text ended with "Password:": the next line is secret

    # -- learning ---------------------------------------------------------------------------------
    def learn(self, text: str) -> int:
        """Count the words of ``text`` (what must stay private left out, :func:`private_text`; an
        e-mail's header lines too, whose words are no line's start: "Subject: Warning light⏎⏎"
        then offered "Subject", "Warning" where the greeting goes); returns how many."""
        clean, self._after_label = private_text(text, self._after_label)
        return self.count(HEADER_LINE.sub("\n\n", clean))

    def count(self, clean: str) -> int:
        """Count the words of ``clean``, text already passed through :func:`private_text`."""
        prev, at_start, n = EOS, True, 0
        for surface in iter_surface(plain_quotes(clean)):
            tok = normalise(surface)
            signed = after_sign_off(self._tail)  # "Kind regards,⏎" + the writer's name
            self._tail = (*self._tail[-(TAIL_TOKENS - 1):], tok)
            if tok == EOS:
                prev, at_start = EOS, True
                continue
            if is_word(tok) and not any(c.isdigit() for c in tok):  # no "£486" offered back
                self._scale /= self._decay
                s = self._scale
                if signed and surface[:1].isupper() and as_name(tok):  # a name, not "And"
                    self._signed[tok] = self._signed.get(tok, 0.0) + s
                if at_start and tok not in self._uni and surface != tok:
                    self._forms[tok] = surface  # a new word first seen at a sentence start
                self._uni[tok] = self._uni.get(tok, 0.0) + s
                followers = self._bi.setdefault(prev, {})
                followers[tok] = followers.get(tok, 0.0) + s
                self._bi_total[prev] = self._bi_total.get(prev, 0.0) + s
                self._mass += s
                if not at_start:
                    if surface != tok:
                        self._forms[tok] = surface
                    else:
                        self._forms.pop(tok, None)
                n += 1
            prev, at_start = tok, False
        if self._tail[-1] != EOS:  # a text learnt ends a sentence or a line
            self._tail = (*self._tail[-(TAIL_TOKENS - 1):], EOS)
        if n:
            self.words_learned += n
            self._sorted = self._top = None
            if self._scale > 1e12:
                self._rescale()
            self._bound()
        return n

    def _rescale(self) -> None:
        f = 1.0 / self._scale
        self._uni = {w: c * f for w, c in self._uni.items()}
        self._bi = {v: {w: c * f for w, c in ws.items()} for v, ws in self._bi.items()}
        self._bi_total = {v: c * f for v, c in self._bi_total.items()}
        self._mass *= f
        self._signed = {w: c * f for w, c in self._signed.items()}
        self._scale = 1.0

    def _bound(self) -> None:
        cfg = self.config
        dropped = False
        if len(self._uni) > cfg.max_words:
            dropped = True
            keep = dict(heapq.nlargest(int(cfg.max_words * 0.8), self._uni.items(), key=lambda kv: kv[1]))
            self._uni = keep
            self._mass = sum(keep.values())
            self._forms = {w: f for w, f in self._forms.items() if w in keep}
        if len(self._signed) > MAX_SIGNED:
            self._signed = dict(heapq.nlargest(MAX_SIGNED, self._signed.items(), key=lambda kv: kv[1]))
        pairs = sum(len(ws) for ws in self._bi.values())
        if pairs > cfg.max_bigrams or dropped:
            flat = [(c, v, w) for v, ws in self._bi.items() for w, c in ws.items() if w in self._uni]
            flat = heapq.nlargest(int(cfg.max_bigrams * 0.8), flat)
            self._bi, self._bi_total = {}, {}
            for c, v, w in flat:
                self._bi.setdefault(v, {})[w] = c
                self._bi_total[v] = self._bi_total.get(v, 0.0) + c

    # -- probabilities ----------------------------------------------------------------------------
    @property
    def size(self) -> float:
        """N: the decayed number of words in the cache."""
        return self._mass / self._scale

    def weight(self) -> float:
        """λ, the cache's share in the interpolation (0 for an empty cache)."""
        n = self.size
        return self.config.max_lambda * n / (n + self.config.ramp_tokens) if n > 0 else 0.0

    def probability(self, word: str, prev: str) -> float:
        """P_cache(word | prev) for lower-case ``word`` and the previous model token ``prev``."""
        if self._mass <= 0:
            return 0.0
        beta = self.config.bigram_prior
        p_uni = self._uni.get(word, 0.0) / self._mass
        pair = self._bi.get(prev, {}).get(word, 0.0) / self._scale
        total = self._bi_total.get(prev, 0.0) / self._scale
        return (pair + beta * p_uni) / (total + beta)

    def rerank(self, suggestions: list[Suggestion], text_before_cursor: str, k: int,
               knows: Callable[[str], bool] = lambda word: False) -> list[Suggestion]:
        """The model's ``suggestions`` re-ranked by the interpolation, cached words added; ``k``
        at most. The probability of each is the interpolated one. ``knows`` tells the model's own
        whole words (:meth:`~wordpad_ai.api.NextWordModel.knows_word`)."""
        lam = self.weight()
        if lam <= 0:
            return suggestions[:k]
        text = text_before_cursor[-CONTEXT_CHARS:]
        ctx = analyse_context(text)
        if word_of_ending(text, ctx.partial) is not None:
            return suggestions[:k]  # "Can'" → t: the model's endings of the word, nothing cached
        prev = ctx.tokens[-1] if ctx.tokens else EOS
        low = ctx.partial.lower()
        scored: dict[str, tuple[float, Suggestion]] = {}
        # the model's order holds where the cache has no say: its rules may put a word before a
        # likelier one (a common name before the novel's "Parsee", "stopped" before "stoppeth"),
        # so each word counts at most as likely as those it ranks after
        ceiling = float("inf")
        for s in suggestions:
            w = s.word.lower()
            ceiling = min(ceiling, s.probability)
            score = (1 - lam) * ceiling + lam * self.probability(w, prev)
            if w not in scored or scored[w][0] < score:
                scored[w] = (score, s)
        # A model with no next word at all means it. Where no word comes (inside a number, "£47.",
        # "0800 12"; a number the model gives no ending, "Flat 4"; after punctuation, "Dear
        # John," → ⏎) the cache offers nothing either. After the writer's
        # name under "Kind regards," it adds only what followed that name before, not its common
        # words, and a capital typed inside a sentence gets names ("Sarah W" → Whitfield, not
        # would). On the line after "Kind regards," it offers the names the writer signed with.
        silent = not any(s.remainder or s.continuation for s in suggestions)  # (the typed word alone: finished)
        signing = after_sign_off(ctx.tokens)
        if silent and (in_number(text) or in_phone_number(text) or in_dotted_word(text) or low[:1].isdigit()
                       or (not ctx.partial and prev != EOS and not is_word(prev))):
            return []  # nor completes a number where the model gives it no ending ("4" ↛ 400g)
        names = signing or (silent and ctx.partial[:1].isupper() and not ctx.sentence_start)
        # a word the writer or the model knows, typed where the model offers nothing, is finished
        finished = silent and bool(low) and (low in self._uni or knows(low))
        for w in self._cache_words(prev, low, ctx.partial, common=not silent, names=names,
                                   signing=signing, finished=finished):
            if w not in scored:
                score = lam * self.probability(w, prev)
                word = self._cased(w, ctx.partial, ctx.sentence_start)
                scored[w] = (score, Suggestion(word, score, prefix=ctx.partial))
        ranked = sorted(scored.values(), key=lambda sv: -sv[0])[:k]
        return [Suggestion(s.word, float(p), prefix=s.prefix, continuation=s.continuation)
                for p, s in ranked]

    def _cache_words(self, prev: str, low: str, partial: str, common: bool = True,
                     names: bool = False, signing: bool = False, finished: bool = False) -> list[str]:
        n = self.config.cache_candidates
        if signing:  # under "Kind regards,": the names the writer signed with before ("A" →
            # Anna, not "Anyway", written at a sentence start)
            signed = [w for w in self._signed if w.startswith(low) and len(w) > len(low)]
            return heapq.nlargest(n, signed, key=self._signed.__getitem__)
        if low:
            if self._sorted is None:
                self._sorted = sorted(self._uni)
            lo, hi = prefix_range(self._sorted, low)
            matches = [w for w in self._sorted[lo:hi] if len(w) > len(low) and not (
                len(low) < NAME_LOWER_LETTERS and low == partial and self._forms.get(w, w)[:1].isupper())]  # "am" ↛ Amelia
            if low in self._uni:
                floor = self.config.finished_ratio * self.probability(low, prev)
                matches = [w for w in matches if self.probability(w, prev) >= floor]
            if finished and not names:
                # a word the model takes for finished ("look forward to", "he can do"): only
                # what followed the word before makes it go on ("toiletries", "doctor", learnt
                # elsewhere, do not); a prefix that is no word still completes ("Zor" → Zorblax)
                followers = self._bi.get(prev, {})
                matches = [w for w in matches if w in followers]
            words = heapq.nlargest(n, matches, key=lambda w: self.probability(w, prev))
        else:
            followers = self._bi.get(prev, {})
            if self._top is None:
                self._top = [w for w, _ in heapq.nlargest(n, self._uni.items(), key=lambda kv: kv[1])]
            words = heapq.nlargest(n, followers, key=followers.__getitem__) + (self._top if common else [])
        if names:  # written with a capital, and no word a name never is ("I", "The")
            words = [w for w in words if self._forms.get(w, w)[:1].isupper() and as_name(w)]
        return words

    def _cased(self, word: str, partial: str, sentence_start: bool) -> str:
        form = self._forms.get(word, word)
        if sentence_start and not partial:
            form = form[:1].upper() + form[1:]
        if partial:
            if partial.isupper() and len(partial) > 1:
                return form.upper()
            if partial[:1].isupper():
                form = form[:1].upper() + form[1:]
            form = partial + form[len(partial):]
        return form

    # -- persistence ------------------------------------------------------------------------------
    def to_json(self) -> dict:
        f = 1.0 / self._scale
        return {"version": CACHE_VERSION, "words_learned": self.words_learned,
                "unigrams": {w: c * f for w, c in self._uni.items()},
                "bigrams": {v: {w: c * f for w, c in ws.items()} for v, ws in self._bi.items()},
                "forms": dict(self._forms),
                "signed": {w: c * f for w, c in self._signed.items()}}

    @classmethod
    def from_json(cls, data: dict, config: AdaptiveConfig = AdaptiveConfig()) -> "AdaptiveCache":
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            raise ValueError("not an adaptive cache of a known version")
        cache = cls(config)
        cache._uni = {str(w): float(c) for w, c in data["unigrams"].items()}
        cache._bi = {str(v): {str(w): float(c) for w, c in ws.items()}
                     for v, ws in data["bigrams"].items()}
        cache._bi_total = {v: sum(ws.values()) for v, ws in cache._bi.items()}
        cache._mass = sum(cache._uni.values())
        cache._forms = {str(w): str(f) for w, f in data.get("forms", {}).items()}
        cache._signed = {str(w): float(c) for w, c in data.get("signed", {}).items()}
        cache.words_learned = int(data.get("words_learned", 0))
        return cache

    def save(self, path: Path) -> None:
        from ..fileutil import atomic_write_text

        atomic_write_text(Path(path), json.dumps(self.to_json(), ensure_ascii=False))

    @classmethod
    def load(cls, path: Path, config: AdaptiveConfig = AdaptiveConfig()) -> "AdaptiveCache":
        """The cache stored at ``path``; an empty one if there is none or it is unreadable."""
        try:
            return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")), config)
        except FileNotFoundError:
            return cls(config)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("adaptive cache %s is unreadable (%s); starting afresh", path, exc)
            return cls(config)


def model_knows(model: NextWordModel, word: str) -> bool:
    """``model.knows_word(word)`` (optional, :class:`~wordpad_ai.api.NextWordModel`); a plugin's
    failure there means no: learning goes on as if the model did not know the word."""
    try:
        return bool(model.knows_word(word))
    except KeyboardInterrupt:
        raise
    except Exception:
        log.debug("knows_word failed", exc_info=True)
        return False


def cache_file() -> Path:
    """Where the user's cache is stored."""
    from .. import paths

    return paths.data_dir() / "adaptive" / "common.json"


class Adaptation:
    """The engine's side of learning as you type: settings, cache, persistence, blending."""

    def __init__(self, settings_fn: Callable[[], object], config: AdaptiveConfig = AdaptiveConfig(),
                 path: Path | None = None):
        self._settings_fn = settings_fn  # returns the current Settings (learning_paused, ...)
        self.config = config
        self._path = path  # None: cache_file(), resolved on first use
        self._cache: AdaptiveCache | None = None  # loaded on first use
        self._dirty = False  # learned since the last save
        self._after_label = False  # the last observed text ended with "Password:" (or the like)
        self._saved_at = time.monotonic()

    @property
    def cache(self) -> AdaptiveCache:
        if self._cache is None:
            self._path = self._path or cache_file()
            self._cache = AdaptiveCache.load(self._path, self.config)
        return self._cache

    def paused(self) -> bool:
        return bool(getattr(self._settings_fn(), "learning_paused", False))

    def suggest(self, predict: Callable[[str, int], list[Suggestion]], text_before_cursor: str,
                k: int, knows: Callable[[str], bool] = lambda word: False) -> list[Suggestion]:
        """``predict(text, n)``'s suggestions (the model's, checked), re-ranked with the cache
        (plain while learning is paused)."""
        if self.paused() or self.cache.weight() <= 0:
            return list(predict(text_before_cursor, k))[:k]
        many = list(predict(text_before_cursor, max(k, self.config.candidates)))
        return self.cache.rerank(many, text_before_cursor, k, knows)

    def observe(self, text: str, path: str | None = None) -> str | None:
        """Learn from ``text`` unless paused or the document is excluded. Returns the text with
        what must stay private removed (:func:`private_text`), for models that adapt too, or
        None when nothing may be learned."""
        settings = self._settings_fn()
        if getattr(settings, "learning_paused", False):
            return None
        if is_excluded(path, getattr(settings, "excluded_paths", ())):
            return None
        clean, self._after_label = private_text(text, self._after_label)
        if self.cache.count(clean):
            self._dirty = True
            if time.monotonic() - self._saved_at >= self.config.save_every_s:
                self.flush()
        return clean

    def flush(self) -> None:
        """Write the cache to disk if it changed."""
        if self._dirty and self._cache is not None:
            self._cache.save(self._path)
            self._dirty = False
            self._saved_at = time.monotonic()


class AdaptiveModel(NextWordModel):
    """A model with a cache in front (evaluation and tests): ``predict_ranked`` re-ranks the
    model's whole ranking as the engine does, and ``predict`` holds back passed-over words as the
    bundled models' ``predict`` does (:class:`~wordpad_ai.api.PassedOver`); ``observe`` learns.
    Phrases and perplexity come from the wrapped model."""

    def __init__(self, model: NextWordModel, cache: AdaptiveCache | None = None):
        self.model = model
        self.cache = cache or AdaptiveCache()
        self.model_id = getattr(model, "model_id", "") + "+adaptive"
        self._passed_over = PassedOver(self.predict_ranked)

    def predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        return self._passed_over.suggest(text_before_cursor, k)

    def predict_ranked(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        if self.cache.weight() <= 0:
            return list(self.model.predict_ranked(text_before_cursor, k))[:k]
        many = list(self.model.predict_ranked(text_before_cursor, max(k, self.cache.config.candidates)))
        return self.cache.rerank(many, text_before_cursor, k, self.knows_word)

    def knows_word(self, word: str) -> bool:
        return model_knows(self.model, word)

    def predict_phrase(self, text_before_cursor: str, max_words: int = 4) -> Suggestion | None:
        return self.model.predict_phrase(text_before_cursor, max_words)

    def prepare(self, text_before_cursor: str, should_stop=None) -> None:
        self.model.prepare(text_before_cursor, should_stop)

    def perplexity(self, text: str) -> float | None:
        return self.model.perplexity(text)

    def observe(self, text: str) -> None:
        self.cache.learn(text)
