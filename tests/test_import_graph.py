"""The pipeline's modules import each other without cycles (issue 9 item 8).

A cycle makes import order matter and a module impossible to load or test alone. Only
module-level imports count: an import inside a function runs when called (the lazy
imports that keep `--help` fast), and one under `if TYPE_CHECKING:` never runs.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "pipeline"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def module_level_imports(tree: ast.Module, package: str, type_checking: bool = False
                         ) -> set[str]:
    """Modules named by the module-level imports, `if`/`try` bodies included, functions
    and classes left out, and `if TYPE_CHECKING:` too unless `type_checking`."""
    found: set[str] = set()
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.If):
            if type_checking or not _is_type_checking(node.test):
                todo.extend(node.body)
            todo.extend(node.orelse)
        elif isinstance(node, ast.Try):
            todo.extend([*node.body, *node.orelse, *node.finalbody,
                         *(s for h in node.handlers for s in h.body)])
    return found


def import_graph(type_checking: bool = False) -> dict[str, set[str]]:
    """Each pipeline module -> the pipeline modules it imports at module level (and for
    type checking when `type_checking`). Importing `a.b.c` also runs the packages `a` and
    `a.b`, so they count as imported too (a module's own packages excepted)."""
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p): p for p in paths}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        for imported in module_level_imports(tree, package, type_checking):
            parts = imported.split(".")
            for i in range(1, len(parts) + 1):
                target = ".".join(parts[:i])
                if target in modules and target != name and not name.startswith(target + "."):
                    targets.add(target)
        graph[name] = targets
    return graph


def test_pipeline_modules_import_without_cycles() -> None:
    try:
        list(TopologicalSorter(import_graph()).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle among pipeline modules: {' -> '.join(exc.args[1])}"
                             ) from None


# The cycles issue 9 named; each pair now depends one way only, even counting the imports
# made for type checking (batch still imports distributed, inside the dask branch).
BROKEN_CYCLES = (
    ("pipeline.extract.plan", "pipeline.audit.cross_checks"),
    ("pipeline.batch", "pipeline.distributed"),
    ("pipeline.diff.compare", "pipeline.diff.lines"),
)


def test_named_cycles_stay_broken_even_for_type_checking() -> None:
    graph = import_graph(type_checking=True)
    both_ways = [(a, b) for a, b in BROKEN_CYCLES if b in graph[a] and a in graph[b]]
    assert both_ways == []
    assert "pipeline.audit.cross_checks" in graph["pipeline.extract.plan"]
    assert "pipeline.batch" in graph["pipeline.distributed"]
    assert "pipeline.diff.lines" in graph["pipeline.diff.compare"]


def test_graph_sees_module_level_imports_only() -> None:
    """The walker itself: a module-level import counts, a function's and TYPE_CHECKING's
    do not (so the cycle test cannot pass by seeing nothing)."""
    tree = ast.parse(
        "from pipeline.a import x\nimport pipeline.b\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pipeline.c import y\n"
        "def f():\n    from pipeline.d import z\n"
        "try:\n    from pipeline.e import w\nexcept ImportError:\n    pass\n"
        "from . import sibling\n")
    assert module_level_imports(tree, "pipeline.pkg") == {
        "pipeline.a", "pipeline.a.x", "pipeline.b", "typing", "typing.TYPE_CHECKING",
        "pipeline.e", "pipeline.e.w", "pipeline.pkg", "pipeline.pkg.sibling"}
    assert "pipeline.c" in module_level_imports(tree, "pipeline.pkg", type_checking=True)
    graph = import_graph()
    assert "pipeline.extract.meta" in graph["pipeline.extract.plan"]


def test_vocabulary_layer_imports_neither_readers_nor_extractor() -> None:
    """The Thai words live in `pipeline.normalize.vocabulary`, which readers and the
    extractor both import; normalize itself reaches no higher layer, so a reader never has
    to import the extractor to know a word (pdf_paragraphs took HEADER_LABELS from
    extract.vocab before)."""
    graph = import_graph(type_checking=True)
    upward = {name: sorted(t for t in targets if not t.startswith("pipeline.normalize"))
              for name, targets in graph.items() if name.startswith("pipeline.normalize")}
    assert {name: t for name, t in upward.items() if t} == {}
    assert "pipeline.normalize.vocabulary.plan" in graph["pipeline.read.pdf_paragraphs"]
    assert not {t for t in graph["pipeline.read.pdf_paragraphs"]
                if t.startswith("pipeline.extract")}



def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module that importing `start` runs, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), set()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_readers_never_import_the_extractor() -> None:
    """Readers make the neutral document model; the extractor reads plans from it (issue 9).
    A reader that needs a word or a header rule takes it from normalize (the OCR arithmetic
    took `match_header`, `split_quantity` and `category_heading` from extract before), so
    no reader module reaches an extractor module, directly or through another module, even
    for type checking."""
    graph = import_graph(type_checking=True)
    readers = [name for name in graph if name.startswith("pipeline.read")]
    assert "pipeline.read.ocr.arithmetic" in readers
    upward = {name: sorted(t for t in reachable(graph, name) if t.startswith("pipeline.extract"))
              for name in readers}
    assert {name: t for name, t in upward.items() if t} == {}
    assert "pipeline.normalize.headers" in graph["pipeline.read.ocr.arithmetic"]


def test_reachable_follows_imports_through_other_modules() -> None:
    """The walker the layering test relies on: a -> b -> c reaches c (and nothing else)."""
    graph = {"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a"}}
    assert reachable(graph, "a") == {"b", "c"}

# The finding kinds that compare amounts (the contract's arithmetic checks).
ARITHMETIC_KINDS = frozenset({"SUMMARY_TOTAL", "SUMMARY_VS_PROJECT", "STATED_VS_TABLE",
                              "LINE_SUM", "ROW_SUM", "FORMULA"})


def arithmetic_kinds_named(path: Path) -> set[str]:
    """The arithmetic finding kinds a module names (`FindingKind.ROW_SUM`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "FindingKind" and node.attr in ARITHMETIC_KINDS}


def test_arithmetic_checks_live_in_audit() -> None:
    """The extractor reads amounts and the audit checks them (issue 9 item 8): no module of
    the readers or the extractor makes a finding that compares amounts (`explain` may still
    name the kinds it shows)."""
    readers = [*(PACKAGE / "extract").rglob("*.py"), *(PACKAGE / "read").rglob("*.py")]
    outside = {str(p.relative_to(PACKAGE)): sorted(kinds) for p in sorted(readers)
               if (kinds := arithmetic_kinds_named(p))}
    assert outside == {}
    audit = set().union(*(arithmetic_kinds_named(p) for p in (PACKAGE / "audit").glob("*.py")))
    assert audit == ARITHMETIC_KINDS
