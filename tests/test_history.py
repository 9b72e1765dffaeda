"""History from git: a real repository in a temporary folder, with a rename, a revision for an
older bank version and one that does not parse; the trend in reports; and git kept harmless."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import html5lib
import pytest

from mlready.core.errors import ExitCode
from mlready.render.signatures import HISTORY_MARKER
from tests.helpers.commands import mlready, run
from tests.helpers.review_history import FIFTH, FOURTH, SECOND, git
from tests.helpers.small_bank import SMALL_BANK


def test_history_follows_renames_and_scores_every_revision(history_repo: Path) -> None:
    code, out, err = run("history", "mlready.yaml", "--bank", "small.yaml", "-f", "json")
    assert code == ExitCode.OK, err
    document = json.loads(out)
    revisions = document["revisions"]
    assert [r["date"][:10] for r in revisions] == [
        "2026-01-05",
        "2026-02-05",
        "2026-03-05",
        "2026-03-06",
        "2026-04-05",
        "2026-05-05",
    ]
    assert [r["path"] for r in revisions] == [*["reviews/model.yaml"] * 4, *["mlready.yaml"] * 2]
    assert revisions[0]["written_for"] == "small@0"  # an older bank version, said so
    assert revisions[1]["written_for"] is None
    assert revisions[2]["problem"].startswith("reviews/model.yaml@")  # does not parse
    assert revisions[2]["score"] is None
    assert revisions[0]["author"] == "Ada | **b** `t` & x"
    assert [r["level"] for r in revisions] == [
        "not ready",
        "pilot",  # below the top, no longer forced to the lowest
        None,
        "pilot",
        "pilot",
        "production",
    ]
    assert revisions[4]["gaps_closed"] == ["data.lineage"]
    # Batch serving: the latency check stopped applying; it was not closed.
    assert revisions[5]["gaps_no_longer_applicable"] == ["serving.latency"]
    assert revisions[5]["gaps_closed"] == ["serving.rollback"]
    assert set(revisions[5]["areas"]) == {"data", "serving"}


def test_history_as_text_markdown_and_html(history_repo: Path) -> None:
    _, text, _ = run("history", "mlready.yaml", "--bank", "small.yaml")
    assert "written for small@0" in text
    assert "unreadable: reviews/model.yaml@" in text
    assert "no longer applicable: serving.latency" in text
    _, markdown, _ = run("history", "mlready.yaml", "--bank", "small.yaml", "-f", "markdown")
    assert markdown.startswith(f"{HISTORY_MARKER}\n# Readiness history: mlready.yaml\n")
    assert "Ada \\| \\*\\*b\\*\\* \\`t\\` \\& x" in markdown
    _, html, _ = run("history", "mlready.yaml", "--bank", "small.yaml", "-f", "html")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(html)
    assert document.find(".//{http://www.w3.org/2000/svg}svg") is not None  # score over time
    assert "<script" not in html.lower().replace("&lt;script", "")
    _, since, _ = run("history", "mlready.yaml", "--bank", "small.yaml", "--since", "2026-03-06")
    assert "3 revisions, since 2026-03-06" in since


def test_history_outside_a_git_work_tree_says_so(
    tmp_path: Path, bank_file: Path, answers_file: Path
) -> None:
    code, out, err = run("history", answers_file, "--bank", bank_file)
    assert code == ExitCode.INVALID
    assert out == ""
    assert "not in a git work tree" in err


def test_the_report_shows_the_trend_and_the_change_since_the_previous_review(
    history_repo: Path,
) -> None:
    (history_repo / "mlready.yaml").write_text(FIFTH.replace("data.schema: yes", "data.schema: no"))
    code, report, _ = run("report", "--bank", "small.yaml", "-o", "-", "--today", "2026-06-01")
    assert code == ExitCode.OK
    assert "Since the previous review (2026-05-05, commit `" in report
    assert "Score over time: `" in report and "(6 points since 2026-01-05)" in report
    _, quiet, _ = run("report", "--bank", "small.yaml", "-o", "-", "--no-history")
    assert "Score over time" not in quiet and "Since the previous review" not in quiet
    _, html, _ = run("report", "--bank", "small.yaml", "-o", "-", "-f", "html")
    assert 'aria-labelledby="trend-title trend-desc"' in html
    _, table, _ = run("portfolio", "mlready.yaml", "--bank", "small.yaml")
    assert "| Trend |" in table
    _, heat, _ = run("portfolio", "mlready.yaml", "--bank", "small.yaml", "-f", "html")
    html5lib.HTMLParser(strict=True).parse(heat)
    assert "<polyline" in heat


def test_diff_calls_checks_that_stopped_applying_no_longer_applicable(
    tmp_path: Path, bank_file: Path
) -> None:
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(SECOND)
    after.write_text(FIFTH)
    _, out, _ = run("diff", before, after, "--bank", bank_file, "-f", "json")
    document = json.loads(out)
    assert "serving.latency" not in document["gaps_closed"]
    assert document["gaps_no_longer_applicable"] == ["serving.latency"]
    _, text, _ = run("diff", before, after, "--bank", bank_file)
    assert "No longer applicable (1)\n  serving.latency:" in text


def test_reading_history_runs_nothing_the_repository_holds(
    history_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A repository that would run programs through its configuration, and a `git` of its own
    # first on PATH: none of them may run.
    evil = history_repo / "evil.sh"
    evil.write_text(f"#!/bin/sh\ntouch {history_repo / 'pwned'}\n")
    evil.chmod(0o755)
    (history_repo / "git").write_text(evil.read_text())
    (history_repo / "git").chmod(0o755)
    for key, value in {
        "core.pager": str(evil),
        "core.fsmonitor": str(evil),
        "log.showSignature": "true",
        "gpg.program": str(evil),
        "diff.external": str(evil),
        "core.hooksPath": str(history_repo),
    }.items():
        git(history_repo, "config", key, value)
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", f"{history_repo}{os.pathsep}{path}")
    code, _, err = run("history", "mlready.yaml", "--bank", "small.yaml")
    assert not (history_repo / "pwned").exists()
    assert code == ExitCode.INVALID  # the git first on PATH is the repository's own: refused
    assert "inside the repository" in err
    monkeypatch.setenv("PATH", f".{os.pathsep}{path}")  # `.` is the repository: skipped
    code, _, err = run("history", "mlready.yaml", "--bank", "small.yaml")
    assert code == ExitCode.OK, err
    assert not (history_repo / "pwned").exists()


def test_a_long_history_of_hundreds_of_revisions(tmp_path: Path, git_env: None) -> None:
    # Written with fast-import: 400 commits in a fraction of a second.
    root = tmp_path / "long"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    stream = []
    for index in range(400):
        text = SECOND if index % 2 else FOURTH
        data = text.encode()
        stream.append(
            f"commit refs/heads/main\nmark :{index + 1}\n"
            f"committer Ada <ada@example.com> {1767225600 + index * 3600} +0000\n"
            f"data 3\nrev\n"
            + (f"from :{index}\n" if index else "")
            + f"M 100644 inline mlready.yaml\ndata {len(data)}\n{text}\n"
        )
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=root, input="".join(stream).encode(), check=True
    )
    git(root, "reset", "-q", "--hard", "main")
    (root / "small.yaml").write_text(SMALL_BANK)
    code, out, err = run(
        "history", root / "mlready.yaml", "--bank", root / "small.yaml", "-f", "json"
    )
    assert code == ExitCode.OK, err
    revisions = json.loads(out)["revisions"]
    assert len(revisions) == 400
    assert revisions[1]["gaps_opened"] == ["data.lineage"]


def test_since_keeps_every_commit_of_that_day_whatever_the_time_now(
    tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git reads a bare date as that day at the current time of day: a commit just after
    # midnight was dropped by every run later in the day.
    from tests.helpers.review_history import commit

    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    commit(root, "mlready.yaml", SECOND, "2026-03-05T23:59:00+00:00", "the day before")
    commit(root, "mlready.yaml", FIFTH, "2026-03-06T00:00:30+00:00", "just after midnight")
    commit(root, "mlready.yaml", SECOND, "2026-03-06T01:30:00+09:00", "the day before in UTC")
    monkeypatch.chdir(root)
    code, out, err = run("history", "mlready.yaml", "--bank", "small.yaml", "--since", "2026-03-06")
    assert code == ExitCode.OK, err
    assert "2 revisions, since 2026-03-06" in out  # its own date is the 6th in its time zone


def test_the_text_table_heads_its_area_columns_with_titles_in_chinese(history_repo: Path) -> None:
    def history(*args: str) -> str:
        done = mlready(history_repo, "history", "mlready.yaml", "--bank", "small.yaml", *args)
        assert done.returncode == ExitCode.OK, done.stderr
        return done.stdout

    english, chinese = history(), history("--lang", "zh-CN")
    # The areas' titles as the chosen language has them (this bank has no translation, so its
    # own); English keeps the ids, and so do the JSON's keys.
    head = next(line for line in chinese.splitlines() if line.startswith("日期"))
    assert head.split()[-2:] == ["Data", "Serving"], head
    head = next(line for line in english.splitlines() if line.startswith("Date"))
    assert head.endswith("data  serving"), head
    data = json.loads(history("-f", "json", "--lang", "zh-CN"))
    assert set(data["revisions"][-1]["areas"]) == {"data", "serving"}


def test_since_the_first_day_of_the_calendar_keeps_every_revision(history_repo: Path) -> None:
    # The day before 0001-01-01 does not exist: asking from it is every commit, not a
    # traceback.
    code, since, err = run(
        "history", "mlready.yaml", "--bank", "small.yaml", "--since", "0001-01-01"
    )
    _, every, _ = run("history", "mlready.yaml", "--bank", "small.yaml")
    assert code == 0, err
    assert "since 0001-01-01" in since
    assert since.count("\n") == every.count("\n")
