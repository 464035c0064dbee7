"""The manifest: merged with what is on disk, old and newer manifests load, the tools a
failed document failed under, and paths that are not UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.manifest import JOURNAL_NAME, MANIFEST_NAME, Manifest, ManifestEntry

WITH_TOOLS = {"soffice": True, "thai_ocr": True}
WITHOUT_SOFFICE = {"soffice": False, "thai_ocr": True}


def _entry(path: str, status: str = "ok", environment: dict[str, bool] | None = None
           ) -> ManifestEntry:
    return ManifestEntry(source_path=path, sha256="ab" * 32, doc_id="ab" * 8,
                         pipeline_version="0.1.0", status=status, files=[],
                         environment=environment)


def test_two_runs_compacting_one_folder_keep_both_documents(tmp_path: Path) -> None:
    """Run 2 loaded the manifest before run 1 recorded a.docx: its compact must not drop it."""
    first, second = Manifest.load(tmp_path), Manifest.load(tmp_path)
    first.record(_entry("in/a.docx"))
    first.compact()
    second.record(_entry("in/b.docx"))
    second.compact()
    assert sorted(Manifest.load(tmp_path).entries) == ["in/a.docx", "in/b.docx"]
    assert not (tmp_path / JOURNAL_NAME).exists()


def test_a_runs_own_records_and_removals_win_over_the_disk(tmp_path: Path) -> None:
    old = Manifest.load(tmp_path)
    old.record(_entry("in/a.docx"))
    old.record(_entry("in/gone.docx"))
    old.compact()
    run = Manifest.load(tmp_path)
    other = Manifest.load(tmp_path)
    other.record(_entry("in/a.docx", status="partial"))  # another run, journal only
    run.record(_entry("in/a.docx", status="failed"))
    run.forget("in/gone.docx")
    run.compact()
    entries = Manifest.load(tmp_path).entries
    assert sorted(entries) == ["in/a.docx"]
    assert entries["in/a.docx"].status == "failed"


def test_a_manifest_written_before_environment_and_duplicates_loads(tmp_path: Path) -> None:
    old: dict[str, object] = {
        "source_path": "in/a.docx", "sha256": "cd" * 32, "doc_id": "cd" * 8,
        "pipeline_version": "0.1.0", "status": "failed", "files": [], "n_pages": None}
    newer = {**old, "source_path": "in/b.docx", "status": "ok", "added_later": [1, 2]}
    (tmp_path / MANIFEST_NAME).write_text(json.dumps({"documents": [old, newer]}),
                                          encoding="utf-8")
    entries = Manifest.load(tmp_path).entries
    assert entries["in/a.docx"] == ManifestEntry("in/a.docx", "cd" * 32, "cd" * 8, "0.1.0",
                                                 "failed", [], None)
    assert entries["in/a.docx"].environment is None
    assert entries["in/a.docx"].duplicate_of is None
    assert entries["in/b.docx"].status == "ok"  # a key this version does not know: ignored


def test_a_failed_document_is_not_current_once_its_tools_change(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, {
        "failed.doc": _entry("failed.doc", "failed", WITHOUT_SOFFICE),
        "ok.docx": _entry("ok.docx", "ok", WITHOUT_SOFFICE),
        "old-failed.doc": _entry("old-failed.doc", "failed", None),
    })
    sha = "ab" * 32
    assert manifest.is_current("failed.doc", sha, "0.1.0", WITHOUT_SOFFICE)
    assert not manifest.is_current("failed.doc", sha, "0.1.0", WITH_TOOLS)
    assert manifest.is_current("ok.docx", sha, "0.1.0", WITH_TOOLS)  # only failures retry
    assert not manifest.is_current("old-failed.doc", sha, "0.1.0", WITH_TOOLS)
    assert not manifest.is_current("failed.doc", sha, "0.2.0", WITHOUT_SOFFICE)


def test_a_path_that_is_not_utf8_round_trips_through_journal_and_manifest(
        tmp_path: Path) -> None:
    name = b"/plans/\xbc\xc5.docx".decode("utf-8", "surrogateescape")  # TIS-620 bytes
    manifest = Manifest.load(tmp_path)
    manifest.record(_entry(name))
    assert list(Manifest.load(tmp_path).entries) == [name]  # from the journal
    manifest.compact()
    assert list(Manifest.load(tmp_path).entries) == [name]  # from the manifest
    text = (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8")
    assert '"source_path": "/plans/\\udcbc\\udcc5.docx"' in text
