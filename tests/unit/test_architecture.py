"""The data core imports top-down only and never Streamlit: read from the source files, so an
import hidden inside a function (a deferred import dodging a cycle) counts too."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import ROOT

PACKAGE = "cdht_data"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in the file, as absolute names."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            # `from . import records` names a module, not a name of the package
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _with_packages(module: str) -> set[str]:
    """A module and the packages above it: importing cdht_data.views.frames runs
    cdht_data/views/__init__.py first."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def _graph() -> dict[str, set[str]]:
    files = sorted((ROOT / PACKAGE).rglob("*.py"))
    modules = {_module_name(f) for f in files}
    graph = {}
    for f in files:
        name = _module_name(f)
        ancestors = _with_packages(name)  # its own packages are running already: no edge
        graph[name] = {m for imported in _imports(f) for m in _with_packages(imported)
                       if m in modules and m not in ancestors}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
    assert _with_packages("cdht_data.views.frames") == {
        "cdht_data", "cdht_data.views", "cdht_data.views.frames"}


def test_no_import_cycle_inside_the_data_core():
    graph = _graph()
    assert "cdht_data.ingest" in graph and graph["cdht_data.ingest"]  # the walk saw imports
    assert _cycles(graph) == []


def test_the_data_core_never_imports_streamlit():
    users = [f.relative_to(ROOT) for f in (ROOT / PACKAGE).rglob("*.py")
             if any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(f))]
    assert users == []
