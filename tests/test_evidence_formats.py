"""Every format of `mlready scan` says the same states, and Chinese the same reliabilities as
English, on the fixture repositories (each a real git repository)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import mlready, run
from tests.helpers.git_repositories import repository

REPOS = Path(__file__).parent / "data" / "repos"
STATES = ("evidenced", "partly evidenced", "not shown", "claimed")
# What a person reads for each state JSON names: "contradicted" is what the scan can know of
# it, that the repository does not show the answer.
SAID = {"contradicted": "not shown"}


@pytest.fixture(params=sorted(path.name for path in REPOS.iterdir()))
def scanned(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    source = REPOS / request.param
    files = {
        path.relative_to(source).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(source.rglob("*"))
        if path.is_file()
    }
    root = repository(tmp_path / request.param, files)
    monkeypatch.chdir(root)
    return root


def scan(*args: str) -> str:
    code, out, err = run("scan", *args)
    assert code == ExitCode.OK, err
    return out


def test_json_sarif_text_and_markdown_say_the_same_states(scanned: Path) -> None:
    document = json.loads(scan("-f", "json"))
    from_json = {
        check: SAID.get(item["state"], item["state"].replace("_", " "))
        for check, item in document["evidence"].items()
        if item["state"] != "claimed"
    }
    assert from_json  # the fixture says something
    headline = re.compile(rf"^(\S+): ({'|'.join(STATES)}): answered ", re.MULTILINE)
    from_text = dict(headline.findall(scan("-f", "text")))
    from_text.update(
        re.findall(r"^(\S+): (unanswered); the repository suggests", scan(), re.MULTILINE)
    )
    assert {k: v for k, v in from_text.items() if v != "claimed"} == from_json
    bullet = re.compile(rf"^- `(\S+)` ({'|'.join(STATES)}|unanswered)\b", re.MULTILINE)
    from_markdown = dict(bullet.findall(scan("-f", "markdown")))
    assert {k: v for k, v in from_markdown.items() if v != "claimed"} == from_json
    sarif = json.loads(scan("-f", "sarif"))
    contradicted = {result["ruleId"] for run_ in sarif["runs"] for result in run_["results"]}
    assert contradicted == {k for k, v in from_json.items() if v == "not shown"}


WORDS = {"高": "high", "中": "medium", "低": "low"}


def test_chinese_says_the_reliability_english_says_check_by_check(scanned: Path) -> None:
    def reliabilities(text: str, pattern: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        check = ""
        for line in text.splitlines():
            if line and not line.startswith(" "):
                check = line.partition(":")[0]
            for word in re.findall(pattern, line):
                found.append((check, WORDS.get(word, word)))
        return found

    english = reliabilities(scan("-f", "text"), r"\((high|medium|low)\)")
    # A language is chosen when the process starts: Chinese runs in one of its own.
    chinese_run = mlready(scanned, "scan", "-f", "text", "--lang", "zh-CN")
    assert chinese_run.returncode == ExitCode.OK, chinese_run.stderr
    chinese = reliabilities(chinese_run.stdout, r"可靠性：(高|中|低)")
    assert english  # findings and what was not found, each with its reliability
    assert chinese == english
