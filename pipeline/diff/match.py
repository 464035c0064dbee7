"""Pair each project of the old plan with at most one project of the new plan.

Names are compared on their normalised keys (names.py) with rapidfuzz; the same unit and
a similar budget add a small bonus that only decides between names that are about as
close. An optimal one-to-one assignment (`pipeline.assignment`, scipy's algorithm) picks the
pairs, so two similar projects can never both claim the same successor, and a pair whose
score stays under the threshold is no match: the old project was removed and the new one
added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from pipeline.assignment import linear_sum_assignment
from pipeline.diff.names import normalize_name, unit_match_key
from pipeline.diff.settings import MatchSettings as MatchSettings
from pipeline.diff.values import as_decimal

# Budget columns tried in this order for the "similar budget" tie-breaker: the summary is
# what the office committed to, the project's own figures are the fallback.
BUDGET_PREFERENCE = ("budget_summary", "budget_table_total", "budget_stated")
# How much of the gap between a name's similarity and certainty agreeing tie-breakers
# (same unit, same budget) may close in the confidence.
TIE_BREAKER_CONFIDENCE_SHARE = 0.5


@dataclass(frozen=True)
class ProjectMatch:
    """Old row `old_index` and new row `new_index` (positions in their frames) are one
    project. `name_score` is the name similarity alone, `score` adds the tie-breakers
    (what the assignment maximises); `confidence` (0..1) is 1 only for identical names,
    rises with agreeing unit and budget, and drops when another pair scored almost as
    well (an ambiguous choice)."""

    old_index: int
    new_index: int
    name_score: float
    score: float
    confidence: float


@dataclass(frozen=True)
class MatchResult:
    matches: list[ProjectMatch] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)  # old rows without a match
    added: list[int] = field(default_factory=list)  # new rows without a match


def name_similarity(a: str, b: str, settings: MatchSettings | None = None) -> float:
    """0..1 similarity of two normalised name keys."""
    settings = settings or MatchSettings()
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    score = fuzz.ratio(a, b) / 100.0
    if min(len(a), len(b)) / max(len(a), len(b)) >= settings.partial_min_length_ratio:
        score = max(score, settings.partial_weight * fuzz.partial_ratio(a, b) / 100.0)
    return float(score)


def budget_closeness(a: Decimal | None, b: Decimal | None) -> float:
    """1 for equal budgets, falling linearly to 0 as they differ by 100%; 0 if unknown."""
    if a is None or b is None:
        return 0.0
    largest = max(abs(a), abs(b))
    if largest == 0:
        return 1.0
    return float(max(Decimal(0), 1 - abs(a - b) / largest))


def project_budget(row: pd.Series) -> Decimal | None:
    """The first known of the project's summary, table and stated budgets."""
    for column in BUDGET_PREFERENCE:
        amount = as_decimal(row.get(column))
        if amount is not None:
            return amount
    return None


@dataclass(frozen=True)
class _Side:
    names: list[str]
    units: list[str]
    budgets: list[Decimal | None]

    @classmethod
    def of(cls, projects: pd.DataFrame, fiscal_year: int | None) -> _Side:
        rows = [row for _, row in projects.iterrows()]
        return cls(
            names=[normalize_name(row.get("name"), fiscal_year) for row in rows],
            units=[unit_match_key(row.get("unit"), row.get("unit_key")) for row in rows],
            budgets=[project_budget(row) for row in rows],
        )


