"""Convert many plans: collect inputs, skip unchanged ones, run documents in parallel.

Each document is one independent task (read -> extract -> write its own files), so
tasks can run in worker processes or on a Dask cluster; only this coordinating process
touches the manifest. Results are identical whatever the number of workers.

The run holds the output folder's lock (`pipeline.output_lock`) from start to end, so a
second run on the folder waits or is refused; files with identical content are converted
once (the other paths are recorded as `DuplicateFile` rows of `errors`); Ctrl-C folds the
journal into the manifest and removes partial files before it stops the run.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
import signal
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from pipeline import __version__
from pipeline.errors import DEFAULT_TIMEOUT, DocumentTimeoutError, output_error
from pipeline.limits import DEFAULT_LIMITS, Limits
from pipeline.load.parquet import (
    dataset_files,
    remove_empty_partitions,
    remove_files,
    remove_temporaries,
    write_document,
)
from pipeline.manifest import JOURNAL_NAME, Manifest, ManifestEntry
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.output_lock import DEFAULT_LOCK_WAIT, OutputLock
from pipeline.pool import run_in_processes
from pipeline.process import EMPTY_SHA256, document_row, file_sha256, process_file
from pipeline.read import is_supported
from pipeline.read.engines import DEFAULT_PDF_ENGINE, PdfEngine
from pipeline.records import ErrorRow, PlanData
from pipeline.safe_text import printable

COUNTED_TABLES = ("summary", "projects", "budget_lines", "schedule", "indicators", "findings",
                  "errors")


@dataclass
class BatchOptions:
    workers: int = 1
    timeout: float = DEFAULT_TIMEOUT
    prune: bool = False
    force: bool = False
    executor: str = "process"  # process | dask
    scheduler: str | None = None
    # an office's own header words (`--vocabulary FILE`): sent with every task to the worker
    vocabulary: OfficeVocabulary = BUILT_IN
    # which parser reads PDF pages (`--pdf-engine`): sent with every task, like the vocabulary
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE
    # seconds to wait for another run's lock on the output folder before refusing
    lock_wait: float = DEFAULT_LOCK_WAIT
    # convert again every document recorded as failed, whatever its fingerprint
    retry_failed: bool = False
    # per-document limits (`--limit NAME=VALUE`): sent with every task, like the vocabulary
    limits: Limits = DEFAULT_LIMITS

    @property
    def version(self) -> str:
        """What the manifest keys a result by: the pipeline version, and the vocabulary's
        words when there are any (other words may give other rows), the limits when
        they are not the defaults (a document refused by a limit may read once it is
        raised), and the PDF engine when it is not the default (pdfplumber: the
        same rows on every fixture, but another parser)."""
        version = __version__
        if not self.vocabulary.is_empty:
            version += f"+vocabulary.{self.vocabulary.fingerprint()}"
        if self.limits.changed():
            version += f"+limits.{self.limits.fingerprint()}"
        if self.pdf_engine != DEFAULT_PDF_ENGINE:
            version += f"+{self.pdf_engine}"
        return version


@dataclass
class DocResult:
    """What one task reports back: small, picklable, no dataset rows."""

    source_path: str
    sha256: str
    doc_id: str
    status: str
    files: list[str] = field(default_factory=list)
    n_pages: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    error_messages: list[str] = field(default_factory=list)
    peak_rss_mb: float | None = None  # of the process that ran the task, when it ended


@dataclass
class BatchSummary:
    documents: int = 0
    converted: int = 0
    skipped_unchanged: int = 0
    ok: int = 0
    partial: int = 0
    failed: int = 0
    pruned: int = 0
    pages: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED_TABLES, 0))
    messages: list[str] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    # paths whose content another input has: converted once, recorded as DuplicateFile
    duplicates: int = 0
    # what the user should read after the run (a stale lock taken over)
    notes: list[str] = field(default_factory=list)
    # Rows the output folder holds after the run (this run's and unchanged documents'), per
    # table: a re-run that converted nothing must not read as "no findings".
    held: dict[str, int] = field(default_factory=dict)

    def add(self, result: DocResult) -> None:
        self.converted += 1
        if result.status == "ok":
            self.ok += 1
        elif result.status == "partial":
            self.partial += 1
        else:
            self.failed += 1
        self.pages += result.n_pages or 0
        for table, n in result.counts.items():
            self.counts[table] = self.counts.get(table, 0) + n
        self.messages.extend(result.error_messages)

    def exit_code(self, strict: bool = False) -> int:
        if self.converted and self.failed == self.converted:
            return 1
        if strict and self.failed:
            return 1
        return 0


def missing_inputs(paths: Iterable[Path]) -> list[Path]:
    """Input paths that do not exist: a typo must not pass for an empty folder."""
    return [path for path in paths if not path.exists()]


def collect_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Supported files under the given files and folders, sorted; and what was ignored."""
    found: list[Path] = []
    ignored: list[str] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file():
                    if is_supported(child):
                        found.append(child)
                    elif not child.name.startswith("."):
                        ignored.append(_skipped(child, "not a .docx, .pdf or .doc file"))
                elif reason := _not_a_document(child):
                    ignored.append(_skipped(child, reason))
        elif path.is_file():
            if is_supported(path):
                found.append(path)
            else:
                ignored.append(_skipped(path, "not a .docx, .pdf or .doc file"))
        else:
            ignored.append(_skipped(path, "no such file or folder"))
    return sorted(dict.fromkeys(found)), ignored


