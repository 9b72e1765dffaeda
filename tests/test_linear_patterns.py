"""Every pattern a bank can define runs in time linear in the text it searches, or is refused
where it is written: the hanging cases found by a hostile test, run as a user would (a bank
file, a git repository, the installed command in a process with a generous time limit, so
that a regression fails rather than hangs the suite)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode

# Generous: each case below takes well under a second with a linear engine, and minutes or
# more with a backtracking one.
LIMIT = 60

BANK = """\
bank: hostile
version: 1
areas:
  - id: delivery
    title: Delivery
    questions:
      - id: delivery.ci
        prompt: Do tests run in CI on every change?
        why: Untested changes ship bugs.
        options:
          - {{value: yes, label: Yes, score: 1}}
          - {{value: no, label: No, score: 0}}
        evidence:
          - id: probe
            files: [{files}]
            contains: {contains}
            supports: yes
            says: what the probe looks for
"""

ANSWERS = "mlready: 1\nbank: hostile@1\nanswers:\n  delivery.ci: yes\n"


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def mlready(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, run in `folder`; a run past LIMIT seconds fails the test."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "mlready", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"mlready {' '.join(args)} ran for more than {LIMIT} s")


def hostile_repository(folder: Path, *, files: str, contains: str, tracked: dict[str, str]) -> Path:
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "bank.yaml").write_text(BANK.format(files=files, contains=contains), "utf-8")
    (folder / "mlready.yaml").write_text(ANSWERS, encoding="utf-8")
    for name, text in tracked.items():
        (folder / name).write_text(text, encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "a hostile repository")
    return folder


@pytest.mark.parametrize(
    ("files", "contains", "tracked", "found"),
    [
        # No word the pattern must hold, searched over the whole of a 600 KB file without ':'.
        ('"*.txt"', "'[^:]*[:]'", {"data.txt": ("x" * 99 + "\n") * 6_000}, False),
        # Three unbounded repeats in a row: cubic on a line of 2,000 characters that holds
        # the pattern's plain text, found only after the line's every start is tried.
        ('"*.txt"', "'\\w*\\w*\\w*:!x'", {"line.txt": "a" * 2_000 + " :!x\n"}, True),
        # A glob with a dozen stars against one file name of 200 characters.
        ('"*a*a*a*a*a*a*a*a*a*a*a*a*b"', "'.'", {"a" * 200: "text\n"}, False),
        # The same name with the "b" the glob ends with: found, as quickly.
        ('"*a*a*a*a*a*a*a*a*a*a*a*a*b"', "'.'", {"a" * 199 + "b": "text\n"}, True),
    ],
    ids=["no-required-word", "cubic-line", "glob-of-stars", "glob-of-stars-found"],
)
def test_a_hostile_pattern_finishes_as_a_user_runs_it(
    tmp_path: Path, files: str, contains: str, tracked: dict[str, str], found: bool
) -> None:
    root = hostile_repository(tmp_path / "repo", files=files, contains=contains, tracked=tracked)
    result = mlready(root, "scan", "--bank", "bank.yaml", "--format", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    assert ('"evidenced"' in result.stdout) is found, result.stdout


@pytest.mark.parametrize(
    ("contains", "reason"),
    [
        ("'(ab)\\1'", "invalid escape sequence: \\1"),  # a backreference
        ("'pytest(?= -q)'", "invalid perl operator: (?="),  # look-ahead
        ("'(?<!#)pytest'", "invalid perl operator: (?<"),  # look-behind
        ("'(?>py)test'", "invalid perl operator: (?>"),  # an atomic group
        ("'py++test'", "bad repetition operator: ++"),  # a possessive quantifier
        ("'pytest\\Z'", "invalid escape sequence: \\Z"),  # \z in RE2
        ("'[unclosed'", "missing ]"),
    ],
)
def test_a_pattern_re2_cannot_run_is_refused_at_load_with_its_place(
    tmp_path: Path, contains: str, reason: str
) -> None:
    root = hostile_repository(tmp_path / "repo", files='"*.txt"', contains=contains, tracked={})
    text = (root / "bank.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "contains:" in row)
    column = text.splitlines()[line - 1].index(contains) + 1
    for args in (["bank", "validate", "--bank", "bank.yaml"], ["check", "--bank", "bank.yaml"]):
        result = mlready(root, *args)
        assert result.returncode == ExitCode.INVALID
        assert result.stdout == ""
        (message,) = result.stderr.splitlines()
        assert f"bank.yaml:{line}:{column}: contains: not a pattern mlready " in message
        assert reason in message
        assert "no backreferences, look-ahead or look-behind" in message
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("glob", "expected"),
    [
        ("src/[a-", "'[' opens a set of characters that ']' must close"),
        ("src/[z-a].py", "the range z-a is backwards"),
        ("src\\\\*.py", "a glob separates folders with /"),
        ("src//*.py", "a glob has no empty folder name"),
        ("/etc/*.conf", "a glob of a probe is relative to the repository"),
    ],
)
def test_an_invalid_glob_is_refused_at_load_with_its_place(
    tmp_path: Path, glob: str, expected: str
) -> None:
    files = f'"README.md", "{glob}"'
    root = hostile_repository(tmp_path / "repo", files=files, contains="'.'", tracked={})
    text = (root / "bank.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "files:" in row)
    column = text.splitlines()[line - 1].index(f'"{glob}"') + 1
    result = mlready(root, "bank", "validate", "--bank", "bank.yaml")
    assert result.returncode == ExitCode.INVALID
    (message,) = result.stderr.splitlines()
    assert f"bank.yaml:{line}:{column}: files: " in message
    assert expected in message
