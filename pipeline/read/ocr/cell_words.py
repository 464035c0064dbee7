"""Words a narrow table cell wraps over its lines, put back whole (issue 13 item 3).

A cell is read line by line, so a header word printed over two or three lines of its cell
("ค่า" / "วัสดุ") reaches the repair as separate tokens; when tesseract lost its marks
("คา" / "วสด") no token holds the word for `repair.restore_vocabulary` to see, and a budget
column without its category word loses its amounts. Here the tokens that meet at a line
break are read together (`repair.restore_wrapped_word`); every word put back is recorded in
`repaired` (an ocr_uncertain finding), so no text changes silently.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.repair import restore_wrapped_word

# A word is looked for over at most this many lines of a cell.
MAX_WRAPPED_PARTS: Final = 3
Place = tuple[int, int]  # (line, token) in a cell's lines


def wrap_chains(lines: list[OcrLine]) -> list[list[Place]]:
    """The runs of tokens that meet at line breaks: a line's last token, the next line's
    first, and on while a line holds that one token only."""
    chains: list[list[Place]] = []
    chain: list[Place] = []
    for index, line in enumerate(lines):
        if not line.tokens:
            chain = []
            continue
        if chain:
            chain.append((index, 0))
        if not chain or len(line.tokens) > 1:
            if len(chain) > 1:
                chains.append(chain)
            chain = [(index, len(line.tokens) - 1)]
    if len(chain) > 1:
        chains.append(chain)
    return chains


def restore_wrapped_words(lines: list[OcrLine], repaired: list[tuple[str, str]]
                          ) -> list[OcrLine]:
    """A cell's lines with each word wrapped over them and read with its marks lost put
    back, each line keeping its share of the word; (read, put) added to `repaired`."""
    tokens = [list(line.tokens) for line in lines]
    for chain in wrap_chains(lines):
        start = 0
        while start < len(chain) - 1:
            taken = _restore_from(chain, start, tokens, repaired)
            start += max(taken, 1)
    return [replace(line, tokens=tuple(row)) for line, row in zip(lines, tokens, strict=True)]


def _restore_from(chain: list[Place], start: int, tokens: list[list[OcrToken]],
                  repaired: list[tuple[str, str]]) -> int:
    """The longest run of `chain` from `start` that is one wrapped word put back in
    `tokens`; the number of parts it took (0 when none is)."""
    for count in range(min(MAX_WRAPPED_PARTS, len(chain) - start), 1, -1):
        places = chain[start:start + count]
        parts = [tokens[line][token].text for line, token in places]
        put = restore_wrapped_word(parts)
        if put is None:
            continue
        repaired.append((" / ".join(parts), "".join(put)))
        for (line, token), text in zip(places, put, strict=True):
            old = tokens[line][token]
            tokens[line][token] = replace(old, text=text,
                                          pieces=((text, old.box[0], old.box[2]),))
        return count
    return 0
