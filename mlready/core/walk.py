"""The interactive review, independent of any terminal."""

# The walk decides what to ask next and what an input means; a `Prompt` shows questions and
# reads lines (the terminal in `mlready ask`, a script in tests). Every accepted answer is passed
# to `save` at once, so that nothing answered is lost, whatever ends the walk.

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import NamedTuple, Protocol

from mlready.core.answers import Answers
from mlready.core.evidence import CheckEvidence, contradictions
from mlready.core.kinds import Invalid, is_scored, kind_of
from mlready.core.messages import N_, _, language, ngettext, series, translated
from mlready.core.model import (
    NA,
    Action,
    AnswerEntry,
    Area,
    Bank,
    OptionValue,
    Project,
    Question,
    Record,
    record,
)
from mlready.core.scoring import (
    Unexpected,
    answers_not_expected,
    applicable_questions,
    check_score,
    expects_otherwise,
    in_core,
    pending_answers,
    severity_rule,
    suggested_answers,
    suggested_by,
    unheeded,
)
from mlready.core.vocabulary import EvidenceState, Kind, Severity

# What the repository says of an answer just given (None: nothing to say).
Judge = Callable[[Question, AnswerEntry], CheckEvidence | None]
COMMANDS = N_("? help · :b back · :s skip · :q quit")
_QUIT = (":quit", ":q")  # lower-cased, at every prompt of a walk


@record
class Screen(Record):
    """What to show for one question."""

    question: Question
    area: Area
    area_position: int
    area_total: int
    position: int
    total: int
    current: AnswerEntry | None
    evidence: CheckEvidence | None = None  # what the repository showed for this question
    # The severity the answers so far give the check, when a rule of its own sets it.
    chosen_severity: Severity | None = None
    # Options of a decision that go with other answers than those given to earlier decisions
    # (an option's `expects`): not listed, though typing one still chooses it.
    hidden: tuple[OptionValue, ...] = ()
    # Options of a decision that answers to earlier decisions suggest (their `suggests`): the
    # regimes that credit scoring in the EU brings, say. Marked, never chosen for the person.
    suggested_options: tuple[OptionValue, ...] = ()

    @property
    def suggested(self) -> str | None:
        """The option the repository suggests, which Enter takes, for an unanswered question."""
        if self.current is not None or self.evidence is None:
            return None
        return self.evidence.suggested

    @property
    def severity(self) -> Severity | None:
        """How much a gap in this check matters; None for a decision or free text."""
        if not is_scored(self.question):
            return None
        return self.chosen_severity or self.question.gap_severity

    @property
    def progress(self) -> str:
        """Where the walk is: in the area and overall."""
        # The area's id in English, short and what `--area` takes; in another language its
        # title, as the person reads it.
        area = self.area.id if language() == "en" else " ".join(self.area.title.split())
        return _("{area} {position}/{count} · {overall}/{total} overall").format(
            area=area,
            position=self.area_position,
            count=self.area_total,
            overall=self.position,
            total=self.total,
        )

    @property
    def hint(self) -> str:
        """The reminder on the prompt line."""
        shape = kind_of(self.question).input_hint(self.question)
        keep = _(" · Enter keeps") if self.current else ""
        if self.suggested is not None:
            keep = _(" · Enter takes {value}").format(value=self.suggested)
        na = " · " + _(":na not applicable") if self.question.na else ""
        return f"{shape}{keep} · {_(COMMANDS)}{na}"


class Prompt(Protocol):
    """How the walk talks to a person."""

    def question(self, screen: Screen) -> str:
        """Show the question and return the line typed. Raises EOFError or KeyboardInterrupt."""

    def text(self, label: str, *, default: str | None = None) -> str:
        """Ask for a line of free text (empty when skipped)."""

    def tell(self, message: str) -> None:
        """Show a hint or help text."""


@record
class WalkResult(Record):
    """The answers a walk ends with, and whether it reached the end."""

    answers: Answers
    completed: bool  # False when the person quit early
    asked: int = 0  # how many questions were shown: 0 when nothing was left to ask


class _Back(Exception):
    """The person asked to go back one question."""


class _Quit(Exception):
    """The person asked to save and quit."""


class _Again(Exception):
    """The person went back from a follow-up prompt to the question it follows."""


