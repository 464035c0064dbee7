"""Every README code block runs, as written, on a fresh copy of raw_docs/ (issue 11 item 5).

The README's ```sh blocks are run line by line, in README order, in one temporary folder
laid out the way the README's words suggest: `PLANS_FOLDER/` and `plans/` are copies of
raw_docs/, `other.docx` and `plan.docx` are sample plans, `office_words.toml` is the
README's own TOML block, and the folders the diff examples compare (`old_extract/`,
`new_extract/`, `before/`, `after/`) are extractions made beforehand. The lines are kept
verbatim: only the `.venv/bin/python` prefix becomes this interpreter. Each command must
exit with the code the README states (COMMANDS) and leave the files it promises. A line
that cannot run in a test is in SKIPPED with the reason; a README line in neither table
fails `test_every_readme_command_is_handled`, so a new command cannot go untested.

The ```python blocks then run, in the same folder, on the `extracted/` the shell blocks
wrote.
"""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from pipeline.cli import main
from tests.helpers import RAW_DOCS

REPO: Final = Path(__file__).resolve().parents[1]
README: Final = REPO / "README.md"
PREFIX: Final = ".venv/bin/python -m pipeline "
# The one sample plan kept out of PLANS_FOLDER, so `extract PLANS_FOLDER other.docx` reads
# it once (a copy inside the folder too would be the same document twice).
OTHER_PLAN: Final = "secondary-fy2567.docx"
PLAN_DOCX: Final = "school-fy2566.docx"
OLD_YEAR_PLAN: Final = "yasothon2-fy2563-strategy6.docx"
NEW_YEAR_PLAN: Final = "yasothon2-fy2564-strategy6.docx"
DATASETS: Final = ("documents", "projects", "budget_lines", "summary", "schedule",
                   "findings")


@dataclass(frozen=True)
class Expected:
    """What a README command promises: its exit code and the paths it leaves behind."""

    outputs: tuple[str, ...] = ()
    exit_code: int = 0


def _datasets(folder: str) -> tuple[str, ...]:
    return tuple(f"{folder}/{table}" for table in DATASETS) + (f"{folder}/_manifest.json",)


REPORT: Final = ("report/report.html", "report/changes.parquet", "report/matches.parquet")
# Each README command line (continuation lines joined, comment cut) and what it promises.
COMMANDS: Final[dict[str, Expected]] = {
    ".venv/bin/python -m pipeline extract PLANS_FOLDER other.docx --out extracted/":
        Expected(_datasets("extracted")),
    ".venv/bin/python -m pipeline extract --help": Expected(),
    ".venv/bin/python -m pipeline extract plans/ --executor dask --workers 2":
        Expected(_datasets("extracted")),
    ".venv/bin/python -m pipeline export extracted --xlsx plans.xlsx --csv plans_csv/":
        Expected(("plans.xlsx", "plans_csv/projects.csv", "plans_csv/budget_lines.csv")),
    ".venv/bin/python -m pipeline explain plan.docx": Expected(),
    ".venv/bin/python -m pipeline explain plan.docx --vocabulary office_words.toml --json":
        Expected(),
    ".venv/bin/python -m pipeline extract raw_docs/ --out extracted/ --vocabulary"
    " office_words.toml": Expected(_datasets("extracted")),
    ".venv/bin/python -m pipeline diff extracted --from-year 2563 --to-year 2564"
    " --out report/": Expected(REPORT),
    '.venv/bin/python -m pipeline diff old_extract/ new_extract/ --org "สพป.ยโสธร เขต 2"'
    " --out report/": Expected(REPORT),
    ".venv/bin/python -m pipeline diff before/ after/ --mode extraction --out report/":
        Expected(("report/report.html", "report/cell_changes.parquet")),
    ".venv/bin/python -m pipeline review raw_docs/school-fy2566.docx --out review/":
        Expected(("review/school-fy2566.review.html",)),
}
SKIPPED: Final[dict[str, str]] = {
    "make extract": "runs `pipeline extract raw_docs` (run above) after creating the venv;"
                    " tests run inside that venv",
    "make test": "runs this test suite itself (recursion)",
    ".venv/bin/dask scheduler": "a daemon that never exits; the local-cluster line below"
                                " runs the same executor",
    ".venv/bin/dask worker tcp://10.0.0.5:8786 --nworkers 4 --nthreads 1":
        "a daemon connecting to a scheduler on another machine",
    ".venv/bin/python -m pipeline extract /shared/plans --out /shared/extracted"
    " --executor dask --scheduler tcp://10.0.0.5:8786":
        "needs the scheduler of another machine and a shared file system",
}


