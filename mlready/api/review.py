"""The use cases of a review: score answers and judge them, look for evidence, render the
report, compare two reviews, read the history, and review many at once. Nothing here prints:
what a person should be told comes back as warnings."""

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from mlready.api.inputs import (
    answers_file,
    gate_of,
    load_bank,
    project_settings,
    shown_path,
    user_input,
)
from mlready.api.language import translated_bank
from mlready.core.errors import InputError
from mlready.core.messages import Message

if TYPE_CHECKING:
    from mlready.core.answers import Answers
    from mlready.core.diff import ReviewDiff
    from mlready.core.evidence import CheckEvidence, FindingsOf, PathState
    from mlready.core.gate import Baseline, Gate, Verdict
    from mlready.core.history import History, Trend
    from mlready.core.model import AnswerEntry, Bank, Question
    from mlready.core.scoring import AreaScore, Gap, Scorecard
    from mlready.io.settings import Settings
    from mlready.render.portfolio import PortfolioRow
    from mlready.render.scorecard_view import Outcome


class Review(NamedTuple):
    """One answers file scored, judged by a gate, and checked against its repository."""

    scorecard: "Scorecard"  # in the bank's own language (English): what machines read
    verdict: "Verdict"
    evidence: "Mapping[str, CheckEvidence]" = MappingProxyType({})
    repository: Path | None = None  # the repository scanned; None without a scan
    warnings: tuple[str, ...] = ()  # for a person; each a Message where mlready says it
    gate: "Gate | None" = None  # the gate that judged it (its --fail-under, for the report)

    def __reduce__(self) -> "tuple[Callable[..., Review], tuple[object, ...]]":
        # A mappingproxy cannot be pickled: a review sent to or from another process (a pool
        # of workers reviewing a fleet) carries its evidence as a dict, read-only on arrival.
        return _review, (*self[:2], dict(self.evidence), *self[3:])

    @property
    def level(self) -> str:
        """The readiness level's name (`production`, `pilot`, ...)."""
        return self.scorecard.level.name

    @property
    def score(self) -> float | None:
        """The score: the weakest area's, 0-100; None when nothing is scored."""
        return self.scorecard.score

    @property
    def mean(self) -> float | None:
        """The mean of the area scores."""
        return self.scorecard.mean

    @property
    def passed(self) -> bool:
        """Whether the gate passes."""
        return self.verdict.passed

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the gate fails (empty when it passes)."""
        return self.verdict.reasons

    @property
    def gaps(self) -> "tuple[Gap, ...]":
        """The checks below full marks, worst first."""
        return self.scorecard.gaps

    @property
    def areas(self) -> "tuple[AreaScore, ...]":
        """Each area's score."""
        return self.scorecard.areas

    @property
    def bank(self) -> "Bank":
        """The bank the answers were scored against."""
        return self.scorecard.bank

    def outcome(self, *, translated: bool = True) -> "Outcome":
        """What renderers lay out: in the language spoken for people, in the bank's own
        language for machines (JSON is the same in every language)."""
        from mlready.render.scorecard_view import Outcome

        english = Outcome(self.scorecard, self.verdict, self.evidence)
        people = translated_bank(self.bank).bank
        if not translated or people is self.bank:
            return english
        from mlready.core.translation import evidence_in, reasons_in, scorecard_in

        verdict = self.verdict._replace(reasons=reasons_in(self.verdict.reasons, self.bank, people))
        return Outcome(
            scorecard_in(self.scorecard, people),
            verdict,
            evidence_in(self.evidence, people),
            english=self.bank,
        )


@user_input
def scored(
    path: Path,
    bank: "Bank",
    *,
    today: dt.date,
    settings: "Settings",
    warnings: list[str],
) -> "Scorecard":
    """The answers at `path` scored against `bank`; their warnings are added to `warnings`.
    Raises InputError for a missing or invalid file, a review dated in the future or a
    waiver longer than the settings allow."""
    answers = read_answers(path, bank, warnings=warnings)
    return score_answers(answers, bank, today=today, settings=settings, warnings=warnings)


