"""The built-in bank: its profile and shape, its conditions, its tags, the answers written for
default@1, and what it asks of the five example systems."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from mlready.core.answers import Answers, empty_answers
from mlready.core.errors import ExitCode
from mlready.core.kinds import is_scored
from mlready.core.model import Action, AnswerEntry, Bank, Kind, Question, Severity
from mlready.core.scoring import Scorecard, applicable_questions, score
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from tests.bank_coverage import DEON, EUAIA, ISO42001, MLTS, NIST
from tests.helpers.commands import run
from tests.helpers.documents import load_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
V1_EXAMPLES = Path(__file__).resolve().parent / "data" / "default-v1"
AREAS = ["data", "preprocessing", "framework", "training", "serving", "monitoring"]
Choices = Mapping[str, str | tuple[str, ...]]

# Every question id of default@1, frozen: answers written for it must keep loading.
V1_IDS = (
    "data.sources",
    "data.modality",
    "data.label_source",
    "data.personal_data",
    "data.feedback_loop",
    "data.new_categories",
    "data.owner",
    "data.representative",
    "data.usage_rights",
    "data.source_contract",
    "data.lineage",
    "data.schema",
    "data.validation",
    "data.forbidden_inputs",
    "data.build_plan",
    "data.datasheet",
    "data.label_guidelines",
    "data.label_quality",
    "data.weak_label_noise",
    "data.label_maturity",
    "data.synthetic_kept_out",
    "data.access_control",
    "data.deletion",
    "data.feedback_holdout",
    "data.taxonomy_versioned",
    "preprocessing.representation",
    "preprocessing.serving_path",
    "preprocessing.parity",
    "preprocessing.fit_on_train",
    "preprocessing.artefacts_versioned",
    "preprocessing.unexpected_values",
    "preprocessing.unit_tests",
    "preprocessing.feature_value",
    "preprocessing.feature_cost",
    "preprocessing.new_feature_speed",
    "preprocessing.tabular_leakage",
    "preprocessing.text_casing",
    "preprocessing.text_tokenizer",
    "preprocessing.text_vocabulary",
    "preprocessing.image_geometry",
    "preprocessing.image_normalisation",
    "preprocessing.audio_format",
    "preprocessing.timeseries_lookahead",
    "preprocessing.pretrained_pinned",
    "preprocessing.pretrained_licence",
    "preprocessing.point_in_time",
    "framework.model_source",
    "framework.technique",
    "framework.runtime",
    "framework.selection",
    "framework.limits_first",
    "framework.target_prototype",
    "framework.spec_reviewed",
    "framework.environment",
    "framework.model_tests",
    "framework.debuggable",
    "framework.explainable",
    "framework.artefact_integrity",
    "framework.rules_tested",
    "framework.reduced_precision",
    "framework.prompts_versioned",
    "framework.conversion_parity",
    "training.update_mode",
    "training.duration",
    "training.hardware",
    "training.parallelism",
    "training.success_criteria",
    "training.split",
    "training.baseline",
    "training.slices",
    "training.edge_cases",
    "training.hyperparameters",
    "training.staleness_impact",
    "training.fairness",
    "training.release_gate",
    "training.reproducible",
    "training.registry",
    "training.integration_test",
    "training.job_tooling",
    "training.standard_setup",
    "training.model_card",
    "training.retraining_automated",
    "training.online_guardrails",
    "training.online_snapshots",
    "training.checkpoints",
    "training.preemption_resume",
    "training.parallel_equivalence",
    "training.numeric_guards",
    "serving.mode",
    "serving.placement",
    "serving.interface",
    "serving.consumers",
    "serving.rollback",
    "serving.release_automation",
    "serving.input_validation",
    "serving.output_validation",
    "serving.unknown_category",
    "serving.canary",
    "serving.fallback",
    "serving.latency_target",
    "serving.load_test",
    "serving.health_check",
    "serving.api_contract",
    "serving.queue_idempotent",
    "serving.batch_deadline",
    "serving.batch_output_checks",
    "serving.batch_compare",
    "serving.stream_lag",
    "serving.device_budget",
    "serving.device_latency",
    "serving.device_artefact_quality",
    "serving.device_update_path",
    "serving.device_staged_rollout",
    "serving.provider_version",
    "serving.provider_quota",
    "serving.provider_data_use",
    "monitoring.ground_truth",
    "monitoring.oncall_contact",
    "monitoring.prediction_log",
    "monitoring.samples_kept",
    "monitoring.alert_routing",
    "monitoring.runbook",
    "monitoring.input_checks",
    "monitoring.input_drift",
    "monitoring.output_drift",
    "monitoring.skew",
    "monitoring.live_quality",
    "monitoring.human_review",
    "monitoring.business_impact",
    "monitoring.offline_online",
    "monitoring.model_age",
    "monitoring.compute_performance",
    "monitoring.upstream_changes",
    "monitoring.novelty",
    "monitoring.feature_freshness",
    "monitoring.online_pause",
    "monitoring.device_telemetry",
)

# The level each default@1 example had with default@1, before it moved to default@2.
# One partly done blocker is a condition of the level, not a cap: both are at the top level.
V1_LEVELS = {"ecommerce-categoriser": "production", "on-device-vision": "production"}
NAMES = [
    "ecommerce-categoriser",
    "on-device-vision",
    "support-assistant",
    "credit-risk-scorer",
    "keyboard-suggestions",
]

# Every subcategory of the NIST AI RMF 1.0: function -> (category, number of subcategories).
NIST_SUBCATEGORIES = {
    f"nist-{function}-{category}.{n}"
    for function, counts in {
        "govern": (7, 3, 2, 3, 2, 2),
        "map": (6, 3, 5, 2, 2),
        "measure": (3, 13, 3, 3),
        "manage": (4, 4, 2, 3),
    }.items()
    for category, count in enumerate(counts, 1)
    for n in range(1, count + 1)
}
# Every control of ISO/IEC 42001:2023 Annex A: clause -> its controls' last numbers.
ISO42001_CONTROLS = {
    f"iso42001-a.{clause}.{n}"
    for clause, numbers in {
        "2": (2, 3, 4),
        "3": (2, 3),
        "4": (2, 3, 4, 5, 6),
        "5": (2, 3, 4, 5),
        "6.1": (2, 3),
        "6.2": (2, 3, 4, 5, 6, 7, 8),
        "7": (2, 3, 4, 5, 6),
        "8": (2, 3, 4, 5),
        "9": (2, 3, 4),
        "10": (2, 3, 4),
    }.items()
    for n in numbers
}


@cache
def bank() -> Bank:
    return load_bank()


def decisions() -> list[Question]:
    return [q for q in bank().questions.values() if q.kind in (Kind.CHOICE, Kind.MULTI)]


def checks() -> list[Question]:
    return [q for q in bank().questions.values() if is_scored(q)]


def answer_all(choices: Choices, *, best: bool) -> Answers:
    """Answer every applicable question: decisions from `choices` (else every option of a multi
    that may go with others, the first of a choice), checks with their best or worst option,
    text with a word."""
    answers = empty_answers("mlready.yaml")
    while True:
        pending = [q for q in applicable_questions(bank(), answers) if answers.get(q.id) is None]
        if not pending:
            return answers
        for question in pending:
            answers = answers.with_entry(
                question.id, AnswerEntry(value=_value(question, choices, best=best))
            )


def _value(question: Question, choices: Choices, *, best: bool) -> str | tuple[str, ...]:
    if question.id in choices:
        return choices[question.id]
    values = [option.value for option in question.options]
    if question.kind is Kind.MULTI:
        return tuple(option.value for option in question.options if not option.exclusive)
    if question.kind is Kind.CHOICE:
        return values[0]
    if question.kind is Kind.TEXT:
        return "someone"
    ranked = sorted(question.options, key=lambda option: option.score or 0.0)
    return (ranked[-1] if best else ranked[0]).value


@cache
def example(name: str) -> Answers:
    return load_answers(EXAMPLES / f"{name}.yaml", bank())


def example_decisions(name: str) -> dict[str, str | tuple[str, ...]]:
    """What an example system is: its answers to every decision and text question."""
    answers = example(name)
    return {
        question_id: entry.value
        for question_id, entry in answers.entries.items()
        if not is_scored(bank().questions[question_id]) and entry.value is not None
    }


def asked(choices: Choices) -> Scorecard:
    """The scorecard of a system with these decisions and every check at its best."""
    return score(bank(), answer_all(choices, best=True))


def asked_checks(card: Scorecard, area: str | None = None) -> list[Question]:
    return [
        q for q in card.applicable if is_scored(q) and (area is None or q.id.startswith(f"{area}."))
    ]


# --- shape ------------------------------------------------------------------------------------


def test_six_areas_in_order_with_intros() -> None:
    assert [area.id for area in bank().areas] == AREAS
    assert all(area.intro for area in bank().areas)
    assert all(q.id.split(".")[0] == area.id for area in bank().areas for q in area.questions)


def test_size() -> None:
    assert bank().ref == "default@3"
    assert len(bank().questions) >= 200


def test_the_profile_comes_first_and_holds_only_decisions() -> None:
    profile = bank().profile
    assert len(profile) == 13
    assert list(bank().questions)[: len(profile)] == [q.id for q in profile]
    assert all(q.id.startswith("profile.") for q in profile)
    assert all(q.kind in (Kind.CHOICE, Kind.MULTI) for q in profile)
    assert not any(q.id.startswith("profile.") for area in bank().areas for q in area.questions)


def test_every_profile_decision_drives_checks_in_two_areas_or_more() -> None:
    for decision in bank().profile:
        # A decision that only suggests answers to another (the fields suggest regimes) drives
        # what the answers it suggests drive.
        names = {decision.id} | _suggested(decision)
        areas = {
            q.id.split(".")[0]
            for q in checks()
            for name in names
            if name in q.when or _depends_through_a_decision(q, name)
        }
        assert len(areas) >= 2, (decision.id, areas)


def _suggested(decision: Question) -> set[str]:
    return {name for option in decision.options for name in option.suggests}


def _depends_through_a_decision(question: Question, name: str) -> bool:
    return any(
        name in bank().questions[other].when
        for other in question.when
        if not other.startswith("profile.")
    )


def test_decisions_come_first_in_each_area() -> None:
    for area in bank().areas:
        kinds = [q.kind in (Kind.CHOICE, Kind.MULTI) for q in area.questions]
        assert kinds == sorted(kinds, reverse=True), area.id


def test_every_decision_drives_a_question_and_half_drive_two_checks() -> None:
    driven: dict[str, set[str]] = {q.id: set() for q in decisions()}
    for question in bank().questions.values():
        for name in question.when:
            if name in driven and is_scored(question):
                driven[name].add(question.id)
    unused = [
        name
        for name, follow in driven.items()
        if not follow and not _suggested(bank().questions[name])
    ]
    assert unused == []
    assert sum(len(follow) >= 2 for follow in driven.values()) * 2 >= len(driven)


def test_blockers_are_few() -> None:
    # Few for the system being reviewed, which is what a reviewer meets: at most a quarter of
    # the checks asked of a regulated credit scorer, a tenth of those asked of a batch
    # categoriser (a blocker written for agents or devices is never asked of it).
    assert len([q for q in checks() if q.severity is Severity.BLOCKER]) >= 5
    for name, most in (("credit-risk-scorer", 4), ("ecommerce-categoriser", 10)):
        card = asked(example_decisions(name))
        checked = asked_checks(card)
        blockers = [q for q in checked if card.severity_of(q) is Severity.BLOCKER]
        assert 0 < len(blockers) <= len(checked) // most, name


# --- options, text and tags -------------------------------------------------------------------


def written_checks() -> list[dict[str, object]]:
    """Every check as written in the bank file (so that default options would show)."""
    document = load_yaml(ROOT / "checklists" / "default.yaml").data
    assert isinstance(document, dict)
    return [
        question
        for area in document["areas"]
        for question in area["questions"]
        if question.get("kind", "check") == "check"
    ]


def test_every_check_lists_graded_options_whose_labels_say_what_each_grade_means() -> None:
    bare = {"yes", "partly", "partial", "no"}
    for written in written_checks():
        options = written.get("options")
        assert isinstance(options, list) and len(options) >= 2, written["id"]
        labels = [str(option.get("label", "")) for option in options]
        assert all(labels), written["id"]
        assert not any(label.lower() in bare for label in labels), written["id"]
        assert len(set(labels)) == len(labels), written["id"]
    for check in checks():
        assert check.why and check.fix, check.id
        scores = [option.score or 0.0 for option in check.options]
        assert (min(scores), max(scores)) == (0, 1), check.id


def test_manual_practice_scores_half_and_automated_full_where_both_are_offered() -> None:
    # As in the ML Test Score. Where the practice is automation itself (deploying, retraining,
    # running jobs), "manual" is its absence and scores 0.
    automation = {
        "serving.release_automation",
        "training.job_tooling",
        "training.retraining_automated",
    }
    rated = 0
    for check in checks():
        scores = {option.value: option.score for option in check.options}
        if {"manual", "automated"} <= set(scores) and check.id not in automation:
            assert (scores["manual"], scores["automated"]) == (0.5, 1), check.id
            rated += 1
    assert rated >= 30


def test_every_tag_is_real() -> None:
    # Checks no framework item asks for carry no tag: tests/test_bank_tags.py names them.
    known = set(MLTS.items) | set(DEON.items) | set(EUAIA.items) | NIST_SUBCATEGORIES
    known |= set(ISO42001.items)
    for check in checks():
        assert set(check.tags) <= known, (check.id, set(check.tags) - known)
    assert set(NIST.items) <= NIST_SUBCATEGORIES
    assert len(NIST_SUBCATEGORIES) == 72
    assert len(ISO42001_CONTROLS) == 38


# Items no check is evidence for, read literally: A.1 asks that people opted in knowing the uses
# of their data, and a lawful basis (data.lawful_basis) is consent only sometimes.
UNCOVERED = {"deon-a1"}


@pytest.mark.parametrize("framework", [MLTS, DEON], ids=["mlts", "deon"])
def test_every_item_of_the_ml_test_score_and_of_deon_is_covered(framework: object) -> None:
    tags = {tag for check in checks() for tag in check.tags}
    items = set(framework.items)  # type: ignore[attr-defined]
    assert items - UNCOVERED <= tags
    assert not items & UNCOVERED & tags, "a gap named above is covered now: remove it"


# --- conditions -------------------------------------------------------------------------------


def requirements(question: Question) -> dict[str, set[str]] | None:
    """Values each decision must take for `question` to apply, or None if none can."""
    needed: dict[str, set[str]] = {}
    multi_needs: dict[str, list[set[str]]] = {}

    def add(current: Question) -> bool:
        for name, values in current.when.items():
            target = bank().questions[name]
            if target.kind is Kind.MULTI:
                multi_needs.setdefault(name, []).append(set(values))
            else:
                narrowed = needed.get(name, set(values)) & set(values)
                if not narrowed:
                    return False
                needed[name] = narrowed
            if not add(target):
                return False
        return True

    if not add(question):
        return None
    for name, sets in multi_needs.items():
        needed[name] = set().union(*(set(sorted(s)[:1]) for s in sets))
        options = bank().questions[name].options
        alone = {option.value for option in options if option.exclusive}
        if needed[name] & alone and len(needed[name]) > 1:  # an exclusive option, with others
            return None
    return needed


def test_no_when_can_never_hold() -> None:
    impossible = []
    # Many questions need the same decisions (most none): each set is answered once.
    answered: dict[tuple[tuple[str, str | tuple[str, ...]], ...], Answers] = {}
    for question in bank().questions.values():
        needed = requirements(question)
        if needed is None:
            impossible.append(question.id)
            continue
        choices: dict[str, str | tuple[str, ...]] = {}
        for name, values in needed.items():
            target = bank().questions[name]
            choices[name] = (
                tuple(sorted(values)) if target.kind is Kind.MULTI else sorted(values)[0]
            )
        key = tuple(sorted(choices.items()))
        if key not in answered:
            answered[key] = answer_all(choices, best=True)
        if question not in applicable_questions(bank(), answered[key]):
            impossible.append(question.id)
    assert impossible == []


def profile_variants() -> list[dict[str, str | tuple[str, ...]]]:
    """Each option of each profile decision alone, the other decisions left at their defaults."""
    return [
        {decision.id: option.value if decision.kind is Kind.CHOICE else (option.value,)}
        for decision in bank().profile
        for option in decision.options
    ]


@pytest.mark.parametrize("best", [True, False], ids=["best", "worst"])
def test_best_and_worst_answers_for_every_profile_option(best: bool) -> None:
    for choices in profile_variants():
        card = score(bank(), answer_all(choices, best=best))
        assert card.unanswered == (), choices
        if best:
            assert (card.score, card.level.name, card.gaps) == (100, "production", ()), choices
        else:
            assert card.level.name == bank().lowest_level.name, choices
            assert card.blockers, choices
            assert card.score == 0, choices


# --- default@1 --------------------------------------------------------------------------------


def test_moved_covers_every_id_of_default_v1_that_is_gone() -> None:
    assert len(V1_IDS) == 137
    gone = [name for name in V1_IDS if name not in bank().questions]
    assert gone
    assert [name for name in gone if name not in bank().moved] == []


def test_moved_values_are_options_of_their_new_question() -> None:
    for old, moved in bank().moved.items():
        target = bank().questions[moved.to]
        assert set(moved.values.values()) <= {option.value for option in target.options}, old


@pytest.mark.parametrize("name", sorted(V1_LEVELS))
def test_an_example_written_for_default_v1_loads_with_its_old_ids(name: str) -> None:
    answers = load_answers(V1_EXAMPLES / f"{name}.yaml", bank())
    assert answers.bank_ref == "default@1"
    assert any("moved" in warning for warning in answers.warnings)
    # Only answers to checks merged into one the file answers as well are set apart, and kept.
    merged = {
        "framework.reduced_precision",
        "serving.device_artefact_quality",
        "serving.input_validation",  # one check with monitoring.input_checks since default@3
    }
    assert set(answers.foreign) <= merged
    assert all(bank().moved[name].to in answers.entries for name in answers.foreign)
    runs_on = answers.get("profile.runs_on")
    assert runs_on is not None
    expected = {"ecommerce-categoriser": ("service",), "on-device-vision": ("device",)}
    assert runs_on.value == expected[name]


@pytest.mark.parametrize("name", sorted(V1_LEVELS))
def test_the_default_v1_examples_keep_their_answers_and_their_level(name: str) -> None:
    old = load_answers(V1_EXAMPLES / f"{name}.yaml", bank())
    new = example(name)
    assert new.bank_ref == "default@3"
    # Every answer written for default@1 means the same under default@2 (where its question
    # still applies); a few of them moved into one merged check that says the same.
    applicable = {q.id for q in score(bank(), new).applicable}
    merged = {"framework.conversion_parity", "profile.prediction_mode"}
    # default@1's "trained" covered fine-tuning too; default@2 tells them apart, and the
    # example that fine-tunes a pretrained network now says so (the same checks apply). A
    # complete prediction log once included a sample; a sample is now its own answer.
    refined = {
        "profile.model_source": {("trained", "fine_tuned")},
        "monitoring.prediction_log": {("complete", "sampled")},
    }
    for question_id, entry in old.entries.items():
        if question_id in applicable and question_id not in merged:
            now = new.get(question_id)
            assert now is not None, question_id
            assert now.value == entry.value or (entry.value, now.value) in refined.get(
                question_id, set()
            ), question_id
    assert score(bank(), new, today=new.project.reviewed).level.name == V1_LEVELS[name]


def test_checking_a_default_v1_file_says_its_answers_moved_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()  # a repository root of its own: no settings file counts
    monkeypatch.chdir(tmp_path)
    path = V1_EXAMPLES / "on-device-vision.yaml"
    code, _, err = run("check", path, "--today", "2026-12-01", "--soft-fail")
    assert code == ExitCode.OK
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    version, *merged = warnings
    assert f"{path}:7:7: answers were written for default@1 and are read with default@3" in version
    assert "serving.placement → profile.runs_on" in version
    assert "nothing is lost" in version
    assert version.endswith("Questions new in default@3 count as unanswered")
    # Checks of default@1 became one that the file answers too (conversion parity twice, and
    # input validation with the live input checks): their answers are kept.
    assert len(merged) == 3
    assert all("kept under 'retired' by the next save" in line for line in merged)


# --- the example systems ----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_example_answers_every_question_it_is_asked(name: str) -> None:
    answers = example(name)
    card = score(bank(), answers, today=answers.project.reviewed)
    assert card.unanswered == ()
    assert answers.foreign == {}
    assert answers.bank_ref == "default@3"


# Examples as they were written for default@2, kept to show that such files keep loading.
V2_EXAMPLES = Path(__file__).resolve().parent / "data" / "default-v2"
# (Written before profile.markets, the support assistant is not asked the data protection
# checks that question decides until it is answered; unanswered, it fails the gate.)
V2_LEVELS = {"support-assistant": "prototype", "credit-risk-scorer": "prototype"}
# The level each of those examples has now, answered for default@3: the support assistant's
# red team, its injection testing and its document conversion are three security blockers
# only partly done on a chatbot people try to fool, which hold it at pilot.
CURRENT_LEVELS = {"support-assistant": "pilot", "credit-risk-scorer": "production"}


@pytest.mark.parametrize("name", sorted(V2_LEVELS))
def test_an_example_written_for_default_v2_loads_and_scores(name: str) -> None:
    answers = load_answers(V2_EXAMPLES / f"{name}.yaml", bank())
    assert answers.bank_ref == "default@2"
    # Every answer of default@2 has its question in default@3, but for one that was merged
    # into a question the file answers too: the new answer stands, the old one is retired.
    merged = {old for old, moved in bank().moved.items() if moved.to in answers.entries}
    assert set(answers.foreign) <= merged
    assert "written for default@2" in answers.warnings[0]
    card = score(bank(), answers, today=answers.project.reviewed)
    # The questions new in default@3 count as unanswered; a new check with a cap, unanswered,
    # caps the level, and answering them (as the example does now) restores it.
    new = {q.id for q in card.unanswered}
    assert {"framework.profile_confirmed", "monitoring.breach_procedure"} <= new
    assert new.isdisjoint(answers.entries)
    assert card.level.name == V2_LEVELS[name]
    current = example(name)
    assert score(bank(), current, today=current.project.reviewed).level.name == CURRENT_LEVELS[name]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("best", [True, False], ids=["best", "worst"])
def test_each_example_system_at_its_best_and_worst(name: str, best: bool) -> None:
    card = score(bank(), answer_all(example_decisions(name), best=best))
    assert card.unanswered == ()
    if best:
        assert (card.level.name, card.score, card.blockers) == ("production", 100, ())
    else:
        assert card.level.name == "not ready"
        assert card.blockers


@pytest.mark.parametrize("name", NAMES)
def test_each_area_asks_at_least_eight_checks_of_every_example_system(name: str) -> None:
    card = asked(example_decisions(name))
    for area in AREAS:
        assert len(asked_checks(card, area)) >= 8, (name, area)


def test_a_batch_tabular_system_is_asked_well_under_half_the_bank() -> None:
    card = asked(
        {
            "profile.model_source": "trained",
            "profile.system_task": ("predict",),
            "profile.prediction_mode": ("batch",),
            "profile.runs_on": ("embedded",),
            "profile.impact": "internal",
            "profile.regimes": ("none",),
            "profile.personal_data": "none",
            "data.sources": ("in_house",),
            "data.modality": ("tabular",),
            "data.label_source": ("outcome",),
            "data.feedback_loop": "none",
            "data.new_categories": "closed",
            "preprocessing.representation": ("engineered",),
            "preprocessing.serving_path": ("shared_code",),
            "framework.technique": ("classical",),
            "framework.runtime": ("same",),
            "training.update_mode": "periodic",
            "training.hardware": ("cloud",),
            "monitoring.ground_truth": "weeks",
        }
    )
    assert len(card.applicable) <= 0.4 * len(bank().questions)
    # an internal tool places no product on the market and has no online product metric
    ids = {q.id for q in asked_checks(card)}
    assert not ids & {"monitoring.liability_evidence", "monitoring.offline_online"}


FITTING = re.compile(r"feature|tokeni[sz]er|vocabulary|fitted|preprocessing statistics", re.I)


def test_the_llm_assistant_is_not_asked_about_fitting_features_or_tokenizers() -> None:
    card = asked(example_decisions("support-assistant"))
    ids = {q.id for q in asked_checks(card)}
    assert not ids & {
        "preprocessing.parity",
        "preprocessing.fit_on_train",
        "preprocessing.artefacts_versioned",
        "preprocessing.point_in_time",
        "preprocessing.feature_value",
        "preprocessing.feature_cost",
        "preprocessing.new_feature_speed",
        "preprocessing.text_casing",
        "preprocessing.text_tokenizer",
        "preprocessing.text_vocabulary",
        "monitoring.skew",
    }
    assert [q.id for q in asked_checks(card) if FITTING.search(q.prompt)] == []
    for expected in (
        "training.eval_set",
        "training.injection_tested",
        "serving.content_filters",
        "preprocessing.retrieval_permissions",
        "serving.successor_evaluated",
        "monitoring.cost_budget",
    ):
        assert expected in ids, expected


def test_the_credit_scorer_is_asked_about_explanations_contesting_outcomes_validation() -> None:
    ids = {q.id for q in asked_checks(asked(example_decisions("credit-risk-scorer")))}
    for expected in (
        "framework.person_explanations",
        "serving.contest",
        "serving.human_oversight",
        "training.group_outcomes",
        "data.proxy_analysis",
        "training.independent_validation",
        "training.technical_documentation",
        "monitoring.record_keeping",
        "monitoring.post_market",
        "monitoring.incident_reporting",
        "training.change_control",
    ):
        assert expected in ids, expected
    assert bank().questions["framework.person_explanations"].gap_severity is Severity.BLOCKER


def test_the_keyboard_gets_full_credit_without_logging_what_people_type() -> None:
    answers = example("keyboard-suggestions")
    card = score(bank(), answers, today=answers.project.reviewed)
    scores = card.check_scores()
    for check, value in (
        ("monitoring.prediction_log", "aggregated"),
        ("monitoring.samples_kept", "redacted"),
        ("data.retention", "automated"),
        ("monitoring.log_redaction", "not_kept"),
    ):
        entry = answers.get(check)
        assert entry is not None and entry.value == value
        assert scores[check] == 1
    assert card.level.name == "production"


def test_twins_split_by_the_profile() -> None:
    # One topic, two severities: the stricter twin is asked where the profile calls for it.
    plain_q = bank().questions["framework.explainable"]
    strict_q = bank().questions["framework.person_explanations"]
    assert plain_q.severity is Severity.MAJOR
    assert strict_q.gap_severity is Severity.BLOCKER
    assert not set(plain_q.when["profile.impact"]) & set(strict_q.when["profile.impact"])


@pytest.mark.parametrize(
    "regimes", [["eu_high_risk"], ["payments"], ["resilience"], ["model_risk"], ["none"]]
)
def test_every_system_is_asked_for_a_model_card_and_datasheets(regimes: list[str]) -> None:
    # Regulated documentation comes on top of them, never instead: an Annex III system whose
    # technical documentation is still upcoming is asked for its model card today.
    decisions = {**example_decisions("credit-risk-scorer"), "profile.regimes": tuple(regimes)}
    ids = {q.id for q in asked_checks(asked(decisions))}
    assert {"training.model_card", "data.datasheet"} <= ids
    regulated = {"eu_high_risk", "medical_device", "model_risk"}
    assert ("training.technical_documentation" in ids) == bool(regulated & set(regimes))


def test_an_undocumented_high_risk_system_is_not_production_before_the_act_applies() -> None:
    # The credit scorer with no documentation of any kind, reviewed a year before the AI
    # Act's high-risk duties apply: the Annex IV gap is upcoming, the model card is not.
    answers = example("credit-risk-scorer")
    entries = dict(answers.entries)
    for check, value in (
        ("training.technical_documentation", "no"),
        ("training.model_card", "no"),
        ("data.datasheet", "no"),
    ):
        entries[check] = AnswerEntry(value=value)
    undocumented = answers._replace(entries=entries)
    card = score(bank(), undocumented, today=date(2026, 12, 7))
    assert card.level.name != "production"


def test_options_that_mean_none_of_the_others_are_chosen_alone() -> None:
    exclusive = {
        (q.id, option.value)
        for q in bank().questions.values()
        for option in q.options
        if option.exclusive
    }
    assert exclusive == {
        ("profile.regimes", "none"),
        ("profile.domains", "none"),
        ("data.label_source", "none"),
        ("data.biometrics", "none"),
        ("framework.runtime", "hosted"),
        ("profile.gpai_model", "neither"),
    }


def test_the_keyboard_is_asked_about_its_suggestions_not_features_it_does_not_have() -> None:
    ids = {q.id for q in asked_checks(asked(example_decisions("keyboard-suggestions")))}
    assert "serving.suggestion_filter" in ids
    assert "training.memorisation" in ids
    assert not ids & {
        "preprocessing.feature_value",  # its network learns from raw text: no hand-built features
        "preprocessing.feature_cost",
        "monitoring.cost_budget",  # it runs on phones: nothing is paid per prediction
        "serving.usage_limits",
        "serving.content_filters",
    }


def test_a_scorer_of_people_is_asked_whether_its_scores_are_calibrated() -> None:
    calibration = bank().questions["training.calibration"]
    card = asked(example_decisions("credit-risk-scorer"))
    assert "training.calibration" in {q.id for q in asked_checks(card)}
    assert card.severity_of(calibration).value == "major"
    # a ranking that prices ads by bid x score reads the score as a probability too
    ranker = {**example_decisions("ecommerce-categoriser"), "training.ranking": "yes"}
    assert asked(ranker).severity_of(calibration).value == "major"
    # other predictors are asked, as hygiene; a system that predicts nothing is not
    for name in ("keyboard-suggestions", "ecommerce-categoriser"):
        assert asked(example_decisions(name)).severity_of(calibration).value == "minor", name
    asked_here = {q.id for q in asked_checks(asked(example_decisions("support-assistant")))}
    assert "training.calibration" not in asked_here


def test_no_labels_is_asked_how_quality_is_judged() -> None:
    card = asked({"data.label_source": ("none",)})
    ids = {q.id for q in asked_checks(card)}
    assert "training.unlabelled_evaluation" in ids
    assert not ids & {"data.label_guidelines", "data.label_quality", "data.weak_label_noise"}


# --- default@2 as first released -------------------------------------------------------------

# Checks of default@2 merged since into one check of the regulated documentation; the
# conformity assessment, merged into it in default@2, is its own check again in default@3.
MERGED_INTO_DOCUMENTATION = ("data.datasheet_regulated", "training.model_card_regulated")
REGULATED = """\
mlready: 1
bank: default@2
answers:
  profile.impact: decisions
  profile.regimes: [eu_high_risk]
  framework.conformity: partial
  data.datasheet_regulated: yes
  training.model_card_regulated: yes
