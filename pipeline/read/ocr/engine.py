"""Tesseract in-process (tesserocr): one engine per process, words with their boxes.

Debian's Thai model (`tesseract-ocr-tha`) treats each glyph group as a "word" and puts no
blank between them unless the print has a space; with `preserve_interword_spaces` the line
text keeps exactly the printed spaces. So a line is read as its text plus its word boxes,
and consecutive words with no blank between them are one token (`OcrToken`): what a
space-delimited run of print is, the unit the text-PDF path's lines are built from.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from PIL import Image

from pipeline.read.ocr.data import LANGUAGE, LATIN_LANGUAGE, tessdata_dir
from pipeline.read.ocr.image import Grey

# Tesseract's page segmentation modes used here.
PSM_AUTO: Final = 3  # a page: blocks, paragraphs, lines
PSM_BLOCK: Final = 6  # a table cell: one block of lines
PSM_SPARSE: Final = 11  # as much text as possible, in no particular order
PSM_WORD: Final = 8  # one word (a token read again in English)


class OcrUnavailable(RuntimeError):
    """tesserocr or tesseract's Thai data is not installed."""


@dataclass(frozen=True)
class OcrToken:
    """A run of print between spaces, its box (pixels), tesseract's confidence, and its
    pieces (tesseract's words: a glyph or a few) with their left and right ends."""

    text: str
    box: tuple[int, int, int, int]  # x0, top, x1, bottom
    confidence: float
    pieces: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class OcrLine:
    """A text line: its tokens left to right and its baseline (pixels from the top)."""

    tokens: tuple[OcrToken, ...]
    baseline: float
    glyph_heights: tuple[int, ...]


def available() -> bool:
    try:
        _api(PSM_AUTO)
    except OcrUnavailable:
        return False
    return True


@functools.cache
def _api(psm: int) -> Any:
    """The process's engine for `psm` (made once: loading the model takes ~0.2 s)."""
    try:
        import tesserocr
    except ImportError as exc:
        raise OcrUnavailable("tesserocr is not installed") from exc
    folder = tessdata_dir()
    if folder is None:
        raise OcrUnavailable("tesseract's Thai data (tha.traineddata) is not installed")
    api = tesserocr.PyTessBaseAPI(path=folder, lang=LANGUAGE, psm=psm)
    api.SetVariable("preserve_interword_spaces", "1")
    return api


def read_lines(pixels: Grey, *, psm: int = PSM_AUTO) -> list[OcrLine]:
    """The text lines tesseract reads in `pixels`, top to bottom."""
    import tesserocr

    api = _api(psm)
    api.SetImage(Image.fromarray(pixels, mode="L"))
    api.Recognize()
    level = tesserocr.RIL
    lines: list[OcrLine] = []
    words: list[_Word] = []
    baseline = 0.0
    for word in tesserocr.iterate_level(api.GetIterator(), level.WORD):
        if word.Empty(level.WORD):
            continue
        if word.IsAtBeginningOf(level.TEXTLINE):
            if words:
                lines.append(_line(words, baseline))
            words = []
            base = word.Baseline(level.TEXTLINE)
            baseline = (base[0][1] + base[1][1]) / 2 if base else 0.0
        text = (word.GetUTF8Text(level.WORD) or "").strip()
        box = word.BoundingBox(level.WORD)
        if text and box:
            words.append(_Word(text, tuple(box), float(word.Confidence(level.WORD)),
                               word.BlanksBeforeWord() > 0))
    if words:
        lines.append(_line(words, baseline))
    api.Clear()
    return lines


@dataclass(frozen=True)
class _Word:
    text: str
    box: tuple[int, int, int, int]
    confidence: float
    spaced: bool  # a blank before it


def _line(words: list[_Word], baseline: float) -> OcrLine:
    tokens: list[OcrToken] = []
    run: list[_Word] = []
    for word in words:
        if word.spaced and run:
            tokens.append(_token(run))
            run = []
        run.append(word)
    if run:
        tokens.append(_token(run))
    return OcrLine(tuple(tokens), baseline, tuple(w.box[3] - w.box[1] for w in words))


def _token(run: list[_Word]) -> OcrToken:
    return OcrToken(
        text="".join(word.text for word in run),
        box=(min(w.box[0] for w in run), min(w.box[1] for w in run),
             max(w.box[2] for w in run), max(w.box[3] for w in run)),
        confidence=min(w.confidence for w in run),
        pieces=tuple((w.text, w.box[0], w.box[2]) for w in run),
    )


@functools.cache
def _latin_api() -> Any | None:
    """The process's English engine for one word, or None without the English data."""
    import tesserocr

    folder = tessdata_dir()
    if folder is None or not (Path(folder) / f"{LATIN_LANGUAGE}.traineddata").is_file():
        return None
    return tesserocr.PyTessBaseAPI(path=folder, lang=LATIN_LANGUAGE, psm=PSM_WORD)


def read_latin_word(pixels: Grey) -> tuple[str, float] | None:
    """The one word in `pixels` as the English model reads it, and its confidence; None
    when the English data is not installed or nothing is read."""
    api = _latin_api()
    if api is None:
        return None
    api.SetImage(Image.fromarray(pixels, mode="L"))
    text = (api.GetUTF8Text() or "").strip()
    confidence = float(api.MeanTextConf())
    api.Clear()
    return (text, confidence) if text else None
