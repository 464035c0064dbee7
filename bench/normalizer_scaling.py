"""How the text normalizers and scanners scale on long adversarial strings (issue 10 item 6).

Every public function of pipeline.normalize and the text-scanning functions of
pipeline.extract are called on strings made of one repeated unit ("1x", "1.", NUL, "(",
"บาท/คน", Thai digits, ...) at two sizes, 16x apart. Each (function, unit) pair runs in its
own process with a time limit (so a call that never returns is reported too): one warm-up
call, then the least CPU time of `--repeats` calls at each size, which leaves out a repeat
slowed by the shared machine. Linear work grows 16x and quadratic 256x; a pair growing
more than 48x (tests/normalize/growth.py: 3x linear, room for n log n and cache misses)
is reported SUPERLINEAR. A pair slower than SLOW_CALL at the large size is listed as slow
but linear: its cost per character is high, its growth is not.

Run: `python -m bench.normalizer_scaling [--small 16384] [--large 262144] [--repeats 3]
[--only NAME]`. The hypothesis tests in tests/normalize/test_linear.py hold the same
property for the suite (by exact step counts, and by CPU time on 1 MB strings).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Callable
from typing import Any

from tests.normalize.adversarial import ADVERSARIAL_UNITS, SCANNERS, repeated
from tests.normalize.growth import NOISE_FLOOR, least_cpu_seconds, time_bound

PAIR_TIME_LIMIT = 120.0  # seconds of one pair's process; past it "does not return"
SLOW_CALL = 2.0  # seconds for the large input: listed as slow (but linear)


def _time_pair(name: str, unit: str, sizes: tuple[int, int], repeats: int,
               queue: Any) -> None:
    function: Callable[[str], object] = SCANNERS[name]
    function(repeated(unit, sizes[0]))  # warm-up: caches, compiled regexes
    queue.put(tuple(least_cpu_seconds(function, repeated(unit, size), repeats)
                    for size in sizes))


def timed(name: str, unit: str, sizes: tuple[int, int],
          repeats: int) -> tuple[float, float] | None:
    """Least CPU seconds at each size, in a child process; None past the time limit."""
    queue: Any = multiprocessing.Queue()
    child = multiprocessing.Process(target=_time_pair,
                                    args=(name, unit, sizes, repeats, queue))
    child.start()
    child.join(PAIR_TIME_LIMIT)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    if child.exitcode != 0:
        return float("nan"), float("nan")
    small, large = queue.get()
    return float(small), float(large)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=16 * 1024)
    parser.add_argument("--large", type=int, default=256 * 1024)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args(argv)
    bound = time_bound(args.large / args.small)
    superlinear = slow = pairs = 0
    for name in args.only or list(SCANNERS):
        for unit in ADVERSARIAL_UNITS:
            pairs += 1
            times = timed(name, unit, (args.small, args.large), args.repeats)
            if times is None:
                superlinear += 1
                print(f"NO RETURN   {name:<24} {unit!r}", flush=True)
                continue
            small, large = times
            ratio = large / max(small, NOISE_FLOOR)
            if ratio > bound:
                superlinear += 1
                print(f"SUPERLINEAR {name:<24} {unit!r:<18} {small:.4f} s -> {large:.4f} s"
                      f" ({ratio:.1f}x > {bound:.0f}x)", flush=True)
            elif large > SLOW_CALL:
                slow += 1
                print(f"slow        {name:<24} {unit!r:<18} {small:.4f} s -> {large:.4f} s"
                      f" ({ratio:.1f}x)", flush=True)
    print(f"{pairs} pairs: {superlinear} superlinear or not returning, {slow} slow but"
          f" linear (> {SLOW_CALL} s at {args.large:,} characters)", flush=True)
    return 1 if superlinear else 0


if __name__ == "__main__":
    sys.exit(main())
