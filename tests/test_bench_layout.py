"""The benchmark stays out of the product and measures it only through its public calls: no
product module imports it, the command line has no bench command, the benchmark uses no
private name, and it makes for each page the one call that page makes."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from bench.page_calls import Filters, page_calls
from cdht_data.cli import main
from tests.paths import ROOT
from ui import data
from ui.navigation import VIEW_PAGES

PRODUCT = ("cdht_data", "ui", "pages", "dashboard.py")
# AppTest's hook for handing every run one registry of components, as a running server holds
# (bench/pages.py): Streamlit's private attribute, not the product's.
STREAMLIT_HOOKS = {"_bidi_component_manager"}


def _files(*roots: str) -> list[Path]:
    found = [p for r in roots for p in ((ROOT / r).rglob("*.py") if (ROOT / r).is_dir()
                                        else [ROOT / r])]
    assert found
    return found


def _imported(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT).parent.parts)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] \
                if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
    return names


def test_the_product_never_imports_the_benchmark():
    users = [str(f.relative_to(ROOT)) for f in _files(*PRODUCT)
             if any(re.search(r"(^|\.)bench", m) for m in _imported(f))]
    assert users == []
    assert not [f for f in _files(*PRODUCT) if f.name.startswith("bench")]


def test_the_command_line_has_no_bench_command(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert "bench" not in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        main(["bench"])
    assert done.value.code == 2
    assert "không có lựa chọn 'bench'" in capsys.readouterr().err


def test_the_benchmark_uses_no_private_name():
    """No `_name` imported, and no `x._name` read except on the module's own objects (self)
    and Streamlit's AppTest hook."""
    found = []
    for f in _files("bench"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found += [a.name for a in node.names if a.name.startswith("_")
                          and node.module != "__future__"]
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                    and not node.attr.startswith("__") and node.attr not in STREAMLIT_HOOKS \
                    and not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                found.append(f"{f.name}: {ast.unparse(node)}")
    assert found == []


def test_the_benchmark_makes_each_page_s_one_call():
    calls = page_calls(Filters("MP", None))
    assert set(calls) == {script for script, _, _ in VIEW_PAGES}
    for script, (function, args) in calls.items():
        source = (ROOT / script).read_text(encoding="utf-8")
        assert f"data.{function.__name__}(" in source, script
        cached = inspect.signature(getattr(data, function.__name__)).parameters
        direct = inspect.signature(function).parameters
        assert list(cached)[1:] == list(direct)[1:] and len(args) == len(direct) - 1, script
