"""The committed digit classifier on digits rendered from the installed Thai fonts, held out
of its training, and on the glyphs of a scanned amount."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.read.ocr.digits import CLASSES, classify, model
from pipeline.read.ocr.digits_train import font_files, held_out, render
from pipeline.read.ocr.numbers import glyph_boxes, reread

pytestmark = pytest.mark.skipif(not font_files(), reason="no Thai fonts (fonts-thai-tlwg)")

MIN_ACCURACY = 0.995


def test_held_out_accuracy_is_at_least_99_5_percent() -> None:
    features, labels = held_out()
    predicted = np.argmax(model().scores(features), axis=1)
    accuracy = float(np.mean(predicted == labels))
    confused = sorted({(CLASSES[a], CLASSES[b]) for a, b in zip(labels, predicted, strict=True)
                       if a != b})
    print(f"digit classifier: held-out accuracy {accuracy:.4f} on {len(labels)} renders;"
          f" confused {confused}")
    assert len(labels) > 2000
    assert accuracy >= MIN_ACCURACY


def number_image(text: str) -> np.ndarray:
    """`text` rendered in Laksaman (the fixtures' font) as a grey strip, glyph by glyph."""
    from PIL import ImageFont

    [laksaman] = [f for f in font_files() if f.stem == "Laksaman"]
    font = ImageFont.truetype(str(laksaman), 34)
    glyphs = [255 - render(font, char, 0.6, True) for char in text]
    strip = np.full((68, 40 * len(text) + 20), 255, np.uint8)
    for i, glyph in enumerate(glyphs):
        strip[:, 10 + 40 * i:10 + 40 * i + 40] = glyph[:, 14:54]
    return strip


def test_confusable_thai_digits_are_told_apart() -> None:
    # ๔/๕, ๖/๐, ๓, ๘, ๗: what tesseract confuses
    readings = classify([255 - number_image(c)[:, 10:50] for c in "๔๕๖๐๓๘๗"])
    assert "".join(char for char, _ in readings) == "๔๕๖๐๓๘๗"


def test_a_thai_amount_is_cut_into_glyphs_and_read_with_its_comma() -> None:
    strip = number_image("๔๙,๐๐๐")
    assert len(glyph_boxes(np.asarray(strip < 150, np.uint8) * 255)) == 6
    again = reread(strip, "๕9,๐๐๐")
    assert again is not None
    assert (again.ocr, again.classified, again.kept) == ("๕9,๐๐๐", "๔๙,๐๐๐", "๔๙,๐๐๐")
