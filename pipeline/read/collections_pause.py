"""Fewer cyclic garbage collections while a document is read.

Reading a PDF makes hundreds of thousands of small objects that live until the document
is built (glyphs, clusters, lines, the structure tree's elements), and almost none of them
in reference cycles. CPython's collector runs its youngest generation every 700 new
objects and, every so often, a full collection that walks every object alive, so on a
300-page plan it spent about a tenth of the reading walking the glyphs read so far,
collecting next to nothing. `fewer_collections` raises the youngest generation's
threshold (`THRESHOLD`) while the reading runs and puts the previous thresholds back
after: cycles still get collected (every `THRESHOLD` objects), and memory does not grow
past what the document itself holds.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

# New objects between two collections of the youngest generation while a document is read
# (CPython's default is 700).
THRESHOLD: Final = 50_000

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, ...] = ()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector's youngest threshold at least `THRESHOLD` inside, as it was after
    (nested and concurrent uses restore it when the last one ends)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(_saved[0], THRESHOLD), *_saved[1:])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
