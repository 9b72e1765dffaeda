"""What every rendering of a review says, computed once: the outcome of a check and its view.

Plain text, the terminal, Markdown and the CI formats only lay out what is decided here.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from mlready.core.messages import _, language, ngettext, series, translated
from mlready.core.plan import expiring_waivers, overdue_actions
from mlready.core.signoff import signoff_states
from mlready.core.vocabulary import Severity, word_for
from mlready.render.escape import one_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from mlready.core.evidence import CheckEvidence
    from mlready.core.gate import Gate, Verdict
    from mlready.core.model import Bank
    from mlready.core.scoring import Gap, Scorecard

BAR_WIDTH = 20
MIN_BAR = 5  # below this a bar says nothing; it is left out


class Outcome(NamedTuple):
    """One answers file's scorecard and the gate's verdict on it."""

    scorecard: "Scorecard"
    verdict: "Verdict"
    evidence: "Mapping[str, CheckEvidence]" = MappingProxyType({})  # by check id; empty: no scan
    # The bank in English when the scorecard's is in another language: the names that machines
    # read (JUnit's test names) are the same in every language.
    english: "Bank | None" = None

    @property
    def name(self) -> str:
        """The project's name, or else the answers file."""
        return self.scorecard.answers.project.name or self.scorecard.answers.source


def review_summary(outcome: Outcome) -> str:
    """One sentence for documents that name the review: the system, the bank, level, score."""
    card = outcome.scorecard
    return _("Readiness review of {name} against {bank}: level {level}, score {score}").format(
        name=outcome.name,
        bank=card.bank.ref,
        level=card.level.shown,
        score=format_score(card.score),
    )


def format_score(value: float | None) -> str:
    """A score as people read it: `87.5`, or `n/a` for none."""
    return _("n/a") if value is None else f"{value:g}"


def text_bar(
    value: float | None, *, width: int = BAR_WIDTH, full: str = "#", empty: str = "."
) -> str:
    """A bar of `width` characters for a score 0..100."""
    if value is None:
        return " " * width
    filled = round(value / 100 * width)
    return full * filled + empty * (width - filled)


def bar_width(room: int) -> int:
    """The widest bar, up to BAR_WIDTH, that fits `room` columns; 0 (no bar) below MIN_BAR."""
    width = min(BAR_WIDTH, room)
    return width if width >= MIN_BAR else 0


def answer_line(scorecard: "Scorecard", question_id: str) -> int:
    """The answers file line of a question's answer, or of the `answers:` key when unanswered."""
    answers = scorecard.answers
    return answers.lines.get(question_id) or answers.answers_line


def waived_lines(card: "Scorecard") -> list[str]:
    """One line per waived gap: the check, the reason, who approved it and until when."""
    return [
        _("{id}: {reason} (approved by {who}, until {expires})").format(
            id=gap.question.id,
            reason=one_line(gap.waiver.reason),
            who=one_line(gap.waiver.approved_by),
            expires=gap.waiver.expires,
        )
        for gap in card.waived
        if gap.waiver is not None
    ]


def overdue_lines(card: "Scorecard") -> list[tuple[str, str]]:
    """One (check, what is late) pair per overdue action: its owner and due date."""
    lines = []
    for item in overdue_actions(card):
        action = item.action
        if action is None or action.due is None:  # an overdue action has a due date
            continue
        due = _("due {date}").format(date=action.due)
        if action.owner:
            due = _("{owner}, {due}").format(owner=one_line(action.owner), due=due)
        lines.append((item.gap.question.id, due))
    return lines


def expiring_lines(card: "Scorecard") -> list[str]:
    """One line per waiver that ends within 30 days: the check and the day it ends."""
    today = card.today
    lines = []
    for gap in expiring_waivers(card):
        if gap.waiver is None:
            continue
        days = (gap.waiver.expires - today).days if today else None
        if days is None:
            left = ""
        elif days == 0:
            left = _(" (today)")
        else:
            left = ngettext(" (in {count} day)", " (in {count} days)", days).format(count=days)
        ends = _("{id}: waiver ends {date}").format(id=gap.question.id, date=gap.waiver.expires)
        lines.append(ends + left)
    return lines


