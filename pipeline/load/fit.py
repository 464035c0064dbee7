"""Values the schema cannot hold become null plus a finding quoting them, never a crash.

An amount with a typo of twenty digits does not fit decimal(18, 2); a page number of ten
digits does not fit int32; a file name that is not UTF-8 is not a Parquet string. Pyarrow
refuses the whole table for one such value, which would cost the document (and, before
this module, the batch). Each is checked against the table's schema before writing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, Final

import pyarrow as pa

from pipeline.audit.roots import finding_id
from pipeline.load.schema import SCHEMAS
from pipeline.records import FindingRow, PlanData
from pipeline.safe_text import printable

VALUE_OUT_OF_RANGE: Final = "value_out_of_range"
# How much of an oversized value a finding quotes (a 1 MB run of digits is not quoted whole).
QUOTE_LIMIT: Final = 60
ROW_TABLES: Final = ("summary", "projects", "budget_lines", "schedule", "indicators",
                     "findings", "errors", "budget_amounts", "summary_amounts")


@dataclasses.dataclass(frozen=True)
class Misfit:
    """One value the schema cannot hold: where it was and why."""

    table: str
    column: str
    value: str
    reason: str
    project_id: str | None
    source_page: int | None


def fit_to_schema(data: PlanData) -> PlanData:
    """A copy of `data` every value of which fits the contract's schema: oversized numbers
    are null and quoted in a `value_out_of_range` finding, texts are made printable."""
    misfits: list[Misfit] = []
    document = _fit_row(data.document, "documents", misfits)
    tables = {t: [_fit_row(r, t, misfits) for r in getattr(data, t)] for t in ROW_TABLES}
    first = len(tables["findings"]) + 1
    tables["findings"] += [_finding(document.doc_id, m, first + n)
                           for n, m in enumerate(misfits)]
    return PlanData(document=document, **tables)


def _finding(doc_id: str, misfit: Misfit, seq: int) -> FindingRow:
    """A value_out_of_range finding, numbered after the document's others (a root: it
    restates nothing)."""
    return FindingRow(
        doc_id=doc_id,
        project_id=misfit.project_id,
        kind=VALUE_OUT_OF_RANGE,
        message=f"{misfit.table}.{misfit.column}: value {misfit.value} {misfit.reason};"
                " stored as null",
        source_page=misfit.source_page,
        finding_id=finding_id(doc_id, seq),
    )


def _fit_row(row: Any, table: str, misfits: list[Misfit]) -> Any:
    changes: dict[str, Any] = {}
    for schema_field in SCHEMAS[table]:
        name = schema_field.name
        if not hasattr(row, name):
            continue
        value = getattr(row, name)
        fitted, reason = fit_value(value, schema_field.type)
        if reason is not None:
            misfits.append(Misfit(table, name, _quote(value), reason,
                                  getattr(row, "project_id", None),
                                  _page(getattr(row, "source_page", None))))
        if fitted is not value:
            changes[name] = fitted
    return dataclasses.replace(row, **changes) if changes else row


def _page(value: object) -> int | None:
    return value if isinstance(value, int) and fits_int32(value) else None


def _quote(value: object) -> str:
    text = str(value)
    if len(text) > QUOTE_LIMIT:
        text = f"{text[:QUOTE_LIMIT]}... ({len(text)} characters)"
    return f'"{printable(text)}"'


def fit_value(value: Any, kind: pa.DataType) -> tuple[Any, str | None]:
    """The value as the column can hold it, and why it was dropped (None when it fits)."""
    if value is None:
        return None, None
    if pa.types.is_decimal(kind) and isinstance(value, Decimal):
        return _fit_decimal(value, kind)
    if pa.types.is_integer(kind) and isinstance(value, int) and not isinstance(value, bool):
        if kind.bit_width == 32 and not fits_int32(value):
            return None, "does not fit a 32-bit integer"
        return value, None
    if isinstance(value, str):
        safe = printable(value)
        return (value if safe == value else safe), None
    if isinstance(value, list) and pa.types.is_list(kind):
        return _fit_list(value, kind.value_type)
    return value, None


def _fit_list(values: Sequence[Any], kind: pa.DataType) -> tuple[Any, str | None]:
    fitted = [fit_value(v, kind) for v in values]
    reasons = [reason for _, reason in fitted if reason is not None]
    items = [v for v, _ in fitted]
    if not reasons and all(a is b for a, b in zip(items, values, strict=True)):
        return values, None
    return items, reasons[0] if reasons else None


def _fit_decimal(value: Decimal, kind: Any) -> tuple[Decimal | None, str | None]:
    if not value.is_finite():
        return None, f"is not a number decimal({kind.precision}, {kind.scale}) can hold"
    integer_digits = kind.precision - kind.scale
    too_long = (f"has more than {integer_digits} digits before the decimal point"
                f" (does not fit decimal({kind.precision}, {kind.scale}))")
    if value != 0 and value.adjusted() >= integer_digits:
        return None, too_long
    # rounding to the scale can add a digit (9,999,999,999,999,999.999 -> 10^16)
    rounded = value.quantize(Decimal(1).scaleb(-kind.scale), rounding=ROUND_HALF_UP,
                             context=Context(prec=kind.precision + 2))
    if rounded != 0 and rounded.adjusted() >= integer_digits:
        return None, too_long
    return rounded, None


def fits_int32(value: int) -> bool:
    return -(2**31) <= value < 2**31
