"""How the text normalizers and scanners scale on long adversarial strings (issue 10 item 6).

Every public function of pipeline.normalize and the text-scanning functions of
pipeline.extract are called on strings made of one repeated unit ("1x", "1.", NUL, "(",
"บาท/คน", Thai digits, ...) at two sizes; a call whose time grows more than
`SUPERLINEAR_RATIO` times when the input grows 4 times is reported. Each call runs in its
own process with a time limit, so a call that never returns is reported too.

Run: `python -m bench.normalizer_scaling [--small 65536] [--large 262144] [--only NAME]`.
The hypothesis test tests/normalize/test_linear.py holds the same property for the suite.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable
from typing import Any

from tests.normalize.adversarial import ADVERSARIAL_UNITS, SCANNERS, repeated

SUPERLINEAR_RATIO = 6.0  # linear is 4 for a 4x input; leave room for noise
CALL_TIME_LIMIT = 20.0  # seconds; a call past this is reported as not returning
SLOW_CALL = 2.0  # seconds for the large input: reported whatever the ratio
NOISE_FLOOR = 0.05  # seconds: ratios of calls faster than this are allocator noise


def _time_call(name: str, unit: str, size: int, queue: Any) -> None:
    function: Callable[[str], object] = SCANNERS[name]
    text = repeated(unit, size)
    started = time.process_time()
    function(text)
    queue.put(time.process_time() - started)


def timed(name: str, unit: str, size: int) -> float | None:
    """CPU seconds of one call in a child process; None when it passes the time limit."""
    queue: Any = multiprocessing.Queue()
    child = multiprocessing.Process(target=_time_call, args=(name, unit, size, queue))
    child.start()
    child.join(CALL_TIME_LIMIT)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return float(queue.get()) if child.exitcode == 0 else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=64 * 1024)
    parser.add_argument("--large", type=int, default=256 * 1024)
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args(argv)
    bad = 0
    for name in args.only or list(SCANNERS):
        for unit in ADVERSARIAL_UNITS:
            small = timed(name, unit, args.small)
            large = timed(name, unit, args.large) if small is not None and small < 5 else None
            ratio = large / max(small, 1e-3) if small is not None and large is not None else None
            flagged = large is None or large > SLOW_CALL or (
                ratio is not None and ratio > SUPERLINEAR_RATIO and large > NOISE_FLOOR)
            if flagged:
                bad += 1
                print(f"SLOW {name:<28} {unit!r:<16} small={small} large={large}"
                      f" ratio={ratio}", flush=True)
    print(f"{bad} slow (function, unit) pairs", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
