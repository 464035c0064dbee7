"""Names and units of an OCR'd plan put back to the form the same document prints elsewhere.

A plan prints each responsible unit many times (every project header, the summary table)
and each project name at least twice (the summary table, the project header). OCR errs
at random, so a spelling read the same way at least `MIN_PRINTED_TIMES` times is the
printed form, and a spelling read once that is close to exactly one printed form
(rapidfuzz ratio at least `MIN_SIMILARITY`, no other printed form that close) is an
OCR slip of it: it is restored to the printed form and the restoration is an
`ocr_uncertain` finding quoting both. A spelling close to two printed forms, or to none,
is left as read. Only OCR'd documents go through this (text layers are what they say).

A project's name and unit are also read twice, in its summary row and its header
(`reconcile_printed_twice`): where the two readings differ, one of them is an OCR slip.
When they are the same letters but for spaces, or close (`MIN_SIMILARITY`) and one is
likelier Thai (`thai_score`: "หพัฒนา..." against "พัฒนา..."), that one is put in
both; either way the difference is an `ocr_uncertain` finding quoting both readings, so
that every name OCR was not sure of is flagged.

A budget item is printed once: nothing to compare it with. Its words whose marks OCR may
have misread (`read.ocr.doubtful`: a mark leaving its letters no dictionary word, or a
shorter one than another mark makes, "ค่าจัดซือ", "ค่าจัดซื่อ" for "ค่าจัดซื้อ") are an
`ocr_uncertain` finding quoting the item as read (`flag_doubtful_items`); the item is put
right only where exactly one mark makes a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from pipeline.audit.issues import FindingKind, Issue
from pipeline.extract.plan import PlanExtract
from pipeline.normalize.text import clean_text
from pipeline.read.ocr.doubtful import MarkDoubt, mark_doubts
from pipeline.read.ocr.repair import dictionary_score

LATIN_WORD_RE: Final = re.compile("[A-Za-z]+")
# A spelling OCR'd this many times the same way is taken as the printed form.
MIN_PRINTED_TIMES: Final = 2
# How close (rapidfuzz ratio, 0-100) a spelling read once must be to a printed form.
MIN_SIMILARITY: Final = 90.0


@dataclass(frozen=True)
class Restoration:
    """A spelling read once, the printed form it is restored to, and their similarity."""

    read: str
    printed: str
    similarity: float


def printed_forms(values: Sequence[str]) -> dict[str, Restoration]:
    """Each spelling in `values` that is an OCR slip of a printed form, with that form."""
    counts = Counter(clean_text(v) for v in values if clean_text(v))
    printed = [form for form, n in counts.items() if n >= MIN_PRINTED_TIMES]
    out: dict[str, Restoration] = {}
    for form, n in counts.items():
        if n >= MIN_PRINTED_TIMES:
            continue
        close = [(fuzz.ratio(form, p), p) for p in printed]
        close = [(score, p) for score, p in close if score >= MIN_SIMILARITY]
        if len(close) == 1:
            score, target = close[0]
            out[form] = Restoration(form, target, round(score, 1))
    return out


def restore_names_and_units(plan: PlanExtract) -> list[Issue]:
    """The plan's project names and units restored to their printed forms (in place), one
    `ocr_uncertain` finding per value restored."""
    lines = [line for line in plan.all_summary_lines if not line.is_total]
    issues: list[Issue] = []
    units = printed_forms([*(p.unit or "" for p in plan.projects),
                           *(line.unit or "" for line in lines)])
    names = printed_forms([*(p.name for p in plan.projects),
                           *(line.project_name for line in lines)])
    for project in plan.projects:
        if project.unit and (fix := units.get(clean_text(project.unit))):
            project.unit = fix.printed
            issues.append(_issue("unit", fix, project.part.page))
        if (fix := names.get(clean_text(project.name))) is not None:
            project.name = fix.printed
            issues.append(_issue("project name", fix, project.part.page))
    for line in lines:
        if line.unit and (fix := units.get(clean_text(line.unit))):
            line.unit = fix.printed
            issues.append(_issue("unit", fix, line.page))
        if (fix := names.get(clean_text(line.project_name))) is not None:
            line.project_name = fix.printed
            issues.append(_issue("project name", fix, line.page))
    return issues


def reconcile_printed_twice(plan: PlanExtract) -> list[Issue]:
    """Each project's name and unit as its summary row and its header read them, made one
    where one reading is the likelier (in place); one finding per field read two ways."""
    issues: list[Issue] = []
    for project in plan.projects:
        line = plan.summary_line(project)
        if line is None:
            continue
        name = _reconciled("project name", line.project_name, project.name,
                           project.part.page, issues)
        if name is not None:
            line.project_name = project.name = name
        if line.unit and project.unit:
            unit = _reconciled("unit", line.unit, project.unit, project.part.page, issues)
            if unit is not None:
                line.unit = project.unit = unit
    return issues


def _reconciled(what: str, in_summary: str, in_header: str, page: int | None,
                issues: list[Issue]) -> str | None:
    """The one reading of a field read `in_summary` and `in_header`, None when they are
    one already or neither is the likelier; a finding in `issues` when they differ."""
    a, b = clean_text(in_summary), clean_text(in_header)
    if a == b:
        return None
    chosen = likelier_reading(a, b)
    kept = (f"{chosen!r} kept in both" if chosen is not None
            else "each kept as read: neither is the likelier")
    issues.append(Issue(FindingKind.OCR_UNCERTAIN,
                        f"{what} read {a!r} in the summary and {b!r} in the project's"
                        f" header by OCR; {kept}", source_page=page))
    return chosen


def likelier_reading(a: str, b: str) -> str | None:
    """Of two readings of one printed name, the one OCR more likely read right: with the
    same letters, the one with fewer spaces (a name wrapped in a narrow cell gains a space
    at each break, "การ เขียน"); close (`MIN_SIMILARITY`), the likelier Thai; else None."""
    if a.replace(" ", "") == b.replace(" ", ""):
        return a if a.count(" ") < b.count(" ") else b
    if fuzz.ratio(a, b) < MIN_SIMILARITY:
        return None
    score_a, score_b = thai_score(a), thai_score(b)
    if score_a == score_b:
        return None
    return a if score_a > score_b else b


def thai_score(text: str) -> float:
    """How likely `text` is as Thai (`dictionary_score`) with its Latin words left out:
    they are what the English model read ("O-NET / NT"), no dictionary's words, and scored
    as unknown letters they would make a Thai word read for them ("ผา" for "NT") the
    likelier. Digits stay: a reading with a digit more is the less likely."""
    return dictionary_score(LATIN_WORD_RE.sub(" ", text))


def _issue(what: str, fix: Restoration, page: int | None) -> Issue:
    return Issue(FindingKind.OCR_UNCERTAIN,
                 f"{what} read {fix.read!r} by OCR restored to {fix.printed!r}, the form the"
                 f" document prints elsewhere (similarity {fix.similarity:g})",
                 source_page=page)


def flag_doubtful_items(plan: PlanExtract) -> None:
    """One `ocr_uncertain` finding per budget item of the plan with a doubtful mark, among
    its project's findings; an item with one word only one mark makes is put right (both
    in place)."""
    for project in plan.projects:
        for entry in project.budget.lines if project.budget else []:
            fixed, doubts = mark_doubts(entry.item)
            if not doubts:
                continue
            issue = Issue(FindingKind.OCR_UNCERTAIN,
                          f"budget item read {entry.item!r} by OCR: "
                          + "; ".join(map(_doubt_text, doubts))
                          + (f"; put {fixed!r}" if fixed != entry.item else "; kept as read"),
                          source_page=entry.page, at=entry.place)
            entry.item = fixed
            project.issues.append(issue)


def _doubt_text(doubt: MarkDoubt) -> str:
    """A doubt in a finding's words."""
    others = " or ".join(repr(w) for w in doubt.fits)
    if doubt.put is not None:
        return f"{doubt.read!r} is no dictionary word; {others} the only one a mark makes"
    if not doubt.is_word:
        return f"{doubt.read!r} is no dictionary word; another mark makes {others}"
    return f"{doubt.read!r} may be {others} with its mark read otherwise"
