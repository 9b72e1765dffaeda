"""Classes every run makes are made without compiling source text (see README, Development)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mlready"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _postpones_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_named_tuples_live_where_annotations_are_not_postponed(path: Path) -> None:
    # typing.NamedTuple compiles each string annotation into a ForwardRef when the class is made.
    tree = _tree(path)
    named_tuples = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(isinstance(base, ast.Name) and base.id == "NamedTuple" for base in node.bases)
    ]
    assert not (named_tuples and _postpones_annotations(tree)), named_tuples


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_models_are_records_not_frozen_dataclasses(path: Path) -> None:
    # A frozen dataclass has __init__, __setattr__ and __delattr__ compiled from source text.
    frozen = [
        node.name
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.ClassDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call)
        and getattr(decorator.func, "id", None) == "dataclass"
        and any(
            keyword.arg == "frozen" and getattr(keyword.value, "value", False)
            for keyword in decorator.keywords
        )
    ]
    allowed = {"typer_seam.py": {"NativeParam"}}  # a subclass of Typer's own frozen dataclass
    assert set(frozen) <= allowed.get(path.name, set()), frozen
