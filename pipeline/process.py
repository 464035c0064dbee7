"""One document end to end: read, extract, build rows. Never raises for bad input.

Every failure becomes an `errors` row and a `documents` row with status "failed", so a
batch can always go on and the output says what happened to every input file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path

from pipeline import __version__
from pipeline.audit.issues import FindingKind, Issue, severity
from pipeline.audit.roots import link_findings
from pipeline.errors import PipelineError
from pipeline.extract.ocr_names import (
    flag_doubtful_items,
    reconcile_printed_twice,
    restore_names_and_units,
)
from pipeline.extract.plan import PlanExtract, extract_plan
from pipeline.extract.rows import plan_rows
from pipeline.limits import DEFAULT_LIMITS, Limits, describe
from pipeline.model import Document
from pipeline.normalize.numbers import parse_amount
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.read import detect_format, read_document
from pipeline.read.engines import PdfEngine
from pipeline.records import CONTRACT_VERSION, DocumentRow, ErrorRow, FindingRow, PlanData
from pipeline.safe_text import is_printable, legacy_name, printable

log = logging.getLogger(__name__)
DOC_ID_LENGTH = 16
# Every empty file has this content hash: its doc_id is its path's hash instead, so that
# each empty file keeps its own documents and errors rows.
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
UNDECODABLE_NAME = "UndecodableName"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def doc_id_for(sha256: str) -> str:
    return sha256[:DOC_ID_LENGTH]


def document_row(path: Path, sha256: str | None, fmt: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id_for(sha256) if sha256 and sha256 != EMPTY_SHA256 else _path_id(path),
        source_path=str(path),
        source_format=fmt,
        sha256=sha256 or "",
        organization=None,
        fiscal_year=None,
        title=None,
        n_pages=None,
        status="failed",
        contract_version=CONTRACT_VERSION,
        pipeline_version=__version__,
        extracted_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )


def _path_id(path: Path) -> str:
    """An id for a file whose bytes cannot be read: the hash of its path."""
    return hashlib.sha256(str(path).encode("utf-8", "surrogateescape")
                          ).hexdigest()[:DOC_ID_LENGTH]


def process_file(path: Path, *, sha256: str | None = None, timeout: float = 120.0,
                 vocabulary: OfficeVocabulary = BUILT_IN,
                 limits: Limits = DEFAULT_LIMITS,
                 pdf_engine: PdfEngine | None = None) -> PlanData:
    """Read and extract one plan (with an office's own header words, if given, and the
    PDF engine asked for) within the per-document `limits`; failures are returned as rows,
    not raised."""
    fmt = path.suffix.lower().lstrip(".") or "unknown"
    try:
        sha256 = sha256 or file_sha256(path)
    except OSError as exc:
        row = document_row(path, None, fmt)
        return _failed(row, "read", type(exc).__name__, f"{path}: cannot read file ({exc})")
    row = document_row(path, sha256, fmt)
    data = _process(path, row, timeout, vocabulary, limits, pdf_engine)
    data.errors.extend(name_warnings(path, row.doc_id))
    return data


def name_warnings(path: Path, doc_id: str) -> list[ErrorRow]:
    """A file name that is not UTF-8 (TIS-620 from a Thai Windows share) is read all the
    same; the row says how it is shown (bytes as \\xNN) and, when it is TIS-620, what
    it says, so the file can be found and renamed."""
    if is_printable(str(path)):
        return []
    legacy = legacy_name(path)
    reading = f"; read as TIS-620 it is {legacy}" if legacy else ""
    return [ErrorRow(source_path=str(path), doc_id=doc_id, stage="read",
                     error_type=UNDECODABLE_NAME,
                     message=f"{printable(str(path))}: the file name is not UTF-8 (its bytes"
                             f" are shown as \\xNN){reading}")]


def _process(path: Path, row: DocumentRow, timeout: float, vocabulary: OfficeVocabulary,
             limits: Limits, pdf_engine: PdfEngine | None) -> PlanData:
    stage = "read"
    try:
        row.source_format = detect_format(path)
        document = read_document(path, timeout=timeout, limits=limits, pdf_engine=pdf_engine)
        row.n_pages = document.n_pages
        stage = "extract"
        plan = extract_plan(document, vocabulary)
        if read_by_ocr(document):
            plan.issues.extend(restore_names_and_units(plan))
            plan.issues.extend(reconcile_printed_twice(plan))
            flag_doubtful_items(plan)
    except PipelineError as exc:
        return _failed(row, exc.stage, type(exc).__name__, exc.message)
    except MemoryError:  # the worker's memory ceiling (RLIMIT_AS) was reached: this file only
        ceiling = describe(limits.worker_memory_bytes, "_bytes")
        return _failed(row, stage, "LimitExceededError",
                       f"{path}: refused: {stage} ran out of memory under the limit"
                       f" worker_memory_bytes = {ceiling}; if the file is genuine, raise it"
                       " with --limit worker_memory_bytes=VALUE")
    except Exception as exc:  # a bug or a hostile file: report it, keep the batch going
        log.debug("unexpected error on %s", path, exc_info=True)
        return _failed(row, stage, type(exc).__name__, f"{path}: {stage} failed: {exc}")
    row.organization = plan.meta.organization
    row.fiscal_year = plan.meta.fiscal_year
    row.title = plan.meta.title
    row.money_coverage = plan.coverage.share
    row.status = plan_status(plan)
    data = plan_rows(plan, row)
    data.findings.extend(ocr_findings(row.doc_id, document))
    link_findings(row.doc_id, data.findings)
    data.errors.extend(
        ErrorRow(source_path=str(path), doc_id=row.doc_id, stage="read",
                 error_type="ReaderWarning", message=f"{path}: {warning}")
        for warning in document.warnings
    )
    return data


def plan_status(plan: PlanExtract) -> str:
    """ "ok" only for a plan read whole: projects and summary found, every money cell in a
    dataset and no money column left unexplained; else "partial"."""
    complete = plan.coverage.share in (None, 1.0)
    unexplained = any(i.kind is FindingKind.UNMAPPED_COLUMN for i in plan.all_issues)
    return "ok" if plan.projects and plan.summaries and complete and not unexplained \
        else "partial"


def read_by_ocr(document: Document) -> bool:
    """Whether any page of the document was read by OCR (the PDF reader says so)."""
    return any(w.endswith("read by OCR") for w in document.warnings)


def ocr_findings(doc_id: str, document: Document) -> list[FindingRow]:
    """One `ocr_uncertain` finding per value OCR read two ways: `expected` is the reading
    kept, `actual` the other one (as amounts, when they are)."""
    out: list[FindingRow] = []
    for reading in document.uncertain:
        other = reading.ocr if reading.kept == reading.classified else reading.classified
        issue = Issue(
            kind=FindingKind.OCR_UNCERTAIN,
            message=(f"page {reading.page}: a number read {reading.ocr!r} by tesseract and"
                     f" {reading.classified!r} by the digit classifier; {reading.kept!r}"
                     " kept" + (f": {reading.reason}" if reading.reason else "")),
            expected=parse_amount(reading.kept), actual=parse_amount(other),
            source_page=reading.page)
        out.append(FindingRow(doc_id=doc_id, project_id=None, kind=issue.kind.value,
                              message=issue.message, expected=issue.expected,
                              actual=issue.actual, source_page=issue.source_page,
                              severity=severity(issue).value))
    for word in document.repaired:
        issue = Issue(kind=FindingKind.OCR_UNCERTAIN,
                      message=(f"page {word.page}: read {word.read!r} by OCR, put"
                               f" {word.put!r}: an OCR slip or lost marks from a word of"
                               " the plan form's vocabulary"),
                      source_page=word.page)
        out.append(FindingRow(doc_id=doc_id, project_id=None, kind=issue.kind.value,
                              message=issue.message, expected=None, actual=None,
                              source_page=issue.source_page,
                              severity=severity(issue).value))
    return out


def _failed(row: DocumentRow, stage: str, error_type: str, message: str) -> PlanData:
    row.status = "failed"
    error = ErrorRow(source_path=row.source_path, doc_id=row.doc_id or None, stage=stage,
                     error_type=error_type, message=message)
    return PlanData(document=row, errors=[error])
