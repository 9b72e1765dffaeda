"""Chinese laid out at 60, 80 and 100 columns: plain text (`check` in a CI log, `bank show`,
`diff`), the terminal view, the walk (rendered, and in a pseudo-terminal) and `--help`.

Each output is held to four things: (a) no line is wider than the terminal; (b) no character
is split, replaced or cut off: every prompt, label, title and the project name is shown whole;
(c) columns line up, by display width; (d) wrapped text re-joins to the text it wraps, broken
only at a space or beside a Chinese character (never inside a word that fits a line).

Display widths are measured here with unicodedata, not with mlready's own measure.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pexpect
import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from mlready import api
from mlready.cli import app, application
from mlready.core.answers import empty_answers
from mlready.core.gate import judge
from mlready.core.model import AnswerEntry, Bank
from mlready.core.scoring import score
from mlready.core.walk import Screen, unexpected_options
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from mlready.render.escape import one_line, terminal_text
from mlready.render.scorecard_view import Outcome, ScorecardView, scorecard_view
from mlready.render.terminal import TerminalPrompt, print_outcomes
from tests.helpers.languages import speaking
from tests.helpers.terminal_sessions import CONTROL, PROMPT, spawn_ask

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = [60, 80, 100]
PROJECT = "智能客服助手"
NOTE = "上线前安全团队做了两天的演练，七项发现中仍有两项未关闭（见 SEC-1234）。"
# A later review of the same system, for `diff`: the impact grows (which opens gaps), a gap is
# closed, and an answer gets a note in Chinese.
LATER = {
    "profile.impact: experience": "profile.impact: decisions",
    "  training.injection_tested:\n    value: manual": "  training.injection_tested:\n"
    "    value: automated",
    "The security team ran a two-day exercise before launch; two of its seven findings are\n"
    "      still open.": NOTE,
}


def cells(text: str) -> int:
    """Columns in a terminal: two for a wide (Chinese) character, none for a combining one."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


# Never the first character of a line in Chinese typesetting.
CLOSING = set("，。、；：？！）》」』】")
# A line break as a terminal shows it: padding at the end of a line, the next one's indent.
BREAK = re.compile(r"[ ]*\n[ ]*")
SPACE = re.compile(r"[ ]*\n[ ]*|[ ]+")  # what a space may become


def shown_whole(text: str, output: str, *, room: int) -> bool:
    """Whether `output` shows `text` whole, wrapped at most: a space may be a line break, and
    so may the place between two characters one of which is Chinese; a word (letters between
    spaces) only when it is wider than `room`, the columns it is laid out in."""
    words = " ".join(text.split())
    wider = {i for m in re.finditer(r"\S+", words) if cells(m[0]) > room for i in range(*m.span())}
    breaks = {
        index
        for index, char in enumerate(words[1:], 1)
        if " " not in (char, words[index - 1])
        and (is_wide(char) or is_wide(words[index - 1]) or index in wider)
    }

    def follows(at: int) -> bool:
        for index, char in enumerate(words):
            if char == " ":
                gap = SPACE.match(output, at)
                if gap is None:
                    return False
                at = gap.end()
            elif output.startswith(char, at):
                at += 1
            elif index in breaks and (gap := BREAK.match(output, at)) is not None:
                if not output.startswith(char, gap.end()):
                    return False
                at = gap.end() + 1
            else:
                return False
        return True

    at = output.find(words[:1])
    while at != -1:
        if follows(at):
            return True
        at = output.find(words[:1], at + 1)
    return False


def assert_laid_out(output: str, width: int, texts: Iterable[str], *, room: int) -> None:
    """(a), (b) and (d): every line fits `width`, nothing is replaced, no line starts with a
    closing mark, and each of `texts` is shown whole, wrapped at most."""
    assert "\ufffd" not in output
    for line in output.splitlines():
        assert cells(line) <= width, f"{cells(line)} > {width}: {line!r}"
        assert line.lstrip()[:1] not in CLOSING, line
    for text in texts:
        assert shown_whole(text, output, room=room), f"not shown whole at {width}: {text!r}"


def starts(line: str) -> list[int]:
    """The column where each word of `line` starts."""
    return [cells(line[: m.start()]) for m in re.finditer(r"\S+", line)]


def ends(line: str) -> list[int]:
    """The column where each word of `line` ends."""
    return [cells(line[: m.end()]) for m in re.finditer(r"\S+", line)]


