"""One scanned page into the `PageContent` a text page gives: lines outside tables, tables.

Tesseract's tokens become `Cluster`s in PDF points (a token is a run of print between
spaces; the printed spaces become space clusters, as LibreOffice writes space glyphs), so
everything after this is the untagged reader's own code: `pdf_tables.ruled_tables` builds
the grid with spans from the cell rectangles and drops the clusters into cells,
`pdf_text.text_lines` makes the lines, and `pdf_reader.assemble` finds furniture and
paragraphs and joins tables across pages.

Each table cell is read alone (page segmentation mixes the columns of a row into one line
otherwise), the rest of the page with the tables blanked out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final

import cv2
import numpy as np
import pypdfium2 as pdfium

from pipeline.read.ocr.cell_words import restore_wrapped_words
from pipeline.read.ocr.dashes import (
    INK_LEVEL,
    MIN_SPECK_PX,
    cell_dashes,
    dash_runs,
    is_dash,
    line_dashes,
)
from pipeline.read.ocr.engine import (
    PSM_AUTO,
    PSM_BLOCK,
    PSM_SPARSE,
    OcrLine,
    OcrToken,
    read_lines,
)
from pipeline.read.ocr.grid import Box, FoundTable, cell_fill, find_tables
from pipeline.read.ocr.image import Grey, PageImage, page_image
from pipeline.read.ocr.latin import reread_latin
from pipeline.read.ocr.line_numbers import (
    join_split_numbers,
    reread_doubtful_in_number_cell,
    reread_running_numbers,
    reread_token,
)
from pipeline.read.ocr.missed_lines import read_missed_lines
from pipeline.read.ocr.numbers import (
    ITEM_NUMBER_RE,
    NUMBER_RANGE_RE,
    THAI_DIGIT_RE,
    Reread,
    looks_numeric,
    reread,
)
from pipeline.read.ocr.repair import (
    MARK_ONLY_RE,
    among_words,
    item_number_dot,
    repair_pieces,
    restore_month,
    restore_unit,
)
from pipeline.read.ocr.stacked import is_stacked, placed_in_cell, read_stacked
from pipeline.read.pdf_layout import PageContent
from pipeline.read.pdf_tables import Bbox, ruled_tables
from pipeline.read.pdf_text import Cluster, text_lines

# Thai body glyphs (ก, น, า) are this share of the font size tall (Laksaman, Sarabun).
BODY_HEIGHT_EM: Final = 0.63
# The body height is the lower part of a line's glyph heights (marks make taller boxes).
BODY_PERCENTILE: Final = 30
# A piece that is only Thai marks above or below a letter (ั ี ู ้): tesseract boxes it with
# the whole column it sits in, so its height says nothing of the font size.
MARK_ONLY_PIECE_RE: Final = re.compile("^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+$")
# White margin (pixels) put around a cell before it is read: tesseract needs one.
CELL_MARGIN_PX: Final = 10
# A cell's inside less this many pixels (ruling debris) is what is read.
CELL_INSET_PX: Final = 2
# A cell with fewer ink pixels than this is empty.
MIN_INK_PX: Final = 12
# White (pixels) kept around a page line read again alone (`_reread_doubtful_line`).
LINE_MARGIN_PX: Final = 4
# A cell read with less confidence than this (bold, short text: "ที่", "1.") is read again
# enlarged, and the more confident reading kept.
RETRY_CONFIDENCE: Final = 80.0
RETRY_ZOOM: Final = 2
# An item number ("1.", "12.") read as letters is at most this many characters.
MAX_ITEM_NUMBER_CHARS: Final = 3
# A page number line "- 12 -" is at most this wide (font sizes), and its reading by the
# digit classifier is given this confidence (it is sure: `numbers.MIN_MARGIN`).
PAGE_NUMBER_MAX_WIDTH_EM: Final = 4.0
PAGE_NUMBER_CONFIDENCE: Final = 90.0
# A number in Arabic digits among a cell's words that tesseract read with less confidence
# than this is read again by the digit classifier: tesseract reads Arabic digits well, but
# not always ("x 3 วัน" of a cost formula read "x 2 วัน" at 85, its other tokens at 92 up).
SURE_DIGITS_CONFIDENCE: Final = 90.0
# Lines with fewer pieces than this are too short to estimate their font size.
MIN_PIECES: Final = 8
# Size estimates within this share of the body size are the body size.
SAME_SIZE_SHARE: Final = 0.15
DEFAULT_SIZE: Final = 16.0
# A gap wider than this (font sizes) between tokens is left a gap, not a space cluster: the
# gutter of a borderless label/value table, which `pdf_columns` finds by its empty x range
# (the line code still reads a space there).
MAX_SPACE_EM: Final = 0.55  # below pdf_columns.COLUMN_GAP_EM; a word space is ~0.32
# A slash of running text is at most this far from the word beside it (a slash's side
# bearings widen the space to ~0.6 em); Gantt mark columns are farther apart.
SLASH_SPACE_EM: Final = 1.0


@dataclass(frozen=True)
class OcrPage:
    """A page read by OCR, and the numbers the digit classifier read differently."""

    content: PageContent
    rereads: list[Reread]
    repaired: list[tuple[str, str]]  # words of the vocabulary put back: (read, put)


def ocr_page(page: pdfium.PdfPage, number: int) -> OcrPage:
    """Read one page by OCR."""
    width, height = page.get_size()
    image = page_image(page)
    tables = find_tables(image.pixels)
    blanked = _blank(image.pixels, [t.box for t in tables])
    rest = [again for line in rejoin_fragments(blanked, read_lines(blanked, psm=PSM_AUTO))
            for again in _reread_doubtful_line(blanked, line)]
    rest = reread_latin(blanked, rest)
    size = body_size(rest, image.scale)
    rest = [page_number_line(blanked, line, size * image.scale) or line for line in rest]
    repaired: list[tuple[str, str]] = []
    rereads: list[Reread] = []
    rest = [reread_running_numbers(line, blanked, rereads) for line in rest]
    clusters = _clusters(rest, image.scale, (0, 0), size, repaired)
    for table in tables:
        for inside in table.insides:
            clusters.extend(_cell_clusters(image, inside, size, rereads, repaired))
    content = PageContent(number=number, width=float(width), height=float(height),
                          has_chars=bool(clusters), has_images=True)
    cell_boxes = [[_points(box, image.scale) for box in table.cells] for table in tables]
    content.tables, outside = ruled_tables(cell_boxes, number, clusters,
                                           lambda: _fills(image, tables))
    for read in content.tables:
        read.read_by_ocr = True  # a repeated header reads a little differently each time
    content.lines = text_lines(outside)
    return OcrPage(content, rereads, repaired)


def _line_box(line: OcrLine) -> Box:
    return (min(t.box[0] for t in line.tokens), min(t.box[1] for t in line.tokens),
            max(t.box[2] for t in line.tokens), max(t.box[3] for t in line.tokens))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def rejoin_fragments(pixels: Grey, lines: list[OcrLine]) -> list[OcrLine]:
    """Page lines with the fragments page segmentation split off a line read again with
    it: a doubtful "line" whose box overlaps another line's is part of that line, a tone
    mark over its first letters read as a line of its own ("4" over "ด้าน") or its first
    letters cut off as a column ("ข้" of "ข้อที่", leaving "อทิ"). The fragment's junk
    then passed for text between the halves of a wrapped heading (a strategy's name cut
    in two). The lines it overlaps and the fragment are read again as one block, and
    that reading kept when it is more confident than the fragment and loses no text.
    Lines side by side (a label and its value) do not overlap, so stay apart."""
    out = list(lines)
    for fragment in lines:
        if fragment not in out or not fragment.tokens or (
                _confidence([fragment]) >= RETRY_CONFIDENCE):
            continue
        group = _overlapping(fragment, out)
        if not group:
            continue
        again = _read_region(pixels, [fragment, *group])
        read_before = sum(len(t.text) for line in group for t in line.tokens)
        read_now = sum(len(t.text) for line in again for t in line.tokens)
        if _confidence(again) <= _confidence([fragment]) or read_now < read_before:
            continue
        at = out.index(fragment)
        out = [line for line in out if line is not fragment and line not in group]
        out[at:at] = again
    return out


def _overlapping(fragment: OcrLine, lines: list[OcrLine]) -> list[OcrLine]:
    """The lines whose boxes overlap the fragment's, or the box around those (a fragment
    two lines tall overlaps both, and what else was split off them)."""
    box = _line_box(fragment)
    group: list[OcrLine] = []
    while True:
        more = [line for line in lines if line is not fragment and line.tokens
                and line not in group and _overlaps(_line_box(line), box)]
        if not more:
            return group
        group.extend(more)
        boxes = [box, *(_line_box(line) for line in more)]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
               max(b[2] for b in boxes), max(b[3] for b in boxes))


def _read_region(pixels: Grey, lines: list[OcrLine]) -> list[OcrLine]:
    """The lines inside the box around `lines` (plus a margin), read as one block."""
    boxes = [_line_box(line) for line in lines]
    x0 = max(min(b[0] for b in boxes) - LINE_MARGIN_PX, 0)
    top = max(min(b[1] for b in boxes) - LINE_MARGIN_PX, 0)
    x1 = max(b[2] for b in boxes) + LINE_MARGIN_PX
    bottom = max(b[3] for b in boxes) + LINE_MARGIN_PX
    padded = np.pad(pixels[top:bottom, x0:x1], CELL_MARGIN_PX, constant_values=255)
    dx, dy = x0 - CELL_MARGIN_PX, top - CELL_MARGIN_PX
    return [OcrLine(tuple(_shifted(t, dx, dy) for t in read.tokens), read.baseline + dy,
                    read.glyph_heights) for read in read_lines(padded, psm=PSM_BLOCK)]


def _reread_doubtful_line(pixels: Grey, line: OcrLine) -> list[OcrLine]:
    """A page line read with low confidence, read again alone (as a cell is): page
    segmentation garbles a short line at the foot ("- 5 -" read "= ปขน="), which then
    passes for body text; the more confident reading is kept."""
    if not line.tokens or _confidence([line]) >= RETRY_CONFIDENCE:
        return [line]
    again = _read_region(pixels, [line])
    return again if _confidence(again) > _confidence([line]) else [line]


def page_number_line(pixels: Grey, line: OcrLine, em_px: float) -> OcrLine | None:
    """A short line printed "- N -" (how Thai plans number their pages) read again: its
    dashes found as strokes (`is_dash`), the glyphs between them by the digit classifier.

    Tesseract's Thai model reads a lone "- 3 -" badly ("= รชิน-", "-53-"), and a page
    number read as words is body text at the foot of the page, below the running footer,
    which then is not taken for furniture either (nor the page for one a table runs off).
    None when the line is not two dashes around one number the classifier is sure of.
    """
    if not line.tokens:
        return None
    x0 = max(min(t.box[0] for t in line.tokens) - LINE_MARGIN_PX, 0)
    top = max(min(t.box[1] for t in line.tokens) - LINE_MARGIN_PX, 0)
    x1 = max(t.box[2] for t in line.tokens) + LINE_MARGIN_PX
    bottom = max(t.box[3] for t in line.tokens) + LINE_MARGIN_PX
    if x1 - x0 > PAGE_NUMBER_MAX_WIDTH_EM * em_px:
        return None
    crop = pixels[top:bottom, x0:x1]
    ink = np.asarray(crop < INK_LEVEL, np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = sorted((tuple(int(v) for v in s[:4]) for s in stats[1:count]
                     if int(s[4]) >= MIN_SPECK_PX), key=lambda s: s[0])
    if len(specks) < 3 or not (is_dash(specks[0], em_px) and is_dash(specks[-1], em_px)):
        return None
    left, right = specks[0][0] + specks[0][2], specks[-1][0]
    if right <= left:
        return None
    again = reread(crop[:, left:right], "")
    if again is None or again.kept != again.classified or not again.classified.isdigit():
        return None
    glyphs = specks[1:-1]
    number_box = (x0 + min(g[0] for g in glyphs), top + min(g[1] for g in glyphs),
                  x0 + max(g[0] + g[2] for g in glyphs), top + max(g[1] + g[3] for g in glyphs))
    def token(text: str, box: Box) -> OcrToken:
        return OcrToken(text, box, PAGE_NUMBER_CONFIDENCE, ((text, box[0], box[2]),))
    dashes = [(x0 + x, top + y, x0 + x + w, top + y + h)
              for x, y, w, h in (specks[0], specks[-1])]
    tokens = (token("-", dashes[0]), token(again.classified, number_box),
              token("-", dashes[1]))
    return OcrLine(tokens, line.baseline, line.glyph_heights)


def _shifted(token: OcrToken, dx: int, dy: int) -> OcrToken:
    x0, top, x1, bottom = token.box
    return replace(token, box=(x0 + dx, top + dy, x1 + dx, bottom + dy),
                   pieces=tuple((text, a + dx, b + dx) for text, a, b in token.pieces))


def body_size(lines: Sequence[OcrLine], scale: float) -> float:
    """The page's body font size (points): the median estimate of its long lines."""
    sizes = [_size(line, scale) for line in lines if len(letter_heights(line)) >= MIN_PIECES]
    return float(np.median(sizes)) if sizes else DEFAULT_SIZE


