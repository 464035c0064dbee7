"""Link each project section to its summary row, although the names differ in wording.

Summary tables abbreviate ("สพป.ยโสธร เขต 2") and break lines differently from the
project titles. Names are compared after Thai-aware normalisation with rapidfuzz, and
one-to-one pairs are chosen by an optimal assignment, so two similar names never grab
the same row.

Each name is normalised once, and the similarity of every (project, summary) pair is
computed by rapidfuzz in bulk (`process.cdist`, the same scores as one `fuzz` call per
pair), so a plan with hundreds of projects costs one C loop over the pairs, not hundreds
of thousands of Python calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from pipeline.assignment import linear_sum_assignment
from pipeline.normalize.text import compact, to_arabic_digits
from pipeline.normalize.vocabulary import NAME_ABBREVIATIONS, NAME_NOISE_WORDS

MIN_LINK_SCORE = 62.0
# A small bonus for the same rank in both lists: plans list projects in summary order.
ORDER_BONUS = 3.0
# partial_ratio (containment of the shorter name in the longer) counts only when both
# normalised names are at least this long, and is discounted by PARTIAL_WEIGHT.
PARTIAL_MIN_LENGTH = 8
PARTIAL_WEIGHT = 0.92


@cache
def _abbreviations() -> tuple[tuple[str, str], ...]:
    """NAME_ABBREVIATIONS in their compact form, in dictionary order."""
    return tuple((compact(short), compact(full)) for short, full in NAME_ABBREVIATIONS.items())


def normalise_name(name: str) -> str:
    value = compact(to_arabic_digits(name))
    for short, full in _abbreviations():
        value = value.replace(short, full)
    for noise in NAME_NOISE_WORDS:
        value = value.replace(noise, "")
    return value


def normalised_similarity(x: str, y: str) -> float:
    """0..100 for two names already through `normalise_name`: whole-name similarity, or
    containment of the shorter name in the longer."""
    if not x or not y:
        return 0.0
    partial = fuzz.partial_ratio(x, y) if min(len(x), len(y)) >= PARTIAL_MIN_LENGTH else 0.0
    return max(float(fuzz.ratio(x, y)), PARTIAL_WEIGHT * float(partial))


def name_similarity(a: str, b: str) -> float:
    """0..100: whole-name similarity, or containment of the shorter name in the longer."""
    return normalised_similarity(normalise_name(a), normalise_name(b))


def similarity_matrix(xs: Sequence[str], ys: Sequence[str]) -> npt.NDArray[np.float64]:
    """`normalised_similarity` of every pair of normalised names, in bulk."""
    if not xs or not ys:
        return np.zeros((len(xs), len(ys)))
    ratio = process.cdist(xs, ys, scorer=fuzz.ratio, dtype=np.float64)
    partial = process.cdist(xs, ys, scorer=fuzz.partial_ratio, dtype=np.float64)
    len_x = np.array([len(x) for x in xs])[:, None]
    len_y = np.array([len(y) for y in ys])[None, :]
    shortest = np.minimum(len_x, len_y)
    partial = np.where(shortest >= PARTIAL_MIN_LENGTH, partial, 0.0)
    scores = np.maximum(ratio, PARTIAL_WEIGHT * partial)
    return np.where(shortest == 0, 0.0, scores)


def link_names(
    project_names: Sequence[str], summary_names: Sequence[str]
) -> dict[int, tuple[int, float]]:
    """project index -> (summary index, score) for the best one-to-one assignment."""
    if not project_names or not summary_names:
        return {}
    projects = [normalise_name(name) for name in project_names]
    summaries = [normalise_name(name) for name in summary_names]
    scores = similarity_matrix(projects, summaries)
    ranked = scores.copy()
    same_rank = np.arange(min(len(projects), len(summaries)))
    ranked[same_rank, same_rank] += ORDER_BONUS
    rows, cols = linear_sum_assignment(-ranked)
    links: dict[int, tuple[int, float]] = {}
    for i, j in zip(rows, cols, strict=True):
        if scores[i, j] >= MIN_LINK_SCORE:
            links[int(i)] = (int(j), round(float(scores[i, j]) / 100.0, 3))
    return links
