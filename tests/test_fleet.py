"""`portfolio --repos`: many git repositories read at a ref without a work tree, each review one
fact; incremental (unchanged answers are not scored again), parallel, and a repository that
fails is a fact with its reason, never the end of the run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from mlready.api.repos import Fleet, fleet
from mlready.core.errors import ExitCode, InputError
from mlready.core.fleet import Fact, fact_data, fact_schema, parse_repos
from tests.helpers.commands import run
from tests.helpers.git_repositories import git, repository
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

TODAY = dt.date(2026, 12, 1)
GAPS = BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no")
INVALID = "mlready: 1\nbank: small@1\nanswers:\n  data.nope: yes\n"


REPOSITORIES = ("good", "models", "invalid", "remote")


@pytest.fixture(scope="module")
def fleet_repositories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fleet's repositories, made once: each test works on a copy of its own (copying
    them costs a fraction of the dozen git processes that make them)."""
    folder = tmp_path_factory.mktemp("fleet")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        repository(folder / "good", {"mlready.yaml": BEST_ANSWERS})
        repository(
            folder / "models",
            {"a/mlready.yaml": GAPS, "b/mlready.yaml": BEST_ANSWERS, "README.md": "# models\n"},
        )
        repository(folder / "invalid", {"mlready.yaml": INVALID})
        remote = repository(folder / "remote", {"mlready.yaml": GAPS, "weights.bin": "w" * 200_000})
        git(remote, "config", "uploadpack.allowFilter", "true")  # a server of partial clones
    return folder