def letter_heights(line: OcrLine) -> tuple[int, ...]:
    """The heights of the line's pieces that hold a letter: a piece of marks alone is as
    tall as the line ("จัดการเรียนรู้", a heading's short second line, has five), so counting
    it made a line heavy in marks a size apart, a title, and its heading was cut in two.
    All the heights when they are not one a piece (a line whose pieces were rebuilt)."""
    pieces = [text for token in line.tokens for text, _, _ in token.pieces]
    if len(pieces) != len(line.glyph_heights):
        return line.glyph_heights
    return tuple(height for text, height in zip(pieces, line.glyph_heights, strict=True)
                 if not MARK_ONLY_PIECE_RE.match(text))


def _size(line: OcrLine, scale: float) -> float:
    body = float(np.percentile(letter_heights(line), BODY_PERCENTILE))
    return max(body / scale / BODY_HEIGHT_EM, 1.0)


def line_size(line: OcrLine, scale: float, page_size: float) -> float:
    """A line's font size: its own estimate when it has pieces enough and differs from the
    page's body size (a title), else the body size (the estimate is rough)."""
    if len(letter_heights(line)) < MIN_PIECES:
        return page_size
    size = _size(line, scale)
    return page_size if abs(size - page_size) <= SAME_SIZE_SHARE * page_size else size