def score_answers(
    answers: "Answers", bank: "Bank", *, today: dt.date, settings: "Settings", warnings: list[str]
) -> "Scorecard":
    """`answers` scored against `bank`, their dates checked as `scored` checks a file's.
    Raises InputError for a review dated in the future or a waiver too long."""
    from mlready.core.gate import DEFAULT_MAX_WAIVER_DAYS, dating_problems
    from mlready.core.plan import action_warnings
    from mlready.core.scoring import profile_warnings, score

    card = score(bank, answers, today=today)
    limit = settings.max_waiver_days
    problems, dating = dating_problems(
        card, today=today, max_waiver_days=DEFAULT_MAX_WAIVER_DAYS if limit is None else limit
    )
    if problems:
        raise InputError(problems)
    warnings += [
        *dating,
        *action_warnings(card),
        *profile_warnings(card),
    ]
    return card


@user_input
def read_answers(path: Path, bank: "Bank", *, warnings: list[str]) -> "Answers":
    """The answers at `path`, read against `bank`; their warnings are added to `warnings`."""
    from mlready.io.answers_file import load_answers

    if not path.exists():
        raise InputError(
            Message(
                "{path}: no such answers file (start one with `mlready ask` or `mlready init`)",
                path=path,
            )
        )
    loaded = load_answers(path, bank)
    warnings += loaded.warnings
    return loaded


@user_input
def evidence_of(
    card: "Scorecard",
    *,
    repo: Path | None = None,
    root: Path | None = None,
    settings: "Settings | None" = None,
    results: Path | None = None,
) -> "tuple[Path, dict[str, CheckEvidence]]":
    """The repository scanned (`repo`, else the one holding the answers file) and what it says
    of each answer: the bank's probes run over it (within `root`, else the settings' roots),
    the answers' own evidence paths looked up, recorded `results` read."""
    top, judge = evidence_judge(card, repo=repo, root=root, settings=settings, results=results)
    from mlready.core.evidence import judge_evidence

    return top, judge_evidence(card, judge.findings, locate=judge.locate, packages=judge.packages)


class Judge(NamedTuple):
    """A scan's findings, to judge any answer against them (as `ask` does, answer by answer)."""

    findings: "FindingsOf"
    locate: "Callable[[str], PathState]"
    # the packages the repository is, where a probe looks for the use of a library: the scan
    # did not run those probes, and the evidence says so
    packages: frozenset[str] = frozenset()

    def __call__(self, question: "Question", entry: "AnswerEntry | None") -> "CheckEvidence | None":
        """What the repository says of this answer to `question`."""
        from mlready.core.evidence import judge_check

        return judge_check(
            question, entry, self.findings, locate=self.locate, packages=self.packages
        )


@user_input
def evidence_judge(
    card: "Scorecard",
    *,
    repo: Path | None = None,
    root: Path | None = None,
    settings: "Settings | None" = None,
    results: Path | None = None,
) -> tuple[Path, Judge]:
    """The repository scanned (as `evidence_of` scans it, with the recorded `results` read)
    and a judge of answers by what the scan found."""
    # The answers file and the bank's files are not scanned: what is claimed and what is looked
    # for are no evidence. The root is shown relative to the current folder when inside it.
    from mlready.core.evidence import PathState, probes_of
    from mlready.io.scan import Repository, repository_root, scan
    from mlready.render.signatures import written_by_mlready

    answers_path = Path(card.answers.source).resolve()
    top = (repo if repo is not None else repository_root(answers_path.parent)).resolve()
    scanned = settings.scan if settings is not None else None
    roots = scanned.roots if scanned is not None else ()
    if root is not None:
        inside = os.path.relpath(root.resolve(), top)
        if not root.is_dir() or inside == os.pardir or inside.startswith(os.pardir + os.sep):
            raise InputError(
                Message(
                    "--root: {path} is not a folder of the repository {repo}", path=root, repo=top
                )
            )
        roots = (Path(inside).as_posix(),)
    repository = Repository(
        top,
        ignored=[answers_path, *card.bank.files],
        own_output=written_by_mlready,
        roots=roots,
        exclude=scanned.exclude if scanned is not None else (),
    )
    base = answers_path.parent

    def locate(relative: str) -> "PathState":
        # Evidence paths are written relative to the answers file, as its report links them.
        # One that leaves the repository is not looked at; `..md` is a file's name.
        inside = os.path.relpath(base / relative, repository.root)
        if inside == os.pardir or inside.startswith(os.pardir + os.sep):
            return PathState.OUTSIDE
        return PathState.FOUND if repository.exists(inside) else PathState.MISSING

    probes = probes_of(card)
    findings = scan(repository, probes)
    if results is not None:
        from mlready.io.scan import scan_results

        if not results.is_dir():
            raise InputError(Message("{path}: no such folder of results", path=results))
        findings = {**findings, **scan_results(results, probes, shown=results.as_posix())}
    # Only where a probe names a library are the repository's own packages read.
    libraries = any(probe.library for _, probe in probes)
    packages = repository.own_packages if libraries else frozenset()
    return shown_path(repository.root), Judge(findings, locate, packages)


