"""Link each project section to its summary row, although the names differ in wording.

Summary tables abbreviate ("สพป.ยโสธร เขต 2") and break lines differently from the
project titles. Names are compared after Thai-aware normalisation with rapidfuzz, and
one-to-one pairs are chosen by an optimal assignment, so two similar names never grab
the same row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from pipeline.normalize.text import compact, to_arabic_digits
from pipeline.normalize.vocabulary import NAME_ABBREVIATIONS

MIN_LINK_SCORE = 62.0
# A small bonus for the same rank in both lists: plans list projects in summary order.
ORDER_BONUS = 3.0


def normalise_name(name: str) -> str:
    value = compact(to_arabic_digits(name))
    for short, full in NAME_ABBREVIATIONS.items():
        value = value.replace(compact(short), compact(full))
    for noise in ("โครงการ", "ประจำปีงบประมาณ", "ปีงบประมาณ", "\"", "“", "”", "'"):
        value = value.replace(noise, "")
    return value


def name_similarity(a: str, b: str) -> float:
    """0..100: whole-name similarity, or containment of the shorter name in the longer."""
    x, y = normalise_name(a), normalise_name(b)
    if not x or not y:
        return 0.0
    partial = fuzz.partial_ratio(x, y) if min(len(x), len(y)) >= 8 else 0.0
    return max(float(fuzz.ratio(x, y)), 0.92 * float(partial))


def link_names(
    project_names: Sequence[str], summary_names: Sequence[str]
) -> dict[int, tuple[int, float]]:
    """project index -> (summary index, score) for the best one-to-one assignment."""
    if not project_names or not summary_names:
        return {}
    scores = np.array(
        [[name_similarity(p, s) for s in summary_names] for p in project_names], dtype=float
    )
    ranked = scores.copy()
    for i in range(len(project_names)):
        for j in range(len(summary_names)):
            if i == j:
                ranked[i, j] += ORDER_BONUS
    rows, cols = linear_sum_assignment(-ranked)
    links: dict[int, tuple[int, float]] = {}
    for i, j in zip(rows, cols, strict=True):
        if scores[i, j] >= MIN_LINK_SCORE:
            links[int(i)] = (int(j), round(float(scores[i, j]) / 100.0, 3))
    return links
