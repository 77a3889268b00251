"""Phrase completion: a beam search over whole words on the numpy :class:`Predictor`.

The probability that the writer types exactly the phrase ``w1 w2 … wn`` next (words separated by
single spaces, no punctuation in between) is

    P(w1 … wn | context) = P(w1 | context, typed prefix) · Π_{i>1} P(wi | context, w1 … w(i-1))

where each factor is the model's next-token distribution (punctuation and sentence ends are
tokens of their own, so they take probability away from the next word: a phrase stops by itself
where a full stop or a comma is likely). With part of ``w1`` typed, the first factor is the
model's distribution restricted to the words that start with the typed prefix (renormalised over
those words, out-of-vocabulary ones included through the lexicon's ``<unk>`` shares).

The search keeps, for each length n = 1 … ``max_words``, the ``beam`` most likely phrases. A
phrase below the threshold never gets above it by growing, so hypotheses under the threshold are
dropped at once; since the phrases of one length have probabilities that sum to at most 1, at
most ⌊1/threshold⌋ of them survive, and with ``beam ≥ 1/threshold`` the search is exact. The
longest length whose best phrase clears the threshold wins; a single word is not a phrase (the
ordinary suggestions cover it).

Cost: level 1 reuses the distribution ``predict`` just computed (``Predictor.next_probs``), and
the words above the threshold are found by one comparison, without sorting the vocabulary;
each deeper level costs one cell step and one output layer per surviving hypothesis (with the
model's n-gram table mixed in, as for single words: :meth:`Predictor.probs_after`). Distributions
go through ``Predictor.next_probs``, which keeps the last few, so the next keystroke of the same
word costs no model work; states go through ``Predictor.states_after``, so they land in the
predictor's state cache and the next keystroke after accepting a word is a cache hit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..api import Suggestion
from ..text.personal_data import is_personal_suggestion
from ..text.tokenize import Context
from .suggesting import top_ids

# Calibrated on held-out text so that at least ~60 % of the phrases shown are exactly what the
# writer typed next (all words): the lowest threshold that does so on the *tuning* sample (never
# the evaluation sample the cards report). Shipped LSTM of issue 12's second round (n-gram table
# with the team's everyday writing), 4,594 held-out everyday tuning words (models/build_defaults.py's
# everyday/tune: e-mail, speeches, novel; the word protocol with phrases, mid-word queries
# included, `wordpad-ai evaluate --phrases`): 0.30 showed 66 phrases (41 % entirely right), 0.40
# showed 20 (60 %), 0.50 showed 4 (50 %). The cards give the evaluation sample's figures.
#
# With part of the first word typed, the first word's probability is renormalised over the words
# that start with the typed letters (the module docstring's P(w1 | context, typed prefix)), and the
# phrase must clear a stricter threshold. Calibrated the same way, on the *typist view* of the same
# tuning words (`evaluate --phrases`: every letter typed, each phrase the ghost text shows counted
# once per word; the bar writer above takes a word as soon as it is offered and so never reaches
# the letters where a phrase is surest): 0.5 showed phrases at 5.3 % of the words (52 % entirely
# right), 0.6 at 2.9 % (61 %), 0.7 at 1.8 % (63 %). Before, a typed word kept its probability from
# the word start, and the ghost text showed phrases at 0.3 % of the words; of 20 everyday
# formulas typed into a letter ("I look forward to working with you", "Please feel free to
# contact me"), 3 showed a phrase at some keystroke, 10 do now.
#
# How far phrases can go: on that sample (first-round table) the first word and its best next word were both
# right, at some keystroke of the word, for only 7.8 % of the words (5.4 % of the e-mail words),
# so no threshold can show phrases at 10 % of the words with 60 % of them right; the model would
# have to predict two words ahead far better, not be thresholded differently.
PHRASE_THRESHOLD = 0.4
PHRASE_THRESHOLD_TYPED = 0.6
PHRASE_BEAM = 3  # hypotheses kept per length (exact for threshold >= 1/3)
PHRASE_MAX_WORDS = 4  # longest phrase offered


@dataclass(frozen=True)
class PhraseCandidate:
    """The best phrase of one length found by the search."""

    words: tuple[str, ...]  # the words as the writer would type them (cased)
    probability: float  # P(writer types exactly these words next), per the model
    prefix: str = ""  # the part of the first word already typed


class PhraseSearch:
    """Beam search for confident multi-word continuations over one :class:`Predictor`."""

    def __init__(self, predictor):
        self.predictor = predictor  # the numpy predictor (states, distributions, casing)

    def candidates(self, text_before_cursor: str, max_words: int = PHRASE_MAX_WORDS,
                   beam: int = PHRASE_BEAM, threshold: float = 0.0) -> list[PhraseCandidate]:
        """The best phrase of each length 1 … ``max_words`` whose probability is at least
        ``threshold`` (shorter first); empty when not even one word is that likely."""
        return self._search(self.predictor.context(text_before_cursor), max_words, beam, threshold)

    def _search(self, ctx: Context, max_words: int, beam: int,
                threshold: float) -> list[PhraseCandidate]:
        pred = self.predictor
        first = self._first_words(ctx, pred.next_probs(ctx.tokens), beam, threshold)
        log_t = np.log(max(threshold, 1e-30))
        hyps = [(lp, (i,)) for lp, i in first if lp >= log_t]
        out: list[PhraseCandidate] = []
        for depth in range(1, max_words + 1):
            if not hyps:
                break
            hyps.sort(key=lambda h: -h[0])
            hyps = hyps[:beam]
            best_lp, best_ids = hyps[0]
            out.append(self._candidate(ctx, best_ids, best_lp))
            if depth == max_words:
                break
            grown = []
            for lp, ids in hyps:
                words = tuple(pred.vocab.tokens[i] for i in ids)
                # only next words that keep the phrase at the threshold can grow it
                top = self._best_ids(pred.next_probs(ctx.tokens + words), beam, threshold / np.exp(lp))
                grown += [(lp + lq, ids + (j,)) for lq, j in top if lp + lq >= log_t]
            hyps = grown
        return out

    def best(self, text_before_cursor: str, max_words: int = PHRASE_MAX_WORDS,
             threshold: float | None = None, beam: int = PHRASE_BEAM) -> Suggestion | None:
        """The longest phrase of at least two words at least ``threshold`` likely, or None. The
        default threshold is :data:`PHRASE_THRESHOLD` at a word start and
        :data:`PHRASE_THRESHOLD_TYPED` with part of the first word typed."""
        ctx = self.predictor.context(text_before_cursor)
        if threshold is None:
            threshold = PHRASE_THRESHOLD_TYPED if ctx.partial else PHRASE_THRESHOLD
        found = self._search(ctx, max_words, beam, threshold)
        # never a phrase that hands out personal data (an address, a number, a whole name):
        # the longest clean one wins
        found = [c for c in found if not self._personal(c)]
        if len(found) < 2 or len(found[-1].words) < 2:
            return None
        top = found[-1]
        return Suggestion(top.words[0], top.probability, prefix=top.prefix,
                          continuation=top.words[1:])

    # -- internals --------------------------------------------------------------------------------
    def _personal(self, cand: PhraseCandidate) -> bool:
        """Whether the phrase, in its usual written form, looks like personal data."""
        case = self.predictor.case
        usual = [case.cased(w.lower(), sentence_start=False) for w in cand.words]
        return is_personal_suggestion(usual)

    def _best_ids(self, p: np.ndarray, beam: int, at_least: float) -> list[tuple[float, int]]:
        """(log p, id) of the ``beam`` most likely suggestable words with p ≥ ``at_least``. With a
        threshold that is a handful of words at most, found without sorting the vocabulary."""
        allowed = self.predictor.unprompted
        if at_least > 0:
            ids = np.flatnonzero(p >= at_least)
            ids = ids[allowed[ids]]
            ids = ids[np.argsort(-p[ids], kind="stable")[:beam]]
        else:
            ids = top_ids(p, allowed, beam)
        return [(float(np.log(p[i])), int(i)) for i in ids]

    def _first_words(self, ctx: Context, p: np.ndarray, beam: int,
                     threshold: float) -> list[tuple[float, int]]:
        """(log P(w1 | context, typed prefix), id) of the ``beam`` most likely first words."""
        if not ctx.partial:
            return self._best_ids(p, beam, threshold)
        low = ctx.partial.lower()
        ids = self.predictor.ids_starting(low)
        total = float(p[ids].sum())
        if total <= 0:
            return []
        pick = np.argsort(-p[ids])[:beam]
        # renormalised over the words that start with the typed letters, the typed word itself
        # included: where it is probably finished, its phrase goes on from it ("Kind" → regards)
        return [(float(np.log(p[ids[j]] / total)), int(ids[j])) for j in pick if p[ids[j]] > 0]

    def _candidate(self, ctx: Context, ids: tuple[int, ...], lp: float) -> PhraseCandidate:
        pred = self.predictor
        words = []
        for n, i in enumerate(ids):
            word = pred.vocab.tokens[i]
            if n == 0:
                words.append(pred._cased(word, ctx, ctx.partial))
            else:
                words.append(pred._cased(word, ctx, "", sentence_start=False))
        return PhraseCandidate(tuple(words), float(np.exp(lp)), ctx.partial)
