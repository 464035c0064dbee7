"""`python -m pipeline extract`: bad files in a batch, exit codes, summary, help, layout."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cli import build_parser, main
from pipeline.records import CONTRACT_VERSION
from tests.helpers import fixture_docx


def _not_a_plan(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("บันทึกข้อความ เรื่อง ขออนุญาตไปราชการ")
    document.save(str(path))


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(fixture_docx("yasothon2-fy2563"), folder / "sub" / "plan.docx")
    (folder / "empty.docx").write_bytes(b"")
    (folder / "text.docx").write_text("not a word file", encoding="utf-8")
    (folder / "fake.pdf").write_bytes(b"PK\x03\x04 zip named pdf")
    (folder / "readme.txt").write_text("ignored", encoding="utf-8")
    _not_a_plan(folder / "memo.docx")
    return folder


def test_one_bad_file_never_stops_the_batch(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["extract", str(batch), "--out", str(out), "--workers", "1"])
    assert code == 0
    captured = capsys.readouterr()
    assert "documents: 5 (5 converted, 0 unchanged; 1 ok, 0 partial, 4 failed)" in captured.out
    assert "projects: 11  budget lines: 45" in captured.out
    assert "readme.txt: skipped (not a .docx, .pdf or .doc file)" in captured.err
    assert "Traceback" not in captured.err + captured.out
    errors = pd.read_parquet(out / "errors")
    by_file = {Path(p).name: m for p, m in zip(errors.source_path, errors.message, strict=True)}
    assert set(by_file) == {"empty.docx", "text.docx", "fake.pdf", "memo.docx"}
    assert "empty file (0 bytes)" in by_file["empty.docx"]
    assert "not a Word .docx file" in by_file["text.docx"]
    assert "file name says PDF but its content is Word .docx" in by_file["fake.pdf"]
    assert "does not look like an action plan" in by_file["memo.docx"]
    assert all(str(batch) in m for m in by_file.values())  # each message names its file
    documents = pd.read_parquet(out / "documents")
    assert sorted(documents.status) == ["failed"] * 4 + ["ok"]
    failed_years = set(documents[documents.status == "failed"].fiscal_year.astype(int))
    assert failed_years == {0}


def test_exit_code_is_1_only_when_every_document_failed(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.docx").write_bytes(b"")
    assert main(["extract", str(bad), "--out", str(tmp_path / "o1"), "--quiet"]) == 1


def test_strict_fails_on_any_failed_document(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(batch), "--out", str(out), "--quiet", "--strict"]) == 1


def test_layout_schema_and_readers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = fixture_docx("yasothon2-fy2563")
    assert main(["extract", str(plan), "--out", str(out), "--quiet"]) == 0
    doc_id = pd.read_parquet(out / "documents").doc_id[0]
    for table in ("documents", "summary", "projects", "budget_lines", "schedule",
                  "indicators", "findings", "errors"):
        path = out / table / "fiscal_year=2563" / f"{doc_id}.parquet"
        assert path.exists(), path
        schema = pq.read_schema(path)
        assert "fiscal_year" not in schema.names  # the partition key lives in the path
        assert schema.metadata[b"contract_version"] == CONTRACT_VERSION.encode()
        assert schema.metadata[b"table"] == table.encode()
    projects = pq.read_table(out / "projects" / "fiscal_year=2563" / f"{doc_id}.parquet")
    assert projects.schema.field("budget_table_total").type == pa.decimal128(18, 2)
    assert projects.schema.field("start_date").type == pa.date32()
    assert projects.schema.field("responsible_persons").type == pa.list_(pa.string())
    total = duckdb.sql(
        f"select fiscal_year, sum(budget_esa) from read_parquet('{out}/summary/*/*.parquet',"
        " hive_partitioning=true) group by 1").fetchall()
    assert [(int(y), int(s)) for y, s in total] == [(2563, 763800)]
    assert not list(out.rglob(".*.tmp"))


def test_unchanged_rerun_touches_no_dataset_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = fixture_docx("yasothon2-fy2563")
    main(["extract", str(plan), "--out", str(out), "--quiet"])
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    main(["extract", str(plan), "--out", str(out), "--quiet"])
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    assert before == after


def test_every_option_has_help_text() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in subparsers.choices.items():
        for action in command._actions:
            if action.dest == "help":
                continue
            assert action.help and len(action.help) > 10, f"{name} {action.dest} lacks help"
    extract_help = subparsers.choices["extract"].format_help()
    for option in ("--out", "--workers", "--executor", "--scheduler", "--timeout", "--force",
                   "--prune", "--strict", "--quiet"):
        assert option in extract_help


def test_no_input_files_is_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert main(["extract", str(empty), "--out", str(tmp_path / "o")]) == 0
    assert "no .docx, .pdf or .doc files found" in capsys.readouterr().out


def test_missing_input_path_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no_such_folder"
    plan = fixture_docx("yasothon2-fy2563")
    out = tmp_path / "o"
    assert main(["extract", str(plan), str(missing), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"error: {missing}: no such file or folder"]
    assert not out.exists()  # nothing was converted: the typo is fixed first


def test_quiet_still_names_every_failed_file(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(batch), "--out", str(tmp_path / "o"), "--quiet",
                 "--workers", "1"]) == 0
    failed = [line for line in capsys.readouterr().err.splitlines()
              if line.startswith("failed: ")]
    assert sorted(Path(line.split(": ")[1]).name for line in failed) == [
        "empty.docx", "fake.pdf", "memo.docx", "text.docx"]


def test_rerun_summary_counts_what_the_folder_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    plan = fixture_docx("yasothon2-fy2563")
    main(["extract", str(plan), "--out", str(out), "--quiet"])
    capsys.readouterr()
    main(["extract", str(plan), "--out", str(out), "--quiet"])
    lines = capsys.readouterr().out.splitlines()
    findings = len(pd.read_parquet(out / "findings"))
    assert findings > 0
    assert lines[0] == "documents: 1 (0 converted, 1 unchanged; 1 ok, 0 partial, 0 failed)"
    assert lines[1] == ("this run: projects: 0  budget lines: 0  schedule rows: 0"
                        "  findings: 0  errors: 0")
    assert lines[2] == (f"{out}/ holds: documents: 1  projects: 11  budget lines: 45"
                        f"  findings: {findings}  errors: 0")


def test_dask_logging_stays_out_of_the_output(tmp_path: Path) -> None:
    # A real process: in pytest the root logger already has handlers, so main()'s
    # logging set-up (which let Dask's INFO lines through) would not be exercised.
    plan = fixture_docx("yasothon2-fy2563")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(plan), "--out", str(tmp_path / "o"),
         "--quiet", "--executor", "dask", "--workers", "1"],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        "documents: 1 (1 converted, 0 unchanged; 1 ok, 0 partial, 0 failed)")


def _two_plans(folder: Path) -> list[Path]:
    folder.mkdir()
    plans = []
    for i in range(2):
        document = docx.Document(str(fixture_docx("yasothon2-fy2563")))
        document.add_paragraph(f"หมายเหตุ ฉบับที่ {i}")
        document.save(str(folder / f"plan-{i}.docx"))
        plans.append(folder / f"plan-{i}.docx")
    return plans


def _assert_nothing_partial(out: Path) -> None:
    from pipeline.load.parquet import dataset_files
    from pipeline.manifest import JOURNAL_NAME, Manifest

    assert not (out / JOURNAL_NAME).exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    owned = {f for e in Manifest.load(out).entries.values() for f in e.files}
    assert dataset_files(out) == owned


def test_an_output_path_that_is_a_file_is_one_line_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = _two_plans(tmp_path / "in")
    out = tmp_path / "out"
    out.write_text("a report, not a folder", encoding="utf-8")
    code = main(["extract", str(plans[0]), "--out", str(out), "--workers", "1", "--quiet"])
    assert code == 2
    captured = capsys.readouterr()
    assert captured.err == (f"error: {out}: cannot write the output: a file is in the way"
                            " (the output must be a folder)\n")
    assert captured.out == ""
    assert out.read_text(encoding="utf-8") == "a report, not a folder"


def test_a_read_only_output_folder_is_one_line_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Root writes anywhere, so the kernel's refusal is injected where files are created."""
    import errno
    import os

    plans = _two_plans(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    real_open, real_mkdir = os.open, os.mkdir

    def refuse(real):  # type: ignore[no-untyped-def]
        def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(path).startswith(str(out) + os.sep):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "open", refuse(real_open))
    monkeypatch.setattr(os, "mkdir", refuse(real_mkdir))
    code = main(["extract", str(plans[0]), "--out", str(out), "--workers", "1", "--quiet"])
    monkeypatch.undo()
    out.chmod(0o755)
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: cannot write the output: permission denied"
                          f" (read-only folder?) (at {out}{os.sep}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_a_full_disk_is_one_line_exit_2_and_leaves_nothing_partial(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The second document's writer fails half way: the first stays recorded and whole."""
    import errno

    import pipeline.load.parquet as parquet

    plans = _two_plans(tmp_path / "in")
    out = tmp_path / "out"
    real_write = parquet.pq.write_table
    written: list[Path] = []

    def write_until_full(table: pa.Table, where: Path) -> None:
        if len(written) == len(parquet.TABLES) + 3:  # the 4th file of the 2nd document
            Path(where).write_bytes(b"PAR1 half")
            raise OSError(errno.ENOSPC, "No space left on device", str(where))
        written.append(Path(where))
        real_write(table, where)

    monkeypatch.setattr(parquet.pq, "write_table", write_until_full)
    code = main(["extract", *map(str, plans), "--out", str(out), "--workers", "1",
                 "--quiet"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: cannot write the output: no space left on the"
                          " device (disk full); re-run when there is room (at ")
    assert err.count("\n") == 1 and "Traceback" not in err
    _assert_nothing_partial(out)
    documents = pd.read_parquet(out / "documents")
    assert list(documents.source_path) == [str(plans[0])]
