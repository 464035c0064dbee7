"""A line's font size from its pieces' heights, marks left out (issue 13: a strategy
heading's short second line, "จัดการเรียนรู้", was sized a title and cut from its heading)."""

from __future__ import annotations

from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.page import letter_heights, line_size

SCALE = 150 / 72  # a 150-dpi scan, pixels a point
BODY = 16.0


def _line(pieces: list[tuple[str, int]]) -> OcrLine:
    """One token of `pieces` (text, box height in pixels), 10 px apart."""
    token = OcrToken("".join(text for text, _ in pieces), (0, 0, 10 * len(pieces), 51), 93.0,
                     tuple((text, 10 * i, 10 * i + 9) for i, (text, _) in enumerate(pieces)))
    return OcrLine((token,), 40.0, tuple(height for _, height in pieces))


# the heading's second line as the school plan's 150-dpi scan reads it: each mark's box
# is as tall as the line (51 px), the letters' 20-33 px
SECOND_LINE = [("จ", 33), ("ั", 51), ("ด", 32), ("ก", 20), ("า", 20), ("ร", 51), ("เร", 33),
               ("ี", 51), ("ย", 21), ("น", 51), ("ร", 21), ("ู", 43), ("้", 51)]


def test_marks_are_left_out_of_the_heights() -> None:
    assert letter_heights(_line(SECOND_LINE)) == (33, 32, 20, 20, 51, 33, 21, 51, 21)


def test_a_line_heavy_in_marks_is_the_body_size() -> None:
    assert line_size(_line(SECOND_LINE), SCALE, BODY) == BODY


def test_a_title_is_still_sized_apart() -> None:
    title = [(text, round(height * 1.5)) for text, height in SECOND_LINE]
    assert line_size(_line(title), SCALE, BODY) > 1.3 * BODY


def test_heights_not_one_a_piece_are_all_kept() -> None:
    line = _line(SECOND_LINE)
    rebuilt = OcrLine(line.tokens, line.baseline, (20, 51))
    assert letter_heights(rebuilt) == (20, 51)
