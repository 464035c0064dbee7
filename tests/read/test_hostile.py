"""Hostile files, one test per kind (issue 10 items 1, 5, 7): each is exactly one error row
naming the file and saying what is wrong, or (where harmless) read without the attack.

The files are built here by tests/fixtures/hostile/build.py; none is committed.
"""

from __future__ import annotations

import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from pipeline.errors import LimitExceededError, ReadError
from pipeline.limits import DEFAULT_LIMITS, MB, Limits
from pipeline.model import Paragraph, Table
from pipeline.process import process_file
from pipeline.read import read_document
from pipeline.read.zip_guard import inflate_counting
from tests.fixtures.hostile import build

ENCRYPTED_WORD = "password-protected (encrypted) Word document: save it without a password"


def error_of(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str, str]:
    """(error_type, stage, message) of the one error row the file gives."""
    data = process_file(path, limits=limits)
    assert data.document.status == "failed"
    assert len(data.errors) == 1, data.errors
    error = data.errors[0]
    assert error.source_path == str(path) and error.message.startswith(f"{path}: ")
    assert "\n" not in error.message and "Traceback" not in error.message
    return error.error_type, error.stage, error.message


def peak_python_memory(action: Callable[[], object]) -> int:
    """Peak bytes Python allocated while `action` ran (zlib's buffers are Python bytes)."""
    tracemalloc.start()
    try:
        with pytest.raises(ReadError):
            action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- .docx ---------------------------------------------------------------------------------

def test_zip_bomb_with_a_lying_directory_is_stopped_while_inflating(tmp_path: Path) -> None:
    path = build.zip_bomb_docx(tmp_path)
    with zipfile.ZipFile(path) as archive:  # the directory lies: 300 kB, CRC of 300 kB
        info = archive.getinfo("word/media/image1.bin")
        assert info.file_size == 300_000
        with path.open("rb") as handle:  # ... while the data inflates past 64 MiB
            assert inflate_counting(handle, info, 64 << 20) > 64 << 20
    kind, stage, message = error_of(path)
    assert (kind, stage) == ("ReadError", "read")
    assert ("word/media/image1.bin inflates past the 300,000 bytes its ZIP directory"
            " declares") in message
    assert peak_python_memory(lambda: read_document(path)) < 20 * MB


def test_a_docx_declaring_more_than_docx_unpacked_bytes_is_refused(tmp_path: Path) -> None:
    path = build.small_docx(tmp_path)
    kind, _, message = error_of(path, Limits(docx_unpacked_bytes=1_000))
    assert kind == "LimitExceededError"
    assert f"the .docx unpacks to {build.unpacked_size(path):,} bytes exceeds the limit" \
        " docx_unpacked_bytes = 1,000 bytes" in message
    assert "raise it with --limit docx_unpacked_bytes=VALUE" in message


def test_an_xml_part_over_xml_part_bytes_is_named(tmp_path: Path) -> None:
    path = build.long_table_docx(tmp_path, rows=30)  # the other parts are < 1,000 bytes
    kind, _, message = error_of(path, Limits(xml_part_bytes=1_000))
    assert kind == "LimitExceededError"
    size = build.unpacked_size(path, "word/document.xml")
    assert f"the XML part word/document.xml of {size:,} bytes exceeds the limit" \
        " xml_part_bytes = 1,000 bytes" in message


def test_billion_laughs_docx_is_refused_not_expanded(tmp_path: Path) -> None:
    kind, _, message = error_of(build.billion_laughs_docx(tmp_path))
    assert kind == "ReadError"
    assert "refused: its XML defines entities that expand (a 'billion laughs' attack?)" \
        in message


def test_a_few_entities_are_read_without_expanding_them(tmp_path: Path) -> None:
    """Below libxml2's amplification limit the entities stay references: no 'lol' text."""
    document = read_document(build.billion_laughs_docx(tmp_path, levels=2))
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts == [""]


def test_tables_nested_past_table_nesting_are_refused(tmp_path: Path) -> None:
    kind, _, message = error_of(build.nested_tables_docx(tmp_path, depth=40))
    assert kind == "LimitExceededError"
    assert "a table nested 13 deep exceeds the limit table_nesting = 12" in message


def test_tables_nested_within_the_limit_are_read(tmp_path: Path) -> None:
    document = read_document(build.nested_tables_docx(tmp_path, depth=12))
    depth, table = 0, next(b for b in document.blocks if isinstance(b, Table))
    while True:
        depth += 1
        inner = [t for cell in table.cells for t in cell.tables]
        if not inner:
            break
        table = inner[0]
    assert depth == 12


def test_xml_deeper_than_libxml2_allows_is_refused(tmp_path: Path) -> None:
    kind, _, message = error_of(build.nested_tables_docx(tmp_path, depth=100),
                                Limits(table_nesting=1000))
    assert kind == "ReadError"
    assert "refused: its XML nests deeper than the XML parser's limit of 256 elements" \
        in message


