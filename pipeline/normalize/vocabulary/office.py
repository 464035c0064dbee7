"""An office's own header words, added from a TOML file without code (`--vocabulary FILE`).

Each office writes its plans its own way: a budget column "เบี้ยประชุมกรรมการ" that is
ค่าตอบแทน, a summary column "งบ สพฐ." that is OBEC money, a project header line
"ผู้ประสานงานโครงการ" that names the responsible persons. The words of such a file are
added to the built-in ones (`pipeline/normalize/vocabulary/plan.py`) and checked first:

    [budget.categories]        # an expense category's column header, heading row,
                               # category cell or item-name start
    compensation = ["ค่าเบี้ยประชุม"]
    [budget.columns]           # header words of the other budget columns
    unit_price = ["ราคาต่อชิ้น"]
    [summary.funding_sources]  # header (or cell) words naming a funding source
    budget_obec = ["งบ สพฐ."]
    [summary.columns]          # header words of the summary's other columns
    project = ["ชื่องาน"]
    [header.fields]            # labels of a project's header lines
    responsible = ["ผู้เสนอโครงการ"]

A vocabulary is a frozen, hashable value: it travels to worker processes with each task
(never as module state that only the parent process would see) and keys the caches of
header matching.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pipeline.normalize.text import compact
from pipeline.normalize.vocabulary.plan import FUNDING_SOURCE_ROOTS, Column, HeaderField

Words = tuple[str, ...]
T = TypeVar("T")

# The keys of each section, and what each key means in the extractor.
CATEGORY_KEYS: dict[str, Column] = {c.value: c for c in (
    Column.COMPENSATION, Column.OPERATING, Column.MATERIALS, Column.UTILITIES,
    Column.EQUIPMENT, Column.CONSTRUCTION, Column.OTHER_EXPENSE)}
BUDGET_COLUMN_KEYS: dict[str, Column] = {c.value: c for c in (
    Column.ITEM, Column.ITEM_NO, Column.QUANTITY, Column.UNIT_WORD, Column.UNIT_PRICE,
    Column.TOTAL, Column.AMOUNT, Column.OFF_BUDGET, Column.NOTE, Column.CATEGORY_NAME,
    Column.SOURCE_NAME)}
FUNDING_SOURCE_KEYS: tuple[str, ...] = tuple(dict.fromkeys(
    [*FUNDING_SOURCE_ROOTS.values(), "off_budget"]))
SUMMARY_COLUMN_KEYS: dict[str, Column] = {c.value: c for c in (
    Column.PROJECT, Column.PRIORITY, Column.RESPONSIBLE, Column.AMOUNT)}
HEADER_FIELD_KEYS: dict[str, HeaderField] = {f.value: f for f in HeaderField}
SECTIONS: dict[str, tuple[str, ...]] = {
    "budget": ("categories", "columns"),
    "summary": ("funding_sources", "columns"),
    "header": ("fields",),
}


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class OfficeVocabulary:
    """Words added to the built-in vocabulary, by the role they give (compact text)."""

    categories: tuple[tuple[Column, Words], ...] = ()
    budget_columns: tuple[tuple[Column, Words], ...] = ()
    funding_sources: tuple[tuple[str, Words], ...] = ()
    summary_columns: tuple[tuple[Column, Words], ...] = ()
    header_fields: tuple[tuple[HeaderField, Words], ...] = ()
    source: str | None = None  # the file it was read from

    @property
    def is_empty(self) -> bool:
        return not (self.categories or self.budget_columns or self.funding_sources
                    or self.summary_columns or self.header_fields)

    def fingerprint(self) -> str:
        """A short digest of the words (not of the file name): a re-run with other words
        must not pass for an unchanged one."""
        words = (self.categories, self.budget_columns, self.funding_sources,
                 self.summary_columns, self.header_fields)
        return hashlib.sha256(repr(words).encode()).hexdigest()[:12]

    def funding_roots(self) -> tuple[tuple[str, str], ...]:
        """(root, canonical key) pairs, the office's words first, then the built-in ones."""
        own = [(word, key) for key, words in self.funding_sources for word in words]
        return (*own, *FUNDING_SOURCE_ROOTS.items())

    def category_names(self) -> tuple[tuple[str, Column], ...]:
        """The office's category words, as a cell or a heading may name a category."""
        return tuple((word, role) for role, words in self.categories for word in words)

    def header_labels(self) -> tuple[tuple[str, HeaderField], ...]:
        return tuple((word, f) for f, words in self.header_fields for word in words)


BUILT_IN = OfficeVocabulary()


def load_vocabulary(path: Path) -> OfficeVocabulary:
    """Read and check a vocabulary file; every problem is a `VocabularyError` naming the
    file and the key."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise VocabularyError(f"{path}: no such vocabulary file") from None
    except IsADirectoryError:
        raise VocabularyError(f"{path}: is a folder, not a vocabulary file") from None
    except OSError as exc:
        raise VocabularyError(f"{path}: cannot read the vocabulary file ({exc.strerror})"
                              ) from None
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"{path}: not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{path}: not valid TOML (not UTF-8 text)") from None
    return vocabulary_from_mapping(data, str(path))


def vocabulary_from_mapping(data: Mapping[str, object], source: str) -> OfficeVocabulary:
    """The vocabulary a parsed TOML document describes (see the module docstring)."""
    tables: dict[str, Mapping[str, object]] = {}
    for section, value in data.items():
        if section not in SECTIONS:
            raise VocabularyError(f"{source}: unknown section [{section}]"
                                  f" (known: {', '.join(SECTIONS)})")
        if not isinstance(value, Mapping):
            raise VocabularyError(f"{source}: [{section}] must be a table of sub-sections")
        for sub, words in value.items():
            name = f"{section}.{sub}"
            if sub not in SECTIONS[section]:
                known = ", ".join(f"{section}.{s}" for s in SECTIONS[section])
                raise VocabularyError(f"{source}: unknown section [{name}] (known: {known})")
            if not isinstance(words, Mapping):
                raise VocabularyError(f"{source}: [{name}] must be a table of key = [words]")
            tables[name] = words
    return OfficeVocabulary(
        categories=_section(tables, "budget.categories", CATEGORY_KEYS, source),
        budget_columns=_section(tables, "budget.columns", BUDGET_COLUMN_KEYS, source),
        funding_sources=_section(tables, "summary.funding_sources",
                                 {k: k for k in FUNDING_SOURCE_KEYS}, source),
        summary_columns=_section(tables, "summary.columns", SUMMARY_COLUMN_KEYS, source),
        header_fields=_section(tables, "header.fields", HEADER_FIELD_KEYS, source),
        source=source,
    )


def _section(tables: Mapping[str, Mapping[str, object]], name: str,
                keys: Mapping[str, T], source: str) -> tuple[tuple[T, Words], ...]:
    out: list[tuple[T, Words]] = []
    for key, words in tables.get(name, {}).items():
        if key not in keys:
            raise VocabularyError(f"{source}: unknown key '{key}' in [{name}]"
                                  f" (known: {', '.join(keys)})")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise VocabularyError(f"{source}: [{name}] {key} must be a list of words"
                                  f' (e.g. {key} = ["..."])')
        compacted = tuple(dict.fromkeys(compact(w) for w in words if compact(w)))
        if len(compacted) != len(words):
            raise VocabularyError(f"{source}: [{name}] {key} holds an empty or repeated word")
        out.append((keys[key], compacted))
    return tuple(out)
