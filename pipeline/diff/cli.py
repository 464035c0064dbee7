"""`python -m pipeline diff`: a thin argparse layer over pipeline.diff.

Parses arguments, calls the library, prints a short summary and returns the exit code;
every failure the user can fix is one line on stderr, never a traceback. Registering the
command imports nothing of the library (pandas, pyarrow): `run_diff` imports it when run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Final

from pipeline.diff.settings import MatchSettings

MODE_YEARS: Final = "years"
MODE_EXTRACTION: Final = "extraction"
EXIT_OK: Final = 0
EXIT_CHANGED: Final = 1
EXIT_BAD_INPUT: Final = 2


def add_diff_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `diff` on the main parser's subcommands."""
    diff = commands.add_parser(
        "diff",
        help="compare two plans year over year, or two extractions of the same documents",
        description=(
            "Compare extracted datasets. Default mode (years): match the projects of one"
            " office's plan in two fiscal years and list what was added, removed, renamed"
            " or changed (budgets, unit, people, period, priority, budget lines, schedule);"
            " OLD and NEW are extraction folders, or give one folder with --from-year and"
            " --to-year. Mode extraction: OLD and NEW are the same documents extracted by"
            " two pipeline versions; list every differing cell. Writes Parquet tables and"
            " report.html to --out. Exit code 0, or 1 with --fail-on-change when anything"
            " changed, 2 for unusable inputs (also: plans of two organisations without"
            " --allow-cross-org)."
        ),
    )
    diff.add_argument("old", type=Path, metavar="OLD",
                      help="extracted dataset folder of the old plan (or of both years)")
    diff.add_argument("new", type=Path, nargs="?", metavar="NEW",
                      help="extracted dataset folder of the new plan (omit with --from-year"
                           " and --to-year to compare two years of OLD)")
    diff.add_argument("--out", type=Path, required=True, metavar="REPORT_DIR",
                      help="folder for changes.parquet (or cell_changes.parquet) and"
                           " report.html; created if missing")
    diff.add_argument("--mode", choices=(MODE_YEARS, MODE_EXTRACTION), default=MODE_YEARS,
                      help="years: plan vs plan (default); extraction: pipeline version vs"
                           " version, cell by cell")
    diff.add_argument("--from-year", type=int, metavar="BE",
                      help="fiscal year (Buddhist era, e.g. 2563) of the old plan")
    diff.add_argument("--to-year", type=int, metavar="BE",
                      help="fiscal year (Buddhist era, e.g. 2564) of the new plan")
    diff.add_argument("--org", metavar="NAME",
                      help="organisation to compare when a folder holds several (any part"
                           " of its name, e.g. 'สพป.ยโสธร เขต 2')")
    diff.add_argument("--allow-cross-org", action="store_true",
                      help="compare plans of two different organisations (refused by"
                           " default: another office's plan is not this one's next year)")
    diff.add_argument("--threshold", type=_score, default=MatchSettings().threshold,
                      metavar="SCORE",
                      help="lowest match score (0..1) for two projects to be the same"
                           f" project (default: {MatchSettings().threshold})")
    diff.add_argument("--fail-on-change", action="store_true",
                      help="exit with code 1 if there is any change (for CI)")
    diff.add_argument("--quiet", action="store_true",
                      help="print only the output paths, not the summary")
    diff.set_defaults(func=run_diff)


def _score(text: str) -> float:
    """argparse type of --threshold: a number within 0..1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be within 0..1, got {text}")
    return value


def run_diff(args: argparse.Namespace) -> int:
    from pipeline.diff.load import DiffInputError

    try:
        changed = _run_extraction(args) if args.mode == MODE_EXTRACTION else _run_years(args)
    except DiffInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_CHANGED if changed and args.fail_on_change else EXIT_OK


def _run_years(args: argparse.Namespace) -> bool:
    from pipeline.diff.load import DiffInputError
    from pipeline.diff.output import plan_summary, write_plan_report
    from pipeline.diff.plans import diff_years, same_organization

    diff = diff_years(args.old, args.new, from_year=args.from_year, to_year=args.to_year,
                      organization=args.org, settings=MatchSettings(threshold=args.threshold))
    cross_org = not same_organization(diff)
    if cross_org and not args.allow_cross_org:
        raise DiffInputError(
            f"the plans are of two organisations: {diff.old_organization}"
            f" ({diff.old_fiscal_year}) and {diff.new_organization} ({diff.new_fiscal_year});"
            " choose one with --org, or pass --allow-cross-org to compare them anyway")
    paths = write_plan_report(diff, args.out)
    if not args.quiet:
        if cross_org:
            print(f"note: comparing two organisations: {diff.old_organization}"
                  f" -> {diff.new_organization}")
        print(plan_summary(diff))
    print(f"report: {paths['report']}  changes: {paths['changes']}")
    return diff.has_changes()


def _run_extraction(args: argparse.Namespace) -> bool:
    from pipeline.diff.extraction import diff_extractions
    from pipeline.diff.load import DiffInputError
    from pipeline.diff.output import extraction_summary, write_extraction_report

    if args.new is None:
        raise DiffInputError("--mode extraction needs two folders, OLD and NEW")
    if args.from_year is not None or args.to_year is not None or args.org is not None:
        raise DiffInputError("--from-year, --to-year and --org apply to --mode years only")
    cells = diff_extractions(args.old, args.new)
    paths = write_extraction_report(cells, args.out, str(args.old), str(args.new))
    if not args.quiet:
        print(extraction_summary(cells))
    print(f"report: {paths['report']}  cell changes: {paths['cell_changes']}")
    return not cells.empty
