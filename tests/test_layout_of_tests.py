"""How the tests are laid out and run: fixtures come from conftest.py files, shared rows and paths
from helper modules (tests/paths.py, tables.py, stores.py, hostile.py), never from another test
module; `make test` runs every test, `make test-fast` leaves out those marked slow."""

from __future__ import annotations

import ast
import configparser
import shlex

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


def _recipe(target: str) -> list[str]:
    """The recipe lines of a Makefile target."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def _narrowing(command: str) -> list[str]:
    """The words of a pytest command line that leave tests out: a marker or keyword filter, a
    deselection, an ignored or a named path."""
    words = shlex.split(command)
    options = words[words.index("pytest") + 1:]  # the -m of `python -m pytest` is Python's
    return [w for w in options
            if w.startswith(("-m", "-k", "--deselect", "--ignore")) or not w.startswith("-")]


@pytest.mark.parametrize("command", [
    '$(PY) -m pytest -q -m "not slow"', "$(PY) -m pytest -q -mslow", "$(PY) -m pytest -k quality",
    "$(PY) -m pytest tests/unit", "$(PY) -m pytest -q --ignore=tests/browser"])
def test_the_check_sees_a_narrowed_run(command):
    assert _narrowing(command)


def _pytest_ini() -> configparser.SectionProxy:
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini", encoding="utf-8")
    return config["pytest"]


def test_make_test_runs_every_test():
    """`make test` is what CI runs (.ci/run): no marker, keyword or path may narrow it."""
    commands = [line for line in _recipe("test") if "pytest" in line]
    assert len(commands) == 1 and _narrowing(commands[0]) == [], commands
    assert _narrowing("python -m pytest " + _pytest_ini().get("addopts", "")) == []


def test_make_test_fast_leaves_out_only_the_slow_tests():
    commands = [line for line in _recipe("test-fast") if "pytest" in line]
    assert [_narrowing(c) for c in commands] == [["-m", "not slow"]]
    assert _pytest_ini()["markers"].strip().startswith("slow:")
    assert "--strict-markers" in _pytest_ini()["addopts"].split()  # a mistyped mark fails


def _marks_the_module_slow(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.Assign)
               and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["pytestmark"]
               and ast.unparse(node.value) == "pytest.mark.slow"
               for node in tree.body)


def test_every_browser_test_module_is_marked_slow():
    """Each starts a dashboard server and Chromium."""
    modules = sorted((TESTS / "browser").glob("test_*.py"))
    assert modules
    unmarked = [p.name for p in modules
                if not _marks_the_module_slow(ast.parse(p.read_text(encoding="utf-8")))]
    assert unmarked == []
