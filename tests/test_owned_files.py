"""Files the user owns are never lost or silently changed: the command run in a temporary
folder as a person or CI would run it, as a process where the process matters (pipes, devices,
a full stdout, a FIFO), in this process where only the output policy does."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import mlready, run, run_in
from tests.helpers.file_snapshots import snapshot
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

pytestmark = pytest.mark.slow

README = "# My project\n\nHand-written, precious.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a bank, an answers file and a README of the user's."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--bank", "small.yaml", "--output", "json:README.md"),
        ("portfolio", "--bank", "small.yaml", "-o", "README.md"),
        ("schema", "answers", "--bank", "small.yaml", "-o", "README.md"),
        ("report", "--bank", "small.yaml", "-o", "README.md"),
    ],
    ids=lambda args: args[0],
)
def test_a_file_mlready_did_not_write_needs_force(
    repo: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this process: what is tested is the output policy, not the process.
    monkeypatch.chdir(repo)
    code, _, err = run(*args)
    assert code == ExitCode.INVALID, err
    assert "README.md: exists and was not written by mlready; use --force" in err
    assert (repo / "README.md").read_text(encoding="utf-8") == README
    code, _, err = run(*args, "--force")
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED), err
    assert (repo / "README.md").read_text(encoding="utf-8") != README


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--bank", "small.yaml", "--output", "json:result.json"),
        ("check", "--bank", "small.yaml", "--output", "sarif:result.sarif"),
        ("check", "--bank", "small.yaml", "--output", "junit:result.xml"),
        ("check", "--bank", "small.yaml", "--output", "markdown:result.md"),
        ("check", "--bank", "small.yaml", "--output", "text:result.txt"),
        ("check", "--bank", "small.yaml", "--output", "github:result.log"),
        ("portfolio", "--bank", "small.yaml", "-o", "result.md"),
        ("schema", "answers", "--bank", "small.yaml", "-o", "result.json"),
        ("schema", "bank", "-o", "result.json"),
        ("report", "--bank", "small.yaml", "-o", "result.md"),
    ],
    ids=lambda args: "-".join(args[:1] + args[-1:]),
)
def test_mlready_replaces_its_own_output_without_force(
    repo: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)  # in this process, as above
    code, _, err = run(*args)
    assert code == ExitCode.OK, err
    code, _, err = run(*args)
    assert code == ExitCode.OK, err


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--bank", "small.yaml", "--output", "json:{}", "--force"),
        ("portfolio", "--bank", "small.yaml", "-o", "{}", "--force"),
        ("schema", "answers", "--bank", "small.yaml", "-o", "{}", "--force"),
        ("report", "--bank", "small.yaml", "-o", "{}", "--force"),
    ],
    ids=lambda args: args[0],
)
@pytest.mark.parametrize(
    "reach", ["mlready.yaml", "small.yaml", "link.yaml", "sub/../mlready.yaml", "hard.yaml"]
)
def test_an_input_is_never_replaced(
    repo: Path, args: tuple[str, ...], reach: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "link.yaml").symlink_to("mlready.yaml")
    (repo / "sub").mkdir()
    os.link(repo / "mlready.yaml", repo / "hard.yaml")
    before = snapshot(repo)
    monkeypatch.chdir(repo)  # in this process, where an unexpected exception surfaces as one
    code, _, err = run(*(arg.replace("{}", reach) for arg in args))
    assert code == ExitCode.INVALID, err
    assert "is one of this command's inputs" in err
    assert snapshot(repo) == before


def test_ask_never_writes_its_report_over_the_answers(repo: Path) -> None:
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "mlready", "ask", "--bank", "small.yaml", "--report", "mlready.yaml", "--force"],
        cwd=str(repo),
        env={**os.environ, "MLREADY_CACHE_DIR": ""},
        encoding="utf-8",
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.INVALID
    assert "is one of this command's inputs" in (child.before or "")
    assert (repo / "mlready.yaml").read_text(encoding="utf-8") == BEST_ANSWERS


def test_the_job_summary_never_appends_to_an_input(repo: Path) -> None:
    result = mlready(
        repo,
        "check",
        "--bank",
        "small.yaml",
        env={"GITHUB_STEP_SUMMARY": str(repo / "mlready.yaml")},
    )
    assert result.returncode == ExitCode.OK, result.stderr
    assert "no job summary written" in result.stderr
    assert (repo / "mlready.yaml").read_text(encoding="utf-8") == BEST_ANSWERS


def test_a_link_is_written_through(repo: Path) -> None:
    shared = repo / "shared"
    shared.mkdir()
    (shared / "report.md").write_text("", encoding="utf-8")
    (repo / "READINESS.md").symlink_to(shared / "report.md")
    result = run_in(repo, "report", "--bank", "small.yaml", "--force")
    assert result.returncode == ExitCode.OK, result.stderr
    assert (repo / "READINESS.md").is_symlink()
    assert (shared / "report.md").read_text(encoding="utf-8").startswith("<!-- mlready report")


def test_a_device_is_written_in_place_never_replaced(repo: Path) -> None:
    result = mlready(repo, "check", "--bank", "small.yaml", "--output", "json:/dev/null")
    assert result.returncode == ExitCode.OK, result.stderr
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    full = mlready(repo, "report", "--bank", "small.yaml", "-o", "/dev/full")
    assert full.returncode == ExitCode.INVALID
    assert full.stderr.strip().splitlines() == [
        "error: /dev/full: cannot write: No space left on device"
    ]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a character device needs root")
def test_a_character_device_made_here_stays_a_device(repo: Path) -> None:
    device = repo / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    result = mlready(repo, "check", "--bank", "small.yaml", "--output", f"sarif:{device}")
    assert result.returncode == ExitCode.OK, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_fifo_is_written_to_its_reader_and_never_waited_on_without_one(repo: Path) -> None:
    fifo = repo / "pipe"
    os.mkfifo(fifo)
    alone = mlready(repo, "check", "--bank", "small.yaml", "--output", f"json:{fifo}")
    assert alone.returncode == ExitCode.INVALID
    assert "a FIFO that nothing reads" in alone.stderr
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    result = mlready(repo, "check", "--bank", "small.yaml", "--output", f"json:{fifo}")
    reader.join(timeout=20)
    assert result.returncode == ExitCode.OK, result.stderr
    assert b'"passed": true' in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", [("bank", "show"), ("check", "--bank", "small.yaml")])
def test_a_closed_pipe_ends_quietly(repo: Path, command: tuple[str, ...]) -> None:
    shell = f"{sys.executable} -m mlready {' '.join(command)} | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    "args", [("bank", "show"), ("--help",), ("check", "--help"), ("--version",)], ids=" ".join
)
def test_a_full_stdout_is_one_line_and_exit_2(repo: Path, args: tuple[str, ...]) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mlready", *args],
            cwd=repo,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == ExitCode.INVALID
    assert result.stderr.strip().splitlines() == [
        "error: cannot write to standard output: No space left on device"
    ]


def test_an_answers_file_is_never_taken_for_mlreadys_output() -> None:
    from mlready.render.signatures import written_by_mlready

    assert not written_by_mlready(BEST_ANSWERS)
    assert not written_by_mlready("mlready: 1\nanswers: {}\n")
    assert written_by_mlready("mlready: shelf: level pilot, score 80: PASSED\n")


def test_a_template_cannot_include_a_file_outside_its_folder(repo: Path) -> None:
    secret = repo / "secret.txt"
    secret.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    folder = repo / "templates"
    folder.mkdir()
    (folder / "passwd.md.j2").symlink_to(secret)
    (folder / "mine.md.j2").write_text(
        "{% include 'passwd.md.j2' %}\n{{ project.name }}\n", encoding="utf-8"
    )
    result = run_in(
        repo, "report", "--bank", "small.yaml", "--template", "templates/mine.md.j2", "-o", "-"
    )
    assert result.returncode == ExitCode.INVALID
    assert "SECRET" not in result.stdout + result.stderr
    assert "passwd.md.j2: no such template" in result.stderr
    (folder / "up.md.j2").write_text("{% include '../secret.txt' %}\n", encoding="utf-8")
    result = run_in(
        repo, "report", "--bank", "small.yaml", "--template", "templates/up.md.j2", "-o", "-"
    )
    assert result.returncode == ExitCode.INVALID
    assert "SECRET" not in result.stdout


def test_a_template_cannot_use_a_path_to_touch_files(repo: Path) -> None:
    victim = repo / "victim.txt"
    victim.write_text("v\n", encoding="utf-8")
    (repo / "evil.md.j2").write_text(
        f'{{{{ bank.files[0].joinpath("{victim}").unlink() }}}}\n', encoding="utf-8"
    )
    result = run_in(repo, "report", "--bank", "small.yaml", "--template", "evil.md.j2", "-o", "-")
    assert result.returncode == ExitCode.INVALID
    assert victim.exists()
    assert (repo / "mlready.yaml").read_text(encoding="utf-8") == BEST_ANSWERS
