"""`pipeline review DOC --out DIR`: one self-contained HTML page per document for the people
who check an extraction: the pages, each table outlined, cells coloured by the role they
got, unmapped and unused cells marked, and each finding pinned where its evidence is.

Library first: `review_document(path, out_dir, vocabulary)` is what the CLI calls. It imports the
extraction when called, so registering the `review` command (pipeline.review.cli) does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import PipelineError

if TYPE_CHECKING:
    from pipeline.model import Document
    from pipeline.normalize.vocabulary.office import OfficeVocabulary
    from pipeline.read.engines import PdfEngine
    from pipeline.records import PlanData
    from pipeline.review.images import PageImage
    from pipeline.review.layout import FindingMark, TableMark

__all__ = ["Review", "review_document"]


@dataclass
class Review:
    """What a review page shows, and where it was written."""

    path: Path
    document: Document
    data: PlanData
    tables: list[TableMark]
    findings: list[FindingMark]
    pages: list[PageImage]


def review_document(source: Path, out_dir: Path,
                    vocabulary: OfficeVocabulary | None = None, *,
                    pdf_engine: PdfEngine | None = None) -> Review:
    """Extract `source` (with an office's own header words, as `extract` would, and the
    PDF engine asked for) and write `out_dir/<stem>.review.html`; PipelineError when the
    document cannot be read or is not a plan (the message names the file)."""
    from pipeline.extract.plan import extract_plan
    from pipeline.extract.rows import plan_rows
    from pipeline.normalize.vocabulary.office import BUILT_IN
    from pipeline.process import document_row, file_sha256
    from pipeline.read import detect_format, read_document
    from pipeline.review.images import docx_page_images, pdf_page_images
    from pipeline.review.layout import finding_marks, table_marks
    from pipeline.review.page import review_html

    fmt = detect_format(source)
    document = read_document(source, pdf_engine=pdf_engine)
    plan = extract_plan(document, BUILT_IN if vocabulary is None else vocabulary)
    row = document_row(source, file_sha256(source), fmt)
    row.organization, row.fiscal_year, row.title = (plan.meta.organization,
                                                    plan.meta.fiscal_year, plan.meta.title)
    data = plan_rows(plan, row)
    tables = table_marks(document)
    findings = finding_marks(data)
    pages = pdf_page_images(source) if fmt == "pdf" else docx_page_images(source)
    html = review_html(plan.meta.title or source.name, pages, tables, findings,
                       positioned=fmt == "pdf")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{source.stem}.review.html"
    path.write_text(html, encoding="utf-8")
    return Review(path, document, data, tables, findings, pages)


def review_error(source: Path, exc: Exception) -> str:
    if isinstance(exc, PipelineError):
        return exc.message
    return f"{source}: review failed: {type(exc).__name__}: {exc}"
