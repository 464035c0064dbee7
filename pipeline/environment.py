"""The optional tools a document's result can depend on, as the manifest records them.

A .doc fails without LibreOffice and a scanned PDF without tesseract's Thai data; once
the tool is installed, the same bytes give another result. The manifest keeps this
fingerprint with each entry so that a failed document is retried when it changes,
instead of being skipped as "unchanged" for ever. Only presence is recorded (not tool
versions): looking it up must cost nothing, since it is done once per run.
"""

from __future__ import annotations

import importlib.util

from pipeline.read import doc_convert
from pipeline.read.ocr import data as ocr_data

SOFFICE = "soffice"
THAI_OCR = "thai_ocr"


def tool_environment() -> dict[str, bool]:
    """Which optional tools this process can use: LibreOffice, Thai OCR (tesserocr and
    tesseract's Thai data)."""
    return {
        # looked up through the modules the readers use, so what a test patches there
        # (or an installation changes) is what is recorded
        SOFFICE: doc_convert.soffice_path() is not None,
        THAI_OCR: (importlib.util.find_spec("tesserocr") is not None
                   and ocr_data.tessdata_dir() is not None),
    }
