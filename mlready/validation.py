"""Turning parsed YAML (or TOML) into typed, frozen models, naming file:line:column of each problem.

Models are frozen dataclasses; their type hints say what each key takes, and `Annotated` rules
add what a type cannot say (patterns, ranges, a single value for a list). One walk checks the
whole file and reports every problem it finds, not just the first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from mlready.errors import InputError

MAX_MESSAGES = 20
M = TypeVar("M")


# --- rules that type hints carry in Annotated[...] ------------------------------------------


# Rules are named tuples rather than dataclasses: they are made at import time, where every
# dataclass costs a millisecond of generated code on each run of the command.


class Pattern(NamedTuple):
    """The text must match `regex`; `hint` says what that means to a person."""

    regex: str
    hint: str

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex)


class Range(NamedTuple):
    ge: float | None = None
    gt: float | None = None
    le: float | None = None


class OneOrMany(NamedTuple):
    """A single value where a list belongs means a list of one."""


class NumberAsText(NamedTuple):
    """A number where text belongs means its digits (an option value `5g`, `1`)."""


class NullAsEmpty(NamedTuple):
    """A key with nothing after it means an empty mapping."""


class ShortForm(NamedTuple):
    """A plain value where a mapping belongs means `{key: value}`."""

    key: str


class Key(NamedTuple):
    """The key in the file, where it differs from the field name (`fail-under`)."""

    name: str


class Internal(NamedTuple):
    """Set by mlready, never read from a file."""


@cache
def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


TRUE_WORDS = frozenset({"true", "yes", "on"})
FALSE_WORDS = frozenset({"false", "no", "off"})


class FieldSpec(NamedTuple):
    name: str
    key: str
    hint: Any  # the type, without Annotated
    rules: tuple[Any, ...]
    required: bool
    internal: bool


@cache
def fields_of(cls: Any) -> tuple[FieldSpec, ...]:
    """The fields a model reads from a file, with their types and rules."""
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = []
    for item in dataclasses.fields(cls):
        hint, rules = unwrap(hints[item.name])
        key = next((rule.name for rule in rules if isinstance(rule, Key)), item.name)
        required = (
            item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
        )
        internal = any(isinstance(rule, Internal) for rule in rules)
        specs.append(FieldSpec(item.name, key, hint, rules, required, internal))
    return tuple(specs)


def unwrap(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    if typing.get_origin(hint) is typing.Annotated:
        inner, *rules = typing.get_args(hint)
        deeper, more = unwrap(inner)
        return deeper, (*more, *rules)
    return hint, ()


def describe_value(value: Any) -> str:
    """A short description of a value for a message: `'text'`, `a list`, `nothing`."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def suggest(name: str, candidates: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the closest candidate, or nothing."""
    close = difflib.get_close_matches(name, [c for c in candidates if c != name], n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Invalid:
    """What a conversion returns after it reported a problem."""


INVALID: Any = _Invalid()
Where = Callable[[tuple[str | int, ...]], str]


class Converter:
    """Converts plain data into a model, collecting a message for every problem."""

    def __init__(self, where: Where) -> None:
        self.where = where
        self.problems: list[str] = []

    def problem(self, loc: tuple[str | int, ...], message: str) -> Any:
        self.problems.append(f"{self.where(loc)}: {message}")
        return INVALID

    def model(self, cls: Any, data: Any, loc: tuple[str | int, ...], name: str) -> Any:
        if not isinstance(data, dict):
            return self.problem(loc, f"{name} must be a mapping (got {describe_value(data)})")
        specs = [spec for spec in fields_of(cls) if not spec.internal]
        keys = [spec.key for spec in specs]
        for key in data:
            if key not in keys:
                self.problem((*loc, key), f"unknown key '{key}'{suggest(str(key), keys)}")
        values: dict[str, Any] = {}
        valid = True
        for spec in specs:
            if spec.key not in data:
                if spec.required:
                    valid = False
                    self.problem(loc, f"missing required key '{spec.key}'")
                continue
            value = self.value(spec.hint, spec.rules, data[spec.key], (*loc, spec.key), spec.key)
            if value is INVALID:
                valid = False
            else:
                values[spec.name] = value
        return cls(**values) if valid else INVALID

    def value(
        self, hint: Any, rules: tuple[Any, ...], data: Any, loc: tuple[str | int, ...], name: str
    ) -> Any:
        hint, more = unwrap(hint)
        rules = (*rules, *more)
        origin = typing.get_origin(hint)
        if origin in (types.UnionType, typing.Union):
            options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
            if data is None and len(options) < len(typing.get_args(hint)):
                return None
            return self.value(_branch(options, data), rules, data, loc, name)
        if origin is tuple:
            (item_hint, _) = typing.get_args(hint)
            if any(isinstance(rule, OneOrMany) for rule in rules) and not isinstance(
                data, list | dict
            ):
                data = [data]
            if not isinstance(data, list):
                return self.problem(loc, f"{name} must be a list (got {describe_value(data)})")
            items = [
                self.value(item_hint, (), item, (*loc, index), name)
                for index, item in enumerate(data)
            ]
            return INVALID if any(item is INVALID for item in items) else tuple(items)
        if origin is dict:
            key_hint, value_hint = typing.get_args(hint)
            if data is None and any(isinstance(rule, NullAsEmpty) for rule in rules):
                return {}
            if not isinstance(data, dict):
                return self.problem(loc, f"{name} must be a mapping (got {describe_value(data)})")
            entries: dict[Any, Any] = {}
            for key, item in data.items():
                checked_key = self.value(key_hint, (), key, (*loc, key), "key")
                entries[key] = self.value(value_hint, (), item, (*loc, key), str(key))
                if checked_key is INVALID:
                    entries[key] = INVALID
            return INVALID if any(item is INVALID for item in entries.values()) else entries
        if dataclasses.is_dataclass(hint):
            short = next((rule.key for rule in rules if isinstance(rule, ShortForm)), None)
            if short is not None and not isinstance(data, dict):
                data = {short: data}
            return self.model(typing.cast(type, hint), data, loc, name)
        if isinstance(hint, type) and issubclass(hint, Enum):
            allowed = [member.value for member in hint]
            if data not in allowed:
                words = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"
                return self.problem(
                    loc, f"{name} must be one of {words} (got {describe_value(data)})"
                )
            return hint(data)
        return self.scalar(hint, rules, data, loc, name)

    def scalar(
        self, hint: Any, rules: tuple[Any, ...], data: Any, loc: tuple[str | int, ...], name: str
    ) -> Any:
        got = describe_value(data)
        if hint is bool:
            if isinstance(data, bool):
                return data
            word = data.lower() if isinstance(data, str) else None
            if word in TRUE_WORDS or word in FALSE_WORDS:
                return word in TRUE_WORDS
            return self.problem(loc, f"{name} must be true or false (got {got})")
        if hint is int:
            if isinstance(data, bool) or not isinstance(data, int):
                return self.problem(loc, f"{name} must be a whole number (got {got})")
            return self.ranged(data, rules, loc, name)
        if hint is float:
            if isinstance(data, bool) or not isinstance(data, int | float):
                return self.problem(loc, f"{name} must be a number (got {got})")
            return self.ranged(float(data), rules, loc, name)
        if hint is dt.date:
            if isinstance(data, dt.date):
                return data
            try:
                return dt.date.fromisoformat(data)
            except (TypeError, ValueError):
                return self.problem(loc, f"{name} must be a date like 2026-10-01 (got {got})")
        if hint is str:
            as_text = any(isinstance(rule, NumberAsText) for rule in rules)
            if as_text and isinstance(data, int | float) and not isinstance(data, bool):
                data = str(data)
            if not isinstance(data, str):
                return self.problem(loc, f"{name} must be text (got {got})")
            if not data.strip():
                return self.problem(loc, f"{name} must not be empty")
            for rule in rules:
                if isinstance(rule, Pattern) and not rule.compiled.fullmatch(data):
                    return self.problem(
                        loc, f"{name} {data!r} is not a valid id (expected {rule.hint})"
                    )
            return data
        if hint is Path:
            if not isinstance(data, str) or not data.strip():
                return self.problem(loc, f"{name} must be a path (got {got})")
            return Path(data)
        if hint is Any:
            return data
        raise TypeError(f"no conversion for {hint!r}")  # a model declares a type we do not read

    def ranged(
        self, number: float, rules: tuple[Any, ...], loc: tuple[str | int, ...], name: str
    ) -> Any:
        for rule in rules:
            if not isinstance(rule, Range):
                continue
            if rule.ge is not None and number < rule.ge:
                return self.problem(loc, f"{name} must be at least {rule.ge:g} (got {number:g})")
            if rule.gt is not None and number <= rule.gt:
                return self.problem(
                    loc, f"{name} must be greater than {rule.gt:g} (got {number:g})"
                )
            if rule.le is not None and number > rule.le:
                return self.problem(loc, f"{name} must be at most {rule.le:g} (got {number:g})")
        return number


def _branch(options: list[Any], data: Any) -> Any:
    """Which member of a union fits the shape of `data` (the first one, when none does)."""
    for option in options:
        inner, _ = unwrap(option)
        origin = typing.get_origin(inner)
        if isinstance(data, list) and origin is tuple:
            return option
        if isinstance(data, dict) and (origin is dict or dataclasses.is_dataclass(inner)):
            return option
        if isinstance(data, str) and inner is str:
            return option
        if isinstance(data, int | float) and not isinstance(data, bool) and inner in (int, float):
            return option
    return options[0]


def convert(cls: type[M], data: Any, where: Where, *, name: str = "file") -> M:
    """`data` as a `cls`. Raises InputError listing every problem with its position."""
    converter = Converter(where)
    result: M = converter.model(cls, data, (), name)
    if converter.problems:
        raise InputError(list(dict.fromkeys(converter.problems))[:MAX_MESSAGES])
    return result


def validate_document(cls: type[M], document: Any) -> M:
    """A parsed YAML document as a `cls`; messages name the document's file and lines."""
    return convert(cls, document.data, document.where)


def to_plain(value: Any, *, drop_none: bool = False) -> Any:
    """A model as plain JSON data (keys as in the file; internal fields left out)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = {}
        for spec in fields_of(type(value)):
            item = getattr(value, spec.name)
            if spec.internal or (drop_none and item is None):
                continue
            result[spec.key] = to_plain(item, drop_none=drop_none)
        return result
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_plain(item, drop_none=drop_none) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item, drop_none=drop_none) for key, item in value.items()}
    return value