def test_a_100000_row_table_is_refused_naming_the_file(tmp_path: Path) -> None:
    kind, stage, message = error_of(build.long_table_docx(tmp_path, rows=100_000))
    assert (kind, stage) == ("LimitExceededError", "read")
    assert "table-100000-rows.docx: refused: a table of 100,000 rows exceeds the limit" \
        " table_rows = 20,000" in message


def test_table_rows_and_cells_limits_are_exact(tmp_path: Path) -> None:
    path = build.long_table_docx(tmp_path, rows=30)  # 30 rows of 2 cells
    assert read_document(path, limits=Limits(table_rows=30, table_cells=60)).blocks
    with pytest.raises(LimitExceededError, match="a table of 30 rows exceeds the limit"
                                                 " table_rows = 29"):
        read_document(path, limits=Limits(table_rows=29))
    with pytest.raises(LimitExceededError, match="a table of 60 cells exceeds the limit"
                                                 " table_cells = 59"):
        read_document(path, limits=Limits(table_cells=59))


def test_a_cell_of_200000_characters_is_refused_naming_the_limit(tmp_path: Path) -> None:
    kind, stage, message = error_of(build.long_cell_docx(tmp_path))
    assert (kind, stage) == ("LimitExceededError", "read")
    assert "cell-200000-chars.docx: refused: a text of 200,000 characters exceeds the limit" \
        " cell_chars = 100,000; if the file is genuine, raise it with --limit" \
        " cell_chars=VALUE" in message


def test_cell_chars_counts_exactly(tmp_path: Path) -> None:
    path = build.long_cell_docx(tmp_path, chars=500)
    document = read_document(path, limits=Limits(cell_chars=500))
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert [len(line) for cell in table.cells for line in cell.lines] == [7, 500]
    with pytest.raises(LimitExceededError, match="a text of 500 characters exceeds the"
                                                 " limit cell_chars = 499"):
        read_document(path, limits=Limits(cell_chars=499))


def test_a_file_over_file_bytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = build.small_docx(tmp_path)
    kind, _, message = error_of(path, Limits(file_bytes=100))
    assert kind == "LimitExceededError"
    assert f"a file of {path.stat().st_size:,} bytes exceeds the limit file_bytes" \
        " = 100 bytes" in message


def test_a_truncated_docx_is_a_damaged_zip(tmp_path: Path) -> None:
    kind, _, message = error_of(build.truncated_docx(tmp_path))
    assert kind == "ReadError" and "not a Word .docx file (it is not a ZIP package)" in message


def test_a_pdf_named_docx_says_rename_it(tmp_path: Path) -> None:
    kind, _, message = error_of(build.pdf_named_docx(tmp_path))
    assert kind == "ReadError"
    assert "file name says Word .docx (ZIP) but its content is PDF; rename it" in message


def test_zero_byte_files_are_empty_files(tmp_path: Path) -> None:
    for path in build.empty_files(tmp_path):
        kind, _, message = error_of(path)
        assert (kind, message) == ("ReadError", f"{path}: empty file (0 bytes)")


# -- encrypted files -------------------------------------------------------------------------

def test_a_password_protected_docx_is_not_told_to_rename(tmp_path: Path) -> None:
    kind, stage, message = error_of(build.encrypted_docx(tmp_path))
    assert (kind, stage) == ("EncryptedDocumentError", "read")
    assert ENCRYPTED_WORD in message and "rename" not in message


def test_a_password_protected_doc_is_recognised_before_conversion(tmp_path: Path) -> None:
    kind, _, message = error_of(build.word97_doc(tmp_path, encrypted=True))
    assert kind == "EncryptedDocumentError" and ENCRYPTED_WORD in message


def test_the_fib_is_read_from_the_mini_stream_too(tmp_path: Path) -> None:
    path = build.word97_doc(tmp_path, encrypted=True, small=True, name="small.doc")
    assert error_of(path)[0] == "EncryptedDocumentError"


def test_an_unprotected_doc_named_docx_still_says_rename_it(tmp_path: Path) -> None:
    path = build.word97_doc(tmp_path, encrypted=False, name="plan.docx")
    kind, _, message = error_of(path)
    assert kind == "ReadError"
    assert "its content is Word 97-2003 .doc; rename it with the right extension" in message


def test_a_pdf_needing_a_user_password_says_so(tmp_path: Path) -> None:
    path = build.encrypted_pdf(tmp_path)
    with pdfplumber.open(path, password="secret") as pdf:  # a real encrypted PDF
        assert pdf.pages[0].extract_text() == "Plan 2567"
    kind, _, message = error_of(path)
    assert kind == "EncryptedDocumentError"
    assert "password-protected (encrypted) PDF: save it without a password" in message


# -- PDF ---------------------------------------------------------------------------------------