def walk(
    bank: Bank,
    answers: Answers,
    *,
    prompt: Prompt,
    save: Callable[[Answers], None],
    area: str | None = None,
    redo: bool = False,
    core: bool = False,
    follow_ups: bool = True,
    today: dt.date | None = None,
    evidence: Mapping[str, CheckEvidence] | None = None,
    judge: Judge | None = None,
) -> WalkResult:
    """Ask the applicable questions in bank order; return the answers when done or quit."""
    # `evidence` (a scan of the repository) is shown with the questions it concerns, and the
    # option it suggests for an unanswered one is what Enter takes. `judge` says what the scan
    # makes of an answer just given: one the repository contradicts is shown with what was
    # not found, and kept only when the person confirms it (with a note of why, if they like).
    #
    # Without `redo`, only questions unanswered when the walk starts (or that a changed decision
    # brings in) are asked. `area` limits the walk to one area; `core` to the core track (see
    # `in_core`: minor checks that cap nothing are left for a later walk, and are not counted
    # in its progress). Without `follow_ups`, a gap is not followed by its note, evidence link,
    # owner and due date (the shortest first pass; `redo` asks them later). Each answer is
    # saved at once;
    # `project.reviewed` becomes `today` once anything was answered. EOFError (Ctrl-D) ends the
    # walk like `:quit`; KeyboardInterrupt propagates after the last answer was saved.
    state = _Walk(
        bank, answers, prompt=prompt, save=save, area=area, redo=redo, core=core, today=today
    )
    state.follow_ups = follow_ups
    state.evidence = dict(evidence or {})
    state.judge = judge
    try:
        state.run()
    except (_Quit, EOFError):
        return WalkResult(answers=state.answers, completed=False, asked=len(state.shown))
    return WalkResult(answers=state.answers, completed=True, asked=len(state.shown))


