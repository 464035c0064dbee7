"""Batch runs: parallel = sequential, incremental skip/replace/prune, killed runs, Dask."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pandas as pd
import pytest

from pipeline.batch import BatchOptions, run_batch
from pipeline.load.parquet import dataset_files
from pipeline.manifest import JOURNAL_NAME, Manifest
from tests.helpers import fixture_docx

TABLES = ("documents", "summary", "projects", "budget_lines", "schedule", "indicators",
          "findings", "errors", "budget_amounts", "summary_amounts")
RUN_DEPENDENT = ["extracted_at"]


def make_corpus(folder: Path, n: int) -> list[Path]:
    """n distinct plans: the sample with a different note appended to each."""
    folder.mkdir(parents=True, exist_ok=True)
    source = fixture_docx("yasothon2-fy2563")
    paths = []
    for i in range(n):
        document = docx.Document(str(source))
        document.add_paragraph(f"หมายเหตุ ฉบับที่ {i}")
        path = folder / f"plan-{i:02d}.docx"
        document.save(str(path))
        paths.append(path)
    return paths


def datasets(out: Path) -> dict[str, pd.DataFrame]:
    frames = {}
    for table in TABLES:
        frame = pd.read_parquet(out / table).drop(columns=RUN_DEPENDENT, errors="ignore")
        frame = frame.astype({"fiscal_year": int})
        frames[table] = frame.sort_values(list(frame.columns[:3])).reset_index(drop=True)
    return frames


def assert_same_datasets(a: Path, b: Path) -> None:
    left, right = datasets(a), datasets(b)
    for table in TABLES:
        pd.testing.assert_frame_equal(left[table], right[table], check_like=True, obj=table)


def assert_consistent(out: Path) -> None:
    """Exactly the manifest's files exist; no temporaries, no journal after a full run."""
    manifest = Manifest.load(out)
    referenced = {f for e in manifest.entries.values() for f in e.files}
    assert dataset_files(out) == referenced
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_corpus(tmp_path_factory.mktemp("corpus"), 6)


