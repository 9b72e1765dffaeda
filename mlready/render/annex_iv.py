"""`export --format annex-iv`: a skeleton of the EU AI Act's Annex IV technical documentation,
its nine points filled from the answers whose tags correspond, and what each still lacks."""

# Annex IV of Regulation (EU) 2024/1689 lists what the technical documentation of Article 11
# holds, in nine points. Each point below names the articles whose requirements it documents;
# a check tagged with one of them (`euaia-art10`, ...) is shown under the point with its answer,
# note and evidence, and a check not yet at full marks is listed again as missing. A point no
# check corresponds to says so: the review is the start of the documentation, not all of it.

import re
from collections.abc import Sequence
from typing import NamedTuple

from mlready.core.messages import N_, _, translated
from mlready.core.model import NA, Question
from mlready.core.vocabulary import word_for
from mlready.render.escape import markdown_text
from mlready.render.scorecard_view import Outcome, format_score
from mlready.render.signatures import ANNEX_IV_MARKER


class Point(NamedTuple):
    """One point of Annex IV: its title and the articles whose checks document it."""

    title: str
    articles: tuple[int, ...]
    profile: bool = False  # the system profile describes the system (point 1)


POINTS = (
    Point(N_("A general description of the AI system"), (13, 50), profile=True),
    Point(
        N_("A detailed description of the elements of the AI system and of its development"),
        (10, 11, 14),
    ),
    Point(N_("Monitoring, functioning and control of the AI system"), (12, 13, 14, 86)),
    Point(N_("The appropriateness of the performance metrics"), (15,)),
    Point(N_("The risk management system (Article 9)"), (9, 5, 6, 27)),
    Point(N_("Relevant changes made through the lifecycle"), (17, 25, 43)),
    Point(N_("The harmonised standards applied, or the other solutions adopted"), (40, 41)),
    Point(N_("A copy of the EU declaration of conformity (Article 47)"), (47, 48, 49)),
    Point(
        N_("The system that evaluates performance after placing on the market (Article 72)"),
        (72, 73, 26),
    ),
)

_ARTICLE = re.compile(r"euaia-art(\d+)")


def _articles(question: Question) -> set[int]:
    return {int(m.group(1)) for tag in question.tags if (m := _ARTICLE.match(tag))}


def _answer(outcome: Outcome, question: Question) -> str:
    card = outcome.scorecard
    entry = card.answers.get(question.id)
    if entry is None:
        said = _("unanswered")
    elif entry.value == NA:
        said = _("not applicable")
    else:
        said = translated(question.describe(entry.value))
    line = f"- **{markdown_text(question.prompt)}** {markdown_text(said)} (`{question.id}`)"
    if entry is not None and entry.note:
        line += f" — {markdown_text(' '.join(entry.note.split()))}"
    evidence = outcome.evidence.get(question.id)
    if evidence is not None and evidence.found:
        cited = [f.path if f.line is None else f"{f.path}:{f.line}" for f in evidence.found[:3]]
        line += " " + markdown_text(
            _("(evidence: {state}: {where})").format(
                state=translated(word_for(evidence.state)), where=", ".join(cited)
            )
        )
    return line


def _missing(outcome: Outcome, questions: Sequence[Question]) -> list[str]:
    scores = outcome.scorecard.check_scores()
    lines = []
    for question in questions:
        score = scores.get(question.id)
        if score is None or score >= 1:
            continue
        fix = " ".join((question.fix or question.why).split())
        lines.append(f"- `{question.id}`: {markdown_text(fix)}")
    return lines


def export_annex_iv(outcome: Outcome) -> str:
    """The Annex IV skeleton of the review in `outcome` (Markdown), its prose in the language
    spoken."""
    card = outcome.scorecard
    checks = card.checks
    profile = [q for q in card.bank.profile if q in card.applicable]
    lines = [
        ANNEX_IV_MARKER,
        "",
        "# " + markdown_text(_("Technical documentation of {name}").format(name=outcome.name)),
        "",
        markdown_text(
            _(
                "The nine points of Annex IV to Regulation (EU) 2024/1689, each filled from the "
                "answers of the readiness review ({bank}, level {level}, score {score}) whose "
                "checks document it, and what it still lacks. It is a skeleton to complete, "
                "not the documentation itself."
            ).format(bank=card.bank.ref, level=card.level.shown, score=format_score(card.score))
        ),
        "",
    ]
    for number, point in enumerate(POINTS, start=1):
        members = [q for q in checks if _articles(q) & set(point.articles)]
        shown = (profile if point.profile else []) + members
        articles = _(", ").join(str(article) for article in point.articles)
        lines += [
            f"## {number}. " + markdown_text(_(point.title)),
            "",
            markdown_text(_("Articles: {articles}").format(articles=articles)),
            "",
        ]
        if not shown:
            lines += [
                markdown_text(_("No check of the review documents this point: write it in full.")),
                "",
            ]
            continue
        lines += [_heading("###", N_("What the review records")), ""]
        lines += [_answer(outcome, question) for question in shown] + [""]
        missing = _missing(outcome, members)
        lines += [_heading("###", N_("Missing")), ""]
        lines += missing or [
            markdown_text(_("Nothing: every check of this point is at full marks."))
        ]
        lines.append("")
    return "\n".join(lines)


def _heading(marks: str, title: str) -> str:
    """A Markdown heading of `title` (marked for the catalog where it is written)."""
    return f"{marks} " + markdown_text(_(title))
