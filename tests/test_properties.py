"""Properties that hold for any input: loading never fails but with InputError, writing and
reading answers gives them back, scores stay in range and never reward a worse answer."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlready.core.answers import Answers, answers_from_document, empty_answers
from mlready.core.bank import bank_from_document
from mlready.core.errors import InputError
from mlready.core.model import NA, AnswerEntry, Bank, Project, Question
from mlready.core.scoring import score
from mlready.core.vocabulary import Kind
from mlready.io.answers_file import render_answers
from mlready.io.yamlio import parse_yaml
from mlready.render import escape
from tests.helpers.small_bank import SMALL_BANK

BANK: Bank = bank_from_document(parse_yaml(SMALL_BANK, source="small.yaml"))
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Text as people type it: any printable character, spaces and line breaks.
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\t "),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip())


def load(text: str) -> Answers:
    return answers_from_document(parse_yaml(text, source="generated.yaml"), BANK)


# --- loading anything -------------------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | typed_text
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(typed_text, inner, max_size=3),
    max_leaves=8,
)
question_ids = st.sampled_from([*BANK.questions, "data.unknown", "Not An Id"])
answer_values = (
    st.sampled_from(["yes", "no", "partial", "na", "image", "batch", "automated", "maybe"]) | values
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "mlready": st.sampled_from([1, 2, "1", None]),
        "bank": st.sampled_from(["small", "small@1", "small@2", "other@1", "Bad Id"]),
        "project": st.fixed_dictionaries(
            {}, optional={"name": values, "owner": values, "reviewed": values}
        )
        | values,
        "answers": st.dictionaries(
            question_ids,
            answer_values
            | st.fixed_dictionaries(
                {"value": answer_values},
                optional={"note": values, "evidence": values, "waiver": values},
            ),
            max_size=6,
        )
        | values,
    },
)


@PROPERTY_SETTINGS
@given(documents)
def test_any_answers_file_loads_or_is_an_input_error(document: dict[str, Any]) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        answers = load(text)
    except InputError as error:
        lines = str(error).splitlines()
        assert all(line.startswith(("generated.yaml", "… and ")) for line in lines)
    else:
        assert set(answers.entries) <= set(BANK.questions)


@PROPERTY_SETTINGS
@given(st.text(max_size=300))
def test_any_text_loads_or_is_an_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        load(text)


# --- writing, then reading ------------------------------------------------------------------


def entry_for(question: Question) -> st.SearchStrategy[AnswerEntry | None]:
    options = [option.value for option in question.options]
    if question.kind is Kind.TEXT:
        value: st.SearchStrategy[Any] = typed_text
    elif question.kind is Kind.MULTI:
        value = st.lists(st.sampled_from(options), unique=True).map(tuple)
    else:
        value = st.sampled_from(options)
    entries = st.builds(
        AnswerEntry,
        value=value,
        note=st.none() | typed_text,
        evidence=st.lists(typed_text, max_size=2).map(tuple),
    )
    if question.na:
        entries |= st.builds(AnswerEntry, value=st.just(NA), note=typed_text)
    return st.none() | entries


reviews = st.fixed_dictionaries(
    {question_id: entry_for(question) for question_id, question in BANK.questions.items()}
).map(
    lambda chosen: empty_answers("mlready.yaml")._replace(
        entries={key: entry for key, entry in chosen.items() if entry is not None}
    )
)
projects = st.builds(
    Project,
    name=st.none() | typed_text,
    owner=st.none() | typed_text,
    reviewed=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
)


@PROPERTY_SETTINGS
@given(reviews, projects)
def test_written_answers_read_back_the_same(answers: Answers, project: Project) -> None:
    answers = answers.with_project(project)
    again = load(render_answers(BANK, answers))
    assert dict(again.entries) == dict(answers.entries)
    assert again.project == project


# --- scores -----------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(reviews, st.sampled_from([q for q in BANK.questions.values() if q.kind is Kind.CHECK]))
def test_scores_stay_in_range_and_a_worse_answer_never_scores_higher(
    answers: Answers, check: Question
) -> None:
    card = score(BANK, answers)
    for value in [card.score, card.mean, *(area.score for area in card.areas)]:
        assert value is None or 0 <= value <= 100
    ranked = sorted(check.options, key=lambda option: option.score or 0.0)
    scores = []
    for option in ranked:
        entry = AnswerEntry(value=option.value)
        scores.append(score(BANK, answers.with_entry(check.id, entry)).score)
    comparable = [value for value in scores if value is not None]
    assert comparable == sorted(comparable)


# Any text, with what matters to Markdown, terminals and whitespace folding drawn more often.
marked_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",))
    | st.sampled_from("\\`*_[]<>|~&$#+=-.)1 \t\n\r\x1b\x85\xa0\u2028\u202e\u3000"),
    max_size=30,
)


@PROPERTY_SETTINGS
@given(marked_text)
def test_the_shortcut_for_plain_text_agrees_with_the_full_escaping(text: str) -> None:
    # Text with nothing to escape is returned as it is; the full path must say the same.
    assert escape.markdown_text(text) == escape._escaped_lines(text)
    assert escape.markdown_cell(text) == escape._escape_markdown(escape._folded(text))
    assert escape.one_line(text) == escape._folded(text)


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(["Is", "data", "v1.2", "ok?", "12", "1.", "#x", "é", "a:b"])))
def test_words_are_plain_unless_they_start_a_block(words: list[str]) -> None:
    text = " ".join(words)
    assert escape.markdown_cell(text) == escape._escape_markdown(escape._folded(text))