def test_two_workers_give_the_rows_of_one(corpus: list[Path], tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    first = run_batch(corpus, one, BatchOptions(workers=1))
    second = run_batch(corpus, two, BatchOptions(workers=2))
    assert first.converted == second.converted == 6
    assert first.counts == second.counts
    assert first.counts["projects"] == 66
    assert_same_datasets(one, two)
    assert_consistent(two)


def test_incremental_skip_replace_prune(corpus: list[Path], tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(corpus[0].parent, inputs)
    out = tmp_path / "out"
    assert run_batch([inputs], out).converted == 6
    # unchanged: everything skipped, no dataset file touched
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = run_batch([inputs], out)
    assert (again.converted, again.skipped_unchanged) == (0, 6)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == stamps
    # changed: that document is replaced, its old files removed
    changed = inputs / "plan-03.docx"
    old_id = Manifest.load(out).entries[str(changed)].doc_id
    document = docx.Document(str(changed))
    document.add_paragraph("แก้ไขครั้งที่ 2")
    document.save(str(changed))
    third = run_batch([inputs], out)
    assert (third.converted, third.skipped_unchanged) == (1, 5)
    new_id = Manifest.load(out).entries[str(changed)].doc_id
    assert new_id != old_id
    assert not list(out.rglob(f"{old_id}.parquet"))
    assert len(list(out.rglob(f"{new_id}.parquet"))) == len(TABLES)
    # a vanished document stays without --prune, goes with it
    (inputs / "plan-05.docx").unlink()
    kept = run_batch([inputs], out)
    assert kept.pruned == 0 and len(pd.read_parquet(out / "documents")) == 6
    pruned = run_batch([inputs], out, BatchOptions(prune=True))
    assert pruned.pruned == 1
    assert len(pd.read_parquet(out / "documents")) == 5
    assert_consistent(out)


def _extract_process(inputs: Path, out: Path, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(inputs), "--out", str(out),
         "--workers", str(workers), "--quiet"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the test can tidy up after it
    )


def _kill_leftovers(process: subprocess.Popen[bytes]) -> None:
    """A SIGKILLed parent leaves its multiprocessing helpers behind: end them."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _wait_for_journal_lines(out: Path, n: int, process: subprocess.Popen[bytes]) -> None:
    journal = out / JOURNAL_NAME
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) >= n:
            return
        time.sleep(0.02)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_corpus(tmp_path_factory.mktemp("big"), 16)


@pytest.fixture(scope="module")
def clean_run(big_corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    run_batch([big_corpus[0].parent], out)
    return out


def test_parent_killed_midway_then_rerun_equals_clean_run(
    big_corpus: list[Path], clean_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process = _extract_process(big_corpus[0].parent, out, workers=2)
    _wait_for_journal_lines(out, 3, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _kill_leftovers(process)
    assert len(Manifest.load(out).entries) < 16  # it really stopped mid-way
    summary = run_batch([big_corpus[0].parent], out, BatchOptions(workers=2))
    assert summary.skipped_unchanged >= 3
    assert_same_datasets(out, clean_run)
    assert_consistent(out)


def test_worker_killed_midway_run_still_completes(
    big_corpus: list[Path], clean_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process = _extract_process(big_corpus[0].parent, out, workers=2)
    _wait_for_journal_lines(out, 2, process)
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True,
                              text=True).stdout.split()
    workers = []
    for child in children:  # forkserver -> its workers are grandchildren
        workers += subprocess.run(["pgrep", "-P", child], capture_output=True,
                                  text=True).stdout.split()
    assert workers, "no worker process found to kill"
    os.kill(int(workers[-1]), signal.SIGKILL)
    assert process.wait(timeout=120) == 0
    _kill_leftovers(process)
    assert_same_datasets(out, clean_run)
    assert_consistent(out)


def test_dask_local_cluster_gives_the_same_rows(corpus: list[Path], tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local, dask_out = tmp_path / "local", tmp_path / "dask"
    run_batch(corpus, local)
    summary = run_batch(corpus, dask_out, BatchOptions(workers=2, executor="dask"))
    assert summary.converted == 6 and summary.failed == 0
    assert_same_datasets(local, dask_out)
    assert_consistent(dask_out)


def test_a_document_over_the_time_limit_is_an_error_row(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.batch

    def endless(path: Path, **kwargs: object) -> None:
        time.sleep(30)

    monkeypatch.setattr(pipeline.batch, "process_file", endless)
    started = time.monotonic()
    summary = run_batch(corpus[:1], tmp_path / "out", BatchOptions(workers=1, timeout=0.5))
    assert time.monotonic() - started < 10
    assert (summary.converted, summary.failed) == (1, 1)
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert list(errors.stage) == ["timeout"]
    assert "gave up after" in errors.message[0] and "plan-00.docx" in errors.message[0]


def test_the_time_limit_inside_extraction_names_the_file(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The alarm fires inside process_file (here: a 100,000-row table's extraction); its
    handlers must not swallow it as an anonymous "time limit reached" error."""
    import pipeline.process

    def slow_extraction(document: object, *vocabulary: object) -> None:
        time.sleep(30)

    monkeypatch.setattr(pipeline.process, "extract_plan", slow_extraction)
    summary = run_batch(corpus[:1], tmp_path / "out", BatchOptions(workers=1, timeout=0.5))
    assert (summary.converted, summary.failed) == (1, 1)
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert errors[["stage", "error_type", "message"]].to_dict("records") == [{
        "stage": "timeout", "error_type": "DocumentTimeoutError",
        "message": f"{corpus[0]}: gave up after 0.5 s (per-document time limit)"}]


def test_the_time_limit_is_not_swallowed_by_except_exception(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The alarm fires inside docx.Document, which the reader wraps in `except Exception`
    (damaged packages become a ReadError): the document must still end as the timeout row,
    not as "cannot open .docx (DocumentTimeoutError...)"."""
    def slow_open(path: str) -> None:
        time.sleep(30)

    monkeypatch.setattr(docx, "Document", slow_open)
    summary = run_batch(corpus[:1], tmp_path / "out", BatchOptions(workers=1, timeout=0.5))
    assert (summary.converted, summary.failed) == (1, 1)
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert errors[["stage", "error_type", "message"]].to_dict("records") == [{
        "stage": "timeout", "error_type": "DocumentTimeoutError",
        "message": f"{corpus[0]}: gave up after 0.5 s (per-document time limit)"}]


def test_a_timeout_is_no_exception() -> None:
    from pipeline.errors import DocumentTimeoutError

    assert not issubclass(DocumentTimeoutError, Exception)


def test_links_and_folders_named_like_plans_are_named_not_lost(tmp_path: Path) -> None:
    """A national share holds dangling links, link loops and folders called plan.docx."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(fixture_docx("yasothon2-fy2563"), plans / "good.docx")
    (plans / "gone.docx").symlink_to(tmp_path / "deleted.docx")
    (plans / "loop.pdf").symlink_to(plans / "loop.pdf")
    (plans / "folder.docx").mkdir()
    summary = run_batch([plans], tmp_path / "out", BatchOptions(workers=1))
    assert summary.ok + summary.partial == 1
    assert summary.ignored_files == [
        f"{plans / 'folder.docx'}: skipped (a folder named like a document)",
        f"{plans / 'gone.docx'}: skipped (a link to {tmp_path / 'deleted.docx'},"
        " which does not exist)",
        f"{plans / 'loop.pdf'}: skipped (a symbolic link loop)",
    ]


def test_a_file_that_cannot_be_read_is_an_error_row_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads every file, so the permission error is injected where the file is hashed."""
    import pipeline.batch as batch

    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(fixture_docx("yasothon2-fy2563"), plans / "good.docx")
    (plans / "locked.docx").write_bytes(b"secret")
    real_hash = batch.file_sha256

    def hash_or_refuse(path: Path) -> str:
        if path.name == "locked.docx":
            raise PermissionError(13, "Permission denied", str(path))
        return real_hash(path)

    monkeypatch.setattr(batch, "file_sha256", hash_or_refuse)
    out = tmp_path / "out"
    summary = run_batch([plans], out, BatchOptions(workers=1))
    assert (summary.ok + summary.partial, summary.failed) == (1, 1)
    errors = pd.read_parquet(out / "errors")
    assert errors[["stage", "error_type", "message"]].to_dict("records") == [{
        "stage": "read", "error_type": "UnreadableFile",
        "message": f"{plans / 'locked.docx'}: cannot read the file (Permission denied)"}]
    assert set(Manifest.load(out).entries) == {str(plans / "good.docx"),
                                               str(plans / "locked.docx")}


def test_identical_files_are_converted_once_and_every_path_is_named(tmp_path: Path) -> None:
    """A copy of a plan in another folder, and two empty files (which share a hash too)."""
    plans = tmp_path / "plans"
    (plans / "sub").mkdir(parents=True)
    plan = plans / "a.docx"
    shutil.copy(fixture_docx("yasothon2-fy2563"), plan)
    copy = plans / "sub" / "copy.docx"
    shutil.copy(plan, copy)
    (plans / "e1.docx").write_bytes(b"")
    (plans / "e2.docx").write_bytes(b"")
    out = tmp_path / "out"
    summary = run_batch([plans], out, BatchOptions(workers=1))
    assert (summary.documents, summary.converted, summary.duplicates) == (4, 3, 1)
    assert summary.counts["projects"] == 11  # the plan's rows once, not twice
    documents = pd.read_parquet(out / "documents")
    assert sorted(documents.source_path) == [str(plan), str(plans / "e1.docx"),
                                             str(plans / "e2.docx")]
    assert documents.doc_id.is_unique
    doc_id = Manifest.load(out).entries[str(plan)].doc_id
    errors = pd.read_parquet(out / "errors").sort_values("source_path")
    assert errors[["source_path", "doc_id", "stage", "error_type", "message"]].to_dict(
        "records") == [
        {"source_path": str(plans / "e1.docx"), "doc_id": documents.doc_id[
            documents.source_path == str(plans / "e1.docx")].item(), "stage": "read",
         "error_type": "ReadError", "message": f"{plans / 'e1.docx'}: empty file (0 bytes)"},
        {"source_path": str(plans / "e2.docx"), "doc_id": documents.doc_id[
            documents.source_path == str(plans / "e2.docx")].item(), "stage": "read",
         "error_type": "ReadError", "message": f"{plans / 'e2.docx'}: empty file (0 bytes)"},
        {"source_path": str(copy), "doc_id": doc_id, "stage": "collect",
         "error_type": "DuplicateFile",
         "message": f"{copy}: the same content as {plan} (identical SHA-256); converted once,"
                    f" its rows are those of doc_id {doc_id}"},
    ]
    entries = Manifest.load(out).entries
    assert entries[str(copy)].duplicate_of == str(plan)
    assert entries[str(copy)].files == entries[str(plan)].files
    again = run_batch([plans], out, BatchOptions(workers=1))
    assert (again.converted, again.skipped_unchanged) == (0, 3)
    copy.unlink()
    pruned = run_batch([plans], out, BatchOptions(workers=1, prune=True))
    assert (pruned.converted, pruned.pruned) == (0, 1)
    assert len(pd.read_parquet(out / "projects")) == 11  # the files stay: a.docx owns them
    assert_consistent(out)


def test_a_file_name_in_tis620_bytes_is_read_and_shown_safely(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """b'\\xbc\\xc5.docx' is ผล.docx written by Thai Windows: not UTF-8, so Python holds it
    with lone surrogates, which no UTF-8 writer (Parquet, JSON, the console) accepts."""
    from pipeline.cli import main

    plans = tmp_path / "plans"
    plans.mkdir()
    good = plans / "good.docx"
    shutil.copy(fixture_docx("yasothon2-fy2563"), good)
    raw = os.path.join(os.fsencode(plans), b"\xbc\xc5.docx")
    shutil.copy(fixture_docx("school-fy2566"), raw)
    odd = Path(os.fsdecode(raw))
    shown = f"{plans}/\\xbc\\xc5.docx"
    out = tmp_path / "out"
    assert main(["extract", str(plans), "--out", str(out), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert f"[2/2] ok      {shown} (" in captured.err
    assert (f"  error: {shown}: the file name is not UTF-8 (its bytes are shown as \\xNN);"
            " read as TIS-620 it is ผล.docx") in captured.err.splitlines()
    documents = pd.read_parquet(out / "documents")
    assert sorted(documents.source_path) == [shown, str(good)]
    projects = pd.read_parquet(out / "projects")
    good_id = documents.doc_id[documents.source_path == str(good)].item()
    assert (projects.doc_id == good_id).sum() == 11  # the good plan's rows are complete
    errors = pd.read_parquet(out / "errors")
    assert errors[["source_path", "stage", "error_type", "message"]].to_dict("records") == [{
        "source_path": shown, "stage": "read", "error_type": "UndecodableName",
        "message": f"{shown}: the file name is not UTF-8 (its bytes are shown as \\xNN);"
                   " read as TIS-620 it is ผล.docx"}]
    assert sorted(Manifest.load(out).entries) == sorted([str(good), str(odd)])
    again = run_batch([plans], out, BatchOptions(workers=1))
    assert (again.converted, again.skipped_unchanged) == (0, 2)


def test_links_in_a_folder_are_reported_on_the_console(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A link to a folder is not walked (a loop would never end): it is named, as are
    dangling links and link loops whatever their names."""
    from pipeline.cli import main

    plans = tmp_path / "plans"
    (plans / "real").mkdir(parents=True)
    shutil.copy(fixture_docx("yasothon2-fy2563"), plans / "real" / "plan.docx")
    (plans / "elsewhere").symlink_to(plans / "real")
    (plans / "up").symlink_to(plans)
    (plans / "notes").symlink_to(tmp_path / "deleted")
    out = tmp_path / "out"
    assert main(["extract", str(plans), "--out", str(out), "--quiet"]) == 0
    folder_link = ("skipped (a link to a folder, not followed (give the folder itself to"
                   " convert what it holds))")
    assert capsys.readouterr().err.splitlines() == [
        f"{plans / 'elsewhere'}: {folder_link}",
        f"{plans / 'notes'}: skipped (a link to {tmp_path / 'deleted'}, which does not exist)",
        f"{plans / 'up'}: {folder_link}",
    ]
    assert list(Manifest.load(out).entries) == [str(plans / "real" / "plan.docx")]


def test_a_failed_document_is_retried_when_libreoffice_appears_or_on_demand(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import pipeline.read.doc_convert as doc_convert
    from pipeline.environment import tool_environment

    if doc_convert.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "doc" / "secondary-fy2567.doc",
                plans / "plan.doc")
    (plans / "broken.docx").write_bytes(b"PK\x03\x04 not really a package")
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        patch.setattr(doc_convert, "soffice_path", lambda: None)
        first = run_batch([plans], out, BatchOptions(workers=1))
    assert (first.converted, first.failed) == (2, 2)
    entry = Manifest.load(out).entries[str(plans / "plan.doc")]
    assert (entry.status, entry.environment) == ("failed",
                                                 {**tool_environment(), "soffice": False})
    # every failure is retried once the tools change: which tool it lacked is not known
    installed = run_batch([plans], out, BatchOptions(workers=1))
    assert (installed.converted, installed.failed) == (2, 1)
    assert Manifest.load(out).entries[str(plans / "plan.doc")].status == "ok"
    assert len(pd.read_parquet(out / "projects")) == 3  # as its .docx (tests/golden)
    unchanged = run_batch([plans], out, BatchOptions(workers=1))
    assert (unchanged.converted, unchanged.skipped_unchanged) == (0, 2)
    from pipeline.cli import main

    capsys.readouterr()
    # exit code 1: every document this run converted failed
    assert main(["extract", str(plans), "--out", str(out), "--quiet", "--retry-failed"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "documents: 2 (1 converted, 1 unchanged; 1 ok, 0 partial, 1 failed)")
    assert_consistent(out)
