"""Turns pydantic's validation errors into messages that name file, line and column."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mlready.errors import InputError
from mlready.yamlio import Document

MAX_MESSAGES = 20


M = TypeVar("M", bound=BaseModel)


def validate_document(model: type[M], document: Document) -> M:
    """`document.data` as a `model`. Raises InputError listing every problem with its position."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        known_keys = _field_names(model, set())
        messages = [_describe(item, document, known_keys) for item in error.errors()]
        raise InputError(_dedupe(messages)[:MAX_MESSAGES]) from None


def _dedupe(messages: list[str]) -> list[str]:
    return list(dict.fromkeys(messages))


def _describe(item: Any, document: Document, known_keys: set[str]) -> str:
    # Union members and validator functions add names to `loc` that are not in the file.
    loc = tuple(part for part in item["loc"] if not _is_internal(part))
    kind = item["type"]
    name = str(loc[-1]) if loc else "file"
    got = item.get("input")
    if kind == "missing":
        return f"{document.where(loc[:-1])}: missing required key '{name}'"
    if kind == "extra_forbidden":
        return f"{document.where(loc)}: unknown key '{name}'{suggest(name, known_keys)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{document.where(loc)}: {name} must be a mapping (got {_kind_of(got)})"
    if kind in ("tuple_type", "list_type"):
        return f"{document.where(loc)}: {name} must be a list (got {_kind_of(got)})"
    if kind == "string_pattern_mismatch":
        return (
            f"{document.where(loc)}: {name} {got!r} is not a valid id "
            f"(expected {_pattern_hint(item)})"
        )
    if kind == "enum":
        expected = item.get("ctx", {}).get("expected", "").replace("'", "")
        return f"{document.where(loc)}: {name} must be one of {expected} (got {_short(got)!r})"
    message = item["msg"].removeprefix("Value error, ")
    message = message[0].lower() + message[1:]
    return f"{document.where(loc)}: {name}: {message} (got {_short(got)})"


def _is_internal(part: Any) -> bool:
    return isinstance(part, str) and (
        part.startswith("function-") or "[" in part or part in _TYPE_NAMES
    )


_TYPE_NAMES = frozenset({"str", "int", "float", "bool", "none", "tuple", "date"})


def suggest(name: str, candidates: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the closest candidate, or nothing."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _field_names(model: Any, seen: set[Any]) -> set[str]:
    """The keys of `model` and of every model nested in its fields."""
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    pending = list(model.model_fields.values())
    annotations = [field.annotation for field in pending]
    while annotations:
        annotation = annotations.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names |= _field_names(annotation, seen)
        annotations.extend(typing.get_args(annotation))
    return names | set(model.model_fields)


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(_short(value))


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def _pattern_hint(item: Any) -> str:
    pattern = item.get("ctx", {}).get("pattern", "")
    hints = {
        "^[a-z0-9][a-z0-9-]*$": "lowercase letters, digits and '-'",
        "^[a-z0-9][a-z0-9_-]*$": "lowercase letters, digits, '_' and '-'",
        "^[a-z0-9][a-z0-9._:-]*$": "lowercase letters, digits, '.', '_', ':' and '-'",
    }
    return hints.get(pattern, f"lowercase words separated by '.' ({pattern})")
