"""Every compiled pattern of the package against "its word + a long run + x" (issue 10 item 6).

The scanners of tests/normalize/adversarial.py are fuzzed through their public functions;
this looks at the patterns themselves, so a pattern no listed scanner reaches is fuzzed too.
A regex backtracks badly where an optional word sits between two runs that can match the
same characters (`\\s*(?:word)?\\s*`): given the word and then a long run of those characters
and no match at the end, it tries every split of the run, from every start position. So
each pattern gets, for each literal word its own source holds (and the empty word), the
word followed by n copies of one filler character (space, tab, digit, Thai digit, comma,
dash, ...) and then "x", at two sizes SIZE_FACTOR apart; `finditer` is run to the end (a
failing search retries at every position, as `sub` and `findall` do).

Each pattern runs in its own process with a time limit (a cubic one at 4,000 characters
does not return). Linear work grows SIZE_FACTOR times, quadratic SIZE_FACTOR**2; a probe
growing more than SUPERLINEAR times and slower than NOISE_SECONDS at the larger size is
reported. Found this way (and fixed): `PAGE_FURNITURE_RE`, `PERSON_CUT_RE`, the plan
title's year, `PAGE_NUMBER_ONLY_RE` (cubic).

Run: `python -m bench.regex_fuzz [--small 500] [--large 4000] [--only SUBSTRING]`;
figures go to bench/results/regex_fuzz.json. Nothing here is a test: tests never time
things; tests/test_regex_fuzz.py checks what it collects and the words it probes with.
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

# the parser the re module compiles with (Python 3.11+)
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pipeline

RESULTS = Path(__file__).resolve().parent / "results" / "regex_fuzz.json"
FILLERS = (" ", "\t", "\n", "\u00a0", "1", "๑", ",", ".", "-", "/", "(", "ก", "ๆ")
SIZE_FACTOR_DEFAULT = (500, 4000)
SUPERLINEAR = 24.0  # growth for 8x more input: linear 8x, quadratic 64x
NOISE_SECONDS = 0.005  # below this at the large size, growth is timer noise
PATTERN_TIME_LIMIT = 60.0  # seconds for one pattern's probes; past it "does not return"
MAX_WORDS = 12  # literal words probed per pattern (the longest ones, and "")


@dataclass(frozen=True)
class Probe:
    """One (pattern, word, filler) measurement: seconds at each size and their growth."""

    pattern: str
    mode: str
    word: str
    filler: str
    small_s: float
    large_s: float

    @property
    def growth(self) -> float:
        return self.large_s / self.small_s if self.small_s > 0 else float("inf")

    @property
    def superlinear(self) -> bool:
        return self.large_s > NOISE_SECONDS and self.growth > SUPERLINEAR


def _patterns_in(value: Any, name: str) -> Iterator[tuple[str, re.Pattern[str]]]:
    """A module global that is a str pattern, or a tuple/list/dict/set holding some."""
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield name, value
    elif isinstance(value, (tuple, list, frozenset, set)):
        for index, item in enumerate(value):
            if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                yield f"{name}[{index}]", item
            elif isinstance(item, tuple):
                for part, sub in enumerate(item):
                    if isinstance(sub, re.Pattern) and isinstance(sub.pattern, str):
                        yield f"{name}[{index}][{part}]", sub
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                yield f"{name}[{key!r}]", item


def package_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern a module of `pipeline` holds, named module.attribute.

    Modules that cannot be imported here (an optional extra missing) are skipped and named
    on stderr. The same pattern held under two names is probed once, under its first.
    """
    found: dict[str, re.Pattern[str]] = {}
    seen: set[tuple[str, int]] = set()
    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if info.name.endswith(".__main__"):  # importing it runs the command line
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception as error:  # an optional extra is not installed
            print(f"skipped {info.name}: {error}", file=sys.stderr)
            continue
        for attribute, value in sorted(vars(module).items()):
            for name, pattern in _patterns_in(value, f"{info.name}.{attribute}"):
                key = (pattern.pattern, pattern.flags)
                if key not in seen:
                    seen.add(key)
                    found[name] = pattern
    return found


def _literal_runs(parsed: Any, words: set[str]) -> None:
    """Collect the runs of literal characters of a parsed pattern, in every branch."""
    run: list[str] = []
    for op, av in parsed:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            words.add("".join(run))
            run = []
        for sub in _subpatterns(op, av):
            _literal_runs(sub, words)
    if run:
        words.add("".join(run))


def _subpatterns(op: Any, av: Any) -> list[Any]:
    """The nested patterns of one parsed item (groups, repeats, branches, assertions)."""
    c = sre_constants
    if op is c.BRANCH:
        return list(av[1])
    if op is c.SUBPATTERN:
        return [av[-1]]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
        return [av[2]]
    if op is getattr(c, "ATOMIC_GROUP", None):
        return [av]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op is c.GROUPREF_EXISTS:
        return [part for part in av[1:] if part is not None]
    return []


