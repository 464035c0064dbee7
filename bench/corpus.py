"""A generated corpus of varied plans for the batch benchmark.

Built by the fixture code from the fixture specs: other fiscal years, other offices and
schools, and sizes from a few pages to 200+ (project sections repeated). A quarter of the
plans are turned into tagged PDFs (as Word writes them) with LibreOffice when it is
installed, and every plan's page count is measured from its PDF rendering, so pages/s
means printed pages. The corpus is cached in bench/corpus/ and rebuilt only when
CORPUS_VERSION changes.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import cast

from tests.fixtures.build import render
from tests.fixtures.build_pdf import TAGGED_EXPORT
from tests.fixtures.spec import SPECS_DIR, Spec, load_spec
from tests.fixtures.spec_edit import repeat_projects
from tests.fixtures.thai_text import map_strings, shift_years

CORPUS_VERSION = "5"
CORPUS_DIR = Path(__file__).parent / "corpus"
BASES = ("yasothon2-fy2563", "yasothon2-fy2564", "school-fy2566", "secondary-fy2567")
OFFICES = [
    ("ยโสธร เขต 2", "ยโสธร เขต 1"), ("ยโสธร เขต 2", "ขอนแก่น เขต 3"),
    ("ยโสธร เขต 2", "อุดรธานี เขต 4"), ("ยโสธร เขต 2", "นครราชสีมา เขต 7"),
    ("ยโสธร เขต 2", "เชียงใหม่ เขต 5"), ("ยโสธร เขต 2", "สงขลา เขต 2"),
    ("ยโสธร เขต ๒", "ลำปาง เขต ๑"), ("ยโสธร เขต ๒", "ชัยภูมิ เขต ๓"),
]
SCHOOLS = ["โรงเรียนบ้านหนองบัว", "โรงเรียนวัดป่าประดู่", "โรงเรียนชุมชนบ้านโคก",
           "โรงเรียนอนุบาลเมืองใหม่", "โรงเรียนบ้านนาดี"]
# how many times the project sections are written: most plans are short, a few are huge
REPEATS = [1] * 10 + [2] * 5 + [3] * 4


def _rename_office(spec: Spec, rng: random.Random) -> Spec:
    if spec["meta"]["organization"].startswith("โรงเรียน"):
        school = rng.choice(SCHOOLS)
        old = spec["meta"]["organization"]
        return cast(Spec, map_strings(spec, lambda s: s.replace(old, school)))
    pairs = [rng.choice(OFFICES[:6]), rng.choice(OFFICES[6:])]
    return cast(Spec, map_strings(spec, lambda s: s.replace(*pairs[0]).replace(*pairs[1])))


def _shift_year(spec: Spec, years: int) -> Spec:
    fy = int(spec["meta"]["fiscal_year"])
    mapping = {fy - 1: fy - 1 + years, fy: fy + years}
    shifted = cast(Spec, map_strings(spec, lambda s: shift_years(s, mapping)))
    shifted["meta"]["fiscal_year"] = fy + years
    return shifted


def corpus_specs(n: int = 200, seed: int = 2563) -> list[Spec]:
    rng = random.Random(seed)
    bases = {name: load_spec(SPECS_DIR / f"{name}.json") for name in BASES}
    specs = []
    for i in range(n):
        spec = copy.deepcopy(bases[BASES[i % len(BASES)]])
        spec = _shift_year(spec, rng.randint(0, 6))
        spec = _rename_office(spec, rng)
        spec = repeat_projects(spec, rng.choice(REPEATS))
        spec["name"] = f"plan-{i:03d}"
        specs.append(spec)
    return specs


def _to_pdf(docx_files: list[Path], out_dir: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None or not docx_files:
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", TAGGED_EXPORT, "--outdir", str(out_dir), *map(str, docx_files)],
            check=True, capture_output=True, timeout=3600,
        )


def _page_count(pdf: Path) -> int | None:
    import pypdfium2

    if not pdf.exists():
        return None
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def build_corpus(n: int = 200, corpus_dir: Path = CORPUS_DIR) -> dict[str, int | None]:
    """Write the corpus (cached); return each input file's name and page count."""
    stamp = corpus_dir / "corpus.json"
    if stamp.exists():
        meta = json.loads(stamp.read_text())
        if meta.get("version") == CORPUS_VERSION and meta.get("n") == n:
            return cast(dict[str, int | None], meta["pages"])
    shutil.rmtree(corpus_dir, ignore_errors=True)
    inputs, renders = corpus_dir / "plans", corpus_dir / "rendered"
    inputs.mkdir(parents=True)
    renders.mkdir()
    docx_files = []
    for spec in corpus_specs(n):
        path = renders / f"{spec['name']}.docx"
        path.write_bytes(render(spec))
        docx_files.append(path)
    _to_pdf(docx_files, renders)
    pages: dict[str, int | None] = {}
    for i, docx_path in enumerate(docx_files):
        pdf = docx_path.with_suffix(".pdf")
        use_pdf = i % 4 == 3 and pdf.exists()
        chosen = pdf if use_pdf else docx_path
        shutil.copy(chosen, inputs / chosen.name)
        pages[chosen.name] = _page_count(pdf)
    stamp.write_text(json.dumps({"version": CORPUS_VERSION, "n": n, "pages": pages}, indent=1))
    return pages
