"""Every README code block runs, as written, on a fresh copy of raw_docs/ (issue 11 item 5).

The README's ```sh and ```python blocks are run in README order, in one temporary folder
laid out like a fresh clone: the Makefile, pyproject.toml, constraints.txt and a copy of
raw_docs/, plus a `.venv/` whose `bin/python` and `bin/dask` hand over to this interpreter
(with this checkout first on PYTHONPATH), stamped as installed, so `make extract` runs as
written without a network and writes `extracted/` there. Nothing in the repository is
written. The folders the README's words name are laid out too: `PLANS_FOLDER/`, `plans/`
and `/shared/plans` are copies of raw_docs/, `other.docx` and `plan.docx` are sample plans,
`office_words.toml` is the README's own TOML block, and the folders the diff examples
compare (`old_extract/`, `new_extract/`, `before/`, `after/`) are extractions made
beforehand.

Shell lines run through `sh -c` verbatim, except for the places of another machine
(PLACES: the scheduler's address and port, the shared file system), which become this
machine's. The Dask scheduler and worker lines are daemons: they are started in the
background, the lines after them use them, and they are stopped at the end. Each command
must exit with the code the README states (COMMANDS) and leave the files it promises. The
one line that cannot run in a test (`make test`, the suite itself) is in SKIPPED with the
reason; a README line in neither table fails `test_every_readme_command_is_handled`, so a
new command cannot go untested. The ```python blocks are executed in the same folder,
when README order reaches them.

Other tests check README prose against the code (tests/test_limits.py: the limits table
and error line; tests/test_explain.py: what the README's TOML vocabulary maps); running
the README's code is this file's job alone.
"""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import contextlib
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from pipeline.cli import main
from tests.helpers import RAW_DOCS

REPO: Final = Path(__file__).resolve().parents[1]
README: Final = REPO / "README.md"
# What a fresh clone holds that `make extract` reads (besides raw_docs/).
CLONE_FILES: Final = ("Makefile", "pyproject.toml", "constraints.txt")
# The one sample plan kept out of PLANS_FOLDER, so `extract PLANS_FOLDER other.docx` reads
# it once (a copy inside the folder too would be the same document twice).
OTHER_PLAN: Final = "secondary-fy2567.docx"
PLAN_DOCX: Final = "school-fy2566.docx"
OLD_YEAR_PLAN: Final = "yasothon2-fy2563-strategy6.docx"
NEW_YEAR_PLAN: Final = "yasothon2-fy2564-strategy6.docx"
DATASETS: Final = ("documents", "projects", "budget_lines", "summary", "schedule",
                   "findings")
SCHEDULER_HOST: Final = "10.0.0.5"
SCHEDULER_PORT: Final = "8786"
SHARED: Final = "/shared/"
COMMAND_TIMEOUT: Final = 900  # seconds; `make extract` and the Dask runs are the long ones


@dataclass(frozen=True)
class Expected:
    """What a README command promises: its exit code and the paths it leaves behind.
    A daemon is started in the background and must still be running when the others end."""

    outputs: tuple[str, ...] = ()
    exit_code: int = 0
    daemon: bool = False


def _datasets(folder: str) -> tuple[str, ...]:
    return (*(f"{folder}/{table}" for table in DATASETS), f"{folder}/_manifest.json")


REPORT: Final = ("report/report.html", "report/changes.parquet", "report/matches.parquet")
# Each README command line (continuation lines joined, comment cut) and what it promises.
COMMANDS: Final[dict[str, Expected]] = {
    "make extract": Expected(_datasets("extracted")),
    ".venv/bin/python -m pipeline extract PLANS_FOLDER other.docx --out extracted/":
        Expected(_datasets("extracted")),
    ".venv/bin/python -m pipeline extract --help": Expected(),
    ".venv/bin/dask scheduler --port 8786": Expected(daemon=True),
    ".venv/bin/dask worker tcp://10.0.0.5:8786 --nworkers 4 --nthreads 1":
        Expected(daemon=True),
    ".venv/bin/python -m pipeline extract /shared/plans --out /shared/extracted"
    " --executor dask --scheduler tcp://10.0.0.5:8786": Expected(_datasets("shared/extracted")),
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
    "make test": "runs this test suite itself (recursion); test_make_test_runs_the_three"
                 "_checks checks what it runs",
}


def readme_blocks(language: str | None = None) -> list[tuple[str, str]]:
    """The README's fenced code blocks in order, as (language, text); one language only
    when `language` is given."""
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", README.read_text(encoding="utf-8"),
                        flags=re.DOTALL | re.MULTILINE)
    return [(lang, text) for lang, text in blocks if language is None or lang == language]