def signoff_lines(card: "Scorecard") -> list[str]:
    """One line per sign-off: who, as what, when, and whether it covers the answers now."""
    return [
        _("{name} ({role}), {date}: {status}").format(
            name=one_line(state.signoff.name),
            role=one_line(state.signoff.role),
            date=state.signoff.date,
            status=translated(state.status),
        )
        for state in signoff_states(card.answers)
    ]


def cap_lines(card: "Scorecard") -> list[tuple[str, str]]:
    """One (what, why) pair per cap that sets the level, when it is below the top."""
    lines = []
    for cap in card.binding_caps:
        level = cap.level.shown
        checks = translated(series([gap.question.id for gap in cap.gaps]))
        if cap.kind == "gap" and not cap.gaps[0].lowest:
            why = _("with an answer that caps the level at {level}")
        elif cap.kind == "gap":
            why = _("at its lowest grade, which caps the level at {level}")
        elif cap.kind == "owned":
            why = _("at its lowest grade, with an owned plan, which caps the level at {level}")
        elif cap.kind == "waived":
            why = _(
                "waived, which lifts no cap this low (a waiver accepts a risk for the gate; it "
                "does not make a trial lawful or live use safe): it caps the level at {level}"
            )
        elif cap.kind == "partly_done":
            why = _("three or more partly done or only planned, which caps the level at {level}")
        elif cap.kind == "unscored":
            checks = _("score")
            why = _(
                "no applicable check is scored (each is n/a, or none applies), which leaves "
                "the level at {level}"
            )
        else:
            checks = _("score")
            why = _("an area below {min}, which caps the level at {level}")
        minimum = format_score(card.bank.levels[-2].min if len(card.bank.levels) > 1 else 0)
        lines.append((checks, why.format(level=level, min=minimum)))
    return lines


class LevelRule(NamedTuple):
    """One rule that can cap the level, as the report's table shows it: what it is, the level
    it caps at, what this review has of it, and whether that sets the level."""

    rule: str
    caps_at: str
    found: str
    sets_level: bool


def level_rules(card: "Scorecard") -> tuple[LevelRule, ...]:
    """Every rule that can cap the level, with what the review has of each: the whole of how
    the level was set, where `cap_lines` names only what holds it down."""
    from mlready.core.scoring import partly_done

    levels = card.bank.levels
    second = levels[min(1, len(levels) - 1)]
    caps = card.caps

    def found(kinds: set[str], test: "Callable[[Gap], bool]") -> tuple[str, bool]:
        chosen = [c for c in caps if c.kind in kinds and c.gaps and test(c.gaps[0])]
        said = translated(
            series(
                [
                    (
                        _("{check} (lifted to {level} by its plan)")
                        if c.kind == "owned"
                        else _("{check} ({level})")
                    ).format(check=c.gaps[0].question.id, level=c.level.shown)
                    for c in chosen
                ]
            )
        )
        return said or _("none"), any(card.sets_level(c) for c in chosen)

    gap_kinds = {"gap", "owned", "waived"}
    answer_caps = found(gap_kinds, lambda gap: gap.chosen_caps is not None)
    blockers = found(
        gap_kinds,
        lambda gap: gap.chosen_caps is None and gap.severity is Severity.BLOCKER,
    )
    named = found(
        gap_kinds,
        lambda gap: gap.chosen_caps is None and gap.severity is not Severity.BLOCKER,
    )
    several = next((cap for cap in caps if cap.kind == "partly_done"), None)
    if several is not None:
        partly = translated(series([gap.question.id for gap in several.gaps]))
    else:
        half_met = len(partly_done(card.bank, card.open_gaps, card.today or dt.date.today()))
        partly = ngettext("{count} partly done", "{count} partly done", half_met).format(
            count=half_met
        )
    capping = [(card.capping_score(row), row.area.title) for row in card.areas]
    weakest = min(
        ((value, title) for value, title in capping if value is not None),
        key=lambda pair: pair[0],
        default=None,
    )
    score_cap = next((cap for cap in caps if cap.kind == "score"), None)
    floor = format_score(levels[-2].min if len(levels) > 1 else 0)
    return (
        LevelRule(
            _("A blocker at its lowest grade, or unanswered"),
            _("the level the check names, else {lowest}").format(
                lowest=card.bank.lowest_level.shown
            ),
            *blockers,
        ),
        LevelRule(
            _("A major or minor that names a cap, at its lowest grade"),
            _("the level it names"),
            *named,
        ),
        LevelRule(
            _("An answer that names a cap, at any grade"),
            _("the level it names"),
            *answer_caps,
        ),
        LevelRule(
            _("Three or more blockers only partly done, with plans or without"),
            second.shown,
            partly,
            several is not None and card.sets_level(several),
        ),
        LevelRule(
            _("An area under {min}, over its blockers and majors").format(min=floor),
            second.shown,
            _("lowest: {area} {score}").format(
                area=one_line(weakest[1]), score=format_score(weakest[0])
            )
            if weakest is not None
            else _("none"),
            score_cap is not None and card.sets_level(score_cap),
        ),
        # Shown only when it holds: with no score, nothing else in the table explains the level.
        *(
            LevelRule(
                _("No applicable check scored (each n/a, or none applies)"),
                card.bank.lowest_level.shown,
                _("no score"),
                card.sets_level(cap),
            )
            for cap in caps
            if cap.kind == "unscored"
        ),
    )


