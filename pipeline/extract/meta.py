"""Document-level facts: plan title, issuing organization, fiscal year.

They are printed on the cover and repeated in page headers/footers
("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖3  หน้า ๑๙๖"); a plan excerpt without its cover
still carries them in the footer, and the project periods tell the year as a last resort.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.extract.vocab import FISCAL_YEAR_RE, ORGANIZATION_PREFIXES, PLAN_TITLE_RE
from pipeline.normalize.text import clean_text, to_arabic_digits

COVER_LINES = 60
MIN_BE_YEAR, MAX_BE_YEAR = 2480, 2700


@dataclass(frozen=True)
class PlanMeta:
    title: str | None
    organization: str | None
    fiscal_year: int | None


def read_meta(lines: Sequence[str], furniture: Sequence[str]) -> PlanMeta:
    cover = [clean_text(line) for line in lines[:COVER_LINES] if clean_text(line)]
    everything = cover + [clean_text(f) for f in furniture]
    title = next((line for line in everything if PLAN_TITLE_RE.search(line)), None)
    return PlanMeta(
        title=title,
        organization=_organization(cover, furniture),
        fiscal_year=_fiscal_year(everything) or _fiscal_year([clean_text(x) for x in lines]),
    )


def _organization(cover: Sequence[str], furniture: Sequence[str]) -> str | None:
    for line in [*cover, *(clean_text(f) for f in furniture)]:
        for prefix in ORGANIZATION_PREFIXES:
            at = line.find(prefix)
            if at == -1:
                continue
            candidate = line[at:]
            # "แผนปฏิบัติการ ... โรงเรียนบ้านนา" -> the organization starts at its prefix
            if PLAN_TITLE_RE.search(candidate):
                continue
            return candidate
    return None


def _fiscal_year(lines: Sequence[str]) -> int | None:
    """The most frequent "ประจำปีงบประมาณ พ.ศ. NNNN" year (BE) among the lines."""
    years: Counter[int] = Counter()
    for line in lines:
        for match in FISCAL_YEAR_RE.finditer(line):
            year = int(to_arabic_digits(match.group(1)))
            if MIN_BE_YEAR <= year <= MAX_BE_YEAR:
                years[year] += 1
    if not years:
        return None
    best = max(years.values())
    return min(year for year, count in years.items() if count == best)
