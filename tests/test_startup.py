"""Start-up imports only what a command uses (issue 12 item 3).

Structural, never timed: each case runs in a fresh interpreter and reports which modules it
imported. `--help` builds every subcommand's parser, so it must load none of the libraries
behind them; a DOCX extraction loads no scipy, no PDF reader and no diff; the diff and
notebook helpers load only when asked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import fixture_docx

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("scipy", "pandas", "pyarrow", "pdfplumber", "pdfminer", "docx", "duckdb", "numpy",
         "rapidfuzz", "pythainlp", "matplotlib", "dask", "distributed", "rich", "cv2",
         "pypdfium2", "xlsxwriter")

_REPORT = """
import json, sys
{setup}
roots = sorted({{name.split(".")[0] for name in sys.modules}})
print(json.dumps({{"roots": roots, "modules": sorted(sys.modules)}}))
"""


def imported(setup: str) -> tuple[set[str], set[str]]:
    """(top-level packages, all modules) imported by `setup` in a fresh interpreter."""
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", _REPORT.format(setup=setup)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return set(report["roots"]), set(report["modules"])


def _run_cli(*argv: str) -> str:
    return ("import contextlib, io\n"
            "from pipeline.cli import main\n"
            "quiet = contextlib.redirect_stdout(io.StringIO())\n"
            "with quiet, contextlib.redirect_stderr(io.StringIO()):\n"
            "    try:\n"
            f"        main({list(argv)!r})\n"
            "    except SystemExit:\n"
            "        pass\n")


@pytest.mark.parametrize("argv", [["--help"], ["extract", "--help"], ["diff", "--help"],
                                  ["review", "--help"], ["export", "--help"], ["--version"]])
def test_help_imports_no_library(argv: list[str]) -> None:
    roots, modules = imported(_run_cli(*argv))
    assert not roots & set(HEAVY), sorted(roots & set(HEAVY))
    assert not {m for m in modules if m.startswith(("pipeline.extract", "pipeline.read.docx",
                                                    "pipeline.read.pdf", "pipeline.batch",
                                                    "pipeline.diff.match", "pipeline.api"))}


def test_help_as_a_command_line_imports_no_library() -> None:
    """`python -m pipeline --help` itself, as `-X importtime` sees it."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "pipeline", "--help"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    assert "usage: python -m pipeline" in done.stdout
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
             if line.startswith("import time:")}
    assert "pipeline.cli" in names
    assert not {name.split(".")[0] for name in names} & set(HEAVY)


def test_docx_extraction_imports_no_scipy_no_pdf_reader_no_diff(tmp_path: Path) -> None:
    source = fixture_docx("school-fy2566")
    roots, modules = imported(_run_cli("extract", str(source), "--out", str(tmp_path / "out"),
                                       "--workers", "1", "--quiet"))
    assert (tmp_path / "out" / "projects").is_dir()  # it did run
    assert "docx" in roots and "pyarrow" in roots
    # (pandas is loaded by pyarrow itself, when it first converts a Python list)
    assert not roots & {"scipy", "pdfplumber", "pdfminer", "duckdb", "matplotlib", "dask",
                        "distributed", "cv2", "xlsxwriter"}
    assert not {m for m in modules if m.startswith(("pipeline.diff.match", "pipeline.diff.plans",
                                                    "pipeline.read.pdf", "pipeline.api",
                                                    "pipeline.plotting", "pipeline.review.page"))}


def test_packages_import_their_helpers_lazily() -> None:
    roots, modules = imported("import pipeline, pipeline.diff, pipeline.review")
    assert not roots & set(HEAVY), sorted(roots & set(HEAVY))
    roots, modules = imported("from pipeline.diff import diff_years")
    assert "pandas" in roots and "scipy" not in roots and "pipeline.diff.plans" in modules
