"""mlready replaces a file without `--force` only when it carries the mark of one of its own
outputs: every format it writes carries one, and a file a person wrote never does, however
much it looks like an output."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from mlready.io.output import MAX_SNIFF_BYTES
from mlready.render.registry import Subject, formats_for
from mlready.render.signatures import written_by_mlready
from tests.helpers.commands import run, run_in
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

GAPS = BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no").replace(
    "serving.latency: automated", "serving.latency: none"
)

# How a person reaches each subject of the registry from the command line, given the format.
COMMANDS: dict[Subject, Callable[[str], list[str]]] = {
    Subject.CHECK: lambda f: ["check", "mlready.yaml", "gaps.yaml", "-f", f],
    Subject.DIFF: lambda f: ["diff", "mlready.yaml", "gaps.yaml", "-f", f],
    Subject.BANK: lambda f: ["bank", "show", "-f", f],
    Subject.REPORT: lambda f: ["report", "gaps.yaml", "-o", "-", "-f", f],
    Subject.HISTORY: lambda f: ["history", "mlready.yaml", "-f", f],
    Subject.PORTFOLIO: lambda f: ["portfolio", "mlready.yaml", "gaps.yaml", "-o", "-", "-f", f],
    Subject.SCAN: lambda f: ["scan", "mlready.yaml", "-f", f],
    Subject.EXPORT: lambda f: ["export", "gaps.yaml", "-f", f],
    Subject.FLEET: lambda f: ["portfolio", "--repos", "repos.txt", "-o", "-", "-f", f],
}
# Formats with no room for a mark: CSV is a header row of data, and shields.io refuses a badge
# with any key of its own. Replacing one takes --force (tests/test_export.py shows it).
UNMARKED = {(Subject.EXPORT, "csv"), (Subject.EXPORT, "badge")}


@pytest.fixture
def review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with a bank, two answers files (one with gaps) and a commit."""
    home = tmp_path / "home"
    home.mkdir()
    for key, value in {
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(home),
    }.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "repo"
    root.mkdir()
    (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (root / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    (root / "gaps.yaml").write_text(GAPS, encoding="utf-8")
    (root / ".mlready.toml").write_text('bank = "small.yaml"\n', encoding="utf-8")
    (root / "repos.txt").write_text(". *.yaml\n", encoding="utf-8")  # this repository
    for command in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    monkeypatch.chdir(root)
    return root


def outputs() -> list[tuple[Subject, str]]:
    return [
        (subject, name)
        for subject in Subject
        for name in formats_for(subject)
        if (subject, name) not in UNMARKED
    ]


@pytest.mark.parametrize(("subject", "name"), outputs(), ids=str)
def test_every_output_of_every_format_carries_a_mark(
    review: Path, subject: Subject, name: str
) -> None:
    # A subject the table above does not know fails here: a new one must show its mark too.
    code, out, err = run(*COMMANDS[subject](name))
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED), err
    assert out
    assert written_by_mlready(out[:MAX_SNIFF_BYTES]), out[:300]


@pytest.mark.parametrize(
    "args",
    [
        ("check", "mlready.yaml", "-f", "github"),  # no gap: only the summary line
        ("check", "gaps.yaml", "-f", "github"),  # annotations first
        ("check", "mlready.yaml", "-f", "json"),  # one answers file
        ("scan", "mlready.yaml", "gaps.yaml", "-f", "json"),  # several
        ("schema", "answers"),
        ("schema", "bank"),
        ("schema", "fact"),
    ],
    ids="-".join,
)
def test_more_outputs_carry_a_mark(review: Path, args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED), err
    assert written_by_mlready(out[:MAX_SNIFF_BYTES]), out[:300]


def test_a_users_template_report_carries_the_mark(review: Path) -> None:
    (review / "mine.md.j2").write_text("# {{ project.name }}\n", encoding="utf-8")
    code, out, err = run("report", "gaps.yaml", "--template", "mine.md.j2", "-o", "-")
    assert code == ExitCode.OK, err
    assert written_by_mlready(out)


def _json(document: object) -> str:
    return json.dumps(document, indent=2) + "\n"


# Files a person may write that share a shape, a heading or a word with mlready's outputs.
NEAR_MISSES = {
    "json-bank": _json({"bank": "mine", "version": 1, "areas": []}),
    "json-check": _json({"passed": True, "bank": "mine@1", "level": "pilot"}),
    "json-diff": _json({"before": 1, "after": 2, "answers": [], "gaps_opened": []}),
    "json-schema": _json({"$schema": "x", "title": "mlready notes of the team"}),
    "json-sarif-of-a-person": _json(
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "mlready"}}}]}
    ),
    "questions": "Meeting with ml@example.com: open questions\n\nWho owns the data?\n",
    "markdown-heading": "### mlready: how we use it\n\nOur notes.\n",
    "markdown-portfolio": "# Readiness portfolio\n\nKept by hand.\n",
    "markdown-diff": "## Readiness review: what changed\n\nBy hand.\n",
    "markdown-history": "# Readiness history: notes\n",
    "text-level": "Plan · Q3\nLevel: senior engineer\n",
    "github-like": "::error title=release::remember the release notes\n",
    "junit-like": 'Our suites\n<testsuites name="mlready">\n</testsuites>\n',
}


@pytest.mark.slow
@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_a_file_that_only_looks_like_an_output_needs_force(review: Path, text: str) -> None:
    # In this process: what is tested is what the output policy reads of the file.
    mine = review / "notes.txt"
    mine.write_text(text, encoding="utf-8")
    code, _, err = run("check", "--output", "json:notes.txt")
    assert code == ExitCode.INVALID, err
    assert "notes.txt: exists and was not written by mlready; use --force" in err
    assert mine.read_text(encoding="utf-8") == text
    code, _, err = run("check", "--output", "json:notes.txt", "--force")
    assert code == ExitCode.OK, err
    assert written_by_mlready(mine.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("bank", "show"),
        ("diff", "mlready.yaml", "gaps.yaml", "-f", "markdown"),
        ("history", "mlready.yaml", "-f", "json"),
        ("scan", "-f", "text"),
    ],
    ids="-".join,
)
def test_an_output_kept_from_stdout_is_replaced_without_force(
    review: Path, args: tuple[str, ...]
) -> None:
    kept = review / "kept.out"
    kept.write_text(run_in(review, *args).stdout, encoding="utf-8")
    result = run_in(review, "check", "--output", "markdown:kept.out")
    assert result.returncode == ExitCode.OK, result.stderr
    assert kept.read_text(encoding="utf-8").startswith("<!-- mlready check:")