"""


def test_the_merged_documentation_checks_move_into_one() -> None:
    for old in MERGED_INTO_DOCUMENTATION:
        assert old not in bank().questions
        assert bank().moved[old].to == "training.technical_documentation"
    assert bank().moved["framework.conformity"].to == "training.conformity_assessment"
    # Documentation, conformity assessment and registration are three duties, three checks.
    for check in (
        "training.technical_documentation",
        "training.conformity_assessment",
        "training.registration",
    ):
        question = bank().questions[check]
        assert question.severity is Severity.BLOCKER, check
        assert question.na, check  # a deployer is covered by its provider's


def test_a_default_v2_file_with_the_merged_checks_loads(tmp_path: Path) -> None:
    alone = tmp_path / "alone.yaml"
    alone.write_text(REGULATED, encoding="utf-8")
    answers = load_answers(alone, bank())
    # A single-valued impact, as default@2 first asked it, is read as a list of one, and every
    # `when` that names impact still holds.
    impact = answers.get("profile.impact")
    assert impact is not None and impact.value == ("decisions",)
    applicable = {q.id for q in applicable_questions(bank(), answers)}
    assert {"serving.contest", "framework.person_explanations"} <= applicable
    # The three old answers land on the one check (one of them stands), none is lost silently.
    assert answers.get("training.technical_documentation") is not None
    conformity = answers.get("training.conformity_assessment")
    assert conformity is not None and conformity.value == "partial"
    both = tmp_path / "both.yaml"
    both.write_text(REGULATED + "  training.technical_documentation: yes\n", encoding="utf-8")
    answers = load_answers(both, bank())
    entry = answers.get("training.technical_documentation")
    assert entry is not None and entry.value == "yes"
    assert set(answers.foreign) == set(MERGED_INTO_DOCUMENTATION)
    assert sum("kept under 'retired'" in warning for warning in answers.warnings) == 2


def test_a_check_that_misfit_some_systems_may_be_answered_not_applicable() -> None:
    # A ranker cannot emit training text; a locked device does not age between design changes;
    # an ad auction has no person who overrides it.
    for check in (
        "training.memorisation",
        "training.staleness_impact",
        "monitoring.model_age",
        "monitoring.skew",
        "monitoring.override_rate",
    ):
        assert bank().questions[check].na, check


def test_process_history_checks_are_minor_and_asked_only_where_they_matter() -> None:
    for check in (
        "framework.selection",
        "framework.limits_first",
        "framework.target_prototype",
        "preprocessing.text_casing",
        "preprocessing.text_vocabulary",
        "preprocessing.feature_cost",
        "preprocessing.new_feature_speed",
        "training.checkpoints",
        "training.preemption_resume",
    ):
        question = bank().questions[check]
        assert question.severity is Severity.MINOR, check
        assert question.when, check
    batch = {q.id for q in asked_checks(asked({"profile.prediction_mode": ("batch",)}))}
    assert not batch & {"framework.limits_first", "framework.target_prototype"}


def test_grades_that_were_generous_are_lowered() -> None:
    lawful = {o.value: o.score for o in bank().questions["data.lawful_basis"].options}
    representative = {o.value: o.score for o in bank().questions["data.representative"].options}
    disclosure = {o.value: o.score for o in bank().questions["serving.ai_disclosure"].options}
    approval = {o.value: o.score for o in bank().questions["serving.agent_approval"].options}
    assert lawful["assumed"] == 0  # a basis nobody reviewed is none
    assert representative["eyeballed"] < 0.5
    assert disclosure["terms"] == 0  # a line in the terms does not meet Art. 50(1)
    assert approval["capped"] == 1  # a hard cap in the tool, a person above it


def test_the_new_topics_are_asked_where_they_apply() -> None:
    ranker = {
        q.id
        for q in asked_checks(
            asked(
                {
                    "profile.system_task": ("predict",),
                    "profile.regimes": ("dsa",),
                    "training.ranking": "yes",
                    "monitoring.experiments": "ab",
                }
            )
        )
    }
    assert {
        "training.off_policy_evaluation",
        "monitoring.experiment_guardrails",
        "monitoring.long_term_holdout",
        "monitoring.concentration",
        "serving.recommender_transparency",
    } <= ranker
    agent = {
        q.id
        for q in asked_checks(
            asked({"profile.system_task": ("agent",), "profile.impact": ("financial",)})
        )
    }
    assert {
        "serving.agent_customer_binding",
        "serving.agent_approval",
        "monitoring.agent_amounts",
        "monitoring.reconciliation",
    } <= agent
    batch = {q.id for q in asked_checks(asked(example_decisions("ecommerce-categoriser")))}
    assert {"monitoring.postmortems", "monitoring.decommissioning"} <= batch
    assert {"framework.risk_classification", "framework.supply_chain"} <= batch
    assert not batch & {"serving.agent_customer_binding", "training.off_policy_evaluation"}
    chat = {
        q.id
        for q in asked_checks(
            asked({"profile.system_task": ("generate",), "profile.impact": ("internal",)})
        )
    }
    assert {"serving.ai_disclosure", "framework.risk_assessment"} <= chat  # every user


AGENT = {
    **example_decisions("support-assistant"),
    "profile.system_task": ("generate", "agent"),
    "profile.adversarial": "no",
}


@pytest.mark.parametrize(
    ("decisions", "check", "severity"),
    [
        # An agent nobody can switch off, or that runs code outside a sandbox, is not safe live.
        (AGENT, "serving.agent_stop", Severity.BLOCKER),
        (AGENT, "framework.agent_sandbox", Severity.BLOCKER),
        # Open access to data about identified people, or to money, is a blocker.
        ({**AGENT, "profile.personal_data": "personal"}, "serving.endpoint_auth", Severity.BLOCKER),
        ({**AGENT, "profile.personal_data": "none"}, "serving.endpoint_auth", Severity.MAJOR),
        # Injection testing is a blocker where untrusted text reaches the prompt.
        (AGENT, "training.injection_tested", Severity.BLOCKER),
        (
            {**AGENT, "profile.system_task": ("generate",), "profile.adversarial": "no"},
            "training.injection_tested",
            Severity.MAJOR,
        ),
        (
            {**AGENT, "profile.system_task": ("generate",), "profile.adversarial": "yes"},
            "training.injection_tested",
            Severity.BLOCKER,
        ),
        # Disclosure binds towards everyone; outside the team nobody can ask.
        ({**AGENT, "profile.impact": ("internal",)}, "serving.ai_disclosure", Severity.MAJOR),
        ({**AGENT, "profile.impact": ("experience",)}, "serving.ai_disclosure", Severity.BLOCKER),
    ],
)
def test_severity_follows_the_harm(decisions: Choices, check: str, severity: Severity) -> None:
    card = asked(decisions)
    question = bank().questions[check]
    assert question in card.applicable
    assert card.severity_of(question) is severity


def test_the_agent_controls_cap_at_prototype() -> None:
    for check in ("serving.agent_stop", "framework.agent_sandbox", "framework.tool_servers"):
        assert bank().questions[check].caps == "prototype", check


def test_the_general_purpose_ai_duties_are_one_check_each_and_the_old_id_moves() -> None:
    duties = [q.id for q in checks() if ".gpai_" in q.id]
    # Article 55's systemic-risk duties are three (evaluation, incidents, cybersecurity), plus
    # Article 54's representative.
    assert len(duties) == 8
    assert bank().moved["framework.gpai_obligations"].to == "framework.gpai_documentation"
    moved = bank().moved["framework.gpai_incident_reporting"]
    assert moved.to == "monitoring.gpai_incident_reporting"


SYSTEMIC = {
    "framework.gpai_systemic_risk",
    "monitoring.gpai_incident_reporting",
    "framework.gpai_cybersecurity",
}


@pytest.mark.parametrize(
    ("facts", "expected", "absent"),
    [
        (("neither",), set(), SYSTEMIC | {"framework.gpai_representative"}),
        (("systemic_risk",), SYSTEMIC, {"framework.gpai_representative"}),
        (("outside_eu",), {"framework.gpai_representative"}, SYSTEMIC),
        (("systemic_risk", "outside_eu"), SYSTEMIC | {"framework.gpai_representative"}, set()),
    ],
)
def test_systemic_risk_and_a_provider_outside_the_eu_are_facts_that_bring_their_checks(
    facts: tuple[str, ...], expected: set[str], absent: set[str]
) -> None:
    provider = {
        **example_decisions("support-assistant"),
        "profile.regimes": ("gpai",),
        "profile.gpai_model": facts,
    }
    ids = {q.id for q in asked_checks(asked(provider))}
    assert expected <= ids
    assert not absent & ids
    assert "framework.gpai_documentation" in ids
    # a file answered "not applicable" before the fact existed still loads
    assert all(bank().questions[check].na for check in SYSTEMIC)


def test_systemic_risk_answered_not_applicable_before_the_fact_existed_still_loads(
    tmp_path: Path,
) -> None:
    old = tmp_path / "answers.yaml"
    old.write_text(
        "mlready: 1\nbank: default@3\nproject: {name: x, owner: y}\nanswers:\n"
        "  profile.regimes: [gpai]\n"
        "  framework.gpai_incident_reporting: {value: na, note: No systemic risk.}\n"
        "  framework.gpai_cybersecurity: {value: na, note: No systemic risk.}\n",
        encoding="utf-8",
    )
    answers = load_answers(old, bank())
    entry = answers.get("monitoring.gpai_incident_reporting")
    assert entry is not None and entry.value == "na"
    # without the profile fact, the systemic-risk checks are not asked
    applicable = {q.id for q in applicable_questions(bank(), answers)}
    assert not SYSTEMIC & applicable
    assert "profile.gpai_model" in applicable


def test_a_team_building_on_a_providers_model_is_asked_what_the_provider_gives_it() -> None:
    chat = {q.id for q in asked_checks(asked(example_decisions("support-assistant")))}
    assert {"framework.provider_documentation", "serving.successor_evaluated"} <= chat
    scorer = {q.id for q in asked_checks(asked(example_decisions("credit-risk-scorer")))}
    assert "framework.provider_documentation" not in scorer
    assert "euaia-art53" not in bank().questions["framework.provider_documentation"].tags


def test_generated_output_has_a_switch_and_generated_code_a_security_check() -> None:
    chat = example_decisions("support-assistant")
    ids = {q.id for q in asked_checks(asked(chat))}
    assert "serving.generation_switch" in ids  # an assistant, not an agent
    assert "serving.agent_stop" not in ids
    assert "serving.generated_code_security" not in ids  # it writes text, not code
    coder = {**chat, "profile.output_modality": ("text", "code")}
    card = asked(coder)
    assert "serving.generated_code_security" in {q.id for q in asked_checks(card)}
    code_check = bank().questions["serving.generated_code_security"]
    assert card.severity_of(code_check).value == "major"
    agent = {**coder, "profile.system_task": ("generate", "agent")}
    assert asked(agent).severity_of(code_check).value == "blocker"


def test_a_persons_access_to_their_data_is_asked_wherever_data_describes_people() -> None:
    for name in ("support-assistant", "credit-risk-scorer", "keyboard-suggestions"):
        assert "data.subject_access" in {q.id for q in asked_checks(asked(example_decisions(name)))}
    anonymous = {q.id for q in asked_checks(asked(example_decisions("ecommerce-categoriser")))}
    assert "data.subject_access" not in anonymous


def test_energy_is_hygiene_unless_the_ai_act_asks_a_general_purpose_model_for_it() -> None:
    energy = bank().questions["training.energy_footprint"]
    long_runs = {**example_decisions("keyboard-suggestions"), "training.duration": "days"}
    assert asked(long_runs).severity_of(energy).value == "minor"
    provider = {**long_runs, "profile.regimes": ("gpai",), "profile.gpai_model": ("neither",)}
    assert asked(provider).severity_of(energy).value == "major"
    short_runs = {**long_runs, "training.duration": "hours"}
    assert "training.energy_footprint" not in {q.id for q in asked_checks(asked(short_runs))}


@pytest.mark.parametrize(
    "check", ["framework.cra_security_requirements", "serving.cra_vulnerability_handling"]
)
def test_the_cyber_resilience_acts_main_duties_are_upcoming_until_11_december_2027(
    check: str,
) -> None:
    app = {**example_decisions("on-device-vision"), "profile.regimes": ("eu_cra",)}
    worst = answer_all(app, best=True).with_entry(check, AnswerEntry(value="no"))
    before = score(bank(), worst, today=date(2027, 12, 10))
    assert check in {gap.question.id for gap in before.upcoming}
    assert before.level.name == "production"
    after = score(bank(), worst, today=date(2027, 12, 11))
    assert check in {gap.question.id for gap in after.gaps}
    assert after.level.name == "pilot"
    # reporting is already due
    assert "serving.cra_reporting" in {q.id for q in after.applicable}


def test_colorado_asks_a_developer_for_its_deployers_documentation_from_2027() -> None:
    credit = {**example_decisions("credit-risk-scorer"), "profile.regimes": ("colorado",)}
    check = "framework.co_developer_documentation"
    worst = answer_all(credit, best=True).with_entry(check, AnswerEntry(value="no"))
    assert check in {g.question.id for g in score(bank(), worst, today=date(2026, 12, 7)).upcoming}
    assert check in {g.question.id for g in score(bank(), worst, today=date(2027, 1, 1)).gaps}
    assert bank().questions[check].na  # a team that deploys only what it builds


# --- default@3: duties in force follow the profile ----------------------------------------------


@pytest.mark.parametrize(
    ("changes", "check", "severity", "level"),
    [
        # GDPR duties in force: any personal data sent to a provider (capping at pilot, as any
        # processor without a contract or transfer basis does), decisions about people
        (
            {"profile.personal_data": "personal"},
            "serving.provider_data_use",
            "blocker",
            "pilot",
        ),
        (
            {"profile.personal_data": "personal"},
            "serving.provider_residency",
            "blocker",
            "pilot",
        ),
        ({"profile.personal_data": "none"}, "serving.provider_data_use", "major", "production"),
        # Art. 22 binds a decision taken solely by automation: shadow scoring decides nothing,
        # so its gap stops live use (prototype), not processing (not ready)
        (
            {"profile.impact": ("decisions",)},
            "framework.automated_decisions",
            "blocker",
            "prototype",
        ),
        # declined payments or refunds decided by automation alone, not assessed: a watched
        # pilot at most, where the GDPR applies
        (
            {"profile.impact": ("financial",)},
            "framework.automated_decisions",
            "major",
            "pilot",
        ),
        ({"profile.personal_data": "sensitive"}, "framework.dpia", "blocker", "not ready"),
        # a missing threat model is a major: the attack paths it would find carry the caps where
        # they are exploitable (injection untested, tools not bound to the customer), but it
        # caps pilot itself where an attack becomes an action, a decision or a safety failure
        ({"profile.adversarial": "yes"}, "framework.threat_model", "major", "production"),
        ({"profile.system_task": ("agent",)}, "framework.threat_model", "major", "pilot"),
        ({"profile.impact": ("decisions",)}, "framework.threat_model", "major", "pilot"),
        ({"profile.impact": ("safety",)}, "framework.threat_model", "major", "pilot"),
        ({"profile.adversarial": "no"}, "framework.threat_model", "major", "production"),
        # a batch output that decides about people is harm done by the time it is rebuilt
        (
            {"profile.prediction_mode": ("batch",), "profile.impact": ("decisions",)},
            "serving.rollback",
            "blocker",
            "prototype",
        ),
        (
            {"profile.prediction_mode": ("batch",), "profile.impact": ("experience",)},
            "serving.rollback",
            "major",
            "pilot",
        ),
        (
            {"profile.prediction_mode": ("batch",), "profile.impact": ("financial",)},
            "monitoring.alert_routing",
            "blocker",
            "prototype",
        ),
        # nobody on record approved a launch that decides about people or protects them
        ({"profile.impact": ("decisions",)}, "framework.launch_approval", "major", "pilot"),
        ({"profile.impact": ("experience",)}, "framework.launch_approval", "major", "production"),
        # unequal error rates are the harm where outputs decide or protect
        ({"profile.impact": ("safety",)}, "training.fairness", "major", "pilot"),
        ({"profile.impact": ("experience",)}, "training.fairness", "major", "production"),
        # the profile unconfirmed keeps the system at pilot
        ({}, "framework.profile_confirmed", "major", "pilot"),
        ({"profile.regimes": ("none",)}, "framework.risk_classification", "blocker", "pilot"),
        # an internal tool without personal data or a regime is where a wrong profile turns off
        # the most: an unconfirmed profile keeps it at pilot too
        (
            {
                "profile.impact": ("internal",),
                "profile.personal_data": "none",
                "profile.regimes": ("none",),
            },
            "framework.profile_confirmed",
            "major",
            "pilot",
        ),
        # private data, untrusted text and a channel out: live use is unsafe
        ({}, "serving.exfiltration_limits", "blocker", "prototype"),
        ({"profile.personal_data": "none"}, "serving.exfiltration_limits", "major", "production"),
        # who may change production: a blocker under the regimes that demand change control
        (
            {"profile.regimes": ("model_risk",)},
            "serving.release_path",
            "blocker",
            "prototype",
        ),
        ({}, "serving.release_path", "major", "production"),
        # Art. 5 is asked of every system: never screened, a system that generates for people
        # outside the team stays where its outputs reach nobody (a plan does not lift it);
        # elsewhere (an internal drafting tool) it stays at pilot
        ({}, "framework.prohibited_practices", "blocker", "prototype"),
        (
            {"profile.personal_data": "none", "profile.impact": ("internal",)},
            "framework.prohibited_practices",
            "major",
            "pilot",
        ),
        # Art. 50 outside the AI Act's scope: a major that caps nothing, unless China's rules apply
        ({}, "serving.content_marking", "major", "pilot"),
        ({"profile.ai_act_role": "out_of_scope"}, "serving.content_marking", "major", "production"),
        (
            {"profile.ai_act_role": "out_of_scope", "profile.regimes": ("china_genai",)},
            "serving.content_marking",
            "major",
            "pilot",
        ),
        ({}, "serving.public_text_disclosure", "major", "pilot"),
        (
            {"profile.ai_act_role": "out_of_scope"},
            "serving.public_text_disclosure",
            "major",
            "production",
        ),
        (
            {"profile.output_modality": ("text", "image"), "profile.ai_act_role": "out_of_scope"},
            "serving.deepfake_disclosure",
            "major",
            "production",
        ),
        # no rehearsed CRA reporting is serious, but not unlawful before an incident
        ({"profile.regimes": ("eu_cra",)}, "serving.cra_reporting", "blocker", "pilot"),
        # a notice of automated decisions: a legal duty under some regimes, else good practice
        ({"profile.impact": ("decisions",)}, "serving.affected_notice", "major", "production"),
        # ... CCD2 asks for it; US credit law asks for the reasons, not for the notice
        (
            {"profile.impact": ("decisions",), "profile.regimes": ("eu_consumer_credit",)},
            "serving.affected_notice",
            "blocker",
            "prototype",
        ),
        (
            {"profile.impact": ("decisions",), "profile.regimes": ("us_credit",)},
            "serving.affected_notice",
            "major",
            "production",
        ),
        # an image generator without tested safeguards against intimate imagery: unlawful
        (
            {"profile.output_modality": ("text", "image")},
            "serving.intimate_imagery_safeguards",
            "blocker",
            "not ready",
        ),
        # duties owed when an output reaches a person cap at prototype: shadow runs reach none
        ({}, "serving.ai_disclosure", "blocker", "prototype"),
        # no record of outputs: unsafe where outputs decide or move money, blind elsewhere
        ({"profile.impact": ("decisions",)}, "monitoring.prediction_log", "blocker", "prototype"),
        ({"profile.impact": ("internal",)}, "monitoring.prediction_log", "major", "pilot"),
        # severity follows the stakes, not only the speed: a live internal tool colleagues may
        # ignore is held at pilot, not sent back to shadow, for a missing rollback or alerting
        ({"profile.impact": ("internal",)}, "serving.rollback", "major", "pilot"),
        ({"profile.impact": ("internal",)}, "monitoring.alert_routing", "major", "pilot"),
        ({}, "serving.rollback", "blocker", "pilot"),
        ({"profile.impact": ("decisions",)}, "serving.rollback", "blocker", "prototype"),
        # an agent that touches no one's money, rights or safety: no outside red team, pilot
        (
            {"profile.system_task": ("generate", "agent"), "profile.impact": ("internal",)},
            "training.red_team",
            "blocker",
            "pilot",
        ),
        ({}, "framework.secrets", "major", "pilot"),
        # a tampered artefact where nobody watches it, and one person releasing what decides
        ({"profile.runs_on": ("device",)}, "framework.artefact_integrity", "major", "production"),
        ({}, "framework.artefact_integrity", "minor", "production"),
        ({"profile.impact": ("decisions",)}, "serving.change_segregation", "major", "production"),
        # reporting to an authority on a legal clock holds a wide launch, as under DORA, where
        # a failure moves money or decides about people; elsewhere it is a gap to close
        (
            {"profile.regimes": ("resilience",), "profile.impact": ("financial",)},
            "monitoring.ict_incident_reporting",
            "blocker",
            "pilot",
        ),
        (
            {"profile.regimes": ("resilience",)},
            "monitoring.ict_incident_reporting",
            "major",
            "production",
        ),
        # outputs that decide or move money, unscored for groundedness, hold a wide launch
        ({"profile.impact": ("financial",)}, "training.eval_metrics", "blocker", "pilot"),
        ({}, "training.eval_metrics", "major", "production"),
        # a public chatbot people try to fool is red-teamed before a wide launch
        ({"profile.adversarial": ("yes",)}, "training.red_team", "blocker", "pilot"),
        # the 2026 US and EU regimes: each brings its own duty, with the cap its harm calls for
        # (protected health information sent without an agreement is a breach even in a trial)
        ({"profile.regimes": ("hipaa",)}, "data.hipaa_business_associates", "blocker", "not ready"),
        # US state privacy laws: an opt-out of profiling and its assessment hold a wide launch;
        # the Platform Work Directive's duties are owed from a platform's first decision
        (
            {"profile.markets": ("us",), "profile.regimes": ("us_state_privacy",)},
            "serving.us_profiling_opt_out",
            "major",
            "pilot",
        ),
        (
            {"profile.regimes": ("platform_work",), "profile.impact": ("decisions",)},
            "serving.platform_work_duties",
            "blocker",
            "prototype",
        ),
        (
            {"profile.regimes": ("california_companion",)},
            "serving.ca_companion_duties",
            "blocker",
            "prototype",
        ),
        (
            {"profile.regimes": ("california_frontier",)},
            "framework.frontier_transparency",
            "blocker",
            "prototype",
        ),
        ({"profile.regimes": ("texas_traiga",)}, "framework.tx_traiga_record", "major", "pilot"),
        # the credit rules: the data an assessment may use, the notice of an adverse action
        (
            {"profile.regimes": ("eu_consumer_credit",), "profile.impact": ("decisions",)},
            "data.ccd2_credit_data",
            "blocker",
            "prototype",
        ),
        (
            {"profile.regimes": ("us_credit",), "profile.impact": ("decisions",)},
            "serving.adverse_action_notice",
            "blocker",
            "prototype",
        ),
        ({"profile.regimes": ("eu_accessibility",)}, "serving.accessibility", "major", "pilot"),
        ({"profile.regimes": ("nis2",)}, "monitoring.nis2_incident_reporting", "blocker", "pilot"),
        (
            {
                "profile.regimes": ("california_training_data",),
                "profile.model_source": "fine_tuned",
            },
            "data.ca_training_data_disclosure",
            "major",
            "pilot",
        ),
        (
            {
                "profile.regimes": ("california_ai_transparency",),
                "profile.output_modality": ("text", "image"),
            },
            "serving.ca_ai_detection",
            "blocker",
            "prototype",
        ),
    ],
)
def test_duties_in_force_follow_the_profile(
    changes: Choices, check: str, severity: str, level: str
) -> None:
    decisions = {**example_decisions("support-assistant"), **changes}
    answers = answer_all(decisions, best=True)
    worst = next(o.value for o in bank().questions[check].options if o.score == 0)
    card = score(bank(), answers.with_entry(check, AnswerEntry(value=worst)))
    question = bank().questions[check]
    assert card.severity_of(question).value == severity
    assert card.level.name == level


def test_the_new_checks_of_default_v3_are_asked_where_they_belong() -> None:
    rag = {q.id for q in asked_checks(asked(example_decisions("support-assistant")))}
    assert {"serving.output_leak_filter", "serving.tenant_isolation"} <= rag
    assert {"training.generated_bias", "monitoring.breach_procedure"} <= rag
    credit = {q.id for q in asked_checks(asked(example_decisions("credit-risk-scorer")))}
    assert {"training.conformity_assessment", "training.registration"} <= credit
    assert "framework.fria" in credit  # a deployer assessing creditworthiness owes one
    other = {**example_decisions("credit-risk-scorer"), "framework.deployer_role": "other"}
    assert "framework.fria" not in {q.id for q in asked_checks(asked(other))}
    # memorisation follows what the system outputs: suggested words can repeat what people
    # typed; a classifier of photos that outputs labels cannot show a photo again
    keyboard = {q.id for q in asked_checks(asked(example_decisions("keyboard-suggestions")))}
    assert "training.memorisation" in keyboard
    vision = {q.id for q in asked_checks(asked(example_decisions("on-device-vision")))}
    assert "training.memorisation" not in vision
    # the money caps are asked once, in the approval check, which caps at prototype
    assert "serving.agent_money_limits" not in bank().questions
    assert bank().moved["serving.agent_money_limits"].to == "serving.agent_approval"
    assert bank().questions["serving.agent_approval"].caps == "prototype"
    capped = next(
        o for o in bank().questions["serving.agent_approval"].options if o.value == "capped"
    )
    assert "per customer and per day" in capped.label


def test_the_ai_act_role_decides_between_provider_and_deployer_duties() -> None:
    provider_duties = {
        "training.technical_documentation",
        "training.conformity_assessment",
        "training.quality_management",
        "training.registration",
        "serving.instructions_for_use",
    }
    deployer_duties = {
        "serving.deployer_use",
        "serving.workers_informed",
        "monitoring.deployer_reporting",
        "framework.deployer_role",
        "framework.fria",
    }
    credit = example_decisions("credit-risk-scorer")
    for role, expected, absent in (
        ("provider", provider_duties, deployer_duties),
        ("deployer", deployer_duties, provider_duties),
        ("both", provider_duties | deployer_duties, set()),
    ):
        card = asked({**credit, "profile.ai_act_role": role})
        ids = {q.id for q in card.applicable}
        assert expected <= ids, role
        assert not absent & ids, role
    # a public body registers its use (Art. 49(3)); a lender does not
    assert "framework.deployer_registration" not in ids
    public = {**credit, "profile.ai_act_role": "deployer", "framework.deployer_role": "public_body"}
    assert "framework.deployer_registration" in {q.id for q in asked(public).applicable}
    # the deployer duties of Annex III systems are upcoming until 2 Dec 2027
    answers = answer_all({**credit, "profile.ai_act_role": "deployer"}, best=True)
    worst = answers.with_entry("serving.deployer_use", AnswerEntry(value="no"))
    before = score(bank(), worst, today=date(2027, 12, 1))
    assert "serving.deployer_use" in {gap.question.id for gap in before.upcoming}
    assert before.level.name == "production"
    after = score(bank(), worst, today=date(2027, 12, 2))
    assert after.level.name == "prototype"


def test_what_the_system_outputs_decides_the_checks_of_generated_media() -> None:
    media = {"serving.deepfake_disclosure", "serving.intimate_imagery_safeguards"}
    chat = example_decisions("support-assistant")
    assert not media & {q.id for q in asked(chat).applicable}
    # a text-to-image generator takes text: the output, not the input, brings the checks
    image = {q.id for q in asked({**chat, "profile.output_modality": ("image",)}).applicable}
    assert media | {"serving.content_marking"} <= image
    # a classifier of images outputs labels: not asked about deep fakes, and, reading nothing
    # about the people in its photos, not about biometric use either
    vision = {q.id for q in asked(example_decisions("on-device-vision")).applicable}
    assert "serving.biometric_disclosure" not in vision
    assert not media & vision
    emotion = {**example_decisions("on-device-vision"), "data.biometrics": ("emotion",)}
    assert "serving.biometric_disclosure" in {q.id for q in asked(emotion).applicable}
    # a model that predicts and outputs images (segmentation masks, enhanced scans) generates
    # no likeness of anyone: not asked for safeguards against intimate imagery
    masks = {**chat, "profile.system_task": ("predict",), "profile.output_modality": ("image",)}
    assert "serving.intimate_imagery_safeguards" not in {q.id for q in asked(masks).applicable}


@pytest.mark.parametrize(
    ("biometrics", "severity"),
    [(("none",), Severity.MAJOR), (("emotion",), Severity.BLOCKER)],
)
def test_the_prohibited_practices_are_a_blocker_for_faces_voices_and_emotions_not_scans(
    biometrics: tuple[str, ...], severity: Severity
) -> None:
    # A chest X-ray with health data is not biometric processing (expert7, finding 7).
    decisions = {
        "profile.system_task": ("predict",),
        "profile.impact": ("safety",),
        "profile.personal_data": "sensitive",
        "data.modality": ("image",),
        "data.biometrics": biometrics,
    }
    card = asked(decisions)
    assert card.severity_of(bank().questions["framework.prohibited_practices"]) is severity


@pytest.mark.parametrize(
    ("role", "asked_too"),
    [("provider", True), ("both", True), ("deployer", False), ("out_of_scope", False)],
)
def test_liability_evidence_is_asked_of_whoever_builds_the_system(
    role: str, asked_too: bool
) -> None:
    decisions = {**example_decisions("support-assistant"), "profile.ai_act_role": role}
    question = bank().questions["monitoring.liability_evidence"]
    assert (question in asked(decisions).applicable) is asked_too


def test_a_sample_of_outputs_scores_less_where_single_outputs_must_be_traced() -> None:
    scores = {o.value: o.score for o in bank().questions["monitoring.prediction_log"].options}
    assert scores["complete"] == scores["sampled"] == 1
    assert scores["sampled_untraceable"] < 1
    assert scores["untraceable"] < scores["sampled_untraceable"]


def test_the_exploitable_agent_gaps_are_at_the_lowest_grade() -> None:
    # Caps follow what an attacker can use, not missing paperwork (expert7, finding 2).
    def option(check: str, value: str) -> tuple[float | None, str | None]:
        found = next(o for o in bank().questions[check].options if o.value == value)
        return found.score, found.caps

    assert option("serving.agent_customer_binding", "typed") == (0, None)
    assert option("serving.agent_customer_binding", "no") == (0, "prototype")
    assert option("training.injection_tested", "direct") == (0, None)
    assert option("serving.agent_idempotent", "money_repeats") == (0, None)
    agent = asked({"profile.system_task": ("agent",), "profile.adversarial": "no"})
    assert agent.severity_of(bank().questions["training.injection_tested"]) is Severity.BLOCKER
    assert agent.severity_of(bank().questions["framework.threat_model"]) is Severity.MAJOR


# The gaps an attacker uses on an agent, and the control answered later that bounds them.
ATTACK_GAPS = {
    "training.injection_tested": "none",
    "training.red_team": "token",
    "serving.agent_idempotent": "money_repeats",
    "serving.agent_customer_binding": "typed",
}


@pytest.mark.parametrize(
    ("approval", "impact", "expected"),
    [
        # money moved under hard limits the tools enforce, or with a person approving each
        ("action_cap", ("experience", "financial"), "pilot"),
        ("capped", ("experience", "financial"), "pilot"),
        ("yes", ("financial",), "pilot"),
        # limits written only in the prompt, or none: nothing bounds what an attack takes
        ("partial", ("experience", "financial"), "prototype"),
        ("no", ("experience", "financial"), "prototype"),
        # no limit on amounts bounds a decision about a person
        ("action_cap", ("decisions", "financial"), "prototype"),
    ],
)
def test_hard_limits_in_an_agents_tools_bound_what_its_attack_gaps_cap(
    approval: str, impact: tuple[str, ...], expected: str
) -> None:
    from mlready.core.scoring import gap_cap

    choices = {
        "profile.system_task": ("generate", "agent"),
        "profile.impact": impact,
        "profile.adversarial": "yes",
        "profile.personal_data": "personal",
    }
    answers = answer_all(choices, best=True)
    for check, value in {**ATTACK_GAPS, "serving.agent_approval": approval}.items():
        answers = answers.with_entry(check, AnswerEntry(value=value))
    card = score(bank(), answers, today=date(2026, 12, 7))
    gaps = {gap.question.id: gap for gap in card.gaps}
    caps = {check: gap_cap(bank(), gaps[check], date(2026, 12, 7)) for check in ATTACK_GAPS}
    assert {check: cap.name if cap else None for check, cap in caps.items()} == dict.fromkeys(
        ATTACK_GAPS, expected
    )
    # tools that act on whatever id the model passes: limits on amounts bound money, not whose
    # data is read
    unbound = answers.with_entry("serving.agent_customer_binding", AnswerEntry(value="no"))
    card = score(bank(), unbound, today=date(2026, 12, 7))
    binding = next(gap for gap in card.gaps if gap.question.id == "serving.agent_customer_binding")
    cap = gap_cap(bank(), binding, date(2026, 12, 7))
    assert cap is not None and cap.name == "prototype"


@pytest.mark.parametrize(
    ("check", "value"),
    [
        ("training.release_gate", "formal"),
        ("serving.batch_compare", "formal"),
        ("serving.canary", "formal"),
        ("monitoring.business_impact", "study"),
    ],
)
def test_a_rigorous_manual_process_earns_full_marks(check: str, value: str) -> None:
    scores = {o.value: o.score for o in bank().questions[check].options}
    assert scores[value] == 1
    assert min(scores.values()) == 0


def test_ai_in_annex_i_products_is_dated_later_and_device_rules_ask_for_instructions_now() -> None:
    dated = {(q, v): d for q, v, d in bank().dated_options}
    assert dated[("profile.regimes", "eu_high_risk")] == date(2027, 12, 2)
    assert dated[("profile.regimes", "eu_high_risk_product")] == date(2028, 8, 2)
    device = {"profile.regimes": ("medical_device",), "profile.ai_act_role": "provider"}
    card = score(bank(), answer_all(device, best=True), today=date(2026, 12, 7))
    assert "serving.instructions_for_use" in {q.id for q in card.applicable}
    assert "serving.instructions_for_use" not in {q.id for q in card.upcoming}


def test_every_processor_and_the_us_notice_duties_are_asked_where_they_bind() -> None:
    personal = {q.id for q in asked_checks(asked({"profile.personal_data": "personal"}))}
    assert "data.processors" in personal
    assert "data.processors" not in {
        q.id for q in asked_checks(asked({"profile.personal_data": "none"}))
    }
    hiring = asked({"profile.regimes": ("us_hiring",), "profile.impact": ("decisions",)})
    notice = bank().questions["serving.nyc_candidate_notice"]
    assert notice in hiring.applicable
    assert hiring.severity_of(notice) is Severity.BLOCKER
    dated = {(q, v): d for q, v, d in bank().dated_options}
    assert dated[("profile.regimes", "california_admt")] == date(2027, 1, 1)
    assert ("profile.regimes", "illinois_employment") not in dated  # in force since 2026


@pytest.mark.parametrize(
    ("impact", "asked_too"),
    [(("financial",), False), (("internal", "financial"), False), (("experience",), True)],
)
def test_liability_evidence_is_not_asked_where_the_only_harm_is_financial(
    impact: tuple[str, ...], asked_too: bool
) -> None:
    # The Product Liability Directive compensates death, injury, damage to property and to
    # data not used for work; pure financial loss is not damage under it.
    decisions = {**example_decisions("support-assistant"), "profile.impact": impact}
    question = bank().questions["monitoring.liability_evidence"]
    assert (question in asked(decisions).applicable) is asked_too


@pytest.mark.parametrize(("old", "now"), [("tested", "yes"), ("untested", "yes"), ("no", "no")])
def test_a_default_v3_answer_to_the_exfiltration_check_loads_under_its_new_id(
    tmp_path: Path, old: str, now: str
) -> None:
    # The check once graded tests of the limits too; those moved to the injection suite, and
    # an answer written then still loads, under the new id, with what it means now.
    written = tmp_path / "mlready.yaml"
    written.write_text(
        f"mlready: 1\nbank: default@3\nanswers:\n  serving.exfiltration_channels: {old}\n"
    )
    answers = load_answers(written, bank())
    entry = answers.get("serving.exfiltration_limits")
    assert entry is not None and entry.value == now


def test_weights_used_with_nobody_having_read_their_licence_cap_like_none_checked() -> None:
    vision = example_decisions("on-device-vision")
    answers = answer_all(vision, best=True)
    check = "preprocessing.pretrained_licence"
    assert check in {q.id for q in asked_checks(asked(vision))}
    partial = score(bank(), answers.with_entry(check, AnswerEntry(value="partial")))
    assert partial.level.name == "pilot"  # above the lowest grade, yet it holds the launch
    assert score(bank(), answers).level.name == "production"


def test_a_bought_predictive_model_is_evaluated_on_our_own_inputs_before_it_decides() -> None:
    credit = example_decisions("credit-risk-scorer")
    bought = {**credit, "profile.model_source": "third_party"}
    check = "training.third_party_evaluated"
    assert check in {q.id for q in asked_checks(asked(bought))}
    assert check not in {q.id for q in asked_checks(asked(credit))}  # trained here: the split
    card = score(bank(), answer_all(bought, best=True).with_entry(check, AnswerEntry(value="no")))
    assert card.severity_of(bank().questions[check]).value == "blocker"
    assert card.level.name == "prototype"


@pytest.mark.parametrize(
    ("changes", "level"),
    [
        ({"profile.impact": ("financial",)}, "pilot"),
        ({"profile.system_task": ("agent",)}, "pilot"),
        ({"profile.impact": ("internal",), "profile.personal_data": "none"}, "production"),
    ],
)
def test_an_endpoint_nobody_attacked_holds_the_launch_where_money_or_an_agent_is_behind_it(
    changes: Choices, level: str
) -> None:
    decisions = {**example_decisions("ecommerce-categoriser"), **changes}
    check = "serving.security_testing"
    assert check in {q.id for q in asked_checks(asked(decisions))}
    answers = answer_all(decisions, best=True).with_entry(check, AnswerEntry(value="no"))
    assert score(bank(), answers).level.name == level


def test_a_regime_brings_in_only_its_own_duties() -> None:
    # Each 2026 regime's checks are asked only where it was chosen, and only where its law
    # reaches: California's training-data summary for a team that trains or fine-tunes, its
    # detection tool for images, video or audio.
    new_duties = {
        "texas_traiga": "framework.tx_traiga_record",
        "california_companion": "serving.ca_companion_duties",
        "california_frontier": "framework.frontier_transparency",
        "eu_accessibility": "serving.accessibility",
        "nis2": "monitoring.nis2_incident_reporting",
        "hipaa": "data.hipaa_business_associates",
    }
    base = example_decisions("support-assistant")
    unchosen = {q.id for q in asked_checks(asked(base))}
    assert unchosen.isdisjoint(new_duties.values())
    for regime, check in new_duties.items():
        chosen = {q.id for q in asked_checks(asked({**base, "profile.regimes": (regime,)}))}
        assert check in chosen, regime
    prompted = {**base, "profile.regimes": ("california_training_data",)}
    assert base["profile.model_source"] == "foundation"
    assert "data.ca_training_data_disclosure" not in {q.id for q in asked_checks(asked(prompted))}
    text_only = {**base, "profile.regimes": ("california_ai_transparency",)}
    assert "serving.ca_ai_detection" not in {q.id for q in asked_checks(asked(text_only))}


def test_californias_marking_duty_is_upcoming_before_2_august_2026() -> None:
    decisions = {
        **example_decisions("support-assistant"),
        "profile.regimes": ("california_ai_transparency",),
        "profile.output_modality": ("text", "image"),
    }
    answers = answer_all(decisions, best=True).with_entry(
        "serving.ca_ai_detection", AnswerEntry(value="no")
    )
    before = score(bank(), answers, today=date(2026, 8, 1))
    assert "serving.ca_ai_detection" in {gap.question.id for gap in before.upcoming}
    assert before.level.name == "production"
    after = score(bank(), answers, today=date(2026, 8, 2))
    assert "serving.ca_ai_detection" not in {gap.question.id for gap in after.upcoming}
    assert after.level.name == "prototype"


def test_an_unchecked_lawful_basis_and_none_at_all_are_told_apart() -> None:
    # A basis from the original collection whose reach nobody reviewed earns nothing and keeps
    # a watched trial; no basis at all stops even that. The labels say which is which.
    options = {o.value: o for o in bank().questions["data.lawful_basis"].options}
    assert options["assumed"].score == options["none"].score == 0
    assert options["assumed"].caps == "pilot" and options["none"].caps is None
    assert "6(4)" in options["assumed"].label
    decisions = example_decisions("support-assistant")
    for value, level in (("assumed", "pilot"), ("none", "not ready")):
        answers = answer_all(decisions, best=True).with_entry(
            "data.lawful_basis", AnswerEntry(value=value)
        )
        assert score(bank(), answers).level.name == level
    # a ticket to review the basis does not make the processing lawful meanwhile
    planned = AnswerEntry(value="assumed", action=Action(owner="dpo", due=date(2027, 1, 15)))
    answers = answer_all(decisions, best=True).with_entry("data.lawful_basis", planned)
    assert score(bank(), answers, today=date(2026, 12, 7)).level.name == "pilot"


@pytest.mark.parametrize("example", ["support-assistant", "credit-risk-scorer", "on-device-vision"])
def test_every_check_is_asked_or_left_out_by_one_answer(example: str) -> None:
    card = asked(example_decisions(example))
    left_out = card.left_out
    asked_ids = {q.id for q in card.applicable if is_scored(q)}
    left_ids = [q.id for checks in left_out.values() for q in checks]
    assert len(left_ids) == len(set(left_ids))  # each under one answer
    assert asked_ids.isdisjoint(left_ids)
    assert asked_ids | set(left_ids) == {q.id for q in bank().questions.values() if is_scored(q)}
    # each is counted under a decision the review asked, not one it skipped itself
    assert set(left_out) <= {q.id for q in card.applicable}


def test_the_answer_that_leaves_a_check_out_is_the_one_named() -> None:
    prompted = asked(example_decisions("support-assistant"))
    assert "training.checkpoints" in {q.id for q in prompted.left_out["profile.model_source"]}
    trained = asked({**example_decisions("support-assistant"), "profile.model_source": "trained"})
    assert "profile.model_source" not in trained.left_out or "training.checkpoints" not in {
        q.id for q in trained.left_out["profile.model_source"]
    }


@pytest.mark.parametrize(
    ("changes", "check", "value", "level"),
    [
        # a DPIA missing what Art. 35(7) asks for holds a wider launch; one complete when
        # written and not updated since is a condition of the level
        ({}, "framework.dpia", "incomplete", "pilot"),
        ({}, "framework.dpia", "partial", "production"),
        # an assessment of conformity under way is one not passed: no live use of a device
        (
            {"profile.regimes": ("medical_device",)},
            "training.conformity_assessment",
            "in_progress",
            "prototype",
        ),
        (
            {"profile.regimes": ("medical_device",)},
            "training.conformity_assessment",
            "partial",
            "production",
        ),
        (
            {"profile.regimes": ("medical_device",)},
            "training.technical_documentation",
            "incomplete",
            "pilot",
        ),
        (
            {"profile.regimes": ("medical_device",)},
            "training.technical_documentation",
            "partial",
            "production",
        ),
    ],
)
def test_a_duty_half_written_and_one_out_of_date_are_told_apart(
    changes: Choices, check: str, value: str, level: str
) -> None:
    decisions = {**example_decisions("support-assistant"), **changes}
    answers = answer_all(decisions, best=True).with_entry(check, AnswerEntry(value=value))
    card = score(bank(), answers, today=date(2026, 12, 7))
    assert check in {q.id for q in card.applicable}
    assert card.level.name == level


def test_provider_duties_are_asked_of_providers_and_dashboards_alert_nobody() -> None:
    device = {**example_decisions("support-assistant"), "profile.regimes": ("medical_device",)}
    for role, asked_too in (("provider", True), ("both", True), ("deployer", False)):
        ids = {q.id for q in asked_checks(asked({**device, "profile.ai_act_role": role}))}
        assert ("monitoring.post_market" in ids) is asked_too, role
        assert ("monitoring.incident_reporting" in ids) is asked_too, role
    # a dashboard nobody must watch is no alert: it caps as having none does, at pilot where the
    # outputs only shape what people see and at prototype where they decide about them
    for impact, level in ((("experience",), "pilot"), (("decisions",), "prototype")):
        decisions = {**example_decisions("support-assistant"), "profile.impact": impact}
        answers = answer_all(decisions, best=True).with_entry(
            "monitoring.alert_routing", AnswerEntry(value="dashboard")
        )
        assert score(bank(), answers).level.name == level


def test_a_regime_not_yet_in_force_does_not_raise_a_gap_before_its_date() -> None:
    # Annex III duties apply from 2 Dec 2027: before it, a release path nobody controls is
    # the major it is for any system, not the blocker the regime makes it.
    decisions = {**example_decisions("credit-risk-scorer"), "profile.regimes": ("eu_high_risk",)}
    answers = answer_all(decisions, best=True).with_entry(
        "serving.release_path", AnswerEntry(value="no")
    )
    question = bank().questions["serving.release_path"]
    before = score(bank(), answers, today=date(2026, 12, 7))
    assert before.severity_of(question) is Severity.MAJOR
    assert before.level.name == "production"
    after = score(bank(), answers, today=date(2027, 12, 2))
    assert after.severity_of(question) is Severity.BLOCKER
    assert after.level.name == "prototype"


@pytest.mark.parametrize(
    ("check", "value"),
    [
        ("preprocessing.retrieval_permissions", "partial"),
        ("serving.tenant_isolation", "partial"),
        ("serving.exfiltration_limits", "partial"),
    ],
)
def test_a_leak_path_left_partly_open_holds_a_wide_launch(check: str, value: str) -> None:
    decisions = example_decisions("support-assistant")
    answers = answer_all(decisions, best=True).with_entry(check, AnswerEntry(value=value))
    assert score(bank(), answers, today=date(2026, 12, 7)).level.name == "pilot"


def test_the_ai_acts_own_duties_are_not_asked_outside_its_scope() -> None:
    decisions = example_decisions("support-assistant")
    inside = {q.id for q in asked_checks(asked(decisions))}
    assert {"framework.prohibited_practices", "framework.ai_literacy"} <= inside
    outside = {
        q.id for q in asked_checks(asked({**decisions, "profile.ai_act_role": "out_of_scope"}))
    }
    assert not {"framework.prohibited_practices", "framework.ai_literacy"} & outside


def test_answers_that_do_not_go_together_are_told_at_their_line(tmp_path: Path) -> None:
    # A regime of credit decisions on a system that decides about nobody hides the checks the
    # regime brings: a warning at the answer, not an error (the team may know better).
    text = (EXAMPLES / "support-assistant.yaml").read_text(encoding="utf-8")
    assert "profile.regimes: [none]" in text or "value: [none]" in text
    changed = text.replace("value: [none]", "value: [us_credit]", 1).replace(
        "profile.regimes: [none]", "profile.regimes: [us_credit]", 1
    )
    answers = tmp_path / "mlready.yaml"
    answers.write_text(changed, encoding="utf-8")
    code, _, err = run("check", answers, "--today", "2026-12-07", "--no-scan")
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED)
    told = [line for line in err.splitlines() if "goes with profile.impact" in line]
    assert len(told) == 1 and "'profile.regimes' is us_credit" in told[0]
    line = next(n for n, t in enumerate(changed.splitlines(), 1) if "profile.regimes" in t)
    assert told[0].startswith(f"warning: {answers}:{line}:")
    # the example as written says nothing of the kind
    (tmp_path / "as-written.yaml").write_text(text, encoding="utf-8")
    _, _, quiet = run("check", tmp_path / "as-written.yaml", "--today", "2026-12-07", "--no-scan")
    assert "goes with" not in quiet


def test_every_expects_names_another_decision_and_its_values() -> None:
    for question in bank().questions.values():
        for option in question.options:
            for name, wanted in option.expects.items():
                other = bank().questions[name]
                assert other.kind in (Kind.CHOICE, Kind.MULTI) and other.id != question.id
                assert set(wanted) <= {choice.value for choice in other.options}
