"""`python -m pipeline explain DOC [--vocabulary FILE] [--json]`: argument parsing only.

Also reads the `--vocabulary FILE` option that `extract` shares.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.read.engines import add_pdf_engine_option

if TYPE_CHECKING:
    from pipeline.normalize.vocabulary.office import OfficeVocabulary

EXIT_BAD_INPUT = 2


def add_explain_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    explain = commands.add_parser(
        "explain",
        help="show how each table of one document was read (kind, header, column roles)",
        description=(
            "Read and extract one plan (.docx, .pdf, .doc) and show, for each table: its"
            " page and block, the kind it was read as and why, its header rows and how they"
            " were found, each column's role with the evidence (header word and match score,"
            " cell content, arithmetic that closed) and how many of its money cells landed"
            " in a dataset. Writes nothing. Exit code 2 if DOC or the vocabulary file cannot"
            " be used."
        ),
    )
    explain.add_argument("document", type=Path, metavar="DOC", help="the plan to explain")
    explain.add_argument("--vocabulary", type=Path, metavar="FILE",
                         help="TOML file of the office's own header words (as for extract)")
    explain.add_argument("--json", action="store_true",
                         help="print the explanation as JSON instead of text")
    add_pdf_engine_option(explain)
    explain.set_defaults(func=run_explain)


def vocabulary_option(path: Path | None) -> OfficeVocabulary | None:
    """The vocabulary of `--vocabulary FILE` (the built-in one without the option), or None
    after printing one line naming the file and what is wrong with it."""
    from pipeline.normalize.vocabulary.office import BUILT_IN, VocabularyError, load_vocabulary

    if path is None:
        return BUILT_IN
    try:
        return load_vocabulary(path)
    except VocabularyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def run_explain(args: argparse.Namespace) -> int:
    from pipeline.errors import PipelineError
    from pipeline.explain import explain_document, render_text

    vocabulary = vocabulary_option(args.vocabulary)
    if vocabulary is None:
        return EXIT_BAD_INPUT
    if args.document.is_dir():
        print(f"error: {args.document}: is a folder; explain takes one document",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.document.is_file():
        print(f"error: {args.document}: no such file", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        explained = explain_document(args.document, vocabulary, pdf_engine=args.pdf_engine)
    except PipelineError as exc:
        message = exc.message if str(args.document) in exc.message \
            else f"{args.document}: {exc.message}"
        print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {args.document}: cannot read the file ({exc.strerror or exc})",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        json.dump(explained.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(explained))
    return 0