def from_column(line: str, column: int) -> str:
    """What `line` shows from `column` on."""
    used = 0
    for index, char in enumerate(line):
        if used >= column:
            return line[index:]
        used += cells(char)
    return ""


class Review(NamedTuple):
    folder: Path
    bank: Bank  # in Chinese
    before: Outcome
    after: Outcome


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Review]:
    """The support assistant's review, named in Chinese, and a later one; in Chinese, with the
    evidence of a scan of their folder (which contradicts many answers)."""
    folder = tmp_path_factory.mktemp("layout")
    text = (ROOT / "examples" / "support-assistant.yaml").read_text(encoding="utf-8")
    text = text.replace("name: helpdesk-assistant", f"name: {PROJECT}")
    (folder / "mlready.yaml").write_text(text, encoding="utf-8")
    for old, new in LATER.items():
        assert old in text
        text = text.replace(old, new)
    (folder / "later.yaml").write_text(text, encoding="utf-8")
    with speaking("zh-CN"):
        bank = load_bank()
        outcomes = []
        for name in ("mlready.yaml", "later.yaml"):
            answers = load_answers(folder / name, bank)
            card = score(bank, answers, today=answers.project.reviewed)
            verdict = judge(card, today=answers.project.reviewed)
            evidence = api.evidence_of(card)[1]
            outcomes.append(api.Review(card, verdict, evidence, folder).outcome())
        before, after = outcomes
        yield Review(folder, api.translated_bank(bank).bank, before, after)


def view_of(outcome: Outcome) -> ScorecardView:
    return scorecard_view(outcome.scorecard, outcome.verdict, evidence=outcome.evidence)


def shown_texts(view: ScorecardView) -> list[str]:
    """What the summary of a review must show whole (a gap's id is left out: the terminal may
    shorten it with … by design)."""
    assert view.project
    texts = [view.project, view.bank, view.verdict, *view.notes]
    texts += [row.title for row in view.areas]
    for section in view.sections:
        texts += [
            item.cells[-1] if section.table else "：".join(item.cells) for item in section.items
        ]
    return texts


def assert_area_columns(lines: list[str], titles: list[str], bar: str) -> None:
    """(c) The area table: scores, counts and gaps end where their headings end; bars (made
    of the characters in `bar`) start in one column."""
    rows = [next(line for line in lines if line.startswith(title)) for title in titles]
    header = lines[lines.index(rows[0]) - 1]
    numbers = ends(header)[1:]  # where the headings of score, answered and gaps end
    bars = set()
    for title, row in zip(titles, rows, strict=True):
        rest = row[len(title) :]
        words = [(cells(title + rest[: m.start()]), m[0]) for m in re.finditer(r"\S+", rest)]
        bars |= {start for start, word in words if re.fullmatch(f"[{bar}]+", word)}
        scores = [
            start + cells(word) for start, word in words if not re.fullmatch(f"[{bar}]+", word)
        ]
        assert scores == numbers, (header, row)
    assert len(bars) <= 1, bars


def assert_gap_columns(lines: list[str], ids: list[str]) -> None:
    """(c) The gap table: ids, scores and prompts each start in one column."""
    rows = [next(line for line in lines if f" {gap_id} " in line) for gap_id in ids]
    columns = {tuple(starts(row)[1:4]) for row in rows}
    assert len({column[:2] for column in columns}) == 1, columns  # id and score
    assert len({column[2:] for column in columns if len(column) == 3}) <= 1, columns  # prompt