def _skipped(path: Path, reason: str) -> str:
    """The line naming an input that is not converted (a name that is not UTF-8 shown
    with its bytes as \\xNN, so printing it never fails)."""
    return f"{printable(str(path))}: skipped ({reason})"


def _not_a_document(path: Path) -> str | None:
    """Why an entry that looks like a document is not one (a folder is walked, not reported).

    A dangling link or a link loop named `plan.docx` must be named, not vanish silently.
    """
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a symbolic link loop"
            return f"a link to {os.readlink(path)!s}, which does not exist"
    if path.is_symlink() and path.is_dir():  # rglob does not follow it: say so
        return ("a link to a folder, not followed (give the folder itself to convert what"
                " it holds)")
    if path.is_dir():
        return "a folder named like a document" if is_supported(path) else None
    if is_supported(path):
        return "not a regular file"
    return None


def unreadable_result(path: Path, out_dir: Path, exc: OSError) -> DocResult:
    """A file that cannot even be hashed (permissions, I/O error) is an error row, not a crash.

    Its doc_id is the hash of its path, since its content cannot be read.
    """
    sha = hashlib.sha256(f"unreadable:{path}".encode("utf-8", "surrogateescape")).hexdigest()
    return failed_result(str(path), sha, out_dir,
                         f"cannot read the file ({exc.strerror or exc})",
                         stage="read", error_type="UnreadableFile")


def _on_timeout(signum: int, frame: FrameType | None) -> None:
    raise DocumentTimeoutError("time limit reached")


def convert_one(source: str, out_dir: str, sha256: str, timeout: float,
                vocabulary: OfficeVocabulary = BUILT_IN, duplicates: Sequence[str] = (),
                limits: Limits = DEFAULT_LIMITS,
                pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> DocResult:
    """The per-document task: read, extract and write; runs in a worker (which gets the
    vocabulary and limits here, as arguments: no state of the parent process reaches it).
    `duplicates` are other paths with the same bytes: each gets a DuplicateFile row."""
    path = Path(source)
    use_alarm = timeout > 0 and _in_main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_timeout)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        try:
            data = process_file(path, sha256=sha256, timeout=timeout, vocabulary=vocabulary,
                                limits=limits, pdf_engine=pdf_engine)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except DocumentTimeoutError:  # a BaseException: no handler inside the document's code
        data = _timed_out(path, sha256, timeout)  # can swallow it
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, previous)
    data.errors.extend(duplicate_rows(source, data.document.doc_id, duplicates))
    files, data = _write_or_report(Path(out_dir), data, path, sha256)
    return DocResult(
        source_path=source,
        sha256=sha256,
        doc_id=data.document.doc_id,
        status=data.document.status,
        files=[str(f) for f in files],
        n_pages=data.document.n_pages,
        counts={t: len(getattr(data, t)) for t in COUNTED_TABLES},
        error_messages=[e.message for e in data.errors],
        peak_rss_mb=_peak_rss_mb(),
    )


