"""``suggesting.top_ids``: the most likely allowed words without partitioning the vocabulary, the
same answer as sorting all of it."""

from __future__ import annotations

import numpy as np
import pytest

from wordpad_ai.neural.suggesting import top_ids


def _by_sorting(p: np.ndarray, allowed: np.ndarray, n: int) -> list[int]:
    ids = [i for i in range(len(p)) if allowed[i] and p[i] > 0]
    return sorted(ids, key=lambda i: (-p[i], i))[:n]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [1, 3, 23, 400])
def test_top_ids_is_the_full_sort(seed, n):
    rng = np.random.default_rng(seed)
    # peaked (a few words above 1e-3), flat (none: the fallbacks) and tied distributions
    shape = [0.05, 1.0, 5.0][seed % 3]
    p = rng.dirichlet(np.full(25_000, shape)).astype(np.float32 if seed % 2 else np.float64)
    p[rng.integers(0, len(p), 50)] = 0.0
    p[rng.integers(0, len(p), 20)] = p.max()  # ties: id order
    allowed = rng.random(len(p)) > 0.1
    assert top_ids(p, allowed, n).tolist() == _by_sorting(p, allowed, n)


def test_top_ids_with_fewer_allowed_words_than_asked():
    p = np.array([0.5, 0.0, 0.3, 0.2, 0.0])
    allowed = np.array([True, True, False, True, True])
    assert top_ids(p, allowed, 10).tolist() == [0, 3]  # no zero, nothing forbidden
    assert top_ids(p, allowed, 0).tolist() == []