def probe_words(pattern: re.Pattern[str]) -> list[str]:
    """The empty word and the longest literal words of the pattern's source."""
    words: set[str] = set()
    _literal_runs(sre_parse.parse(pattern.pattern, pattern.flags), words)
    words = {word for word in words if word.strip()}
    return ["", *sorted(words, key=lambda word: (-len(word), word))[:MAX_WORDS]]


def call_modes(name: str, sources: dict[str, str]) -> frozenset[str]:
    """How the package calls the pattern: "match" (anchored at one position), "fullmatch",
    or "search" (search, finditer, findall, sub, split: tried from every position).

    Read from the package's source by the pattern's attribute name; a pattern held in a
    tuple, or called nowhere by name, gets "search", the most demanding mode.
    """
    attribute = name.rsplit(".", 1)[-1]
    if "[" in attribute:
        return frozenset({"search"})
    call = re.compile(rf"\b{re.escape(attribute)}\.(\w+)\(")
    methods = {method for text in sources.values() for method in call.findall(text)}
    modes = {method if method in ("match", "fullmatch") else "search" for method in methods}
    return frozenset(modes or {"search"})


def package_sources() -> dict[str, str]:
    root = Path(pipeline.__file__).resolve().parent
    return {str(path): path.read_text(encoding="utf-8") for path in root.rglob("*.py")}


def probe_text(word: str, filler: str, size: int) -> str:
    """The word, `size` fillers, then a character that ends no run: x."""
    return word + filler * size + "x"


def _seconds(pattern: re.Pattern[str], mode: str, text: str) -> float:
    start = time.process_time()
    if mode == "match":
        pattern.match(text)
    elif mode == "fullmatch":
        pattern.fullmatch(text)
    else:
        for _ in pattern.finditer(text):
            pass
    return time.process_time() - start


def probe_pattern(name: str, pattern: re.Pattern[str], modes: frozenset[str],
                  sizes: tuple[int, int]) -> list[Probe]:
    """Every mode, word and filler of one pattern at both sizes (the small one twice: the
    first is a warm-up)."""
    probes = []
    for mode in sorted(modes):
        for word in probe_words(pattern):
            for filler in FILLERS:
                small_text = probe_text(word, filler, sizes[0])
                _seconds(pattern, mode, small_text)
                small = _seconds(pattern, mode, small_text)
                large = _seconds(pattern, mode, probe_text(word, filler, sizes[1]))
                probes.append(Probe(name, mode, word, filler, small, large))
    return probes


# The patterns to fuzz, filled before the children fork (they inherit it).
_PATTERNS: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {}


def _child(name: str, sizes: tuple[int, int], queue: Any) -> None:
    pattern, modes = _PATTERNS[name]
    queue.put([asdict(probe) for probe in probe_pattern(name, pattern, modes, sizes)])


def fuzz_in_child(name: str, sizes: tuple[int, int]) -> list[Probe] | None:
    """One pattern's probes in a forked process; None when past the time limit."""
    context = multiprocessing.get_context("fork")
    queue: Any = context.Queue()
    child = context.Process(target=_child, args=(name, sizes, queue))
    child.start()
    try:
        rows = queue.get(timeout=PATTERN_TIME_LIMIT)
    except Exception:  # queue.Empty: the pattern did not return in time
        rows = None
    child.join(1.0)
    if child.is_alive():
        child.terminate()
        child.join()
    if rows is None:
        return None
    return [Probe(**row) for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=SIZE_FACTOR_DEFAULT[0])
    parser.add_argument("--large", type=int, default=SIZE_FACTOR_DEFAULT[1])
    parser.add_argument("--only", default="", help="fuzz only patterns whose name holds this")
    parser.add_argument("--no-save", action="store_true", help="do not write the JSON")
    args = parser.parse_args(argv)
    sizes = (args.small, args.large)
    sources = package_sources()
    _PATTERNS.update({name: (pattern, call_modes(name, sources))
                      for name, pattern in package_patterns().items()})
    names = [name for name in _PATTERNS if args.only in name]
    flagged: list[Probe] = []
    timed_out: list[str] = []
    probes = 0
    for name in names:
        result = fuzz_in_child(name, sizes)
        if result is None:
            timed_out.append(name)
            print(f"DOES NOT RETURN in {PATTERN_TIME_LIMIT:.0f} s: {name}", flush=True)
            continue
        probes += len(result)
        for probe in result:
            if probe.superlinear:
                flagged.append(probe)
                print(f"SUPERLINEAR {name} {probe.mode} word={probe.word!r} "
                      f"filler={probe.filler!r}: "
                      f"{probe.small_s:.4f} s -> {probe.large_s:.4f} s "
                      f"({probe.growth:.1f}x)", flush=True)
    print(f"{len(names)} patterns, {probes} probes at {sizes[0]} and {sizes[1]} characters: "
          f"{len(flagged)} superlinear, {len(timed_out)} not returning")
    if not args.no_save and not args.only:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps({
            "sizes": list(sizes), "patterns": len(names), "probes": probes,
            "superlinear": [asdict(probe) for probe in flagged],
            "not_returning": timed_out}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
    return 1 if flagged or timed_out else 0


if __name__ == "__main__":
    raise SystemExit(main())