def _write_or_report(out_dir: Path, data: PlanData, path: Path, sha256: str
                     ) -> tuple[list[Path], PlanData]:
    """Write the document's rows; rows the writer still refuses (a value no check foresaw)
    cost this document only: it is written as failed with the writer's message. Errors of
    the output folder itself (OSError: disk full, read-only) stop the batch instead."""
    try:
        return write_document(out_dir, data, __version__), data
    except OSError:
        raise
    except Exception as exc:
        failed = failed_data(path, sha256, "load", type(exc).__name__,
                             f"{path}: cannot write its rows ({exc})")
        return write_document(out_dir, failed, __version__), failed


DUPLICATE_FILE = "DuplicateFile"


def duplicate_rows(source: str, doc_id: str, duplicates: Sequence[str]) -> list[ErrorRow]:
    """One `errors` row per other path holding the same bytes as `source`: its rows are
    `source`'s (same content, same doc_id), converted once, and its path stays visible."""
    return [ErrorRow(copy, doc_id, "collect", DUPLICATE_FILE,
                     f"{copy}: the same content as {source} (identical SHA-256); converted"
                     f" once, its rows are those of doc_id {doc_id}")
            for copy in duplicates]


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _timed_out(path: Path, sha256: str, timeout: float) -> PlanData:
    return failed_data(path, sha256, "timeout", "DocumentTimeoutError",
                       f"{path}: gave up after {timeout:g} s (per-document time limit)")


def failed_data(path: Path, sha256: str, stage: str, error_type: str, message: str) -> PlanData:
    row = document_row(path, sha256, path.suffix.lower().lstrip("."))
    return PlanData(document=row, errors=[ErrorRow(str(path), row.doc_id, stage, error_type,
                                                   message)])


def failed_result(source: str, sha256: str, out_dir: Path, message: str,
                  duplicates: Sequence[str] = (), *, stage: str = "worker",
                  error_type: str = "WorkerDied") -> DocResult:
    """Record a document that failed outside a worker (its worker died, it cannot be read):
    written by the coordinating process."""
    data = failed_data(Path(source), sha256, stage, error_type, f"{source}: {message}")
    data.errors.extend(duplicate_rows(source, data.document.doc_id, duplicates))
    files = write_document(out_dir, data, __version__)
    return DocResult(source_path=source, sha256=sha256, doc_id=data.document.doc_id,
                     status="failed", files=[str(f) for f in files],
                     counts={t: len(getattr(data, t)) for t in COUNTED_TABLES},
                     error_messages=[e.message for e in data.errors])


ProgressCallback = Callable[[DocResult | None, int], None]


