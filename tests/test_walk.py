"""The interactive walk with a scripted prompt: no terminal involved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from mlready.core.answers import Answers, empty_answers
from mlready.core.bank import bank_from_document
from mlready.core.evidence import CheckEvidence, PathState, judge_check
from mlready.core.model import NA, AnswerEntry, Bank, Project, Question
from mlready.core.vocabulary import Severity
from mlready.core.walk import WalkResult, ask_project, progress_of, walk
from mlready.io.yamlio import parse_yaml
from tests.helpers.expecting_bank import EXPECTING_BANK, MARKETS_BANK
from tests.helpers.probed_bank import BANK as PROBED_BANK
from tests.helpers.small_bank import SMALL_BANK
from tests.helpers.walk_script import TODAY, Saves, ScriptedPrompt, run_walk


def value(result: WalkResult | Answers, question_id: str) -> object:
    answers = result.answers if isinstance(result, WalkResult) else result
    entry = answers.get(question_id)
    return None if entry is None else entry.value


def test_a_full_walk_in_bank_order(small_bank: Bank) -> None:
    lines = ["1,2", "data-team", "yes", "yes", "partial", "", "", "", "", "2", "automated", "1"]
    result, prompt, saves = run_walk(small_bank, lines)
    assert result.completed
    assert prompt.shown == [
        "data.modality",
        "data.owner",
        "data.lineage",
        "data.schema",
        "data.tokenizer",  # appears because the answer included text
        "serving.mode",
        "serving.latency",  # appears because serving is real-time
        "serving.rollback",
    ]
    assert value(result, "data.modality") == ("image", "text")
    assert value(result, "data.tokenizer") == "partial"
    assert value(result, "serving.latency") == "automated"
    assert result.answers.project.reviewed == TODAY
    # Every answer was saved as it was given: each save holds one more answer than the last.
    answered = [len([k for k in s.entries if s.get(k)]) for s in saves.history]
    assert answered[:3] == [1, 2, 3]
    assert saves.history[-1] == result.answers


def test_progress_counts_the_questions_of_this_walk(small_bank: Bank) -> None:
    _, prompt, _ = run_walk(small_bank, ["1", "x", "yes", "yes", "batch", "yes"])
    assert [screen.progress for screen in prompt.screens] == [
        "data 1/4 · 1/6 overall",
        "data 2/4 · 2/6 overall",
        "data 3/4 · 3/6 overall",
        "data 4/4 · 4/6 overall",
        "serving 1/2 · 5/6 overall",
        "serving 2/2 · 6/6 overall",
    ]


def test_a_partial_check_asks_for_note_and_evidence(small_bank: Bank) -> None:
    lines = ["3", "x", "partial", "Only for 2025 data", "https://example.com/a, docs/b.md"]
    result, prompt, _ = run_walk(small_bank, lines)
    entry = result.answers.get("data.lineage")
    assert entry is not None
    assert entry.value == "partial"
    assert entry.note == "Only for 2025 data"
    assert entry.evidence == ("https://example.com/a", "docs/b.md")
    assert prompt.asked == [
        "Note (Enter to skip)",
        "Evidence link (Enter to skip)",
        "Action owner (Enter to skip)",
    ]
    assert not result.completed  # the script ran out: like Ctrl-D


def test_a_quick_walk_asks_no_follow_up_after_a_gap(small_bank: Bank) -> None:
    # The shortest first pass: the answers alone; `redo` asks the follow-ups later.
    lines = ["3", "x", "partial", "no", ":q"]
    result, prompt, _ = run_walk(small_bank, lines, follow_ups=False)
    assert prompt.asked == []
    assert value(result, "data.lineage") == "partial"
    assert value(result, "data.schema") == "no"
    entry = result.answers.get("data.lineage")
    assert entry is not None and entry.note is None and entry.action is None
    again, prompt, _ = run_walk(
        small_bank, ["", "", "partial", "No lineage yet"], result.answers, redo=True
    )
    assert prompt.asked[:1] == ["Note (Enter to skip)"]
    note = again.answers.get("data.lineage")
    assert note is not None and note.note == "No lineage yet"


def test_a_redo_asks_the_follow_ups_a_quick_pass_left_when_enter_keeps_the_gap(
    small_bank: Bank,
) -> None:
    # As the README says: `--redo` asks them later, the answers given as defaults. Enter keeps
    # each answer; the gap that has no follow-ups yet is asked them, the others are not.
    result, _, _ = run_walk(small_bank, ["3", "x", "partial", "no", ":q"], follow_ups=False)
    given = result.answers.with_entry(
        "data.schema", AnswerEntry(value="no", note="Schema in review")
    )
    lines = ["", "", "", "Lineage lands in Q1", "", "owner-x", "", "", ":q"]
    again, prompt, _ = run_walk(small_bank, lines, given, redo=True)
    assert prompt.asked == [
        "Note (Enter to skip)",
        "Evidence link (Enter to skip)",
        "Action owner (Enter to skip)",
        "Due date YYYY-MM-DD (Enter to skip)",
    ]
    lineage = again.answers.get("data.lineage")
    assert lineage is not None and lineage.value == "partial"
    assert lineage.note == "Lineage lands in Q1"
    assert lineage.action is not None and lineage.action.owner == "owner-x"
    schema = again.answers.get("data.schema")
    assert schema is not None and schema.note == "Schema in review" and schema.action is None


def test_full_answers_ask_for_no_note(small_bank: Bank) -> None:
    _, prompt, _ = run_walk(small_bank, ["3", "x", "yes", "yes"])
    assert prompt.asked == []


def test_invalid_input_is_asked_again_with_a_hint(small_bank: Bank) -> None:
    result, prompt, _ = run_walk(small_bank, ["7", "image,video", "", ":nope", "2", "x"])
    assert prompt.shown[:5] == ["data.modality"] * 5
    assert "7" in prompt.told[0]
    assert "video" in prompt.told[1]
    assert "Please answer" in prompt.told[2]
    assert "Unknown command" in prompt.told[3]
    assert value(result, "data.modality") == ("text",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [("1", "yes"), ("yes", "yes"), ("YES", "yes"), ("Partly", "partial"), ("3", "no")],
)
def test_an_option_by_number_value_or_label(small_bank: Bank, line: str, expected: str) -> None:
    result, _, _ = run_walk(small_bank, ["1", "x", line, ":q"])
    assert value(result, "data.lineage") == expected


def test_multi_takes_several_and_none(small_bank: Bank) -> None:
    result, _, _ = run_walk(small_bank, ["3, 1", ":q"])
    assert value(result, "data.modality") == ("tabular", "image")
    result, _, _ = run_walk(small_bank, ["-", ":q"])
    assert value(result, "data.modality") == ()


def test_skip_leaves_unanswered_and_moves_on(small_bank: Bank) -> None:
    result, prompt, _ = run_walk(small_bank, ["1", ":s", "yes", ":q"])
    assert prompt.shown == ["data.modality", "data.owner", "data.lineage", "data.schema"]
    assert result.answers.get("data.owner") is None
    assert value(result, "data.lineage") == "yes"


def test_back_goes_to_the_previous_question_and_keeps_the_change(small_bank: Bank) -> None:
    lines = [
        "1",  # modality: image
        "team-a",  # owner
        ":b",  # at lineage: back to owner
        "team-b",  # owner again
        "yes",  # lineage
        ":back",  # at schema: back to lineage
        ":back",  # at lineage: back to owner
        ":back",  # at owner: back to modality
        "2",  # modality: text
        "",  # owner: Enter keeps team-b
        "",  # lineage: Enter keeps yes
        "yes",  # schema
        ":q",  # tokenizer, now applicable
    ]
    result, prompt, _ = run_walk(small_bank, lines)
    assert prompt.shown == [
        "data.modality",
        "data.owner",
        "data.lineage",
        "data.owner",
        "data.lineage",
        "data.schema",
        "data.lineage",
        "data.owner",
        "data.modality",
        "data.owner",
        "data.lineage",
        "data.schema",
        "data.tokenizer",
    ]
    assert value(result, "data.owner") == "team-b"
    assert value(result, "data.lineage") == "yes"
    assert value(result, "data.modality") == ("text",)


def test_back_on_the_first_question_says_so(small_bank: Bank) -> None:
    _, prompt, _ = run_walk(small_bank, [":b", ":q"])
    assert prompt.told == ["This is the first question of this walk."]


def test_changing_a_decision_drops_questions_and_keeps_their_answers(small_bank: Bank) -> None:
    lines = [
        "1",
        "x",
        "yes",
        "yes",
        "realtime",
        "manual",
        "",
        "",
        "",
        "",
        ":b",
        ":b",
        "batch",
        "yes",
    ]
    result, prompt, _ = run_walk(small_bank, lines)
    assert prompt.shown[4:] == [
        "serving.mode",
        "serving.latency",  # manual, then Enter for note, evidence, owner and due date
        "serving.rollback",  # :b
        "serving.latency",  # :b
        "serving.mode",  # batch
        "serving.rollback",  # latency no longer applies after batch
    ]
    assert value(result, "serving.mode") == "batch"
    assert value(result, "serving.latency") == "manual"  # kept in the file, ignored by scoring
    assert result.completed


def test_na_needs_permission_and_a_reason(small_bank: Bank) -> None:
    lines = ["1", "x", ":na", "yes", ":na", "", ":na", "Images only", ":q"]
    result, prompt, _ = run_walk(small_bank, lines)
    assert prompt.told[0] == "This question cannot be marked not applicable."
    assert prompt.told[1] == "A reason is needed to mark it not applicable."
    entry = result.answers.get("data.schema")
    assert entry is not None
    assert (entry.value, entry.note) == (NA, "Images only")


def test_help_shows_why_and_fix(small_bank: Bank) -> None:
    _, prompt, _ = run_walk(small_bank, ["1", "x", "?", ":help", ":q"])
    assert prompt.told[0].startswith("Why: Untraceable data cannot be audited or fixed.")
    assert "If not: Record the source of each example." in prompt.told[0]
    assert prompt.told[1] == prompt.told[0]


def test_resume_asks_only_unanswered_questions(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    answers = parse_answers(
        "mlready: 1\nanswers:\n  data.modality: [image]\n  data.owner: x\n  data.lineage: yes\n"
    )
    result, prompt, _ = run_walk(small_bank, ["yes", "batch", "yes"], answers)
    assert prompt.shown == ["data.schema", "serving.mode", "serving.rollback"]
    assert result.completed


def test_a_resumed_walk_counts_on_and_goes_back_to_what_was_answered_before(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    # As after `:q` at data.schema: the counters go on from there (not "data 1/1 · 1/3"), and
    # :b reaches the questions answered in the earlier session, then comes forward again.
    answers = parse_answers(
        "mlready: 1\nanswers:\n  data.modality: [image]\n  data.owner: x\n  data.lineage: no\n"
    )
    lines = [":b", ":b", "", "partial", "", "", "", "", "yes", ":q"]
    result, prompt, _ = run_walk(small_bank, lines, answers)
    assert prompt.shown == [
        "data.schema",
        "data.lineage",  # :b: the last question answered before the walk started
        "data.owner",  # :b again
        "data.lineage",  # Enter kept data.owner
        "data.schema",
        "serving.mode",
    ]
    assert [screen.progress for screen in prompt.screens] == [
        "data 4/4 · 4/6 overall",
        "data 3/4 · 3/6 overall",
        "data 2/4 · 2/6 overall",
        "data 3/4 · 3/6 overall",
        "data 4/4 · 4/6 overall",
        "serving 1/2 · 5/6 overall",
    ]
    assert prompt.screens[1].current is not None  # shown with its answer, Enter keeps it
    assert value(result, "data.lineage") == "partial"
    assert value(result, "data.owner") == "x"
    assert value(result, "data.schema") == "yes"


def test_back_in_a_resumed_walk_stops_at_the_first_question_of_its_area(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    answers = parse_answers("mlready: 1\nanswers:\n  serving.mode: batch\n")
    _, prompt, _ = run_walk(small_bank, [":b", ":b", ":q"], answers, area="serving")
    assert prompt.shown == ["serving.rollback", "serving.mode", "serving.mode"]
    assert [screen.progress for screen in prompt.screens][:2] == [
        "serving 2/2 · 2/2 overall",
        "serving 1/2 · 1/2 overall",
    ]
    assert prompt.told == ["This is the first question of this walk."]


def test_progress_of_counts_what_applies_and_what_is_answered(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    answers = parse_answers(
        "mlready: 1\nanswers:\n  data.modality: [text]\n  data.owner: x\n"
        "  serving.mode: realtime\n  serving.latency: manual\n"
    )
    assert progress_of(small_bank, answers) == (4, 8)  # the tokenizer and latency apply
    assert progress_of(small_bank, answers, area="serving") == (2, 3)


def test_redo_walks_everything_with_current_answers_as_default(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    answers = parse_answers(
        "mlready: 1\nanswers:\n  data.modality: [image]\n  data.owner: x\n  data.lineage: yes\n"
    )
    result, prompt, _ = run_walk(
        small_bank, ["", "", "no", "", "", "", "", ":q"], answers, redo=True
    )
    assert prompt.shown == ["data.modality", "data.owner", "data.lineage", "data.schema"]
    assert prompt.screens[0].current is not None
    assert value(result, "data.lineage") == "no"
    assert value(result, "data.owner") == "x"


def test_area_limits_the_walk(small_bank: Bank) -> None:
    result, prompt, _ = run_walk(
        small_bank, ["realtime", "manual", "", "", "", "", "yes"], area="serving"
    )
    assert prompt.shown == ["serving.mode", "serving.latency", "serving.rollback"]
    assert result.completed


def test_quit_and_ctrl_d_end_the_walk_with_answers_saved(small_bank: Bank) -> None:
    result, _, saves = run_walk(small_bank, ["1", ":q"])
    assert not result.completed
    assert value(saves.history[-1], "data.modality") == ("image",)
    result, _, _ = run_walk(small_bank, ["1"])  # the script ends: EOF
    assert not result.completed


def test_ctrl_c_propagates_after_saving(small_bank: Bank) -> None:
    prompt = ScriptedPrompt(["1", "team", "^C"])
    saves = Saves()
    with pytest.raises(KeyboardInterrupt):
        walk(small_bank, empty_answers("mlready.yaml"), prompt=prompt, save=saves, today=TODAY)
    assert value(saves.history[-1], "data.owner") == "team"


def test_project_questions() -> None:
    prompt = ScriptedPrompt(["shelf-scanner", ""])
    project, quitting = ask_project(Project(owner="vision"), prompt=prompt)
    assert project == Project(name="shelf-scanner", owner="vision")
    assert not quitting


@pytest.mark.parametrize("command", [":q", ":quit", " :Q "])
def test_quit_at_the_project_name_stores_no_name(command: str) -> None:
    prompt = ScriptedPrompt([command, "never asked"])
    project, quitting = ask_project(Project(), prompt=prompt)
    assert quitting
    assert project == Project()
    assert prompt.asked == ["Project name"]  # the owner is not asked
    assert prompt.lines == ["never asked"]


@pytest.mark.parametrize("command", [":q", ":QUIT"])
def test_quit_at_the_owner_keeps_the_name_typed_before(command: str) -> None:
    prompt = ScriptedPrompt(["shelf-scanner", command])
    project, quitting = ask_project(Project(), prompt=prompt)
    assert quitting
    assert project == Project(name="shelf-scanner")
    prompt = ScriptedPrompt([command])
    project, quitting = ask_project(Project(name="kept"), prompt=prompt)  # after init
    assert quitting
    assert project == Project(name="kept")


@pytest.mark.parametrize("command", [":b", ":back", ":B"])
def test_back_at_the_note_prompt_returns_to_its_question_and_saves_no_note(
    small_bank: Bank, command: str
) -> None:
    # data.tokenizer answered "partial" asks for a note; :b there shows the question again.
    lines = ["1,2", "data-team", "yes", "yes", "partial", command, "yes"]
    result, prompt, _ = run_walk(small_bank, lines)
    at = prompt.shown.index("data.tokenizer")
    assert prompt.shown[at : at + 3] == ["data.tokenizer", "data.tokenizer", "serving.mode"]
    entry = result.answers.get("data.tokenizer")
    assert entry is not None
    assert entry.value == "yes"
    assert entry.note is None


@pytest.mark.parametrize("label_index", [0, 1])
def test_quit_at_the_note_or_evidence_prompt_quits_and_keeps_what_was_typed(
    small_bank: Bank, label_index: int
) -> None:
    follow_ups = ["a note", ":q"] if label_index else [":q"]
    lines = ["1,2", "data-team", "yes", "yes", "partial", *follow_ups, "never asked"]
    result, prompt, saves = run_walk(small_bank, lines)
    assert not result.completed
    assert prompt.lines == ["never asked"]
    entry = result.answers.get("data.tokenizer")
    assert entry is not None
    assert entry.value == "partial"  # the answer given stays saved
    assert entry.note == ("a note" if label_index else None)  # and a note typed before `:q`
    assert all(":q" not in str(answers) for answers in saves.history)


def test_back_at_the_na_reason_returns_to_the_question(small_bank: Bank) -> None:
    assert small_bank.questions["data.schema"].na  # the fourth question of this walk
    lines = ["1,2", "data-team", "yes", ":na", ":b", "yes"]
    result, prompt, _ = run_walk(small_bank, lines)
    assert prompt.shown[3:6] == ["data.schema", "data.schema", "data.tokenizer"]
    assert value(result, "data.schema") == "yes"


def test_enter_takes_the_answer_the_repository_suggests(small_bank: Bank) -> None:
    from mlready.core.evidence import CheckEvidence, Finding
    from mlready.core.model import Probe
    from mlready.core.vocabulary import EvidenceState

    probe = Probe(id="p", files=("x",), supports="yes", says="a lineage tool is configured")
    evidence = {
        "data.lineage": CheckEvidence(
            EvidenceState.CLAIMED, found=(Finding(probe, "lineage.yaml"),), suggested="yes"
        )
    }
    prompt = ScriptedPrompt(["1,2", "data-team", "", "yes"])
    result = walk(
        small_bank,
        empty_answers("mlready.yaml"),
        prompt=prompt,
        save=Saves(),
        today=TODAY,
        evidence=evidence,
    )
    assert value(result, "data.lineage") == "yes"
    lineage = prompt.screens[2]
    assert lineage.question.id == "data.lineage"
    assert "Enter takes yes" in lineage.hint
    assert prompt.screens[3].suggested is None  # no scan result for data.schema


def test_a_gap_asks_for_an_owner_and_a_due_date(small_bank: Bank) -> None:
    lines = ["1,2", "data-team", "partial", "", "", "ada", "31 March", "2027-03-31", ":q"]
    result, prompt, _ = run_walk(small_bank, lines)
    entry = result.answers.get("data.lineage")
    assert entry is not None and entry.action is not None
    assert (entry.action.owner, entry.action.due) == ("ada", dt.date(2027, 3, 31))
    assert prompt.asked[2:] == [
        "Action owner (Enter to skip)",
        "Due date YYYY-MM-DD (Enter to skip)",
        "Due date YYYY-MM-DD (Enter to skip)",  # asked again after a bad date
    ]
    assert "'31 March' is not a date" in prompt.told[0]


def test_enter_skips_the_action_and_b_or_q_work_there(small_bank: Bank) -> None:
    result, _, _ = run_walk(small_bank, ["1,2", "data-team", "no", "", "", "", "", ":q"])
    entry = result.answers.get("data.lineage")
    assert entry is not None and entry.action is None  # nothing typed: no action written
    result, prompt, _ = run_walk(small_bank, ["1,2", "data-team", "no", "a note", "", ":q", "x"])
    entry = result.answers.get("data.lineage")
    assert not result.completed and prompt.lines == ["x"]
    assert entry is not None and entry.note == "a note" and entry.action is None
    result, prompt, _ = run_walk(small_bank, ["1,2", "data-team", "no", "", "", "bo", ":b", "yes"])
    assert prompt.shown.count("data.lineage") == 2  # :b at the due date: the question again
    assert value(result, "data.lineage") == "yes"


def test_the_screen_shows_the_severity_of_a_check_and_none_for_a_decision(
    small_bank: Bank,
) -> None:
    _, prompt, _ = run_walk(small_bank, ["1", "x", "yes", "yes", "batch", "yes"])
    assert [screen.severity for screen in prompt.screens] == [
        None,  # data.modality: a decision
        None,  # data.owner: free text
        Severity.BLOCKER,
        Severity.MINOR,
        None,  # serving.mode
        Severity.MAJOR,  # serving.rollback sets none: a gap in it is major
    ]


def test_the_hint_line_names_what_na_does(small_bank: Bank) -> None:
    _, prompt, _ = run_walk(small_bank, ["1", "x", "yes", ":q"])
    lineage, schema = prompt.screens[2:4]
    assert schema.question.na and schema.hint.endswith(" · :na not applicable")
    assert ":na" not in lineage.hint


PROFILE = """\
profile:
  - id: profile.runs_on
    kind: multi
    prompt: Where does the model run?
    why: Services and devices fail differently.
    options:
      - {value: service, label: A service we run}
      - {value: device, label: On devices}
  - id: profile.regimes
    kind: multi
    prompt: Which regimes apply?
    why: Law.
    options:
      - {value: medical, label: Medical device rules}
      - {value: none, label: None known, exclusive: true}
