"""The two fiscal years a diff compares (`YearShift`), in a module of its own so that the
project comparison (compare.py) and the line comparison (lines.py) both build on it
without importing each other."""

from __future__ import annotations

import datetime as dt

from pipeline.diff.names import normalize_name
from pipeline.diff.values import is_missing, shift_years


class YearShift:
    """The two plans' fiscal years, and how to compare values across them."""

    def __init__(self, old_year: int, new_year: int) -> None:
        self.old_year = old_year
        self.new_year = new_year
        self.years = new_year - old_year

    def old_key(self, text: object) -> str:
        return normalize_name(_text(text), self.old_year)

    def new_key(self, text: object) -> str:
        return normalize_name(_text(text), self.new_year)

    def date(self, day: dt.date) -> dt.date:
        """An old-plan date moved to the same place in the new plan's fiscal year."""
        return shift_years(day, self.years)


def _text(value: object) -> str | None:
    return None if is_missing(value) else str(value)
