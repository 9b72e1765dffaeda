"""The README's examples work as printed."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from mlready.core.answers import answers_from_document
from mlready.core.bank import bank_from_document
from mlready.core.scoring import score
from mlready.io.bank_file import load_bank
from mlready.io.settings import find_settings
from mlready.io.yamlio import parse_yaml

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def blocks(language: str, after: str) -> list[str]:
    """The fenced blocks of `language` in the README section that starts with `after`."""
    section = README.split(after, 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)


def test_the_answers_example_loads_with_the_builtin_bank() -> None:
    (text,) = blocks("yaml", "## The answers file")
    answers = answers_from_document(parse_yaml(text, source="README"), load_bank())
    assert answers.warnings == ()
    card = score(load_bank(), answers)
    assert [gap.question.id for gap in card.waived] == ["serving.rollback"]


def test_the_bank_examples_validate(tmp_path: Path) -> None:
    examples = blocks("yaml", "## Question banks")
    plain = examples[0]
    layered, dated = [text for text in examples if "extends:" in text]
    bank = bank_from_document(parse_yaml(plain, source="README"))
    assert bank.ref == "acme-vision@2"
    path = tmp_path / "acme-strict.yaml"
    path.write_text(layered, encoding="utf-8")
    strict = load_bank(path)
    assert strict.lineage == ("acme-strict@1", "default@3")
    assert "ops.pager_tested" in strict.questions
    # Counsel's dates: a regime's date and a check's restated, with who confirmed them.
    path = tmp_path / "acme-dated.yaml"
    path.write_text(dated, encoding="utf-8")
    restated = load_bank(path)
    assert restated.dates_confirmed is not None
    assert restated.dates_confirmed.on == dt.date(2026, 11, 30)
    regime = restated.questions["profile.regimes"].option("eu_high_risk")
    assert regime is not None and regime.applies_from == dt.date(2026, 8, 2)
    assert restated.questions["serving.content_marking"].applies_from == dt.date(2027, 2, 2)


def test_the_settings_example_reads(tmp_path: Path) -> None:
    (text,) = blocks("toml", "### Settings")
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    settings = find_settings(tmp_path)
    assert settings.fail_under == "approved"
    assert settings.answers == (tmp_path / "models/*/mlready.yaml",)
    layered = next(text for text in blocks("yaml", "## Question banks") if "extends:" in text)
    assert "{name: approved, min: 85}" in layered  # the level the settings name


def test_the_profile_example_validates() -> None:
    text = blocks("yaml", "### The system profile")[0]
    # The example shows the keys a profile adds; a bank around it needs only its id and version.
    bank = bank_from_document(parse_yaml(f"bank: acme\nversion: 1\n{text}", source="README"))
    assert list(bank.questions) == [
        "profile.model_source",
        "profile.prediction_mode",
        "training.reproducible",
    ]
    assert set(bank.moved) == {"framework.model_source", "serving.mode"}


def test_the_severity_example_validates() -> None:
    text = blocks("yaml", "### Severity that follows the system")[0]
    bank = bank_from_document(parse_yaml(f"bank: acme\nversion: 1\n{text}", source="README"))
    limits = bank.questions["serving.agent_limits"]
    assert [rule.is_.value for rule in limits.severity_rules] == ["blocker", "major"]
    assert bank.questions["serving.batch_output_checks"].caps == "pilot"
    assert bank.dated_options == (("profile.regimes", "eu_high_risk", dt.date(2027, 12, 2)),)


@pytest.mark.parametrize("text", blocks("yaml", "## Use in CI"))
def test_the_ci_snippets_are_yaml(text: str) -> None:
    assert yaml.safe_load(text)


def test_the_waiver_example_loads_with_the_builtin_bank() -> None:
    (text,) = blocks("yaml", "### Waivers")
    document = parse_yaml("mlready: 1\nanswers:\n" + text, source="README")
    answers = answers_from_document(document, load_bank())
    entry = answers.get("serving.rollback")
    assert entry is not None
    assert entry.waiver is not None


def test_the_layer_that_teaches_mlready_an_organisations_conventions_validates(
    tmp_path: Path,
) -> None:
    (text,) = [
        block for block in blocks("yaml", "## Evidence from the repository") if "extends:" in block
    ]
    path = tmp_path / "acme.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    bank = load_bank(path)
    canary = [probe.id for probe in bank.questions["serving.canary"].evidence]
    assert "acme-deployer" in canary
    assert "progressive-delivery" not in canary
    assert [probe.id for probe in bank.questions["preprocessing.point_in_time"].evidence] == [
        "feast-feature-store",
        "acme-features",
    ]
