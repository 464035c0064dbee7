"""`python -m pipeline review DOC [DOC ...] --out DIR [--vocabulary FILE]`: argument parsing
only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.read.engines import add_pdf_engine_option

DEFAULT_REVIEW_DIR = Path("review")


def add_review_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = commands.add_parser(
        "review",
        help="write an HTML page per document showing what extraction read and found",
        description=(
            "For each DOC (.pdf, .docx, .doc) write DIR/<name>.review.html: every page as an"
            " image (DOCX through LibreOffice when installed), each extracted table outlined,"
            " cells coloured by the role they got, unmapped and unused cells marked, and"
            " each finding pinned where its evidence is, with a list that jumps there."
            " Exit code 1 if any document could not be reviewed, 2 if the vocabulary file"
            " cannot be used."
        ),
    )
    review.add_argument("docs", nargs="+", type=Path, metavar="DOC",
                        help="plan files to review (.pdf, .docx, .doc)")
    review.add_argument("--out", type=Path, default=DEFAULT_REVIEW_DIR, metavar="DIR",
                        help=f"folder for the pages (default: {DEFAULT_REVIEW_DIR}/)")
    add_pdf_engine_option(review)
    review.add_argument("--vocabulary", type=Path, metavar="FILE",
                        help="TOML file of the office's own header words (as for extract)")
    review.set_defaults(func=run_review)


def run_review(args: argparse.Namespace) -> int:
    from pipeline.explain_cli import EXIT_BAD_INPUT, vocabulary_option
    from pipeline.review import review_document, review_error

    vocabulary = vocabulary_option(args.vocabulary)
    if vocabulary is None:
        return EXIT_BAD_INPUT
    failed = 0
    for doc in args.docs:
        if not doc.is_file():
            print(f"{doc}: no such file", file=sys.stderr)
            failed += 1
            continue
        try:
            result = review_document(doc, args.out, vocabulary, pdf_engine=args.pdf_engine)
        except Exception as exc:  # one bad document must not stop the others
            print(review_error(doc, exc), file=sys.stderr)
            failed += 1
            continue
        print(f"{result.path}  ({len(result.tables)} tables, {len(result.findings)} findings,"
              f" {len(result.pages)} page images)")
    return 1 if failed else 0
