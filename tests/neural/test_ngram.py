"""The n-gram table mixed into the network's distribution (no TensorFlow: numpy only)."""

from __future__ import annotations

import numpy as np
import pytest

from wordpad_ai.neural import ngram
from wordpad_ai.neural.ngram import NgramTable, build_table

V = 12


def _table(**kw) -> NgramTable:
    # "1 2 3 4" four times and "1 2 5" once: after (1, 2) → 3 (4×) or 5 (1×, pruned at min_count 2)
    stream = [1, 2, 3, 4] * 4 + [1, 2, 5]
    return build_table([stream], V, min_count=2, **kw)


def test_counts_and_pruning():
    t = _table()
    j = t.orders[2].find((1 << 16) | 2)
    lo, hi = t.orders[2].start[j], t.orders[2].start[j + 1]
    assert t.orders[2].total[j] == 5  # the pruned "1 2 5" still counts in c(h)
    assert dict(zip(t.orders[2].next[lo:hi].tolist(), t.orders[2].count[lo:hi].tolist())) == {3: 4}


def test_mixed_is_a_distribution_that_follows_the_formula():
    t = _table(discount=0.5, mix=0.6)
    p_net = np.full(V, 1.0 / V)
    p = t.mixed(p_net, [4, 1, 2])
    assert p.sum() == pytest.approx(1.0)
    # by hand: order 1 (ctx 2): 3 seen 4× of 5; order 2 (ctx 1 2): same; order 3 (ctx 4 1 2): 3× of 4;
    # each order trusted κ = c / (c + β)
    b = ngram.CONFIDENCE
    p1 = p_net * (1 - 3.5 / (5 + b))
    p1[3] += 3.5 / (5 + b)
    p2 = p1 * (1 - 3.5 / (5 + b))
    p2[3] += 3.5 / (5 + b)
    p3 = p2 * (1 - 2.5 / (4 + b))
    p3[3] += 2.5 / (4 + b)
    assert p == pytest.approx(0.4 * p_net + 0.6 * p3)
    assert int(np.argmax(p)) == 3


def test_a_context_seen_a_few_times_pulls_less_than_one_seen_often():
    # "a b c" 3 times (one e-mail quoted in its replies) and "x y z" 300 times: both always go on
    # the same way, but the rare context moves the network's distribution far less
    stream = [1, 2, 3, 0] * 3 + [4, 5, 6, 0] * 300
    t = build_table([stream], V, min_count=2, mix=0.6)
    p_net = np.full(V, 1.0 / V)
    rare, often = t.mixed(p_net, [0, 1, 2])[3], t.mixed(p_net, [0, 4, 5])[6]
    assert often > 0.6 and rare < 0.7 * often  # (without κ: 0.62 and 0.63)
    assert ngram.NgramTable.confidence(3.0) == pytest.approx(3.0 / (3.0 + ngram.CONFIDENCE))


def test_a_rare_word_alone_pulls_and_a_common_one_does_not():
    # word 7 seen 20 times, always before 8; word 4 seen 400 times, always before 5: a lone
    # bigram context pulls only for the rare word (the network knows a common word's followers)
    stream = [7, 8, 0] * 20 + [4, 5, 0] * 400
    t = build_table([stream], V, min_count=2, mix=(0.0, 0.3, 0.6))
    p_net = np.full(V, 1.0 / V)
    assert t.mixed(p_net, [9, 4]) == pytest.approx(p_net)  # (context 9 4 unseen: order 1 alone)
    p = t.mixed(p_net, [9, 7])
    assert p.sum() == pytest.approx(1.0)
    share = 19.25 / 20 * 20 / (20 + ngram.CONFIDENCE)  # κ · (c − D) / c
    assert p[8] == pytest.approx((1 - ngram.RARE_MIX) / V + ngram.RARE_MIX * ((1 - share) / V + share))


def test_unknown_context_and_no_mix_leave_the_network_alone():
    t = _table()
    p_net = np.random.default_rng(0).dirichlet(np.ones(V))
    assert t.mixed(p_net, [9, 10, 11]) is p_net
    assert t.with_params(mix=0.0).mixed(p_net, [1, 2]) is p_net


def test_blocked_ids_are_never_predicted_by_the_table():
    t = _table(blocked=[3])
    p_net = np.full(V, 1.0 / V)
    p = t.mixed(p_net, [1, 2])
    assert p[3] <= p_net[3] + 1e-12


