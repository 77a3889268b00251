"""Modern word frequencies: the unigram rescaling bias and the table file."""

from __future__ import annotations

import numpy as np
import pytest

from wordpad_ai.neural.frequency import FrequencyTable


def test_bias_favours_words_more_common_today_than_in_the_training_text(tmp_path):
    t = FrequencyTable(["invite", "invoke", "the"], np.array([2e-5, 2e-6, 5e-2]),
                       np.array([1e-6, 1e-4, 5e-2]), beta=0.5, clip=2.0)
    b = t.bias(["<unk>", "invoke", "invite", "the", "zzz"])
    assert b[0] == 0 and b[4] == 0  # not in the table: unchanged
    assert b[2] == pytest.approx(0.5 * 2.0)  # log(20) clipped to 2
    assert b[1] == pytest.approx(-0.5 * 2.0)  # log(1/50) clipped to -2
    assert b[3] == pytest.approx(0.0)
    t.save(tmp_path / "frequencies.npz")
    u = FrequencyTable.load(tmp_path / "frequencies.npz")
    assert u.words == t.words and u.beta == pytest.approx(0.5)
    assert u.bias(["invite"]) == pytest.approx(t.bias(["invite"]))


def test_a_broken_table_is_refused_with_its_name(tmp_path):
    np.savez(tmp_path / "frequencies.npz", words=np.array(["a", "b"]), modern=np.array([0.1]),
             train=np.array([0.1, 0.2]), params=np.array([0.3, 2.0]))
    with pytest.raises(ValueError, match="frequencies.npz"):
        FrequencyTable.load(tmp_path / "frequencies.npz")


def test_misspellings_are_slips_of_a_far_more_common_word():
    from wordpad_ai.neural.frequency import misspellings

    table = {  # word: share of modern English
        "receive": 3e-5, "recieve": 5e-7,        # swapped neighbours
        "definitely": 4e-5, "definately": 7e-8,  # one vowel for another, rare enough
        "until": 2e-4, "untill": 9e-7,           # a letter doubled
        "occurred": 2e-5, "occured": 6e-7,       # a double letter written once
        "stain": 2e-6, "stdin": 3e-8,            # a consonant away: a different word, kept
        "term": 3e-5, "xterm": 2e-8,             # a letter longer: kept
        "thus": 6e-5, "this": 5e-3,              # common itself: a word, kept
        "retried": 4e-7, "retired": 2e-5,        # a dictionary word: kept
        "cron": 5e-7, "corn": 3e-5,              # the training text uses it often: kept
        "vary": 2e-5, "very": 1e-3,              # vowel slip, but "vary" is common: kept
    }
    words = list(table)
    train = [1e-3 if w == "cron" else 1e-7 for w in words]
    found = misspellings(words, [table[w] for w in words], train, known={"retried"})
    assert sorted(found) == ["definately", "occured", "recieve", "untill"]
    # without the dictionary and the training text's counts, the real words would be flagged
    assert {"retried", "cron"} <= set(misspellings(words, [table[w] for w in words]))


def _older_table(tmp_path) -> FrequencyTable:
    """A table as the first releases wrote it: no word lines, no lists."""
    np.savez(tmp_path / "old.npz", words=np.array(["a"]), modern=np.array([0.1]),
             train=np.array([0.1]), params=np.array([0.3, 2.0]))
    return FrequencyTable.load(tmp_path / "old.npz")


def test_the_never_suggested_list_is_saved_and_old_tables_load_without_one(tmp_path):
    t = FrequencyTable(["receive"], np.array([3e-5]), np.array([1e-5]), never_suggested=["recieve"])
    t.save(tmp_path / "frequencies.npz")
    assert FrequencyTable.load(tmp_path / "frequencies.npz").never_suggested == {"recieve"}
    assert _older_table(tmp_path).never_suggested == frozenset()


def test_the_technical_words_are_a_technical_texts_jargon_and_are_saved(tmp_path):
    from wordpad_ai.neural.frequency import technical_words

    counts = {"the": 5000, "socket": 60, "directory": 80, "house": 40, "parse": 10, "door": 30, "doesn": 50}
    modern = {"the": 0.05, "socket": 2e-6, "directory": 5e-6, "house": 3e-4, "parse": 1e-7, "door": 5e-4,
              "doesn": 1e-8}
    # far more common in the text than today, and seen often enough: "parse" only 10 times; a
    # contraction's stem is no jargon (today's English counts "doesn't" whole)
    assert technical_words(counts, modern) == ["directory", "socket"]
    t = FrequencyTable(["socket"], np.array([2e-6]), np.array([1e-4]), technical=["socket"])
    t.save(tmp_path / "frequencies.npz")
    assert FrequencyTable.load(tmp_path / "frequencies.npz").technical == {"socket"}
    assert _older_table(tmp_path).technical == frozenset()


def test_words_hardly_used_today_are_told_and_both_word_formats_load(tmp_path):
    t = FrequencyTable(["house", "deliverest", "voussoirs", "asyncio"], np.array([3e-5, 0.0, 2e-8, 0.0]),
                       np.array([1e-5, 1e-5, 1e-6, 1e-5]))
    assert t.unused_today() == {"deliverest", "voussoirs", "asyncio"}
    t.save(tmp_path / "frequencies.npz")
    u = FrequencyTable.load(tmp_path / "frequencies.npz")  # the words as one text, a line each
    assert u.words == t.words and u.unused_today() == t.unused_today()
    with np.load(tmp_path / "frequencies.npz") as data:  # and as the array older versions read
        assert data["words"].tolist() == t.words
    np.savez(tmp_path / "old.npz", words=np.array(["house", "deliverest"]), modern=np.array([3e-5, 0.0]),
             train=np.array([1e-5, 1e-5]), params=np.array([0.3, 2.0]))
    assert FrequencyTable.load(tmp_path / "old.npz").words == ["house", "deliverest"]
