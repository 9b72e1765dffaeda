"""The calibration set (tests/calibration): every system and variant is a valid review that
answers what it is asked (at least eight checks in each area); the tool's level agrees with each
of three reviewers on at least ten of twelve, never two levels apart, and no variant with serious
gaps reaches the top level."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from mlready.core.kinds import is_scored
from mlready.core.scoring import score
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from tests.calibration import agreement as measured
from tests.calibration.agreement import TODAY, Agreement, systems, table

LEVELS = ("production", "pilot", "prototype", "not ready")
SYSTEMS = systems()


@cache
def agreement(folder: Path) -> Agreement:
    """The system's three reviews, as `measured.agreement` makes them: once for the module's
    tests, which read them each a different way (a NamedTuple: read-only)."""
    return measured.agreement(folder)


@pytest.mark.parametrize("verdict", ["expert.yaml", "expert-2.yaml", "expert-3.yaml"])
def test_the_set_has_twelve_systems_with_three_reviewers_verdicts(verdict: str) -> None:
    assert len(SYSTEMS) == 12
    for folder in SYSTEMS:
        expert = yaml.safe_load((folder / verdict).read_text(encoding="utf-8"))
        assert expert["level"] in LEVELS
        assert expert["serious_gaps_level"] in LEVELS
        assert len(expert["top_gaps"]) == 5
        assert all(level in LEVELS for level in expert.get("between") or [])


@pytest.mark.parametrize("folder", SYSTEMS, ids=lambda path: path.name)
def test_no_serious_gaps_variant_reaches_the_top_level(folder: Path) -> None:
    found = agreement(folder)
    assert found.tool_serious != "production"
    assert found.expert_serious != "production"
    assert found.second_serious != "production"
    assert found.third_serious != "production"


def distance(one: str, other: str) -> int:
    """How many levels apart two levels are."""
    return abs(LEVELS.index(one) - LEVELS.index(other))


def test_the_level_agrees_with_each_reviewer_on_at_least_ten_of_twelve() -> None:
    rows = [agreement(folder) for folder in SYSTEMS]
    assert len([row.system for row in rows if row.agrees]) >= 10
    assert len([row.system for row in rows if row.agrees_second]) >= 10
    assert len([row.system for row in rows if row.agrees_third]) >= 10


@pytest.mark.parametrize("folder", SYSTEMS, ids=lambda path: path.name)
def test_the_level_is_never_two_levels_from_a_reviewer(folder: Path) -> None:
    found = agreement(folder)
    assert min(distance(found.tool, level) for level in found.accepted) <= 1
    assert min(distance(found.tool, level) for level in found.second) <= 1
    assert min(distance(found.tool, level) for level in found.third) <= 1
    # what a reviewer would let run at all is what the tool lets run at all
    assert distance(found.tool_serious, found.expert_serious) <= 1
    assert distance(found.tool_serious, found.second_serious) <= 1
    assert distance(found.tool_serious, found.third_serious) <= 1


def test_the_readme_shows_the_agreement_as_measured() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    measured_table = table([agreement(folder) for folder in SYSTEMS])
    assert measured_table in readme
    # Once: a table replaced by hand must not leave earlier ones behind it.
    assert readme.count(measured_table.splitlines()[-1].split(",")[0]) == 1
    assert readme.count("| --- | --- | --- | --- | --- | --- |") == 1


@pytest.mark.parametrize("folder", SYSTEMS, ids=lambda path: path.name)
@pytest.mark.parametrize("variant", ["answers.yaml", "serious-gaps.yaml"])
def test_every_calibration_system_is_asked_eight_checks_per_area_and_answers_them(
    folder: Path, variant: str
) -> None:
    bank = load_bank()
    answers = load_answers(folder / variant, bank)
    card = score(bank, answers, today=TODAY)
    assert card.unanswered == ()
    assert answers.foreign == {}  # written for the bank as it is: no answer under an old id
    for area in bank.areas:
        asked = [q for q in card.applicable if is_scored(q) and q.id.startswith(f"{area.id}.")]
        assert len(asked) >= 8, (folder.name, area.id, len(asked))


def test_the_chinese_readme_shows_the_same_table() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.zh-CN.md").read_text(
        encoding="utf-8"
    )
    measured_table = table([agreement(folder) for folder in SYSTEMS], "zh-CN")
    assert measured_table in readme
    assert readme.count(measured_table.splitlines()[-1].split("，")[1]) == 1
