"""Legacy Word 97 (.doc) input, converted to .docx by LibreOffice in a temporary folder.

LibreOffice is an optional system package: without it, .doc files get a clear error
that says how to install it, and the rest of the batch goes on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import MissingToolError, ReadError
from pipeline.limits import DEFAULT_LIMITS, Limits
from pipeline.model import Document

INSTALL_HINT = (
    "install LibreOffice to read .doc files"
    " (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui)"
)


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_doc_to_docx(path: Path, out_dir: Path, *, timeout: float = 120.0) -> Path:
    """Run `soffice --headless --convert-to docx` with its own profile and a time limit."""
    soffice = soffice_path()
    if soffice is None:
        raise MissingToolError(f"{path}: cannot read .doc: LibreOffice (soffice) not found; "
                               f"{INSTALL_HINT}")
    profile = out_dir / "profile"
    command = [
        soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(path),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=timeout,
                       env={**os.environ, "HOME": str(out_dir)})
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"{path}: LibreOffice did not convert the .doc within {timeout:.0f}s"
                        ) from exc
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        raise ReadError(f"{path}: LibreOffice could not convert the .doc"
                        f" ({detail[-1] if detail else 'exit code ' + str(exc.returncode)})"
                        ) from exc
    converted = out_dir / f"{path.stem}.docx"
    if not converted.exists():
        raise ReadError(f"{path}: LibreOffice produced no .docx (damaged or not a Word file?)")
    return converted


def read_doc(path: Path, *, timeout: float = 120.0,
             limits: Limits = DEFAULT_LIMITS) -> Document:
    from pipeline.read.docx_reader import read_docx

    with tempfile.TemporaryDirectory(prefix="plan-doc-") as tmp:
        converted = convert_doc_to_docx(path, Path(tmp), timeout=timeout)
        document = read_docx(converted, limits)
    document.source_path = str(path)
    document.source_format = "doc"
    return document
