"""Page images for the review page: PDF pages by pypdfium2, a .docx through LibreOffice.

Images are embedded as data URIs so the page is one self-contained file. A .docx is shown
as images only when LibreOffice is installed; without it the page draws its tables as
HTML grids alone (a .docx records no geometry to draw outlines on anyway).
"""

from __future__ import annotations

import base64
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from pipeline.read.doc_convert import run_soffice_sandboxed, soffice_path

# Pixels per PDF point (72 per inch): 1.5 gives 108 dpi, readable Thai at a modest size.
RENDER_SCALE: Final = 1.5
CONVERT_TIMEOUT: Final = 180.0


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based
    width: float  # in PDF points: what the boxes are measured in
    height: float
    data_uri: str


def pdf_page_images(path: Path, scale: float = RENDER_SCALE) -> list[PageImage]:
    """Every page of a PDF as a PNG data URI, with its size in points."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        images = []
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            bitmap = page.render(scale=scale)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            images.append(PageImage(index + 1, float(width), float(height),
                                    "data:image/png;base64,"
                                    + base64.b64encode(buffer.getvalue()).decode("ascii")))
            page.close()
        return images
    finally:
        pdf.close()


def docx_page_images(path: Path) -> list[PageImage]:
    """A .docx's pages as LibreOffice lays them out; [] when LibreOffice is missing or fails
    (the review page then shows the tables as grids only)."""
    soffice = soffice_path()
    if soffice is None:
        return []
    with tempfile.TemporaryDirectory(prefix="plan-review-") as tmp:
        out = Path(tmp)
        try:  # sandboxed like the .doc conversion: a .docx can link remote images too
            returncode, _ = run_soffice_sandboxed(soffice, path, out, convert_to="pdf",
                                                  timeout=CONVERT_TIMEOUT)
        except OSError:
            return []
        converted = out / f"{path.stem}.pdf"
        return pdf_page_images(converted) if returncode == 0 and converted.exists() else []
