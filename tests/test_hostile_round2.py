"""Findings of a second hostile test of the commands and of `mlready.api`, each at the level a
user meets it: the command run in a temporary folder (as a process where the process is what is
tested: its recursion limit, memory limit, environment, language or pipes), or the library
called as a program would. Each is marked xfail (strict) until it is fixed, so that the suite
stays green and a fix shows as an unexpected pass."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlready import api
from mlready.core.errors import ExitCode, MlreadyError
from tests.helpers.commands import english_environment, mlready, run_in
from tests.helpers.file_snapshots import snapshot
from tests.helpers.languages import speaking
from tests.helpers.probed_bank import ANSWERS, BANK
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

pytestmark = pytest.mark.slow

# One name longer than any file system takes (NAME_MAX is 255 bytes): the system says
# ENAMETOOLONG wherever such a name is looked up.
LONG_NAME = "a" * 300
# Deeper than Python's default recursion limit of 1,000 frames, far below PATH_MAX.
DEPTH = 1_100


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    return tmp_path


def assert_one_located_line(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.returncode == ExitCode.INVALID, result.stderr[-800:]
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", LONG_NAME, "--bank", "small.yaml"),
        ("report", "--bank", "small.yaml", "-o", LONG_NAME + ".md"),
        ("report", "--bank", "small.yaml", "--template", LONG_NAME),
        ("report", "--bank", "small.yaml", "--repo", LONG_NAME),
        ("check", "--bank", "small.yaml", "--output", "json:" + LONG_NAME),
        ("diff", LONG_NAME, "mlready.yaml", "--bank", "small.yaml"),
        ("history", LONG_NAME, "--bank", "small.yaml"),
        ("init", LONG_NAME + ".yaml", "--bank", "small.yaml"),
        ("sign", LONG_NAME, "--name", "P", "--role", "lead", "--bank", "small.yaml"),
        ("scan", LONG_NAME, "--bank", "small.yaml"),
        ("portfolio", LONG_NAME, "--bank", "small.yaml"),
        ("portfolio", "--bank", "small.yaml", "--reports", LONG_NAME),
    ],
    ids=[
        "check-answers",
        "report-output",
        "report-template",
        "report-repo",
        "check-output-format",
        "diff-old",
        "history",
        "init",
        "sign",
        "scan",
        "portfolio-answers",
        "portfolio-reports",
    ],
)
def test_a_file_name_too_long_is_one_line_and_exit_2(repo: Path, args: tuple[str, ...]) -> None:
    before = snapshot(repo)
    result = run_in(repo, *args)
    assert_one_located_line(result)
    assert snapshot(repo) == before


def test_the_api_raises_its_own_error_for_an_answers_name_too_long(repo: Path) -> None:
    with pytest.raises(MlreadyError):
        api.review(repo / LONG_NAME, bank=repo / "small.yaml")


def test_a_nul_in_the_settings_bank_is_one_line_and_exit_2(repo: Path) -> None:
    (repo / ".mlready.toml").write_text('bank = "sm\\u0000all.yaml"\n', encoding="utf-8")
    result = run_in(repo, "check")
    assert_one_located_line(result)
    assert ".mlready.toml" in result.stderr


def test_the_api_raises_its_own_error_for_a_nul_in_the_bank_name(repo: Path) -> None:
    with pytest.raises(MlreadyError):
        api.review(repo / "mlready.yaml", bank=str(repo / "sm\x00all.yaml"))


def test_sign_through_a_link_loop_is_one_line_and_exit_2(repo: Path) -> None:
    (repo / "loop-a.yaml").symlink_to("loop-b.yaml")
    (repo / "loop-b.yaml").symlink_to("loop-a.yaml")
    result = run_in(
        repo, "sign", "loop-a.yaml", "--name", "P", "--role", "lead", "--bank", "small.yaml"
    )
    assert_one_located_line(result)
    assert "loop-a.yaml" in result.stderr


@pytest.fixture(autouse=True)
def remove_deep_folders(tmp_path: Path) -> Iterator[None]:
    """pytest's own clean-up of tmp_path recurses, one frame per folder: a tree deeper than the
    recursion limit is removed here, by rm, first."""
    yield
    if (tmp_path / "d").is_dir():
        subprocess.run(["rm", "-rf", str(tmp_path / "d")], check=True)


def deep_folders(root: Path, depth: int) -> Path:
    """`depth` nested folders below `root`, one short name each: no path nears PATH_MAX."""
    folder = root
    for _ in range(depth):
        folder = folder / "d"
        folder.mkdir()
    return root


@pytest.mark.parametrize("command", ["check", "report", "portfolio"])
def test_an_answers_pattern_over_deep_folders_is_no_traceback(repo: Path, command: str) -> None:
    deep_folders(repo, DEPTH)
    # A pattern names several files: report writes NAME.md beside each, portfolio one table.
    extra = ("-o", "-") if command == "portfolio" else ()
    result = mlready(repo, command, "**/mlready.yaml", "--bank", "small.yaml", *extra)
    assert "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.returncode == ExitCode.OK, result.stderr[-800:]


@pytest.mark.parametrize("command", ["scan", "check", "report"])
def test_a_scan_of_deep_folders_outside_git_is_no_traceback(tmp_path: Path, command: str) -> None:
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(ANSWERS, encoding="utf-8")
    deep_folders(tmp_path, DEPTH)
    extra = ("-o", "-") if command == "report" else ()
    result = mlready(tmp_path, command, "--bank", "bank.yaml", *extra)
    assert "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr[-800:]


def help_into_a_closed_pipe(*args: str) -> tuple[int, str]:
    """`python -m mlready ARGS` with its standard output read for one line, then closed."""
    with subprocess.Popen(
        [sys.executable, "-m", "mlready", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**english_environment(), "MLREADY_CACHE_DIR": "", "COLUMNS": "80"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode("utf-8", "replace")
        return process.wait(timeout=60), stderr


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("bank", "--help")])
def test_help_into_a_closed_pipe_ends_quietly_as_a_command_does(args: tuple[str, ...]) -> None:
    """The reader gone: no word, and the code a shell reports for a closed pipe (141), as for
    a command's own output; never 1, which reads as a failed gate."""
    code, stderr = help_into_a_closed_pipe(*args)
    assert stderr == ""
    assert code in (ExitCode.OK, 128 + 13), stderr


