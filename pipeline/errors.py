"""Exceptions that carry a clear, one-line message for the user.

Anything raised while processing a document is turned into an `errors` row; these
classes let each stage say what is wrong in words a planner understands.
"""

from __future__ import annotations

import errno
from pathlib import Path

# Seconds a document may take before it becomes a timeout error row (`extract --timeout`).
DEFAULT_TIMEOUT = 300.0


class PipelineError(Exception):
    """Base class: `stage` names where it happened (read, extract, load...)."""

    stage = "pipeline"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReadError(PipelineError):
    """The file cannot be read as the format its name claims."""

    stage = "read"


class UnsupportedFormatError(ReadError):
    """The file type is not one the pipeline reads."""


class MissingToolError(ReadError):
    """An optional system tool (LibreOffice, tesseract) is needed but absent."""


class ScannedDocumentError(ReadError):
    """A PDF without a text layer: it needs OCR before it can be parsed."""


class EncryptedDocumentError(ReadError):
    """A password-protected file: its content cannot be read without the password."""


class LimitExceededError(ReadError):
    """A document exceeds one of the per-document limits (`pipeline.limits.Limits`).

    Raised where the cost is incurred, often deep inside a reader that does not know the
    file, so `path` may be filled in later (`for_file`) by the code that does.
    """

    def __init__(self, name: str, seen: str, limit: str, path: object = None) -> None:
        self.limit_name, self.seen, self.limit, self.path = name, seen, limit, path
        where = f"{path}: " if path is not None else ""
        super().__init__(
            f"{where}refused: {seen} exceeds the limit {name} = {limit};"
            f" if the file is genuine, raise it with --limit {name}=VALUE")

    def for_file(self, path: object) -> LimitExceededError:
        """The same error, naming the file (unchanged when it already does)."""
        if self.path is not None:
            return self
        return LimitExceededError(self.limit_name, self.seen, self.limit, path)


class NotAPlanError(PipelineError):
    """The document reads fine but holds nothing that looks like an action plan."""

    stage = "extract"


class OutputError(PipelineError):
    """The output folder cannot be written (read-only, a file in the way, disk full).

    Not a per-document problem: the run stops with this one-line message (exit code 2)
    after recording the documents already finished and removing every partial file.
    """

    stage = "output"


OUTPUT_PROBLEMS = {
    errno.EEXIST: "a file is in the way (the output must be a folder)",
    errno.ENOTDIR: "a file is in the way (the output must be a folder)",
    errno.EACCES: "permission denied (read-only folder?)",
    errno.EPERM: "permission denied (read-only folder?)",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device (disk full); re-run when there is room",
    errno.EDQUOT: "disk quota exceeded; re-run when there is room",
}


def output_error(out_dir: Path, exc: OSError) -> OutputError:
    """One line naming the output folder, the problem and the path that failed."""
    reason = OUTPUT_PROBLEMS.get(exc.errno or 0, exc.strerror or str(exc))
    where = f" (at {exc.filename})" if exc.filename and Path(exc.filename) != out_dir else ""
    return OutputError(f"{out_dir}: cannot write the output: {reason}{where}")


class DocumentTimeoutError(BaseException):
    """Processing one document took longer than the per-document time limit.

    Raised by the batch's timer signal anywhere inside a document's reading or extraction.
    A BaseException (like KeyboardInterrupt), so the `except Exception` blocks that turn
    damaged input into rows or skip a bad table cannot swallow it: only the batch's
    `convert_one` catches it, and writes the timeout row naming the file.
    """

    stage = "timeout"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
