"""Scanned pages read by offline Thai OCR into the same page content as a text PDF.

A page without a text layer (or every page, with `--ocr always`) goes through:

* `image`: the page's embedded scan (pypdfium2; rendered only when it has none), grey,
  deskewed;
* `grid`: ruled tables found by OpenCV morphology, each as the rectangles of its cells (a
  merged cell is one rectangle because its inner rulings are missing), and each cell's
  fill from its grey level;
* `engine`: tesseract in-process (tesserocr, Debian's `tha` data), one engine per
  process, words with their boxes;
* `stacked`: a cell too narrow for more than a glyph a line (a Gantt month "ต.ค. 66"
  wrapped over five lines) read as the one line it is;
* `page`: each table cell OCRed alone, the rest of the page (tables blanked) as running
  text; the words become the `Cluster`s the text-PDF path makes from glyphs, so the grid
  with spans (`pdf_tables.ruled_tables`), lines, paragraphs, page furniture and cross-page
  joins are the untagged reader's own code.

Nothing is downloaded: without tesseract and its Thai data (`INSTALL_HINT`) a scanned page
keeps the reader's "needs OCR" message.
"""

from __future__ import annotations

import os
from typing import Final, Literal, get_args

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: Final = get_args(OcrMode)
# The environment variable the CLI sets (worker processes inherit it) and `read_pdf` reads
# when no mode is passed.
OCR_ENV: Final = "THAI_PLAN_OCR"
INSTALL_HINT: Final = ("apt-get install tesseract-ocr tesseract-ocr-tha;"
                       " pip install 'thai-action-plan-pipeline[ocr]'")


def ocr_mode(mode: str | None = None) -> OcrMode:
    """The mode asked for: `mode`, else $THAI_PLAN_OCR, else "auto" (pages without text)."""
    value = (mode or os.environ.get(OCR_ENV) or "auto").strip().lower()
    if value == "auto":
        return "auto"
    if value == "always":
        return "always"
    if value == "never":
        return "never"
    raise ValueError(f"unknown OCR mode {value!r} (expected one of {', '.join(OCR_MODES)})")