def command_lines(block: str) -> list[str]:
    """The block's commands as written: backslash continuations joined, trailing
    `# comments` and blank lines cut, runs of spaces made one."""
    joined = re.sub(r"\\\n\s*", "", block)
    return [" ".join(re.split(r"\s#", line, maxsplit=1)[0].split())
            for line in joined.splitlines() if shlex.split(line, comments=True)]


def readme_commands() -> list[str]:
    return [line for _, block in readme_blocks("sh") for line in command_lines(block)]


@dataclass(frozen=True)
class Run:
    line: str
    exit_code: int | None  # None: a daemon still running
    stdout: str
    stderr: str


def _copy_raw_docs(target: Path, leave_out: tuple[str, ...] = ()) -> Path:
    target.mkdir(parents=True)
    for path in sorted(RAW_DOCS.iterdir()):
        if path.name not in leave_out:
            shutil.copy(path, target / path.name)
    return target


def _extract(sources: list[Path], out: Path) -> None:
    args = ["extract", *map(str, sources), "--out", str(out), "--workers", "1", "--quiet"]
    assert main(args) == 0, args


def _fake_venv(root: Path) -> None:
    """`.venv/` as `make venv` leaves it, its programs handing over to this interpreter;
    stamped after the files its Makefile rule depends on, so make installs nothing."""
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    programs = {"python": "", "dask": "-m dask", "thai-plan-pipeline": "-m pipeline"}
    for name, module in programs.items():
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {module} "$@"\n',
                          encoding="utf-8")
        script.chmod(0o755)
    stamp = root / ".venv" / ".installed"
    stamp.touch()
    newest = max((root / name).stat().st_mtime for name in CLONE_FILES)
    os.utime(stamp, (newest + 60, newest + 60))


def prepare_workdir(root: Path) -> Path:
    """The folder the README's commands are run in, holding every input they name."""
    for name in CLONE_FILES:
        shutil.copy(REPO / name, root / name)
    _fake_venv(root)
    _copy_raw_docs(root / "raw_docs")
    _copy_raw_docs(root / "PLANS_FOLDER", leave_out=(OTHER_PLAN,))
    _copy_raw_docs(root / "plans")
    _copy_raw_docs(root / "shared" / "plans")
    shutil.copy(RAW_DOCS / OTHER_PLAN, root / "other.docx")
    shutil.copy(RAW_DOCS / PLAN_DOCX, root / "plan.docx")
    ((_, toml),) = readme_blocks("toml")
    (root / "office_words.toml").write_text(toml, encoding="utf-8")
    _extract([RAW_DOCS / OLD_YEAR_PLAN], root / "old_extract")
    _extract([RAW_DOCS / NEW_YEAR_PLAN], root / "new_extract")
    _extract([root / "raw_docs"], root / "before")
    shutil.copytree(root / "before", root / "after")
    return root


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def places(workdir: Path, port: int) -> dict[str, str]:
    """Another machine's places in the README, and this machine's in their stead."""
    return {SCHEDULER_HOST: "127.0.0.1", SCHEDULER_PORT: str(port),
            SHARED: f"{workdir}{SHARED}"}


def localised(line: str, workdir: Path, port: int) -> str:
    for written, here in places(workdir, port).items():
        line = line.replace(written, here)
    return line


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHAINLP_OFFLINE": "1",
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                          if p)}


def _wait_for_port(port: int, daemon: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert daemon.poll() is None, f"the scheduler exited with {daemon.returncode}"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.5)
    pytest.fail(f"no Dask scheduler listening on port {port} after {seconds} s")


@dataclass
class Session:
    """The README run: each line's result, the promised outputs present right after it
    ran (a later line may overwrite `report/`), and each Python block's error, if any."""

    workdir: Path
    port: int
    runs: dict[str, tuple[Run, list[str]]]
    python_errors: list[str]
    namespaces: list[dict[str, object]]


