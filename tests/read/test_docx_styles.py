"""Paragraph style names are python-docx's own, read from the styles XML (issue 12).

The reader maps style ids to names without python-docx's style objects; the names must be
the ones python-docx gives: UI names for Word's built-in aliases ("heading 1" is
"Heading 1"), ids of styles without a name left out, and no names at all when a style's
w:name has no w:val (python-docx refuses the file's styles then).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.model import Paragraph
from pipeline.read.docx_reader import _style_names, read_docx


def _plan_with_heading(path: Path) -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("วัตถุประสงค์", style="Heading 1")
    document.add_paragraph("ข้อความ")
    document.save(str(path))
    return document


def test_heading_styles_have_their_ui_names(tmp_path: Path) -> None:
    path = tmp_path / "heading.docx"
    document = _plan_with_heading(path)
    names = _style_names(document)
    assert names["Heading1"] == "Heading 1"
    assert names == {str(s.style_id): str(s.name) for s in document.styles
                     if s.style_id is not None and s.name is not None}
    paragraphs = [b for b in read_docx(path).blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.style) for p in paragraphs] == [("วัตถุประสงค์", "Heading 1"),
                                                        ("ข้อความ", None)]


def test_a_style_without_a_name_is_left_out(tmp_path: Path) -> None:
    document = _plan_with_heading(tmp_path / "heading.docx")
    unnamed = OxmlElement("w:style")
    unnamed.set(qn("w:styleId"), "NoName")
    document.styles.element.append(unnamed)
    assert "NoName" not in _style_names(document)
    assert _style_names(document)["Heading1"] == "Heading 1"


def test_a_name_without_a_value_gives_no_names(tmp_path: Path) -> None:
    document = _plan_with_heading(tmp_path / "heading.docx")
    broken = OxmlElement("w:style")
    broken.set(qn("w:styleId"), "Broken")
    broken.append(OxmlElement("w:name"))
    document.styles.element.append(broken)
    assert _style_names(document) == {}
