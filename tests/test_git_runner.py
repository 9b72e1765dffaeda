"""Nothing a repository holds or configures runs: every git call goes through one hardened
runner. Each vector is a real repository in a temporary folder whose configuration names a
program that would leave a marker file; `check`, `scan`, `history` and `report` run as
processes, as a user would run them, and no marker may appear."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import mlready
from tests.helpers.git_repositories import git, repository
from tests.helpers.probed_bank import ANSWERS, BANK, WORKFLOW

pytestmark = pytest.mark.slow

# A repository setting -> the marker its program would leave.
CONFIG_VECTORS = {
    "core.fsmonitor": "fsmonitor",
    "core.pager": "pager",
    "pager.log": "pager-log",
    "pager.ls-files": "pager-ls-files",
    "core.sshCommand": "ssh",
    "core.askPass": "askpass",
    "credential.helper": "credential",
    "diff.external": "external-diff",
    "diff.evil.textconv": "textconv",
    "diff.evil.command": "diff-driver",
    "filter.evil.clean": "clean-filter",
    "filter.evil.smudge": "smudge-filter",
    "filter.evil.process": "process-filter",
    "gpg.program": "gpg",
    "core.alternateRefsCommand": "alternate-refs",
    "alias.ls": "alias",
}
HOOKS = ("post-index-change", "reference-transaction", "pre-auto-gc", "post-checkout")
# Variables of the caller's environment that would make git run a program or read another
# configuration: the runner drops them.
ENVIRONMENT_VECTORS = {
    "GIT_EXTERNAL_DIFF": "env-external-diff",
    "GIT_PAGER": "env-pager",
    "PAGER": "env-plain-pager",
    "GIT_SSH_COMMAND": "env-ssh",
    "GIT_ASKPASS": "env-askpass",
    "SSH_ASKPASS": "env-ssh-askpass",
    "GIT_EDITOR": "env-editor",
}
COMMANDS = {
    "check": ("check", "--bank", "bank.yaml", "-f", "json"),
    "scan": ("scan", "--bank", "bank.yaml"),
    "history": ("history", "mlready.yaml", "--bank", "bank.yaml"),
    "report": ("report", "--bank", "bank.yaml", "-o", "-"),
}


def marker_program(folder: Path, name: str) -> str:
    """A program that leaves `folder/name` when it runs (reading nothing)."""
    program = folder / f"run-{name}"
    program.write_text(f"#!/bin/sh\ntouch '{folder / name}'\nexit 0\n")
    program.chmod(0o755)
    return str(program)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose .git/config and .gitattributes name a marker program for every
    setting through which git could start one; the markers' folder."""
    markers = tmp_path / "markers"
    markers.mkdir()
    root = repository(
        tmp_path / "service",
        {
            "bank.yaml": BANK,
            "mlready.yaml": ANSWERS,
            ".github/workflows/ci.yml": WORKFLOW,
            ".gitattributes": "* diff=evil filter=evil\n",
        },
    )
    (root / "mlready.yaml").write_text(ANSWERS + "# edited\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "second")
    for key, name in CONFIG_VECTORS.items():
        git(root, "config", key, marker_program(markers, name))
    git(root, "config", "log.showSignature", "true")
    git(root, "config", "filter.evil.required", "true")
    hooks = root / ".git" / "evil-hooks"
    hooks.mkdir()
    for hook in HOOKS:
        shutil.copy(marker_program(markers, f"hook-{hook}"), hooks / hook)
    git(root, "config", "core.hooksPath", str(hooks))
    (root / "mlready.yaml").touch()  # a changed stat, so that a refresh would run the filter
    return root, markers


def hostile_environment(markers: Path) -> dict[str, str]:
    environment = {key: marker_program(markers, name) for key, name in ENVIRONMENT_VECTORS.items()}
    environment["GIT_CONFIG_COUNT"] = "1"
    environment["GIT_CONFIG_KEY_0"] = "core.fsmonitor"
    environment["GIT_CONFIG_VALUE_0"] = marker_program(markers, "env-config-fsmonitor")
    environment["GIT_CONFIG_PARAMETERS"] = (
        f"'core.pager'='{marker_program(markers, 'env-config-parameters')}'"
    )
    return environment


def test_the_vectors_are_live(hostile: tuple[Path, Path]) -> None:
    # git left to itself runs them: without this the test below would prove nothing.
    root, markers = hostile
    plain = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", root, "ls-files"], env=plain, capture_output=True, check=False)
    subprocess.run(["git", "-C", root, "status"], env=plain, capture_output=True, check=False)
    subprocess.run(
        ["git", "-C", root, "diff", "HEAD~1"], env=plain, capture_output=True, check=False
    )
    left = {path.name for path in markers.iterdir() if not path.name.startswith("run-")}
    assert {"fsmonitor", "process-filter"} <= left


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_no_setting_of_a_repository_runs_a_program(
    hostile: tuple[Path, Path], command: str
) -> None:
    root, markers = hostile
    result = mlready(root, *COMMANDS[command], env=hostile_environment(markers))
    assert "Traceback" not in result.stderr
    assert result.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr
    left = sorted(path.name for path in markers.iterdir() if not path.name.startswith("run-"))
    assert left == []


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_a_git_committed_in_the_repository_never_runs(tmp_path: Path, command: str) -> None:
    root = repository(
        tmp_path / "service",
        {"bank.yaml": BANK, "mlready.yaml": ANSWERS, "git": "#!/bin/sh\ntouch pwned\n"},
    )
    (root / "git").chmod(0o755)
    git(root, "add", "git")
    git(root, "commit", "-q", "-m", "a git of its own")
    real = Path(shutil.which("git") or "git").parent
    python = tmp_path / "python-bin"
    python.mkdir()
    (python / "python").symlink_to(sys.executable)
    # `.`, an empty entry and a relative one come first; all three lead to the repository.
    path = os.pathsep.join([".", "", "service/..", str(python), str(real)])
    result = mlready(root, *COMMANDS[command], env={"PATH": path})
    assert not (root / "pwned").exists()
    assert result.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr
    # Named by its absolute path, the repository's own git is refused, not run.
    first = {"PATH": f"{root}{os.pathsep}{path}"}
    result = mlready(root, *COMMANDS[command], env=first)
    assert not (root / "pwned").exists()
    if command in ("check", "scan"):
        # The tracked files come from the index, read as data: no git is needed. With an index
        # only git reads (split in two files), git is asked, and the repository's is refused.
        assert result.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr
        git(root, "update-index", "--split-index")
        result = mlready(root, *COMMANDS[command], env=first)
        assert not (root / "pwned").exists()
    if command != "report":  # a report leaves out what git cannot give it
        assert result.returncode == ExitCode.INVALID
        assert "inside the repository; not run" in result.stderr


@pytest.mark.parametrize("command", ["check", "scan", "history"], ids=str)
def test_a_repository_git_refuses_is_reported_with_git_s_reason(
    tmp_path: Path, command: str
) -> None:
    root = repository(tmp_path / "service", {"bank.yaml": BANK, "mlready.yaml": ANSWERS})
    try:
        for path in [root, *root.rglob("*")]:
            os.chown(path, 1234, 1234, follow_symlinks=False)
    except PermissionError:
        pytest.skip("changing a file's owner needs root")
    home = tmp_path / "home"  # no safe.directory of the machine's user
    home.mkdir()
    environment = {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    result = mlready(root, *COMMANDS[command], env=environment)
    assert result.returncode == ExitCode.INVALID, result.stdout
    assert "dubious ownership" in result.stderr
    assert "not in a git work tree" not in result.stderr
    assert "Traceback" not in result.stderr