@pytest.fixture
def fleet_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fleet_repositories: Path) -> Path:
    """Four repositories (one reached by a file:// URL), one missing, and the repos file."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    for name in REPOSITORIES:
        shutil.copytree(fleet_repositories / name, tmp_path / name, symlinks=True)
    remote = tmp_path / "remote"
    (tmp_path / "repos.txt").write_text(
        "# the fleet\n"
        "good\n"
        "models  */mlready.yaml   # two models\n"
        "invalid\n"
        "missing\n"
        f"{remote.as_uri()}\n",
        encoding="utf-8",
    )
    return tmp_path


def reviewed(folder: Path, **options: object) -> Fleet:
    return fleet(folder / "repos.txt", bank=folder / "small.yaml", today=TODAY, **options)  # type: ignore[arg-type]


def by_place(facts: tuple[Fact, ...]) -> dict[tuple[str, str | None], Fact]:
    return {(fact.repository, fact.answers): fact for fact in facts}


def validator() -> Draft7Validator:
    return Draft7Validator(fact_schema(), format_checker=Draft7Validator.FORMAT_CHECKER)


def test_each_review_is_a_fact_and_each_failure_a_fact_with_its_reason(fleet_dir: Path) -> None:
    found = reviewed(fleet_dir)
    remote = (fleet_dir / "remote").as_uri()
    assert [(fact.repository, fact.answers) for fact in found.facts] == [
        ("good", "mlready.yaml"),
        ("models", "a/mlready.yaml"),
        ("models", "b/mlready.yaml"),
        ("invalid", "mlready.yaml"),
        ("missing", None),
        (remote, "mlready.yaml"),
    ]
    facts = by_place(found.facts)
    good = facts["good", "mlready.yaml"]
    assert (good.level, good.score, good.passed, good.error) == ("production", 100, True, None)
    assert good.gaps == {"blocker": 0, "major": 0, "minor": 0}
    assert good.bank == "small@1" and good.date == "2026-12-01" and good.reviewed == "2026-10-01"
    head = subprocess.run(
        ["git", "-C", str(fleet_dir / "good"), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert good.commit == head
    gaps = facts["models", "a/mlready.yaml"]
    assert gaps.passed is False and gaps.gaps == {"blocker": 1, "major": 0, "minor": 0}
    assert facts["models", "b/mlready.yaml"].passed is True
    invalid = facts["invalid", "mlready.yaml"]
    assert invalid.level is None and invalid.passed is None and invalid.commit is not None
    assert invalid.error is not None
    assert invalid.error.startswith("invalid:mlready.yaml:4:14: unknown question 'data.nope'")
    assert facts["missing", None].error == "missing: no such repository"
    assert facts["missing", None].commit is None
    # The same bytes give the same fact, whether read in place or through a clone.
    cloned = facts[remote, "mlready.yaml"]
    moved = {"repository": "models", "answers": "a/mlready.yaml", "commit": gaps.commit}
    assert dataclasses.replace(cloned, **moved) == dataclasses.replace(gaps, blob=cloned.blob)
    assert [fact.repository for fact in found.failed] == ["invalid", "missing"]
    for fact in found.facts:
        validator().validate(json.loads(json.dumps(fact_data(fact))))


def test_every_line_of_the_jsonl_validates_against_mlready_schema_fact(fleet_dir: Path) -> None:
    code, out, err = run(
        "portfolio",
        "--repos",
        "repos.txt",
        "-b",
        "small.yaml",
        "-f",
        "jsonl",
        "--today",
        "2026-12-01",
    )
    assert code == ExitCode.OK, err
    assert err == ""
    code, schema_text, _ = run("schema", "fact")
    assert code == ExitCode.OK
    schema = json.loads(schema_text)
    schema.pop("$generator")
    checker = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    lines = out.splitlines()
    assert len(lines) == 6
    for line in lines:
        fact = json.loads(line)
        assert list(fact)[:2] == ["$generator", "schema_version"]
        checker.validate(fact)
    assert not any("\u001b" in line or not line.isascii() for line in lines)
    # Nothing of the clock or of this machine's folders: two runs give the same bytes.
    again = run(
        "portfolio",
        "--repos",
        "repos.txt",
        "-b",
        "small.yaml",
        "-f",
        "jsonl",
        "--today",
        "2026-12-01",
    )
    assert again[1] == out
    assert str(fleet_dir / "cache") not in out


def test_a_broken_fact_fails_the_schema() -> None:
    schema = validator()
    good = {
        "$generator": "mlready portfolio",
        "schema_version": 1,
        **{key: None for key in fact_schema()["properties"] if not key.startswith(("$", "sch"))},
        "repository": "r",
        "ref": "HEAD",
        "bank": "small@1",
        "date": "2026-12-01",
        "error": "why",
    }
    schema.validate(good)
    for broken in (
        {**good, "schema_version": 2},
        {**good, "date": "yesterday"},
        {**good, "score": 101},
        {**good, "gaps": {"blocker": 1}},
        {**good, "extra": 1},
        {key: value for key, value in good.items() if key != "commit"},
    ):
        assert not schema.is_valid(broken), broken


def test_only_what_changed_is_scored_again(fleet_dir: Path) -> None:
    first = reviewed(fleet_dir)
    assert (first.scored, first.reused) == (5, 0)  # the missing repository is not a review
    second = reviewed(fleet_dir)
    assert (second.scored, second.reused) == (0, 5)
    assert second.facts == first.facts
    # One model's answers change, and the remote's; another file of a repository changes too.
    (fleet_dir / "models" / "a" / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    (fleet_dir / "good" / "NOTES.md").write_text("notes\n", encoding="utf-8")
    (fleet_dir / "remote" / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    for name in ("models", "good", "remote"):
        git(fleet_dir / name, "add", "-A")
        git(fleet_dir / name, "commit", "-q", "-m", "update")
    third = reviewed(fleet_dir)
    assert (third.scored, third.reused) == (2, 3)
    facts = by_place(third.facts)
    assert facts["models", "a/mlready.yaml"].passed is True
    assert facts[(fleet_dir / "remote").as_uri(), "mlready.yaml"].passed is True
    # The good repository's commit moved: its fact says so, though it was not scored again.
    assert (
        facts["good", "mlready.yaml"].commit != by_place(first.facts)["good", "mlready.yaml"].commit
    )
    # Another date, gate or bank is another review.
    assert reviewed(fleet_dir, max_age=10).scored == 5
    later = fleet(
        fleet_dir / "repos.txt", bank=fleet_dir / "small.yaml", today=TODAY.replace(day=2)
    )
    assert later.scored == 5


def test_a_url_is_cloned_bare_shallow_and_blobless_into_the_cache(
    fleet_dir: Path, private_cache: Path
) -> None:
    reviewed(fleet_dir)
    clones = sorted((private_cache / "repositories").iterdir())
    assert [clone.suffix for clone in clones] == [".git", ".lock"]  # the clone and its lock
    clone = clones[0]
    config = subprocess.run(
        ["git", "-C", str(clone), "config", "--list", "--local"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "core.bare=true" in config and "remote.origin.promisor=true" in config
    assert (clone / "shallow").is_file()
    objects = subprocess.run(
        ["git", "-C", str(clone), "cat-file", "--batch-all-objects", "--batch-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    blobs = [line for line in objects.splitlines() if " blob " in line]
    assert len(blobs) == 1  # the answers file; never the 200 kB of weights beside it
    assert not (clone / "mlready.yaml").exists()


def test_jobs_change_nothing_but_the_speed(fleet_dir: Path) -> None:
    one = reviewed(fleet_dir, jobs=1)
    many = fleet(fleet_dir / "repos.txt", bank=fleet_dir / "small.yaml", today=TODAY, jobs=8)
    assert one.facts == many.facts


def test_a_glob_that_matches_nothing_is_a_fact(fleet_dir: Path) -> None:
    (fleet_dir / "repos.txt").write_text("good reviews/*.yaml\n", encoding="utf-8")
    (fact,) = reviewed(fleet_dir).facts
    assert fact.error == "no answers file matches reviews/*.yaml"
    assert fact.commit is not None


def test_the_markdown_table_names_each_problem(fleet_dir: Path) -> None:
    code, out, err = run("portfolio", "--repos", "repos.txt", "-b", "small.yaml")
    assert code == ExitCode.OK, err
    assert out.startswith("<!-- mlready portfolio")
    assert "6 reviews; 2 pass the gate." in out
    assert "2 could not be reviewed" in out
    assert "| missing |  |  |  |  |  |  | missing: no such repository |" in out


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ext::sh -c touch% marker", "got 4 words"),
        ("ext::touch%20marker", "transport helpers"),
        ("fd::7", "transport helpers"),
        ("--upload-pack=touch", "may not start with '-'"),
        ("-oProxyCommand=x", "may not start with '-'"),
        ("http://example.com/x", "only https, ssh, file URLs"),
        ("git://example.com/x", "only https, ssh, file URLs"),
        ("good\x1b[31m", "control character"),
        ("good\u0085x", "control character"),
        ("good\u2028x", "control character"),
        ("good\u202ex", "control character"),
        ("good [", "'[' opens a set"),
    ],
)
def test_a_hostile_repos_file_is_refused_with_its_line(
    fleet_dir: Path, line: str, expected: str
) -> None:
    (fleet_dir / "repos.txt").write_text(f"good\n{line}\n", encoding="utf-8")
    code, out, err = run("portfolio", "--repos", "repos.txt", "-b", "small.yaml")
    assert code == ExitCode.INVALID
    assert out == ""
    assert err.startswith("error: repos.txt:2:")
    assert expected in err
    assert "Traceback" not in err
    assert not (fleet_dir / "marker").exists()


def test_parse_repos_reads_comments_globs_and_kinds() -> None:
    listed = parse_repos(
        "# comment\n\n  ./a\nhttps://h/x.git  m/**/mlready.yaml # c\ngit@h:o/r.git\n/abs\tx.yaml\n",
        source="r",
    )
    assert [(item.repository, item.answers.text, item.line, item.url) for item in listed] == [
        ("./a", "mlready.yaml", 3, False),
        ("https://h/x.git", "m/**/mlready.yaml", 4, True),
        ("git@h:o/r.git", "mlready.yaml", 5, True),
        ("/abs", "x.yaml", 6, False),
    ]
    with pytest.raises(InputError) as raised:
        parse_repos("a\nb c d\n-x\n", source="r")
    assert [str(problem.place) for problem in raised.value.problems] == ["r:2:5", "r:3:1"]


def test_a_repository_cannot_make_git_run_a_program(fleet_dir: Path) -> None:
    hostile = fleet_dir / "good"
    marker = fleet_dir / "marker"
    script = fleet_dir / "run.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    script.chmod(0o755)
    (hostile / ".gitattributes").write_text("* filter=x\n", encoding="utf-8")
    git(hostile, "add", ".gitattributes")
    git(hostile, "commit", "-q", "-m", "attributes")
    for key, value in {
        "core.fsmonitor": str(script),
        "core.hooksPath": str(fleet_dir),
        "filter.x.smudge": str(script),
        "filter.x.process": str(script),
        "alias.ls-tree": f"!{script}",
        "core.pager": str(script),
    }.items():
        git(hostile, "config", key, value)
    (fleet_dir / "repos.txt").write_text(f"good\n{hostile.as_uri()}\n", encoding="utf-8")
    facts = reviewed(fleet_dir).facts
    assert [fact.passed for fact in facts] == [True, True]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["mlready.yaml", "--repos", "repos.txt"], "name no ANSWERS"),
        (["--repos", "repos.txt", "-f", "html"], "--repos writes markdown, jsonl"),
        (["mlready.yaml", "-f", "jsonl"], "the facts are of --repos"),
        (["--repos", "repos.txt", "--ref", "-x"], "not a ref git can read"),
        (["--repos", "nothere.txt"], "nothere.txt: no such repos file"),
    ],
)
def test_options_that_do_not_go_together(fleet_dir: Path, args: list[str], expected: str) -> None:
    code, out, err = run("portfolio", "-b", "small.yaml", *args)
    assert code == ExitCode.INVALID
    assert expected in err and out == ""


def test_a_ref_other_than_head(fleet_dir: Path) -> None:
    git(fleet_dir / "good", "tag", "v1")
    (fleet_dir / "good" / "mlready.yaml").write_text(GAPS, encoding="utf-8")
    git(fleet_dir / "good", "commit", "-q", "-am", "gaps")
    (fleet_dir / "repos.txt").write_text("good\nmodels\n", encoding="utf-8")
    tagged = reviewed(fleet_dir, ref="v1").facts
    assert tagged[0].passed is True and tagged[0].ref == "v1"
    assert tagged[1].error is not None and "v1" in tagged[1].error
    assert reviewed(fleet_dir).facts[0].passed is False


def test_without_a_cache_the_clone_is_made_for_the_run_and_removed(
    fleet_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("MLREADY_CACHE_DIR", "")
    spare = tmp_path_factory.mktemp("tmp")
    monkeypatch.setenv("TMPDIR", str(spare))
    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR is read again
    first = reviewed(fleet_dir)
    assert first.facts[-1].passed is False and first.facts[-1].error is None
    assert (first.scored, first.reused) == (5, 0)
    assert list(spare.iterdir()) == []
    assert reviewed(fleet_dir).scored == 5  # nothing kept: every review is scored


def test_names_from_a_repository_stay_text(fleet_dir: Path) -> None:
    hostile = "models/\x1b[31mred\u202e/mlready.yaml"
    repository(fleet_dir / "hostile", {hostile: BEST_ANSWERS, "a|b`c/mlready.yaml": INVALID})
    (fleet_dir / "repos.txt").write_text("hostile **/mlready.yaml\n", encoding="utf-8")
    code, out, err = run("portfolio", "--repos", "repos.txt", "-b", "small.yaml", "-f", "jsonl")
    assert code == ExitCode.OK, err
    assert out.isascii() and "\x1b" not in out
    assert [json.loads(line)["answers"] for line in out.splitlines()] == [
        "a|b`c/mlready.yaml",
        hostile,
    ]
    code, out, err = run("portfolio", "--repos", "repos.txt", "-b", "small.yaml")
    assert code == ExitCode.OK, err
    assert "\x1b" not in out and "\u202e" not in out
    table = [line for line in out.splitlines() if line.startswith("| hostile")]
    assert len(table) == 2
    assert all(line.count(" | ") == 7 for line in table)  # no cell broke out of its column
