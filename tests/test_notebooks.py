"""The analyst notebooks run top to bottom on fresh fixture data, and draw Thai, not boxes.

Each notebook is executed with nbclient in a kernel of this very interpreter (a kernel spec
written to a temporary JUPYTER_PATH, so no manual `ipykernel install` and no user-level
spec can swap the interpreter), on an extraction of raw_docs/ made here, with
$PLAN_FIGURES pointing to a folder the test then inspects. A cell prepended in memory turns
matplotlib's "Glyph ... missing from font(s)" warning into an error, so a chart that would
show tofu boxes fails its notebook. `save_figure` records in each PNG which font files drew
its Thai text; the test checks they are the Sarabun files of `fontpkg-sarabun`.
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ["PYTHAINLP_OFFLINE"] = "1"

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
matplotlib = pytest.importorskip("matplotlib")
pytest.importorskip("fontpkg_sarabun")

from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from pipeline.api import load  # noqa: E402
from pipeline.cli import main  # noqa: E402
from pipeline.plotting import (  # noqa: E402
    CHART_FACTS_METADATA_KEY,
    SARABUN_FAMILY,
    THAI_FONTS_METADATA_KEY,
    sarabun_font_files,
    thai_text_fonts,
    use_thai_font,
    wrap_label,
)
from tests.helpers import RAW_DOCS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
EXPECTED_NOTEBOOKS = ("01_explore.ipynb", "02_schedule.ipynb", "03_year_over_year.ipynb")
# Figures each notebook must save; "*" stands for one file per project, "{plan}" for one
# file per plan (fiscal year and organization): "<year>_<number of the plan>".
EXPECTED_FIGURES = {
    "01_explore.ipynb": ("01_budget_by_unit_{plan}.png", "01_budget_by_category_{plan}.png"),
    "02_schedule.ipynb": ("02_gantt_*.png", "02_monthly_workload_{plan}.png",
                          "02_workload_by_project_{plan}.png"),
    "03_year_over_year.ipynb": ("03_budget_delta.png", "03_budget_totals.png"),
}
KERNEL_NAME = "thai-plan-pipeline-test"
CELL_TIMEOUT = 300  # seconds; the first cell imports pandas, matplotlib and pythainlp
MISSING_GLYPH = r"Glyph .* missing from font"
STRICT_GLYPHS_CELL = (
    "import warnings\n"
    f"warnings.filterwarnings('error', message=r'{MISSING_GLYPH}')"
)
THAI_SAMPLE = "งบประมาณ ค่าตอบแทน ค่าใช้สอย ค่าวัสดุ ปีงบประมาณ ๒๕๖๓ ต.ค. 62"


def _sarabun_files() -> set[str]:
    return {Path(p).name for p in sarabun_font_files()}


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh extraction of raw_docs/ (what `make extract` converts), made in-process."""
    out = tmp_path_factory.mktemp("extracted")
    code = main(["extract", str(RAW_DOCS), "--out", str(out), "--workers", "1", "--quiet"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Jupyter data folder holding one kernel spec that runs this interpreter."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "thai-plan-pipeline (test)",
        "language": "python",
    }), encoding="utf-8")
    return root