class _Walk:
    def __init__(
        self,
        bank: Bank,
        answers: Answers,
        *,
        prompt: Prompt,
        save: Callable[[Answers], None],
        area: str | None,
        redo: bool,
        core: bool,
        today: dt.date | None,
    ) -> None:
        self.bank = bank
        self.answers = answers
        self.prompt = prompt
        self._save = save
        self.area = area
        self.redo = redo
        self.core = core
        self.today = today
        self.evidence: dict[str, CheckEvidence] = {}
        self.judge: Judge | None = None
        self.follow_ups = True
        self.answered_at_start = {q for q in bank.questions if answers.get(q) is not None}
        self.order = {question_id: index for index, question_id in enumerate(bank.questions)}
        self.shown: set[str] = set()
        self.told: set[Unexpected] = set()  # answers that do not go together, said once
        self.told_unheeded: set[tuple[str, str]] = set()  # suggestions left out, said once

    def save(self, answers: Answers) -> None:
        if self.today is not None:
            answers = answers.with_project(replace(answers.project, reviewed=self.today))
        self.answers = answers
        self._save(answers)

    def candidates(self) -> list[Question]:
        """The questions this walk asks, given the answers so far, in bank order."""
        return [
            question
            for question in self.scope()
            if self.redo or question.id not in self.answered_at_start
        ]

    def scope(self) -> list[Question]:
        """The questions that apply to this walk, answered or not: what its progress counts."""
        return in_scope(self.bank, self.answers, area=self.area, core=self.core)

    def run(self) -> None:
        history: list[str] = []
        current: Question | None = self._after(-1)
        while current is not None:
            # Without a question of this walk to go back to, `:b` goes to the one before in
            # the review: after a resume, the last one answered before `:q`. A question gone
            # back to is asked again on the way forward, as a question of this walk.
            earlier = self.bank.questions[history[-1]] if history else self._before(current)
            try:
                self.ask(current, can_go_back=earlier is not None)
            except _Back:
                if history:
                    history.pop()
                elif earlier is not None:
                    self.answered_at_start.discard(earlier.id)
                current = earlier
                continue
            history.append(current.id)
            current = self._after(self.order[current.id])

    def _before(self, question: Question) -> Question | None:
        scope = self.scope()
        return next(
            (q for q in reversed(scope) if self.order[q.id] < self.order[question.id]), None
        )

    def _after(self, index: int) -> Question | None:
        return next((q for q in self.candidates() if self.order[q.id] > index), None)

    def screen(self, question: Question) -> Screen:
        # Counted over every question of the walk's scope, answered before it or not: a walk
        # resumed after `:q` goes on counting where the last one stopped.
        scope = self.scope()
        if question not in scope:  # reached through :back after its decision changed
            scope = sorted([*scope, question], key=lambda q: self.order[q.id])
        area = self.bank.area_of[question.id]
        in_area = [q for q in scope if self.bank.area_of[q.id] is area]
        return Screen(
            question=question,
            area=area,
            area_position=in_area.index(question) + 1,
            area_total=len(in_area),
            position=scope.index(question) + 1,
            total=len(scope),
            current=self.answers.get(question.id),
            evidence=self.evidence.get(question.id),
            chosen_severity=_chosen_severity(question, self.bank, self.answers, self.today),
            hidden=unexpected_options(question, self.bank, self.answers),
            suggested_options=suggested_options(question, self.bank, self.answers),
        )

    def ask(self, question: Question, *, can_go_back: bool) -> None:
        """Ask until the input answers, skips or leaves the question."""
        self.shown.add(question.id)
        while True:
            line = self.prompt.question(self.screen(question)).strip()
            command = line.lower()
            if command in ("?", ":help", ":h"):
                self.prompt.tell(_help_text(question))
            elif command in (":back", ":b"):
                if can_go_back:
                    raise _Back
                self.prompt.tell(_("This is the first question of this walk."))
            elif command in (":skip", ":s"):
                return
            elif command in _QUIT:
                raise _Quit
            elif command == ":na":
                try:
                    if self.answer_na(question):
                        return
                except _Again:
                    continue
            elif command.startswith(":"):
                self.prompt.tell(
                    _("Unknown command '{line}'. Commands: {commands}, :na").format(
                        line=line, commands=_(COMMANDS)
                    )
                )
            elif not line:
                kept = self.answers.get(question.id)
                if kept is not None:
                    # A gap kept with Enter that has no follow-ups yet (a `--quick` pass left
                    # them) is asked them now, as a new answer would be.
                    followed = kept.note or kept.evidence or kept.action or kept.waiver
                    if kept.value != NA and not followed:
                        try:
                            self.follow_up(question, kept)
                        except _Again:
                            continue
                    return
                suggested = self.screen(question).suggested
                if suggested is not None:  # the person took what the repository suggests
                    try:
                        self.answer(question, suggested)
                    except _Again:
                        continue
                    return
                self.prompt.tell(_("Please answer, or type :s to skip this question."))
            else:
                value = kind_of(question).parsed(question, line)
                if isinstance(value, Invalid):
                    self.prompt.tell(value.message)
                    continue
                try:
                    self.answer(question, value)
                except _Again:
                    continue
                return

    def text(self, label: str, *, default: str | None = None) -> str:
        """Free text typed at a follow-up prompt, where `:b` and `:q` work as at a question."""
        typed = self.prompt.text(label, default=default)
        command = typed.strip().lower()
        if command in _QUIT:
            raise _Quit
        if command in (":back", ":b"):
            raise _Again
        return typed

    def answer(self, question: Question, value: str | tuple[str, ...]) -> None:
        if value == ():
            left_out = self.left_out_by_none(question)
            if left_out:  # asked again unless confirmed: none shrinks the review a lot
                self.prompt.tell(
                    ngettext(
                        "None chosen: {count} question that depends on this answer leaves "
                        "the review.",
                        "None chosen: {count} questions that depend on this answer leave "
                        "the review.",
                        left_out,
                    ).format(count=left_out)
                )
                if not self.confirmed(_("Keep none? y keeps it, Enter chooses again")):
                    raise _Again
        previous = self.answers.entries.get(question.id) or AnswerEntry()
        entry = replace(previous, value=value)
        self.save(self.answers.with_entry(question.id, entry))
        if not is_scored(question):
            self.tell_unexpected()
        if is_scored(question) and self.contradicted(question, entry):
            if not self.confirmed(_("Keep this answer? y keeps it, Enter chooses again")):
                raise _Again
            if check_score(question, entry) >= 1:  # a lower answer asks for its note below
                note = self.text(_("Note: why the repository does not show it"), default=entry.note)
                entry = replace(entry, note=note or None)
                self.save(self.answers.with_entry(question.id, entry))
        self.follow_up(question, entry)

    def follow_up(self, question: Question, entry: AnswerEntry) -> None:
        """After a gap: its note, evidence link, owner and due date (none with `--quick`)."""
        if self.follow_ups and is_scored(question) and check_score(question, entry) < 1:
            # Each follow-up is saved as soon as it is typed: `:q` at the next one keeps it.
            note = self.text(_("Note (Enter to skip)"), default=entry.note)
            entry = replace(entry, note=note or None)
            self.save(self.answers.with_entry(question.id, entry))
            evidence = self.text(
                _("Evidence link (Enter to skip)"), default=", ".join(entry.evidence) or None
            )
            items = tuple(item.strip() for item in evidence.split(",") if item.strip())
            entry = replace(entry, evidence=items)
            self.save(self.answers.with_entry(question.id, entry))
            entry = replace(entry, action=self.action(entry.action))
            self.save(self.answers.with_entry(question.id, entry))

    def tell_unexpected(self) -> None:
        """Say, once each, an answer that does not go with another as the bank expects: the
        profile decides what is asked next, and a contradiction hides checks. One set right and
        then made again is said again: the person changed the answer since."""
        decisions = [q for q in applicable_questions(self.bank, self.answers) if not is_scored(q)]
        self.tell_unheeded(decisions)
        found = answers_not_expected(self.answers, decisions)
        self.told &= set(found)
        for item in found:
            if item not in self.told:
                self.told.add(item)
                self.prompt.tell(
                    _(
                        "'{id}' is {value}, which goes with {other} being {wanted}; check the "
                        "profile, as it decides which checks are asked"
                    ).format(
                        id=item.question,
                        value=item.value,
                        other=item.other,
                        wanted=translated(series(list(item.wanted), joint=N_(" or "))),
                    )
                )

    def tell_unheeded(self, decisions: list[Question]) -> None:
        """Say, once each, a value other answers suggest that an answer leaves out without a
        note screening it out: what `check` warns of, said while the person can still choose."""
        found = {(item.question, item.value): item for item in unheeded(self.answers, decisions)}
        self.told_unheeded &= set(found)
        for key, item in found.items():
            if key not in self.told_unheeded:
                self.told_unheeded.add(key)
                self.prompt.tell(
                    _(
                        "'{id}' leaves out {value}, suggested by {reasons}; choose it, or write "
                        "in the note of '{id}' in the answers file why it does not apply, as "
                        "'{value}: why'"
                    ).format(
                        id=item.question, value=item.value, reasons=translated(suggested_by(item))
                    )
                )

    def contradicted(self, question: Question, entry: AnswerEntry) -> bool:
        """Whether the repository contradicts this answer; if so, tell what was not found."""
        judged = self.judge(question, entry) if self.judge is not None else None
        if judged is None or judged.state is not EvidenceState.CONTRADICTED:
            return False
        self.prompt.tell(_("The repository does not show this answer:"))
        for _check, missing in contradictions({question.id: judged}):
            for line in missing:
                self.prompt.tell("  " + translated(line))
        return True

    def action(self, current: Action | None) -> Action | None:
        """Who closes a gap and by when, typed at two follow-up prompts (Enter skips each)."""
        current = current or Action()
        owner = self.text(_("Action owner (Enter to skip)"), default=current.owner)
        shown = current.due.isoformat() if current.due else None
        while True:
            typed = self.text(_("Due date YYYY-MM-DD (Enter to skip)"), default=shown).strip()
            try:
                due = dt.date.fromisoformat(typed) if typed else None
            except ValueError:
                self.prompt.tell(
                    _("'{typed}' is not a date like 2027-03-31; Enter skips it.").format(
                        typed=typed
                    )
                )
                continue
            if due is not None and self.today is not None and due < self.today:
                self.prompt.tell(
                    _("{due} is in the past: the action is overdue at once.").format(
                        due=due.isoformat()
                    )
                )
                if not self.confirmed(_("Keep this date? y keeps it, Enter asks again")):
                    if typed == shown:  # the date kept from before: Enter no longer takes it
                        shown = None
                    continue
            break
        action = replace(current, owner=owner.strip() or None, due=due)
        return None if action == Action() else action

    def confirmed(self, label: str) -> bool:
        """Whether the person typed yes at a follow-up prompt (`:b` and `:q` work there)."""
        typed = self.text(label).strip().lower()
        return typed in {"y", "yes", _("yes")}

    def left_out_by_none(self, question: Question) -> int:
        """How many questions an answer of none to `question` leaves out of the walk, for a
        multi decision of the profile without an option of its own for "none" (else 0)."""
        # The profile decides which questions of every area apply: none for what the system
        # does, how it predicts or where it runs takes out whole parts of the review. A
        # question with an exclusive option ("none known") says none with that option.
        if (
            question.kind is not Kind.MULTI
            or all(asked.id != question.id for asked in self.bank.profile)
            or any(option.exclusive for option in question.options)
        ):
            return 0
        every = tuple(option.value for option in question.options)
        with_every = self.answers.with_entry(question.id, AnswerEntry(value=every))
        with_none = self.answers.with_entry(question.id, AnswerEntry(value=()))
        return len(applicable_questions(self.bank, with_every)) - len(
            applicable_questions(self.bank, with_none)
        )

    def answer_na(self, question: Question) -> bool:
        if not question.na:
            self.prompt.tell(_("This question cannot be marked not applicable."))
            return False
        current = self.answers.entries.get(question.id) or AnswerEntry()
        reason = self.text(_("Why does it not apply?"), default=current.note)
        if not reason:
            self.prompt.tell(_("A reason is needed to mark it not applicable."))
            return False
        entry = replace(current, value=NA, note=reason)
        self.save(self.answers.with_entry(question.id, entry))
        return True


