"""The batch owns its output folder: one run at a time, the others wait or are refused.

Two runs writing into one folder would each remove the other's temporaries and "unowned"
files and overwrite each other's manifest. The lock is `fcntl.flock` on `_pipeline.lock`
in the folder, so the kernel releases it whenever its holder ends, even killed with
SIGKILL; the file records the holder (pid, host, start time) for the message the next
run prints. A lock file still holding a record when the lock is free was left by a run
that died: it is taken over, with a note. On a system without flock (Windows, a file
system that refuses locks) the record alone decides: a holder on this host whose pid is
not alive is stale.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

from pipeline.errors import OutputError

log = logging.getLogger(__name__)

LOCK_NAME = "_pipeline.lock"
# How long a run waits for another run's lock by default: not at all. A batch runs for
# minutes to hours, so a default wait would hang a shell with no end in sight; queueing
# behind another run is asked for with `--lock-wait SECONDS` (e.g. from cron).
DEFAULT_LOCK_WAIT = 0.0
POLL_SECONDS = 0.2  # between two attempts while waiting
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    since: str  # ISO 8601, UTC

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host} since {self.since}"

    @classmethod
    def current(cls) -> LockHolder:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        return cls(os.getpid(), socket.gethostname(), now.isoformat().replace("+00:00", "Z"))

    @classmethod
    def parse(cls, text: str) -> LockHolder | None:
        try:
            raw = json.loads(text)
            return cls(int(raw["pid"]), str(raw["host"]), str(raw["since"]))
        except (ValueError, TypeError, KeyError):
            return None


class OutputLockedError(OutputError):
    """Another run holds the output folder (exit code 2, like every output problem)."""


class OutputLock:
    """Hold `out_dir/_pipeline.lock` for a run: `with OutputLock(out_dir, wait):`.

    `notes` collects what the user should read afterwards (a stale lock taken over).
    """

    def __init__(self, out_dir: Path, wait: float = DEFAULT_LOCK_WAIT,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.out_dir = out_dir
        self.path = out_dir / LOCK_NAME
        self.wait = max(0.0, wait)
        self.notes: list[str] = []
        self._clock = clock
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()

    def acquire(self) -> None:
        deadline = self._clock() + self.wait
        waiting_said = False
        while True:
            holder = self._try_acquire()
            if holder is None:
                return
            if self._clock() >= deadline:
                raise OutputLockedError(
                    f"{self.out_dir}: in use by another run ({holder.describe()});"
                    " wait for it to end or pass --lock-wait SECONDS to queue behind it")
            if not waiting_said:
                log.warning("%s: in use by another run (%s); waiting up to %g s",
                            self.out_dir, holder.describe(), self.wait)
                waiting_said = True
            time.sleep(POLL_SECONDS)

    def _try_acquire(self) -> LockHolder | None:
        """Take the lock and return None, or return who holds it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locked = _flock(fd)
            previous = LockHolder.parse(_read_all(fd))
            if locked is False or (locked is None and _alive_elsewhere(previous)):
                os.close(fd)
                return previous or LockHolder(0, "unknown host", "unknown time")
            if not _same_file(fd, self.path):  # released and removed while we opened it
                os.close(fd)
                return self._try_acquire()
        except BaseException:
            os.close(fd)
            raise
        if previous is not None:
            self.notes.append(f"{self.out_dir}: took over the lock left by a run that ended"
                              f" without releasing it ({previous.describe()})")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(LockHolder.current())).encode("utf-8"), 0)
        self._fd = fd
        return None

    def release(self) -> None:
        """Remove the record, then unlock: the next run finds a free folder. Idempotent."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(fd)  # closing the descriptor releases the flock


def _flock(fd: int) -> bool | None:
    """True: locked; False: another process holds it; None: this system cannot lock."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in _NO_LOCKING:
            return None
        raise
    return True


def _alive_elsewhere(holder: LockHolder | None) -> bool:
    """Without flock: is the recorded holder another live process (or on another host,
    where its pid cannot be checked, so it is taken as alive)?"""
    if holder is None or holder.pid == os.getpid():
        return False
    if holder.host != socket.gethostname():
        return True
    return pid_alive(holder.pid)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by another user
    return True


def _read_all(fd: int) -> str:
    chunks = []
    offset = 0
    while chunk := os.pread(fd, 4096, offset):
        chunks.append(chunk)
        offset += len(chunk)
        if offset > 1 << 16:  # a record is ~100 bytes: anything longer is not ours
            break
    return b"".join(chunks).decode("utf-8", "replace")


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)
