"""The house plan, checked: data flows one way and Whoosh stays inside the engine.

The import graph is read from the source (every ``import`` and ``from … import``, also the
ones inside functions), so a lazy import cannot hide a cycle or a Whoosh dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Source folder → import name (pyproject's package-dir).
PACKAGES = {"analyzers": "qidir.analyzers", "search": "qidir.search", "web": "qidir.web"}
#: The only packages that may import Whoosh.
WHOOSH_ALLOWED = ("qidir.search.engine", "qidir.search.query")


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for folder, name in PACKAGES.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            rel = path.relative_to(REPO / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            out[".".join([name, *parts])] = path
    return out


MODULES = _modules()


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _imports(module: str) -> set[str]:
    """Every module name ``module`` imports (absolute names, relative ones resolved)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module if _is_package(module) else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            # ``from qidir.search import fields`` imports the submodule qidir.search.fields.
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if f"{base}.{alias.name}" in MODULES)
    return found


GRAPH = {m: {i for i in _imports(m) if i in MODULES and i != m} for m in MODULES}


def _parents(module: str) -> set[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ first: those are edges too."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(2, len(parts)) if ".".join(parts[:i]) in MODULES}


def _cycle() -> list[str] | None:
    graph = {m: {t for i in deps for t in {i, *_parents(i)} if t != m and t not in
                 _parents(m)} for m, deps in GRAPH.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_the_graph_is_read() -> None:
    assert "qidir.search.service" in MODULES and "qidir.search.engine.schema" in MODULES
    assert "qidir.search.fields" in GRAPH["qidir.search.engine.schema"]
    assert "qidir.search.engine.searching" in GRAPH["qidir.search.service"]


def test_no_import_cycles() -> None:
    assert _cycle() is None, " -> ".join(_cycle() or [])


def test_only_the_engine_and_the_query_compiler_import_whoosh() -> None:
    offenders = sorted(m for m in MODULES
                       if any(i == "whoosh" or i.startswith("whoosh.") for i in _imports(m))
                       and not m.startswith(WHOOSH_ALLOWED))
    assert offenders == []


@pytest.mark.parametrize(("lower", "upper", "allowed"), [
    # The analyzers are plain Python: they know nothing of search or the web.
    ("qidir.analyzers", "qidir.search", ()),
    ("qidir.analyzers", "qidir.web", ()),
    # Below the web, nothing imports it; the CLI's `serve` starts the web app.
    ("qidir.search", "qidir.web", ("qidir.search.cli",)),
    # Ingestion makes documents; it does not know the index or queries.
    ("qidir.search.ingest", "qidir.search.engine", ()),
    ("qidir.search.ingest", "qidir.search.query", ()),
    ("qidir.search.ingest", "qidir.search.service", ()),
    # The engine does not know the query language or the service.
    ("qidir.search.engine", "qidir.search.query", ()),
    ("qidir.search.engine", "qidir.search.service", ()),
    ("qidir.search.query", "qidir.search.service", ()),
    # The follower sits above ingest and the engine: they never call it.
    ("qidir.search.ingest", "qidir.search.follower", ()),
    ("qidir.search.engine", "qidir.search.follower", ()),
    ("qidir.search.query", "qidir.search.follower", ()),
])
def test_data_flows_one_way(lower: str, upper: str, allowed: tuple[str, ...]) -> None:
    offenders = sorted(f"{m} -> {i}" for m, deps in GRAPH.items() if m.startswith(lower)
                       and m not in allowed for i in deps if i.startswith(upper))
    assert offenders == []
