"""Spaces of a visual line read from the gaps between its clusters (`pdf_text.line_text`)."""

from __future__ import annotations

from pipeline.read.pdf_text import Cluster, line_text

SIZE = 16.0


def clusters(words: list[list[str]], width: float, gap: float, word_gap: float
             ) -> list[Cluster]:
    """`words` of clusters `width` points wide, `gap` apart within a word and `word_gap`
    apart between words, no space glyphs."""
    out: list[Cluster] = []
    x = 0.0
    for w, word in enumerate(words):
        if w:
            x += word_gap - gap
        for text in word:
            out.append(Cluster(text, x, x + width, 100.0, 120.0, SIZE, 116.0))
            x += width + gap
    return out


def test_a_spread_line_reads_a_space_only_where_a_gap_exceeds_its_spread() -> None:
    # distributed justification: every cluster 2 points apart, words 9 points apart
    line = clusters([["ก", "า", "ร"], ["อ", "่า", "น"], ["เ", "ขี", "ย", "น"]], 8.0, 2.0, 9.0)
    assert line_text(line) == "การ อ่าน เขียน"


def test_a_line_of_short_words_whose_clusters_touch_keeps_its_word_spaces() -> None:
    # an OCR'd formula: the pieces of a token touch, its tokens a word space apart; most
    # gaps are word gaps, which are no spread of the line
    line = clusters([["40"], ["ค", "น"], ["x"], ["80"], ["บ", "า", "ท"], ["x"], ["5"]],
                    8.0, 0.0, 10.0)
    assert line_text(line) == "40 คน x 80 บาท x 5"
