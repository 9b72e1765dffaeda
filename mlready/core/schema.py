"""JSON Schemas (draft-07) of the two file formats, for editors and other tools."""

# The bank schema comes from the models' type hints and rules, the same ones the loaders apply;
# the answers schema is made for one bank, so that an editor can complete question ids and offer
# each question's values.

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from mlready.core.answers import FORMAT_VERSION
from mlready.core.kinds import kind_of
from mlready.core.layers import BankLayer
from mlready.core.model import AnswerEntry, Bank, BankRef, Option, Project, Question
from mlready.core.validation import (
    FALSE_WORDS,
    TRUE_WORDS,
    NullAsEmpty,
    NumberAsText,
    OneOrMany,
    Pattern,
    Range,
    ShortForm,
    fields_of,
    has_rule,
    unwrap,
)

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def bank_schema() -> dict[str, Any]:
    """The schema of a question bank file: a plain bank, or a layer over another bank."""
    definitions: dict[str, Any] = {}
    plain = _schema_of(Bank, (), definitions)
    layer = _schema_of(BankLayer, (), definitions)
    return {
        "$schema": DRAFT_07,
        "title": "mlready question bank",
        "anyOf": [plain, layer],
        "definitions": dict(sorted(definitions.items())),
    }


_BOOLEAN_WORDS = sorted(
    {case(word) for word in TRUE_WORDS | FALSE_WORDS for case in (str.lower, str.title, str.upper)}
)


def _schema_of(hint: Any, rules: tuple[Any, ...], definitions: dict[str, Any]) -> dict[str, Any]:
    """The draft-07 schema of one type hint, reading the same rules the loaders apply."""
    hint, more = unwrap(hint)
    rules = (*rules, *more)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        members = [_schema_of(arg, rules, definitions) for arg in typing.get_args(hint)]
        return {"anyOf": members}
    if hint is type(None):
        return {"type": "null"}
    if origin is tuple:
        item = _schema_of(typing.get_args(hint)[0], (), definitions)
        array = {"type": "array", "items": item}
        return {"anyOf": [item, array]} if has_rule(rules, OneOrMany) else array
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        mapping: dict[str, Any] = {
            "type": "object",
            "additionalProperties": _schema_of(value_hint, (), definitions),
        }
        key_schema = _schema_of(key_hint, (), definitions)
        if "pattern" in key_schema:
            mapping["propertyNames"] = {"pattern": key_schema["pattern"]}
        return {"anyOf": [mapping, {"type": "null"}]} if has_rule(rules, NullAsEmpty) else mapping
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # a placeholder, for models that nest themselves
            specs = [spec for spec in fields_of(hint) if not spec.internal]
            doc = (hint.__doc__ or "").strip()
            # A dataclass without a docstring gets its signature as one: not a description.
            described = (
                {"description": doc.splitlines()[0]}
                if doc and "(" not in doc[: 1 + len(name)]
                else {}
            )
            definitions[name] = {
                **described,
                "type": "object",
                "additionalProperties": False,
                "required": [spec.key for spec in specs if spec.required],
                "properties": {
                    spec.key: _schema_of(spec.hint, spec.rules, definitions) for spec in specs
                },
            }
        reference = {"$ref": f"#/definitions/{name}"}
        short = next((rule.key for rule in rules if isinstance(rule, ShortForm)), None)
        if short is None:
            return reference
        plain_value = definitions[name]["properties"][short]
        return {"anyOf": [plain_value, reference]}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"enum": [member.value for member in hint]}
    if hint is bool:
        return {"anyOf": [{"type": "boolean"}, {"enum": _BOOLEAN_WORDS}]}
    if hint in (int, float):
        number: dict[str, Any] = {"type": "integer" if hint is int else "number"}
        for rule in rules:
            if isinstance(rule, Range):
                number |= {
                    key: value
                    for key, value in (
                        ("minimum", rule.ge),
                        ("exclusiveMinimum", rule.gt),
                        ("maximum", rule.le),
                    )
                    if value is not None
                }
        return number
    if hint is dt.date:
        return {"type": "string", "format": "date"}
    if hint in (str, Path):
        text: dict[str, Any] = {"type": "string", "minLength": 1}
        for rule in rules:
            if isinstance(rule, Pattern):
                text["pattern"] = f"^(?:{rule.regex})$"
        return {"anyOf": [text, {"type": "number"}]} if has_rule(rules, NumberAsText) else text
    raise TypeError(f"no schema for {hint!r}")


