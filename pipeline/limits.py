"""Limits on what one document may cost, stated once and enforced per document.

Files are hostile until read: a .docx whose ZIP directory lies about its size, a PDF with
a 1 GB flate stream, a page of millions of glyphs or a table of 100,000 rows would drive a
worker past its memory or the time limit. Each limit below is checked where the cost is
incurred (while inflating, while interpreting a page, before walking a table), and an
exceeded limit is one `LimitExceededError` row naming the file, the limit, the value seen
and how to raise it (`extract --limit NAME=VALUE`); the batch goes on.

========================  ==========  ==========================================================
name                      default     why
========================  ==========  ==========================================================
file_bytes                500 MB      largest input file; real plans with photos are < 100 MB
docx_unpacked_bytes       1 GB        bytes inflated from one .docx, counted while inflating
                                      (a ZIP directory's sizes are never trusted)
xml_part_bytes            200 MB      one XML part of a .docx; lxml's tree takes ~5x its size
docx_members              10,000      entries of a .docx's ZIP directory (zipfile keeps an
                                      object per entry); a plan with photos has < 300
pdf_pages                 2,000       pages of one PDF; a plan has 20 to 400
pdf_stream_bytes          256 MB      one decoded PDF stream: content, font file or image
                                      (pdfminer and pdfium inflate it in memory)
page_glyphs               200,000     glyphs drawn on one PDF page; a dense A4 page has ~8,000
table_rows                20,000      rows of one table; a province's plan has < 3,000
table_cells               400,000     cells of one table
table_nesting             12          tables inside tables; plans nest 1 to 3 deep
cell_chars                100,000     characters of one paragraph or table cell; a plan's
                                      longest paragraph has < 5,000; keeps the text
                                      normalizers' (linear) work per text bounded
worker_memory_bytes       3 GiB       address space of a worker process (RLIMIT_AS); an idle
                                      worker maps ~0.8 GiB, a large plan peaks < 1.5 GiB
========================  ==========  ==========================================================

Entity expansion is not a limit but refused outright: python-docx's parser keeps entity
references unexpanded (`resolve_entities=False`) and without `huge_tree`, so libxml2 also
caps a text node at 10 MB and element depth at 256 (tests/read/test_hostile.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, fields, replace

KB = 1000
MB = 1000 * KB
GB = 1000 * MB
GIB = 1 << 30

UNIT_FACTORS = {"": 1, "k": KB, "kb": KB, "m": MB, "mb": MB, "g": GB, "gb": GB,
                "kib": 1 << 10, "mib": 1 << 20, "gib": GIB}
_VALUE = re.compile(r"^\s*([0-9][0-9_]{0,18})\s*([a-z]{0,3})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """What one document may cost (the table in the module docstring says why each)."""

    file_bytes: int = 500 * MB
    docx_unpacked_bytes: int = 1 * GB
    xml_part_bytes: int = 200 * MB
    docx_members: int = 10_000
    pdf_pages: int = 2_000
    pdf_stream_bytes: int = 256 * MB
    page_glyphs: int = 200_000
    table_rows: int = 20_000
    table_cells: int = 400_000
    table_nesting: int = 12
    cell_chars: int = 100_000
    worker_memory_bytes: int = 3 * GIB

    def fingerprint(self) -> str:
        """A short hash of the limits that differ from the defaults ("" when none do).

        Keyed into the manifest's version: a document that exceeded a limit must be read
        again once the limit is raised, while default limits leave versions as they were.
        """
        changed = self.changed()
        if not changed:
            return ""
        text = ",".join(f"{name}={value}" for name, value in sorted(changed.items()))
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def changed(self) -> dict[str, int]:
        """The limits set to something other than their default."""
        default = asdict(DEFAULT_LIMITS)
        return {name: value for name, value in asdict(self).items() if value != default[name]}

    def with_settings(self, settings: list[str]) -> Limits:
        """These limits with `NAME=VALUE` settings applied (ValueError naming a bad one)."""
        changes: dict[str, int] = {}
        for setting in settings:
            name, value = parse_setting(setting)
            changes[name] = value
        return replace(self, **changes)


DEFAULT_LIMITS = Limits()


def limit_names() -> list[str]:
    return [f.name for f in fields(Limits)]


def parse_setting(setting: str) -> tuple[str, int]:
    """`NAME=VALUE` -> (name, value); VALUE an integer, with kB/MB/GB/KiB/MiB/GiB allowed.

    Raises ValueError with a one-line reason (unknown name, not a positive number).
    """
    name, sep, text = setting.partition("=")
    name = name.strip().replace("-", "_")
    if not sep:
        raise ValueError(f"--limit {setting!r}: expected NAME=VALUE")
    if name not in limit_names():
        raise ValueError(f"--limit {setting!r}: unknown limit {name!r}"
                         f" (known: {', '.join(limit_names())})")
    match = _VALUE.match(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in UNIT_FACTORS:
        raise ValueError(f"--limit {setting!r}: {text.strip()!r} is not a number"
                         " (e.g. 50000, 2GB, 512MiB)")
    value = int(match.group(1).replace("_", "")) * UNIT_FACTORS[unit]
    if value <= 0:
        raise ValueError(f"--limit {setting!r}: a limit must be positive")
    return name, value


def describe(value: int, name: str) -> str:
    """A limit's value as people read it: bytes in GiB/MiB or GB/MB, counts with commas."""
    if not name.endswith("_bytes"):
        return f"{value:,}"
    for unit, factor in (("GiB", GIB), ("MiB", 1 << 20), ("GB", GB), ("MB", MB)):
        if value >= factor and value % factor == 0:
            return f"{value // factor:,} {unit}"
    if value < 10 * MB:
        return f"{value:,} bytes"
    return f"{value / MB:,.1f} MB" if value < GB else f"{value / GB:,.2f} GB"


def limits_help() -> str:
    """Every limit with its default, for `extract --help`."""
    return ", ".join(f"{name} ({describe(getattr(DEFAULT_LIMITS, name), name)})"
                     for name in limit_names())
