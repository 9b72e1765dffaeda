"""Reading a baseline: an earlier answers file, or the JSON that `check --format json` printed."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from mlready.core.errors import InputError, Place, Problem
from mlready.core.gate import Baseline
from mlready.core.messages import N_, Message
from mlready.core.model import Bank
from mlready.core.scoring import score
from mlready.io.answers_file import load_answers
from mlready.io.yamlio import read_text


def load_baseline(path: Path, bank: Bank, *, today: dt.date | None = None) -> Baseline:
    """A baseline from an earlier answers file, or from the JSON `check --format json` printed.

    Raises InputError when the file is neither.
    """
    text = read_text(path, kind=N_("baseline"))
    try:
        document = json.loads(text)
    except RecursionError:
        raise InputError(
            Message("{path}: JSON nested too deeply to be a baseline", path=path)
        ) from None
    except json.JSONDecodeError as error:
        if path.suffix.lower() == ".json":
            raise InputError(
                Problem(
                    Place(str(path), error.lineno, error.colno),
                    Message("invalid JSON: {problem}", problem=_json_said(error.msg)),
                )
            ) from None
        # Not JSON: an earlier answers file (YAML, which may also start with "{").
        return Baseline.of(score(bank, load_answers(path, bank), today=today))
    if not isinstance(document, dict) or "mlready" in document:
        return Baseline.of(score(bank, load_answers(path, bank), today=today))
    return _baseline_from_json(path, document)


# What Python's JSON reader says, as the catalog has it (its own words otherwise).
_JSON_PROBLEMS = frozenset(
    (
        N_("Expecting value"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Extra data"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
    )
)


def _json_said(problem: str) -> object:
    """The JSON reader's problem as a Message where the catalog has it."""
    return Message(problem) if problem in _JSON_PROBLEMS else problem


def _number(value: Any) -> bool:
    # JSON readers accept NaN and Infinity; a NaN score compares false with everything and
    # would hide every regression.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _baseline_from_json(path: Path, document: dict[str, Any]) -> Baseline:
    def refuse(what: Message) -> InputError:
        return InputError(
            Message(
                "{path}: not a result of `mlready check --format json` for one answers file: "
                "{problem}",
                path=path,
                problem=what,
            )
        )

    checks = document.get("checks")
    if not isinstance(checks, dict) or not all(
        value is None or _number(value) for value in checks.values()
    ):
        raise refuse(Message("'checks' must map check ids to finite scores (or null)"))
    score_value = document.get("score")
    if score_value is not None and not _number(score_value):
        raise refuse(Message("'score' must be a finite number or null"))
    blockers = document.get("blockers")
    if not isinstance(blockers, list) or not all(isinstance(name, str) for name in blockers):
        raise refuse(Message("'blockers' must be a list of check ids"))
    return Baseline(
        score=None if score_value is None else float(score_value),
        checks={str(k): None if v is None else float(v) for k, v in checks.items()},
        blockers=frozenset(blockers),
    )
