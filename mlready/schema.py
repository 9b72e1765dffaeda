"""JSON Schemas (draft-07) of the two file formats, for editors and other tools.

The bank schema comes from the models; the answers schema is made for one bank, so that an
editor can complete question ids and offer each question's values.
"""

from __future__ import annotations

import json
from typing import Any

from mlready.model import NA, Bank, Kind, Question

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _draft_07(schema: dict[str, Any]) -> dict[str, Any]:
    # Pydantic writes 2020-12 `$defs`; draft-07 keeps shared parts under `definitions`.
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted: dict[str, Any] = json.loads(text)
    if "$defs" in converted:
        converted["definitions"] = converted.pop("$defs")
    return {"$schema": DRAFT_07, **converted}


def bank_schema() -> dict[str, Any]:
    """The schema of a question bank file."""
    from mlready.model import Bank as BankModel

    schema = BankModel.model_json_schema(by_alias=True, mode="validation")
    schema["title"] = "mlready question bank"
    return _draft_07(schema)


def _value_schema(question: Question) -> dict[str, Any]:
    values = [option.value for option in question.options]
    if question.kind is Kind.TEXT:
        return {"type": "string"}
    if question.na:
        values.append(NA)
    if question.kind is Kind.MULTI:
        return {"anyOf": [{"enum": values}, {"type": "array", "items": {"enum": values}}]}
    return {"enum": values}


_TEXT = {"type": "string", "minLength": 1}
_ENTRY_EXTRAS = {
    "note": _TEXT,
    "evidence": {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]},
    "waiver": {
        "type": "object",
        "additionalProperties": False,
        "required": ["reason", "approved_by"],
        "properties": {"reason": _TEXT, "approved_by": _TEXT, "expires": {"type": "string"}},
    },
}


def answers_schema(bank: Bank) -> dict[str, Any]:
    """The schema of an answers file for `bank`: every question id with the values it takes."""
    answers: dict[str, Any] = {}
    for question in bank.questions.values():
        value = _value_schema(question)
        answers[question.id] = {
            "description": question.prompt,
            "anyOf": [
                {"type": "null"},
                value,
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"value": {"anyOf": [{"type": "null"}, value]}, **_ENTRY_EXTRAS},
                },
            ],
        }
    return {
        "$schema": DRAFT_07,
        "title": f"mlready answers for {bank.display_title} ({bank.ref})",
        "type": "object",
        "additionalProperties": False,
        "required": ["mlready"],
        "properties": {
            "mlready": {"const": 1, "description": "The answers format version."},
            "bank": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*(@[0-9]+)?$"},
            "project": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": ["string", "null"]},
                    "owner": {"type": ["string", "null"]},
                    "reviewed": {"type": ["string", "null"], "format": "date"},
                },
            },
            "answers": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": answers,
            },
            "retired": {"type": "object"},
        },
    }


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
