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
