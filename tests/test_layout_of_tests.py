"""How the tests are laid out: fixtures come from conftest.py files, shared rows and paths from
helper modules (tests/paths.py, tables.py, stores.py, hostile.py), never from another test
module."""

from __future__ import annotations

import ast

import pytest

from tests.paths import ROOT

TESTS = ROOT / "tests"


def _module_name(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imported(source: str, module: str) -> set[str]:
    """Every module `source` (the text of `module`) imports; for `from a import b` both `a` and
    `a.b`, since b may be a module. Relative imports are resolved."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            package = module.split(".")[:-node.level] if node.level else []
            base = ".".join(package + ([node.module] if node.module else []))
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


def _test_modules_imported(source: str, module: str) -> list[str]:
    """The test modules and conftest.py files of tests/ that `source` imports."""
    return sorted(name for name in _imported(source, module)
                  if name.startswith("tests.")
                  and (name.rsplit(".", 1)[-1].startswith("test_")
                       or name.rsplit(".", 1)[-1] == "conftest"))


@pytest.mark.parametrize("source", [
    "from tests.unit.test_readers import report",
    "from tests.unit import test_readers",
    "import tests.unit.test_readers",
    "from .test_readers import report",
    "from . import test_readers",
    "from tests.conftest import ROOT",
    "from ..conftest import ROOT",
    "def f():\n    from tests.unit.test_views import two_periods",
])
def test_the_check_sees_every_way_of_importing_a_test_module(source):
    assert _test_modules_imported(source, "tests.unit.test_metrics")


@pytest.mark.parametrize("source", [
    "from tests.tables import report",
    "from tests.paths import ROOT",
    "from tests import hostile",
    "from cdht_data.quality import report",
    "import pytest",
])
def test_the_check_lets_helper_modules_through(source):
    assert _test_modules_imported(source, "tests.unit.test_metrics") == []


def test_no_module_of_the_tests_imports_a_test_module_or_a_conftest():
    found = {}
    for path in sorted(TESTS.rglob("*.py")):
        imported = _test_modules_imported(path.read_text(encoding="utf-8"), _module_name(path))
        if imported:
            found[str(path.relative_to(ROOT))] = imported
    assert found == {}
