"""The organization finder asks the tokenizer only where its answer can matter (issue 12).

`_is_generic`, `_ends_name` and `_trim_glued` skip segmentation when no vocabulary word
is where a word could be one (the first word is a prefix of the text, later words lie
after its first character); on every word and line of the fixture plans they must answer
exactly as when they segment every text.
"""

from __future__ import annotations

from pipeline.extract import meta
from pipeline.normalize.vocabulary.plan import (
    ORGANIZATION_GENERIC_WORDS,
    ORGANIZATION_NAME_END_WORDS,
    ORGANIZATION_STOP_WORDS,
)
from pipeline.normalize.words import thai_words_of
from tests.normalize.test_words import plan_texts


def _words(text: str) -> tuple[str, ...]:
    return tuple(thai_words_of(text[:80])) or ("",)


def is_generic_always_segmenting(rest: str) -> bool:
    first = _words(rest.strip())[0]
    return first in ORGANIZATION_GENERIC_WORDS or any(
        first.startswith(word) for word in ORGANIZATION_GENERIC_WORDS
        if len(word) >= meta.MIN_GENERIC_PREFIX)


def first_is_end_word_always_segmenting(word: str) -> bool:
    return _words(word)[0] in ORGANIZATION_NAME_END_WORDS


def trim_glued_always_segmenting(word: str) -> str:
    words = _words(word)
    for i, w in enumerate(words[1:], start=1):
        if w in ORGANIZATION_NAME_END_WORDS:
            return "".join(words[:i])
    return word


def _samples() -> tuple[list[str], list[str]]:
    """Texts after an organization prefix (lines, and each line from each of its words
    on), and single words as `rest.split()` gives them."""
    rests: list[str] = []
    words: list[str] = []
    for text in plan_texts():
        parts = text.split()
        words.extend(parts)
        rests.extend(" ".join(parts[i:]) for i in range(min(len(parts), 6)))
    return rests, words


def test_guarded_helpers_answer_as_when_every_text_is_segmented() -> None:
    rests, words = _samples()
    generic = sum(meta._is_generic(r) for r in rests)
    assert [r for r in rests if meta._is_generic(r) != is_generic_always_segmenting(r)] == []
    assert [w for w in words if meta._trim_glued(w) != trim_glued_always_segmenting(w)] == []
    # _ends_name without its other tests: a word that is no stop word, date, name or number
    plain = [w for w in words if not w.startswith(ORGANIZATION_STOP_WORDS)]
    assert [w for w in plain if meta._ends_name(w) != (
        first_is_end_word_always_segmenting(w) or meta._DIGITS_ONLY_RE.match(w) is not None
        or meta.FISCAL_YEAR_RE.match(w) is not None or meta._FULL_RE.match(w) is not None
        or meta._ABBREVIATION_RE.match(w) is not None or w[:1] in "-–—/")] == []
    # the samples reach both sides of every guard
    assert 0 < generic < len(rests)
    assert any(meta._trim_glued(w) != w for w in words)
    assert any(first_is_end_word_always_segmenting(w) for w in plain)
