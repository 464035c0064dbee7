"""How much work a text scanner does, measured two ways, for the linearity proofs
(issue 10 item 6: tests/normalize/test_linear.py and bench/normalizer_scaling.py).

Both compare the same call on one adversarial unit repeated to two sizes, in one run, so
the verdict is a ratio, never a fixed time limit:

* `steps`: how many Python and C function calls the call makes (`sys.setprofile` sees
  each one), counted with the pipeline's memoising caches emptied first, so that neither
  size finds the other's (or an earlier example's) results there. Deterministic: the same
  count on an idle laptop and a busy CI machine. A loop
  that does work per position or per token (a regex retried from every position, a nested
  loop over tokens) multiplies it. It cannot see work inside one C call (a regex that
  backtracks, a slice of the rest of the text), so
* `least_cpu_seconds`: the least CPU time of several repeats after a warm-up. CPU time
  leaves out the time other processes take the core; the least of several repeats leaves
  out a repeat slowed by cache pollution or an interrupt; the warm-up fills the memoising
  caches (`clean_text`, `parse_amount`) the first call would fill.

Bounds, for an input `factor` times larger: linear work grows `factor` times and quadratic
`factor**2` times; n log n over these sizes (16 kB to 1 MB) grows at most 1.25 `factor`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import Final

# Steps are exact, so their bound only leaves room for n log n: 5 at 4x (linear 4,
# quadratic 16).
STEP_GROWTH_BOUND: Final = 1.25
# CPU time is not exact: the same code runs a little slower per character on a 1 MB
# string than on a 64 kB one (the larger falls out of the processor's caches; 16.0-16.4x
# for 16x measured here), and a loaded machine adds noise the least of several repeats
# does not remove; 3x linear leaves room for that and n log n and is still 5x below
# quadratic at 16x (48 against 256).
TIME_GROWTH_BOUND: Final = 3.0
# Below this CPU time a call's time is timer and allocator noise: a smaller input's time
# is taken as at least this much (so 16x of it, 80 ms for 1 MB, passes whatever its shape).
NOISE_FLOOR: Final = 0.005


def clear_pipeline_caches() -> None:
    """Empty every `functools.lru_cache` at module level in the pipeline's modules."""
    for name, module in list(sys.modules.items()):
        if name == "pipeline" or name.startswith("pipeline."):
            for value in list(vars(module).values()):
                if callable(clear := getattr(value, "cache_clear", None)):
                    clear()


def steps(function: Callable[[str], object], text: str) -> int:
    """The number of Python and C function calls (and returns) `function(text)` makes,
    starting with empty caches."""
    clear_pipeline_caches()
    count = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        count += 1

    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        function(text)
    finally:
        sys.setprofile(previous)
    return count


def least_cpu_seconds(function: Callable[[str], object], text: str, repeats: int) -> float:
    """The least CPU time of `repeats` calls of `function(text)`."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        function(text)
        best = min(best, time.process_time() - started)
    return best


def step_bound(factor: float) -> float:
    return STEP_GROWTH_BOUND * factor


def time_bound(factor: float) -> float:
    return TIME_GROWTH_BOUND * factor