@user_input
def review(
    answers: Path | str,
    *,
    bank: "Bank | Path | str | None" = None,
    settings: "Settings | None" = None,
    today: dt.date | None = None,
    repo: Path | str | None = None,
    root: Path | str | None = None,
    results: Path | str | None = None,
    scan: bool = True,
    lang: str | None = None,
    gate: "Gate | None" = None,
    allow_incomplete: bool = False,
    baseline: "Baseline | None" = None,
) -> Review:
    """The answers file `answers` scored, checked against its repository (unless `scan` is off)
    and judged by `gate` (default: the settings file's, as `check`). Raises InputError."""
    # `bank` is a loaded bank or a path (default: the settings', else the built-in bank);
    # `settings` default to the settings file of the current folder, as the command's do;
    # `today` judges waivers, due dates and the review's age; `lang` is the language the
    # warnings are worded in (default: the language spoken).
    from mlready.core.gate import judge
    from mlready.io.catalogs import speaking

    chosen = settings if settings is not None else project_settings()
    loaded = _bank_of(bank, chosen)
    date = today or dt.date.today()
    with speaking(lang):
        warnings: list[str] = []
        card = scored(Path(answers), loaded, today=date, settings=chosen, warnings=warnings)
        repository, evidence = (
            evidence_of(
                card,
                repo=Path(repo) if repo is not None else None,
                root=Path(root) if root is not None else None,
                settings=chosen,
                results=Path(results) if results is not None else None,
            )
            if scan
            else (None, {})
        )
        chosen_gate = gate if gate is not None else gate_of(loaded, chosen)
        verdict = judge(
            card,
            chosen_gate,
            allow_incomplete=allow_incomplete,
            today=date,
            baseline=baseline,
            evidence=evidence,
        )
        warnings += translated_bank(loaded).warnings
    return Review(
        card, verdict, MappingProxyType(evidence), repository, tuple(warnings), chosen_gate
    )


def _bank_of(bank: "Bank | Path | str | None", settings: "Settings") -> "Bank":
    from mlready.core.model import Bank

    return bank if isinstance(bank, Bank) else load_bank(bank, settings=settings)


@user_input
def trend_for(path: Path, card: "Scorecard") -> "Trend | None":
    """The score over time of the answers file at `path`, from git; None outside a work tree."""
    from mlready.core.history import trend_of
    from mlready.io.history import history_if_any

    found = history_if_any(path, card.bank)
    return trend_of(found, card) if found is not None else None


@user_input
def report(
    review: Review,
    *,
    format: str = "markdown",
    template: Path | str | None = None,
    lang: str | None = None,
    history: bool = True,
) -> str:
    """The readiness report of `review`, Markdown or HTML, in `lang` (default: the language
    spoken), from `template` or the built-in one, with the score over time from git when
    `history` is on. Raises InputError for an unknown format or a template that fails."""
    from mlready.core.translation import evidence_in, reasons_in, scorecard_in
    from mlready.io.catalogs import speaking
    from mlready.render.registry import Subject, formats_for, renderer

    if format not in formats_for(Subject.REPORT):
        raise InputError(
            Message(
                "unknown report format '{name}' (formats: {formats})",
                name=format,
                formats=", ".join(formats_for(Subject.REPORT)),
            )
        )
    with speaking(lang):
        people = translated_bank(review.bank).bank
        spoken = people is not review.bank  # another language than the bank's own
        card = scorecard_in(review.scorecard, people) if spoken else review.scorecard
        evidence = evidence_in(review.evidence, people) if spoken else review.evidence
        trend = trend_for(Path(card.answers.source), card) if history else None
        return renderer(Subject.REPORT, format)(
            card,
            template=Path(template) if template is not None else None,
            trend=trend,
            evidence=evidence if review.repository else None,
            verdict=(
                review.verdict._replace(
                    reasons=reasons_in(review.verdict.reasons, review.bank, people)
                )
                if spoken
                else review.verdict
            ),
            gate=review.gate,
        )


