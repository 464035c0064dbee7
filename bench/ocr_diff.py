"""Every field a fixture plan's scan reads differently from its text PDF, per dataset.

    .venv/bin/python -m bench.ocr_diff yasothon2-fy2563 [--pages 1-19]

The text reference is tests/fixtures/pdf/<plan>-untagged.pdf (or <plan>.pdf where there is
no untagged one), cut to the same pages as the scan; the scan is the 150-dpi one of
tests/fixtures/scans.py. Prints each differing field (text | scan) of summary, projects,
budget_lines and indicators, keyed by where the row sits, the Gantt months missing and
added, and the counts: the measure behind issue 13's yardstick tests, for finding what to
fix next. A tool, not a benchmark: it times nothing.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from dataclasses import fields
from pathlib import Path

from pipeline.process import process_file
from pipeline.records import PlanData
from tests.fixtures.scans import ScanSettings, scan
from tests.read.ocr.test_ocr_datasets import gantt_months
from tests.read.ocr.test_ocr_datasets_yasothon import page_range, text_pdf

# Fields that name where a row came from, not what it says.
PLACE_FIELDS = frozenset({"doc_id", "project_id", "source_page", "source_block", "bbox",
                          "row_id", "source_path"})
DATASETS = ("summary", "projects", "budget_lines", "indicators")


def keyed_rows(data: PlanData, dataset: str) -> dict[tuple[object, ...], object]:
    """Rows by project order and their order within it (the order alone for a summary
    row or a project)."""
    order = {p.project_id: i for i, p in enumerate(data.projects)}
    rows = getattr(data, dataset)
    if dataset in ("summary", "projects"):
        return {(i,): row for i, row in enumerate(rows)}
    seen: Counter[object] = Counter()
    out: dict[tuple[object, ...], object] = {}
    for row in rows:
        project = order.get(row.project_id)
        out[(project, seen[project])] = row
        seen[project] += 1
    return out


def differences(text: PlanData, scanned: PlanData, dataset: str) -> tuple[list[str], int]:
    """Each field of `dataset` the scan reads differently, and the number compared."""
    ours, theirs = keyed_rows(text, dataset), keyed_rows(scanned, dataset)
    out: list[str] = []
    compared = 0
    for key, row in ours.items():
        other = theirs.get(key)
        for f in fields(row):  # type: ignore[arg-type]
            if f.name in PLACE_FIELDS:
                continue
            compared += 1
            value = getattr(row, f.name)
            read = getattr(other, f.name) if other is not None else "<no row>"
            if value != read:
                out.append(f"{dataset} {key} {f.name}: {value!r} | {read!r}")
    out += [f"{dataset} {key}: not in the text PDF" for key in theirs if key not in ours]
    return out, compared


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plan")
    parser.add_argument("--pages", help="first-last, e.g. 1-19 (default: all)")
    args = parser.parse_args(argv)
    source = text_pdf(args.plan)
    settings = ScanSettings()
    if args.pages:
        first, last = (int(n) for n in args.pages.split("-"))
        settings = ScanSettings(first_page=first, last_page=last)
        source = page_range(source, first, last,
                            Path(tempfile.mkdtemp()) / f"{args.plan}-{first}-{last}.pdf")
    text, scanned = process_file(source), process_file(scan(args.plan, settings))
    for dataset in DATASETS:
        missed, compared = differences(text, scanned, dataset)
        print(*missed, sep="\n")
        print(f"== {dataset}: {len(missed)} of {compared} fields differ")
    ours, theirs = Counter(gantt_months(text)), Counter(gantt_months(scanned))
    print("Gantt months missing:", sorted((ours - theirs).elements(), key=repr))
    print("Gantt months added:", sorted((theirs - ours).elements(), key=repr))
    print(f"== schedule: {sum(theirs.values())} months read of {sum(ours.values())}")


if __name__ == "__main__":
    main()
