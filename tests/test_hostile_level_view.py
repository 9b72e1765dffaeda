"""Findings of a hostile test of what the level rests on: the report's table of the rules that
cap the level, the conditions named beside it, and the summaries that say both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlready.core.answers import answers_from_document
from mlready.core.bank import bank_from_document
from mlready.core.gate import judge, threshold
from mlready.core.scoring import Scorecard, score
from mlready.io.yamlio import parse_yaml
from mlready.render.charts import area_bars
from mlready.render.markdown import render_markdown
from mlready.render.scorecard_view import (
    LevelRule,
    Outcome,
    level_cap,
    level_note,
    level_rules,
    optional_line,
)
from tests.helpers.commands import run
from tests.helpers.languages import speaking

TODAY = dt.date(2026, 12, 7)

BANK = """\
bank: caps
version: 1
areas:
  - id: a
    title: A
    questions:
      - {id: a.block, prompt: p, why: w, severity: blocker}
      - {id: a.capped, prompt: p, why: w, caps: pilot}
      - {id: a.major, prompt: p, why: w}
      - {id: a.minor, prompt: p, why: w, severity: minor}
"""

# A bank of minor checks only: no blocker or major is scored, so the score itself caps.
MINORS = """\
bank: minors
version: 1
areas:
  - id: a
    title: Hygiene
    questions:
      - {id: a.first, prompt: p, why: w, severity: minor}
      - {id: a.second, prompt: p, why: w, severity: minor}
"""

OWNED = {"owner": "team", "due": "2027-03-01"}


def review(bank_text: str, answers: dict[str, Any]) -> Scorecard:
    bank = bank_from_document(parse_yaml(bank_text, source="bank.yaml"))
    text = yaml.safe_dump({"mlready": 1, "bank": f"{bank.bank}@1", "answers": answers})
    return score(bank, answers_from_document(parse_yaml(text, source="a.yaml"), bank), today=TODAY)


def rule(card: Scorecard, starts: str) -> LevelRule:
    return next(row for row in level_rules(card) if row.rule.startswith(starts))


def test_the_rule_that_sets_the_level_is_marked_in_the_table() -> None:
    # The table marks the rule the level follows; it compared objects built anew on each
    # reading of the caps, so no rule was ever marked.
    card = review(BANK, {"a.block": "no", "a.capped": "yes", "a.major": "yes", "a.minor": "yes"})
    assert card.level.name == "not ready"
    blockers = rule(card, "A blocker")
    assert blockers.found == "a.block (not ready)"
    assert blockers.sets_level
    assert [row.rule for row in level_rules(card) if row.sets_level] == [blockers.rule]


def test_a_partly_done_pattern_that_sets_the_level_is_marked() -> None:
    text = BANK.replace(
        "      - {id: a.capped",
        "      - {id: a.b2, prompt: p, why: w, severity: blocker}\n"
        "      - {id: a.b3, prompt: p, why: w, severity: blocker}\n"
        "      - {id: a.capped",
    )
    answers = {"a.block": "partial", "a.b2": "partial", "a.b3": "partial"}
    card = review(text, {**answers, "a.capped": "yes", "a.major": "yes", "a.minor": "yes"})
    assert card.level.name == "pilot"
    assert [row.rule for row in level_rules(card) if row.sets_level] == [
        rule(card, "Three or more").rule
    ]


def test_a_major_whose_cap_an_owned_plan_lifted_to_the_top_is_a_condition() -> None:
    # A major at its lowest grade is a condition of the level; one that names a cap and has an
    # owned plan had its cap lifted to the top, which caps nothing, and was named nowhere.
    card = review(
        BANK,
        {
            "a.block": "yes",
            "a.capped": {"value": "no", "action": OWNED},
            "a.major": "yes",
            "a.minor": "yes",
        },
    )
    assert card.level.name == "production"
    assert [gap.question.id for gap in card.conditions] == ["a.capped"]
    note = level_note(card)
    assert note is not None
    assert "No open gap caps the level." in note
    assert "1 major at its lowest grade" in note
    # Without the plan it caps, and a cap is not a condition.
    capped = review(BANK, {"a.block": "yes", "a.capped": "no", "a.major": "yes", "a.minor": "yes"})
    assert capped.level.name == "pilot"
    assert capped.conditions == ()


@pytest.mark.parametrize("given", ["no", "partial"])
def test_the_score_row_names_the_score_that_caps_when_only_minors_are_scored(given: str) -> None:
    # With minor checks only, the score over them caps the level; the table said "none" for
    # the area that set the level.
    card = review(MINORS, {"a.first": given, "a.second": "no"})
    row = rule(card, "An area under")
    assert row.found == f"lowest: Hygiene {card.score:g}"
    assert row.found != "none"
    assert row.sets_level == (card.level.name == "pilot")
    assert card.level.name == "pilot"
    assert level_cap(card) is not None


NA_ONLY = """\
bank: unscored
version: 1
areas:
  - id: a
    title: A
    questions:
      - {id: a.only, prompt: p, why: w, severity: blocker, na: true}
