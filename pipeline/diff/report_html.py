"""The human report: one self-contained HTML page (inline CSS, no scripts, no assets).

Auditors open it from a shared folder or an e-mail, often offline, so nothing may load
from elsewhere. Counts carry stable element ids (count-added, count-removed, ...) that
tests and scripts read. Every text from a plan is escaped and shown as written (Thai or
Arabic digits alike); only amounts, dates and months are formatted for reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape
from pathlib import PurePath
from typing import Final

import pandas as pd

from pipeline import __version__
from pipeline.diff.labels import (
    CHANGE_LABELS,
    FIELD_LABELS,
    amount_differences,
    baht,
    display_value,
    field_label,
    signed_baht,
)
from pipeline.diff.model import (
    ADDED,
    ASPECT_TEXT,
    BUDGET_LINES,
    REMOVED,
    RENAMED,
    Change,
    PlanDiff,
)
from pipeline.diff.totals import PROJECT_AMOUNT_FIELDS, PlanTotals, UnreconciledPair
from pipeline.diff.values import is_missing, money_text

CSS: Final = """
body{font-family:"Sarabun","Noto Sans Thai","TH Sarabun New","Tahoma",sans-serif;
 margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2430;line-height:1.55}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin-top:2rem;
 border-bottom:2px solid #dde3ea;padding-bottom:.2rem}h3{font-size:1.05rem;margin:.2rem 0}
