"""The models as records: frozen, made by keyword, equal and hashed by their fields."""

from __future__ import annotations

import dataclasses

import pytest

from mlready.core.model import Level, Question, SeverityRule
from mlready.core.vocabulary import Severity


def test_a_record_is_made_by_keyword_with_its_defaults_and_fresh_default_containers() -> None:
    level = Level(name="pilot", min=60)
    assert (level.name, level.min, level.title) == ("pilot", 60, None)
    first, second = SeverityRule(is_=Severity.MAJOR), SeverityRule(is_=Severity.MAJOR)
    assert first.when == {} and first.when is not second.when


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: Level("pilot", 60), "positional"),
        (lambda: Level(name="pilot"), "missing min"),
        (lambda: Level(name="pilot", min=60, colour="red"), "unexpected colour"),
    ],
)
def test_a_record_refuses_what_its_dataclass_would(make, words) -> None:
    with pytest.raises(TypeError, match=words):
        make()


def test_a_record_is_frozen_and_replace_makes_a_new_one() -> None:
    level = Level(name="pilot", min=60)
    with pytest.raises(dataclasses.FrozenInstanceError):
        level.name = "production"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del level.min  # type: ignore[misc]
    moved = dataclasses.replace(level, min=70)
    assert (moved.min, level.min) == (70, 60)
    assert moved == Level(name="pilot", min=70) and moved != level
    assert hash(moved) == hash(Level(name="pilot", min=70))
    assert repr(level) == "Level(name='pilot', min=60, means=None, title=None)"


def test_every_model_field_is_known_to_dataclasses() -> None:
    names = {item.name for item in dataclasses.fields(Question)}
    assert {"id", "prompt", "options", "severity"} <= names