def reread_cell_numbers(lines: list[OcrLine], pixels: Grey, rereads: list[Reread]
                        ) -> list[OcrLine]:
    """The cell's lines with numbers read again by the digit classifier (see `numbers`).

    In a cell of numbers only (an amount, a row number) every number is read again; in a
    cell of text numbers in Thai digits, which tesseract misreads, and those in Arabic
    digits it is not sure of (`SURE_DIGITS_CONFIDENCE`; it reads them well). The
    classifier's reading is kept when it is sure (`MIN_MARGIN`); every disagreement is
    recorded in `rereads`, whichever reading is kept.
    """
    lines = reread_doubtful_in_number_cell(lines, pixels, rereads)
    numeric_cell = all(looks_numeric(t.text) for line in lines for t in line.tokens)
    if numeric_cell:
        lines = [_one_number(line, pixels, rereads) for line in lines]
    else:
        lines = [join_split_numbers(line, pixels, rereads) for line in lines]
    out: list[OcrLine] = []
    lone = _lone_item_number(lines)
    for line in lines:
        tokens: list[OcrToken] = []
        for token in line.tokens:
            if token is lone:
                token = _reread_item_number(token, pixels, rereads)
            elif (looks_numeric(token.text) or NUMBER_RANGE_RE.match(token.text)) and (
                    numeric_cell or THAI_DIGIT_RE.search(token.text)
                    or token.confidence < SURE_DIGITS_CONFIDENCE):
                token = reread_token(token, pixels, rereads, cut_amount=numeric_cell)
            tokens.append(token)
        out.append(replace(line, tokens=tuple(tokens)))
    return out


