"""Thai text in matplotlib charts, and figure files the notebook tests can check.

matplotlib's default font (DejaVu Sans) has no Thai glyphs: every Thai label becomes a
row of empty boxes, with only a "Glyph ... missing from font(s)" warning to tell. The
notebooks therefore call `use_thai_font()` first. It registers Sarabun from the
`fontpkg-sarabun` package (a pip dependency, so a fresh venv has it without root or
network) and falls back to a Thai font installed on the system (Debian's
`fonts-thai-tlwg`: Laksaman, Garuda, ...).

`save_figure()` writes a chart's PNG and records in its metadata which font files drew the
Thai text, so a test can prove from the image file alone that Sarabun, not a box, was used.
"""

from __future__ import annotations

import importlib.resources
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Final

import pandas as pd
from matplotlib import font_manager, rcParams
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from pipeline.normalize.vocabulary import BE_OFFSET, THAI_MONTH_ABBREVIATIONS

SARABUN_PACKAGE: Final = "fontpkg_sarabun"
SARABUN_FILES: Final = "files"
SARABUN_FAMILY: Final = "Sarabun"
# Thai families of fonts-thai-tlwg (and others common on desktops), best-looking first.
SYSTEM_THAI_FAMILIES: Final = (
    "Laksaman", "Garuda", "Loma", "Waree", "Kinnari", "Norasi", "Sawasdee",
    "TH Sarabun New", "Noto Sans Thai", "Tahoma",
)
# Fonts behind the Thai one: Latin symbols it may lack (e.g. the minus sign) still render.
LATIN_FALLBACK: Final = "DejaVu Sans"

FIGURES_ENV: Final = "PLAN_FIGURES"
THAI_FONTS_METADATA_KEY: Final = "Thai fonts"  # PNG text chunk written by save_figure
CHART_FACTS_METADATA_KEY: Final = "Chart"  # PNG text chunk: chart_facts() as JSON
_THAI: Final = re.compile("[\u0e00-\u0e7f]")


def use_thai_font() -> str:
    """Make matplotlib draw Thai; return the font family now used for all chart text.

    Raises RuntimeError when no Thai font exists at all: a chart of boxes would mislead,
    so it is better to stop with the two ways to install one.
    """
    family = _register_sarabun() or _system_thai_family()
    if family is None:
        raise RuntimeError(
            "no Thai font found for matplotlib: install the Python package"
            " `fontpkg-sarabun` (pip install -e '.[notebooks]') or the Debian package"
            " `fonts-thai-tlwg`")
    rcParams["font.family"] = "sans-serif"
    rest = [name for name in rcParams["font.sans-serif"] if name not in (family, LATIN_FALLBACK)]
    rcParams["font.sans-serif"] = [family, LATIN_FALLBACK, *rest]
    return family


def sarabun_font_files() -> list[str]:
    """The TTF files `fontpkg-sarabun` ships (every weight), or [] if it is not installed."""
    try:
        folder = importlib.resources.files(SARABUN_PACKAGE) / SARABUN_FILES
    except ModuleNotFoundError:
        return []
    return sorted(str(entry) for entry in folder.iterdir() if entry.name.endswith(".ttf"))


def _register_sarabun() -> str | None:
    """Add every Sarabun weight to matplotlib's font list, so bold titles stay Sarabun."""
    paths = sarabun_font_files()
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in paths:
        if path not in known:
            font_manager.fontManager.addfont(path)
    return SARABUN_FAMILY if paths else None


def _system_thai_family() -> str | None:
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in SYSTEM_THAI_FAMILIES if name in installed), None)


