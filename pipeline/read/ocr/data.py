"""Where tesseract's Thai model is: a lookup that imports nothing heavy, so the batch can
record whether OCR is available (`pipeline.environment`) without loading the engine."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

LANGUAGE: Final = "tha"
# Doubtful tokens are read again with this model when its data is installed (Debian's
# tesseract-ocr-eng comes with tesseract-ocr): see `latin`.
LATIN_LANGUAGE: Final = "eng"
TESSDATA_DIRS: Final = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)


def tessdata_dir() -> str | None:
    """Where tesseract's Thai model is: $TESSDATA_PREFIX, else Debian's place."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS]
    for folder in candidates:
        if folder and (Path(folder) / f"{LANGUAGE}.traineddata").is_file():
            return folder
    return None