@pytest.mark.parametrize("kind", ["a file of the user's", "the bank in use"])
def test_the_pending_side_file_of_ask_goes_through_the_output_policy(
    tmp_path: Path, kind: str
) -> None:
    import pexpect

    from tests.helpers.terminal_sessions import spawn_ask

    side = tmp_path / "answers.pending.yaml"
    if kind == "the bank in use":
        side.write_text(SMALL_BANK, encoding="utf-8")
        bank = side.name
    else:
        (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
        side.write_text("# notes kept by hand\nkeep: me\n", encoding="utf-8")
        bank = "small.yaml"
    before = side.read_bytes()
    child = spawn_ask(tmp_path, "--bank", bank, env={"MLREADY_CACHE_DIR": ""})
    child.expect_exact("Project name")
    child.sendline("shelf")
    child.expect_exact("Owner")
    child.sendline("vision")
    child.expect_exact("Which inputs does the model take?")
    child.expect_exact("› ")
    child.sendline("1")
    child.expect_exact("Who owns the data?")
    child.expect_exact("› ")
    target = tmp_path / "answers.yaml"
    edited = target.read_text(encoding="utf-8").replace("name: shelf", "name: edited by hand")
    target.write_text(edited, encoding="utf-8")  # an editor saves the file meanwhile
    child.sendline("data team")
    child.expect(pexpect.EOF)
    child.close()
    assert target.read_text(encoding="utf-8") == edited  # the edit stands, as documented
    assert child.exitstatus == ExitCode.INVALID
    assert side.read_bytes() == before


def test_a_job_summary_name_too_long_is_a_warning(repo: Path) -> None:
    result = mlready(repo, "check", "--bank", "small.yaml", env={"GITHUB_STEP_SUMMARY": LONG_NAME})
    assert "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.returncode == ExitCode.OK, result.stderr[-800:]
    assert "GITHUB_STEP_SUMMARY" in result.stderr


def limited_memory() -> None:
    """Run in the child before mlready starts: at most 2 GiB of address space, so that a
    template that asks for more fails at once instead of taking the machine's memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize(
    "body",
    [
        '{{ "x"|center(4000000000) }}',
        '{{ "%4000000000d" % 1 }}',
        '{{ "{:>4000000000}".format(1) }}',
        '{{ ("x" * 60000)|replace("x", "x" * 60000) }}',
    ],
    ids=["center", "percent-format", "str-format", "replace"],
)
def test_one_template_step_larger_than_a_report_is_refused_before_it_is_built(
    repo: Path, body: str
) -> None:
    (repo / "big.md.j2").write_text(body + "\n", encoding="utf-8")
    command = ["report", "--bank", "small.yaml", "--template", "big.md.j2", "-o", "out.md"]
    result = subprocess.run(
        [sys.executable, "-m", "mlready", *command],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**english_environment(), "MLREADY_CACHE_DIR": ""},
        preexec_fn=limited_memory,
    )
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert "MemoryError" not in result.stderr
    assert "big.md.j2" in result.stderr
    assert not (repo / "out.md").exists()


# A bank whose level name holds line breaks that would start GitHub workflow commands, and an
# OSC 8 hyperlink; bank validate accepts it.
FORGED = "::error file=forged.py,line=1::forged by the bank"
LEVELS_BANK = SMALL_BANK.replace(
    "title: Small bank\n",
    "title: Small bank\n"
    "levels:\n"
    '  - {name: "gold", min: 90}\n'
    f'  - {{name: "lead\\n{FORGED}\\n::add-mask::x\\e]8;;https://example.com\\a", min: 0}}\n',
)
LOW_ANSWERS = BEST_ANSWERS.replace("serving.rollback: yes", "serving.rollback: no")


@pytest.fixture
def levels_repo(tmp_path: Path) -> Path:
    (tmp_path / "levels.yaml").write_text(LEVELS_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(LOW_ANSWERS, encoding="utf-8")
    (tmp_path / "old.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    return tmp_path


def forged_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith(FORGED)]


@pytest.mark.parametrize(
    "args",
    [
        ("bank", "validate", "--bank", "levels.yaml"),
        ("check", "--bank", "levels.yaml"),
        ("check", "--bank", "levels.yaml", "-f", "github"),
        ("check", "--bank", "levels.yaml", "--lang", "zh-CN"),
        ("diff", "old.yaml", "mlready.yaml", "--bank", "levels.yaml"),
        ("history", "--bank", "levels.yaml"),
    ],
    ids=["validate", "check-text", "check-github", "check-text-zh", "diff-text", "history-text"],
)
def test_a_level_name_that_would_drive_a_terminal_or_ci_log_is_refused_at_load(
    levels_repo: Path, args: tuple[str, ...]
) -> None:
    """Every output prints a level's name as it is: one with a newline or an escape (here a
    forged workflow command and an OSC 8 link) is refused where the bank says it."""
    from tests.helpers.git_repositories import git

    git(levels_repo, "init", "-q")
    git(levels_repo, "add", "-A")
    git(levels_repo, "commit", "-q", "-m", "review")
    with speaking("zh-CN") if "zh-CN" in args else contextlib.nullcontext():
        result = run_in(levels_repo, *args)
    assert_one_located_line(result)
    assert "levels.yaml:6:" in result.stderr
    assert forged_lines(result.stdout + result.stderr) == []
    assert "\x1b" not in result.stderr + result.stdout


# A bank whose title, area title and a prompt hold terminal escapes (ESC, BEL, CSI).
ESCAPED_BANK = (
    SMALL_BANK.replace("title: Small bank", 'title: "Small\\e]0;owned\\a bank"')
    .replace("title: Data\n", 'title: "Da\\e[2Jta"\n')
    .replace("prompt: Who owns the data?", 'prompt: "Who owns the data?\\e[8m"')
)


@pytest.mark.parametrize("command", ["init", "sign"])
def test_an_answers_file_mlready_writes_stays_readable_whatever_the_bank_says(
    tmp_path: Path, command: str
) -> None:
    (tmp_path / "escaped.yaml").write_text(ESCAPED_BANK, encoding="utf-8")
    answers = tmp_path / "mlready.yaml"
    if command == "sign":
        answers.write_text(BEST_ANSWERS, encoding="utf-8")
        assert run_in(tmp_path, "check", "--bank", "escaped.yaml").returncode == ExitCode.OK
        args: tuple[str, ...] = ("sign", "--name", "P", "--role", "lead")
    else:
        args = ("init", "--no-schema")
    written = run_in(tmp_path, *args, "--bank", "escaped.yaml")
    assert written.returncode == ExitCode.OK, written.stderr
    text = answers.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    result = run_in(tmp_path, "check", "--bank", "escaped.yaml", "--allow-incomplete")
    assert result.returncode != ExitCode.INVALID, result.stderr


def test_junit_on_stdout_starts_no_workflow_command_from_bank_text(repo: Path) -> None:
    bank = SMALL_BANK.replace(
        "why: An untested rollback fails when it is needed.",
        f'why: "An untested rollback fails.\\n{FORGED}"',
    ).replace("fix: Rehearse a rollback.", 'fix: "Rehearse.\\n::add-mask::secret"')
    (repo / "small.yaml").write_text(bank, encoding="utf-8")
    (repo / "mlready.yaml").write_text(LOW_ANSWERS, encoding="utf-8")
    result = run_in(repo, "check", "--bank", "small.yaml", "-f", "junit")
    assert result.returncode == ExitCode.OK, result.stderr  # a major gap: the gate passes
    assert "Rehearse." in result.stdout
    assert "<testsuites" in result.stdout
    commands = [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")]
    assert commands == []


def layer(name: str, extends: str) -> str:
    return f"bank: {name}\nversion: 1\nextends: {extends}\n"


@pytest.mark.parametrize(
    "extends", [LONG_NAME + ".yaml", '"base\\0.yaml"'], ids=["too-long", "nul"]
)
def test_a_layer_extending_an_unopenable_name_is_one_located_line(repo: Path, extends: str) -> None:
    (repo / "layer.yaml").write_text(layer("acme", extends), encoding="utf-8")
    result = run_in(repo, "bank", "validate", "--bank", "layer.yaml")
    assert_one_located_line(result)
    assert "layer.yaml:3:10" in result.stderr


def test_a_very_long_chain_of_layers_is_no_traceback(repo: Path) -> None:
    previous = "small.yaml"
    for number in range(1, 1_101):
        (repo / f"layer{number}.yaml").write_text(
            layer(f"layer-{number}", previous), encoding="utf-8"
        )
        previous = f"layer{number}.yaml"
    result = mlready(repo, "bank", "validate", "--bank", previous)
    assert "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.returncode in (ExitCode.OK, ExitCode.INVALID)
    assert len(result.stderr.strip().splitlines()) <= 1, result.stderr[-800:]


def test_history_over_a_revision_where_the_answers_path_was_a_folder(tmp_path: Path) -> None:
    import shutil

    from tests.helpers.git_repositories import git, repository

    root = repository(
        tmp_path / "service", {"small.yaml": SMALL_BANK, "mlready.yaml": BEST_ANSWERS}
    )
    answers = root / "mlready.yaml"
    answers.unlink()
    answers.mkdir()
    (answers / "x").write_text("nothing like the answers\n", encoding="utf-8")  # no rename
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a folder for a while")
    shutil.rmtree(answers)
    answers.write_text(LOW_ANSWERS, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "back to a file")
    result = run_in(root, "history", "--bank", "small.yaml")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "b'" not in result.stderr
    assert len([line for line in result.stdout.splitlines() if "production" in line]) >= 1


def test_portfolio_links_only_a_report_mlready_wrote(repo: Path) -> None:
    (repo / "mlready.md").write_text("# Design notes, written by hand\n", encoding="utf-8")
    result = run_in(repo, "portfolio", "mlready.yaml", "--bank", "small.yaml", "-o", "-")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "shelf-scanner" in result.stdout
    assert "(mlready.md)" not in result.stdout


@pytest.mark.parametrize("where", ["settings", "option", "empty"])
def test_a_role_that_would_drive_a_ci_log_is_refused(repo: Path, where: str) -> None:
    """A role is printed in the gate's reason: one with a newline or an escape (a forged
    workflow command, an OSC title) is refused where it is named, as is an empty one."""
    role = "" if where == "empty" else f"ml-lead\\n{FORGED}\\u001b]0;x\\u0007"
    if where == "option":
        (repo / ".mlready.toml").write_text('bank = "small.yaml"\n', encoding="utf-8")
        result = run_in(repo, "check", "--require-signoff", "ml-lead\n" + FORGED + "\x1b]0;x")
    else:
        (repo / ".mlready.toml").write_text(
            f'bank = "small.yaml"\nrequire-signoff = ["{role}"]\n', encoding="utf-8"
        )
        result = run_in(repo, "check", "-f", "github")
    assert_one_located_line(result)
    assert forged_lines(result.stdout + result.stderr) == []
    assert "\x1b" not in result.stdout + result.stderr


@pytest.mark.parametrize("source", ["settings", "environment"])
def test_an_unknown_language_name_stays_on_its_warning_line(repo: Path, source: str) -> None:
    name = f"xx\n{FORGED}"
    env: dict[str, str] = {}
    if source == "settings":
        escaped = name.replace("\n", "\\n")
        (repo / ".mlready.toml").write_text(
            f'bank = "small.yaml"\nlang = "{escaped}"\n', encoding="utf-8"
        )
        args: tuple[str, ...] = ("check",)
    else:
        env = {"MLREADY_LANG": name}
        args = ("check", "--bank", "small.yaml")
    result = mlready(repo, *args, env=env)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "speaking English" in result.stderr
    assert forged_lines(result.stderr) == []


@pytest.mark.parametrize("variable", ["MLREADY_CACHE_DIR", "XDG_CACHE_HOME", "HOME"])
def test_a_cache_folder_that_cannot_be_named_is_run_without(
    repo: Path, tmp_path: Path, variable: str
) -> None:
    env = english_environment()
    env.pop("MLREADY_CACHE_DIR", None)
    env.pop("XDG_CACHE_HOME", None)
    env[variable] = str(tmp_path / LONG_NAME)
    result = subprocess.run(
        [sys.executable, "-m", "mlready", "check", "--bank", "small.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.returncode == ExitCode.OK, result.stderr[-800:]


def test_history_in_a_blobless_clone_scores_what_the_clone_holds(tmp_path: Path) -> None:
    from tests.helpers.git_repositories import git, repository

    origin = repository(
        tmp_path / "origin", {"small.yaml": SMALL_BANK, "mlready.yaml": BEST_ANSWERS}
    )
    git(origin, "config", "uploadpack.allowFilter", "true")
    (origin / "mlready.yaml").write_text(LOW_ANSWERS, encoding="utf-8")
    git(origin, "commit", "-q", "-am", "a rollback no longer rehearsed")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--filter=blob:none", origin.as_uri(), str(clone))
    result = run_in(clone, "history", "--bank", "small.yaml")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "2 revisions" in result.stdout


@pytest.mark.parametrize("kind", ["settings", "template"])
def test_a_settings_file_or_template_over_16_mib_is_refused(repo: Path, kind: str) -> None:
    padding = "# " + "a" * (17 << 20) + "\n"
    if kind == "settings":
        (repo / ".mlready.toml").write_text('bank = "small.yaml"\n' + padding, encoding="utf-8")
        args: tuple[str, ...] = ("check",)
        name = ".mlready.toml"
    else:
        (repo / "big.md.j2").write_text("{" + padding + "#}x\n", encoding="utf-8")
        args = ("report", "--bank", "small.yaml", "--template", "big.md.j2", "-o", "-")
        name = "big.md.j2"
    result = run_in(repo, *args)
    assert_one_located_line(result)
    assert name in result.stderr and "16,777,216" in result.stderr


@pytest.mark.parametrize("call", ["answers_files", "review"])
def test_the_api_over_deep_folders_returns_or_raises_its_own_error(
    tmp_path: Path, call: str
) -> None:
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(ANSWERS, encoding="utf-8")
    deep_folders(tmp_path, DEPTH)
    try:
        if call == "answers_files":
            found = api.answers_files([str(tmp_path / "**" / "mlready.yaml")])
            assert found == [tmp_path / "mlready.yaml"]
        else:
            review = api.review(tmp_path / "mlready.yaml", bank=tmp_path / "bank.yaml")
            assert review.level
    except MlreadyError:
        pass


def test_history_since_a_date_after_every_revision_lists_none(tmp_path: Path) -> None:
    from tests.helpers.git_repositories import repository

    root = repository(
        tmp_path / "service", {"small.yaml": SMALL_BANK, "mlready.yaml": BEST_ANSWERS}
    )
    result = run_in(root, "history", "--bank", "small.yaml", "--since", "2100-01-01")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "0 revisions" in result.stdout


def test_init_force_refuses_a_read_only_answers_file_as_ask_and_sign_do(repo: Path) -> None:
    answers = repo / "mlready.yaml"
    answers.chmod(0o444)
    signed = run_in(repo, "sign", "--name", "P", "--role", "lead", "--bank", "small.yaml")
    assert signed.returncode == ExitCode.INVALID
    assert "read-only" in signed.stderr
    result = run_in(repo, "init", "--bank", "small.yaml", "--force", "--no-schema")
    assert answers.read_text(encoding="utf-8") == BEST_ANSWERS
    assert result.returncode == ExitCode.INVALID
    assert "read-only" in result.stderr
    assert "ask" not in signed.stderr


@pytest.mark.parametrize(
    "body",
    [
        '{{ "x".ljust(4000000000) }}',
        '{{ "x".rjust(4000000000) }}',
        '{{ "x".zfill(4000000000) }}',
        '{{ "x".center(4000000000) }}',
        '{{ ("a\\n" * 100)|indent(400000) }}',
        '{{ ("\\t" * 10000).expandtabs(100000) }}',
        '{{ ("x" * 60000).replace("x", "y" * 60000) }}',
        '{{ "{:>4000000000}".format_map({}) }}',
        '{{ "%(a)4000000000s"|format(a=1) }}',
    ],
)
def test_every_string_step_larger_than_a_report_is_refused_in_the_sandbox(body: str) -> None:
    """The methods and filters that build a string in one C call are judged before it."""
    from jinja2.exceptions import SecurityError

    from mlready.render.report import _Sandbox

    with pytest.raises(SecurityError):
        _Sandbox().from_string(body).render()


def test_small_string_steps_still_work_in_the_sandbox() -> None:
    from mlready.render.report import _Sandbox

    body = (
        '{{ "x".center(5) }}|{{ "%3d" % 7 }}|{{ "{:>3}".format(1) }}|{{ "ab"|replace("a", "c") }}'
    )
    assert _Sandbox().from_string(body).render() == "  x  |  7|  1|cb"


def test_init_to_a_device_writes_no_schema_beside_it(tmp_path: Path) -> None:
    """`init /dev/null --force` writes the skeleton to the device and no schema into /dev."""
    before = set(Path("/dev").iterdir())
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    result = run_in(tmp_path, "init", "/dev/null", "--force", "--bank", "small.yaml")
    assert result.returncode == ExitCode.OK, result.stderr
    assert not Path("/dev/null.schema.json").exists()
    assert set(Path("/dev").iterdir()) <= before
