"""`mlready ask` driven for real, in a pseudo-terminal."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pexpect
import pytest

from mlready.core.errors import ExitCode
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from tests.helpers.commands import english_environment, mlready
from tests.helpers.git_repositories import repository
from tests.helpers.probed_bank import BANK as PROBED_BANK
from tests.helpers.small_bank import BEST_ANSWERS
from tests.helpers.terminal_sessions import shown_lines, spawn, spawn_ask

pytestmark = pytest.mark.slow


def answer(child: pexpect.spawn, expected: str, line: str) -> None:
    child.expect_exact(expected)
    child.expect_exact("› ")
    child.sendline(line)


@pytest.fixture
def workdir(tmp_path: Path, bank_file: Path) -> Path:
    assert bank_file.parent == tmp_path
    return tmp_path


def test_ctrl_c_keeps_every_answer_and_the_next_run_resumes(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect_exact("Project name")
    child.sendline("shelf-scanner")
    child.expect_exact("Owner")
    child.sendline("vision")
    answer(child, "Which inputs does the model take?", "1,2")
    answer(child, "Who owns the data?", "data team [core]")
    answer(child, "Can every training example be traced back to its source?", "yes")
    child.expect_exact("Is the data checked against a schema?")
    child.expect_exact("› ")
    child.sendintr()
    child.expect_exact("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.INTERRUPTED

    bank = load_bank(workdir / "small.yaml")
    answers = load_answers(workdir / "answers.yaml", bank)
    assert {key: entry.value for key, entry in answers.entries.items()} == {
        "data.modality": ("image", "text"),
        "data.owner": "data team [core]",
        "data.lineage": "yes",
    }
    assert answers.project.name == "shelf-scanner"

    child = spawn(workdir)
    child.expect_exact("data 4/5 · 4/7 overall")  # schema: the fourth of seven that apply
    child.expect_exact("Is the data checked against a schema?")
    child.expect_exact("› ")
    child.sendeof()  # Ctrl-D saves and leaves
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK


# A Ctrl-C that Python notes after its last check for signals, once input() has set up the
# terminal and is about to wait for a key: as when ^C comes the moment the prompt is read (the
# terminal driver holds the process until it is), which a loaded machine stretches. Here a
# second thread takes the signal just then, so that it cannot interrupt the wait itself.
CTRL_C_BEFORE_THE_WAIT = """
import readline, signal, sys, threading
from rich.console import Console
from mlready.render.terminal import TerminalPrompt

sys.setswitchinterval(100)  # the hook keeps the interpreter until it returns to readline
waiting = threading.Event()

def ctrl_c_when_input_waits():
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # the reader's, not this one's
    waiting.wait()
    signal.pthread_kill(threading.get_ident(), signal.SIGINT)

threading.Thread(target=ctrl_c_when_input_waits, daemon=True).start()
readline.set_pre_input_hook(waiting.set)
try:
    TerminalPrompt(Console()).text("Project name")
    print("a line was read")
except KeyboardInterrupt:
    print("interrupted")
