"""Limits settings (pipeline/limits.py) and `extract --limit NAME=VALUE` (issue 10 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import LimitExceededError
from pipeline.limits import (
    DEFAULT_LIMITS,
    GIB,
    MB,
    Limits,
    describe,
    limit_names,
    parse_setting,
)


@pytest.mark.parametrize(("setting", "expected"), [
    ("table_rows=50000", ("table_rows", 50_000)),
    ("table-rows=50_000", ("table_rows", 50_000)),
    ("pdf_stream_bytes=2GB", ("pdf_stream_bytes", 2_000_000_000)),
    ("worker_memory_bytes=4GiB", ("worker_memory_bytes", 4 * GIB)),
    ("file_bytes=512MiB", ("file_bytes", 512 << 20)),
    ("page_glyphs=1k", ("page_glyphs", 1_000)),
])
def test_settings_parse_with_units(setting: str, expected: tuple[str, int]) -> None:
    assert parse_setting(setting) == expected


@pytest.mark.parametrize(("setting", "reason"), [
    ("table_rows", "expected NAME=VALUE"),
    ("rows=5", "unknown limit 'rows' (known: file_bytes, docx_unpacked_bytes"),
    ("table_rows=lots", "'lots' is not a number"),
    ("table_rows=5 parsecs", "is not a number"),
    ("table_rows=0", "a limit must be positive"),
    ("table_rows=-5", "is not a number"),
])
def test_bad_settings_say_why(setting: str, reason: str) -> None:
    with pytest.raises(ValueError, match=rf"--limit '{setting}': .*") as info:
        parse_setting(setting)
    assert reason in str(info.value)


def test_settings_apply_over_the_defaults_and_are_fingerprinted() -> None:
    limits = DEFAULT_LIMITS.with_settings(["table_rows=5", "table_rows=7", "xml_part_bytes=1MB"])
    assert (limits.table_rows, limits.xml_part_bytes, limits.pdf_pages) == (7, MB, 2_000)
    assert limits.changed() == {"table_rows": 7, "xml_part_bytes": MB}
    assert DEFAULT_LIMITS.fingerprint() == "" and len(limits.fingerprint()) == 12
    assert limits.fingerprint() == Limits(table_rows=7, xml_part_bytes=MB).fingerprint()
    assert limits.fingerprint() != Limits(table_rows=8, xml_part_bytes=MB).fingerprint()


def test_extract_help_lists_every_limit_with_its_default(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--limit NAME=VALUE" in text
    for name in limit_names():
        assert f"{name} (" in text, name
    assert "table_rows (20,000)" in text and "worker_memory_bytes (3 GiB)" in text


def test_a_bad_limit_on_the_command_line_exits_2(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(tmp_path), "--out", str(tmp_path / "out"),
                 "--limit", "table_rows=many"])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        "error: --limit 'table_rows=many': 'many' is not a number (e.g. 50000, 2GB, 512MiB)")
    assert not (tmp_path / "out").exists()


README = Path(__file__).resolve().parents[1] / "README.md"


def readme_limits_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Limits: what one document may cost")
    return text[start:text.index("\n## ", start + 1)]


def test_the_readme_limits_table_states_the_defaults_and_working_flags() -> None:
    rows = [line.split("|")[1:4] for line in readme_limits_section().splitlines()
            if line.startswith("| `")]
    assert [name.strip(" `") for name, _, _ in rows] == limit_names()
    for name, default, flag in rows:
        name = name.strip(" `")
        assert default.strip() == describe(getattr(DEFAULT_LIMITS, name), name)
        setting = flag.strip(" `").removeprefix("--limit ")
        parsed_name, value = parse_setting(setting)
        assert parsed_name == name and value > getattr(DEFAULT_LIMITS, name)  # raises it


def test_the_readme_error_line_is_the_message_written() -> None:
    section = readme_limits_section()
    example = section.split("```text\n")[1].split("\n```")[0]
    error = LimitExceededError("table_rows", "a table of 100,000 rows", "20,000",
                               "plans/huge.docx")
    assert error.message == example


def test_one_worker_leaves_the_command_process_uncapped(tmp_path: Path) -> None:
    import resource

    from pipeline.batch import BatchOptions, run_batch
    from tests.fixtures.hostile import build

    before = resource.getrlimit(resource.RLIMIT_AS)
    run_batch([build.small_docx(tmp_path / "in")], tmp_path / "out",
              BatchOptions(workers=1, limits=Limits(worker_memory_bytes=1 << 30)))
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_a_local_dask_cluster_gets_the_memory_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    import distributed

    from pipeline.batch import BatchOptions
    from pipeline.distributed import _client

    seen: dict[str, object] = {}

    def fake_cluster(**kwargs: object) -> object:
        seen.update(kwargs)
        return "cluster"

    monkeypatch.setattr(distributed, "LocalCluster", fake_cluster)
    monkeypatch.setattr(distributed, "Client", lambda cluster: ("client", cluster))
    _client(BatchOptions(workers=2, executor="dask",
                         limits=Limits(worker_memory_bytes=5 * GIB)))
    assert seen["memory_limit"] == 5 * GIB and seen["n_workers"] == 2
