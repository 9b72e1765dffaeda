"""No test module imports another, nor conftest: what tests share is a fixture in conftest.py
or a helper in tests/helpers/. (A test module imported by another is collected and set up
twice, under two names, and a change to one test file breaks the tests of another.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def is_test_module(name: str) -> bool:
    """True when `name` (dotted, as imported) is a test module or conftest of this suite."""
    parts = name.split(".")
    if parts[0] == "tests":  # as `python -m pytest` from the root imports them
        parts = parts[1:]
    elif len(parts) != 1:  # `test_x` and `conftest` alone, as pytest's sys.path entry allows
        return False
    return len(parts) == 1 and (parts[0] == "conftest" or parts[0].startswith("test_"))


def imported_test_modules(source: str) -> list[tuple[int, str]]:
    """The line and name of every test module `source` imports, at any depth."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(part for part in ("tests" * bool(node.level), node.module) if part)
            # `from tests import test_x` and `from . import test_x` import the module itself.
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [(node.lineno, name) for name in names if is_test_module(name)]
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from tests.test_walk import ScriptedPrompt", ["tests.test_walk"]),
        ("def f():\n    from tests.conftest import run", ["tests.conftest"]),
        ("import tests.test_pty", ["tests.test_pty"]),
        ("from tests import test_history", ["tests.test_history"]),
        ("from .test_report import REVIEW", ["tests.test_report"]),
        ("from . import conftest", ["tests.conftest"]),
        ("from conftest import SMALL_BANK", ["conftest"]),
        ("import test_cache", ["test_cache"]),
        ("from tests.helpers.walk_script import ScriptedPrompt", []),
        ("from tests.bank_coverage import DEON", []),
        ("from mlready.core import test_data", []),
        ("import pytest", []),
    ],
)
def test_the_check_finds_imports_of_test_modules(source: str, expected: list[str]) -> None:
    assert [name for _, name in imported_test_modules(source)] == expected


def test_no_test_module_or_helper_imports_a_test_module() -> None:
    files = [*TESTS.glob("*.py"), *(TESTS / "helpers").glob("*.py")]
    assert TESTS / "conftest.py" in files and len(files) > 40
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{line}: imports {name}"
        for path in sorted(files)
        for line, name in imported_test_modules(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "\n".join(offenders)
