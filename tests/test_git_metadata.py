"""Git metadata is data, never structure: commits whose author names hold the separators an
older parser split on (\\x1e, \\x1f, NUL-free control characters), newlines, text that looks
like a date or a commit, and terminal escapes. Every revision is listed once, with its own
commit, author and date, in `history`, `report` and `portfolio`, and nothing crashes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import run_in
from tests.helpers.review_history import FIFTH, FIRST, FOURTH, SECOND
from tests.helpers.small_bank import SMALL_BANK

pytestmark = pytest.mark.slow

FORGED = "0" * 40
HOSTILE_NAMES = [
    "Eve\x1e" + FORGED + "\x1f2001-01-01T00:00:00+00:00\x1fMallory",
    "Eve\x1f2001-01-01T00:00:00+00:00",
    "2001-01-01T00:00:00+00:00",
    "Eve \x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[31mred\u202e",
    "Eve\nforged line\r\n" + FORGED,
]
TEXTS = [FIRST, SECOND, FOURTH, FIFTH, FIRST.replace("data.schema: yes", "data.schema: no")]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    environment = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.com",
        "GIT_COMMITTER_NAME": "C",
        "GIT_COMMITTER_EMAIL": "c@example.com",
    }
    return subprocess.run(
        ["git", "-C", str(root), *args],
        input=stdin,
        env=environment,
        capture_output=True,
        check=True,
    ).stdout.decode()


def commit_as(root: Path, author: str, text: str, seconds: int, parent: str | None) -> str:
    """A commit of `text` as mlready.yaml by `author`, written as raw objects so that the name
    holds exactly what is asked (git's own commit would take out newlines)."""
    blob = git(root, "hash-object", "-w", "--stdin", stdin=text.encode()).strip()
    tree = git(root, "mktree", stdin=f"100644 blob {blob}\tmlready.yaml\n".encode()).strip()
    lines = [f"tree {tree}"] + ([f"parent {parent}"] if parent else [])
    raw = "\n".join(lines).encode()
    raw += f"\nauthor {author}".encode() + f" <e@example.com> {seconds} +0200\n".encode()
    raw += f"committer C <c@example.com> {seconds} +0000\n\nrevision\n".encode()
    made = git(root, "hash-object", "-t", "commit", "-w", "--literally", "--stdin", stdin=raw)
    git(root, "update-ref", "HEAD", made.strip())
    return made.strip()


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, list[str]]:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    start = int(dt.datetime(2026, 1, 5, tzinfo=dt.UTC).timestamp())
    commits: list[str] = []
    for index, (name, text) in enumerate(zip(HOSTILE_NAMES, TEXTS, strict=True)):
        parent = commits[-1] if commits else None
        commits.append(commit_as(root, name, text, start + index * 86_400, parent))
    git(root, "reset", "-q", "--hard")
    (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    return root, commits


def test_history_lists_each_commit_with_its_own_author_and_date(
    hostile: tuple[Path, list[str]],
) -> None:
    root, commits = hostile
    result = run_in(root, "history", "mlready.yaml", "--bank", "small.yaml", "-f", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    revisions = json.loads(result.stdout)["revisions"]
    assert [item["commit"] for item in revisions] == commits
    assert FORGED not in [item["commit"] for item in revisions]
    # A name with a newline breaks the author line: git's own log shows no name for it, and
    # the date is the committer's.
    assert [item["author"] for item in revisions] == [*HOSTILE_NAMES[:-1], ""]
    dates = [item["date"][:10] for item in revisions]
    assert dates == ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"]


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_history_shows_hostile_authors_inertly(
    hostile: tuple[Path, list[str]], output_format: str
) -> None:
    root, commits = hostile
    result = run_in(root, "history", "mlready.yaml", "--bank", "small.yaml", "-f", output_format)
    assert result.returncode == ExitCode.OK, result.stderr
    assert CONTROL.search(result.stdout.replace("\n", "")) is None
    assert "forged line\n" not in result.stdout
    assert all(commit[:7] in result.stdout for commit in commits)
    assert "2001-01-01" not in result.stdout.replace("2001-01-01T00:00:00+00:00", "")


def test_report_and_portfolio_read_the_same_history(hostile: tuple[Path, list[str]]) -> None:
    root, _ = hostile
    (root / "mlready.yaml").write_text(FIFTH, encoding="utf-8")
    report = run_in(root, "report", "--bank", "small.yaml", "-o", "-", "--today", "2026-06-01")
    assert report.returncode == ExitCode.OK, report.stderr
    assert "Traceback" not in report.stderr
    assert "(6 points since 2026-01-05)" in report.stdout
    assert "2001-01-01" not in report.stdout
    portfolio = run_in(root, "portfolio", "mlready.yaml", "--bank", "small.yaml")
    assert portfolio.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), portfolio.stderr
    assert "2001-01-01" not in portfolio.stdout
    assert "| Trend |" in portfolio.stdout


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"author A <a@b> 0 +0000", ("A", "1970-01-01T00:00:00+00:00")),
        (b"author A > B <x> <a@b> 60 -0130", ("A > B <x>", "1969-12-31T22:31:00-01:30")),
        (b"author \x1e\x1f\n", None),
        (b"author A <a@b> soon +0000", None),
        (b"author A <a@b> 1 0000", None),
        (b"author A <a@b> 99999999999999999999 +0000", None),
        (b"committer A <a@b> 0 +0000", None),
    ],
)
def test_an_author_line_is_read_from_the_right(
    line: bytes, expected: tuple[str, str] | None
) -> None:
    from mlready.io.git import parse_author

    found = parse_author(b"tree 0\n" + line + b"\n\nmessage author B <b@c> 5 +0000\n")
    shown = None if found is None else (found[0], found[1].isoformat())
    assert shown == expected


def test_a_repository_in_a_folder_whose_name_holds_a_newline(tmp_path: Path) -> None:
    root = tmp_path / "team\nrepo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit_as(root, "Ada", FIRST, 1_767_600_000, None)
    git(root, "reset", "-q", "--hard")
    (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    result = run_in(root, "history", "mlready.yaml", "--bank", "small.yaml", "-f", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    assert [item["author"] for item in json.loads(result.stdout)["revisions"]] == ["Ada"]


def test_a_file_name_is_no_pathspec_pattern(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name, text in [("review*.yaml", FIRST), ("review-b.yaml", SECOND)]:
        (root / name).write_text(text, encoding="utf-8")
        git(root, "add", "--", f":(literal){name}")
        git(root, "commit", "-q", "-m", name)
    (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    result = run_in(root, "history", "review*.yaml", "--bank", "small.yaml", "-f", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    assert [item["path"] for item in json.loads(result.stdout)["revisions"]] == ["review*.yaml"]
