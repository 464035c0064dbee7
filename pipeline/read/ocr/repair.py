"""Thai text as tesseract prints it, repaired to what the page says.

* Sara am: the model often reads "ำ" as nikhahit + sara aa ("ํ" + "า"), which looks the
  same and compares different.
* Marks read apart: a tone mark or vowel above/below read as its own "word" is glued to
  the glyph before it (as the text path glues marks to their base).
* Gantt marks: a check mark alone reads as a quote or slash; it becomes "✓".
* Ruling debris: the edge of a table ruling at a cell's side reads as "|", "[", "]", "}"
  or "{" at the start or end of a token; plans never print those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from pipeline.normalize.glyphs import is_thai_mark

Piece = tuple[str, int, int]  # text, left, right (pixels)

NIKHAHIT_AA_RE: Final = re.compile("\u0e4d\u0e32")
SARA_AM: Final = "\u0e33"
DEBRIS_RE: Final = re.compile(r"[|{}\[\]¦]+")


def repair_ocr_text(text: str) -> str:
    """One token's text, repaired (empty when it was only debris)."""
    text = NIKHAHIT_AA_RE.sub(SARA_AM, text)
    return DEBRIS_RE.sub("", text).strip()


MARK_ONLY_RE: Final = re.compile("^[“”\"'‘’/\\✓✔√]+$")
CHECK_MARK: Final = "✓"


def repair_pieces(pieces: Sequence[Piece]) -> list[Piece]:
    """A token's pieces: marks glued to their base, each repaired, debris dropped."""
    glued: list[Piece] = []
    for text, left, right in pieces:
        if glued and text and (is_thai_mark(text[0]) or (text[0] == "\u0e32"
                               and glued[-1][0].endswith("\u0e4d"))):
            prev_text, prev_left, prev_right = glued[-1]
            glued[-1] = (prev_text + text, prev_left, max(prev_right, right))
        else:
            glued.append((text, left, right))
    if len(glued) == 1 and MARK_ONLY_RE.match(glued[0][0]):
        return [(CHECK_MARK, glued[0][1], glued[0][2])]
    out = [(repair_ocr_text(text), left, right) for text, left, right in glued]
    return [piece for piece in out if piece[0]]
