"""The optimal one-to-one assignment of a score matrix, without scipy.

`linear_sum_assignment` is scipy's `scipy.optimize.linear_sum_assignment` (the shortest
augmenting path algorithm of Crouse, "On implementing 2D rectangular assignment
algorithms", IEEE TAES 52(4), 2016, as scipy implements it in `rectangular_lsap.cpp`)
ported step for step to NumPy: the same row order, the same scan order of the remaining
columns and the same tie rules, so it returns the same pairs as scipy, ties included
(tests/test_assignment.py compares the two on random matrices, tied ones too). Importing
scipy costs about half a second of start-up, for one small problem per document.

Each row costs one augmenting path of at most `n_columns` steps, each step a few NumPy
operations over the columns not yet reached: O(rows * columns) work per row in the worst
case, typically a step or two per row for the score matrices of plan names.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.intp]


def linear_sum_assignment(cost: npt.ArrayLike, maximize: bool = False) -> tuple[
    IntArray, IntArray
]:
    """(row indices, column indices) of the assignment minimising (or maximising) the total
    cost; rows sorted ascending, min(n_rows, n_columns) pairs. Same contract as scipy's."""
    matrix = np.asarray(cost, dtype=float)
    if matrix.ndim != 2:
        raise ValueError(f"expected a matrix (2-d array), got {matrix.ndim}-d")
    n_rows, n_cols = matrix.shape
    if n_rows == 0 or n_cols == 0:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty.copy()
    transpose = n_cols < n_rows
    work = matrix.T.copy() if transpose else matrix.copy()
    if maximize:
        work = -work
    if np.isnan(work).any() or np.isneginf(work).any():
        raise ValueError("matrix contains invalid numeric entries")
    col4row = _solve(work)
    if transpose:
        order = np.argsort(col4row, kind="stable")
        return col4row[order], order.astype(np.intp)
    return np.arange(work.shape[0], dtype=np.intp), col4row


def _solve(cost: npt.NDArray[np.float64]) -> IntArray:
    """col4row for a cost matrix with no more rows than columns."""
    n_rows, n_cols = cost.shape
    u = np.zeros(n_rows)
    v = np.zeros(n_cols)
    path = np.full(n_cols, -1, dtype=np.intp)
    col4row = np.full(n_rows, -1, dtype=np.intp)
    row4col = np.full(n_cols, -1, dtype=np.intp)
    for current in range(n_rows):
        sink, min_value, shortest, rows_seen, cols_seen = _augmenting_path(
            cost, u, v, path, row4col, current)
        # update the dual variables
        u[current] += min_value
        others = np.flatnonzero(rows_seen)
        others = others[others != current]
        u[others] += min_value - shortest[col4row[others]]
        v[cols_seen] -= min_value - shortest[cols_seen]
        # augment the previous solution along the path
        j = int(sink)
        while True:
            i = int(path[j])
            row4col[j] = i
            col4row[i], j = j, int(col4row[i])
            if i == current:
                break
    return col4row


def _augmenting_path(
    cost: npt.NDArray[np.float64], u: npt.NDArray[np.float64], v: npt.NDArray[np.float64],
    path: IntArray, row4col: IntArray, row: int,
) -> tuple[int, float, npt.NDArray[np.float64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The shortest augmenting path from `row`: (sink column, its length, the shortest path
    costs, rows reached, columns reached)."""
    n_rows, n_cols = cost.shape
    # scipy fills the remaining columns in reverse order, so that a constant matrix gives
    # the identity, and removes a column by moving the last remaining one into its place
    remaining = np.arange(n_cols - 1, -1, -1, dtype=np.intp)
    n_remaining = n_cols
    rows_seen = np.zeros(n_rows, dtype=bool)
    cols_seen = np.zeros(n_cols, dtype=bool)
    shortest = np.full(n_cols, np.inf)
    min_value = 0.0
    i = row
    while True:
        rows_seen[i] = True
        columns = remaining[:n_remaining]
        reduced = min_value + cost[i, columns] - u[i] - v[columns]
        better = reduced < shortest[columns]
        improved = columns[better]
        path[improved] = i
        shortest[improved] = reduced[better]
        costs = shortest[columns]
        lowest = costs.min()
        if lowest == np.inf:
            raise ValueError("cost matrix is infeasible")
        # scipy scans the columns in order and keeps the first lowest one, unless a later
        # lowest one is unassigned (a new sink): then the last unassigned lowest one
        candidates = np.flatnonzero(costs == lowest)
        free = candidates[row4col[columns[candidates]] == -1]
        index = int(free[-1]) if free.size else int(candidates[0])
        min_value = float(lowest)
        j = int(remaining[index])
        cols_seen[j] = True
        n_remaining -= 1
        remaining[index] = remaining[n_remaining]
        if row4col[j] == -1:
            return j, min_value, shortest, rows_seen, cols_seen
        i = int(row4col[j])
