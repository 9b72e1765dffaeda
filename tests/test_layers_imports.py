"""The package's layers: imports only go down, never in a cycle, not even inside functions.

core <- io <- render <- api <- cli: a module may import its own layer and the layers below it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mlready"
LAYERS = {"core": 0, "io": 1, "render": 2, "api": 3, "cli": 4}
# Libraries that belong to one layer and above: the core loads none of them.
OUTSIDE_CORE = {"yaml", "rich", "jinja2", "typer", "click", "tomllib", "babel"}


def _sources() -> list[Path]:
    """mlready's own modules."""
    return sorted(PACKAGE.rglob("*.py"))


@cache  # each module parsed once for the tests that read it, each its own way
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside functions (mlready's own, resolved)."""
    tree = _tree(path)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from mlready.core import model` imports the module mlready.core.model
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in _sources()}
    return {
        name: {
            imported
            for imported in _imports(path)
            if imported in modules and imported != name and not name.startswith(imported + ".")
        }
        for name, path in modules.items()
    }


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def test_imports_only_go_down() -> None:
    wrong = [
        f"{module} imports {imported}"
        for module, imported_set in _graph().items()
        for imported in imported_set
        if (here := _layer(module)) is not None
        and (there := _layer(imported)) is not None
        and there > here
    ]
    assert wrong == []


def test_every_module_belongs_to_a_layer() -> None:
    loose = [m for m in _graph() if m.count(".") == 1 and _layer(m) is None]
    assert sorted(loose) == ["mlready.__main__"]


def test_the_core_imports_no_io_terminal_or_template_library() -> None:
    wrong = sorted(
        f"{path.name} imports {name}"
        for path in (PACKAGE / "core").glob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in OUTSIDE_CORE
    )
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_graph_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "def f():\n    from mlready.io import files\n    import mlready.render.escape\n"
    )
    assert {"mlready.io.files", "mlready.render.escape"} <= _imports(source)


@pytest.mark.parametrize("module", ["mlready.core.scoring", "mlready.core.gate"])
def test_scoring_loads_no_yaml_rich_or_jinja(module: str) -> None:
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.check_output([sys.executable, "-c", code], text=True).split())
    assert module in loaded
    assert not {"yaml", "rich", "jinja2", "mlready.io", "mlready.render"} & loaded


def _undocumented(path: Path) -> list[str]:
    """Public functions, classes and methods in `path` without a docstring of their own; a
    method that overrides one of a base class in the same module says what the base says."""
    tree = _tree(path)
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}

    def documented_in_base(owner: ast.ClassDef, name: str) -> bool:
        for base in owner.bases:
            parent = classes.get(base.id) if isinstance(base, ast.Name) else None
            if parent is None:
                continue
            for item in parent.body:
                if isinstance(item, ast.FunctionDef) and item.name == name:
                    return bool(ast.get_docstring(item))
            if documented_in_base(parent, name):
                return True
        return False

    missing = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.ClassDef) or node.name.startswith("_"):
            continue
        if not ast.get_docstring(node):
            missing.append(f"{path.name}:{node.lineno} {node.name}")
        if isinstance(node, ast.ClassDef):
            missing += [
                f"{path.name}:{item.lineno} {node.name}.{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef)
                and not item.name.startswith("_")
                and not ast.get_docstring(item)
                and not documented_in_base(node, item.name)
            ]
    return missing


def test_public_functions_and_classes_say_what_they_are() -> None:
    missing = [line for path in _sources() for line in _undocumented(path)]
    assert missing == []


# Typer's and Click's names that are not their public API: modules whose name starts with an
# underscore, and the modules Typer documents only as its own machinery.
_PRIVATE_CLI_MODULES = ("typer.core", "typer.rich_utils", "typer.main.", "click")


def _names_private_cli_parts(path: Path) -> list[str]:
    tree = _tree(path)
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names = [f"{node.value.id}.{node.attr}"]  # `typer.core.X` written as an attribute
        for name in names:
            parts = name.split(".")
            private = any(part.startswith("_") for part in parts[1:]) and parts[0] == "typer"
            if private or name == "typer.rich_utils" or name.startswith(_PRIVATE_CLI_MODULES):
                found.append(f"{path.name}:{node.lineno} {name}")
    return found


def test_one_module_touches_typers_and_clicks_private_parts() -> None:
    touching = {
        _module_name(path): found
        for path in _sources()
        if (found := _names_private_cli_parts(path))
    }
    assert set(touching) == {"mlready.cli.typer_seam"}, touching


def test_docstrings_say_what_in_at_most_three_lines() -> None:
    """The why of a module, class or function goes in comments; its docstring says what."""
    long = []
    for path in _sources():
        tree = _tree(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node, clean=False)
                if doc is not None and len(doc.strip().splitlines()) > 3:
                    long.append(f"{_module_name(path)}:{getattr(node, 'name', '<module>')}")
    assert long == []