def answers_schema(bank: Bank) -> dict[str, Any]:
    """The schema of an answers file for `bank`: every question id with the values it takes."""
    # What an answer may carry besides its value (note, evidence, waiver), the project and the
    # format version come from the models the loader reads; each distinct set of values is
    # defined once and referenced, so the schema stays small however large the bank.
    definitions: dict[str, Any] = {}
    entry = _schema_of(AnswerEntry, (), definitions)  # the long form: value, note, evidence, waiver
    project = _schema_of(Project, (), definitions)
    values_names: dict[str, str] = {}

    def answer_reference(question: Question) -> dict[str, Any]:
        """The definition of an answer to `question`, made once for each set of values."""
        values = kind_of(question).value_schema(question)
        key = json.dumps(values, sort_keys=True)
        name = values_names.setdefault(key, f"values-{len(values_names) + 1}")
        if name not in definitions:
            reference = {"$ref": f"#/definitions/{name}"}
            definitions[name] = values
            definitions[f"answer-{name}"] = {
                "anyOf": [
                    {"type": "null"},
                    reference,
                    {
                        "allOf": [
                            entry,
                            {"properties": {"value": {"anyOf": [{"type": "null"}, reference]}}},
                        ]
                    },
                ]
            }
        return {"$ref": f"#/definitions/answer-{name}"}

    answers: dict[str, Any] = {}
    for question in bank.questions.values():
        answers[question.id] = {
            "description": " ".join(question.prompt.split()),
            "allOf": [answer_reference(question)],
        }
    # Answers under the ids questions moved from still load (read as the new question, their old
    # values mapped): an editor accepts them and marks them deprecated.
    for old_id, moved in bank.moved.items():
        if old_id in bank.questions or moved.to not in bank.questions:
            continue
        target = bank.questions[moved.to]
        offered = {option.value for option in target.options}
        old_values = tuple(Option(value=value) for value in moved.values if value not in offered)
        as_written = dataclasses.replace(target, options=target.options + old_values)
        message = f"Moved to '{moved.to}' in {bank.ref}; read as that question."
        answers[old_id] = {
            "description": message,
            "deprecated": True,
            "deprecationMessage": message,
            "allOf": [answer_reference(as_written)],
        }
    return {
        "$schema": DRAFT_07,
        "title": f"mlready answers for {bank.display_title} ({bank.ref})",
        "type": "object",
        "additionalProperties": False,
        "required": ["mlready"],
        "properties": {
            "mlready": {"const": FORMAT_VERSION, "description": "The answers format version."},
            "bank": _schema_of(BankRef, (), definitions),
            "layers": {
                "description": "The layered banks whose questions the file also answers.",
                **_schema_of(tuple[BankRef, ...], (OneOrMany(),), definitions),
            },
            "project": {"anyOf": [project, {"type": "null"}]},
            "answers": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": answers,
            },
            "retired": {"type": ["object", "null"]},
        },
        "definitions": dict(sorted(definitions.items())),
    }


def schema_text(schema: dict[str, Any], *, width: int = 100) -> str:
    """`schema` as JSON for people and editors: a value that fits in `width` columns stays on
    one line, and so does a small one (a question's entry, a definition) however long its text.
    """
    return _compact(schema, indent=0, width=width) + "\n"


SMALL_VALUE = 24  # members, counted at every depth


def _members(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_members(item) for item in value.values())
    if isinstance(value, list):
        return len(value) + sum(_members(item) for item in value)
    return 0


def _compact(value: Any, *, indent: int, width: int) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if indent + len(flat) <= width or _members(value) <= SMALL_VALUE:
        return flat
    inner = " " * (indent + 2)
    if isinstance(value, list):
        items = [_compact(item, indent=indent + 2, width=width) for item in value]
        return "[\n" + ",\n".join(inner + item for item in items) + "\n" + " " * indent + "]"
    members = [
        f"{inner}{json.dumps(key, ensure_ascii=False)}: "
        + _compact(item, indent=indent + 2, width=width)
        for key, item in value.items()
    ]
    return "{\n" + ",\n".join(members) + "\n" + " " * indent + "}"
