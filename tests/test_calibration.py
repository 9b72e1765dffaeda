"""The calibration set (tests/calibration): every system and variant is a valid review that
answers what it is asked (at least eight checks in each area), and no variant with serious gaps
reaches the top level."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mlready.core.kinds import is_scored
from mlready.core.scoring import score
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from tests.calibration.agreement import TODAY, agreement, systems, table

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