def _stop(daemon: subprocess.Popen[bytes]) -> None:
    """Stop a daemon this test started, with the processes it started (its own group)."""
    if daemon.poll() is None:
        os.killpg(daemon.pid, signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait()


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    workdir = prepare_workdir(tmp_path_factory.mktemp("readme"))
    port = _free_port()
    done = Session(workdir, port, {}, [], [])
    daemons: list[tuple[str, subprocess.Popen[bytes]]] = []
    logs = workdir.parent / f"{workdir.name}-daemons"
    logs.mkdir()
    cwd = Path.cwd()
    try:
        for language, block in readme_blocks():
            if language == "python":
                os.chdir(workdir)
                namespace: dict[str, object] = {}
                try:
                    exec(compile(block, "README.md", "exec"), namespace)
                except Exception as error:
                    done.python_errors.append(f"{block}\n-> {type(error).__name__}: {error}")
                finally:
                    os.chdir(cwd)
                done.namespaces.append(namespace)
                continue
            if language != "sh":
                continue
            for line in command_lines(block):
                if line in SKIPPED or line not in COMMANDS:
                    continue
                command = localised(line, workdir, port)
                if COMMANDS[line].daemon:
                    log = logs / f"daemon{len(daemons)}.log"
                    with log.open("wb") as sink:
                        daemon = subprocess.Popen(["sh", "-c", f"exec {command}"], cwd=workdir,
                                                  env=_environment(), stdout=sink,
                                                  stderr=subprocess.STDOUT,
                                                  start_new_session=True)
                    daemons.append((line, daemon))
                    if "scheduler" in line:
                        _wait_for_port(port, daemon)
                    run = Run(line, None, "", str(log))
                else:
                    finished = subprocess.run(["sh", "-c", command], cwd=workdir,
                                              env=_environment(), capture_output=True,
                                              text=True, check=False,
                                              timeout=COMMAND_TIMEOUT)
                    run = Run(line, finished.returncode, finished.stdout, finished.stderr)
                present = [p for p in COMMANDS[line].outputs if (workdir / p).exists()]
                done.runs[line] = (run, present)
        for line, daemon in daemons:
            if daemon.poll() is not None:  # died on its own: a failure of that line
                run, present = done.runs[line]
                done.runs[line] = (Run(line, daemon.returncode, "", run.stderr), present)
        yield done
    finally:
        for _, daemon in reversed(daemons):
            _stop(daemon)


def test_every_readme_command_is_handled() -> None:
    lines = readme_commands()
    assert len(lines) == len(set(lines)), "a README command appears twice"
    unhandled = [line for line in lines if line not in COMMANDS and line not in SKIPPED]
    assert unhandled == [], "README commands neither run nor skipped here (add them)"
    stale = sorted((set(COMMANDS) | set(SKIPPED)) - set(lines))
    assert stale == [], "commands no longer in the README"


def test_only_code_and_its_output_are_fenced() -> None:
    """Every fenced block is run here (sh, python, the toml file), checked elsewhere
    (text: the limit error, tests/test_limits.py) or the unlabelled diagram."""
    assert sorted({lang for lang, _ in readme_blocks()}) == ["", "python", "sh", "text",
                                                             "toml"]
    assert len(readme_blocks("")) == 1 and len(readme_blocks("python")) == 3


@pytest.mark.parametrize("line", list(COMMANDS))
def test_readme_command_runs_as_written(line: str, session: Session) -> None:
    run, present = session.runs[line]
    expected = COMMANDS[line]
    if expected.daemon:
        log = Path(run.stderr).read_text(encoding="utf-8", errors="replace")
        assert run.exit_code is None, f"{line}: exited with {run.exit_code}\n{log}"
    else:
        assert run.exit_code == expected.exit_code, f"{line}\n{run.stdout}\n{run.stderr}"
        assert "Traceback" not in run.stderr, run.stderr
    assert present == list(expected.outputs), f"{line}: missing outputs"


def test_make_extract_converts_raw_docs_like_the_command_it_names(session: Session) -> None:
    run, _ = session.runs["make extract"]
    assert "-m pipeline extract raw_docs --out extracted" in run.stdout
    assert sorted(p.name for p in (session.workdir / "extracted/documents").glob("*/*")) \
        == sorted(p.name for p in (session.workdir / "before/documents").glob("*/*"))


def test_the_dask_cluster_lines_convert_the_shared_folder(session: Session) -> None:
    import pandas as pd

    shared = pd.read_parquet(session.workdir / "shared/extracted/projects")
    local = pd.read_parquet(session.workdir / "before/projects")
    columns = ["doc_id", "project_id", "name", "budget_summary"]
    assert shared[columns].sort_values("project_id").reset_index(drop=True).equals(
        local[columns].sort_values("project_id").reset_index(drop=True))


def test_make_test_runs_the_three_checks(session: Session) -> None:
    # run by `make test` itself (.ci/run), the outer make's flags would add
    # "make[1]: Entering directory" lines: this make is a fresh one
    env = {k: v for k, v in _environment().items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    done = subprocess.run(["make", "--no-print-directory", "-n", "test"], cwd=session.workdir,
                          env=env, capture_output=True, text=True, check=True)
    assert [line.split()[0] for line in done.stdout.splitlines()] == [
        ".venv/bin/ruff", ".venv/bin/mypy", ".venv/bin/python"]


def test_readme_python_blocks_run_on_the_readme_extraction(session: Session) -> None:
    """The README's Python examples, run as written on the `extracted/` its commands made."""
    assert session.python_errors == []
    blocks = [block for _, block in readme_blocks("python")]
    data = session.namespaces[2]["data"]
    (example,) = re.findall(r'project_id = .*# e\.g\. "([0-9a-f]{16}-\d{3})"', blocks[2])
    assert example in set(data.projects.project_id)  # type: ignore[attr-defined]