@pytest.fixture
def notebook_env(
    fixture_data: Path, kernel_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Environment the kernel inherits; returns the figures folder."""
    figures = tmp_path / "figures"
    monkeypatch.setenv("PLAN_DATA", str(fixture_data))
    monkeypatch.setenv("PLAN_FIGURES", str(figures))
    monkeypatch.setenv("PLAN_REPORT", str(tmp_path / "report"))
    monkeypatch.setenv("PYTHAINLP_OFFLINE", "1")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("JUPYTER_PATH", os.pathsep.join(
        p for p in (str(kernel_dir), os.environ.get("JUPYTER_PATH")) if p))
    # The repository first: the kernel (and `python -m pipeline` it starts) import this
    # checkout's `pipeline` whatever its working folder and however the venv installed it.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p))
    yield figures


def test_every_notebook_is_there() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == list(EXPECTED_NOTEBOOKS)


@pytest.mark.parametrize("name", EXPECTED_NOTEBOOKS)
def test_notebook_is_committed_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: cell {cell.get('id')} has outputs"
            assert cell.execution_count is None, f"{name}: cell {cell.get('id')} was run"
    first = notebook.cells[0]
    assert first.cell_type == "code"
    assert 'os.environ.get("PLAN_DATA", "../extracted")' in first.source
    assert "use_thai_font()" in first.source


@pytest.mark.parametrize("name", EXPECTED_NOTEBOOKS)
def test_notebook_runs_and_draws_thai(name: str, notebook_env: Path) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(STRICT_GLYPHS_CELL))
    client = nbclient.NotebookClient(
        notebook, timeout=CELL_TIMEOUT, kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError, with the cell's traceback, on any error

    stderr = "".join(output.get("text", "") for cell in notebook.cells
                     for output in cell.get("outputs", []) if output.get("name") == "stderr")
    assert "missing from font" not in stderr

    figures = notebook_env
    sarabun = _sarabun_files()
    plans = load(os.environ["PLAN_DATA"]).plans
    for pattern in EXPECTED_FIGURES[name]:
        if "{plan}" in pattern:
            expected = {pattern.format(plan=f"{year}_{number}")
                        for number, (year, _) in enumerate(plans, start=1)}
            assert {p.name for p in figures.glob(pattern.format(plan="*"))} == expected
        found = sorted(figures.glob(pattern.format(plan="*")))
        assert found, f"{name} saved no figure {pattern} in {figures}"
        for png in found:
            with Image.open(png) as image:
                assert image.format == "PNG"
                assert min(image.size) > 100
                fonts = image.text.get(THAI_FONTS_METADATA_KEY, "")  # type: ignore[attr-defined]
                facts = json.loads(image.text[CHART_FACTS_METADATA_KEY])  # type: ignore[attr-defined]
            used = set(fonts.split(";")) - {""}
            assert used, f"{png.name}: no Thai text drawn"
            assert used <= sarabun, f"{png.name}: Thai text drawn with {used}"
            check_chart(png.name, facts, plans)


def check_chart(name: str, facts: dict[str, Any], plans: list[tuple[int, str]]) -> None:
    """Issue 11 item 7: no NaN bar, every bar with its value, no name cut, whole-number
    count ticks, and a per-plan chart (or a Gantt chart) titled with one plan only."""
    assert facts["nan_bars"] == 0, name
    assert facts["value_labels"] >= facts["bars"], f"{name}: bars without value labels"
    assert facts["cut_labels"] == 0, f"{name}: a label cut with an ellipsis"
    assert all(tick == int(tick) for tick in facts["count_ticks"]), f"{name}: {facts}"
    (title,) = facts["titles"]
    years = re.findall(r"ปีงบประมาณ (\d{4})", title)
    match = re.fullmatch(r"\d\d_\D+_(\d{4})_(\d+)\.png", name)
    if match:
        year, organization = plans[int(match[2]) - 1]
        assert years == [str(year)] == [match[1]], f"{name}: {title}"
        assert _compact(organization) in _compact(title), f"{name}: {title}"
    elif name.startswith("02_gantt_"):
        shown = [(y, o) for y, o in plans
                 if years == [str(y)] and _compact(o) in _compact(title)]
        assert len(shown) == 1, f"{name}: {title}"


def _compact(text: str) -> str:
    return "".join(text.split())


def test_wrap_label_breaks_thai_between_words_and_keeps_every_letter() -> None:
    name = "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา สภากาแฟ คุยกันเช้าวันพุธ"
    assert wrap_label(name, 20).split("\n") == [
        "กลุ่มนิเทศ ติดตามและ", "ประเมินผลการจัด", "การศึกษา สภากาแฟ คุย", "กันเช้าวันพุธ"]
    assert wrap_label("สพป.ยโสธร เขต 2", 40) == "สพป.ยโสธร เขต 2"
    # a word longer than a line is a line of its own, not cut
    assert wrap_label("บูรณาการเครือข่ายประชาสัมพันธ์", 8) == "บูรณาการ\nเครือข่าย\nประชาสัมพันธ์"


def test_chart_facts_see_nan_bars_missing_labels_and_fractional_count_ticks() -> None:
    """The control of check_chart: a chart with each fault is seen to have it."""
    from pipeline.plotting import chart_facts, integer_axis, money_barh

    with matplotlib.rc_context():
        use_thai_font()
        figure = Figure()
        ax = figure.subplots()
        ax.bar(["ก", "ข"], [float("nan"), 2])
        ax.set_ylabel("จำนวน")
        ax.set_ylim(0, 2)
        ax.set_yticks([0, 0.5, 1])
        ax.set_yticklabels(["0", "0.5", "ยาวมาก…"])
        facts = chart_facts(figure)
        assert (facts["nan_bars"], facts["bars"], facts["value_labels"], facts["cut_labels"],
                facts["count_ticks"]) == (1, 2, 0, 1, [0.0, 0.5, 1.0])
        fixed = Figure()
        ax = fixed.subplots()
        money_barh(ax, ["ก", "ข"], [float("nan"), 2.0])
        ax.set_xlabel("จำนวน")
        integer_axis(ax.xaxis)
        facts = chart_facts(fixed)
        assert [t.get_text() for t in ax.texts] == ["-", "2"]
        assert (facts["nan_bars"], facts["value_labels"], facts["cut_labels"]) == (0, 2, 0)
        assert all(tick == int(tick) for tick in facts["count_ticks"])


def test_thai_font_draws_every_thai_glyph(tmp_path: Path) -> None:
    with matplotlib.rc_context():
        assert use_thai_font() == SARABUN_FAMILY
        figure = Figure()
        axes = figure.subplots()
        axes.set_title(THAI_SAMPLE, fontweight="bold")
        axes.bar(["ค่าตอบแทน", "ค่าใช้สอย"], [1, -2])
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=MISSING_GLYPH)
            figure.savefig(tmp_path / "thai.png")
        fonts = {Path(f).name for f in thai_text_fonts(figure)}
    assert fonts == {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf"}


def test_default_font_would_draw_boxes(tmp_path: Path) -> None:
    """The control: without the helper the same text warns, so the checks above can fail."""
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        figure = Figure()
        figure.text(0.1, 0.5, THAI_SAMPLE)
        with pytest.warns(UserWarning, match=MISSING_GLYPH):
            figure.savefig(tmp_path / "tofu.png")
