"""`mlready ask`: the interactive review in a terminal."""

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlready import api
from mlready.cli.application import (
    DEFAULT_REPORT,
    AnswersArgument,
    BankOption,
    check_target,
    command_app,
    print_message,
    print_warnings,
    write_target,
)
from mlready.core.errors import ExitCode, InputError
from mlready.core.messages import N_, Message, _, ngettext, series

if TYPE_CHECKING:
    from mlready.core.answers import Answers
    from mlready.core.evidence import CheckEvidence
    from mlready.core.model import AnswerEntry, Bank, Question
    from mlready.core.scoring import Scorecard
    from mlready.core.walk import Judge, Prompt, WalkResult


app = command_app()


@app.command(help=N_("Walk the questions in the terminal; every answer is saved at once."))
def ask(
    answers: AnswersArgument = None,
    bank: BankOption = None,
    area: Annotated[
        str | None, typer.Option(metavar="AREA", help=N_("Walk only this area (its id)."))
    ] = None,
    redo: Annotated[
        bool, typer.Option("--redo", help=N_("Walk answered questions too, answers as defaults."))
    ] = False,
    core: Annotated[
        bool,
        typer.Option(
            "--core",
            help=N_(
                "Ask only the core track: the profile, then blocker and major checks and those "
                "that can cap the level; minor checks are left for a later walk."
            ),
        ),
    ] = False,
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help=N_(
                "Ask no follow-ups after a gap (note, evidence link, owner, due date): the "
                "shortest first pass; `--redo` asks them later."
            ),
        ),
    ] = False,
    report_path: Annotated[
        Path, typer.Option("--report", help=N_("Where to write the report at the end."))
    ] = DEFAULT_REPORT,
    no_report: Annotated[bool, typer.Option("--no-report", help=N_("Write no report."))] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Overwrite a report file that mlready did not write.")),
    ] = False,
    no_scan: Annotated[
        bool,
        typer.Option("--no-scan", help=N_("Do not look in the repository for evidence first.")),
    ] = False,
) -> None:
    """`mlready ask`: its help is on the decorator, where the catalog finds it."""
    from mlready.core.gate import judge
    from mlready.core.scoring import score
    from mlready.core.translation import scorecard_in

    if not sys.stdin.isatty():
        raise InputError(
            Message(
                "mlready ask needs a terminal (stdin is not one); to fill in answers without "
                "one, write a skeleton with `mlready init` and validate it with `mlready check`"
            )
        )
    settings = api.project_settings()
    target = api.answers_file(answers, settings=settings)
    loaded_bank = api.load_bank(bank, settings=settings)
    if area is not None and area not in {a.id for a in loaded_bank.sections}:
        areas = series([a.id for a in loaded_bank.sections])
        raise InputError(
            Message(
                "--area: no area '{area}' in {bank} (areas: {areas})",
                area=area,
                bank=loaded_bank.ref,
                areas=areas,
            )
        )
    inputs = api.inputs_of(settings, bank=loaded_bank, others=[target])
    if not no_report:  # before the walk, not after it: nobody should answer in vain
        if report_path.is_dir():
            report_path = report_path / DEFAULT_REPORT.name
        check_target(report_path, inputs=inputs, force=force)
    from rich.console import Console

    from mlready.render.terminal import TerminalPrompt, print_scorecard

    console = Console(highlight=False)
    prompt = TerminalPrompt(console)
    people = _bank_for_people(loaded_bank)  # what the person reads; the answers stay neutral
    if people.intro:  # once, before the first question
        prompt.tell_intro(people.intro)
    result = _walk_file(
        target,
        loaded_bank,
        prompt=prompt,
        area=area,
        redo=redo,
        core=core,
        quick=quick,
        no_scan=no_scan,
    )
    if result is None:
        return
    card = score(loaded_bank, result.answers, today=dt.date.today())
    said = _after_walk(card, asked=result.asked, area=area, core=core)
    if said:
        console.print(said, markup=False)
    console.print()
    verdict = judge(card, api.gate_of(loaded_bank, settings), today=dt.date.today())
    more = N_("(`mlready check` lists them all)") if no_report else N_("in the report")
    card = scorecard_in(card, people)
    print_scorecard(console, card, verdict, max_gaps=5, more=more)
    if not verdict.passed:  # the walk records a review; judging it is the gate's job
        console.print(
            _(
                "`mlready ask` exits 0 whatever the verdict: it records the review; "
                "`mlready check` is the gate, and exits 1 when it fails."
            ),
            markup=False,
        )
    if not no_report:
        from mlready.render.registry import Format, Subject, format_of_path, renderer

        chosen_format = format_of_path(str(report_path), Subject.REPORT, Format.MARKDOWN)
        text = renderer(Subject.REPORT, chosen_format)(card, trend=api.trend_for(target, card))
        write_target(report_path, text, inputs=inputs, force=force)
        console.print(_("Report: {path}").format(path=report_path), markup=False)


def _after_walk(card: "Scorecard", *, asked: int, area: str | None, core: bool) -> str | None:
    """What to say once the walk is over, before the summary: that it had nothing to ask,
    or, after the core track, how many minor checks are left for a later walk."""
    left = len(card.unanswered_minor)
    if core and left:
        return ngettext(
            "{count} minor check is left unanswered: it is optional; `mlready ask` without "
            "--core asks it.",
            "{count} minor checks are left unanswered: they are optional; `mlready ask` "
            "without --core asks them.",
            left,
        ).format(count=left)
    if asked:
        return None
    if core:
        return _(
            "Nothing left on the core track: every applicable blocker and major check, and "
            "every check that can cap the level, is answered (`mlready ask --core --redo` walks "
            "them again)."
        )
    if area:
        return _(
            "Nothing left to ask in area {area}: every applicable question of it is "
            "answered (`mlready ask --redo --area {area}` walks them again)."
        ).format(area=area)
    return _(
        "Nothing left to ask: every applicable question is answered (`mlready ask "
        "--redo` walks them again, `--redo --area AREA` those of one area)."
    )


