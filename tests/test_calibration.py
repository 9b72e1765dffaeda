"""The calibration set (tests/calibration): the tool's level agrees with the expert's, never two
levels apart, and no variant with serious gaps reaches the top level."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.calibration.agreement import agreement, systems, table

LEVELS = ("production", "pilot", "prototype", "not ready")
SYSTEMS = systems()


def test_the_set_has_twelve_systems_with_expert_verdicts() -> None:
    assert len(SYSTEMS) == 12
    for folder in SYSTEMS:
        expert = yaml.safe_load((folder / "expert.yaml").read_text(encoding="utf-8"))
        assert expert["level"] in LEVELS
        assert expert["serious_gaps_level"] in LEVELS
        assert len(expert["top_gaps"]) == 5
        assert all(level in LEVELS for level in expert.get("between") or [])


@pytest.mark.parametrize("folder", SYSTEMS, ids=lambda path: path.name)
def test_no_serious_gaps_variant_reaches_the_top_level(folder: Path) -> None:
    found = agreement(folder)
    assert found.tool_serious != "production"
    assert found.expert_serious != "production"


def distance(one: str, other: str) -> int:
    """How many levels apart two levels are."""
    return abs(LEVELS.index(one) - LEVELS.index(other))


def test_the_level_agrees_with_the_expert_on_at_least_ten_of_twelve() -> None:
    rows = [agreement(folder) for folder in SYSTEMS]
    agreeing = [row.system for row in rows if row.agrees]
    assert len(agreeing) >= 10, agreeing


@pytest.mark.parametrize("folder", SYSTEMS, ids=lambda path: path.name)
def test_the_level_is_never_two_levels_from_the_expert(folder: Path) -> None:
    found = agreement(folder)
    assert min(distance(found.tool, level) for level in found.accepted) <= 1
    # what the reviewer would let run at all is what the tool lets run at all
    assert distance(found.tool_serious, found.expert_serious) <= 1


def test_the_readme_shows_the_agreement_as_measured() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert table([agreement(folder) for folder in SYSTEMS]) in readme


def test_the_chinese_readme_shows_the_same_table() -> None:
    readme = Path(__file__).resolve().parent.parent / "README.zh-CN.md"
    shown = table([agreement(folder) for folder in SYSTEMS])
    assert shown.split("\n\n")[0] in readme.read_text(encoding="utf-8")
