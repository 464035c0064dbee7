"""The review page in headless Chromium: it loads, outlines every table and pins every
finding the datasets hold, and a screenshot is written (PDF and DOCX fixtures)."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.model import Table
from pipeline.normalize.vocabulary.office import vocabulary_from_mapping
from pipeline.review import Review, review_document
from pipeline.review.layout import UNUSED, parse_block
from tests.fixtures.small_plans import plan
from tests.helpers import DOCX, FIXTURES

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync")
TIMEOUT_S = 180
# A blank 1280x2000 PNG compresses to a few kB; a page with text is far larger.
MIN_SCREENSHOT_BYTES = 20_000
SOURCES = {"pdf": FIXTURES / "pdf" / "secondary-fy2567.pdf",
           "docx": DOCX / "secondary-fy2567.docx"}

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")


class _Marks(HTMLParser):
    """The outlines, pins and finding links of a page, and the page each pin sits on."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[int, str] = {}  # table number -> kind
        self.pins: dict[str, int | None] = {}  # pin id -> page it is drawn on
        self.links: list[str] = []
        self.roles: set[str] = set()
        self._page: int | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "div":
            if "page" in classes:
                self._page, self._depth = int(a["id"].removeprefix("page-")), 0
            elif self._page is not None:
                self._depth += 1
        if "table-outline" in classes or "table-grid" in classes:
            self.tables[int(a["data-table"])] = a["data-kind"]
        if "finding-pin" in classes:
            self.pins[a["id"]] = self._page
        if "finding-link" in classes:
            self.links.append(a["href"])
        if "cell" in classes and "data-role" in a:
            self.roles.add(a["data-role"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._page is not None:
            if self._depth == 0:
                self._page = None
            else:
                self._depth -= 1


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=True)


@pytest.fixture(scope="module", params=sorted(SOURCES))
def review(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Review:
    return review_document(SOURCES[request.param], tmp_path_factory.mktemp("review"))


@needs_chromium
def test_page_loads_with_every_table_outlined_and_every_finding_pinned(
    review: Review, tmp_path: Path
) -> None:
    dom = _chromium(["--dump-dom", review.path.as_uri()], tmp_path / "profile").stdout
    marks = _Marks()
    marks.feed(dom)
    n_tables = sum(isinstance(b, Table) for b in review.document.blocks)
    assert sorted(marks.tables) == list(range(1, n_tables + 1))
    # every table a dataset row points at is outlined, and as one the extractor read
    data = review.data
    rows = [*data.summary, *data.budget_lines, *data.schedule, *data.indicators]
    used = {parse_block(r.source_block)[0] for r in rows} - {None}
    assert used and all(marks.tables[t] != UNUSED for t in used)
    assert {marks.tables[t] for t in used} >= {"summary", "budget", "schedule"}
    findings = data.findings
    assert findings
    assert sorted(marks.pins) == sorted(f"finding-{n}" for n in range(1, len(findings) + 1))
    assert marks.links == [f"#finding-{n}" for n in range(1, len(findings) + 1)]
    assert {"header", "item", "total"} <= marks.roles
    if review.document.source_format == "pdf":
        assert len(review.pages) == review.document.n_pages
        for n, finding in enumerate(findings, start=1):
            if finding.actual_bbox is not None:  # pinned on the page of the printed amount
                assert marks.pins[f"finding-{n}"] == finding.actual_page
    else:
        assert all(page is None for page in marks.pins.values())  # in the tables' grids


@needs_chromium
def test_screenshot_is_written(review: Review, tmp_path: Path) -> None:
    png = tmp_path / "review.png"
    _chromium([f"--screenshot={png}", "--window-size=1280,2000", review.path.as_uri()],
              tmp_path / "profile")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > MIN_SCREENSHOT_BYTES


def test_docx_without_libreoffice_draws_its_tables_as_grids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = review_document(SOURCES["docx"], tmp_path)
    html = result.path.read_text(encoding="utf-8")
    assert result.pages == []
    assert html.count('class="grid table-grid"') == len(result.tables)
    assert "<img" not in html


def test_cli_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path / "missing.pdf"), "--out", str(tmp_path)]) == 1
    assert f"{tmp_path / 'missing.pdf'}: no such file" in capsys.readouterr().err


# The small document of tests/test_explain.py: a money column no built-in word explains.
UNKNOWN_COLUMN_BUDGET = [
    ["ที่", "รายการ", "ค่าวัสดุ", "เบี้ยประชุมกรรมการ", "รวม"],
    ["1", "ประชุมคณะกรรมการ", "1,000", "2,400", "3,400"],
    ["", "รวมทั้งสิ้น", "1,000", "2,400", "3,400"],
]


def test_cli_vocabulary_file_maps_the_office_word(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`review DOC --vocabulary FILE` reads the plan with the office's words, as extract does:
    "เบี้ยประชุมกรรมการ" is compensation, so no column is left unmapped."""
    monkeypatch.setattr(shutil, "which", lambda name: None)  # grids, no LibreOffice
    doc = plan(tmp_path / "plan.docx", budget=UNKNOWN_COLUMN_BUDGET)
    vocabulary = tmp_path / "office.toml"
    vocabulary.write_text('[budget.categories]\ncompensation = ["เบี้ยประชุม"]\n', encoding="utf-8")
    plain = review_document(doc, tmp_path / "plain")
    assert [f.kind for f in plain.data.findings if f.kind == "unmapped_column"] == [
        "unmapped_column"]
    assert main(["review", str(doc), "--out", str(tmp_path / "out"),
                 "--vocabulary", str(vocabulary)]) == 0
    assert (tmp_path / "out" / "plan.review.html").is_file()
    assert "plan.review.html" in capsys.readouterr().out
    html = (tmp_path / "out" / "plan.review.html").read_text(encoding="utf-8")
    assert html.count("unmapped_column") < plain.path.read_text(encoding="utf-8").count(
        "unmapped_column")


def test_review_document_with_vocabulary_reads_compensation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    vocabulary = vocabulary_from_mapping(
        {"budget": {"categories": {"compensation": ["เบี้ยประชุม"]}}}, "office.toml")
    result = review_document(plan(tmp_path / "plan.docx", budget=UNKNOWN_COLUMN_BUDGET),
                             tmp_path / "out", vocabulary)
    assert [(r.item, r.materials, r.compensation) for r in result.data.budget_lines] == [
        ("ประชุมคณะกรรมการ", Decimal("1000.00"), Decimal("2400.00"))]
    assert not [f for f in result.data.findings if f.kind == "unmapped_column"]


def test_cli_bad_vocabulary_file_is_named_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "office.toml"
    bad.write_text("[budget.categories\n", encoding="utf-8")
    assert main(["review", str(DOCX / "secondary-fy2567.docx"), "--out", str(tmp_path / "out"),
                 "--vocabulary", str(bad)]) == 2
    assert str(bad) in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
