"""Legacy .doc input through LibreOffice: same rows as the Word file, clear errors without it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import MissingToolError
from pipeline.process import process_file
from pipeline.read import doc_convert
from tests.golden_io import PROVENANCE, golden_tables
from tests.helpers import DOCX, FIXTURES, extracted

DOC_FIXTURES = FIXTURES / "doc"
IGNORED = {"extracted_at", "pipeline_version", "source_path", "source_format", "doc_id",
           "project_id", "sha256", "n_pages", *PROVENANCE}
# Ids that start with the doc id (which differs by file): compared without it.
DOC_PREFIXED = ("finding_id", "root_finding_id")
needs_soffice = pytest.mark.skipif(doc_convert.soffice_path() is None,
                                   reason="LibreOffice (soffice) is not installed")


def _doc_of(name: str, tmp_path: Path) -> Path:
    """The committed .doc fixture, or one made now from the .docx fixture."""
    committed = DOC_FIXTURES / f"{name}.doc"
    if committed.exists():
        return committed
    soffice = doc_convert.soffice_path()
    assert soffice is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "doc", "--outdir", str(tmp_path),
                        str(DOCX / f"{name}.docx")], check=True, capture_output=True,
                       timeout=180)
    return tmp_path / f"{name}.doc"


@pytest.mark.soffice
@needs_soffice
@pytest.mark.parametrize("name", ["yasothon2-fy2563", "secondary-fy2567"])
def test_doc_gives_the_rows_of_its_docx(name: str, tmp_path: Path) -> None:
    doc = process_file(_doc_of(name, tmp_path))
    assert doc.document.source_format == "doc"
    assert doc.errors == []
    docx = extracted(DOCX / f"{name}.docx")
    want = _without_doc_id(golden_tables(docx, ignore=IGNORED), docx.document.doc_id)
    got = _without_doc_id(golden_tables(doc, ignore=IGNORED), doc.document.doc_id)
    for table in want:
        assert got[table] == want[table], table


def _without_doc_id(tables: dict[str, list[dict[str, Any]]], doc_id: str
                    ) -> dict[str, list[dict[str, Any]]]:
    for rows in tables.values():
        for row in rows:
            for key in DOC_PREFIXED:
                if isinstance(row.get(key), str):
                    row[key] = row[key].replace(doc_id, "<doc>")
    return tables


def test_doc_without_libreoffice_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old-plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(MissingToolError) as info:
        doc_convert.read_doc(path)
    assert str(path) in str(info.value)
    assert "apt-get install libreoffice-writer-nogui" in str(info.value)
    data = process_file(path)  # in a batch: an errors row, not a crash
    assert data.document.status == "failed"
    assert data.errors[0].error_type == "MissingToolError"


@pytest.mark.soffice
@needs_soffice
def test_damaged_doc_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"garbage" * 100)
    data = process_file(path)
    assert data.document.status == "failed"
    assert str(path) in data.errors[0].message
