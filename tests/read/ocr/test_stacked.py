"""Narrow cells whose text wraps a glyph a line (`ocr.stacked`): found by their ink bands,
and told from cells whose lines are values of their own."""

from __future__ import annotations

import numpy as np

from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.page import marks_or_numbers
from pipeline.read.ocr.stacked import ink_bands, is_stacked, one_line_image

EM = 33.0  # a 16-point font at 150 dpi, in pixels


def cell(width: int, glyphs: list[tuple[int, int, int, int]]) -> np.ndarray:
    """A white cell 280 pixels high with black boxes (x0, top, x1, bottom) for glyphs."""
    pixels = np.full((280, width), 255, dtype=np.uint8)
    for x0, top, x1, bottom in glyphs:
        pixels[top:bottom, x0:x1] = 0
    return pixels


# "ต" / "ี.ค" (a mark 3 pixels over its line) / "." / "6" / "6", as on the fixture scan
STACKED = [(10, 21, 26, 41), (12, 66, 18, 75), (8, 78, 28, 98), (15, 152, 19, 156),
           (10, 189, 24, 213), (10, 246, 24, 270)]


def test_a_mark_joins_its_line_and_a_lone_dot_is_a_line_of_its_own() -> None:
    assert ink_bands(cell(40, STACKED), EM) == [(21, 41), (66, 98), (152, 156), (189, 213),
                                                (246, 270)]


def test_only_a_cell_too_narrow_for_two_glyphs_a_line_is_stacked() -> None:
    assert is_stacked(cell(40, STACKED), EM)
    assert not is_stacked(cell(120, STACKED), EM)  # wide: its lines are lines
    assert not is_stacked(cell(40, STACKED[:2]), EM)  # two lines: "ต.ค." / "66" at most


def test_the_lines_are_set_side_by_side_on_one_baseline() -> None:
    image = one_line_image(cell(40, STACKED), ink_bands(cell(40, STACKED), EM))
    inner = image[10:-10, 10:-10]
    assert inner.shape == (32, 16 + 20 + 4 + 14 + 14 + 4 * 2)  # tallest band; widths, gaps
    assert (inner[-1] == 0).sum() == 16 + 20 + 4 + 14 + 14  # every line ends on the foot


def line(*texts: str) -> OcrLine:
    return OcrLine(tuple(OcrToken(t, (0, 0, 10, 10), 90.0) for t in texts), 10.0, (10,))


def test_lines_ofmarks_or_numbers_are_values_not_wrapped_text() -> None:
    assert marks_or_numbers([line("✓"), line("/"), line("“")])  # activities packed in a row
    assert marks_or_numbers([line("500"), line("1,000"), line("2")])
    assert not marks_or_numbers([line("ต"), line(".ค"), line("6"), line("6")])
