"""The batch owns its output folder: _pipeline.lock refuses or queues a second run, a stale
lock is taken over, concurrent runs lose no document, Ctrl-C stops cleanly."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.manifest import JOURNAL_NAME, Manifest
from pipeline.output_lock import LOCK_NAME, LockHolder, OutputLock, OutputLockedError
from tests.helpers import fixture_docx
from tests.test_batch import assert_consistent, make_corpus


def _plans(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(fixture_docx(name), folder / f"{name}.docx")
    return folder


def _holder_record(out: Path) -> LockHolder:
    holder = LockHolder.parse((out / LOCK_NAME).read_text(encoding="utf-8"))
    assert holder is not None
    return holder


def test_a_second_run_on_a_folder_in_use_is_refused_naming_the_holder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = _plans(tmp_path / "in", "school-fy2566")
    out = tmp_path / "out"
    out.mkdir()
    with OutputLock(out):  # another run (a second open file: flock refuses it too)
        holder = _holder_record(out)
        code = main(["extract", str(plans), "--out", str(out), "--workers", "1"])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {out}: in use by another run (pid {os.getpid()} on {socket.gethostname()}"
        f" since {holder.since}); wait for it to end or pass --lock-wait SECONDS to queue"
        " behind it"]
    assert sorted(p.name for p in out.iterdir()) == []  # nothing written, lock released


def test_the_lock_is_released_after_a_run_and_after_an_output_error(tmp_path: Path) -> None:
    plans = _plans(tmp_path / "in", "school-fy2566")
    out = tmp_path / "out"
    assert main(["extract", str(plans), "--out", str(out), "--quiet"]) == 0
    assert not (out / LOCK_NAME).exists()
    (out / "documents").rename(out / "moved")
    (out / "documents").write_text("a file in the way", encoding="utf-8")
    assert main(["extract", str(plans), "--out", str(out), "--quiet", "--force"]) == 2
    assert not (out / LOCK_NAME).exists()
    with OutputLock(out):  # free again
        assert _holder_record(out).pid == os.getpid()


def test_a_lock_left_by_a_dead_run_is_taken_over_with_a_note(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A run killed with SIGKILL leaves its record; the kernel already released its flock."""
    plans = _plans(tmp_path / "in", "school-fy2566")
    out = tmp_path / "out"
    out.mkdir()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = LockHolder(int(ended.stdout), socket.gethostname(), "2026-12-06T01:02:03Z")
    (out / LOCK_NAME).write_text(json.dumps(dead.__dict__), encoding="utf-8")
    assert main(["extract", str(plans), "--out", str(out), "--quiet"]) == 0
    assert (f"{out}: took over the lock left by a run that ended without releasing it"
            f" (pid {dead.pid} on {dead.host} since 2026-12-06T01:02:03Z)"
            ) in capsys.readouterr().err.splitlines()
    assert not (out / LOCK_NAME).exists()
    assert len(Manifest.load(out).entries) == 1


def test_lock_wait_queues_behind_the_holder_then_takes_the_lock(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    holder = OutputLock(tmp_path)
    holder.acquire()
    waiter = OutputLock(tmp_path, wait=600)
    thread = threading.Thread(target=waiter.acquire)
    thread.start()
    while not any("waiting up to 600 s" in r.getMessage() for r in caplog.records):
        assert thread.is_alive()
        time.sleep(0.01)
    assert thread.is_alive()  # still waiting: the lock is held
    holder.release()
    thread.join()
    assert waiter.notes == []  # a released lock is no stale one
    assert _holder_record(tmp_path).pid == os.getpid()
    waiter.release()
    assert not (tmp_path / LOCK_NAME).exists()


def test_lock_wait_gives_up_when_the_wait_is_over(tmp_path: Path) -> None:
    ticks = iter([0.0, 1.0, 2.0, 3.0])  # the lock's clock: the deadline is passed at 3.0
    with OutputLock(tmp_path), pytest.raises(OutputLockedError, match="in use by another"):
        OutputLock(tmp_path, wait=2.5, clock=lambda: next(ticks)).acquire()
    assert next(ticks, None) is None  # it looked until the deadline, not beyond


def _extract(inputs: Path, out: Path, log: Path, *options: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as stderr:
        return subprocess.Popen(
            [sys.executable, "-m", "pipeline", "extract", str(inputs), "--out", str(out),
             "--quiet", *options],
            env={**os.environ, "PYTHAINLP_OFFLINE": "1"}, stdout=subprocess.DEVNULL,
            stderr=stderr, start_new_session=True)


def test_two_concurrent_runs_on_one_folder_never_lose_a_document(tmp_path: Path) -> None:
    """Both runs start while the folder is held, so both wait and then run one after the
    other: each document's rows and manifest entry survive the other run."""
    first = _plans(tmp_path / "a", "school-fy2566")
    second = _plans(tmp_path / "b", "secondary-fy2567")
    out = tmp_path / "out"
    out.mkdir()
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with OutputLock(out):
        runs = [_extract(first, out, logs[0], "--lock-wait", "600", "--workers", "1"),
                _extract(second, out, logs[1], "--lock-wait", "600", "--workers", "1")]
        while not all("waiting up to 600 s" in log.read_text(encoding="utf-8")
                      for log in logs):
            assert all(run.poll() is None for run in runs), [p.read_text() for p in logs]
            time.sleep(0.05)
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    sources = sorted(Manifest.load(out).entries)
    assert sources == [str(first / "school-fy2566.docx"),
                       str(second / "secondary-fy2567.docx")]
    documents = pd.read_parquet(out / "documents")
    assert sorted(documents.source_path) == sources
    assert sorted(documents.status) == ["ok", "ok"]
    assert len(pd.read_parquet(out / "projects").doc_id.unique()) == 2
    assert not (out / LOCK_NAME).exists()
    assert_consistent(out)


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_stops_cleanly_and_keeps_what_is_done(workers: int, tmp_path: Path) -> None:
    """SIGINT to the process group (what a terminal's Ctrl-C does) once the first document
    is in the journal: one line, exit 130, journal folded in, no partial file, no lock."""
    plans = tmp_path / "in"
    make_corpus(plans, 6)
    out = tmp_path / "out"
    log = tmp_path / "stderr.log"
    run = _extract(plans, out, log, "--workers", str(workers))
    journal = out / JOURNAL_NAME
    while not (journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 1):
        assert run.poll() is None, log.read_text(encoding="utf-8")
        time.sleep(0.01)
    os.killpg(run.pid, signal.SIGINT)
    assert run.wait(timeout=120) == 130
    lines = log.read_text(encoding="utf-8").splitlines()
    match = re.fullmatch(
        rf"interrupted: stopped by Ctrl-C; (\d) documents converted in this run are"
        rf" recorded in {re.escape(str(out))}/ \(run again to convert the rest\)", lines[-1])
    assert match is not None, lines
    assert not [line for line in lines if "Traceback" in line]
    done = int(match.group(1))
    assert 1 <= done < 6
    assert len(Manifest.load(out).entries) == done
    assert not journal.exists() and not (out / LOCK_NAME).exists()
    assert_consistent(out)  # exactly the recorded documents' files, no temporaries
    assert main(["extract", str(plans), "--out", str(out), "--quiet"]) == 0
    assert len(Manifest.load(out).entries) == 6