def _reread_item_number(token: OcrToken, pixels: Grey, rereads: list[Reread]) -> OcrToken:
    """A lone token that may be an item number read as letters (`_lone_item_number`):
    the classifier's reading replaces it only when it is an item number it is sure of."""
    x0, top, x1, bottom = token.box
    again = reread(pixels[top:bottom, x0:x1], token.text)
    if again is None or not ITEM_NUMBER_RE.match(again.classified) \
            or again.classified == token.text:
        return token
    rereads.append(again)
    if again.kept != again.classified:
        return token
    return replace(token, text=again.classified, pieces=((again.classified, x0, x1),))


def _lone_item_number(lines: list[OcrLine]) -> OcrToken | None:
    """The token of a cell that may be an item number tesseract read as letters: alone in
    its cell, a few characters ending in a dot or comma, read with low confidence ("1."
    read "ไว,": the Thai model has no context for a lone digit). The digit classifier
    reads it again; only an item number it is sure of replaces it (`reread_cell_numbers`)."""
    tokens = [t for line in lines for t in line.tokens]
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if looks_numeric(token.text) or len(token.text) > MAX_ITEM_NUMBER_CHARS:
        return None
    if token.text[-1] not in ".," or token.confidence >= RETRY_CONFIDENCE:
        return None
    return token