def run_batch(
    paths: Sequence[Path],
    out_dir: Path,
    options: BatchOptions | None = None,
    progress: ProgressCallback | None = None,
) -> BatchSummary:
    """Convert every supported file under `paths` into the datasets in `out_dir`."""
    options = options or BatchOptions()
    inputs, ignored = collect_inputs(paths)
    summary = BatchSummary(documents=len(inputs), ignored_files=ignored)
    manifest: Manifest | None = None
    lock = OutputLock(out_dir, options.lock_wait)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except OSError as exc:
        raise output_error(out_dir, exc) from exc
    try:  # from here on the folder is this run's: it is tidied before the lock goes
        summary.notes.extend(lock.notes)
        remove_temporaries(out_dir)
        manifest = Manifest.load(out_dir)
        return _run(inputs, out_dir, options, progress, summary, manifest)
    except KeyboardInterrupt as exc:
        with _interrupts_ignored():
            _keep_what_is_done(manifest, out_dir)
        recorded = len(manifest.recorded) if manifest is not None else 0
        raise BatchInterrupted(summary, recorded) from exc
    except OSError as exc:  # every other OSError is caught per document: the output's
        _keep_what_is_done(manifest, out_dir)
        raise output_error(out_dir, exc) from exc
    finally:
        lock.release()


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the run after the finished documents were recorded and every
    partial file removed; carries the summary and how many paths this run recorded (the
    summary may lag by the document being recorded when the signal came)."""

    def __init__(self, summary: BatchSummary, recorded: int) -> None:
        super().__init__("interrupted")
        self.summary = summary
        self.recorded = recorded


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """A second Ctrl-C while the folder is being tidied must not leave it half-tidied."""
    if not _in_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _keep_what_is_done(manifest: Manifest | None, out_dir: Path) -> None:
    """After an output error: fold the journal into the manifest (the finished documents
    stay recorded) and remove temporaries and files no entry owns, when the folder still
    allows it; if not, the journal stays and the next run completes the job."""
    if manifest is None:
        return
    try:
        if (out_dir / JOURNAL_NAME).exists():
            manifest.compact()
        remove_temporaries(out_dir)
        _remove_unreferenced(manifest, out_dir)
    except OSError:
        pass


Task = tuple[str, str, tuple[str, ...]]  # source path, SHA-256, paths of identical files


@dataclass
class _Group:
    """Input paths with one content: the first is converted, the others share its rows."""

    sha256: str
    paths: list[str]

    @property
    def task(self) -> Task:
        return self.paths[0], self.sha256, tuple(self.paths[1:])


def _hash_inputs(inputs: list[Path], out_dir: Path
                 ) -> tuple[list[_Group], list[DocResult]]:
    """Group the inputs by content (empty files each alone: they share a hash but not a
    name) and turn a file that cannot be read into its error row."""
    groups: dict[str, _Group] = {}
    unreadable: list[DocResult] = []
    for path in inputs:
        try:
            sha = file_sha256(path)
        except OSError as exc:
            unreadable.append(unreadable_result(path, out_dir, exc))
            continue
        key = f"{sha}:{path}" if sha == EMPTY_SHA256 else sha
        groups.setdefault(key, _Group(sha, [])).paths.append(str(path))
    return list(groups.values()), unreadable


def _group_is_current(manifest: Manifest, group: _Group, options: BatchOptions,
                      environment: dict[str, bool]) -> bool:
    """Every path of the group unchanged since it was converted, with the same first path
    (the one converted) as now, and a failed one failed with the same tools around."""
    if options.force:
        return False
    first = group.paths[0]
    for path in group.paths:
        entry = manifest.entries.get(path)
        if entry is None or (options.retry_failed and entry.status == "failed"):
            return False
        if entry.duplicate_of != (None if path == first else first):
            return False
        if not manifest.is_current(path, group.sha256, options.version, environment):
            return False
    return True


def _run(inputs: list[Path], out_dir: Path, options: BatchOptions,
         progress: ProgressCallback | None, summary: BatchSummary, manifest: Manifest
         ) -> BatchSummary:
    from pipeline.environment import tool_environment

    environment = tool_environment()
    groups, unreadable = _hash_inputs(inputs, out_dir)
    todo: list[Task] = []
    for group in groups:
        summary.duplicates += len(group.paths) - 1
        if _group_is_current(manifest, group, options, environment):
            summary.skipped_unchanged += 1
            _count_skipped(summary, manifest.entries[group.paths[0]])
            continue
        todo.append(group.task)
    if progress:
        progress(None, len(todo) + len(unreadable))
    dirty = False
    running = _execute(todo, out_dir, options)
    duplicates = {source: copies for source, _, copies in todo}
    try:
        for result in itertools.chain(unreadable, running):
            _replace_entry(manifest, out_dir, result, options.version, environment)
            for copy in duplicates.get(result.source_path, ()):
                _record_duplicate(manifest, out_dir, result, copy, options.version,
                                  environment)
            summary.add(result)
            dirty = True
            if progress:
                progress(result, len(todo) + len(unreadable))
    finally:
        running.close()  # on an error: stop the workers before anything is cleaned up
    if options.prune:
        summary.pruned = _prune(manifest, out_dir, {str(p) for p in inputs})
        dirty = dirty or summary.pruned > 0
    if dirty or (out_dir / JOURNAL_NAME).exists():
        manifest.compact()
    _remove_unreferenced(manifest, out_dir)
    summary.held = held_rows(manifest, out_dir)
    return summary


def held_rows(manifest: Manifest, out_dir: Path) -> dict[str, int]:
    """Rows per table in the files the manifest owns (read from Parquet footers only)."""
    import pyarrow.parquet as pq

    files = {f for entry in manifest.entries.values() for f in entry.files}
    held: dict[str, int] = {}
    for rel in sorted(files):
        table = Path(rel).parts[0]
        try:
            rows = pq.ParquetFile(out_dir / rel).metadata.num_rows
        except (OSError, ValueError):
            continue  # removed by hand since: the next run rewrites it
        held[table] = held.get(table, 0) + rows
    return held


def _remove_unreferenced(manifest: Manifest, out_dir: Path) -> None:
    """Files no manifest entry owns: left by a run killed after writing, before recording."""
    referenced = {f for entry in manifest.entries.values() for f in entry.files}
    orphans = dataset_files(out_dir) - referenced
    if orphans:
        remove_files(out_dir, orphans)
        remove_empty_partitions(out_dir)


def _count_skipped(summary: BatchSummary, entry: ManifestEntry) -> None:
    status = entry.status
    summary.ok += status == "ok"
    summary.partial += status == "partial"
    summary.failed += status == "failed"


def _replace_entry(manifest: Manifest, out_dir: Path, result: DocResult,
                   version: str = __version__, environment: dict[str, bool] | None = None,
                   *, source: str | None = None, duplicate_of: str | None = None) -> None:
    """Record a converted document (or, with `source`, a path with the same content);
    delete files of its previous version not rewritten."""
    source = source or result.source_path
    old = manifest.entries.get(source)
    if old is not None:
        stale = set(old.files) - set(result.files)
        shared = _files_used_by_others(manifest, source, stale)
        remove_files(out_dir, stale - shared)
    manifest.record(ManifestEntry(
        source_path=source,
        sha256=result.sha256,
        doc_id=result.doc_id,
        pipeline_version=version,
        status=result.status,
        files=result.files,
        n_pages=result.n_pages,
        environment=environment,
        duplicate_of=duplicate_of,
    ))


def _record_duplicate(manifest: Manifest, out_dir: Path, result: DocResult, copy: str,
                      version: str, environment: dict[str, bool]) -> None:
    """A path with the content of `result`'s: it owns the same files (its DuplicateFile
    row is in them), so a re-run skips it and --prune keeps them while one path is left."""
    _replace_entry(manifest, out_dir, result, version, environment, source=copy,
                   duplicate_of=result.source_path)


def _files_used_by_others(manifest: Manifest, source: str, files: set[str]) -> set[str]:
    """Two identical files in two places share a doc_id and therefore output files."""
    return {f for path, e in manifest.entries.items() if path != source for f in e.files
            if f in files}


def _prune(manifest: Manifest, out_dir: Path, current: set[str]) -> int:
    gone = [path for path in manifest.entries if path not in current]
    for path in gone:
        entry = manifest.forget(path)
        if entry is not None:
            shared = _files_used_by_others(manifest, path, set(entry.files))
            remove_files(out_dir, set(entry.files) - shared)
    return len(gone)


def _execute(
    todo: Sequence[Task], out_dir: Path, options: BatchOptions
) -> Generator[DocResult, None, None]:
    if not todo:
        return
    if options.executor == "dask":
        from pipeline.distributed import run_on_dask

        yield from run_on_dask(todo, out_dir, options, convert_one, failed_result)
        return
    workers = max(1, min(options.workers, len(todo)))
    if workers == 1:
        for source, sha, copies in todo:
            yield convert_one(source, str(out_dir), sha, options.timeout, options.vocabulary,
                              copies, options.limits, options.pdf_engine)
        return
    yield from run_in_processes(todo, out_dir, options, workers, convert_one, failed_result)
