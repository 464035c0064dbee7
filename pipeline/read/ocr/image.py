"""A PDF page as a grey, upright picture and its scale to PDF points.

A scanner's PDF holds one image per page filling it: that image is taken as stored (no
resampling, the scanner's own resolution). A page with other content (or none) is rendered
by pdfium at `RENDER_DPI`. The scan is then deskewed: a sheet fed 1-2 degrees askew turns
the rulings into stairs that the table morphology cannot follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium

Grey = npt.NDArray[np.uint8]

RENDER_DPI: Final = 200
POINTS_PER_INCH: Final = 72.0
# An embedded image covering at least this share of the page is the page's scan.
MIN_SCAN_COVERAGE: Final = 0.8
# Skew search: up to this many degrees either way, coarse then fine steps.
MAX_SKEW_DEG: Final = 4.0
COARSE_STEP_DEG: Final = 0.25
FINE_STEP_DEG: Final = 0.025
# The skew is measured on the page shrunk to this width (pixels): enough for text lines.
SKEW_WIDTH: Final = 600
# Smaller angles are left alone (rotating blurs the glyphs a little).
MIN_SKEW_DEG: Final = 0.05
INK_THRESHOLD: Final = 160


@dataclass(frozen=True)
class PageImage:
    """The page's picture and how many pixels make one PDF point."""

    pixels: Grey
    scale: float
    skew: float = 0.0  # degrees the scan was turned back by


def page_image(page: pdfium.PdfPage) -> PageImage:
    """The page as a deskewed grey picture."""
    width, height = page.get_size()
    pixels = _embedded_scan(page, width * height)
    if pixels is None:
        bitmap = page.render(scale=RENDER_DPI / POINTS_PER_INCH, grayscale=True)
        pixels = _grey(np.asarray(bitmap.to_numpy()))
    scale = pixels.shape[1] / width
    angle = skew_angle(pixels)
    if abs(angle) >= MIN_SKEW_DEG:
        pixels = rotate(pixels, angle)
    return PageImage(pixels, scale, angle)


def _embedded_scan(page: pdfium.PdfPage, page_area: float) -> Grey | None:
    images = [obj for obj in page.get_objects() if isinstance(obj, pdfium.PdfImage)]
    if len(images) != 1:
        return None
    left, bottom, right, top = images[0].get_bounds()
    if (right - left) * (top - bottom) < MIN_SCAN_COVERAGE * page_area:
        return None
    try:
        bitmap = images[0].get_bitmap(render=False)
    except pdfium.PdfiumError:
        return None
    return _grey(np.asarray(bitmap.to_numpy()))


def _grey(array: npt.NDArray[np.uint8]) -> Grey:
    if array.ndim == 2:
        return np.ascontiguousarray(array)
    if array.shape[2] == 1:
        return np.ascontiguousarray(array[:, :, 0])
    code = cv2.COLOR_BGRA2GRAY if array.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return np.asarray(cv2.cvtColor(array, code), dtype=np.uint8)


def skew_angle(pixels: Grey) -> float:
    """The angle (degrees, counter-clockwise) that makes text lines and rulings level: the
    one whose row profile of ink is sharpest (lines of text give peaks, gaps zeros)."""
    factor = SKEW_WIDTH / pixels.shape[1]
    small = cv2.resize(pixels, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    ink = (small < INK_THRESHOLD).astype(np.float32)
    if ink.sum() == 0:
        return 0.0
    best = _best_angle(ink, np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, COARSE_STEP_DEG))
    return _best_angle(ink, np.arange(best - COARSE_STEP_DEG, best + COARSE_STEP_DEG + 1e-9,
                                      FINE_STEP_DEG))


def _best_angle(ink: npt.NDArray[np.float32], angles: npt.NDArray[np.float64]) -> float:
    height, width = ink.shape
    centre = (width / 2, height / 2)
    scores = []
    for angle in angles:
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST)
        profile = turned.sum(axis=1)
        scores.append(float(np.square(np.diff(profile)).sum()))
    return float(angles[int(np.argmax(scores))])


def rotate(pixels: Grey, angle: float) -> Grey:
    """`pixels` turned by `angle` degrees counter-clockwise about the centre, white filled."""
    height, width = pixels.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return np.asarray(cv2.warpAffine(pixels, matrix, (width, height), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=255),
                      dtype=np.uint8)