"""


def test_a_review_with_no_score_says_why_its_level_is_the_lowest() -> None:
    # Every check n/a: no score, and the lowest level, which nothing in the summary or in the
    # table explained (every rule said "none").
    card = review(NA_ONLY, {"a.only": {"value": "na", "note": "no such part"}})
    assert card.score is None
    assert card.level.name == "not ready"
    assert [cap.kind for cap in card.binding_caps] == ["unscored"]
    why = level_cap(card)
    assert why is not None
    assert "no applicable check is scored" in why
    marked = [row for row in level_rules(card) if row.sets_level]
    assert [(row.caps_at, row.found) for row in marked] == [("not ready", "no score")]


def test_a_scored_review_has_no_row_for_a_missing_score() -> None:
    card = review(NA_ONLY, {"a.only": "no"})
    assert card.score == 0
    assert all(row.found != "no score" for row in level_rules(card))
    assert [cap.kind for cap in card.binding_caps] == ["gap"]


def test_the_chart_draws_the_area_whose_score_caps_the_level_in_the_colour_of_a_blocker() -> None:
    # With minor checks only, the score itself caps; the bar was drawn as one that caps nothing.
    capped = area_bars(review(MINORS, {"a.first": "no", "a.second": "no"}))
    fine = area_bars(review(MINORS, {"a.first": "yes", "a.second": "partial"}))
    assert 'fill="#8fb3d9"' in fine
    assert 'fill="#8fb3d9"' not in capped


def test_the_html_caption_of_the_chart_says_what_its_colours_mean(tmp_path: Path) -> None:
    # The caption spoke of bars coloured by level and of dashed lines the chart no longer has.
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    answers = {"a.block": "yes", "a.capped": "no", "a.major": "yes", "a.minor": "yes"}
    text = yaml.safe_dump({"mlready": 1, "bank": "caps@1", "answers": answers})
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "a.html"
    bank, source = tmp_path / "bank.yaml", tmp_path / "a.yaml"
    code, _, err = run("report", "--bank", bank, source, "--format", "html", "-o", out)
    assert code == 0, err
    caption = out.read_text(encoding="utf-8").split("<figcaption>")[1].split("</figcaption>")[0]
    assert "dashed" not in caption
    assert "coloured by the level" not in caption
    assert "score under 50, which caps the level, in the colour of a blocker" in caption


CAPPING_MINOR = """\
bank: minorcap
version: 1
areas:
  - id: a
    title: A
    questions:
      - {id: a.major, prompt: p, why: w}
      - {id: a.capping, prompt: p, why: w, severity: minor, caps: pilot}
      - {id: a.plain, prompt: p, why: w, severity: minor}
"""


def test_the_optional_note_says_when_an_unanswered_minor_caps_the_level() -> None:
    # "Optional" alone hid that a minor check with a cap of its own caps the level unanswered.
    card = review(CAPPING_MINOR, {"a.major": "yes"})
    assert card.level.name == "pilot"
    note = optional_line(card)
    assert note is not None
    assert note.startswith("2 minor checks are unanswered: they are optional")
    assert note.endswith(" Unanswered, 1 of them caps the level all the same.")
    plain = optional_line(review(CAPPING_MINOR, {"a.major": "yes", "a.capping": "yes"}))
    assert plain is not None
    assert "caps the level" not in plain


def test_chinese_sentences_of_a_note_are_not_spaced() -> None:
    # A space after a Chinese full stop is a typo; English sentences keep theirs.
    top = review(BANK, {"a.block": "yes", "a.capped": "yes", "a.major": "no", "a.minor": "yes"})
    card = review(CAPPING_MINOR, {"a.major": "no"})
    with speaking("zh-CN"):
        said = [level_note(top), optional_line(card)]
    for text in said:
        assert text is not None
        assert text.count("。") >= 2  # two sentences, three where no plan owns a condition
        assert "。 " not in text
    assert "level. Its conditions" in (level_note(top) or "")
    assert "answered. Unanswered" in (optional_line(card) or "")


def test_the_markdown_summary_says_what_the_level_rests_on() -> None:
    # The summary for a pull request or a CI job left out what every other summary says.
    card = review(BANK, {"a.block": "yes", "a.capped": "yes", "a.major": "no", "a.minor": "yes"})
    text = render_markdown([Outcome(card, judge(card, today=TODAY))])
    note = level_note(card)
    assert note is not None
    assert note.startswith("No open gap caps the level.")
    assert f"\n\n{note}\n\n" in text.replace("\\", "")


NUMBERED = """\
bank: numbered
version: 1
levels:
  - {name: "90", min: 80}
  - {name: gold, min: 40}
  - {name: lead, min: 0}
areas:
  - id: a
    title: A
    questions:
      - {id: a.one, prompt: p, why: w}
"""


def test_a_level_name_wins_over_a_title_that_reads_like_it() -> None:
    # A translation titled "gold" the lowest level: --fail-under gold took the lowest level.
    bank = bank_from_document(parse_yaml(NUMBERED, source="bank.yaml"))
    titles = {"gold": "lead", "金": "gold"}
    assert threshold(bank, "gold", titles=titles) == bank.level_named("gold")
    assert threshold(bank, "金", titles=titles) == bank.level_named("gold")


def test_a_number_from_a_settings_file_is_a_score_a_text_may_name_a_level() -> None:
    bank = bank_from_document(parse_yaml(NUMBERED, source="bank.yaml"))
    assert threshold(bank, 90) == 90
    assert threshold(bank, 90.0) == 90
    assert threshold(bank, "90") == bank.level_named("90")
