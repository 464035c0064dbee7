"""Command line: a thin argparse layer over the library (`pipeline.batch`, `pipeline.diff`).

Start-up stays light: building the parser imports no subcommand's library (argparse only),
and each command imports what it runs when it runs, so `--help` and `diff` never load the
extraction code, and `extract` never loads pandas or the diff (tests/test_startup.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.errors import DEFAULT_TIMEOUT, OutputError
from pipeline.explain_cli import add_explain_command, vocabulary_option
from pipeline.export_cli import add_export_command
from pipeline.limits import DEFAULT_LIMITS, limits_help
from pipeline.read.engines import add_pdf_engine_option
from pipeline.read.ocr import OCR_ENV, OCR_MODES
from pipeline.review.cli import add_review_command
from pipeline.safe_text import printable

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pipeline.batch import BatchSummary, DocResult

DEFAULT_INPUT = Path("raw_docs")
DEFAULT_OUTPUT = Path("extracted")
EXIT_BAD_INPUT = 2
EXIT_BAD_OUTPUT = 2  # read-only output folder, a file in the way, disk full, in use
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Thai yearly action plans (.docx, .pdf, .doc) into Parquet datasets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_extract(commands)
    _add_diff(commands)
    add_review_command(commands)
    add_export_command(commands)
    add_explain_command(commands)
    return parser


def _add_extract(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    extract = commands.add_parser(
        "extract",
        help="convert plans into the contract's datasets",
        description=(
            "Convert every .docx/.pdf/.doc plan under PATH (files or folders, searched"
            " recursively) into Parquet datasets under --out, one file per document and"
            " table, partitioned by fiscal year. Unchanged documents are skipped on re-runs."
            " Exit code: 0 unless every document failed (or --strict and any failed);"
            " 2 if an input path does not exist or the output folder cannot be written"
            " or is in use by another run; 130 when stopped by Ctrl-C."
        ),
    )
    extract.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help=f"input files or folders (default: {DEFAULT_INPUT}/)")
    extract.add_argument("--out", type=Path, default=DEFAULT_OUTPUT, metavar="DIR",
                         help=f"output folder for the datasets (default: {DEFAULT_OUTPUT}/)")
    extract.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                         help="documents converted in parallel (default: number of cores)")
    extract.add_argument("--executor", choices=("process", "dask"), default="process",
                         help="run documents in local worker processes (default) or on Dask")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address (tcp://host:8786); without it"
                              " --executor dask starts a local cluster of --workers workers")
    extract.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help=f"time limit per document (default: {DEFAULT_TIMEOUT:.0f})")
    extract.add_argument("--force", action="store_true",
                         help="re-extract every document even if unchanged since the last run")
    extract.add_argument("--prune", action="store_true",
                         help="remove from the datasets documents no longer among the inputs")
    extract.add_argument("--strict", action="store_true",
                         help="exit with code 1 if any document failed")
    extract.add_argument("--quiet", action="store_true",
                         help="no progress display, only failed files (one line each) and"
                              " the closing summary")
    extract.add_argument("--ocr", choices=OCR_MODES, default=None,
                         help="which PDF pages are read by OCR: auto (default: pages without"
                              " a text layer), always, never")
    extract.add_argument("--vocabulary", type=Path, metavar="FILE",
                         help="TOML file of the office's own header words (see README,"
                              " 'Your own words'); exit code 2 if it cannot be used")
    extract.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                         help="raise (or lower) a per-document limit; repeatable; VALUE a"
                              " number, bytes also as 2GB or 512MiB; limits (default): "
                              + limits_help() + "; exit code 2 if a setting is not valid")
    add_pdf_engine_option(extract)
    _add_folder_options(extract)
    extract.set_defaults(func=run_extract)


def _add_folder_options(extract: argparse.ArgumentParser) -> None:
    from pipeline.output_lock import DEFAULT_LOCK_WAIT

    extract.add_argument("--lock-wait", type=float, default=DEFAULT_LOCK_WAIT,
                         metavar="SECONDS",
                         help="when another run is using --out, wait up to SECONDS for it"
                              f" to end (default: {DEFAULT_LOCK_WAIT:g}, refuse at once"
                              " with exit code 2)")
    extract.add_argument("--retry-failed", action="store_true",
                         help="convert again every document that failed on an earlier run"
                              " (failed ones are retried anyway when the pipeline version"
                              " or the tools around, LibreOffice or OCR, change)")


def _add_diff(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    try:
        from pipeline.diff.cli import add_diff_command
    except ImportError:
        return
    add_diff_command(commands)


def run_extract(args: argparse.Namespace) -> int:
    from pipeline.batch import BatchOptions, missing_inputs, run_batch

    paths = list(args.paths) or [DEFAULT_INPUT]
    missing = missing_inputs(paths)
    if missing:
        for path in missing:
            print(f"error: {path}: no such file or folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    vocabulary = vocabulary_option(args.vocabulary)
    if vocabulary is None:
        return EXIT_BAD_INPUT
    try:
        limits = DEFAULT_LIMITS.with_settings(args.limit)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.ocr is not None:
        os.environ[OCR_ENV] = args.ocr  # read by `read_pdf`, inherited by worker processes
    options = BatchOptions(workers=max(1, args.workers), timeout=args.timeout,
                           prune=args.prune, force=args.force, executor=args.executor,
                           scheduler=args.scheduler, vocabulary=vocabulary,
                           lock_wait=args.lock_wait, retry_failed=args.retry_failed,
                           limits=limits, pdf_engine=args.pdf_engine)
    started = time.monotonic()
    try:
        with ProgressDisplay(quiet=args.quiet) as progress:
            summary = run_batch(paths, args.out, options, progress=progress)
    except OutputError as exc:
        print(f"error: {printable(exc.message)}", file=sys.stderr)
        return EXIT_BAD_OUTPUT
    except KeyboardInterrupt as exc:
        print(_interrupted_line(exc, args.out), file=sys.stderr)
        return EXIT_INTERRUPTED
    _print_summary(summary, args.out, time.monotonic() - started)
    return summary.exit_code(strict=args.strict)


def _interrupted_line(exc: KeyboardInterrupt, out: Path) -> str:
    from pipeline.batch import BatchInterrupted

    done = exc.recorded if isinstance(exc, BatchInterrupted) else 0
    return (f"interrupted: stopped by Ctrl-C; {done} documents converted in this run are"
            f" recorded in {printable(str(out))}/ (run again to convert the rest)")


class ProgressDisplay:
    """A live bar (documents, pages, rate, ETA) on a terminal; one plain line per document
    otherwise, so logs of unattended runs stay readable."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.done = 0
        self.pages = 0
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if sys.stderr.isatty() and not quiet:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[pages]} pages · {task.fields[rate]}"),
                TimeElapsedColumn(), TimeRemainingColumn(),
                transient=True,
            )

    def __enter__(self) -> ProgressDisplay:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, result: DocResult | None, total: int) -> None:
        if result is None:  # the run starts: `total` documents to convert
            if self._progress is not None:
                self._task = self._progress.add_task("extract", total=total, pages=0, rate="")
            return
        self.done += 1
        self.pages += result.n_pages or 0
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = f"{self.done / elapsed:.1f} docs/s, {self.pages / elapsed:.0f} pages/s"
        if self._progress is not None and self._task is not None:
            from rich.markup import escape

            self._progress.update(self._task, advance=1, pages=self.pages, rate=rate)
            for message in result.error_messages:
                self._progress.console.print(f"[red]error[/red] {escape(printable(message))}",
                                             highlight=False)
        elif not self.quiet:
            print(f"[{self.done}/{total}] {result.status:7} {printable(result.source_path)}"
                  f" ({rate})", file=sys.stderr, flush=True)
            for message in result.error_messages:
                print(f"  error: {printable(message)}", file=sys.stderr, flush=True)
        elif result.status == "failed":
            print(f"failed: {printable(_naming_file(result))}", file=sys.stderr, flush=True)


