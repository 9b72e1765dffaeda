"""Options that suggest answers to later decisions (`suggests`): validated like `expects`,
marked in the walk, and a warning at the answer that leaves a suggestion out unexplained."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from mlready.core.answers import empty_answers
from mlready.core.bank import bank_from_document
from mlready.core.errors import InputError
from mlready.core.model import AnswerEntry, Bank
from mlready.core.scoring import applicable_questions, suggested_answers
from mlready.core.walk import suggested_options
from mlready.io.bank_file import load_bank
from mlready.io.yamlio import parse_yaml
from mlready.render.terminal import TerminalPrompt
from tests.helpers.commands import run
from tests.helpers.expecting_bank import MARKETS_BANK
from tests.helpers.languages import speaking

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# The markets bank with a field asked first, whose answers suggest regimes.
FIELDS_BANK = MARKETS_BANK.replace(
    "profile:\n",
    """profile:
  - id: profile.fields
    kind: multi
    prompt: Which fields?
    why: w
    options:
      - {value: credit, suggests: {profile.regimes: [eu_rule, us_rule]}}
      - {value: retail}
""",
    1,
)


def fields_bank(text: str = FIELDS_BANK) -> Bank:
    return bank_from_document(parse_yaml(text, source="fields.yaml"))


def refusal(text: str) -> str:
    with pytest.raises(InputError) as caught:
        fields_bank(text)
    return str(caught.value)


def test_a_suggestion_names_a_later_decision_and_values_it_offers() -> None:
    assert fields_bank().questions["profile.fields"].options[0].suggests == {
        "profile.regimes": ("eu_rule", "us_rule")
    }
    unknown = refusal(FIELDS_BANK.replace("[eu_rule, us_rule]", "[eu_rule, uk_rule]"))
    assert "fields.yaml:9:" in unknown and "'uk_rule'" in unknown
    nothing = refusal(FIELDS_BANK.replace("profile.regimes: [eu_rule", "profile.nothing: [eu_rule"))
    assert "'suggests' names 'profile.nothing', which is no other decision of the bank" in nothing
    check = refusal(FIELDS_BANK.replace("profile.regimes: [eu_rule, us_rule]", "a.check: [yes]"))
    assert "'suggests' names 'a.check', which is no other decision of the bank" in check
    empty = refusal(FIELDS_BANK.replace("[eu_rule, us_rule]", "[]"))
    assert "'suggests' needs at least one value for 'profile.regimes'" in empty
    # Suggesting an earlier decision: the walk would have asked it already.
    earlier = FIELDS_BANK.replace(
        "      - {value: any_rule}",
        "      - {value: any_rule, suggests: {profile.fields: [credit]}}",
    )
    assert (
        "'suggests' names 'profile.fields', which comes before 'profile.regimes': only a later "
        "decision can be suggested"
    ) in refusal(earlier)
    on_a_check = FIELDS_BANK.replace(
        "      - {id: a.check, prompt: p, why: w}",
        "      - id: a.check\n        prompt: p\n        why: w\n        options:\n"
        "          - {value: no, score: 0, suggests: {profile.regimes: [eu_rule]}}\n"
        "          - {value: yes, score: 1}",
    )
    assert "'suggests' belongs only on options of decisions" in refusal(on_a_check)


def test_a_suggestion_is_of_several_answers_never_of_one_chosen_alone_and_each_once() -> None:
    # Two values of a decision of one answer: whichever is chosen, the other is left out.
    choice = FIELDS_BANK.replace(
        "  - id: profile.regimes\n    kind: multi", "  - id: profile.regimes\n    kind: choice"
    ).replace("      - {value: none, exclusive: true}\n", "      - {value: none}\n")
    assert (
        "'suggests' names 'profile.regimes', a decision of one answer: only a decision of "
        "several answers can be suggested"
    ) in refusal(choice)
    alone = FIELDS_BANK.replace("[eu_rule, us_rule]", "[eu_rule, none]")
    assert "'suggests' names 'none', an answer chosen alone: it cannot be suggested" in refusal(
        alone
    )
    twice = FIELDS_BANK.replace("[eu_rule, us_rule]", "[eu_rule, us_rule, eu_rule]")
    assert "'suggests' names 'eu_rule' twice" in refusal(twice)
    itself = FIELDS_BANK.replace(
        "[eu_rule, us_rule]}}", "[eu_rule, us_rule], profile.fields: [retail]}}"
    )
    assert "'suggests' names the question itself" in refusal(itself)


def test_the_walk_says_a_suggestion_left_out_once_while_it_can_still_be_chosen() -> None:
    from tests.helpers.walk_script import run_walk

    bank = fields_bank()
    _, prompt, _ = run_walk(bank, ["credit", "eu", "any_rule", ":q"])
    said = [line for line in prompt.told if "leaves out" in line]
    assert said == [
        "'profile.regimes' leaves out eu_rule, suggested by profile.fields being credit; choose "
        "it, or write in the note of 'profile.regimes' in the answers file why it does not "
        "apply, as 'eu_rule: why'"
    ]
    # Chosen, nothing is said.
    _, chosen, _ = run_walk(bank, ["credit", "eu", "eu_rule", ":q"])
    assert not [line for line in chosen.told if "leaves out" in line]


def test_a_suggestion_of_another_market_is_not_made() -> None:
    bank = fields_bank()
    answers = empty_answers("mlready.yaml")
    answers = answers.with_entry("profile.fields", AnswerEntry(value=("credit",)))
    # No market yet: both regimes are suggested; the US alone: only the US one.
    found = suggested_answers(answers, applicable_questions(bank, answers))
    assert [(item.value, item.by, item.because) for item in found] == [
        ("eu_rule", "profile.fields", "credit"),
        ("us_rule", "profile.fields", "credit"),
    ]
    us = answers.with_entry("profile.markets", AnswerEntry(value=("us",)))
    regimes = bank.questions["profile.regimes"]
    assert suggested_options(regimes, bank, us) == ("us_rule",)
    retail = us.with_entry("profile.fields", AnswerEntry(value=("retail",)))
    assert suggested_options(regimes, bank, retail) == ()
    # Only decisions something suggests are looked at.
    assert suggested_options(bank.questions["profile.markets"], bank, us) == ()


def test_the_walk_marks_the_suggested_options_and_chooses_none() -> None:
    from tests.helpers.walk_script import run_walk

    bank = fields_bank()
    result, prompt, _ = run_walk(bank, ["credit", "eu", ":s", ":q"])
    regimes = [s for s in prompt.screens if s.question.id == "profile.regimes"]
    assert [s.suggested_options for s in regimes] == [("eu_rule",)]
    assert result.answers.get("profile.regimes") is None  # skipped: nothing chosen for them
    output = io.StringIO()
    console = Console(file=output, width=100, force_terminal=False, color_system=None)
    console.input = lambda *_, **__: ""  # type: ignore[method-assign]
    TerminalPrompt(console).question(regimes[0])
    rows = [" ".join(line.split()) for line in output.getvalue().splitlines()]
    marked = [row for row in rows if "(suggested by your earlier answers)" in row]
    assert len(marked) == 1 and marked[0].startswith("1 eu_rule")


def credit_example(
    tmp_path: Path, regimes: object, note: str | None = None, *, fields: object = None
) -> Path:
    """The credit example with its regimes answer (and its fields, when given) replaced."""
    document = yaml.safe_load((EXAMPLES / "credit-risk-scorer.yaml").read_text(encoding="utf-8"))
    if fields is not None:
        document["answers"]["profile.domains"] = fields
    entry: dict[str, object] = {"value": regimes}
    if note is not None:
        entry["note"] = note
    document["answers"]["profile.regimes"] = entry
    path = tmp_path / "mlready.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def suggestion_warnings(path: Path) -> list[str]:
    code, _, err = run("check", path, "--today", "2026-12-07", "--no-scan")
    assert code in (0, 1), err
    return [line for line in err.splitlines() if "leaves out" in line]


def test_a_regime_the_fields_suggest_left_out_is_told_until_its_note_screens_it_out(
    tmp_path: Path,
) -> None:
    # The example lends to consumers in the EU as a bank: every regime its fields suggest is
    # chosen, and nothing is told.
    assert suggestion_warnings(EXAMPLES / "credit-risk-scorer.yaml") == []
    chosen = ["eu_high_risk", "model_risk", "resilience"]
    left_out = credit_example(tmp_path, chosen)
    told = suggestion_warnings(left_out)
    line = next(
        n
        for n, text in enumerate(left_out.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("  profile.regimes:")
    )
    assert told == [
        f"warning: {left_out}:{line}: 'profile.regimes' leaves out eu_consumer_credit, "
        "suggested by profile.domains being credit; choose it, or write in the note of "
        "'profile.regimes' why it does not apply, as 'eu_consumer_credit: why'"
    ]
    # JSON carries it too, in English, beside what reading the file found.
    _, out, _ = run("check", left_out, "--today", "2026-12-07", "--no-scan", "-f", "json")
    warnings = json.loads(out)["warnings"]
    assert [w for w in warnings if "leaves out" in w] == [told[0].removeprefix("warning: ")]
    # Screened out in the note, as the warning says, in any case: nothing is told.
    for note in (
        "eu_consumer_credit: only loans to sole traders for their business",
        "Screened by legal. EU_CONSUMER_CREDIT : business loans only.",
    ):
        assert suggestion_warnings(credit_example(tmp_path, chosen, note=note)) == []
    # The value in a sentence, or inside a longer word, screens nothing out.
    for note in (
        "We lend to businesses, so no eu_consumer_credit.",
        "not_eu_consumer_credit: no",
        "x.eu_consumer_credit: no",
    ):
        assert len(suggestion_warnings(credit_example(tmp_path, chosen, note=note))) == 1
    # "None apply" leaves out every suggestion: each is told once, with every field behind it.
    fields = ["credit", "payments", "banking"]
    none = suggestion_warnings(credit_example(tmp_path, ["none"], fields=fields))
    assert [line.split("leaves out ")[1].split(",")[0] for line in none] == [
        "eu_high_risk",
        "eu_consumer_credit",
        "payments",
        "resilience",
        "model_risk",
    ]
    assert "suggested by profile.domains being credit;" in none[0]
    assert "suggested by profile.domains being payments or banking;" in none[3]


def test_the_warning_is_said_in_chinese(tmp_path: Path) -> None:
    left_out = credit_example(tmp_path, ["eu_high_risk", "model_risk", "resilience"])
    with speaking("zh-CN"):
        told = suggestion_warnings_zh(left_out)
    assert len(told) == 1
    assert "漏选了 eu_consumer_credit，而 profile.domains 为 credit 提示应选它" in told[0]
    assert "以“eu_consumer_credit: 原因”的形式写明它为何不适用" in told[0]


def suggestion_warnings_zh(path: Path) -> list[str]:
    code, _, err = run("check", path, "--today", "2026-12-07", "--no-scan")
    assert code in (0, 1), err
    return [line for line in err.splitlines() if "漏选了" in line]


def test_every_builtin_field_suggests_regimes_of_the_bank(tmp_path: Path) -> None:
    bank = load_bank()
    fields = bank.questions["profile.domains"]
    order = list(bank.questions)
    for option in fields.options:
        if option.value == "none":
            assert option.exclusive and not option.suggests
            continue
        assert option.suggests, option.value
        for name in option.suggests:
            assert order.index(name) > order.index(fields.id)
    # A layer that does not ask the regimes drops the suggestions of them.
    (tmp_path / "fields.yaml").write_text(FIELDS_BANK, encoding="utf-8")
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        "bank: fewer\nversion: 1\nextends: fields.yaml\ndisable: [profile.regimes]\n",
        encoding="utf-8",
    )
    layered = load_bank(layer)
    assert [option.suggests for option in layered.questions["profile.fields"].options] == [{}, {}]


@pytest.mark.parametrize(
    ("fields", "markets", "expected"),
    [
        # an insurer pricing health cover: the AI Act where it reaches the EU, the state rules
        # where it reaches the US, the Consumer Duty where it reaches the UK
        (("insurance",), ("eu",), ("eu_high_risk",)),
        (("insurance",), ("us",), ("us_insurance_ai", "colorado")),
        (("insurance",), ("uk",), ("uk_consumer_duty",)),
        (("online_platform",), ("eu", "uk"), ("dsa", "uk_online_safety")),
        (
            ("credit", "banking"),
            ("us",),
            ("us_credit", "colorado", "california_admt", "model_risk", "resilience"),
        ),
        (("health",), ("us",), ("medical_device", "hipaa", "colorado", "california_admt")),
        # a US recruiter: New York City's, Illinois', Colorado's and California's rules
        (
            ("employment",),
            ("us",),
            ("us_hiring", "illinois_employment", "colorado", "california_admt"),
        ),
        (("housing",), ("eu",), ()),  # no regime of the EU's for housing is in this bank
        (("none",), ("eu", "uk", "us"), ()),
    ],
)
def test_the_builtin_fields_suggest_the_regimes_of_the_markets_named(
    fields: tuple[str, ...], markets: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    bank = load_bank()
    answers = empty_answers("mlready.yaml")
    for name, value in (
        ("profile.impact", ("decisions",)),
        ("profile.personal_data", "personal"),
        ("profile.domains", fields),
        ("profile.markets", markets),
    ):
        answers = answers.with_entry(name, AnswerEntry(value=value))
    assert suggested_options(bank.questions["profile.regimes"], bank, answers) == expected


def test_the_regimes_of_the_uk_and_of_insurance_ask_their_checks() -> None:
    bank = load_bank()
    answers = empty_answers("mlready.yaml")
    for name, value in (
        ("profile.impact", ("decisions",)),
        ("profile.markets", ("uk", "us")),
        ("profile.regimes", ("uk_online_safety", "uk_consumer_duty", "us_insurance_ai")),
    ):
        answers = answers.with_entry(name, AnswerEntry(value=value))
    asked = {question.id for question in applicable_questions(bank, answers)}
    assert {
        "framework.uk_osa_risk_assessment",
        "framework.insurance_ai_program",
        "monitoring.consumer_duty_outcomes",
    } <= asked


def test_bank_show_names_what_a_decision_suggests(tmp_path: Path) -> None:
    path = tmp_path / "fields.yaml"
    path.write_text(FIELDS_BANK, encoding="utf-8")
    code, out, _ = run("bank", "show", "--bank", path)
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  profile.")}
    assert lines["profile.fields"].endswith("[suggests profile.regimes]")
    assert "suggests" not in lines["profile.regimes"]
    with speaking("zh-CN"):
        _, out, _ = run("bank", "show", "--bank", path)
    assert "（提示 profile.regimes 的回答）" in out
    code, out, _ = run("bank", "show", "--bank", path, "--format", "json")
    fields = json.loads(out)["profile"][0]
    assert fields["options"][0]["suggests"] == {"profile.regimes": ["eu_rule", "us_rule"]}


def test_a_warning_stays_on_one_line_whatever_the_file_is_called(tmp_path: Path) -> None:
    # A line break in the answers file's name would start what looks like a warning of its own.
    left_out = credit_example(tmp_path, ["eu_high_risk", "model_risk", "resilience"])
    named = left_out.rename(tmp_path / "a\nwarning: forged.yaml")
    _, _, err = run("check", named, "--today", "2026-12-07", "--no-scan")
    lines = [line for line in err.splitlines() if "leaves out" in line or "forged" in line]
    assert len(lines) == 1 and "a\\nwarning: forged.yaml" in lines[0]


def test_a_profile_decision_left_unanswered_fails_closed_unless_nothing_depends_on_it(
    tmp_path: Path,
) -> None:
    # Leaving out whom the outputs affect or what data describes people would hide every check
    # they bring in: the review is incomplete, as with an unanswered check.
    document = yaml.safe_load((EXAMPLES / "credit-risk-scorer.yaml").read_text(encoding="utf-8"))
    for name in ("profile.personal_data", "profile.impact"):
        del document["answers"][name]
    hidden = tmp_path / "hidden.yaml"
    hidden.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    code, out, _ = run("check", hidden, "--today", "2026-12-07", "--no-scan", "-f", "json")
    verdict = json.loads(out)
    assert code == 1 and not verdict["passed"]
    assert any("applicable questions unanswered" in reason for reason in verdict["reasons"])
    # The fields of use only suggest regimes: unanswered, they fail nothing.
    del document["answers"]["profile.domains"]
    document["answers"]["profile.personal_data"] = "sensitive"
    document["answers"]["profile.impact"] = {"value": ["decisions"]}
    fields = tmp_path / "fields.yaml"
    fields.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    code, out, _ = run("check", fields, "--today", "2026-12-07", "--no-scan", "-f", "json")
    assert not any("unanswered" in reason for reason in json.loads(out)["reasons"])
