"""The HTML report in a real headless Chromium: it loads, shows the counts, renders."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from pipeline.diff import diff_years, write_plan_report

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a sandboxed CI container: no GPU, no network chatter, a throwaway profile.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
WINDOW = (1280, 2000)
TIMEOUT_S = 120
# A blank 1280x2000 PNG compresses to a few kB; a page with text is far larger.
MIN_SCREENSHOT_BYTES = 20_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed"),
]


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=TIMEOUT_S, check=True,
    )


@pytest.fixture(scope="module")
def report(both_years: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    diff = diff_years(both_years, from_year=2563, to_year=2564, organization="ยโสธร")
    return write_plan_report(diff, tmp_path_factory.mktemp("report"))["report"]


def test_report_loads_and_shows_the_counts(report: Path, tmp_path: Path) -> None:
    dom = chromium(["--dump-dom", report.as_uri()], tmp_path / "profile").stdout
    counts = dict(re.findall(r'id="count-([a-z]+)">(\d+)<', dom))
    assert counts == {"added": "1", "removed": "1", "renamed": "1", "changed": "4",
                      "unchanged": "5", "rows": "12"}
    assert "180,000.00 บาท" in dom
    assert "พัฒนาระบบข้อมูลสารสนเทศเพื่อการบริหารและการบริการ" in dom


def test_report_screenshot(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    chromium([f"--screenshot={png}", f"--window-size={WINDOW[0]},{WINDOW[1]}", report.as_uri()],
             tmp_path / "profile")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == WINDOW
    assert len(data) > MIN_SCREENSHOT_BYTES