"""


@pytest.fixture
def profiled_bank() -> Bank:
    # The small bank with a profile before its areas; serving applies to services only.
    text = SMALL_BANK.replace("areas:\n", PROFILE + "areas:\n").replace(
        "        kind: choice\n        prompt: How are predictions served?\n",
        "        kind: choice\n        prompt: How are predictions served?\n"
        "        when: {profile.runs_on: service}\n",
    )
    text = text.replace(
        "        weight: 4\n",
        "        weight: 4\n        when: {profile.runs_on: [service, device]}\n",
    )
    return bank_from_document(parse_yaml(text, source="small.yaml"))


def test_none_for_where_the_model_runs_is_confirmed_before_it_is_kept(
    profiled_bank: Bank,
) -> None:
    # "-" leaves out serving.mode and serving.rollback: asked again unless confirmed with y.
    lines = ["-", "", "-", "no", "-", "y", ":q"]
    result, prompt, saves = run_walk(profiled_bank, lines)
    assert prompt.shown == ["profile.runs_on"] * 3 + ["profile.regimes"]
    assert (
        prompt.told == ["None chosen: 2 questions that depend on this answer leave the review."] * 3
    )
    assert prompt.asked == ["Keep none? y keeps it, Enter chooses again"] * 3
    assert value(saves.history[0], "profile.runs_on") == ()  # nothing saved before the y
    assert len(saves.history) == 1
    assert value(result, "profile.runs_on") == ()


@pytest.mark.parametrize("line", [":q", ":b"])
def test_quit_or_back_at_the_confirmation_keeps_no_none(profiled_bank: Bank, line: str) -> None:
    result, prompt, saves = run_walk(profiled_bank, ["-", line, "1", ":q"])
    assert all(value(answers, "profile.runs_on") != () for answers in saves.history)
    if line == ":b":
        assert prompt.shown[:3] == ["profile.runs_on", "profile.runs_on", "profile.regimes"]
        assert value(result, "profile.runs_on") == ("service",)
    else:
        assert value(result, "profile.runs_on") is None


def test_none_is_asked_without_confirmation_where_it_leaves_nothing_out(
    profiled_bank: Bank,
) -> None:
    # The exclusive "none known" of a profile question, and "-" for an area's decision.
    result, prompt, _ = run_walk(profiled_bank, ["1", "2", "-", ":q"])
    assert prompt.shown == ["profile.runs_on", "profile.regimes", "data.modality", "data.owner"]
    assert prompt.told == prompt.asked == []
    assert value(result, "profile.regimes") == ("none",)
    assert value(result, "data.modality") == ()


def test_a_due_date_in_the_past_is_kept_only_when_confirmed(small_bank: Bank) -> None:
    # TODAY is 2026-11-26: the day before is overdue at once.
    lines = ["1,2", "data-team", "no", "", "", "ada", "2026-11-25", "", "2026-11-25", "y", ":q"]
    result, prompt, _ = run_walk(small_bank, lines)
    assert prompt.told == ["2026-11-25 is in the past: the action is overdue at once."] * 2
    assert prompt.asked[3:] == [
        "Due date YYYY-MM-DD (Enter to skip)",
        "Keep this date? y keeps it, Enter asks again",
        "Due date YYYY-MM-DD (Enter to skip)",
        "Keep this date? y keeps it, Enter asks again",
    ]
    entry = result.answers.get("data.lineage")
    assert entry is not None and entry.action is not None
    assert entry.action.due == dt.date(2026, 11, 25)


def test_today_is_no_past_date(small_bank: Bank) -> None:
    lines = ["1,2", "data-team", "no", "", "", "", TODAY.isoformat(), ":q"]
    result, prompt, _ = run_walk(small_bank, lines)
    assert prompt.told == []
    entry = result.answers.get("data.lineage")
    assert entry is not None and entry.action is not None and entry.action.due == TODAY


def test_a_past_due_date_kept_from_before_is_not_offered_again_once_refused(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    answers = parse_answers(
        "mlready: 1\nanswers:\n  data.modality: [image]\n  data.owner: x\n"
        "  data.lineage:\n    value: no\n    action: {owner: ada, due: 2026-01-31}\n"
    )
    # --redo: Enter keeps the answer of lineage; "no" again asks the follow-ups, Enter keeps
    # the owner and offers the old date; refused, Enter then leaves the date out.
    lines = ["", "", "no", "", "", "", "", "", "", ":q"]
    result, _, _ = run_walk(small_bank, lines, answers, redo=True)
    entry = result.answers.get("data.lineage")
    assert entry is not None and entry.action is not None
    assert (entry.action.owner, entry.action.due) == ("ada", None)


def test_an_answer_the_repository_contradicts_is_shown_and_kept_only_when_confirmed() -> None:
    bank = bank_from_document(parse_yaml(PROBED_BANK, source="bank.yaml"))

    def judge(question: Question, entry: AnswerEntry) -> CheckEvidence | None:
        # A repository where no probe finds anything.
        return judge_check(question, entry, {}, locate=lambda _: PathState.MISSING)

    lines = [
        "automated",  # contradicted: no CI runs the tests
        "",  # Enter: choose again
        "manual",  # not contradicted; a gap, so its follow-ups
        *["", "", "", ""],
        "canary",  # contradicted again
        "y",  # kept
        "We ship with our own deployer",  # and why
    ]
    result, prompt, _ = run_walk(bank, lines, judge=judge)
    assert prompt.shown[:3] == ["delivery.ci", "delivery.ci", "delivery.canary"]
    assert prompt.told[:2] == [
        "The repository does not show this answer:",
        "  not found: a CI workflow runs the tests (high)",
    ]
    assert value(result, "delivery.ci") == "manual"
    canary = result.answers.get("delivery.canary")
    assert canary is not None and canary.value == "canary"
    assert canary.note == "We ship with our own deployer"
    assert "Keep this answer? y keeps it, Enter chooses again" in prompt.asked


def test_the_walk_says_once_when_answers_do_not_go_together() -> None:
    bank = bank_from_document(parse_yaml(EXPECTING_BANK, source="expecting.yaml"))
    _, prompt, _ = run_walk(bank, ["predict", "realtime", ":b", "realtime", ":q"])
    said = [line for line in prompt.told if "goes with profile.mode being batch" in line]
    assert said == [
        "'profile.task' is predict, which goes with profile.mode being batch; check the "
        "profile, as it decides which checks are asked"
    ]
    # set right, then made again: said again, as the answer changed since
    _, again, _ = run_walk(bank, ["predict", "realtime", ":b", "batch", ":b", "realtime", ":q"])
    assert len([line for line in again.told if "goes with profile.mode being batch" in line]) == 2
    _, quiet, _ = run_walk(bank, ["predict", "batch", ":q"])
    assert not [line for line in quiet.told if "goes with" in line]


def test_an_expected_decision_that_does_not_apply_contradicts_nothing() -> None:
    # profile.mode is asked only of models; a stale answer to it, left from before the team
    # said it runs rules, is ignored in the scores and so must not be told as a contradiction.
    from mlready.core.scoring import answers_not_expected, applicable_questions

    text = EXPECTING_BANK.replace(
        "profile:\n",
        "profile:\n  - id: profile.kind\n    kind: choice\n    prompt: Which?\n    why: w\n"
        "    options: [{value: model}, {value: rules}]\n",
        1,
    ).replace(
        "    prompt: How does it predict?\n",
        "    prompt: How does it predict?\n    when: {profile.kind: [model]}\n",
    )
    bank = bank_from_document(parse_yaml(text, source="expecting.yaml"))
    answers = empty_answers("mlready.yaml")
    for name, value in (("profile.kind", "model"), ("profile.task", "predict")):
        answers = answers.with_entry(name, AnswerEntry(value=value))
    answers = answers.with_entry("profile.mode", AnswerEntry(value="realtime"))
    told = answers_not_expected(answers, applicable_questions(bank, answers))
    assert [(item.question, item.other) for item in told] == [("profile.task", "profile.mode")]
    rules = answers.with_entry("profile.kind", AnswerEntry(value="rules"))
    assert answers_not_expected(rules, applicable_questions(bank, rules)) == []


def test_options_that_go_with_other_answers_to_earlier_decisions_are_not_listed() -> None:
    # The regimes of markets not named are left out of the list: a US team does not read the
    # EU's. Typing one still chooses it (and is told as not going with the markets).
    bank = bank_from_document(parse_yaml(MARKETS_BANK, source="markets.yaml"))
    _, prompt, _ = run_walk(bank, ["us", "eu_rule", ":q"])
    regimes = [screen for screen in prompt.screens if screen.question.id == "profile.regimes"]
    assert [screen.hidden for screen in regimes] == [("eu_rule",)]
    assert any("goes with profile.markets being eu" in line for line in prompt.told)
    # Both markets: every regime is listed; unanswered, nothing is left out either.
    _, both, _ = run_walk(bank, ["1,2", ":q"])
    assert [s.hidden for s in both.screens if s.question.id == "profile.regimes"] == [()]
    # An answer already holding a hidden option keeps it listed, so that it can be seen.
    _, again, _ = run_walk(bank, ["us", "eu_rule,us_rule", ":b", "", ":q"])
    shown = [s.hidden for s in again.screens if s.question.id == "profile.regimes"]
    assert shown == [("eu_rule",), ()]


def test_the_builtin_regimes_of_other_markets_are_left_out() -> None:
    from mlready.core.walk import unexpected_options
    from mlready.io.bank_file import load_bank

    bank = load_bank()
    answers = empty_answers("mlready.yaml").with_entry(
        "profile.markets", AnswerEntry(value=("us",))
    )
    hidden = unexpected_options(bank.questions["profile.regimes"], bank, answers)
    regimes = [option.value for option in bank.questions["profile.regimes"].options]
    offered = [value for value in regimes if value not in hidden]
    assert "eu_high_risk" in hidden and "china_genai" in hidden and "korea_ai" in hidden
    assert {"us_credit", "colorado", "hipaa", "model_risk", "none"} <= set(offered)
    assert all(
        value.startswith(("eu_", "gpai", "dsa", "nis2", "china", "korea", "platform_work", "uk_"))
        for value in hidden
    )
    role = unexpected_options(bank.questions["profile.ai_act_role"], bank, answers)
    assert role == ("provider", "deployer", "both")