def level_note(card: "Scorecard") -> str | None:
    """What the level holds with: that no open gap caps it (at the top), and its conditions,
    the serious gaps that cap nothing (blockers partly done, majors at their lowest grade), and
    how many of them no plan owns."""
    from mlready.core.scoring import PLAN_HORIZON_DAYS

    parts = []
    if card.level == card.bank.levels[0] and card.score is not None:
        parts.append(_("No open gap caps the level."))
    due_soon = [gap for gap in card.conditions if gap.upcoming is not None]
    conditions = [gap for gap in card.conditions if gap.upcoming is None]
    if card.conditions:
        blockers = sum(1 for gap in conditions if gap.severity is Severity.BLOCKER)
        # A blocker at its lowest grade is a condition only where an owned plan lifted its cap.
        planned = sum(1 for g in conditions if g.severity is Severity.BLOCKER and g.lowest)
        counts = [
            ngettext(
                "{count} blocker only partly done",
                "{count} blockers only partly done",
                blockers - planned,
            ).format(count=blockers - planned)
            if blockers > planned
            else "",
            ngettext(
                "{count} blocker not done, with an owned plan",
                "{count} blockers not done, with owned plans",
                planned,
            ).format(count=planned)
            if planned
            else "",
            ngettext(
                "{count} major at its lowest grade",
                "{count} majors at their lowest grade",
                len(conditions) - blockers,
            ).format(count=len(conditions) - blockers)
            if len(conditions) > blockers
            else "",
            ngettext(
                "{count} duty that applies within a year",
                "{count} duties that apply within a year",
                len(due_soon),
            ).format(count=len(due_soon))
            if due_soon
            else "",
        ]
        parts.append(
            _("Its conditions (serious gaps that do not cap it): {conditions}.").format(
                conditions=_(", ").join(part for part in counts if part)
            )
        )
        # The level holds with its conditions owned: say how many are not, so that a reader
        # does not take "production" for a level whose gaps someone is closing.
        # A duty not yet in force is owned by a plan due by the day it applies, not within the
        # plan horizon: each kind is told its own date.
        unowned_duties = sum(1 for gap in card.unowned_conditions if gap.upcoming is not None)
        unowned = len(card.unowned_conditions) - unowned_duties
        if unowned:
            parts.append(
                ngettext(
                    "{count} of them has no owner and due date within {days} days.",
                    "{count} of them have no owner and due date within {days} days.",
                    unowned,
                ).format(count=unowned, days=PLAN_HORIZON_DAYS)
            )
        if unowned_duties:
            parts.append(
                ngettext(
                    "{count} of the duties has no owner and due date by the day it applies.",
                    "{count} of the duties have no owner and due date by the day they apply.",
                    unowned_duties,
                ).format(count=unowned_duties)
            )
    return sentences(parts) if parts else None


