"""A word a narrow cell wraps over its lines, read with its marks lost, put back whole
(issue 13 item 3: yasothon2-fy2564's budget header 'ค่า' / 'วัสดุ' read 'คา' / 'วสด')."""

from __future__ import annotations

from pipeline.read.ocr.cell_words import restore_wrapped_words, wrap_chains
from pipeline.read.ocr.engine import OcrLine, OcrToken


def line(*texts: str) -> OcrLine:
    tokens = tuple(OcrToken(text, (10 * i, 0, 10 * i + 8, 20), 80.0, ((text, 10 * i, 10 * i + 8),))
                   for i, text in enumerate(texts))
    return OcrLine(tokens, 20.0, (12,) * 4)


def texts(lines: list[OcrLine]) -> list[list[str]]:
    return [[t.text for t in ln.tokens] for ln in lines]


def test_tokens_meeting_at_line_breaks_are_chained() -> None:
    lines = [line("ค่า"), line("ตอบ"), line("แทน", "5"), line("x", "y")]
    assert wrap_chains(lines) == [[(0, 0), (1, 0), (2, 0)], [(2, 1), (3, 0)]]


def test_a_wrapped_header_word_read_without_its_marks_is_put_back_line_by_line() -> None:
    repaired: list[tuple[str, str]] = []
    restored = restore_wrapped_words([line("คา"), line("วสด")], repaired)
    assert texts(restored) == [["ค่า"], ["วัสดุ"]]
    assert repaired == [("คา / วสด", "ค่าวัสดุ")]


def test_a_word_over_three_lines_and_the_tokens_around_it() -> None:
    repaired: list[tuple[str, str]] = []
    restored = restore_wrapped_words([line("1", "ผู"), line("รบผด"), line("ชอบ", "2")],
                                     repaired)
    assert texts(restored) == [["1", "ผู้"], ["รับผิด"], ["ชอบ", "2"]]
    assert repaired == [("ผู / รบผด / ชอบ", "ผู้รับผิดชอบ")]


def test_lines_that_make_no_vocabulary_word_are_left_as_read() -> None:
    repaired: list[tuple[str, str]] = []
    lines = [line("ค่า"), line("วัสดุ"), line("คา"), line("วส")]  # right; a letter short
    assert texts(restore_wrapped_words(lines, repaired)) == [["ค่า"], ["วัสดุ"], ["คา"],
                                                             ["วส"]]
    assert repaired == []
