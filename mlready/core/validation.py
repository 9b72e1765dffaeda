"""Parsed YAML (or TOML) turned into typed, frozen models, with file:line:column of each
problem."""

# Models are frozen dataclasses; their type hints say what each key takes, and `Annotated` rules
# add what a type cannot say (patterns, ranges, a single value for a list). One walk checks the
# whole file and reports every problem it finds, not just the first.

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from mlready.core.document import Location
from mlready.core.errors import MAX_MESSAGES, InputError, Place, Problem
from mlready.core.messages import Message, alternatives

M = TypeVar("M")


# --- rules that type hints carry in Annotated[...] ------------------------------------------


# Rules are named tuples rather than dataclasses: they are made at import time, where every
# dataclass costs a millisecond of generated code on each run of the command.


class Pattern(NamedTuple):
    """The text must match `regex`; `hint` says what that means to a person."""

    regex: str
    hint: str
    is_id: bool = True  # an id is called one when it does not match; other text is not

    @property
    def compiled(self) -> re.Pattern[str]:
        """The regular expression, compiled once."""
        return _compile(self.regex)


class Range(NamedTuple):
    """The bounds a number must keep: at least `ge`, more than `gt`, at most `le`."""

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
    """One field of a model as the converter reads it: key, type, rules, whether required."""

    name: str
    key: str
    hint: Any  # the type, without Annotated
    rules: tuple[Any, ...]
    required: bool
    internal: bool
    default: Any  # the value a model gets without the key; MISSING when required


@cache
def fields_of(cls: Any) -> tuple[FieldSpec, ...]:
    """The fields a model reads from a file, with their types and rules."""
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = []
    for item in dataclasses.fields(cls):
        hint, rules = unwrap(hints[item.name])
        key = next((rule.name for rule in rules if isinstance(rule, Key)), item.name)
        factory: Any = item.default_factory
        default = item.default if factory is dataclasses.MISSING else factory()
        required = default is dataclasses.MISSING
        internal = any(isinstance(rule, Internal) for rule in rules)
        specs.append(FieldSpec(item.name, key, hint, rules, required, internal, default))
    return tuple(specs)