def _one_number(line: OcrLine, pixels: Grey, rereads: list[Reread]) -> OcrLine:
    """A line of an amount cell read as several numbers ("12 600": tesseract lost the
    comma of a noisy scan) read again whole by the classifier, which sees the comma's ink;
    made one token when that reading is one number and the classifier is sure of it. The
    reading is recorded either way, so the table's sums confirm it or flag it."""
    if len(line.tokens) < 2:
        return line
    x0 = min(t.box[0] for t in line.tokens)
    top = min(t.box[1] for t in line.tokens)
    x1 = max(t.box[2] for t in line.tokens)
    bottom = max(t.box[3] for t in line.tokens)
    read_apart = " ".join(t.text for t in line.tokens)
    again = reread(pixels[top:bottom, x0:x1], read_apart)
    if again is None:
        return line
    rereads.append(again)
    if again.kept != again.classified:
        return line
    whole = OcrToken(again.classified, (x0, top, x1, bottom),
                     min(t.confidence for t in line.tokens), ((again.classified, x0, x1),))
    return replace(line, tokens=(whole,))


def _cell_clusters(image: PageImage, inside: Box, size: float, rereads: list[Reread],
                   repaired: list[tuple[str, str]]) -> list[Cluster]:
    x0, top, x1, bottom = (inside[0] + CELL_INSET_PX, inside[1] + CELL_INSET_PX,
                           inside[2] - CELL_INSET_PX, inside[3] - CELL_INSET_PX)
    if x1 <= x0 or bottom <= top:
        return []
    crop = image.pixels[top:bottom, x0:x1]
    runs = dash_runs(crop, size * image.scale)
    if runs:  # a Gantt month marked "--": as the text PDF prints it
        return [_dash_cluster(box, (x0, top), image.scale, size, "-" * n) for box, n in runs]
    dashes = cell_dashes(crop, size * image.scale)
    if dashes:
        return [_dash_cluster(dash, (x0, top), image.scale, size) for dash in dashes]
    if int((crop < INK_LEVEL).sum()) < MIN_INK_PX:
        return []
    em_px = size * image.scale
    nils = line_dashes(crop, em_px)
    read = _blank(crop, nils) if nils else crop
    padded, lines, zoom = _best_cell_reading(np.pad(read, CELL_MARGIN_PX, constant_values=255))
    if nils and marks_or_numbers(lines):
        return [*(_dash_cluster(dash, (x0, top), image.scale, size) for dash in nils),
                *_number_cell_clusters(padded, lines, zoom, (x0, top), image.scale, size,
                                       rereads, repaired)]
    if nils:  # dashes beside text are no nil values: read the cell as printed
        padded, lines, zoom = _best_cell_reading(
            np.pad(crop, CELL_MARGIN_PX, constant_values=255))
    if is_stacked(crop, em_px) and not marks_or_numbers(lines):
        stacked = read_stacked(crop, em_px)
        if stacked is not None:
            one_line, line_image = stacked
            one_line = reread_cell_numbers(one_line, line_image, rereads)
            return _clusters(placed_in_cell(one_line, line_image, crop, em_px),
                             image.scale, (x0, top), size, repaired)
    return _number_cell_clusters(padded, lines, zoom, (x0, top), image.scale, size, rereads,
                                 repaired)