def readme_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README.read_text(encoding="utf-8"),
                      flags=re.DOTALL | re.MULTILINE)


def command_lines(block: str) -> list[str]:
    """The block's commands as written: backslash continuations joined, trailing
    `# comments` and blank lines cut, runs of spaces made one."""
    joined = re.sub(r"\\\n\s*", "", block)
    return [" ".join(re.split(r"\s#", line, maxsplit=1)[0].split())
            for line in joined.splitlines() if shlex.split(line, comments=True)]


def readme_commands() -> list[str]:
    return [line for block in readme_blocks("sh") for line in command_lines(block)]


@dataclass(frozen=True)
class Run:
    line: str
    exit_code: int
    stdout: str
    stderr: str


def _copy_raw_docs(target: Path, leave_out: tuple[str, ...] = ()) -> Path:
    target.mkdir(parents=True)
    for path in sorted(RAW_DOCS.iterdir()):
        if path.suffix == ".docx" and path.name not in leave_out:
            shutil.copy(path, target / path.name)
    return target


def _extract(sources: list[Path], out: Path) -> None:
    args = ["extract", *map(str, sources), "--out", str(out), "--workers", "1", "--quiet"]
    assert main(args) == 0, args


def prepare_workdir(root: Path) -> Path:
    """The folder the README's commands are run in, holding every input they name."""
    _copy_raw_docs(root / "raw_docs")
    _copy_raw_docs(root / "PLANS_FOLDER", leave_out=(OTHER_PLAN,))
    _copy_raw_docs(root / "plans")
    shutil.copy(RAW_DOCS / OTHER_PLAN, root / "other.docx")
    shutil.copy(RAW_DOCS / PLAN_DOCX, root / "plan.docx")
    (toml,) = readme_blocks("toml")
    (root / "office_words.toml").write_text(toml, encoding="utf-8")
    _extract([RAW_DOCS / OLD_YEAR_PLAN], root / "old_extract")
    _extract([RAW_DOCS / NEW_YEAR_PLAN], root / "new_extract")
    _extract([root / "raw_docs"], root / "before")
    shutil.copytree(root / "before", root / "after")
    return root


def run_readme_line(line: str, workdir: Path) -> Run:
    assert line.startswith(PREFIX), line
    args = shlex.split(line[len(PREFIX):])
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                         if p)}
    done = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=workdir, env=env,
                          capture_output=True, text=True, check=False)
    return Run(line, done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare_workdir(tmp_path_factory.mktemp("readme"))


@pytest.fixture(scope="module")
def runs(workdir: Path) -> dict[str, tuple[Run, list[str]]]:
    """Every runnable README line, run in README order: its result and the promised
    outputs present right after it ran (a later line may overwrite `report/`)."""
    done: dict[str, tuple[Run, list[str]]] = {}
    for line in readme_commands():
        if line in SKIPPED or line not in COMMANDS:
            continue
        run = run_readme_line(line, workdir)
        present = [p for p in COMMANDS[line].outputs if (workdir / p).exists()]
        done[line] = (run, present)
    return done


def test_every_readme_command_is_handled() -> None:
    lines = readme_commands()
    assert len(lines) == len(set(lines)), "a README command appears twice"
    unhandled = [line for line in lines if line not in COMMANDS and line not in SKIPPED]
    assert unhandled == [], "README commands neither run nor skipped here (add them)"
    stale = sorted((set(COMMANDS) | set(SKIPPED)) - set(lines))
    assert stale == [], "commands no longer in the README"


@pytest.mark.parametrize("line", list(COMMANDS))
def test_readme_command_runs_as_written(line: str,
                                        runs: dict[str, tuple[Run, list[str]]]) -> None:
    run, present = runs[line]
    expected = COMMANDS[line]
    assert run.exit_code == expected.exit_code, f"{line}\n{run.stderr}"
    assert "Traceback" not in run.stderr, run.stderr
    assert present == list(expected.outputs), f"{line}: missing outputs"


def test_readme_python_blocks_run_on_the_readme_extraction(
        runs: dict[str, tuple[Run, list[str]]], workdir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python examples, run as written on the `extracted/` its commands made."""
    blocks = readme_blocks("python")
    assert len(blocks) == 3
    monkeypatch.chdir(workdir)
    for block in blocks:
        namespace: dict[str, object] = {}
        exec(compile(block, "README.md", "exec"), namespace)
    data = namespace["data"]
    (example,) = re.findall(r'project_id = .*# e\.g\. "([0-9a-f]{16}-\d{3})"', blocks[2])
    assert example in set(data.projects.project_id)  # type: ignore[attr-defined]
