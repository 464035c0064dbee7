"""Cell shading and bold read with early exits give the answers of a full read (issue 12).

The reader decides a cell's fill and whether all its text is bold stopping at the first
paragraph or run that settles it, and skips cells with no shading, highlight or bold mark
at all. Each case below states the answer; the same cases and every cell of the fixture
plans are also compared with the full-read definitions kept here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml

from pipeline.read.docx_reader import (
    HIGHLIGHT,
    PPR,
    RPR,
    SHD,
    TC,
    TCPR,
    R,
    T,
    _all_text_bold,
    _cell_fill,
    _is_on,
    _paragraph_has_content,
    _shading_colour,
    q,
    w_attr,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXTURES = Path(__file__).parent.parent / "fixtures" / "docx"


def full_read_fill(tc: Any) -> str | None:
    """Cell shading, else the colour of all paragraphs with content, each the set of its
    runs' colours (the definition before the early exits)."""
    tcpr = tc.find(TCPR)
    fill = _shading_colour(tcpr.find(SHD) if tcpr is not None else None)
    if fill:
        return fill
    colours = {_full_read_paragraph_colour(p) for p in tc.findall(q("p"))
               if _paragraph_has_content(p)}
    return colours.pop() if len(colours) == 1 else None


def _full_read_paragraph_colour(p: Any) -> str | None:
    ppr = p.find(PPR)
    colour = _shading_colour(ppr.find(SHD) if ppr is not None else None)
    if colour:
        return colour
    run_colours: set[str | None] = set()
    for run in p.iter(R):
        rpr = run.find(RPR)
        if rpr is None:
            run_colours.add(None)
            continue
        highlight = rpr.find(HIGHLIGHT)
        value = w_attr(highlight, "val") if highlight is not None else None
        run_colours.add(value.upper() if value and value != "none" else
                        _shading_colour(rpr.find(SHD)))
    return run_colours.pop() if len(run_colours) == 1 else None


def full_read_bold(tc: Any) -> bool:
    runs = [r for r in tc.iter(R) if any((t.text or "").strip() for t in r.iter(T))]
    return bool(runs) and all(
        (rpr := run.find(RPR)) is not None
        and (_is_on(rpr.find(q("b"))) or _is_on(rpr.find(q("bCs")))) for run in runs)


def _tc(body: str) -> Any:
    return parse_xml(f'<w:tc xmlns:w="{W}">{body}</w:tc>')


CELL_SHADE = '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{}"/></w:tcPr>'
RUN = '<w:r>{}<w:t>{}</w:t></w:r>'
HIGHLIGHTED = '<w:rPr><w:highlight w:val="{}"/></w:rPr>'
RUN_SHADED = '<w:rPr><w:shd w:val="clear" w:color="auto" w:fill="{}"/></w:rPr>'
PARAGRAPH_SHADED = '<w:p><w:pPr><w:shd w:val="clear" w:fill="{}"/></w:pPr>{}</w:p>'
BOLD = "<w:rPr><w:b/></w:rPr>"

FILLS = [
    ("no formatting", "<w:p>" + RUN.format("", "ก") + "</w:p>", None),
    ("cell shading", CELL_SHADE.format("BFBFBF") + "<w:p/>", "BFBFBF"),
    ("auto cell shading, highlighted run",
     CELL_SHADE.format("auto") + "<w:p>" + RUN.format(HIGHLIGHTED.format("yellow"), "x")
     + "</w:p>", "YELLOW"),
    ("all runs highlighted alike",
     "<w:p>" + RUN.format(HIGHLIGHTED.format("green"), "a")
     + RUN.format(HIGHLIGHTED.format("green"), "b") + "</w:p>", "GREEN"),
    ("one run not highlighted",
     "<w:p>" + RUN.format(HIGHLIGHTED.format("green"), "a") + RUN.format("", "b") + "</w:p>",
     None),
    ("runs of two colours",
     "<w:p>" + RUN.format(HIGHLIGHTED.format("green"), "a")
     + RUN.format(RUN_SHADED.format("ff0000"), "b") + "</w:p>", None),
    ("paragraph shading, an empty paragraph below",
     PARAGRAPH_SHADED.format("00b050", RUN.format("", "a")) + "<w:p/>", "00B050"),
    ("two paragraphs of two colours",
     PARAGRAPH_SHADED.format("00b050", "") + PARAGRAPH_SHADED.format("ff0000", ""), None),
    ("shaded paragraph then an unshaded one with text",
     PARAGRAPH_SHADED.format("00b050", "") + "<w:p>" + RUN.format("", "a") + "</w:p>", None),
]
BOLDS = [
    ("no text", "<w:p/>", False),
    ("all bold", "<w:p>" + RUN.format(BOLD, "a") + RUN.format(BOLD, "b") + "</w:p>", True),
    ("one plain run", "<w:p>" + RUN.format(BOLD, "a") + RUN.format("", "b") + "</w:p>", False),
    ("plain run without text", "<w:p>" + RUN.format(BOLD, "a") + RUN.format("", " ")
     + "</w:p>", True),
    ("bold off", "<w:p>" + RUN.format('<w:rPr><w:b w:val="0"/></w:rPr>', "a") + "</w:p>",
     False),
]


@pytest.mark.parametrize(("case", "body", "fill"), FILLS, ids=[c[0] for c in FILLS])
def test_cell_fill(case: str, body: str, fill: str | None) -> None:
    tc = _tc(body)
    assert _cell_fill(tc, tc.find(TCPR)) == fill == full_read_fill(tc)


@pytest.mark.parametrize(("case", "body", "bold"), BOLDS, ids=[c[0] for c in BOLDS])
def test_all_text_bold(case: str, body: str, bold: bool) -> None:
    tc = _tc(body)
    assert _all_text_bold(tc) is bold
    assert full_read_bold(tc) is bold


def test_every_fixture_cell_reads_as_in_a_full_read() -> None:
    cells = [tc for path in sorted(FIXTURES.glob("*.docx"))
             for tc in docx.Document(str(path)).element.body.iter(TC)]
    assert len(cells) > 3000
    assert [_cell_fill(tc, tc.find(TCPR)) for tc in cells] == [full_read_fill(tc) for tc in cells]
    assert [_all_text_bold(tc) for tc in cells] == [full_read_bold(tc) for tc in cells]
    assert any(full_read_bold(tc) for tc in cells)
    assert any(full_read_fill(tc) for tc in cells)