.meta{color:#56606d;margin:.1rem 0}.counts{display:flex;flex-wrap:wrap;gap:.8rem}
.count{border:1px solid #dde3ea;border-radius:8px;padding:.6rem 1rem;min-width:9rem}
.count .n{display:block;font-size:1.8rem;font-weight:700}
.added{border-left:6px solid #2e7d32}.removed{border-left:6px solid #c62828}
.renamed{border-left:6px solid #6a1b9a}.changed{border-left:6px solid #ef6c00}
.unchanged{border-left:6px solid #90a4ae}.rows{border-left:6px solid #1565c0}
.project{border:1px solid #dde3ea;border-radius:8px;padding:.7rem 1rem;margin:1rem 0}
.badge{display:inline-block;font-size:.8rem;border-radius:4px;padding:0 .4rem;
 margin-right:.4rem;background:#eef1f5}
.ids{color:#56606d;font-size:.85rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0;table-layout:fixed}
th,td{border:1px solid #dde3ea;padding:.25rem .5rem;text-align:left;vertical-align:top;
 overflow-wrap:anywhere}
table.changes col.what{width:24%}table.changes col.value{width:19%}
table.changes col.diff{width:15%}table.changes col.where{width:23%}
.where{font-size:.85rem;color:#56606d}table.totals{width:auto;min-width:28rem}
.gap{color:#8e2424;font-weight:700}.ok{color:#1b5e20}
table.cells col.doc{width:11rem}table.cells col.key{width:14rem}table.cells col.column{width:9rem}
th{background:#f4f6f9}td.num{text-align:right;white-space:nowrap}.old{color:#8e2424}
.new{color:#1b5e20}.none{color:#56606d}
"""
PLAN_COUNTS: Final = (
    ("added", "โครงการใหม่"), ("removed", "โครงการที่ตัดออก"), ("renamed", "เปลี่ยนชื่อ"),
    ("changed", "โครงการที่มีการเปลี่ยนแปลง"), ("unchanged", "ไม่เปลี่ยนแปลง"),
    ("rows", "รายการเปลี่ยนแปลงทั้งหมด"),
)
# The HTML lists at most this many changed cells per table; the Parquet has them all.
MAX_CELLS_PER_TABLE: Final = 500


def _page(title: str, body: Iterable[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="th">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *body,
        f'<footer class="meta">thai-action-plan-pipeline {escape(__version__)}</footer>',
        "</body>",
        "</html>",
        "",
    ])


def _count_boxes(counts: Iterable[tuple[str, str, int]]) -> str:
    boxes = [
        f'<div class="count {escape(key)}"><span class="n" id="count-{escape(key)}">{n}</span>'
        f'<span class="label">{escape(label)} ({escape(key)})</span></div>'
        for key, label, n in counts
    ]
    return '<div class="counts">' + "".join(boxes) + "</div>"


def _value_cell(change: Change, value: str | None, css: str) -> str:
    shown = display_value(change.field, change.aspect, value)
    klass = css if value is not None else "none"
    numeric = " num" if shown.endswith("บาท") and ";" not in shown else ""
    return f'<td class="{klass}{numeric}">{escape(shown)}</td>'


def difference_text(change: Change) -> str:
    """new - old of a money change in baht, per column for a budget line; "" otherwise."""
    if change.field == BUDGET_LINES and change.aspect != ASPECT_TEXT \
            and change.difference is not None:
        return amount_differences(change.old_value, change.new_value)
    return "" if change.difference is None else signed_baht(change.difference)


def _place_text(path: str | None, page: int | None, block: str | None) -> str:
    """"file.docx หน้า 3 · table 2 row 4 col 1" (the full path in the tooltip)."""
    if path is None and page is None and block is None:
        return "-"
    name = escape(PurePath(path).name) if path else "?"
    title = f' title="{escape(path)}"' if path else ""
    page_text = f"หน้า {page}" if page is not None else "ไม่ระบุหน้า"
    where = f" · {escape(block)}" if block else ""
    return f'<span class="file"{title}>{name}</span> {page_text}{where}'


def source_text(change: Change) -> str:
    """Where each side's value is printed (file, page, block), as HTML."""
    parts = []
    if change.change != ADDED:
        parts.append("เดิม: " + _place_text(change.old_source_path, change.old_source_page,
                                           change.old_source_block))
    if change.change != REMOVED:
        parts.append("ใหม่: " + _place_text(change.new_source_path, change.new_source_page,
                                           change.new_source_block))
    return "<br>".join(parts)


def _change_row(change: Change) -> str:
    label = escape(field_label(change.field, change.aspect))
    item = f"<br><small>{escape(change.item)}</small>" if change.item else ""
    difference = difference_text(change)
    diff_cell = (f'<td class="diff num">{escape(difference)}</td>' if difference
                 else '<td class="diff none"></td>')
    return (f"<tr><td>{label}{item}</td>{_value_cell(change, change.old_value, 'old')}"
            f"{_value_cell(change, change.new_value, 'new')}{diff_cell}"
            f'<td class="where">{source_text(change)}</td></tr>')


def _whole_project_facts(change: Change) -> str:
    """Amount, unit and place of an added or removed project."""
    value = change.new_value if change.change == ADDED else change.old_value
    amount = (f"{escape(baht(value))} ({escape(FIELD_LABELS.get(change.field or '', ''))})"
              if value is not None else "ไม่ระบุจำนวนเงิน")
    return (f'<p class="facts">งบประมาณ: <span class="amount num">{amount}</span>'
            f'<br>กลุ่มงานที่รับผิดชอบ: <span class="unit">{escape(change.unit or "-")}</span>'
            f'<br><span class="where">{source_text(change)}</span></p>')


def _project_groups(changes: list[Change]) -> list[list[Change]]:
    """Changes of the same project pair together, in first-seen order."""
    groups: dict[tuple[str | None, str | None], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.old_project_id, change.new_project_id), []).append(change)
    return list(groups.values())


def _project_article(number: int, group: list[Change], diff: PlanDiff) -> str:
    first = group[0]
    kind = first.change if first.change in (ADDED, REMOVED, RENAMED) else "changed"
    name = first.new_name if first.new_name is not None else first.old_name
    if first.old_project_id is None and first.new_project_id is None:
        kind, name = "document", "ภาพรวมของแผน"
    parts = [f'<article class="project {kind}" id="project-{number}" data-change="{kind}">',
             f'<h3><span class="badge">{escape(CHANGE_LABELS.get(kind, kind))}</span>'
             f"{escape(name or '')}</h3>"]
    ids = " → ".join(escape(i) for i in (first.old_project_id, first.new_project_id) if i)
    confidence = (f" · ความเชื่อมั่นของการจับคู่ {first.confidence:.2f}"
                  if first.confidence is not None else "")
    parts.append(f'<p class="ids">{ids}{confidence}</p>')
    if kind in (ADDED, REMOVED):
        parts.append(_whole_project_facts(first))
    if kind == RENAMED:
        parts.append(f'<p>ชื่อเดิม: <span class="old">{escape(first.old_name or "")}</span>'
                     f'<br>ชื่อใหม่: <span class="new">{escape(first.new_name or "")}</span></p>')
    rows = [c for c in group if c.change not in (ADDED, REMOVED, RENAMED)]
    if rows:
        parts.append(
            '<table class="changes"><colgroup><col class="what"><col class="value">'
            '<col class="value"><col class="diff"><col class="where"></colgroup>'
            "<thead><tr><th>รายการ</th>"
            f"<th>เดิม (ปีงบประมาณ {diff.old_fiscal_year})</th>"
            f"<th>ใหม่ (ปีงบประมาณ {diff.new_fiscal_year})</th>"
            "<th>ผลต่าง (ใหม่ − เดิม)</th><th>ที่มา (ไฟล์ · หน้า)</th></tr></thead><tbody>"
            + "".join(_change_row(c) for c in rows) + "</tbody></table>")
    parts.append("</article>")
    return "\n".join(parts)


def render_plan_report(diff: PlanDiff) -> str:
    """report.html of a year-over-year diff."""
    counts = diff.counts()
    org = diff.new_organization or diff.old_organization or ""
    title = (f"เปรียบเทียบแผนปฏิบัติการ ปีงบประมาณ {diff.old_fiscal_year}"
             f" → {diff.new_fiscal_year}")
    body = [f"<header><h1>{escape(title)}</h1>", f'<p class="meta">{escape(org)}</p>']
    if diff.old_organization and diff.new_organization and \
            diff.old_organization != diff.new_organization:
        body.append(f'<p class="meta">เดิม: {escape(diff.old_organization)}</p>')
    body.append(f'<p class="meta">OLD: {escape(diff.old_source)} · NEW: '
                f"{escape(diff.new_source)}</p></header>")
    body.append('<section id="summary"><h2>สรุป</h2>'
                + _count_boxes((k, label, counts[k]) for k, label in PLAN_COUNTS)
                + "</section>")
    if diff.totals is not None:
        body.append(totals_section(diff.totals, diff.old_fiscal_year, diff.new_fiscal_year))
    body.append('<section id="projects"><h2>รายละเอียดรายโครงการ</h2>')
    groups = _project_groups(diff.changes)
    if not groups:
        body.append('<p id="no-changes">ไม่พบการเปลี่ยนแปลง</p>')
    body += [_project_article(n, g, diff) for n, g in enumerate(groups, start=1)]
    body.append("</section>")
    body.append(_unchanged_section(diff.matches))
    return _page(title, body)


def _total_row(key: str, label: str, amount: Decimal, signed: bool = False) -> str:
    shown = signed_baht(amount) if signed else baht(money_text(amount))
    return (f'<tr><th>{escape(label)}</th>'
            f'<td class="num" id="total-{key}">{escape(shown)}</td></tr>')


def _unreconciled_item(pair: UnreconciledPair) -> str:
    def side(column: str | None, amount: Decimal | None) -> str:
        if column is None:
            return "ไม่มีจำนวนเงิน"
        return f"{FIELD_LABELS.get(column, column)} {baht(money_text(amount))}"
    name = pair.new_name or pair.old_name or ""
    return (f"<li>{escape(name)}: เดิมใช้ {escape(side(pair.old_field, pair.old_amount))},"
            f" ใหม่ใช้ {escape(side(pair.new_field, pair.new_amount))}</li>")


def totals_section(totals: PlanTotals, old_year: int, new_year: int) -> str:
    """Old total + changes (by kind) = new total, checked; a gap is stated with its cause."""
    measure = " หรือเมื่อไม่มี ".join(FIELD_LABELS[f] for f in PROJECT_AMOUNT_FIELDS)
    rows = [
        _total_row("old", f"ยอดรวมแผนเดิม (ปีงบประมาณ {old_year})", totals.old_total),
        _total_row("changed", "+ การเปลี่ยนแปลงของโครงการที่จับคู่ได้", totals.changed, True),
        _total_row("added", "+ โครงการใหม่", totals.added, True),
        _total_row("removed", "+ โครงการที่ตัดออก", totals.removed, True),
        _total_row("expected", "= ยอดเดิม + การเปลี่ยนแปลง",
                   totals.old_total + totals.changed + totals.added + totals.removed),
        _total_row("new", f"ยอดรวมแผนใหม่ (ปีงบประมาณ {new_year})", totals.new_total),
    ]
    parts = ['<section id="totals"><h2>ยอดรวมของแผน (กระทบยอด)</h2>',
             f'<p class="meta">จำนวนเงินของแต่ละโครงการ: {escape(measure)}</p>',
             '<table class="totals"><tbody>' + "".join(rows) + "</tbody></table>"]
    if totals.reconciles:
        parts.append('<p id="reconciliation" class="ok" data-reconciles="true">'
                     "ยอดรวมลงตัว: ยอดเดิม + การเปลี่ยนแปลง = ยอดใหม่</p>")
    else:
        parts.append('<p id="reconciliation" class="gap" data-reconciles="false">'
                     "ยอดรวมไม่ลงตัว: ส่วนต่างที่การเปลี่ยนแปลงไม่ได้อธิบาย "
                     f'<span id="total-gap">{escape(signed_baht(totals.gap))}</span></p>')
    if totals.unreconciled:
        parts.append("<p>โครงการที่ใช้จำนวนเงินคนละรายการในสองปี (ผลต่างอยู่ในส่วนต่าง):</p>"
                     "<ul>" + "".join(_unreconciled_item(p) for p in totals.unreconciled)
                     + "</ul>")
    missing = [(n, label) for n, label in ((totals.old_without_amount, "แผนเดิม"),
                                           (totals.new_without_amount, "แผนใหม่")) if n]
    for n, label in missing:
        parts.append(f'<p class="meta">{label}: {n} โครงการไม่มีจำนวนเงิน (นับเป็น 0)</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _unchanged_section(matches: pd.DataFrame) -> str:
    if "status" not in matches.columns:
        return ""
    same = matches[matches["status"] == "unchanged"]
    if same.empty:
        return ""
    items = "".join(f"<li>{escape(str(name))}</li>" for name in same["new_name"])
    return (f'<section id="unchanged"><h2>โครงการที่ไม่เปลี่ยนแปลง ({len(same)})</h2>'
            f"<ul>{items}</ul></section>")


EXTRACTION_COUNTS: Final = (
    ("changed", "ค่าที่เปลี่ยน (cells)"), ("row_added", "แถวที่เพิ่ม"),
    ("row_removed", "แถวที่หายไป"), ("column_added", "คอลัมน์ที่เพิ่ม"),
    ("column_removed", "คอลัมน์ที่หายไป"),
)


def render_extraction_report(cells: pd.DataFrame, old_source: str, new_source: str) -> str:
    """report.html of a version diff: counts per kind, then the changes table by table."""
    title = "เปรียบเทียบผลการสกัดข้อมูลระหว่างสองเวอร์ชัน"
    kinds = cells["change"].value_counts().to_dict() if len(cells) else {}
    body = [f"<header><h1>{escape(title)}</h1>",
            f'<p class="meta">OLD: {escape(old_source)} · NEW: {escape(new_source)}</p>'
            "</header>",
            '<section id="summary"><h2>สรุป</h2>'
            + _count_boxes((k.replace("_", "-"), label, int(kinds.get(k, 0)))
                           for k, label in EXTRACTION_COUNTS)
            + "</section>"]
    if cells.empty:
        body.append('<p id="no-changes">ไม่พบความแตกต่าง</p>')
    for table, rows in cells.groupby("table", sort=False):
        shown = rows.head(MAX_CELLS_PER_TABLE)
        body.append(f'<section class="table" id="table-{escape(str(table))}">'
                    f"<h2>{escape(str(table))} ({len(rows)})</h2>")
        if len(rows) > len(shown):
            body.append(f'<p class="meta">แสดง {len(shown)} รายการแรก; ทั้งหมดอยู่ใน'
                        " cell_changes.parquet</p>")
        body.append('<table class="cells"><colgroup><col class="doc"><col class="key">'
                    '<col class="column"><col><col></colgroup><thead><tr><th>doc_id</th>'
                    "<th>row_key</th><th>column</th><th>เดิม</th><th>ใหม่</th></tr></thead>"
                    "<tbody>")
        for row in shown.itertuples(index=False):
            cells_html = "".join(
                f'<td class="{css}">{escape("-" if is_missing(v) else str(v))}</td>'
                for v, css in ((row.doc_id, ""), (row.row_key, ""), (row.column, ""),
                               (row.old_value, "old"), (row.new_value, "new")))
            body.append(f"<tr>{cells_html}</tr>")
        body.append("</tbody></table></section>")
    return _page(title, body)
