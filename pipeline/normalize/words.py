"""Thai word segmentation: pythainlp's `newmm` over its own word list, without its trie.

pythainlp builds a character trie of its 62,000 words on the first `word_tokenize` call,
in Python: about 0.5 s, more than reading a whole 100-page .docx, and the plan extractor
segments only a few dozen short texts per document (organization names). `newmm` asks its
dictionary one question, `prefixes(text, start)` (the words that start the text at
`start`, shortest first); a frozen set of the same words answers it with one lookup per
candidate length, so the answers, and hence every segmentation, are the same as with the
default trie (tests/normalize/test_words.py compares them), and the list loads in ~20 ms.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pythainlp.util import Trie


@cache
def word_set() -> tuple[frozenset[str], int]:
    """pythainlp's Thai words as its trie holds them (stripped), and the longest one's
    length."""
    from pythainlp.corpus import thai_words

    words = frozenset(map(str.strip, thai_words())) - {""}
    return words, max(map(len, words), default=0)


@cache
def _dictionary() -> Trie:
    """The word set behind pythainlp's Trie interface (built on first use: importing
    pythainlp's tokenizer costs ~0.1 s, which `--help` must not pay)."""
    from pythainlp.util import Trie

    class WordSetTrie(Trie):
        """A Trie whose `prefixes` look the candidates up in a set: newmm's only question."""

        def __init__(self, words: frozenset[str], longest: int) -> None:
            super().__init__(())
            self._words = words
            self._longest = longest

        def prefixes(self, text: str, start: int = 0) -> list[str]:
            words = self._words
            end = min(len(text), start + self._longest)
            return [text[start:i] for i in range(start + 1, end + 1) if text[start:i] in words]

        def __contains__(self, key: Any) -> bool:
            return key in self._words

        def __iter__(self) -> Iterator[str]:
            return iter(self._words)

        def __len__(self) -> int:
            return len(self._words)

        def add(self, word: str) -> None:
            raise TypeError("the Thai word set is read-only")

        def remove(self, word: str) -> None:
            raise TypeError("the Thai word set is read-only")

    return WordSetTrie(*word_set())


def thai_words_of(text: str) -> list[str]:
    """`pythainlp.tokenize.word_tokenize(text, keep_whitespace=False)` (engine newmm, its
    default dictionary), with the dictionary looked up in a set instead of a trie."""
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, custom_dict=_dictionary(), engine="newmm",
                         keep_whitespace=False)