def test_save_load_round_trip_and_corrupt_file(tmp_path):
    t = _table()
    t.save(tmp_path / "ngram.npz")
    u = NgramTable.load(tmp_path / "ngram.npz")
    p_net = np.full(V, 1.0 / V)
    assert u.mixed(p_net, [4, 1, 2]) == pytest.approx(t.mixed(p_net, [4, 1, 2]))
    arrays = dict(np.load(tmp_path / "ngram.npz"))
    arrays["k1_next"] = arrays["k1_next"] + 50  # ids beyond the vocabulary
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ValueError, match="order-1"):
        NgramTable.load(tmp_path / "bad.npz")


def test_ids_beyond_the_table_vocabulary_are_ignored():
    t = _table()
    p_net = np.full(V + 3, 1.0 / (V + 3))  # a fine-tuned model appended 3 words
    ids = t.context_ids(["one", "two", "appended"], [1, 2, V + 1])
    assert ids == [1, 2, ngram.UNKNOWN] and t.mixed(p_net, ids) is p_net


def _with_words() -> NgramTable:
    # "preheat the oven" 4 times: "preheat" (id V) is a context-only word; "my <unk> chin" 4
    # times: <unk> (id 0) pools rare words; "the preheat" twice: a context-only word is never
    # predicted
    stream = [V, 3, 4, 9] * 4 + [7, 0, 5, 9] * 4 + [3, V, 9] * 2
    return build_table([stream], V, min_count=2, mix=0.6, words=("preheat",))


def test_a_word_outside_the_vocabulary_has_its_own_context_id():
    t = _with_words()
    p_net = np.full(V, 1.0 / V)
    ids = t.context_ids(["preheat", "the"], [0, 3])  # the network's vocabulary reads "preheat" as <unk>
    assert ids == [V, 3]
    assert int(np.argmax(t.mixed(p_net, ids))) == 4  # → oven
    assert int(np.argmax(t.mixed(p_net, t.context_ids(["preheat"], [0])))) == 3  # "preheat" → the
    assert all(int(o.next.max()) < V for o in t.orders.values())  # "the" → preheat: never predicted


def test_a_context_holding_unk_is_never_looked_up():
    t = _with_words()
    p_net = np.random.default_rng(1).dirichlet(np.ones(V))
    ids = t.context_ids(["my", "debit"], [7, 0])  # "debit": neither in the vocabulary nor the table
    assert ids == [7, ngram.UNKNOWN]
    assert t.orders[2].find((7 << 16) | 0) is not None  # "my <unk>" → chin was counted…
    assert t.mixed(p_net, ids) is p_net  # …and is not used: <unk> is thousands of words


def test_a_context_only_word_goes_on_as_unk_and_by_name():
    t = _with_words()
    p_net = np.full(V, 1.0 / V)
    p = t.mixed(p_net, [3])  # "the": → oven 4×, → <unk> 2× ("the preheat")
    words, probs = t.named_unknowns([3])
    assert words.tolist() == [0] and t.words[0] == "preheat"  # the <unk> after "the" was "preheat"
    assert 0 < probs[0] <= p[ngram.UNKNOWN] - 0.4 * p_net[ngram.UNKNOWN] + 1e-12  # within the table's <unk> mass
    assert t.named_unknowns([4])[0].tolist() == []  # "oven" → the: no unknown word by name
    assert t.named_unknowns([7, 0])[0].tolist() == []  # a context holding <unk>: never looked up


def test_context_words_round_trip_and_id_room(tmp_path):
    t = _with_words()
    t.save(tmp_path / "ngram.npz")
    u = NgramTable.load(tmp_path / "ngram.npz")
    assert u.words == ("preheat",) and u.context_ids(["preheat"], [0]) == [V]
    (uw, up), (tw, tp) = u.named_unknowns([3]), t.named_unknowns([3])
    assert uw.tolist() == tw.tolist() and up == pytest.approx(tp)
    p_net = np.full(V, 1.0 / V)
    assert u.mixed(p_net, [V, 3]) == pytest.approx(t.mixed(p_net, [V, 3]))
    arrays = dict(np.load(tmp_path / "ngram.npz"))
    arrays["vocab_size"] = np.array([(1 << 16) - 0], np.int64)  # no room left for the word's id
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ValueError, match="16 bits"):
        NgramTable.load(tmp_path / "bad.npz")
    with pytest.raises(ValueError, match="too many"):
        build_table([[1, 2, 3]], 1 << 16, words=("extra",))
