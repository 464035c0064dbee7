"""Which parser reads a PDF's pages: pdfplumber (pdfminer) or pdfium (pypdfium2).

Kept apart from both readers so the CLI can offer the choice without importing either.
pdfium is the default: it parses pages several times faster and gives the same rows on
every fixture PDF and the same clusters on every page of them and of the LibreOffice PDFs
the tests make (tests/read/test_pdf_engines.py); `--pdf-engine pdfplumber` parses every
page with pdfminer. With pdfium, pdfplumber still opens the document, reads the structure
tree of a tagged PDF and parses every page pdfium cannot give (a turned page, a page pdfium
cannot load, one larger than the limits let pdfium parse: `pdf_reader._parse`).
"""

from __future__ import annotations

import argparse
from typing import Final, Literal, get_args

PdfEngine = Literal["pdfplumber", "pdfium"]
PDF_ENGINES: Final = get_args(PdfEngine)
DEFAULT_PDF_ENGINE: Final[PdfEngine] = "pdfium"


def pdf_engine(name: str | None) -> PdfEngine:
    """The engine `name` asks for (the default for None); ValueError for an unknown one."""
    value = (name or DEFAULT_PDF_ENGINE).strip().lower()
    if value == "pdfplumber":
        return "pdfplumber"
    if value == "pdfium":
        return "pdfium"
    raise ValueError(f"unknown PDF engine {value!r} (expected one of {', '.join(PDF_ENGINES)})")


def add_pdf_engine_option(parser: argparse.ArgumentParser) -> None:
    """`--pdf-engine`, shared by extract, explain and review."""
    parser.add_argument("--pdf-engine", choices=PDF_ENGINES, default=DEFAULT_PDF_ENGINE,
                        help="which parser reads PDF pages: pdfium (default, faster; a page pdfium"
                             " cannot give is read by pdfplumber) or pdfplumber")