def run(width: int | None, *args: str) -> str:
    """mlready's command line in this process, in Chinese: as in a terminal COLUMNS=`width`
    wide, or (None) as in a pipe, where some runners set COLUMNS all the same."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(application, "stdout_is_terminal", lambda: width is not None)
        result = CliRunner().invoke(
            app, [*args, "--lang", "zh-CN"], env={"COLUMNS": str(width or 80)}
        )
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_plain_check_bank_show_and_diff_fit_the_columns_they_are_given(
    review: Review, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(review.folder)
    today = ("--today", str(review.before.scorecard.answers.project.reviewed))
    first, later = str(review.folder / "mlready.yaml"), str(review.folder / "later.yaml")

    checked = run(width, "check", first, *today)
    view = view_of(review.before)
    assert checked.startswith(f"mlready check · {PROJECT} · ")
    assert_laid_out(checked, width, shown_texts(view), room=width - 4)
    lines = checked.splitlines()
    assert_area_columns(lines, [row.title for row in view.areas], "#.")
    (gaps,) = [section for section in view.sections if section.table]
    assert_gap_columns(lines, [item.cells[1] for item in gaps.items])

    shown = run(width, "bank", "show")
    questions = review.bank.questions
    texts = [one_line(q.prompt) for q in questions.values()]
    texts += [one_line(area.title) for area in review.bank.sections]
    assert_laid_out(shown, width, texts, room=width - 4)
    lines = shown.splitlines()
    rows = [row for row in lines if re.match(r"  \S", row) and row.split()[0] in questions]
    assert len(rows) == len(questions)
    assert len({starts(row)[1] for row in rows}) == 1  # the kinds
    assert len({starts(row)[2] for row in rows if len(starts(row)) > 2}) <= 1  # the prompts

    changed = run(width, "diff", first, later, *today)
    before, after = review.before.scorecard, review.after.scorecard
    opened = {g.question.id for g in after.open_gaps} - {g.question.id for g in before.open_gaps}
    texts = [f"{gap}：{one_line(questions[gap].prompt)}" for gap in opened]
    impact = questions["profile.impact"]
    texts.append(
        f"profile.impact：{impact.describe('experience')} → {impact.describe('decisions')}"
    )
    texts.append(f"training.red_team：备注：{NOTE}")  # the word "note" is said in Chinese too
    assert_laid_out(changed, width, texts, room=width - 4)
    titles = {f"{one_line(area.title)}:" for area in review.bank.sections}
    areas = [
        line for line in changed.splitlines() if line.split()[:1] and line.split()[0] in titles
    ]
    assert len(areas) > 1
    assert len({cells(line[: line.index("→")]) for line in areas}) == 1  # the arrows line up


def test_plain_text_in_a_pipe_keeps_its_lines_whole(
    review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(review.folder)
    checked = run(None, "check", str(review.folder / "mlready.yaml")).splitlines()
    sections = [section for section in view_of(review.before).sections if not section.table]
    for item in (item for section in sections for item in section.items):
        assert f"  {'：'.join(item.cells)}" in checked
    assert max(cells(line) for line in checked) > 100


@pytest.mark.parametrize("width", WIDTHS)
def test_the_terminal_view_fits_and_aligns(review: Review, width: int) -> None:
    output = io.StringIO()
    console = Console(file=output, width=width, force_terminal=True, color_system=None)
    print_outcomes(console, [review.before, review.after])
    text = output.getvalue()
    assert "\x1b" not in text
    for outcome in (review.before, review.after):
        assert_laid_out(text, width, shown_texts(view_of(outcome)), room=16)
    lines = text.splitlines()
    second = [i for i, line in enumerate(lines) if line.startswith(f"{PROJECT} · ")][1]
    view = view_of(review.before)
    assert_area_columns(lines[:second], [row.title for row in view.areas], "█░")
    (gaps,) = [section for section in view.sections if section.table]
    ids = [re.escape(item.cells[1][:16]) for item in gaps.items]  # an id may end in …
    rows = [next(row for row in lines if re.match(rf"  \S+ +{i}", row)) for i in ids]
    assert len({tuple(starts(row)[1:4]) for row in rows}) == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_the_walk_shows_every_question_and_option_whole(review: Review, width: int) -> None:
    output = io.StringIO()
    console = Console(file=output, width=width, force_terminal=True, color_system=None)
    console.input = lambda *_, **__: ""  # type: ignore[method-assign]
    prompt = TerminalPrompt(console)
    questions = list(review.bank.questions.values())
    areas = {q.id: area for area in review.bank.sections for q in area.questions}
    # Each question at one of the widths, in turn: every prompt and label, and every width.
    for number, question in list(enumerate(questions))[WIDTHS.index(width) :: len(WIDTHS)]:
        current = None
        if number % 2 and question.options and question.kind != "multi":
            current = AnswerEntry(value=question.options[-1].value)
        screen = Screen(
            question=question,
            area=areas[question.id],
            area_position=1,
            area_total=1,
            position=number + 1,
            total=len(questions),
            current=current,
        )
        start = len(output.getvalue())
        prompt.question(screen)
        shown = output.getvalue()[start:]
        texts = [terminal_text(question.prompt), f"[{screen.hint}]"]
        texts += [one_line(option.label) for option in question.options if option.label]
        if current is not None:
            texts.append(one_line(question.describe(current.value)))
        assert_laid_out(shown, width, texts, room=16)
        assert_label_column(shown.splitlines())


def assert_label_column(lines: list[str]) -> None:
    """(c) The walk's options: the labels of a question, and the lines they wrap to, start in
    one column."""
    columns: set[int] = set()
    for line in [*lines, ""]:
        if re.match(r" +\d+  \S+  +\S", line):
            columns.add(starts(line)[2])
        elif columns and line.startswith(" " * 6) and line.strip():
            columns.add(starts(line)[0])
        else:
            assert len(columns) <= 1, (columns, line)
            columns = set()


@pytest.mark.slow
def test_the_walk_in_a_terminal_follows_its_width(review: Review, tmp_path: Path) -> None:
    # One walk through the profile, the terminal resized on the way: 60 columns for the first
    # screens, then 80, then 100 for the last ones and the summary. Without COLUMNS, the walk
    # lays each screen out at the terminal's width when it shows it.
    (tmp_path / "answers.yaml").write_text(
        f"mlready: 1\nproject: {{name: {PROJECT}, owner: 客服平台组}}\nanswers: {{}}\n",
        encoding="utf-8",
    )
    walk = ("--lang", "zh-CN", "--area", "profile", "--no-scan", "--no-report")
    child = spawn_ask(tmp_path, *walk, env={"COLUMNS": ""}, columns=WIDTHS[0])
    # The width of each screen: the first question, its help, nine questions, the last one
    # and the summary.
    widths = [60, 60, 60, 80, 80, 80, 80, 100, 100, 100, 100, 100, 100, 100]
    screens: list[str] = []
    while child.expect([PROMPT, pexpect.EOF]) == 0:
        screens.append(child.before or "")
        child.setwinsize(40, widths[len(screens)])
        child.sendline("?" if len(screens) == 1 else "1")
    screens.append(child.before or "")
    child.close()
    assert child.exitstatus == 0
    assert len(screens) == len(widths)
    profile = next(area for area in review.bank.sections if area.id == "profile")
    # Answered "1" everywhere, the walk leaves out the options that go with other answers (the
    # regimes of other markets than the first).
    firsts = empty_answers("answers.yaml")
    for question in profile.questions:
        firsts = firsts.with_entry(question.id, AnswerEntry(value=question.options[0].value))
    hidden = {
        question.id: unexpected_options(question, review.bank, firsts)
        for question in profile.questions
    }
    shown = set()
    for number, (width, screen) in enumerate(zip(widths, screens, strict=True)):
        # A carriage return alone starts the line again (the line editor redraws the line
        # typed on when the terminal is resized).
        text = re.sub(r"[^\n]*\r(?!\n)", "", CONTROL.sub("", screen)).replace("\r\n", "\n")
        texts = [terminal_text(profile.questions[0].why)] if number == 1 else []
        for question in profile.questions:
            if question.prompt[:4] in text:
                shown.add(question.id)
                texts.append(terminal_text(question.prompt))
                texts += [
                    one_line(option.label)
                    for option in question.options
                    if option.label and option.value not in hidden[question.id]
                ]
        texts += [PROJECT] if number == len(screens) - 1 else []
        assert_laid_out(text, width, texts, room=16)
        assert_label_column(text.splitlines())
    # Every profile question the walk reaches: answering "1" everywhere never names the
    # regime that brings a conditional one (profile.gpai_model, for a general-purpose model).
    assert shown == {question.id for question in profile.questions if not question.when}
    assert shown


@pytest.mark.parametrize("width", WIDTHS)
def test_help_in_chinese_is_wrapped_whole(review: Review, width: int) -> None:
    # (The review is not looked at: its fixture is what speaks Chinese in this module.)
    command = typer.main.get_command(app).get_command(None, "check")  # type: ignore[attr-defined]
    helps = {p.opts[0]: p.help for p in command.params if p.param_type_name == "option"}
    shown = run(width, "check", "--help")
    assert_laid_out(shown, width, [], room=width)
    # The options panel, without its frame; the help column, from where --bank's help starts.
    lines = shown.splitlines()
    bank = next(i for i, line in enumerate(lines) if line.startswith("│ --bank"))
    top = max(i for i in range(bank) if lines[i].startswith("╭"))
    bottom = next(i for i in range(bank, len(lines)) if lines[i].startswith("╰"))
    panel = [line.strip("│") for line in lines[top + 1 : bottom]]
    column = cells(panel[bank - top - 1].split(helps["--bank"][:2])[0])
    helped = "\n".join(from_column(line, column) for line in panel)
    room = max(cells(line.rstrip()) for line in helped.splitlines())
    assert "…" not in helped
    assert_laid_out(helped, width, [text for text in helps.values() if text], room=room)