def similarity_matrix(old: Sequence[str], new: Sequence[str],
                      settings: MatchSettings) -> np.ndarray:
    """name_similarity for every pair, computed by rapidfuzz in bulk (plans may hold
    hundreds of projects, and budget lines thousands)."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    ratio = process.cdist(old, new, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    partial = process.cdist(old, new, scorer=fuzz.partial_ratio, dtype=np.float64) / 100.0
    lengths_a = np.array([len(a) for a in old], dtype=float)[:, None]
    lengths_b = np.array([len(b) for b in new], dtype=float)[None, :]
    longest = np.maximum(np.maximum(lengths_a, lengths_b), 1.0)
    comparable = np.minimum(lengths_a, lengths_b) / longest >= settings.partial_min_length_ratio
    scores = np.where(comparable, np.maximum(ratio, settings.partial_weight * partial), ratio)
    empty = (lengths_a == 0) | (lengths_b == 0)
    equal = np.array([[a == b for b in new] for a in old])
    return np.where(empty, 0.0, np.where(equal, 1.0, scores))


def score_matrix(old: _Side, new: _Side, settings: MatchSettings) -> tuple[
    np.ndarray, np.ndarray
]:
    """(name scores, combined scores), one row per old project, one column per new one."""
    names = similarity_matrix(old.names, new.names, settings)
    bonus = np.zeros_like(names)
    for i, (unit_a, budget_a) in enumerate(zip(old.units, old.budgets, strict=True)):
        for j, (unit_b, budget_b) in enumerate(zip(new.units, new.budgets, strict=True)):
            bonus[i, j] = settings.unit_bonus if unit_a and unit_a == unit_b else 0.0
            bonus[i, j] += settings.budget_bonus * budget_closeness(budget_a, budget_b)
    return names, names + bonus


def _confidence(name_score: float, bonus: float, settings: MatchSettings) -> float:
    """The name similarity, with the tie-breakers closing part of the gap to 1: a reworded
    name stays below an identical one however well unit and budget agree."""
    max_bonus = settings.unit_bonus + settings.budget_bonus
    share = bonus / max_bonus if max_bonus > 0 else 0.0
    return min(1.0, name_score + (1.0 - name_score) * TIE_BREAKER_CONFIDENCE_SHARE * share)


def _runner_up(scores: np.ndarray, i: int, j: int) -> float:
    """The best score competing with (i, j): another column of row i or row of column j."""
    others = [*np.delete(scores[i, :], j), *np.delete(scores[:, j], i)]
    return max(others, default=0.0)


def assign(names: np.ndarray, combined: np.ndarray, settings: MatchSettings) -> MatchResult:
    """The optimal one-to-one assignment over precomputed scores."""
    n_old, n_new = combined.shape
    if n_old == 0 or n_new == 0:
        return MatchResult(removed=list(range(n_old)), added=list(range(n_new)))
    # Pairs under the threshold weigh nothing, so they cannot pull the assignment away
    # from the pairs that are real matches.
    eligible = np.where(combined >= settings.threshold, combined, 0.0)
    rows, cols = linear_sum_assignment(eligible, maximize=True)
    matches = []
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if eligible[i, j] <= 0.0:
            continue
        score = float(combined[i, j])
        margin = score - _runner_up(eligible, i, j)
        confidence = _confidence(float(names[i, j]), score - float(names[i, j]), settings)
        if margin < settings.ambiguity_margin:
            confidence *= 0.5 + 0.5 * max(0.0, margin) / settings.ambiguity_margin
        matches.append(ProjectMatch(i, j, round(float(names[i, j]), 4), round(score, 4),
                                    round(confidence, 3)))
    matched_old = {m.old_index for m in matches}
    matched_new = {m.new_index for m in matches}
    return MatchResult(
        matches=sorted(matches, key=lambda m: (m.old_index, m.new_index)),
        removed=[i for i in range(n_old) if i not in matched_old],
        added=[j for j in range(n_new) if j not in matched_new],
    )


def match_projects(
    old: pd.DataFrame, new: pd.DataFrame, old_year: int | None = None,
    new_year: int | None = None, settings: MatchSettings | None = None,
) -> MatchResult:
    """Match the projects of two plans (frames with name, unit and budget columns).

    `old_year`/`new_year` are the plans' fiscal years, used to neutralise the yearly
    roll-over of years inside names. Indices in the result are row positions.
    """
    settings = settings or MatchSettings()
    names, combined = score_matrix(_Side.of(old, old_year), _Side.of(new, new_year), settings)
    return assign(names, combined, settings)


def match_texts(
    old: Sequence[str], new: Sequence[str], settings: MatchSettings | None = None
) -> MatchResult:
    """Match bare normalised keys (no unit or budget), e.g. for notebooks and tests."""
    settings = settings or MatchSettings()
    side_old = _Side(list(old), [""] * len(old), [None] * len(old))
    side_new = _Side(list(new), [""] * len(new), [None] * len(new))
    return assign(*score_matrix(side_old, side_new, settings), settings)
