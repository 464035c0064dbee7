"""`pipeline.assignment.linear_sum_assignment` returns exactly scipy's pairs.

The port follows scipy's algorithm step for step, so the pairs are the same even when
several assignments are optimal (a tie: scipy's scan order decides, and so does ours).
scipy is a dev dependency only, as the reference.
"""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.assignment import linear_sum_assignment

scipy_optimize = pytest.importorskip("scipy.optimize")


def _matrix(rng: np.random.Generator, kind: str, rows: int, cols: int) -> np.ndarray:
    if kind == "uniform":
        return rng.random((rows, cols))
    if kind == "small integers":  # many ties, many optimal assignments
        return rng.integers(0, 3, size=(rows, cols)).astype(float)
    if kind == "mostly zero":  # as diff.match passes them: pairs under the threshold are 0
        return np.where(rng.random((rows, cols)) < 0.7, 0.0, rng.random((rows, cols)))
    if kind == "scores":  # name scores 0..100 rounded, plus the same-rank bonus
        scores = np.round(rng.random((rows, cols)) * 100)
        same = np.arange(min(rows, cols))
        scores[same, same] += 3.0
        return -scores
    if kind == "constant":
        return np.full((rows, cols), 7.0)
    raise AssertionError(kind)


KINDS = ("uniform", "small integers", "mostly zero", "scores", "constant")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("maximize", [False, True])
def test_same_pairs_as_scipy_on_random_matrices(kind: str, maximize: bool) -> None:
    rng = np.random.default_rng([KINDS.index(kind), int(maximize)])
    for _ in range(300):
        rows, cols = (int(n) for n in rng.integers(1, 30, size=2))
        matrix = _matrix(rng, kind, rows, cols)
        want_rows, want_cols = scipy_optimize.linear_sum_assignment(matrix, maximize=maximize)
        got_rows, got_cols = linear_sum_assignment(matrix, maximize=maximize)
        assert got_rows.tolist() == want_rows.tolist(), (kind, matrix.shape)
        assert got_cols.tolist() == want_cols.tolist(), (kind, matrix.shape)


def test_optimal_on_a_known_problem() -> None:
    cost = np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    rows, cols = linear_sum_assignment(cost)
    assert rows.tolist() == [0, 1, 2]
    assert cols.tolist() == [1, 0, 2]
    assert cost[rows, cols].sum() == 5


def test_tall_matrix_pairs_sorted_by_row() -> None:
    cost = np.array([[9.0, 1.0], [2.0, 9.0], [0.0, 5.0]])
    rows, cols = linear_sum_assignment(cost)
    assert rows.tolist() == [0, 2]  # 1 + 0 beats 1 + 2 and 2 + 5
    assert cols.tolist() == [1, 0]


def test_empty_and_invalid_matrices() -> None:
    rows, cols = linear_sum_assignment(np.zeros((0, 4)))
    assert rows.size == cols.size == 0
    with pytest.raises(ValueError, match="invalid numeric entries"):
        linear_sum_assignment(np.array([[1.0, np.nan]]))
    with pytest.raises(ValueError, match="2-d"):
        linear_sum_assignment(np.zeros(3))
