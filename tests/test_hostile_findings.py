"""Findings of a hostile test of the commands, each at the level a user meets it: the
command run in a temporary folder, as a process where the process is what is tested (its PATH,
its recursion limit, its standard output, an input that would make it hang)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import mlready, run_in
from tests.helpers.file_snapshots import snapshot
from tests.helpers.git_repositories import git, repository
from tests.helpers.probed_bank import ANSWERS, BANK, WORKFLOW
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    return tmp_path


def test_init_force_never_replaces_the_bank_it_reads(repo: Path) -> None:
    before = snapshot(repo)
    result = run_in(repo, "init", "small.yaml", "--bank", "small.yaml", "--force")
    assert result.returncode == ExitCode.INVALID
    assert "small.yaml" in result.stderr and "input" in result.stderr
    assert snapshot(repo) == before


def test_init_force_never_replaces_the_settings_it_reads(repo: Path) -> None:
    (repo / ".mlready.toml").write_text('bank = "small.yaml"\n', encoding="utf-8")
    before = snapshot(repo)
    result = run_in(repo, "init", ".mlready.toml", "--force", "--no-schema")
    assert result.returncode == ExitCode.INVALID
    assert ".mlready.toml" in result.stderr
    assert snapshot(repo) == before


def test_init_force_still_rewrites_the_answers_file(repo: Path) -> None:
    result = run_in(repo, "init", "--bank", "small.yaml", "--force", "--no-schema")
    assert result.returncode == ExitCode.OK, result.stderr
    assert (repo / "mlready.yaml").read_text(encoding="utf-8") != BEST_ANSWERS


def test_answers_named_by_a_pattern_in_the_settings_are_inputs(repo: Path) -> None:
    (repo / "reviews").mkdir()
    (repo / "mlready.yaml").rename(repo / "reviews" / "fraud.yaml")
    (repo / ".mlready.toml").write_text(
        'bank = "small.yaml"\nanswers = ["reviews/*.yaml"]\n', encoding="utf-8"
    )
    before = snapshot(repo)
    result = run_in(repo, "schema", "answers", "-o", "reviews/fraud.yaml", "--force")
    assert result.returncode == ExitCode.INVALID
    assert "reviews/fraud.yaml" in result.stderr
    assert snapshot(repo) == before


def probed_repository(root: Path) -> Path:
    return repository(
        root,
        {"bank.yaml": BANK, "mlready.yaml": ANSWERS},
        untracked={".github/workflows/ci.yml": WORKFLOW},
    )


def test_a_scan_without_git_in_a_git_tree_never_counts_untracked_files(tmp_path: Path) -> None:
    import sys

    root = probed_repository(tmp_path / "service")
    no_git = tmp_path / "bin"
    no_git.mkdir()
    (no_git / "python").symlink_to(sys.executable)
    # The index is read as data, without git: the tracked files only.
    result = mlready(root, "scan", "--bank", "bank.yaml", "-f", "json", env={"PATH": str(no_git)})
    assert result.returncode == ExitCode.OK, result.stderr
    assert json.loads(result.stdout)["evidence"]["delivery.ci"]["findings"] == []
    # An index only git reads (split in two files): without git, an error, never a walk.
    git(root, "update-index", "--split-index")
    result = mlready(root, "scan", "--bank", "bank.yaml", "-f", "json", env={"PATH": str(no_git)})
    assert result.returncode == ExitCode.INVALID, result.stdout
    assert "git is not installed" in result.stderr
    assert "Traceback" not in result.stderr
    assert "ci-runs-tests" not in result.stdout


def test_a_scan_where_git_refuses_fails_with_what_git_said(tmp_path: Path) -> None:
    import shutil

    root = probed_repository(tmp_path / "service")
    shutil.rmtree(root / ".git")
    (root / ".git").mkdir()  # a work tree git no longer recognises
    result = run_in(root, "check", "--bank", "bank.yaml", "-f", "json")
    assert result.returncode == ExitCode.INVALID
    assert "git could not list the tracked files" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deploy/deep.json", "[" * 100_000 + "]" * 100_000),
        ("deploy/deep.toml", "a = " + "[" * 100_000 + "]" * 100_000),
    ],
)
def test_data_files_nested_past_the_stack_are_no_evidence_and_no_crash(
    tmp_path: Path, name: str, text: str
) -> None:
    bank = BANK.replace('files: ["deploy/**/*.yaml"]', 'files: ["deploy/*"]')
    root = repository(
        tmp_path / "service", {"bank.yaml": bank, "mlready.yaml": ANSWERS, name: text}
    )
    result = mlready(root, "scan", "--bank", "bank.yaml", "-f", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "Traceback" not in result.stderr


def test_a_device_as_an_input_is_cut_off_at_the_size_limit(repo: Path) -> None:
    result = mlready(repo, "check", "/dev/zero", "--bank", "small.yaml")
    assert result.returncode == ExitCode.INVALID
    assert result.stderr.strip() == (
        "error: /dev/zero: answers file is over the limit of 16,777,216 bytes"
    )


@pytest.mark.parametrize("role", ["answers", "bank"])
def test_a_fifo_with_no_writer_as_an_input_is_empty_not_a_hang(repo: Path, role: str) -> None:
    import os

    os.mkfifo(repo / "pipe.yaml")
    args = ["pipe.yaml", "--bank", "small.yaml"] if role == "answers" else ["--bank", "pipe.yaml"]
    result = mlready(repo, "check", *args)  # times out (fails) if it waits for a writer
    assert result.returncode == ExitCode.INVALID
    assert "pipe.yaml: the" in result.stderr and "is empty" in result.stderr


def test_a_pipe_with_a_writer_is_read_as_usual(repo: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [
            "bash",
            "-c",
            f'"{sys.executable}" -m mlready check <(cat mlready.yaml) --bank small.yaml',
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == ExitCode.OK, result.stderr
    assert "Level: " in result.stdout


def test_a_fifo_in_place_of_the_lock_file_is_refused_not_a_hang(repo: Path) -> None:
    import os

    from mlready.io.files import lock_path_of

    os.mkfifo(lock_path_of(repo / "mlready.yaml"))
    before = snapshot(repo)
    result = mlready(repo, "init", "--bank", "small.yaml", "--force", "--no-schema")
    assert result.returncode == ExitCode.INVALID
    assert "the lock file is not a regular file; remove it" in result.stderr
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--bank", "small.yaml", "--output", "json:./-"),
        ("report", "--bank", "small.yaml", "-o", "./-"),
    ],
    ids=["check", "report"],
)
def test_dot_slash_dash_names_a_file_not_stdout(repo: Path, args: tuple[str, ...]) -> None:
    result = run_in(repo, *args)
    assert result.returncode == ExitCode.OK, result.stderr
    written = (repo / "-").read_text(encoding="utf-8")
    assert written.startswith(('{\n  "$generator": "mlready check"', "<!-- mlready report"))
    assert written not in result.stdout


def test_an_output_named_twice_is_a_usage_error(repo: Path) -> None:
    result = run_in(
        repo,
        "check",
        "--bank",
        "small.yaml",
        "--output",
        "json:a.json",
        "--output",
        "sarif:./a.json",
    )
    assert result.returncode == ExitCode.INVALID
    assert result.stderr.strip() == (
        "error: --output: a.json is named twice (json and sarif); one file each"
    )
    assert not (repo / "a.json").exists()


@pytest.mark.parametrize("spec", ["json:/dev/stdout", "sarif:/dev/stdout"])
def test_dev_stdout_as_an_output_writes_to_the_pipe(repo: Path, spec: str) -> None:
    result = mlready(repo, "check", "--bank", "small.yaml", "-f", "json", "--output", spec)
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stdout.count('"$schema"' if spec.startswith("sarif") else '"passed"') >= 1
    assert result.stderr == ""


def test_a_report_is_never_written_over_a_template_its_template_includes(repo: Path) -> None:
    (repo / "tpl").mkdir()
    (repo / "tpl" / "main.md").write_text('{% include "part.md" %}\n', encoding="utf-8")
    (repo / "tpl" / "part.md").write_text("Part of the template\n", encoding="utf-8")
    before = snapshot(repo)
    result = run_in(
        repo,
        "report",
        "--bank",
        "small.yaml",
        "--template",
        "tpl/main.md",
        "-o",
        "tpl/part.md",
        "--force",
    )
    assert result.returncode == ExitCode.INVALID
    assert "tpl/part.md: is one of this command's inputs" in result.stderr
    assert snapshot(repo) == before
