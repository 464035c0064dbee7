"""The output folder's manifest: what each source file became, for incremental runs.

Keyed by source path, it records the file's SHA-256, the pipeline version that
extracted it and the dataset files written for it. Completed documents are appended to
a journal (one JSON line each, flushed) as they finish, so a run killed at any moment
loses at most the document in flight; `compact` folds the journal into the manifest.

`compact` re-reads what is on disk and merges it: entries another run recorded since this
one loaded the manifest are kept (a run replaces only the entries it recorded or
forgot), so two runs on one folder never lose each other's documents. Paths are written
with `json_safe`, so a file name that is not UTF-8 round-trips exactly.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from pipeline.safe_text import json_safe

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
    # The optional tools present when it was converted (`pipeline.environment`): a failed
    # document is retried once they change (LibreOffice installed). None in manifests
    # written before this field existed.
    environment: dict[str, bool] | None = None
    # The path first seen with the same content, whose rows this path shares (None: its own)
    duplicate_of: str | None = None

    @classmethod
    def from_json(cls, item: Any) -> ManifestEntry:
        """An entry from its JSON object; keys this version does not know are ignored (a
        newer run's manifest still loads) and missing optional ones take their default."""
        if not isinstance(item, dict):
            raise TypeError("a manifest entry is a JSON object")
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in item.items() if k in known})


@dataclass
class Manifest:
    out_dir: Path
    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    # What this run changed, so `compact` knows which entries on disk it may replace.
    _recorded: set[str] = field(default_factory=set, repr=False)
    _forgotten: set[str] = field(default_factory=set, repr=False)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        return cls(out_dir=out_dir, entries=_read_entries(out_dir))

    def is_current(self, source_path: str, sha256: str, pipeline_version: str,
                   environment: dict[str, bool] | None = None) -> bool:
        """Unchanged since it was converted: same bytes, same pipeline, its files present,
        and, for a failed document, the same tools around (`environment`, when given)."""
        entry = self.entries.get(source_path)
        return (
            entry is not None
            and entry.sha256 == sha256
            and entry.pipeline_version == pipeline_version
            and not (environment is not None and entry.status == "failed"
                     and entry.environment != environment)
            and all((self.out_dir / f).exists() for f in entry.files)
        )

    def record(self, entry: ManifestEntry) -> None:
        """Add a finished document and append it to the journal at once."""
        self.entries[entry.source_path] = entry
        self._recorded.add(entry.source_path)
        self._forgotten.discard(entry.source_path)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with (self.out_dir / JOURNAL_NAME).open("a", encoding="utf-8") as journal:
            journal.write(_json_line(asdict(entry)) + "\n")
            journal.flush()
            os.fsync(journal.fileno())

    @property
    def recorded(self) -> frozenset[str]:
        """The paths this run recorded (what an interrupted run says it kept)."""
        return frozenset(self._recorded)

    def forget(self, source_path: str) -> ManifestEntry | None:
        self._forgotten.add(source_path)
        self._recorded.discard(source_path)
        return self.entries.pop(source_path, None)

    def merge_from_disk(self) -> None:
        """Take in entries recorded on disk by another run since this one loaded: this
        run's own records and removals win, every other path keeps the disk's entry."""
        on_disk = _read_entries(self.out_dir)
        for path, entry in on_disk.items():
            if path not in self._recorded and path not in self._forgotten:
                self.entries[path] = entry

    def compact(self) -> None:
        """Merge with what is on disk, write the manifest atomically and drop the journal
        it now contains."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.merge_from_disk()
        path = self.out_dir / MANIFEST_NAME
        temp = self.out_dir / f".{MANIFEST_NAME}.tmp"
        documents = [asdict(e) for _, e in sorted(self.entries.items())]
        try:
            temp.write_text(json_safe(json.dumps({"documents": documents}, ensure_ascii=False,
                                                 indent=1)), encoding="utf-8")
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        (self.out_dir / JOURNAL_NAME).unlink(missing_ok=True)


def _json_line(item: dict[str, Any]) -> str:
    return json_safe(json.dumps(item, ensure_ascii=False))


def _read_entries(out_dir: Path) -> dict[str, ManifestEntry]:
    """The manifest's entries with the journal's on top (the journal is newer)."""
    entries: dict[str, ManifestEntry] = {}
    path = out_dir / MANIFEST_NAME
    if path.exists():
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            for item in raw.get("documents", []):
                entry = ManifestEntry.from_json(item)
                entries[entry.source_path] = entry
        except (ValueError, TypeError, AttributeError):
            entries = {}  # unreadable: everything is redone, nothing is lost
    journal = out_dir / JOURNAL_NAME
    if journal.exists():
        for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = ManifestEntry.from_json(json.loads(line))
            except (ValueError, TypeError):
                continue  # a line cut short by a kill
            entries[entry.source_path] = entry
    return entries