def level_headline(card: "Scorecard") -> str:
    """The level as a verdict states it: its name, with how many of its conditions nobody
    owns. A level holds with its conditions owned; said beside the name, not three lines
    below it, "production" is not read as granted while nobody is closing its gaps."""
    unowned = len(card.unowned_conditions)
    if not unowned:
        return card.level.shown
    if card.level == card.bank.levels[0]:
        # The top level is granted with its conditions owned: until then it is conditional,
        # and says so where it is named (--fail-under production holds a gate on it).
        return ngettext(
            "{level}, conditional: {count} condition without an owner",
            "{level}, conditional: {count} conditions without an owner",
            unowned,
        ).format(level=card.level.shown, count=unowned)
    return ngettext(
        "{level}, {count} condition without an owner",
        "{level}, {count} conditions without an owner",
        unowned,
    ).format(level=card.level.shown, count=unowned)


def sentences(parts: Sequence[str]) -> str:
    """Sentences one after the other: a space between them, none after a Chinese full stop."""
    return ("" if language().startswith("zh") else " ").join(parts)


def upcoming_lines(card: "Scorecard") -> list[tuple[str, str]]:
    """One (check, when and what) pair per gap in an obligation not yet in force."""
    return [
        (
            gap.question.id,
            _("applies from {date}: {prompt}").format(
                date=gap.upcoming, prompt=one_line(gap.question.prompt)
            ),
        )
        for gap in card.upcoming
    ]


def dates_line(card: "Scorecard") -> str:
    """Whose reading of the law the dates of application are: upcoming duties cap nothing, so
    the date that keeps one upcoming is worth a confirmation on record."""
    confirmed = card.bank.dates_confirmed
    if confirmed is None:
        return _(
            "Dates of application as the question bank states the law; not confirmed for this "
            "organisation (a layered bank records who confirmed them: dates_confirmed)."
        )
    return _("Dates of application confirmed by {by} on {on}.").format(
        by=confirmed.by, on=confirmed.on
    )


def level_cap(card: "Scorecard") -> str | None:
    """Why the level is below the top (the caps that set it, in a sentence), or None."""
    lines = cap_lines(card)
    if not lines:
        return None
    said = _("; ").join(_("{what} {why}").format(what=what, why=why) for what, why in lines)
    return _("Why the level is not higher: {reasons}.").format(reasons=said)


def gate_line(card: "Scorecard", verdict: "Verdict", gate: "Gate") -> str:
    """Whether the CI gate (`check` with the same settings) passes, and why in either case."""
    wanted = card.bank.level_named(gate.min_level)
    limit = None if gate.fail_under is None else f"{gate.fail_under:g}"
    if not verdict.passed:
        reasons = [translated(reason) for reason in verdict.reasons]
        if limit is None and wanted is None:
            reasons.append(_("no --fail-under is set"))
        failed = _("The CI gate fails: {reasons}.").format(reasons=_("; ").join(reasons))
        # A partly done blocker is a condition of the level and holds the gate all the same:
        # said here, "production" beside "the gate fails" reads as the two verdicts they are.
        if any(
            gap.severity is Severity.BLOCKER and gap.upcoming is None for gap in card.conditions
        ):
            failed = sentences(
                [
                    failed,
                    _(
                        "A blocker only partly done is a condition of the level, not a cap, "
                        "but the gate holds every open blocker: the system may run where its "
                        "level allows, and the gate passes once each is closed or waived."
                    ),
                ]
            )
        return failed
    why = [_("no blocker gap is open")]
    if not card.unanswered:
        why.append(_("every applicable question is answered"))
    elif len(card.unanswered) == len(card.unanswered_minor):
        why.append(_("only minor checks, which are optional, are unanswered"))
    if wanted is not None:
        why.append(
            _("the level {level} reaches --fail-under {limit}").format(
                level=card.level.shown, limit=wanted.shown
            )
        )
    elif limit is None:
        why.append(_("no --fail-under is set"))
    else:
        why.append(
            _("the score {score} reaches --fail-under {limit}").format(
                score=format_score(card.score), limit=limit
            )
        )
    return _("The CI gate passes: {why}.").format(why=_("; ").join(why))


