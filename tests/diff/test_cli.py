"""`python -m pipeline diff`: usage forms, outputs, exit codes, one-line errors, help."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import argparse
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import build_parser, main
from tests.diff.builders import project, write_plan

A, B = "a" * 16, "b" * 16


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    write_plan(old, 2563, A, [project(A, 1, "สภากาแฟ คุยกันเช้าวันพุธ", budget_summary=58800),
                              project(A, 2, "บูรณาการเครือข่ายประชาสัมพันธ์")])
    write_plan(new, 2564, B, [project(B, 1, "สภากาแฟ คุยกันเช้าวันพุธ", budget_summary=60000),
                              project(B, 2, "บูรณาการเครือข่ายประชาสัมพันธ์")])
    return old, new


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_two_folders(two_folders: tuple[Path, Path], tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_folders
    code, out, err = run(["diff", str(old), str(new), "--out", str(tmp_path / "r")], capsys)
    assert code == 0, err
    assert "fiscal year 2563 -> 2564" in out
    assert "0 added, 0 removed, 0 renamed, 1 changed, 1 unchanged (1 change rows)" in out
    changes = pd.read_parquet(tmp_path / "r" / "changes.parquet")
    assert list(changes[["field", "old_value", "new_value"]].itertuples(index=False,
                                                                          name=None)) == [
        ("budget_summary", "58800.00", "60000.00")]
    assert (tmp_path / "r" / "report.html").is_file()
    assert (tmp_path / "r" / "matches.parquet").is_file()


def test_fail_on_change(two_folders: tuple[Path, Path], tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_folders
    out_dir = str(tmp_path / "r")
    assert run(["diff", str(old), str(new), "--out", out_dir, "--fail-on-change"],
               capsys)[0] == 1
    assert run(["diff", str(old), str(old), "--out", out_dir, "--fail-on-change"],
               capsys)[0] == 0


def test_one_folder_two_years(both_years: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", str(both_years), "--from-year", "2563", "--to-year", "2564",
                        "--org", "ยโสธร เขต 2", "--out", str(tmp_path / "r"), "--quiet"],
                       capsys)
    assert code == 0
    assert out.startswith("report: ")


@pytest.mark.parametrize(("args", "message"), [
    (["{missing}"], "no such folder"),
    (["{old}", "{missing}"], "no such folder"),
    (["{old}"], "one folder given: say which years to compare with --from-year and --to-year"),
    (["{old}", "{new}", "--from-year", "2560"], "no plan for fiscal year 2560"),
    (["{old}", "--from-year", "2563", "--to-year", "2563"], "are both 2563"),
    (["{old}", "{new}", "--org", "เชียงใหม่"], "no organisation matching"),
    (["{old}", "--mode", "extraction"], "--mode extraction needs two folders"),
])
def test_errors_are_one_line_without_traceback(
    two_folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    args: list[str], message: str,
) -> None:
    old, new = two_folders
    paths = {"old": str(old), "new": str(new), "missing": str(tmp_path / "missing")}
    code, out, err = run(["diff", *(a.format(**paths) for a in args), "--out",
                          str(tmp_path / "r")], capsys)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in out + err


def test_threshold_is_checked_by_the_parser(two_folders: tuple[Path, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_folders
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", str(old), str(new), "--out", str(tmp_path / "r"), "--threshold", "3"])
    assert exit_info.value.code == 2
    assert "--threshold: must be within 0..1, got 3" in capsys.readouterr().err


def test_extraction_mode(fy2563: Path, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", str(fy2563), str(fy2563), "--mode", "extraction",
                        "--out", str(tmp_path / "r"), "--fail-on-change"], capsys)
    assert code == 0
    assert "no differences between the two extractions" in out
    cells = pd.read_parquet(tmp_path / "r" / "cell_changes.parquet")
    assert cells.empty
    assert list(cells.columns[:6]) == ["table", "doc_id", "row_key", "column", "old_value",
                                       "new_value"]


def _diff_parser() -> argparse.ArgumentParser:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub: argparse.ArgumentParser = commands.choices["diff"]
    return sub


def test_every_option_has_help() -> None:
    for action in _diff_parser()._actions:
        assert action.help, f"{action.option_strings or action.dest} has no help text"


def test_help_runs_as_a_module() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "diff", "--help"],
                            capture_output=True, text=True, check=True,
                            env=os.environ | {"PYTHAINLP_OFFLINE": "1"})
    for option in ("--out", "--mode", "--from-year", "--to-year", "--org",
                   "--fail-on-change", "--threshold"):
        assert option in result.stdout


def test_two_organisations_are_refused_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    write_plan(old, 2563, A, [project(A, 1, "สภากาแฟ คุยกันเช้าวันพุธ")])
    write_plan(new, 2564, B, [project(B, 1, "สภากาแฟ คุยกันเช้าวันพุธ")],
               organization="โรงเรียนบ้านหนองแคน")
    report = tmp_path / "r"
    code, out, err = run(["diff", str(old), str(new), "--out", str(report)], capsys)
    assert code == 2
    assert err == ("error: the plans are of two organisations:"
                   " สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต ๒ (2563) and"
                   " โรงเรียนบ้านหนองแคน (2564); choose one with --org, or pass"
                   " --allow-cross-org to compare them anyway\n")
    assert not report.exists()
    code, out, err = run(["diff", str(old), str(new), "--out", str(report),
                          "--allow-cross-org"], capsys)
    assert code == 0, err
    assert out.splitlines()[0] == ("note: comparing two organisations:"
                                   " สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต ๒"
                                   " -> โรงเรียนบ้านหนองแคน")


def test_report_files_are_as_readable_as_the_datasets(
    two_folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_folders
    report = tmp_path / "r"
    assert run(["diff", str(old), str(new), "--out", str(report)], capsys)[0] == 0
    dataset_mode = stat.S_IMODE(next(old.rglob("*.parquet")).stat().st_mode)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in report.iterdir()}
    assert modes == dict.fromkeys(["changes.parquet", "matches.parquet", "report.html"],
                                  dataset_mode)
    assert dataset_mode & stat.S_IRGRP