def unwrap(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """A type hint without `Annotated`, and the rules it carried."""
    if typing.get_origin(hint) is typing.Annotated:
        inner, *rules = typing.get_args(hint)
        deeper, more = unwrap(inner)
        return deeper, (*more, *rules)
    return hint, ()


def describe_value(value: Any) -> str:
    """A short description of a value for a message: `'text'`, `a list`, `nothing`."""
    if value is None:
        return Message("nothing")
    if isinstance(value, dict):
        return Message("a mapping")
    if isinstance(value, list):
        return Message("a list")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


SUGGESTION_CUTOFF = 0.6


def suggest(name: str, candidates: Iterable[str], *, after: int = 0) -> str:
    """`; did you mean 'x'?` for the closest candidate, or nothing."""
    # `after` is how many problems were found before this one: past MAX_MESSAGES the message is
    # counted, not shown, so nothing is suggested (a file of 50,000 typos costs no more than one
    # of twenty). Only candidates of a length that could match are compared.
    if after >= MAX_MESSAGES:
        return ""
    size = len(name)
    # difflib's ratio is at most 2 * min(a, b) / (a + b) for lengths a and b.
    near = [
        candidate
        for candidate in candidates
        if candidate != name
        and 2 * min(size, len(candidate)) >= SUGGESTION_CUTOFF * (size + len(candidate))
    ]
    if not near:
        return ""
    import difflib  # only when there is a typo to explain

    close = difflib.get_close_matches(name, near, n=1, cutoff=SUGGESTION_CUTOFF)
    return Message("; did you mean '{name}'?", name=close[0]) if close else ""


def _must_be_a_mapping(name: str, data: Any) -> Message:
    return Message("{name} must be a mapping (got {got})", name=name, got=describe_value(data))


class _Invalid:
    """What a conversion returns after it reported a problem."""


INVALID: Any = _Invalid()
Where = Callable[[Location], Place]


class Converter:
    """Collects a message for every problem found while converting one file."""

    def __init__(self, where: Where) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def problem(self, loc: Location, message: str) -> Any:
        """Record a problem at `loc`; returns the marker of an invalid value."""
        self.problems.append(Problem(self.where(loc), message))
        return INVALID


# A plan converts one kind of value: (converter, data, loc, name) -> value or INVALID.
# Plans are made once per type and reused, since a bank converts thousands of values.
Plan = Callable[[Converter, Any, Location, str], Any]


def has_rule(rules: tuple[Any, ...], kind: type) -> bool:
    """Whether one of `rules` is of `kind`."""
    return any(isinstance(rule, kind) for rule in rules)


@cache
def plan_for(hint: Any, rules: tuple[Any, ...] = ()) -> Plan:
    """The plan that converts values of type `hint` under `rules`."""
    hint, more = unwrap(hint)
    rules = (*rules, *more)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return _union_plan(hint, rules)
    if origin is tuple:
        return _tuple_plan(
            plan_for(typing.get_args(hint)[0]), one_or_many=has_rule(rules, OneOrMany)
        )
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        return _dict_plan(plan_for(key_hint), plan_for(value_hint), has_rule(rules, NullAsEmpty))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        short = next((rule.key for rule in rules if isinstance(rule, ShortForm)), None)
        return _model_plan(hint, short)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_plan(hint)
    scalar = _SCALAR_PLANS.get(hint)
    if scalar is not None:
        return scalar(rules)
    raise TypeError(f"no conversion for {hint!r}")  # a model declares a type we do not read


def _union_plan(hint: Any, rules: tuple[Any, ...]) -> Plan:
    members = typing.get_args(hint)
    optional = type(None) in members
    options = [member for member in members if member is not type(None)]
    plans = [(unwrap(member), plan_for(member, rules)) for member in options]
    if len(plans) == 1:  # an optional value: its own plan says best what is wrong
        only = plans[0][1]

        def convert_optional(c: Converter, data: Any, loc: Location, name: str) -> Any:
            return None if data is None else only(c, data, loc, name)

        return convert_optional
    kinds = alternatives(list(dict.fromkeys(_kind_name(inner) for (inner, _), _ in plans)))

    # Which member takes a value depends only on the value's type: found once per type.
    chosen: dict[type, Plan | None] = {}

    def convert_union(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if data is None and optional:
            return None
        kind = type(data)
        if kind not in chosen:
            chosen[kind] = next(
                (
                    plan
                    for (inner, inner_rules), plan in plans
                    if _fits(inner, (*rules, *inner_rules), data)
                ),
                None,
            )
        plan = chosen[kind]
        if plan is None:
            return c.problem(
                loc,
                Message(
                    "{name} must be {kinds} (got {got})",
                    name=name,
                    kinds=kinds,
                    got=describe_value(data),
                ),
            )
        return plan(c, data, loc, name)

    return convert_union


def _kind_name(hint: Any) -> Message:
    origin = typing.get_origin(hint)
    if origin is tuple:
        return Message("a list")
    if origin is dict or dataclasses.is_dataclass(hint):
        return Message("a mapping")
    kinds = {
        str: Message("text"),
        int: Message("a whole number"),
        float: Message("a number"),
        bool: Message("true or false"),
    }
    return kinds.get(hint, Message("a value"))


def _fits(inner: Any, rules: tuple[Any, ...], data: Any) -> bool:
    """Whether `data` has the shape of the union member `inner`."""
    origin = typing.get_origin(inner)
    if isinstance(data, list):
        return origin is tuple
    if isinstance(data, dict):
        return origin is dict or dataclasses.is_dataclass(inner)
    if isinstance(data, str):
        return inner is str or (isinstance(inner, type) and issubclass(inner, Enum))
    number = isinstance(data, int | float) and not isinstance(data, bool)
    if number and inner is str:
        return has_rule(rules, NumberAsText)
    return number and inner in (int, float)


def _tuple_plan(item: Plan, *, one_or_many: bool) -> Plan:
    def convert_tuple(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if one_or_many and not isinstance(data, list | dict):
            data = [data]
        if not isinstance(data, list):
            return c.problem(
                loc,
                Message("{name} must be a list (got {got})", name=name, got=describe_value(data)),
            )
        items = tuple(item(c, value, (*loc, index), name) for index, value in enumerate(data))
        return INVALID if INVALID in items else items

    return convert_tuple


_KEY = Message("key")  # what a message calls a mapping's key


def _dict_plan(key_plan: Plan, value_plan: Plan, null_as_empty: bool) -> Plan:
    def convert_dict(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if data is None and null_as_empty:
            return {}
        if not isinstance(data, dict):
            return c.problem(loc, _must_be_a_mapping(name, data))
        entries: dict[Any, Any] = {}
        valid = True
        for key, value in data.items():
            where = (*loc, key)
            converted = value_plan(c, value, where, str(key))
            if key_plan(c, key, where, _KEY) is INVALID or converted is INVALID:
                valid = False
            entries[key] = converted
        return entries if valid else INVALID

    return convert_dict


def _model_plan(cls: Any, short_form: str | None) -> Plan:
    specs = [spec for spec in fields_of(cls) if not spec.internal]
    keys = [spec.key for spec in specs]
    known = frozenset(keys)
    fields = [(spec.name, spec.key, spec.required) for spec in specs]
    plans: dict[str, Plan] = {}

    # A value written in its short form fills one field; when no other field is required,
    # it is converted alone (as for every one of a large file's `id: yes` answers).
    short_field = next((spec.name for spec in specs if spec.key == short_form), None)
    if any(spec.required for spec in specs if spec.key != short_form):
        short_field = None
    make = instance_maker(cls)

    def convert_model(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if short_form is not None and not isinstance(data, dict):
            if short_field is not None and plans:
                value = plans[short_form](c, data, (*loc, short_form), short_form)
                return INVALID if value is INVALID else make({short_field: value})
            data = {short_form: data}
        if not isinstance(data, dict):
            return c.problem(loc, _must_be_a_mapping(name, data))
        if not known.issuperset(data):
            for key in data:
                if key not in known:
                    hint = suggest(str(key), keys, after=len(c.problems))
                    c.problem((*loc, key), Message("unknown key '{key}'{hint}", key=key, hint=hint))
        if not plans:  # made on first use: models may nest models defined after them
            plans.update((spec.key, plan_for(spec.hint, spec.rules)) for spec in specs)
        values: dict[str, Any] = {}
        valid = True
        for field_name, key, required in fields:
            if key not in data:
                if required:
                    c.problem(loc, Message("missing required key '{key}'", key=key))
                    valid = False
                continue
            value = plans[key](c, data[key], (*loc, key), key)
            if value is INVALID:
                valid = False
            else:
                values[field_name] = value
        return make(values) if valid else INVALID

    return convert_model


def _enum_plan(enum: Any) -> Plan:
    members = {member.value: member for member in enum}
    allowed = list(members)
    words = alternatives(allowed)

    def convert_enum(c: Converter, data: Any, loc: Location, name: str) -> Any:
        member = members.get(data) if isinstance(data, str) else None
        if member is None:
            return c.problem(
                loc,
                Message(
                    "{name} must be one of {values} (got {got})",
                    name=name,
                    values=words,
                    got=describe_value(data),
                ),
            )
        return member

    return convert_enum


def _bool_plan(rules: tuple[Any, ...]) -> Plan:
    def convert_bool(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if isinstance(data, bool):
            return data
        word = data.lower() if isinstance(data, str) else None
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        return c.problem(
            loc,
            Message(
                "{name} must be true or false (got {got})", name=name, got=describe_value(data)
            ),
        )

    return convert_bool


def _number_plan(rules: tuple[Any, ...], *, whole: bool) -> Plan:
    ranges = [rule for rule in rules if isinstance(rule, Range)]
    kind = Message("a whole number") if whole else Message("a number")
    accepted = int if whole else int | float

    def convert_number(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if isinstance(data, bool) or not isinstance(data, accepted):
            return c.problem(
                loc,
                Message(
                    "{name} must be {kind} (got {got})",
                    name=name,
                    kind=kind,
                    got=describe_value(data),
                ),
            )
        number = data if whole else float(data)
        for rule in ranges:
            got = f"{number:g}"
            if rule.ge is not None and number < rule.ge:
                limit = f"{rule.ge:g}"
                return c.problem(
                    loc,
                    Message(
                        "{name} must be at least {limit} (got {got})",
                        name=name,
                        limit=limit,
                        got=got,
                    ),
                )
            if rule.gt is not None and number <= rule.gt:
                limit = f"{rule.gt:g}"
                return c.problem(
                    loc,
                    Message(
                        "{name} must be greater than {limit} (got {got})",
                        name=name,
                        limit=limit,
                        got=got,
                    ),
                )
            if rule.le is not None and number > rule.le:
                limit = f"{rule.le:g}"
                return c.problem(
                    loc,
                    Message(
                        "{name} must be at most {limit} (got {got})",
                        name=name,
                        limit=limit,
                        got=got,
                    ),
                )
        return number

    return convert_number


def _text_plan(rules: tuple[Any, ...]) -> Plan:
    as_text = has_rule(rules, NumberAsText)
    patterns = [
        (rule.compiled, rule.hint, rule.is_id) for rule in rules if isinstance(rule, Pattern)
    ]

    def convert_text(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if as_text and isinstance(data, int | float) and not isinstance(data, bool):
            data = str(data)
        if not isinstance(data, str):
            return c.problem(
                loc, Message("{name} must be text (got {got})", name=name, got=describe_value(data))
            )
        if not data.strip():
            return c.problem(loc, Message("{name} must not be empty", name=name))
        for pattern, hint, is_id in patterns:
            if not pattern.fullmatch(data):
                said = {"name": name, "value": repr(data), "hint": Message(hint)}
                return c.problem(
                    loc,
                    Message("{name} {value} is not a valid id (expected {hint})", **said)
                    if is_id
                    else Message("{name} {value} is not valid (expected {hint})", **said),
                )
        return data

    return convert_text


def _date_plan(rules: tuple[Any, ...]) -> Plan:
    def convert_date(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if isinstance(data, dt.date):
            return data
        try:
            return dt.date.fromisoformat(data)
        except (TypeError, ValueError):
            return c.problem(
                loc,
                Message(
                    "{name} must be a date like 2026-10-01 (got {got})",
                    name=name,
                    got=describe_value(data),
                ),
            )

    return convert_date


def _path_plan(rules: tuple[Any, ...]) -> Plan:
    def convert_path(c: Converter, data: Any, loc: Location, name: str) -> Any:
        if not isinstance(data, str) or not data.strip() or "\0" in data:
            return c.problem(
                loc,
                Message("{name} must be a path (got {got})", name=name, got=describe_value(data)),
            )
        return Path(data)

    return convert_path


_SCALAR_PLANS: dict[Any, Callable[[tuple[Any, ...]], Plan]] = {
    bool: _bool_plan,
    int: lambda rules: _number_plan(rules, whole=True),
    float: lambda rules: _number_plan(rules, whole=False),
    str: _text_plan,
    dt.date: _date_plan,
    Path: _path_plan,
}


def convert(cls: type[M], data: Any, where: Where, *, name: str = Message("file")) -> M:
    """`data` as a `cls`. Raises InputError listing every problem with its position."""
    converter = Converter(where)
    model: Any = cls
    result: M = plan_for(model)(converter, data, (), name)
    if converter.problems:
        raise InputError(converter.problems)
    return result


def validate_document(cls: type[M], document: Any) -> M:
    """A parsed YAML document as a `cls`; messages name the document's file and lines."""
    return convert(cls, document.data, document.place)


# What a model's other fields imply, beyond its field defaults: (model type, field getter) ->
# values by field name. A check's options and severity are implied by its kind, for example.
Implied = Callable[[type, Callable[[str], Any]], Mapping[str, Any]]


def to_plain(value: Any, *, drop_none: bool = False, implied: Implied | None = None) -> Any:
    """A model as plain JSON data (keys as in the file; internal fields left out)."""
    # With `implied`, a field is left out when it holds its default or what `implied` says its
    # other fields imply: what is left is what a file had to say, and `from_plain` fills the rest.

    # Written for speed as much as for clarity: the cache turns a bank of 10,000 questions
    # into plain data on the run that parses it, and that run should cost no more than one
    # without a cache.
    def plain(value: Any) -> Any:
        kind: Any = type(value)
        if kind in _JSON_SCALARS:
            return value
        if kind is tuple or kind is list:
            return [plain(item) for item in value]
        if kind is dict:
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, dt.date):
            return value.isoformat()
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        lean = implied(kind, lambda name: getattr(value, name)) if implied else {}
        result = {}
        for name, key, default in _stored_fields(kind):
            item = getattr(value, name)
            if item is None and drop_none:
                continue
            if implied is not None and (
                item is default or item == default or (name in lean and item == lean[name])
            ):
                continue
            result[key] = item if type(item) in _JSON_SCALARS else plain(item)
        return result

    return plain(value)


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _stored_fields(cls: Any) -> tuple[tuple[str, str, Any], ...]:
    """(name, key, default) of each field of a model that a file holds."""
    return tuple(
        (spec.name, spec.key, spec.default) for spec in fields_of(cls) if not spec.internal
    )


# A trusted conversion: plain data to a value, checking nothing. None stands for "as it is".
Build = Callable[[Any], Any] | None
_SCALAR_BUILDS: dict[Any, Callable[[Any], Any]] = {
    dt.date: dt.date.fromisoformat,
    Path: Path,
}


def from_plain(cls: type[M], data: Any, *, implied: Implied | None = None) -> M:
    """A `cls` from data that `to_plain` made, trusted: no rule is checked again."""
    # This is for data mlready wrote itself and can prove it wrote (the cache of banks checks a
    # MAC first); anything a person wrote goes through `convert`. Fields left out get their
    # default, or what `implied` says. Raises KeyError, TypeError or ValueError for data of
    # another shape.
    builds: dict[Any, Build] = {}
    model: Any = cls
    build = _build_for(model, builds, implied)
    result: M = data if build is None else build(data)
    return result


def _build_for(hint: Any, builds: dict[Any, Build], implied: Implied | None) -> Build:
    if hint in builds:
        return builds[hint]
    hint, _ = unwrap(hint)
    origin = typing.get_origin(hint)
    build: Build
    if origin in (types.UnionType, typing.Union):
        build = _union_build(hint, builds, implied)
    elif origin is tuple:
        item = _build_for(typing.get_args(hint)[0], builds, implied)
        build = tuple if item is None else lambda data: tuple(map(item, data))
    elif origin is dict:
        value = _build_for(typing.get_args(hint)[1], builds, implied)
        build = None if value is None else lambda data: {k: value(v) for k, v in data.items()}
    elif isinstance(hint, type) and dataclasses.is_dataclass(hint):
        build = _model_build(hint, builds, implied)
    elif isinstance(hint, type) and issubclass(hint, Enum):
        build = {member.value: member for member in hint}.__getitem__
    else:
        build = _SCALAR_BUILDS.get(hint)  # other scalars are stored as they are
    builds[hint] = build
    return build


def _union_build(hint: Any, builds: dict[Any, Build], implied: Implied | None) -> Build:
    # JSON tells the members of a union apart by shape: a list, a mapping or a scalar.
    by_shape: dict[type, Build] = {}
    for member in typing.get_args(hint):
        inner, _ = unwrap(member)
        origin = typing.get_origin(inner)
        if member is type(None):
            continue
        if origin is tuple:
            shape: type = list
        elif origin is dict or dataclasses.is_dataclass(inner):
            shape = dict
        else:
            shape = object
        by_shape.setdefault(shape, _build_for(member, builds, implied))

    def build_union(data: Any) -> Any:
        if data is None:
            return None
        build = by_shape[type(data) if type(data) in (list, dict) else object]
        return data if build is None else build(data)

    return build_union


def _model_build(cls: Any, builds: dict[Any, Build], implied: Implied | None) -> Build:
    fields = {
        spec.key: (spec.name, _build_for(spec.hint, builds, implied))
        for spec in fields_of(cls)
        if not spec.internal
    }

    make = instance_maker(cls)

    def build_model(data: Any) -> Any:
        values = {}
        for key, value in data.items():
            name, build = fields[key]
            values[name] = value if build is None else build(value)
        if implied is not None:
            for name, value in implied(cls, values.get).items():
                values.setdefault(name, value)
        return make(values)

    return build_model


def instance_maker(cls: Any) -> Callable[[dict[str, Any]], Any]:
    """A function making an instance of the frozen dataclass `cls` from its field values as its
    __init__ would, without one frozen assignment per field."""
    # Defaults and default factories fill the fields left out; TypeError when a field without a
    # default is. A large bank or answers file makes tens of thousands of models, and the frozen
    # assignments are a third of their cost.
    every = dataclasses.fields(cls)
    defaults = {f.name: f.default for f in every if f.default is not dataclasses.MISSING}
    factories = [
        (f.name, f.default_factory) for f in every if f.default_factory is not dataclasses.MISSING
    ]
    required = frozenset(f.name for f in every) - defaults.keys() - {name for name, _ in factories}
    new = object.__new__

    def make(values: dict[str, Any]) -> Any:
        if not required.issubset(values):
            raise TypeError(f"{cls.__name__}: missing {sorted(required - values.keys())}")
        for name, factory in factories:
            if name not in values:
                values[name] = factory()
        made = new(cls)
        made.__dict__.update(defaults)
        made.__dict__.update(values)
        return made

    return make
