"""Split numbered or bulleted text into items, and unpack rows that hold several items.

Plans often pack several items in one table row: the item cell lists them line by line
("- ค่าอาหารว่าง", "- ค่าอาหารกลางวัน") and each amount cell lists the amounts in the same
order. These helpers find the entries of such a cell so each can become its own row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.normalize.headers import strip_marker as strip_marker  # re-exported
from pipeline.normalize.text import clean_text
from pipeline.normalize.vocabulary.plan import LIST_MARKER_RE


def has_marker(line: str) -> bool:
    return bool(LIST_MARKER_RE.match(line)) and bool(LIST_MARKER_RE.sub("", line, count=1).strip())


def non_empty_lines(lines: Sequence[str]) -> list[str]:
    return [clean_text(line) for line in lines if clean_text(line)]


def marker_entries(lines: Sequence[str]) -> list[str]:
    """Entries that start at a list marker; unmarked lines continue the previous entry."""
    entries: list[str] = []
    for line in non_empty_lines(lines):
        if has_marker(line) or not entries:
            entries.append(line)
        else:
            entries[-1] = f"{entries[-1]} {line}"
    return entries


def list_items(lines: Sequence[str]) -> list[str]:
    """Items of a numbered/bulleted list with the markers removed (objectives, results)."""
    return [item for item in (strip_marker(e) for e in marker_entries(lines)) if item]


@dataclass(frozen=True)
class PackedEntries:
    """The `k` entries found in a packed cell, and the heading above them, if any."""

    group: str | None
    entries: list[str]


def split_packed(lines: Sequence[str], k: int) -> PackedEntries | None:
    """Find exactly `k` entries in a cell's lines, or None when they cannot be told apart.

    Marked entries are preferred (continuation lines stay with their entry); when there
    are more marked entries than `k`, the leading ones are headings of the group
    ("๑. จัดทำแผน", "๑.๑ ประชุม..." above "- ค่าอาหารว่าง", "- ค่าอาหารกลางวัน"), which
    only holds when the `k` items share one kind of marker that no heading uses.
    Unmarked cells split one entry per non-empty line.
    """
    if k <= 1:
        return None
    entries = marker_entries(lines)
    if len(entries) >= k:
        head, tail = entries[: len(entries) - k], entries[len(entries) - k:]
        kinds = {marker_kind(e) for e in tail}
        if len(kinds) == 1 and None not in kinds and not kinds & {marker_kind(h) for h in head}:
            return PackedEntries(group=" ".join(head) or None, entries=tail)
    plain = non_empty_lines(lines)
    if len(plain) == k:
        return PackedEntries(group=None, entries=plain)
    return None


def marker_kind(entry: str) -> str | None:
    """The kind of list marker an entry starts with: "-", "1.", "1.1", "1)"... or None."""
    match = LIST_MARKER_RE.match(entry) if has_marker(entry) else None
    if match is None:
        return None
    marker = match.group(0).strip()
    if not re.search(r"[0-9๐-๙]", marker):
        return "bullet" if not re.match(r"[ก-ฮ]", marker) else "letter"
    if marker.endswith(")"):
        return "paren"
    depth = len([p for p in marker.strip(".").split(".") if p])
    return f"number{depth}"


# A number that opens an item inside a line ("1. ประชุม 2. จัดทำ", "(1) ... (2) ..."); not
# a decimal ("1.5") nor a number inside a word.
_INLINE_NUMBER_RE = re.compile(r"(?:^|(?<=\s))\(?([0-9๐-๙]{1,2})[.)](?![0-9๐-๙])")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def split_inline_numbered(line: str) -> list[str]:
    """"1. ประชุมคณะกรรมการ 2. จัดทำโครงการ" -> one string per item: a line that starts
    with a number and holds the next numbers in sequence (other numbers stay in their
    item: "2. อบรม 3 วัน" is one item)."""
    text = clean_text(line)
    matches = list(_INLINE_NUMBER_RE.finditer(text))
    if len(matches) < 2 or matches[0].start() != 0:
        return [text] if text else []
    cuts = [matches[0]]
    for match in matches[1:]:
        if _number(match) == _number(cuts[-1]) + 1:
            cuts.append(match)
    if len(cuts) < 2:
        return [text]
    ends = [m.start() for m in cuts[1:]] + [len(text)]
    return [text[m.start():end].strip() for m, end in zip(cuts, ends, strict=True)]


def _number(match: re.Match[str]) -> int:
    return int(match.group(1).translate(_THAI_DIGITS))


def listed_entries(lines: Sequence[str]) -> PackedEntries | None:
    """The items a cell lists under one period or mark ("1. ประชุม 2. จัดทำ", one per
    line or on one line), a leading unmarked line as their heading; None unless it lists
    two or more items of one marker kind."""
    expanded = [part for line in non_empty_lines(lines) for part in split_inline_numbered(line)]
    entries = marker_entries(expanded)
    head = entries.pop(0) if entries and marker_kind(entries[0]) is None else None
    kinds = {marker_kind(e) for e in entries}
    if len(entries) < 2 or len(kinds) != 1:
        return None
    return PackedEntries(group=head, entries=entries)


def values_by_line(lines: Sequence[str]) -> list[str]:
    """The non-empty lines of an amount cell, in order ("-" counts: it means zero)."""
    return non_empty_lines(lines)
