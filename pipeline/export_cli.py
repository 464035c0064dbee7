"""`python -m pipeline export DIR --xlsx FILE --csv FOLDER`: argument parsing only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2


def add_export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="copy an extract output folder to Excel (.xlsx) or CSV for staff",
        description=(
            "Write the datasets of DIR (an `extract --out` folder) as one Excel workbook"
            " (--xlsx: an overview sheet of documents and their findings, then one sheet per"
            " table; money as numbers in baht, dates as dates, lists joined with '; ', frozen"
            " header row with filters, headers in Thai and English) and/or as CSV files"
            " (--csv: one <table>.csv per table, UTF-8 with BOM so Excel shows Thai, exact"
            " amounts). Exit code 2 if DIR is missing or an output cannot be written."
        ),
    )
    export.add_argument("extracted", type=Path, metavar="DIR",
                        help="folder written by `extract --out`")
    export.add_argument("--xlsx", type=Path, metavar="FILE", help="workbook to write")
    export.add_argument("--csv", type=Path, metavar="FOLDER", help="folder for the CSV files")
    export.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    from pipeline.export import ExportError, export_csv, export_xlsx

    if args.xlsx is None and args.csv is None:
        print("error: say what to write: --xlsx FILE and/or --csv FOLDER", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.extracted.is_dir():
        print(f"error: {args.extracted}: no such folder (create it with `python -m pipeline"
              " extract PLANS --out DIR`)", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if args.xlsx is not None:
            result = export_xlsx(args.extracted, args.xlsx)
            _report(result.files[0], result.rows, result.notes)
        if args.csv is not None:
            result = export_csv(args.extracted, args.csv)
            _report(args.csv, result.rows, result.notes)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _report(target: Path, rows: dict[str, int], notes: list[str]) -> None:
    counts = ", ".join(f"{table} {n}" for table, n in rows.items())
    print(f"{target}: {counts}")
    for note in notes:
        print(f"note: {note}")
