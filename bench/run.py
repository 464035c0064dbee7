"""`make bench`: every benchmark, each writing its figures to bench/results/."""

from __future__ import annotations

import importlib


def main() -> None:
    for name in ("bench.pdf_bench", "bench.batch_bench", "bench.ocr_bench"):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"{name}: not available ({exc})")
            continue
        print(f"== {name}")
        module.main()


if __name__ == "__main__":
    main()
