"""Render Word automatic list numbering ("1.", "๑.๑", "ก.") as text.

Word keeps list labels out of the text runs, in numbering.xml; without rendering them
a project's "2.1 เพื่อ..." objectives lose their numbers and sections lose their order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
BULLET = "•"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: Any) -> str | None:
    if el is None:
        return None
    value = el.get(_q("val"))
    return None if value is None else str(value)


@dataclass(frozen=True)
class LevelFormat:
    fmt: str
    text: str
    start: int


@dataclass
class NumberingRenderer:
    """Keeps the running counters of every list while paragraphs are read in order."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[int, LevelFormat]] = field(default_factory=dict)
    start_overrides: dict[tuple[str, int], int] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, docx_document: Any) -> NumberingRenderer:
        renderer = cls()
        try:
            numbering = docx_document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return renderer
        for abstract in numbering.findall(_q("abstractNum")):
            abstract_id = abstract.get(_q("abstractNumId"))
            renderer.levels[str(abstract_id)] = {
                int(lvl.get(_q("ilvl"), "0")): LevelFormat(
                    fmt=_val(lvl.find(_q("numFmt"))) or "decimal",
                    text=_val(lvl.find(_q("lvlText"))) or "",
                    start=int(_val(lvl.find(_q("start"))) or "1"),
                )
                for lvl in abstract.findall(_q("lvl"))
            }
        for num in numbering.findall(_q("num")):
            num_id = str(num.get(_q("numId")))
            abstract_ref = _val(num.find(_q("abstractNumId")))
            if abstract_ref is not None:
                renderer.abstract_of[num_id] = abstract_ref
            for override in num.findall(_q("lvlOverride")):
                start = _val(override.find(_q("startOverride")))
                if start is not None:
                    level = int(override.get(_q("ilvl"), "0"))
                    renderer.start_overrides[(num_id, level)] = int(start)
        renderer._read_style_numbering(docx_document)
        return renderer

    def _read_style_numbering(self, docx_document: Any) -> None:
        try:
            styles = docx_document.styles.element
        except AttributeError:
            return
        for style in styles.findall(_q("style")):
            ppr = style.find(_q("pPr"))
            numpr = ppr.find(_q("numPr")) if ppr is not None else None
            if numpr is None:
                continue
            num_id = _val(numpr.find(_q("numId")))
            if num_id is not None:
                level = int(_val(numpr.find(_q("ilvl"))) or "0")
                self.style_numbering[str(style.get(_q("styleId")))] = (num_id, level)

    def label_for(self, ppr: Any, style_id: str | None) -> str | None:
        """The rendered label of the paragraph whose properties (w:pPr, None when it has
        none) are `ppr`, advancing the list's counters."""
        reference = self._numbering_reference(ppr, style_id)
        if reference is None:
            return None
        num_id, level = reference
        abstract_id = self.abstract_of.get(num_id)
        if abstract_id is None or num_id == "0":
            return None
        formats = self.levels.get(abstract_id, {})
        if level not in formats:
            return None
        counters = self.counters.setdefault(num_id, {})
        start = self.start_overrides.get((num_id, level), formats[level].start)
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return self._render(formats, counters, level, num_id)

    def _numbering_reference(self, ppr: Any, style_id: str | None) -> tuple[str, int] | None:
        numpr = ppr.find(_q("numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr.find(_q("numId")))
            level = int(_val(numpr.find(_q("ilvl"))) or "0")
            if num_id is not None:
                return num_id, level
        if style_id is not None and style_id in self.style_numbering:
            return self.style_numbering[style_id]
        return None

    def _render(
        self, formats: dict[int, LevelFormat], counters: dict[int, int], level: int, num_id: str
    ) -> str | None:
        fmt = formats[level]
        if fmt.fmt == "none":
            return None
        if fmt.fmt == "bullet":
            return BULLET
        text = fmt.text
        for lvl in range(level + 1):
            placeholder = f"%{lvl + 1}"
            if placeholder not in text:
                continue
            level_format = formats.get(lvl, fmt)
            start = self.start_overrides.get((num_id, lvl), level_format.start)
            value = counters.get(lvl, start)
            text = text.replace(placeholder, format_number(value, level_format.fmt))
        return text.strip() or None


def format_number(value: int, fmt: str) -> str:
    """A counter in one of Word's number formats (unknown formats fall back to decimal)."""
    if fmt == "thaiNumbers":
        return "".join(THAI_DIGITS[int(d)] for d in str(value))
    if fmt == "thaiLetters":
        return _alphabetic(value, THAI_LETTERS)
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _alphabetic(value, "abcdefghijklmnopqrstuvwxyz")
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _alphabetic(value: int, alphabet: str) -> str:
    if value < 1:
        return str(value)
    letter = alphabet[(value - 1) % len(alphabet)]
    return letter * ((value - 1) // len(alphabet) + 1)


def _roman(value: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = []
    for number, numeral in numerals:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)