def _scanned(
    bank: "Bank", current: "Answers", people: "Bank"
) -> "tuple[dict[str, CheckEvidence], Judge]":
    """What the repository shows of each question (in the language of `people`), and a judge
    of each answer given during the walk against the same scan."""
    from mlready.core.evidence import judge_evidence
    from mlready.core.scoring import score
    from mlready.core.translation import evidence_in

    card = score(bank, current)
    _root, scanned = api.evidence_judge(card)
    found = judge_evidence(card, scanned.findings, locate=scanned.locate, packages=scanned.packages)

    def judge(question: "Question", entry: "AnswerEntry") -> "CheckEvidence | None":
        # Judged by the bank's own check: its probes, whatever the language shown.
        item = scanned(bank.questions[question.id], entry)
        return evidence_in({question.id: item}, people)[question.id] if item else None

    return evidence_in(found, people), judge


def _walk_file(
    target: Path,
    bank: "Bank",
    *,
    prompt: "Prompt",
    area: str | None,
    redo: bool,
    core: bool = False,
    quick: bool = False,
    no_scan: bool = False,
) -> "WalkResult | None":
    """Walk the answers file at `target` under its lock; the result when the walk reached
    its end, None when it stopped early (everything answered is saved either way)."""
    from mlready.core.answers import empty_answers
    from mlready.core.walk import ask_project, walk
    from mlready.io.files import exclusive_lock

    editor = api.answers_editor(target, bank)
    editor.refuse_read_only()
    with exclusive_lock(target, note=print_message):
        # Read under the lock, so that what the walk starts from is what it will replace.
        editor = api.answers_editor(target, bank)
        if editor.pending.exists():  # left by an earlier walk that found the file changed
            print_message(
                _(
                    "note: {pending} holds answers that an earlier `mlready ask` could not "
                    "save in {path}; compare the two, then delete it"
                ).format(pending=editor.pending, path=target)
            )
        is_new = editor.seen is None
        warnings: list[str] = []
        current = (
            empty_answers(target) if is_new else api.read_answers(target, bank, warnings=warnings)
        )
        print_warnings(warnings)
        editor.refuse_newer_bank(current)  # before a question is asked, not at its answer
        try:
            project = current.project
            if is_new or not (project.name and project.owner):  # after init, too
                asked, quitting = ask_project(project, prompt=prompt)
                if is_new or asked != project:
                    current = current.with_project(asked)
                    editor.save(current)
                if quitting:  # `:q` at the name or owner: saved as typed, as `:q` in the walk
                    print_message("\n" + _go_on(target, core=core))
                    return None
            people = _bank_for_people(bank)
            if not redo:
                _tell_resume(prompt, people, current, area=area, core=core)
            evidence, judge = (None, None) if no_scan else _scanned(bank, current, people)
            result = walk(
                people,
                current,
                prompt=prompt,
                save=editor.save,
                area=area,
                redo=redo,
                core=core,
                follow_ups=not quick,
                today=dt.date.today(),
                evidence=evidence,
                judge=judge,
            )
        except KeyboardInterrupt:
            if target.exists():
                print_message(
                    "\n"
                    + _("interrupted: every answer given is saved in {path}").format(path=target)
                )
            else:
                print_message(
                    "\n" + _("interrupted: nothing to save in {path}").format(path=target)
                )
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except EOFError:  # Ctrl-D at the project questions, before anything was saved
            print_message(
                "\n" + _("stopped: nothing saved; {path} was not created").format(path=target)
            )
            return None
    if not result.completed:
        print_message("\n" + _go_on(target, core=core))
        return None
    return result


def _go_on(target: Path, *, core: bool) -> str:
    """That the answers are saved, and the command that goes on with the same walk."""
    if core:
        return _("Saved in {path}; run `mlready ask --core` again to go on.").format(path=target)
    return _("Saved in {path}; run `mlready ask` again to go on.").format(path=target)


def _tell_resume(
    prompt: "Prompt", bank: "Bank", answers: "Answers", *, area: str | None, core: bool
) -> None:
    """Say, when a walk goes on from an earlier one, how far the review is (on the core track
    alone, with `core`) and how to walk the questions answered before."""
    from mlready.core.walk import progress_of

    answered, total = progress_of(bank, answers, area=area, core=core)
    if not answered or answered == total:  # a first walk; or nothing to ask, said at the end
        return
    if core:
        prompt.tell(
            _(
                "{answered} of the {total} questions of the core track are answered; the walk "
                "asks the others (minor checks that cap nothing are left for `mlready ask` "
                "without --core)."
            ).format(answered=answered, total=total)
        )
        return
    if area:
        prompt.tell(
            _(
                "{answered} of the {total} questions of area {area} are answered; the walk asks "
                "the others (:b goes back to the answered ones; `mlready ask --redo --area "
                "{area}` walks them all)."
            ).format(answered=answered, total=total, area=area)
        )
        return
    prompt.tell(
        _(
            "{answered} of {total} questions are answered; the walk asks the others (:b goes "
            "back to the answered ones; `mlready ask --redo` walks them all, `--area AREA` "
            "one area: {areas})."
        ).format(answered=answered, total=total, areas=_(", ").join(a.id for a in bank.sections))
    )


def _bank_for_people(bank: "Bank") -> "Bank":
    translated = api.translated_bank(bank)
    print_warnings(list(translated.warnings))
    return translated.bank
