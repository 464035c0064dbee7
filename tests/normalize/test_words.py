"""Thai word segmentation over a word set gives pythainlp's own segmentation (issue 12).

`thai_words_of` answers newmm's dictionary question from a set instead of pythainlp's
trie, which takes ~0.5 s to build; the words must be exactly those of
`word_tokenize(text, keep_whitespace=False)` with the default dictionary, on the texts of
real plans (every paragraph and cell line of the four fixture plans) and on the names and
glued running text the organization finder segments.
"""

from __future__ import annotations

from functools import cache

import pytest
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

from pipeline.model import Paragraph, Table
from pipeline.normalize.words import thai_words_of, word_set
from pipeline.read.docx_reader import read_docx
from tests.helpers import fixture_docx

PLANS = ("yasothon2-fy2563", "yasothon2-fy2564", "school-fy2566", "secondary-fy2567")


def _cell_lines(table: Table) -> list[str]:
    lines: list[str] = []
    for cell in table.cells:
        lines.extend(cell.lines)
        for nested in cell.tables:
            lines.extend(_cell_lines(nested))
    return lines


@cache
def plan_texts() -> tuple[str, ...]:
    """Distinct non-blank paragraph and cell texts of the fixture plans."""
    texts: set[str] = set()
    for name in PLANS:
        for block in read_docx(fixture_docx(name)).blocks:
            if isinstance(block, Paragraph):
                texts.add(block.text)
            elif isinstance(block, Table):
                texts.update(_cell_lines(block))
    return tuple(sorted(t for t in texts if t.strip()))


def test_segments_every_fixture_text_as_pythainlp_does() -> None:
    texts = plan_texts()
    assert len(texts) > 500
    differing = [t for t in texts if thai_words_of(t) != word_tokenize(t, keep_whitespace=False)]
    assert differing == []


@pytest.mark.parametrize(("text", "words"), [
    # a name whose first syllable is also a common word ("มี"): the dictionary decides
    ("มีนประสาทวิทยา", ["มีน", "ประสาท", "วิทยา"]),
    # a name glued to the running text after it
    ("บ้านหยงสตาร์ได้จัด", ["บ้าน", "หย", "ง", "สตาร์", "ได้", "จัด"]),
    ("ขนาดเล็ก ในสังกัด", ["ขนาดเล็ก", "ในสังกัด"]),
    ("", []),
])
def test_segments_names_and_glued_text(text: str, words: list[str]) -> None:
    assert thai_words_of(text) == words == word_tokenize(text, keep_whitespace=False)


def test_word_set_holds_the_words_of_pythainlps_trie() -> None:
    from pythainlp.corpus import thai_words

    words, longest = word_set()
    assert words == set(Trie(thai_words()))
    assert longest == max(len(w) for w in words)
