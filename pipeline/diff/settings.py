"""How strict project matching is: settings the CLI shows as defaults in its help.

A module of its own, without NumPy or pandas, so `python -m pipeline --help` can print the
default threshold without importing the matcher (`pipeline.diff.match` re-exports it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchSettings:
    """How strict project matching is. Scores are 0..1 (rapidfuzz's 0..100 scaled)."""

    threshold: float = 0.6
    unit_bonus: float = 0.05
    budget_bonus: float = 0.05
    # partial_ratio finds a name inside a longer one ("X" vs "X ของ สพป.ยโสธร เขต 2"); it
    # is discounted, and ignored when one name is under half the other's length, so a
    # short common phrase does not make two different projects look alike.
    partial_weight: float = 0.9
    partial_min_length_ratio: float = 0.5
    # A best pair whose runner-up (in its row or column) is closer than this is ambiguous;
    # its confidence is lowered down to half.
    ambiguity_margin: float = 0.1

    def __post_init__(self) -> None:
        for name in ("threshold", "unit_bonus", "budget_bonus", "partial_weight",
                     "partial_min_length_ratio", "ambiguity_margin"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"MatchSettings.{name} must be within 0..1, got {value!r}")
        if self.ambiguity_margin == 0.0:
            raise ValueError("MatchSettings.ambiguity_margin must be above 0")
