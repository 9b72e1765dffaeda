"""The calibration set (tests/calibration): every system and variant is a valid review, and no
variant with serious gaps reaches the top level."""

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


def test_the_readme_shows_the_agreement_as_measured() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert table([agreement(folder) for folder in SYSTEMS]) in readme