def unexpected_options(question: Question, bank: Bank, answers: Answers) -> tuple[OptionValue, ...]:
    """The options of a decision that go with other answers than those already given to the
    decisions before it (its `expects`): the regimes of markets not named, say. An option the
    answer already holds stays, so that a person sees what they chose."""
    if is_scored(question) or not any(option.expects for option in question.options):
        return ()
    order = list(bank.questions)
    before = {q.id for q in applicable_questions(bank, answers)} & set(
        order[: order.index(question.id)]
    )
    current = answers.get(question.id)
    chosen = set(current.chosen) if current is not None else set()
    return tuple(
        option.value
        for option in question.options
        if option.value not in chosen and expects_otherwise(option, answers, before)
    )


def suggested_options(question: Question, bank: Bank, answers: Answers) -> tuple[OptionValue, ...]:
    """The options of a decision that answers to other decisions suggest (their `suggests`),
    less those that go with other answers (their `expects`)."""
    if is_scored(question) or not any(
        name == question.id
        for other in bank.questions.values()
        for option in other.options
        for name in option.suggests
    ):
        return ()
    found = suggested_answers(answers, applicable_questions(bank, answers))
    return tuple(dict.fromkeys(item.value for item in found if item.question == question.id))


def _chosen_severity(
    question: Question, bank: Bank, answers: Answers, today: dt.date | None
) -> Severity | None:
    if not isinstance(question.severity, tuple):
        return None
    # Over the whole bank: a walk of one area still follows the profile's answers; a regime
    # not yet in force on the walk's date does not make the gap more serious, as in `check`.
    applicable = {q.id: q for q in applicable_questions(bank, answers)}
    pending = frozenset(pending_answers(bank, answers, today or dt.date.today()))
    rule = severity_rule(question, applicable, answers, pending)
    return rule.is_ if rule else None


