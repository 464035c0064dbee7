"""Train the digit classifier (`digits`) on digits rendered from installed Thai fonts.

    .venv/bin/python -m pipeline.read.ocr.digits_train [--out pipeline/read/ocr/digits.npz]

Every Thai and Arabic digit is drawn in each font of `FONT_FILES` that is installed
(Debian's fonts-tlwg-* regular and bold, Sarabun from the fontpkg-sarabun package) at
several sizes (what 14-20 pt print gives at 150-300 dpi), blurs (scanner optics) and with
or without a JPEG round trip, then binarised as the OCR reader binarises a scan. One render
in `HOLD_OUT_EVERY` is held out of training; the committed model's accuracy on those is
printed (and checked by its test, which renders them again). Deterministic: same fonts, same model.
"""

from __future__ import annotations

import argparse
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.read.ocr.digits import CLASSES, WEIGHTS, DigitModel, Features, fit, glyph_features
from pipeline.read.ocr.image import Grey

TLWG_DIR: Final = Path("/usr/share/fonts/truetype/tlwg")
TLWG_FAMILIES: Final = ("Laksaman", "Garuda", "Kinnari", "Loma", "Norasi", "Umpush", "Waree",
                        "TlwgTypo", "TlwgTypist", "TlwgMono", "TlwgTypewriter", "Sawasdee")
SIZES_PX: Final = (28, 34, 42, 52, 64)
BLURS: Final = (0.0, 0.6, 1.0)
JPEG_QUALITY: Final = 60
HOLD_OUT_EVERY: Final = 5
INK_LEVEL: Final = 128


@dataclass(frozen=True)
class Sample:
    label: int
    ink: Grey


def font_files() -> list[Path]:
    """The installed fonts digits are rendered from."""
    files = [TLWG_DIR / f"{family}{weight}.ttf" for family in TLWG_FAMILIES
             for weight in ("", "-Bold")]
    files += sarabun_files()
    return [f for f in files if f.is_file()]


def sarabun_files() -> list[Path]:
    try:
        import fontpkg_sarabun  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return []
    folder = Path(fontpkg_sarabun.__file__).parent
    return sorted(p for p in folder.rglob("*.ttf")
                  if p.stem.endswith(("-Regular", "-Bold")) and "Sarabun" in p.stem)


def render(font: ImageFont.FreeTypeFont, char: str, blur: float, jpeg: bool) -> Grey:
    size = int(font.size)
    canvas = Image.new("L", (size * 2, size * 2), 255)
    ImageDraw.Draw(canvas).text((size, size), char, font=font, fill=0, anchor="mm")
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    if jpeg:
        buffer = io.BytesIO()
        canvas.save(buffer, "JPEG", quality=JPEG_QUALITY)
        canvas = Image.open(io.BytesIO(buffer.getvalue()))
    pixels = np.asarray(canvas, np.uint8)
    return np.asarray(pixels < INK_LEVEL, np.uint8) * 255


def samples(files: list[Path]) -> Iterator[Sample]:
    for path, size in itertools.product(files, SIZES_PX):
        font = ImageFont.truetype(str(path), size)
        for (label, char), blur, jpeg in itertools.product(enumerate(CLASSES), BLURS,
                                                             (False, True)):
            ink = render(font, char, blur, jpeg)
            if ink.any():
                yield Sample(label, ink)


def train(out: Path = WEIGHTS) -> tuple[DigitModel, float]:
    """Fit on the renders not held out, save, report the accuracy on the held-out ones."""
    files = font_files()
    if not files:
        raise SystemExit("no Thai fonts found (apt-get install fonts-thai-tlwg)")
    features: list[Features] = []
    labels: list[int] = []
    for sample in samples(files):
        features.append(glyph_features(sample.ink))
        labels.append(sample.label)
    x = np.stack(features)
    held = np.arange(len(labels)) % HOLD_OUT_EVERY == 0  # as `held_out` picks them
    y = np.array(labels, dtype=np.int64)
    model = fit(x[~held], y[~held])
    model.save(out)
    accuracy = held_out_accuracy(model)
    print(f"{len(files)} fonts, {len(labels)} renders; held-out accuracy {accuracy:.4f}")
    return model, accuracy


def held_out(files: list[Path] | None = None) -> tuple[Features, npt.NDArray[np.int64]]:
    """The renders the model is not trained on (every `HOLD_OUT_EVERY`-th) and their labels."""
    chosen = [(index, sample) for index, sample in enumerate(samples(files or font_files()))
              if index % HOLD_OUT_EVERY == 0]
    return (np.stack([glyph_features(s.ink) for _, s in chosen]),
            np.array([s.label for _, s in chosen], dtype=np.int64))


def held_out_accuracy(model: DigitModel) -> float:
    features, labels = held_out()
    return float(np.mean(np.argmax(model.scores(features), axis=1) == labels))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    train(args.out)


if __name__ == "__main__":
    main()