def _number_cell_clusters(padded: Grey, lines: list[OcrLine], zoom: int,
                          origin: tuple[int, int], scale: float, size: float,
                          rereads: list[Reread], repaired: list[tuple[str, str]]
                          ) -> list[Cluster]:
    """A cell's reading (of `padded`, enlarged `zoom` times; the cell's top left at
    `origin` on the page) as clusters, its numbers and words read again, and a line of
    digits the reading left out read by the classifier (`missed_lines`)."""
    lines = read_missed_lines(padded, lines, size * scale * zoom, rereads)
    lines = reread_cell_numbers(reread_latin(padded, lines), padded, rereads)
    lines = restore_wrapped_words(lines, repaired)
    x0, top = origin
    return _clusters(lines, scale * zoom,
                     ((x0 - CELL_MARGIN_PX) * zoom, (top - CELL_MARGIN_PX) * zoom), size,
                     repaired)


def _best_cell_reading(padded: Grey) -> tuple[Grey, list[OcrLine], int]:
    """A cell's most confident reading, with the image it was read from and its zoom.

    Read as a block of lines first; when that is not confident, also enlarged
    (`RETRY_ZOOM`), and at each size in sparse mode (`_same_line_count` says when a
    sparse reading may stand for the block one).
    """
    lines = read_lines(padded, psm=PSM_BLOCK)
    if _confidence(lines) >= RETRY_CONFIDENCE:
        return padded, lines, 1
    bigger = np.asarray(cv2.resize(padded, None, fx=RETRY_ZOOM, fy=RETRY_ZOOM,
                                   interpolation=cv2.INTER_CUBIC), dtype=np.uint8)
    best = (padded, lines, 1)
    for image, zoom in ((padded, 1), (bigger, RETRY_ZOOM)):
        block = lines if zoom == 1 else read_lines(image, psm=PSM_BLOCK)
        readings = [block]
        if _confidence(block) < RETRY_CONFIDENCE:
            sparse = read_lines(image, psm=PSM_SPARSE)
            if _same_line_count(sparse, block):
                readings.append(sparse)
        for reading in readings:
            if _confidence(reading) > _confidence(best[1]):
                best = (image, reading, zoom)
    return best


def _same_line_count(sparse: list[OcrLine], block: list[OcrLine]) -> bool:
    """Whether a sparse reading (`PSM_SPARSE`) of a cell keeps to the block reading's
    lines or fewer: the block mode takes the stacked marks of a bold "ผู้" for a line of
    their own ("๑/ ๕-" over "ผรบผด"), which the sparse mode reads in place; a sparse
    reading that breaks the cell's lines apart is not taken."""
    return 0 < len(sparse) <= len(block)