"""


def test_a_ctrl_c_noted_just_before_the_wait_for_a_key_still_ends_the_read(
    tmp_path: Path,
) -> None:
    readline = pytest.importorskip("readline")
    if not hasattr(readline, "set_pre_input_hook"):  # libedit may lack it
        pytest.skip("this readline has no pre-input hook to land the Ctrl-C with")
    child = pexpect.spawn(
        sys.executable,
        ["-c", CTRL_C_BEFORE_THE_WAIT],
        cwd=tmp_path,
        env=english_environment(),
        encoding="utf-8",
        timeout=15,
    )
    child.expect_exact("Project name")
    # Without a key: before the fix, the read went on until Enter, and the ^C was acted on only
    # then.
    child.expect_exact("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "a line was read" not in (child.before or "")


def past_the_project(child: pexpect.spawn) -> None:
    """Enter at the project's name and owner: a new file's first two prompts."""
    child.expect_exact("Project name")
    child.sendline("")
    child.expect_exact("Owner")
    child.sendline("")


def test_a_walk_to_the_end_prints_the_summary_and_writes_the_report(workdir: Path) -> None:
    child = spawn(workdir, "--report", "REVIEW.md")
    past_the_project(child)
    for expected, line in [
        ("Which inputs", "3"),
        ("Who owns the data?", "me"),
        ("traced back", "yes"),
        ("schema", "no"),
    ]:
        answer(child, expected, line)
    child.expect_exact("Note (Enter to skip)")
    child.sendline("none yet")
    child.expect_exact("Evidence link")
    child.sendline("")
    child.expect_exact("Action owner")
    child.sendline("data-team")
    child.expect_exact("Due date")
    child.sendline("31 Jan")  # not a date: asked again
    child.expect_exact("is not a date")
    child.expect_exact("Due date")
    child.sendline("2031-01-31")
    answer(child, "How are predictions served?", "batch")
    answer(child, "rollback", "yes")
    child.expect_exact("Level")
    child.expect_exact("Report: REVIEW.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    assert (workdir / "REVIEW.md").read_text().startswith("<!-- mlready report")
    written = (workdir / "answers.yaml").read_text()
    assert "note: none yet" in written
    assert "    action:\n      owner: data-team\n      due: 2031-01-31\n" in written


def test_a_quick_walk_goes_from_one_question_to_the_next_after_a_gap(workdir: Path) -> None:
    child = spawn(workdir, "--quick", "--no-report")
    past_the_project(child)
    for expected, line in [
        ("Which inputs", "3"),
        ("Who owns the data?", "me"),
        ("traced back", "no"),
        ("schema", "no"),
        ("How are predictions served?", "batch"),
        ("rollback", "no"),
    ]:
        answer(child, expected, line)
    child.expect_exact("Level")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    written = (workdir / "answers.yaml").read_text()
    assert "note:" not in written and "action:" not in written


def test_a_second_session_on_the_same_file_is_refused(workdir: Path) -> None:
    first = spawn(workdir)
    first.expect_exact("Project name")
    second = spawn(workdir)
    second.expect_exact("another mlready session is editing this file")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == ExitCode.INVALID
    first.sendintr()
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == ExitCode.INTERRUPTED


def test_arrow_keys_edit_the_line_and_are_never_saved(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect_exact("Project name")
    child.sendline("shelf\x1b[Dx-scanner")  # Left arrow in the middle of the name
    child.expect_exact("Owner")
    child.sendline("vision\x1b[A")  # a stray Up arrow at the end
    answer(child, "Which inputs does the model take?", "1")
    child.expect_exact("Who owns the data?")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    text = (workdir / "answers.yaml").read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "[D" not in text
    assert "[A" not in text
    assert "owner: vision\n" in text
    assert "name: shelx-scannerf\n" in text  # the arrow moved the cursor: the line editor


def test_an_edit_made_during_the_walk_is_never_overwritten(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect_exact("Project name")
    child.sendline("shelf")
    child.expect_exact("Owner")
    child.sendline("vision")
    answer(child, "Which inputs does the model take?", "1")
    child.expect_exact("Who owns the data?")
    child.expect_exact("› ")
    target = workdir / "answers.yaml"
    edited = target.read_text(encoding="utf-8").replace("name: shelf", "name: edited by hand")
    target.write_text(edited, encoding="utf-8")  # an editor saves the file meanwhile
    child.sendline("data team")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.INVALID
    output = child.before or ""
    assert "changed by another program while ask ran" in output
    assert target.read_text(encoding="utf-8") == edited  # the edit stands
    pending = workdir / "answers.pending.yaml"
    assert "data.owner: data team" in pending.read_text(encoding="utf-8")
    assert str(pending) in " ".join(output.split())


def test_a_read_only_answers_file_is_refused(workdir: Path) -> None:
    target = workdir / "answers.yaml"
    target.write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    target.chmod(0o444)
    child = spawn(workdir)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.INVALID
    assert "answers.yaml: is read-only" in (child.before or "")
    assert target.read_text(encoding="utf-8") == "mlready: 1\nanswers: {}\n"


def test_a_lock_left_by_a_killed_walk_is_taken_over_with_a_note(workdir: Path) -> None:
    lock = workdir / ".answers.yaml.lock"
    lock.write_text("999999\n", encoding="utf-8")  # a process that is gone
    child = spawn(workdir)
    child.expect_exact("took over the lock")
    child.expect_exact("Project name")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert not lock.exists()


def test_init_force_never_overwrites_a_file_a_walk_holds(workdir: Path) -> None:
    import subprocess

    child = spawn(workdir)
    child.expect_exact("Project name")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mlready",
            "init",
            "answers.yaml",
            "--bank",
            "small.yaml",
            "--force",
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert result.returncode == ExitCode.INVALID
    assert "another mlready session is editing this file" in result.stderr


def test_a_walk_on_a_linked_answers_file_writes_through_the_link(workdir: Path) -> None:
    shared = workdir / "shared"
    shared.mkdir()
    (shared / "fraud.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    (workdir / "answers.yaml").symlink_to("shared/fraud.yaml")
    child = spawn(workdir)
    for label in ("Project name", "Owner"):  # asked while empty, as after init
        child.expect_exact(label)
        child.sendline("")
    answer(child, "Which inputs does the model take?", "1")
    child.expect_exact("Who owns the data?")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert (workdir / "answers.yaml").is_symlink()
    assert "data.modality: [image]" in (shared / "fraud.yaml").read_text(encoding="utf-8")
    assert not list(workdir.glob(".answers.yaml.*"))  # no stray temporary or lock file here


def test_a_note_is_kept_when_the_walk_is_quit_at_the_evidence_prompt(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect_exact("Project name")
    child.sendline("shelf-scanner")
    child.expect_exact("Owner")
    child.sendline("vision")
    answer(child, "Which inputs does the model take?", "1")
    answer(child, "Who owns the data?", "data team")
    answer(child, "Can every training example be traced back to its source?", "no")
    child.expect_exact("Note (Enter to skip): ")
    child.sendline("lineage lands in Q3")
    child.expect_exact("Evidence link (Enter to skip): ")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK

    answers = load_answers(workdir / "answers.yaml", load_bank(workdir / "small.yaml"))
    entry = answers.entries["data.lineage"]
    assert (entry.value, entry.note) == ("no", "lineage lands in Q3")


def test_quit_at_the_project_questions_quits_and_stores_no_command(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect_exact("Project name")
    child.sendline(":q")
    child.expect_exact("Saved in answers.yaml; run `mlready ask` again to go on.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    assert ":q" not in (workdir / "answers.yaml").read_text(encoding="utf-8")

    child = spawn(workdir)  # asked again, as nothing was typed
    child.expect_exact("Project name")
    child.sendline("shelf-scanner")
    child.expect_exact("Owner")
    child.sendline(":quit")
    child.expect_exact("Saved in answers.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    answers = load_answers(workdir / "answers.yaml", load_bank(workdir / "small.yaml"))
    assert (answers.project.name, answers.project.owner) == ("shelf-scanner", None)
    assert not answers.entries


def test_ask_walks_the_built_in_bank_in_chinese(tmp_path: Path) -> None:
    child = spawn_ask(tmp_path, "--lang", "zh-CN", "--area", "profile", "--no-scan", "--no-report")
    child.expect_exact("项目名称")
    child.sendline("智能客服")
    child.expect_exact("负责人（团队或个人）")
    child.sendline("客服平台组")
    answer(child, "团队如何获得模型？", "?")
    child.expect_exact("为何重要：")  # the help: why the question matters, in Chinese
    child.expect_exact("› ")
    child.sendline("1")
    answer(child, "系统用模型来做什么？", ":b")
    child.expect_exact("团队如何获得模型？")  # back to the first question, answered
    child.expect_exact("回车保留")
    child.expect_exact("› ")
    child.sendline("")
    for _ in range(11):  # the rest of the profile: the first option of each
        child.expect_exact("总计")
        child.expect_exact("› ")
        child.sendline("1")
    child.expect_exact("级别")  # the summary, in Chinese
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    saved = (tmp_path / "answers.yaml").read_text(encoding="utf-8")
    assert "profile.model_source: trained" in saved
    # The answers are the same in every language; the comments are in the one spoken.
    assert (
        "智能客服" in saved and "  # == 系统概况 ==" in saved and "# == System profile" not in saved
    )


def test_quitting_a_chinese_walk_says_where_the_answers_are(tmp_path: Path) -> None:
    child = spawn_ask(tmp_path, "--no-scan", "--no-report", env={"MLREADY_LANG": "zh-CN"})
    child.expect_exact("项目名称")
    child.sendline("x")
    child.expect_exact("负责人")
    child.sendline("y")
    answer(child, "团队如何获得模型？", ":q")
    child.expect_exact("已保存到 answers.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK


@pytest.mark.parametrize(
    ("language", "labels", "severity"),
    [
        (
            "en",
            [
                "Note (Enter to skip): ",
                "Evidence link (Enter to skip): ",
                "Action owner (Enter to skip): ",
                "Due date YYYY-MM-DD (Enter to skip): ",
            ],
            "data 3/4 · 3/6 overall · severity: blocker",
        ),
        (
            "zh-CN",
            [
                "备注（回车跳过）：",
                "证据链接（回车跳过）：",
                "行动项负责人（回车跳过）：",
                "截止日期 YYYY-MM-DD（回车跳过）：",
            ],
            # The area by its title (the small bank has no Chinese one), full-width colons.
            "Data 3/4 · 总计 3/6 · 严重程度：阻断级",
        ),
    ],
)
def test_each_follow_up_prompt_skipped_with_enter_is_on_a_line_of_its_own(
    workdir: Path, language: str, labels: list[str], severity: str
) -> None:
    # Enter on an empty line used to end it without a newline: the four prompts piled onto one
    # line, the next question's progress line stuck to the last.
    (workdir / "answers.yaml").write_text(
        "mlready: 1\nproject: {name: shelf, owner: vision}\n"
        "answers:\n  data.modality: [image]\n  data.owner: me\n",
        encoding="utf-8",
    )
    child = spawn(workdir, "--no-report", env={"MLREADY_LANG": language})
    child.logfile_read = io.StringIO()
    child.expect_exact("› ")  # the first question's: all it shows since the start
    lineage = shown_lines(child.before or "")
    assert "Can every training example be traced back to its source?" in lineage
    child.sendline("no")
    for label in labels:
        child.expect_exact(label)
        child.sendline("")
    child.expect_exact("Is the data checked against a schema?")
    child.expect_exact("› ")
    child.sendline("")  # Enter at a question: asked to answer, on a line of its own
    child.expect_exact("› ")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    assert severity in lineage
    lines = shown_lines(child.logfile_read.getvalue())
    start = lines.index("› no")
    assert lines[start + 1 : start + 6] == [*(f"  {label}" for label in labels), ""]
    assert lines[start + 6].startswith(severity.split(" ", 1)[0] + " 4/4 ")
    assert "› " in lines
    assert lines[lines.index("› ") + 1] != ""  # the hint, then the question again


def test_a_resumed_walk_counts_on_says_how_and_goes_back_to_the_last_answer(
    workdir: Path,
) -> None:
    child = spawn(workdir, "--no-report")
    child.expect_exact("Project name")
    child.sendline("shelf")
    child.expect_exact("Owner")
    child.sendline("vision")
    answer(child, "Which inputs does the model take?", "1,2")
    answer(child, "Who owns the data?", "data team")
    answer(child, "traced back", "no")
    child.expect_exact("Note (Enter to skip)")
    child.sendline("lineage lands in Q3")
    child.expect_exact("Evidence link")
    child.sendline(":q")  # the evidence, owner and due date are not asked
    child.expect(pexpect.EOF)
    child.close()

    child = spawn(workdir, "--no-report")
    child.expect_exact("data 4/5 · 4/7 overall")  # not 1/2 · 1/4: counted as before `:q`
    told = " ".join(" ".join(shown_lines(child.before or "")).split())
    assert "3 of 7 questions are answered; the walk asks the others" in told
    assert "`mlready ask --redo` walks them all, `--area AREA` one area: data, serving" in told
    answer(child, "Is the data checked against a schema?", ":b")
    child.expect_exact("data 3/5 · 3/7 overall")
    child.expect_exact("traced back")
    child.expect_exact("current answer: No")
    child.expect_exact("› ")
    child.sendline("no")  # the answer again: its follow-ups, which `:q` cut short
    child.expect_exact("Note (Enter to skip) [lineage lands in Q3]: ")
    child.sendline("")
    child.expect_exact("Evidence link (Enter to skip): ")
    child.sendline("docs/lineage.md")
    child.expect_exact("Action owner")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    answers = load_answers(workdir / "answers.yaml", load_bank(workdir / "small.yaml"))
    entry = answers.entries["data.lineage"]
    assert (entry.note, entry.evidence) == ("lineage lands in Q3", ("docs/lineage.md",))


def test_none_for_what_the_system_does_asks_for_confirmation(tmp_path: Path) -> None:
    child = spawn_ask(tmp_path, "--area", "profile", "--no-scan", "--no-report")
    for label in ("Project name", "Owner"):
        child.expect_exact(label)
        child.sendline("x")
    answer(child, "How does the team obtain the model?", "1")
    answer(child, "What does the system do with the model?", "-")
    child.expect(r"None chosen: \d+ questions that depend on this answer leave the review.")
    child.expect_exact("Keep none? y keeps it, Enter chooses again: ")
    child.sendline("")
    answer(child, "What does the system do with the model?", "1")
    child.expect_exact("How are predictions made?")
    child.expect_exact("› ")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    saved = (tmp_path / "answers.yaml").read_text(encoding="utf-8")
    assert "profile.system_task: [predict]" in saved


def test_the_next_walk_mentions_answers_left_in_a_pending_file(workdir: Path) -> None:
    (workdir / "answers.pending.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    child = spawn(workdir, "--no-report")
    child.expect_exact("answers.pending.yaml holds answers that an earlier `mlready ask`")
    child.expect_exact("Project name")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()


def test_the_values_init_lists_as_comments_survive_a_walk(workdir: Path) -> None:
    assert mlready(workdir, "init", "answers.yaml", "--bank", "small.yaml").returncode == 0
    target = workdir / "answers.yaml"
    written = target.read_text(encoding="utf-8")
    comments = [line for line in written.splitlines() if line.lstrip().startswith("#")]
    child = spawn(workdir, "--no-report")
    for label in ("Project name", "Owner"):
        child.expect_exact(label)
        child.sendline("x")
    answer(child, "Which inputs does the model take?", "1")
    answer(child, "Who owns the data?", ":q")
    child.expect(pexpect.EOF)
    child.close()
    rewritten = target.read_text(encoding="utf-8")
    assert rewritten != written and "data.modality: [image]" in rewritten
    assert [line for line in rewritten.splitlines() if line.lstrip().startswith("#")] == comments


def test_a_walk_that_ends_failed_says_why_it_exits_0(workdir: Path) -> None:
    answers = BEST_ANSWERS.replace("  data.lineage: yes\n", "  data.lineage: no\n")
    (workdir / "answers.yaml").write_text(
        answers.replace("  serving.rollback: yes\n", ""), encoding="utf-8"
    )
    child = spawn(workdir, "--no-report", "--no-scan")
    answer(child, "Has a rollback been rehearsed?", "yes")
    child.expect_exact("FAILED")
    child.expect_exact("`mlready ask` exits 0 whatever the verdict")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK


def test_the_core_track_leaves_the_minor_check_for_the_next_walk(workdir: Path) -> None:
    child = spawn(workdir, "--core", "--no-report", "--no-scan")
    child.logfile_read = io.StringIO()
    child.expect_exact("Project name")
    child.sendline("shelf-scanner")
    child.expect_exact("Owner")
    child.sendline("vision")
    answer(child, "Which inputs does the model take?", "3")
    answer(child, "Who owns the data?", "me")
    child.expect_exact("data 3/3 · 3/5 overall")  # the minor schema check is not counted
    answer(child, "traced back", "yes")
    answer(child, "How are predictions served?", "batch")
    child.expect_exact("serving 2/2 · 5/5 overall")
    answer(child, "rollback", "yes")
    child.expect_exact("1 minor check is left unanswered: it is optional;")
    child.expect_exact("Note: 1 minor check is unanswered: it is optional")
    child.expect_exact("PASSED")  # an unanswered minor check fails no gate
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    shown = "\n".join(shown_lines(child.logfile_read.getvalue()))
    walked = shown.split("1 minor check is left unanswered")[0]  # the summary lists it after
    assert "Which inputs does the model take?" in walked
    assert "Is the data checked against a schema?" not in walked
    bank = load_bank(workdir / "small.yaml")
    answers = load_answers(workdir / "answers.yaml", bank)
    assert answers.get("data.schema") is None
    assert answers.get("serving.rollback") is not None

    child = spawn(workdir, "--no-report", "--no-scan")  # without --core: what is left
    child.expect_exact("data 4/4 · 4/6 overall")
    answer(child, "Is the data checked against a schema?", "yes")
    child.expect_exact("PASSED")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    assert load_answers(workdir / "answers.yaml", bank).get("data.schema") is not None


def test_a_resumed_core_walk_counts_the_core_track_alone(workdir: Path) -> None:
    answers = BEST_ANSWERS.replace(
        "  data.modality: [image, text]\n", "  data.modality: [tabular]\n"
    )
    kept = answers.split("  data.schema: yes\n")[0]  # modality, owner and lineage answered
    (workdir / "answers.yaml").write_text(kept, encoding="utf-8")
    child = spawn(workdir, "--core", "--no-report", "--no-scan")
    child.expect_exact("3 of the 5 questions of the core track are answered")
    child.expect_exact("serving 1/2 · 4/5 overall")  # the schema check is not on the track
    answer(child, "How are predictions served?", "batch")
    answer(child, "rollback", "yes")
    child.expect_exact("1 minor check is left unanswered")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK


def test_a_core_walk_with_nothing_left_says_so(workdir: Path) -> None:
    (workdir / "answers.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    child = spawn(workdir, "--core", "--no-report", "--no-scan")
    child.expect_exact("Nothing left on the core track")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK


def test_a_core_walk_left_with_q_names_the_core_walk_to_go_on(workdir: Path) -> None:
    # It named `mlready ask`, which would go on with the minor checks too.
    answers = BEST_ANSWERS.replace(
        "  data.modality: [image, text]\n", "  data.modality: [tabular]\n"
    )
    (workdir / "answers.yaml").write_text(
        answers.split("  data.schema: yes\n")[0], encoding="utf-8"
    )
    child = spawn(workdir, "--core", "--no-report", "--no-scan")
    child.logfile_read = io.StringIO()
    child.expect_exact("How are predictions served?")
    child.sendline(":q")
    child.expect_exact("Saved in answers.yaml; run `mlready ask --core` again to go on.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    shown = " ".join(" ".join(shown_lines(child.logfile_read.getvalue())).split())
    assert "(minor checks that cap nothing are left for `mlready ask` without --core)" in shown


def test_ask_shows_a_contradiction_of_the_answer_just_given(tmp_path: Path) -> None:
    repository(
        tmp_path,
        {
            "bank.yaml": PROBED_BANK,
            "answers.yaml": "mlready: 1\nbank: probed@1\nproject: {name: api, owner: ml}\n",
        },
    )
    child = spawn_ask(tmp_path, "--bank", "bank.yaml")
    answer(child, "Do tests run in CI on every change?", "automated")
    child.expect_exact("The repository does not show this answer:")
    child.expect_exact("not found: a CI workflow runs the tests (high)")
    child.expect_exact("Keep this answer? y keeps it, Enter chooses again: ")
    child.sendline("y")
    child.expect_exact("Note: why the repository does not show it: ")
    child.sendline("CI runs in another repository")
    child.expect_exact("Are new model versions rolled out as a canary?")
    child.sendintr()
    child.expect(pexpect.EOF)
    entry = load_answers(tmp_path / "answers.yaml", load_bank(tmp_path / "bank.yaml")).get(
        "delivery.ci"
    )
    assert entry is not None and entry.value == "automated"
    assert entry.note == "CI runs in another repository"


def test_a_us_team_is_not_shown_the_regimes_of_other_markets(tmp_path: Path) -> None:
    # Asked where its outputs are used before which regimes apply, a US team sees the US
    # regimes and those of no market in particular; the rest are named in one line, and typing
    # one still chooses it.
    (tmp_path / "answers.yaml").write_text(
        "mlready: 1\nproject: {name: x, owner: y}\nanswers:\n  profile.model_source: trained\n"
        "  profile.system_task: [predict]\n  profile.prediction_mode: [batch]\n"
        "  profile.runs_on: [embedded]\n  profile.impact: [decisions]\n"
        "  profile.domains: [credit]\n",
        encoding="utf-8",
    )
    child = spawn_ask(tmp_path, "--area", "profile", "--no-scan", "--no-report")
    answer(child, "Where are the system's outputs used", "us")
    child.expect_exact("Which regulatory regimes apply")
    child.expect_exact("› ")
    screen = shown_lines(child.before or "")
    listed = " ".join(" ".join(screen).split())
    assert "us_credit" in listed and "model_risk" in listed
    assert "go with other answers to earlier questions" in listed
    hidden = listed.split("go with other answers to earlier questions")[1]
    assert "eu_high_risk" in hidden and "china_genai" in hidden
    # not among the numbered options
    assert not [line for line in screen if re.match(r"\s+\d+\s+eu_high_risk\b", line)]
    credit = [line for line in screen if re.match(r"\s+\d+\s+us_credit\b", line)]
    # Credit in the US suggests its credit rules, said beside them (the EU's are not suggested).
    assert credit
    assert "every adverse action (suggested by your earlier answers)" in listed
    # ...and Colorado's and California's rules on automated decisions, which credit comes under
    assert listed.count("(suggested by your earlier answers)") == 3
    child.sendline("eu_high_risk")  # typed, a hidden regime is still chosen, with a warning
    child.expect_exact("goes with profile.markets being eu")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    regimes = load_answers(tmp_path / "answers.yaml", load_bank()).get("profile.regimes")
    assert regimes is not None and regimes.chosen == ("eu_high_risk",)