def test_a_1_gib_flate_stream_is_refused_at_pdf_stream_bytes(tmp_path: Path) -> None:
    path = build.flate_bomb_pdf(tmp_path)
    kind, _, message = error_of(path)
    assert kind == "LimitExceededError"
    assert "a PDF stream inflating past 256 MB exceeds the limit pdf_stream_bytes" \
        " = 256 MB" in message


def test_the_stream_limit_holds_memory_to_the_limit(tmp_path: Path) -> None:
    path = build.flate_bomb_pdf(tmp_path, inflated_mib=64)
    limits = Limits(pdf_stream_bytes=4 << 20)
    assert peak_python_memory(lambda: read_document(path, limits=limits)) < 16 * MB


@pytest.mark.parametrize("build_pdf", ["font_bomb_pdf", "image_bomb_pdf"])
def test_a_1_gib_font_file_or_image_is_refused_at_pdf_stream_bytes(tmp_path: Path,
                                                                   build_pdf: str) -> None:
    """pdfium inflates an embedded font file in C (a 1 GiB one took 2 GB of memory), and
    an image when a page is rendered: both are measured before pdfium sees the page."""
    kind, _, message = error_of(getattr(build, build_pdf)(tmp_path))
    assert kind == "LimitExceededError"
    assert "a PDF stream inflating past 256 MB exceeds the limit pdf_stream_bytes" \
        " = 256 MB" in message


def test_an_image_under_pdf_stream_bytes_is_read_and_one_over_it_refused(
        tmp_path: Path) -> None:
    small = build.image_bomb_pdf(tmp_path / "small", inflated_mib=2)
    large = build.image_bomb_pdf(tmp_path / "large", inflated_mib=8)
    limits = Limits(pdf_stream_bytes=4 << 20)
    document = read_document(small, limits=limits)
    assert [b.text for b in document.blocks if isinstance(b, Paragraph)] == ["Plan 2567"]
    with pytest.raises(LimitExceededError, match="a PDF stream inflating past 4 MiB"):
        read_document(large, limits=limits)


def test_a_page_of_4_million_glyphs_stops_at_page_glyphs(tmp_path: Path) -> None:
    kind, _, message = error_of(build.glyph_bomb_pdf(tmp_path))
    assert kind == "LimitExceededError"
    assert "a page drawing more than 200,000 glyphs exceeds the limit page_glyphs" in message


def test_page_glyphs_counts_exactly(tmp_path: Path) -> None:
    path = build.glyph_bomb_pdf(tmp_path, glyphs=500)
    assert read_document(path, limits=Limits(page_glyphs=500)).n_pages == 1
    with pytest.raises(LimitExceededError, match="more than 499 glyphs"):
        read_document(path, limits=Limits(page_glyphs=499))


def test_a_pdf_over_pdf_pages_is_refused(tmp_path: Path) -> None:
    kind, _, message = error_of(build.many_pages_pdf(tmp_path))
    assert kind == "LimitExceededError"
    assert "a PDF of 2,001 pages exceeds the limit pdf_pages = 2,000" in message


def test_pdf_tables_are_held_to_table_rows_and_cells() -> None:
    path = Path(__file__).parents[1] / "fixtures" / "pdf" / "school-fy2566-untagged.pdf"
    if not path.exists():
        pytest.skip("fixture not built (run: make fixtures)")
    tables = [b for b in read_document(path).blocks if isinstance(b, Table)]
    rows = max(t.n_rows for t in tables)
    cells = max(len(t.cells) for t in tables)
    assert read_document(path, limits=Limits(table_rows=rows, table_cells=cells)).blocks
    with pytest.raises(LimitExceededError, match=f"untagged.pdf: refused: a table of {rows:,}"
                                                 " rows exceeds the limit table_rows"):
        read_document(path, limits=Limits(table_rows=rows - 1))
    with pytest.raises(LimitExceededError, match=f"a table of {cells:,} cells exceeds"):
        read_document(path, limits=Limits(table_cells=cells - 1))


def test_a_zip_directory_over_docx_members_is_refused_before_zipfile_reads_it(
        tmp_path: Path) -> None:
    path = build.many_members_docx(tmp_path, n=20)  # 23 entries with the three parts
    assert read_document(path, limits=Limits(docx_members=23)).blocks
    kind, _, message = error_of(path, Limits(docx_members=22))
    assert kind == "LimitExceededError"
    assert "a ZIP directory of 23 entries exceeds the limit docx_members = 22" in message


def test_a_zip_directory_too_large_for_its_count_is_refused(tmp_path: Path) -> None:
    """Names of 2,000 characters: 4 entries, but more directory bytes than 4 x 512."""
    path = build.many_members_docx(tmp_path, n=1, name_length=2_000)
    kind, _, message = error_of(path, Limits(docx_members=4))
    assert kind == "LimitExceededError"
    assert "(more than 4 entries of 512 bytes) exceeds the limit docx_members = 4" in message