def in_scope(
    bank: Bank, answers: Answers, *, area: str | None = None, core: bool = False
) -> list[Question]:
    """The questions that apply given `answers` (in `area` only, when given; on the core track
    only, with `core`), in bank order: what a walk counts, answered or not."""
    applicable = applicable_questions(bank, answers)
    by_id = {question.id: question for question in applicable}
    return [
        question
        for question in applicable
        if (area is None or bank.area_of[question.id].id == area)
        and (not core or in_core(question, by_id, answers))
    ]


class Progress(NamedTuple):
    """How far a review is: of the questions in a walk's scope, how many are answered."""

    answered: int
    total: int


def progress_of(
    bank: Bank, answers: Answers, *, area: str | None = None, core: bool = False
) -> Progress:
    """How many of the questions that apply (in `area` only, when given; on the core track
    only, with `core`) are answered."""
    scope = in_scope(bank, answers, area=area, core=core)
    return Progress(sum(1 for q in scope if answers.get(q.id) is not None), len(scope))


class ProjectAnswered(NamedTuple):
    """The project after its questions, and whether the person quit at one of them."""

    project: Project
    quit: bool  # `:q` typed: what was typed before it is kept, the walk is not to start


def ask_project(project: Project, *, prompt: Prompt) -> ProjectAnswered:
    """Ask for the project's name and owner where they are empty (Enter leaves them so);
    `:q` at either stops there, as it stops a walk."""
    name = project.name
    if not name:
        name = prompt.text(_("Project name")).strip()
        if name.lower() in _QUIT:
            return ProjectAnswered(project, quit=True)
    owner = project.owner
    if not owner:
        owner = prompt.text(_("Owner (team or person)")).strip()
        if owner.lower() in _QUIT:
            return ProjectAnswered(replace(project, name=name or None), quit=True)
    return ProjectAnswered(replace(project, name=name or None, owner=owner or None), quit=False)


def _help_text(question: Question) -> str:
    parts = [_("Why: {why}").format(why=question.why)]
    if question.help:
        parts.append(question.help)
    if question.fix:
        parts.append(_("If not: {fix}").format(fix=question.fix))
    parts += [_("See: {ref}").format(ref=ref) for ref in question.refs]
    return "\n".join(parts)
