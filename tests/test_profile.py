"""The system profile: decisions asked before any area, which every `when` may name; and
`moved`, which reads answers written under old ids as their new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from mlready.core.bank import bank_from_document, with_tag
from mlready.core.errors import ExitCode, InputError
from mlready.core.model import Bank
from mlready.core.schema import bank_schema
from mlready.core.scoring import score
from mlready.io.answers_file import load_answers, render_answers
from mlready.io.yamlio import parse_yaml
from tests.helpers.commands import run
from tests.helpers.documents import load_yaml
from tests.helpers.walk_script import run_walk

PROFILED = """\
bank: profiled
version: 2
profile:
  - id: profile.source
    kind: choice
    prompt: How is the model obtained?
    why: It decides which checks apply.
    options:
      - {value: trained, label: Trained by the team}
      - {value: prompted, label: A foundation model through prompts}
  - id: profile.people
    kind: multi
    prompt: Whose data is it?
    why: Privacy checks follow from it.
    options:
      - {value: none, label: Nobody's}
      - {value: users, label: Our users'}
    when: {profile.source: [trained]}
moved:
  data.source: profile.source
  data.origin:
    to: profile.source
    values: {hosted: prompted}
areas:
  - id: data
    title: Data
    questions:
      - id: data.split
        prompt: Is the training data split by time?
        why: Leakage.
        severity: major
        when: {profile.source: [trained]}
        tags: [mlts-data-1]
      - id: data.evals
        prompt: Are generated answers evaluated?
        why: Quality.
        severity: blocker
        when: {profile.source: [prompted]}
        tags: [euaia-art15]
"""


def bank_of(text: str, source: str = "bank.yaml") -> Bank:
    return bank_from_document(parse_yaml(text, source=source))


@pytest.fixture
def profiled() -> Bank:
    return bank_of(PROFILED)


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        bank_of(text)
    return caught.value.messages


def test_the_profile_comes_first_and_is_never_scored(profiled: Bank) -> None:
    assert list(profiled.questions)[:2] == ["profile.source", "profile.people"]
    assert [section.id for section in profiled.sections] == ["profile", "data"]
    assert [area.id for area in profiled.areas] == ["data"]


@pytest.mark.parametrize(
    ("change", "line", "expected"),
    [
        (("    kind: choice\n    prompt: How", "    kind: check\n    prompt: How"), 5,
         "the profile holds decisions"),
        (("      - {value: prompted, label: A foundation model through prompts}\n", ""), 8,
         "needs at least two options"),
        (("when: {profile.source: [trained]}\nmoved", "when: {profile.people: [users]}\nmoved"),
         18, "'when' names the question itself"),
        (("  data.source: profile.source\n", "  data.split: profile.source\n"), 20,
         "'data.split' is still a question of the bank"),
        (("  data.source: profile.source\n", "  data.source: profile.sauce\n"), 20,
         "moves to unknown question 'profile.sauce'; did you mean 'profile.source'?"),
        (("values: {hosted: prompted}", "values: {hosted: api}"), 23,
         "'profile.source' has no option 'api'"),
        (("  - id: data\n    title: Data", "  - id: profile\n    title: Data"), 25,
         "'profile' names the system profile"),
    ],
)  # fmt: skip
def test_profile_and_moved_rules(change: tuple[str, str], line: int, expected: str) -> None:
    old, new = change
    assert old in PROFILED
    (message,) = [m for m in problems_of(PROFILED.replace(old, new, 1)) if expected in m]
    assert message.startswith(f"bank.yaml:{line}:")


def test_a_when_may_not_name_a_later_profile_question() -> None:
    text = PROFILED.replace(
        "    why: It decides which checks apply.\n",
        "    why: It decides which checks apply.\n    when: {profile.people: [users]}\n",
    )
    (message,) = problems_of(text)
    assert "'when' names a later question 'profile.people'" in message


def test_answers_under_moved_ids_are_read_as_the_new_ones(profiled: Bank) -> None:
    from mlready.core.answers import answers_from_document

    text = "mlready: 1\nbank: profiled@1\nanswers:\n  data.origin: hosted\n  data.evals: yes\n"
    answers = answers_from_document(parse_yaml(text, source="a.yaml"), profiled)
    entry = answers.get("profile.source")
    assert entry is not None
    assert entry.value == "prompted"  # the old value, as the new question names it
    assert "data.origin" not in answers.entries
    assert "data.origin" not in answers.foreign
    # Written for an older version: one warning says so, and that the moved answer is kept.
    assert answers.warnings == (
        "a.yaml:2:7: answers were written for profiled@1 and are read with profiled@2: "
        "1 answer to moved questions is read under the new ids with their meaning kept "
        "(data.origin → profile.source); nothing is lost, and the next save writes the new "
        "ids. Questions new in profiled@2 count as unanswered",
    )
    rewritten = render_answers(profiled, answers)
    assert "  profile.source: prompted\n" in rewritten
    assert "data.origin" not in rewritten
    card = score(profiled, answers)
    assert [q.id for q in card.applicable] == ["profile.source", "data.evals"]
    assert card.score == 100
    assert card.level.name == "production"


@pytest.mark.parametrize("bank_line", ["", "bank: profiled\n", "bank: profiled@2\n"])
def test_moved_ids_in_answers_for_this_version_get_their_own_warning(
    profiled: Bank, bank_line: str
) -> None:
    from mlready.core.answers import answers_from_document

    text = f"mlready: 1\n{bank_line}answers:\n  data.origin: hosted\n  data.evals: yes\n"
    answers = answers_from_document(parse_yaml(text, source="a.yaml"), profiled)
    line = 3 if bank_line else 2
    assert answers.warnings == (
        f"a.yaml:{line}:1: profiled@2 moved 1 question; their answers are read under the new "
        "ids and written so by the next save: data.origin → profile.source",
    )


def test_answers_for_a_newer_version_are_refused_before_their_moves(profiled: Bank) -> None:
    from mlready.core.answers import answers_from_document

    text = "mlready: 1\nbank: profiled@3\nanswers:\n  data.origin: hosted\n"
    with pytest.raises(InputError) as caught:
        answers_from_document(parse_yaml(text, source="a.yaml"), profiled)
    assert caught.value.messages == [
        "a.yaml:2:7: these answers need profiled@3, newer than the profiled@2 in use: upgrade "
        "mlready, or choose a bank of that version with --bank PATH"
    ]


def test_a_new_answer_wins_over_one_under_its_old_id(profiled: Bank) -> None:
    from mlready.core.answers import answers_from_document

    text = (
        "mlready: 1\nanswers:\n  data.source: trained\n  profile.source: prompted\n"
        "  data.evals: yes\n"
    )
    answers = answers_from_document(parse_yaml(text, source="a.yaml"), profiled)
    assert answers.get("profile.source").value == "prompted"  # type: ignore[union-attr]
    assert any("the old answer is ignored" in warning for warning in answers.warnings)


def test_the_walk_asks_the_profile_first(profiled: Bank) -> None:
    result, prompt, _ = run_walk(profiled, ["1", "2", "yes"])
    assert prompt.shown == ["profile.source", "profile.people", "data.split"]
    # Until the first decision is answered, nothing that depends on it counts.
    assert prompt.screens[0].progress == "profile 1/1 · 1/1 overall"
    assert prompt.screens[1].progress == "profile 2/2 · 2/3 overall"
    assert result.completed


def test_a_layer_appends_to_disables_and_moves_in_the_profile(
    tmp_path: Path, profiled: Bank
) -> None:
    from mlready.io.bank_file import load_bank

    (tmp_path / "base.yaml").write_text(PROFILED, encoding="utf-8")
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        "bank: acme\nversion: 1\nextends: base.yaml\ndisable: [profile.people]\n"
        "profile:\n  - id: profile.region\n    kind: choice\n    prompt: Where?\n    why: Law.\n"
        "    options: [{value: eu}, {value: us}]\n"
        "moved: {data.place: profile.region}\n"
        "areas:\n  - id: data\n    questions:\n      - id: data.gdpr\n        prompt: GDPR?\n"
        "        why: Law.\n        when: {profile.region: [eu]}\n",
        encoding="utf-8",
    )
    bank = load_bank(layer)
    assert list(bank.questions)[:2] == ["profile.source", "profile.region"]
    assert "profile.people" not in bank.questions
    assert bank.moved["data.place"].to == "profile.region"
    assert bank.moved["data.source"].to == "profile.source"


def test_a_layer_cannot_override_a_profile_question(tmp_path: Path) -> None:
    from mlready.io.bank_file import load_bank

    (tmp_path / "base.yaml").write_text(PROFILED, encoding="utf-8")
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        "bank: acme\nversion: 1\nextends: base.yaml\n"
        "override: {profile.source: {severity: minor}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="only checks can be overridden"):
        load_bank(layer)


def test_check_and_show_know_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bank.yaml").write_text(PROFILED, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "mlready: 1\nbank: profiled@2\nanswers:\n  profile.source: prompted\n  data.evals: yes\n",
        encoding="utf-8",
    )
    code, out, err = run("check", "a.yaml", "--bank", "bank.yaml", "-f", "json")
    assert code == ExitCode.OK, err
    assert json.loads(out)["profile"] == {"profile.source": "prompted"}
    code, out, _ = run("bank", "show", "--bank", "bank.yaml")
    assert out.splitlines()[2] == "profile: System profile"
    code, out, _ = run("bank", "show", "--bank", "bank.yaml", "--tag", "euaia-")
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert listed == ["data.evals"]


def test_with_tag_keeps_the_checks_of_one_framework(profiled: Bank) -> None:
    assert list(with_tag(profiled, "mlts-").questions) == ["data.split"]
    assert list(with_tag(profiled, "nist-").questions) == []


def test_the_bank_schema_knows_profile_and_moved() -> None:
    validator = Draft7Validator(bank_schema())
    data = load_yaml_text(PROFILED)
    assert list(validator.iter_errors(data)) == []
    data["moved"]["data.x"] = {"values": {"a": "b"}}  # a long form needs `to`
    assert list(validator.iter_errors(data)) != []


def load_yaml_text(text: str) -> dict[str, object]:
    data = parse_yaml(text, source="b.yaml").data
    assert isinstance(data, dict)
    return data


def test_load_yaml_helper_is_the_same_parser(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(PROFILED, encoding="utf-8")
    assert load_yaml(path).data == load_yaml_text(PROFILED)


def test_a_bank_with_a_profile_moved_ids_and_probes_comes_back_whole_from_the_cache(
    tmp_path: Path, private_cache: Path
) -> None:
    from mlready.io.bank_file import load_bank

    text = PROFILED.replace(
        "        tags: [euaia-art15]\n",
        "        tags: [euaia-art15]\n        evidence:\n          - id: evals\n"
        "            files: [evals/**/*.yaml]\n            supports: 'yes'\n"
        "            says: an evaluation suite\n            reliability: high\n",
    )
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    first = load_bank(path)
    assert list(private_cache.glob("bank-*"))  # written to the cache
    again = load_bank(path)
    assert again == first
    assert again.profile == first.profile
    assert again.moved == first.moved
    assert again.questions["data.evals"].evidence == first.questions["data.evals"].evidence


def chained_bank(length: int) -> str:
    """A profile of `length` decisions, each asked only when the one before is "a", and one
    check asked only when the last is."""
    decision = "kind: choice, prompt: p, why: w, options: [{value: a}, {value: b}]"
    lines = ["bank: chain", "version: 1", "profile:", f"  - {{id: p.q0, {decision}}}"]
    lines += [
        f"  - {{id: p.q{i}, {decision}, when: {{p.q{i - 1}: [a]}}}}" for i in range(1, length)
    ]
    lines += ["areas:", "  - id: x", "    title: X", "    questions:"]
    lines += [f"      - {{id: x.c, prompt: p, why: w, when: {{p.q{length - 1}: [a]}}}}"]
    lines += ["      - {id: x.d, prompt: p, why: w}"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("length", [2, 1200])
def test_a_check_left_out_is_traced_back_through_any_chain_of_decisions(
    length: int, tmp_path: Path
) -> None:
    # A chain as long as a bank may be is traced without running out of stack: the report's
    # profile table counts the check under the one answer that removed it.
    (tmp_path / "chain.yaml").write_text(chained_bank(length), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("mlready: 1\nbank: chain@1\nanswers:\n  p.q0: b\n  x.d: yes\n")
    code, out, err = run("report", answers, "--bank", tmp_path / "chain.yaml", "-o", "-")
    assert code == ExitCode.OK, err
    assert "| p | b | 1 |" in out
    bank = bank_from_document(parse_yaml(chained_bank(length), source="chain.yaml"))
    card = score(bank, load_answers(answers, bank))
    assert {key: [q.id for q in checks] for key, checks in card.left_out.items()} == {
        "p.q0": ["x.c"]
    }