def optional_line(card: "Scorecard") -> str | None:
    """How many minor checks are unanswered, that they are optional, and how many of them cap
    the level all the same; None when none is unanswered."""
    count = len(card.unanswered_minor)
    if not count:
        return None
    said = ngettext(
        "{count} minor check is unanswered: it is optional and does not fail the gate, but "
        "scores 0 in its area until it is answered.",
        "{count} minor checks are unanswered: they are optional and do not fail the gate, but "
        "each scores 0 in its area until it is answered.",
        count,
    ).format(count=count)
    # A minor check with a cap of its own caps the level while unanswered, as at its lowest grade.
    capping = card.capping_checks
    held = sum(1 for question in card.unanswered_minor if question.id in capping)
    if held:
        said = sentences(
            [
                said,
                ngettext(
                    "Unanswered, {count} of them caps the level all the same.",
                    "Unanswered, {count} of them cap the level all the same.",
                    held,
                ).format(count=held),
            ]
        )
    return said


def verdict_line(verdict: "Verdict") -> str:
    """`PASSED`, or `FAILED: ` and the reasons."""
    if verdict.passed:
        return _("PASSED")
    return _("FAILED: {reasons}").format(
        reasons=_("; ").join(translated(reason) for reason in verdict.reasons)
    )


class Item(NamedTuple):
    """One line of a section: its cells (a gap: severity, id, score, prompt), the severity
    that colours it in a terminal, and whether its first cell names a check."""

    cells: tuple[str, ...]
    severity: Severity | None = None


class Section(NamedTuple):
    """A titled list: blockers, gaps, waivers, unanswered questions, regressions..."""

    title: str
    items: tuple[Item, ...]
    total: int  # all of them, also when only the first are listed
    table: bool = False  # cells aligned in columns, not joined by ": "
    note: str | None = None  # a line after the items, about all of them

    @property
    def hidden(self) -> int:
        """How many items are not listed."""
        return self.total - len(self.items)


class AreaRow(NamedTuple):
    """One row of the area table."""

    title: str
    score: float | None
    answered: str  # "answered/applicable"
    gaps: int


class ScorecardView(NamedTuple):
    """Everything the summary of one review says, in the order it says it."""

    project: str | None
    bank: str  # title (ref)
    source: str
    level: str
    level_means: str | None  # what the level allows, where the bank says
    level_note: str | None  # that no gap caps the level, and the conditions it holds with
    score: str
    mean: str
    evidence: str | None  # "Evidence: 3 evidenced · 1 contradicted · 20 claimed", after a scan
    areas: tuple[AreaRow, ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...]
    verdict: str
    passed: bool