def figures_dir() -> Path:
    """Where notebooks save chart PNGs: $PLAN_FIGURES, else a new temporary folder."""
    configured = os.environ.get(FIGURES_ENV)
    folder = Path(configured) if configured else Path(tempfile.mkdtemp(prefix="plan-figures-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_figure(figure: Figure, path: str | Path) -> Path:
    """Save `figure` as PNG at `path`, recording which font files drew its Thai text.

    The record (PNG text chunk "Thai fonts", file names separated by ";") is what the
    notebook tests read: it names the font that actually laid out each Thai label.
    """
    target = Path(path).with_suffix(".png")
    target.parent.mkdir(parents=True, exist_ok=True)
    fonts = sorted({Path(p).name for p in thai_text_fonts(figure)})
    figure.savefig(target, dpi=100, bbox_inches="tight",
                   metadata={THAI_FONTS_METADATA_KEY: ";".join(fonts),
                             CHART_FACTS_METADATA_KEY: json.dumps(chart_facts(figure),
                                                                  ensure_ascii=False)})
    return target


def chart_facts(figure: Figure) -> dict[str, object]:
    """What a reader of the chart sees, for the notebook tests (PNG text chunk "Chart"):
    titles, bars and how many are NaN, value labels, tick labels cut with "…", and the
    tick values of every axis labelled as a count ("จำนวน")."""
    figure.draw_without_rendering()
    axes = [ax for ax in figure.axes if ax.get_label() != "<colorbar>"]
    bars = [patch for ax in axes for container in ax.containers
            if isinstance(container, BarContainer) for patch in container.patches]
    ticks = [label.get_text() for ax in axes
             for label in (*ax.get_xticklabels(), *ax.get_yticklabels())]
    counts = [float(value) for ax in figure.axes
              for axis, label in ((ax.xaxis, ax.get_xlabel()), (ax.yaxis, ax.get_ylabel()))
              if "จำนวน" in label
              for value in axis.get_ticklocs()
              if _in_view(axis, value)]
    return {
        "titles": [ax.get_title() for ax in axes if ax.get_title()],
        "bars": len(bars),
        "nan_bars": sum(1 for bar in bars
                        if math.isnan(bar.get_height()) or math.isnan(bar.get_width())),
        "value_labels": sum(len(ax.texts) for ax in axes),
        "cut_labels": sum(1 for text in ticks if "…" in text),
        "count_ticks": counts,
    }


def _in_view(axis: Axis, value: float) -> bool:
    low, high = sorted(axis.get_view_interval())
    return bool(low <= value <= high)


def thai_text_fonts(figure: Figure) -> list[str]:
    """Font files matplotlib picks for every visible text of `figure` containing Thai.

    Draws the figure first (without rendering pixels): tick labels only exist after a draw.
    """
    figure.draw_without_rendering()
    return [os.fspath(font_manager.findfont(text.get_fontproperties()))
            for text in _texts(figure.findobj(Text))
            if _THAI.search(text.get_text())]


def _texts(artists: Iterable[object]) -> Iterable[Text]:
    return (a for a in artists if isinstance(a, Text) and a.get_visible() and a.get_text())


def thai_month_label(month: date | pd.Timestamp) -> str:
    """A month as plans write it in headers: "ต.ค. 62" (Thai abbreviation, BE year)."""
    return f"{THAI_MONTH_ABBREVIATIONS[month.month - 1]} {(month.year + BE_OFFSET) % 100:02d}"


def wrap_label(text: object, width: int = 40) -> str:
    """A full Thai name broken into lines of at most `width` characters, between words.

    Thai writes no spaces between words, so the lines break where pythainlp's dictionary
    tokenizer (newmm) ends a word; a single word longer than `width` gets a line of its
    own (never cut). Nothing is left out: the lines joined give the name again, its runs
    of spaces made one.
    """
    from pythainlp.tokenize import word_tokenize  # loads its dictionary on first use

    clean = " ".join(str(text).split())
    lines: list[str] = []
    line = ""
    for word in word_tokenize(clean, engine="newmm", keep_whitespace=True):
        if line and len(line) + len(word) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return "\n".join(lines)


def money_barh(ax: Axes, labels: Sequence[str], values: Sequence[float], *,
               colors: Sequence[str] | str = "tab:blue", signed: bool = False) -> None:
    """Horizontal bars of baht amounts, each with its amount written at its end.

    Missing amounts are drawn as 0 and labelled "-" (never NaN), the labels are drawn as
    given (wrap them with `wrap_label`, never cut), and the axis leaves room for the
    value labels. `signed` writes +/- (a change), else plain amounts.
    """
    heights = [0.0 if v is None or math.isnan(v) else float(v) for v in values]
    texts = ["-" if v is None or math.isnan(v) else (f"{v:+,.0f}" if signed else f"{v:,.0f}")
             for v in values]
    bars = ax.barh(list(labels), heights, color=colors)
    ax.bar_label(bars, labels=texts, padding=3, fontsize=9)
    ax.margins(x=0.2)
    ax.xaxis.set_major_formatter("{x:+,.0f}" if signed else "{x:,.0f}")


def label_height(labels: Iterable[str], per_line: float = 0.3, base: float = 1.8) -> float:
    """A figure height (inches) that fits these wrapped labels on its y axis."""
    return base + per_line * sum(label.count("\n") + 1.4 for label in labels)


def integer_axis(axis: Axis) -> None:
    """Ticks of a count axis on whole numbers only (no 2.5 activities)."""
    axis.set_major_locator(MaxNLocator(integer=True))