@user_input
def diff(
    old: Path | str,
    new: Path | str,
    *,
    bank: "Bank | Path | str | None" = None,
    settings: "Settings | None" = None,
    today: dt.date | None = None,
    translated: bool = False,
    warnings: list[str] | None = None,
) -> "ReviewDiff":
    """What changed between the reviews in `old` and `new`: answers, notes, area scores, level,
    gaps; in the bank's own language, or with `translated` in the language spoken. Their
    warnings are added to `warnings` when given."""
    from mlready.core.diff import diff_reviews
    from mlready.core.translation import scorecard_in

    chosen = settings if settings is not None else project_settings()
    loaded = _bank_of(bank, chosen)
    date = today or dt.date.today()
    said: list[str] = [] if warnings is None else warnings
    before = scored(Path(old), loaded, today=date, settings=chosen, warnings=said)
    after = scored(Path(new), loaded, today=date, settings=chosen, warnings=said)
    if translated:
        people = translated_bank(loaded)
        said += people.warnings
        before, after = scorecard_in(before, people.bank), scorecard_in(after, people.bank)
    return diff_reviews(before, after)


@user_input
def history(
    answers: Path | str | None = None,
    *,
    bank: "Bank | Path | str | None" = None,
    settings: "Settings | None" = None,
    since: dt.date | None = None,
    translated: bool = False,
) -> "History":
    """Every git revision of the answers file, scored against the bank of today (with
    `translated`, in the language spoken). Raises InputError outside a git work tree, or
    when git refuses the repository."""
    from mlready.io.history import read_history

    chosen = settings if settings is not None else project_settings()
    target = answers_file(answers, settings=chosen)
    if not target.exists():
        raise InputError(Message("{path}: no such answers file", path=target))
    loaded = _bank_of(bank, chosen)
    if translated:  # the same scores; the titles of levels and areas as people read them
        loaded = translated_bank(loaded).bank
    return read_history(target, loaded, since=since)


class Portfolio(NamedTuple):
    """Many reviews judged by one gate, each one reduced to its row (what the table shows),
    with each one's score over time where git has it."""

    rows: "tuple[PortfolioRow, ...]"  # in the order of the answers files
    trends: "Mapping[str, Trend]"  # by answers file
    gate: "Gate"
    warnings: tuple[str, ...] = ()  # every review's, in order

    def __reduce__(self) -> "tuple[Callable[..., Portfolio], tuple[object, ...]]":
        # As a review's: its trends as a dict, read-only again when unpickled.
        return _portfolio, (self.rows, dict(self.trends), *self[2:])


def _review(
    scorecard: "Scorecard", verdict: "Verdict", evidence: "dict[str, CheckEvidence]", *rest: object
) -> Review:
    return Review(scorecard, verdict, MappingProxyType(evidence), *rest)  # type: ignore[arg-type]


def _portfolio(
    rows: "tuple[PortfolioRow, ...]", trends: "dict[str, Trend]", *rest: object
) -> Portfolio:
    return Portfolio(rows, MappingProxyType(trends), *rest)  # type: ignore[arg-type]


@user_input
def portfolio(
    paths: Path | str | Iterable[Path | str],
    *,
    bank: "Bank | Path | str | None" = None,
    settings: "Settings | None" = None,
    today: dt.date | None = None,
    max_age: int | None = None,
    history: bool = True,
) -> Portfolio:
    """Each answers file in `paths` reviewed (without a scan) and judged as `check` would with
    the same settings; reviews older than `max_age` days fail as stale."""
    # One scorecard at a time: each review is reduced to its row (in the language spoken) and
    # dropped, so that the memory a portfolio takes does not grow with its reviews.
    from mlready.render.portfolio import portfolio_row

    if isinstance(paths, str | Path):  # one answers file: not its name's characters
        paths = [paths]
    chosen = settings if settings is not None else project_settings()
    loaded = _bank_of(bank, chosen)
    date = today or dt.date.today()
    gate = gate_of(loaded, chosen, max_age=max_age)
    rows: list[PortfolioRow] = []
    warnings: list[str] = []
    trends: dict[str, Trend] = {}
    for path in paths:
        found = review(path, bank=loaded, settings=chosen, today=date, scan=False, gate=gate)
        rows.append(portfolio_row(found.outcome()))
        warnings += found.warnings
        trend = trend_for(Path(path), found.scorecard) if history else None
        if trend is not None:
            trends[found.scorecard.answers.source] = trend
    return Portfolio(tuple(rows), MappingProxyType(trends), gate, tuple(warnings))


def outcomes(reviews: Sequence[Review], *, translated: bool = True) -> "list[Outcome]":
    """The outcomes of `reviews` for the renderers."""
    return [item.outcome(translated=translated) for item in reviews]
