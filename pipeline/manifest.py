"""The output folder's manifest: what each source file became, for incremental runs.

Keyed by source path, it records the file's SHA-256, the pipeline version that
extracted it and the dataset files written for it. Completed documents are appended to
a journal (one JSON line each, flushed) as they finish, so a run killed at any moment
loses at most the document in flight; `compact` folds the journal into the manifest.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

MANIFEST_NAME = "_manifest.json"
JOURNAL_NAME = "_manifest.journal"


@dataclass
class ManifestEntry:
    source_path: str
    sha256: str
    doc_id: str
    pipeline_version: str
    status: str
    files: list[str] = field(default_factory=list)
    n_pages: int | None = None


@dataclass
class Manifest:
    out_dir: Path
    entries: dict[str, ManifestEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        manifest = cls(out_dir=out_dir)
        path = out_dir / MANIFEST_NAME
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                for item in raw.get("documents", []):
                    entry = ManifestEntry(**item)
                    manifest.entries[entry.source_path] = entry
            except (ValueError, TypeError):
                manifest.entries = {}  # unreadable: everything is redone, nothing is lost
        journal = out_dir / JOURNAL_NAME
        if journal.exists():
            for line in journal.read_text(encoding="utf-8").splitlines():
                try:
                    entry = ManifestEntry(**json.loads(line))
                except (ValueError, TypeError):
                    continue  # a line cut short by a kill
                manifest.entries[entry.source_path] = entry
        return manifest

    def is_current(self, source_path: str, sha256: str, pipeline_version: str) -> bool:
        entry = self.entries.get(source_path)
        return (
            entry is not None
            and entry.sha256 == sha256
            and entry.pipeline_version == pipeline_version
            and all((self.out_dir / f).exists() for f in entry.files)
        )

    def record(self, entry: ManifestEntry) -> None:
        """Add a finished document and append it to the journal at once."""
        self.entries[entry.source_path] = entry
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with (self.out_dir / JOURNAL_NAME).open("a", encoding="utf-8") as journal:
            journal.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
            journal.flush()
            os.fsync(journal.fileno())

    def forget(self, source_path: str) -> ManifestEntry | None:
        return self.entries.pop(source_path, None)

    def compact(self) -> None:
        """Write the manifest atomically and drop the journal it now contains."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / MANIFEST_NAME
        temp = self.out_dir / f".{MANIFEST_NAME}.tmp"
        documents = [asdict(e) for _, e in sorted(self.entries.items())]
        try:
            temp.write_text(json.dumps({"documents": documents}, ensure_ascii=False,
                                       indent=1), encoding="utf-8")
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        (self.out_dir / JOURNAL_NAME).unlink(missing_ok=True)