def _naming_file(result: DocResult) -> str:
    """The first error of a failed document, prefixed with its path unless it names it."""
    message = result.error_messages[0] if result.error_messages else "no rows written"
    return message if result.source_path in message else f"{result.source_path}: {message}"


def _print_summary(summary: BatchSummary, out: Path, seconds: float) -> None:
    for message in [*summary.ignored_files, *summary.notes]:
        print(printable(message), file=sys.stderr)
    counts = summary.counts
    same = f", {summary.duplicates} the same as another" if summary.duplicates else ""
    lines = [
        f"documents: {summary.documents} ({summary.converted} converted,"
        f" {summary.skipped_unchanged} unchanged{same}; {summary.ok} ok,"
        f" {summary.partial} partial, {summary.failed} failed)",
        f"this run: projects: {counts['projects']}  budget lines: {counts['budget_lines']}"
        f"  schedule rows: {counts['schedule']}  findings: {counts['findings']}"
        f"  errors: {counts['errors']}",
    ]
    held = summary.held
    if held:
        lines.append(
            f"{out}/ holds: documents: {held.get('documents', 0)}"
            f"  projects: {held.get('projects', 0)}"
            f"  budget lines: {held.get('budget_lines', 0)}"
            f"  findings: {held.get('findings', 0)}  errors: {held.get('errors', 0)}")
    if summary.pruned:
        lines.append(f"pruned: {summary.pruned} documents no longer in the input")
    if summary.documents == 0:
        lines.append("no .docx, .pdf or .doc files found in the given paths")
    lines.append(f"output: {printable(str(out))}/  ({seconds:.1f}s)")
    print("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