def _dash_cluster(box: Box, offset: tuple[int, int], scale: float, size: float,
                  text: str = "-") -> Cluster:
    """The dash (or dashes) at `box` as a cluster in page points, with the line height of a
    glyph at `size`."""
    x0, top, x1, bottom = box
    dx, dy = offset
    middle = (top + bottom) / 2 + dy
    half = BODY_HEIGHT_EM * size * scale / 2
    return Cluster(text, (x0 + dx) / scale, (x1 + dx) / scale, (middle - half) / scale,
                   (middle + half) / scale, size, (middle + half) / scale)


def marks_or_numbers(lines: list[OcrLine]) -> bool:
    """Whether every line of a reading is a Gantt mark or a number: a narrow cell's lines
    that are values of their own (activities packed in one row, amounts listed one a
    line), never one text wrapped."""
    return all(MARK_ONLY_RE.match(t.text) or looks_numeric(t.text)
               for line in lines for t in line.tokens)


def _confidence(lines: list[OcrLine]) -> float:
    """The lowest token confidence of a reading (0-100; 0 when nothing was read)."""
    return min((t.confidence for line in lines for t in line.tokens), default=0.0)


def _blank(pixels: Grey, boxes: Iterable[Box]) -> Grey:
    out = pixels.copy()
    for x0, top, x1, bottom in boxes:
        out[top:bottom + 1, x0:x1 + 1] = 255
    return out


def _clusters(lines: list[OcrLine], scale: float, offset: tuple[int, int],
              page_size: float, repaired: list[tuple[str, str]]) -> list[Cluster]:
    """Lines as clusters in page points: one per piece of a token (a Thai mark glued to
    the glyph before it), pieces of a token touching, a space cluster between tokens.

    Pieces touch so that the line code adds no space of its own inside a token; they stay
    separate so that its word widths (where a wrapped line was broken) are measured.
    """
    dx, dy = offset
    out: list[Cluster] = []
    after_number = False  # across lines: a cell wraps "80 คน x 2" / "มือ x 35 บาท"
    slashes = among_words([[(t.text, t.box[0], t.box[2]) for t in line.tokens]
                           for line in lines], SLASH_SPACE_EM * page_size * scale)
    for n, line in enumerate(lines):
        size = line_size(line, scale, page_size)
        baseline = (line.baseline + dy) / scale
        previous: Cluster | None = None
        for i, token in enumerate(line.tokens):
            top, bottom = (token.box[1] + dy) / scale, (token.box[3] + dy) / scale
            pieces = restore_month(repair_pieces(token.pieces, repaired, (n, i) in slashes))
            if i == 0 and len(line.tokens) > 1:
                pieces = item_number_dot(pieces, line.tokens[1].text)
            if after_number:
                pieces = restore_unit(pieces)
            after_number = looks_numeric(token.text)
            for index, (text, x0, x1) in enumerate(pieces):
                right = pieces[index + 1][1] if index + 1 < len(pieces) else x1
                cluster = Cluster(text, (x0 + dx) / scale, (max(x1, right) + dx) / scale,
                                  top, bottom, size, baseline)
                if previous is not None and index == 0 and (
                        cluster.x0 - previous.x1 <= MAX_SPACE_EM * size):
                    out.append(Cluster(" ", previous.x1, cluster.x0, previous.top,
                                       previous.bottom, size, baseline))
                out.append(cluster)
                previous = cluster
    return out


def _points(box: Box, scale: float) -> Bbox:
    return (box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale)


def _fills(image: PageImage, tables: list[FoundTable]) -> list[tuple[Bbox, str]]:
    """Each shaded cell's box (points) and grey, as the text path's filled rectangles."""
    out: list[tuple[Bbox, str]] = []
    for table in tables:
        for cell, inside in zip(table.cells, table.insides, strict=True):
            fill = cell_fill(image.pixels, inside)
            if fill is not None:
                out.append((_points(cell, image.scale), fill))
    return out