def scorecard_view(
    card: "Scorecard",
    verdict: "Verdict",
    *,
    max_gaps: int | None = None,
    evidence: "Mapping[str, CheckEvidence] | None" = None,
) -> ScorecardView:
    """The summary of one review; at most `max_gaps` gaps below the blockers are listed.
    With the `evidence` of a scan, it counts the states and lists contradicted answers."""
    others = [gap for gap in card.open_gaps if gap.severity is not Severity.BLOCKER]
    overdue = overdue_lines(card)
    expiring = expiring_lines(card)
    signoffs = signoff_lines(card)
    upcoming = upcoming_lines(card)
    caps = cap_lines(card)
    sections = [
        Section(_("Why the level is not higher"), tuple(Item(cells) for cells in caps), len(caps)),
        Section(
            _("Blockers"),
            tuple(
                Item((gap.question.id, one_line(gap.question.prompt)), Severity.BLOCKER)
                for gap in card.blockers
            ),
            len(card.blockers),
        ),
        Section(
            _("Other gaps") if card.blockers else _("Gaps"),
            tuple(
                Item(
                    (
                        translated(word_for(gap.severity)),
                        gap.question.id,
                        f"{gap.score:.2f}",
                        one_line(gap.question.prompt),
                    ),
                    gap.severity,
                )
                for gap in others[:max_gaps]
            ),
            len(others),
            table=True,
        ),
        Section(
            _("Upcoming obligations"),
            tuple(Item(cells) for cells in upcoming),
            len(upcoming),
            note=dates_line(card) if upcoming else None,
        ),
        Section(
            _("Overdue actions"),
            tuple(Item(cells) for cells in overdue),
            len(overdue),
        ),
        Section(_("Waived"), tuple(Item((line,)) for line in waived_lines(card)), len(card.waived)),
        Section(
            _("Waivers expiring soon"), tuple(Item((line,)) for line in expiring), len(expiring)
        ),
        Section(
            _("Unanswered"),
            tuple(Item((q.id, one_line(q.prompt))) for q in card.unanswered),
            len(card.unanswered),
        ),
        Section(_("Sign-off"), tuple(Item((line,)) for line in signoffs), len(signoffs)),
    ]
    if evidence:
        sections.append(contradicted_section(evidence))
    if verdict.comparison is not None:
        for title, lines in (
            (_("Regressions"), verdict.comparison.regressions),
            (_("Improvements"), verdict.comparison.improvements),
        ):
            items = tuple(Item((translated(line),)) for line in lines)
            sections.append(Section(title, items, len(lines)))
    project = card.answers.project.name
    optional = optional_line(card)
    return ScorecardView(
        project=one_line(project) if project else None,
        bank=_("{title} ({ref})").format(
            title=one_line(card.bank.display_title), ref=card.bank.ref
        ),
        source=one_line(card.answers.source),
        level=level_headline(card),
        level_means=one_line(card.level.means) if card.level.means else None,
        level_note=level_note(card),
        score=format_score(card.score),
        mean=format_score(card.mean),
        evidence=evidence_line(evidence) if evidence else None,
        areas=tuple(
            AreaRow(
                one_line(row.area.title), row.score, f"{row.answered}/{row.applicable}", row.gaps
            )
            for row in card.areas
        ),
        sections=tuple(section for section in sections if section.total),
        notes=(
            *(translated(note) for note in verdict.notes),
            *((optional,) if optional else ()),
        ),
        verdict=verdict_line(verdict),
        passed=verdict.passed,
    )


def passed_line(outcomes: Sequence[Outcome]) -> str:
    """`2 of 3 reviews passed`, below the summaries of several files."""
    passed = sum(outcome.verdict.passed for outcome in outcomes)
    return ngettext(
        "{passed} of {count} review passed", "{passed} of {count} reviews passed", len(outcomes)
    ).format(passed=passed, count=len(outcomes))


def evidence_line(evidence: "Mapping[str, CheckEvidence]") -> str:
    """How many answers the repository evidences, contradicts, or leaves claimed."""
    return _("Evidence: {counts}").format(counts=evidence_counts(evidence))


def evidence_counts(evidence: "Mapping[str, CheckEvidence]") -> str:
    """`3 evidenced · 1 contradicted · 20 claimed`, in the chosen language."""
    from mlready.core.evidence import counts

    return " · ".join(
        # Chinese puts the word before its count: 有证据 3.
        _("{count} {state}").format(count=number, state=translated(word_for(state)))
        for state, number in counts(evidence).items()
    )


def contradicted_section(evidence: "Mapping[str, CheckEvidence]") -> Section:
    """Each answer the repository contradicts, with what was looked for and not found."""
    from mlready.core.evidence import contradictions

    items = tuple(
        Item((check_id, _("; ").join(one_line(translated(reason)) for reason in missing)))
        for check_id, missing in contradictions(evidence)
    )
    return Section(_("Not shown by the repository"), items, len(items))
