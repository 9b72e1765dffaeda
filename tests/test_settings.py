"""The settings file: `.mlready.toml` or `[tool.mlready]` in pyproject.toml, found upwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlready.core.errors import ExitCode, InputError
from mlready.core.model import Severity
from mlready.io.settings import Settings, find_settings
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

runner = CliRunner()

KEYS = """\
bank = "banks/small.yaml"
answers = "reviews/mlready.yaml"
fail-under = "pilot"
fail-on = "major"
max-age = 90
"""


def write_settings(folder: Path, body: str, *, kind: str = ".mlready.toml") -> Path:
    """`body` as a `.mlready.toml`, or as the `[tool.mlready]` table of a pyproject.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "pyproject.toml":
        path = folder / "pyproject.toml"
        path.write_text(f'[project]\nname = "model"\n\n[tool.mlready]\n{body}', encoding="utf-8")
    else:
        path = folder / ".mlready.toml"
        path.write_text(body, encoding="utf-8")
    return path


def settings_error(start: Path) -> str:
    with pytest.raises(InputError) as raised:
        find_settings(start)
    return str(raised.value)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root: the search for settings stops here."""
    (tmp_path / ".git").mkdir()
    return tmp_path


both_kinds = pytest.mark.parametrize("kind", [".mlready.toml", "pyproject.toml"])


# --- finding and reading ------------------------------------------------------------------------


def test_no_settings_file_means_defaults(repo: Path) -> None:
    settings = find_settings(repo)
    assert settings == Settings()
    assert settings.source is None


@both_kinds
def test_every_key_is_read(repo: Path, kind: str) -> None:
    path = write_settings(repo, KEYS, kind=kind)
    settings = find_settings(repo)
    assert settings.bank == str(repo / "banks" / "small.yaml")
    assert settings.answers == (repo / "reviews" / "mlready.yaml",)
    assert settings.fail_under == "pilot"
    assert settings.fail_on is Severity.MAJOR
    assert settings.max_age == 90
    assert settings.source == path


@pytest.mark.parametrize(
    ("body", "expected"),
    [("fail-under = 80", 80.0), ("fail-under = 66.5", 66.5), ('fail-under = "gold"', "gold")],
)
def test_fail_under_is_a_number_or_a_level_name(
    repo: Path, body: str, expected: float | str
) -> None:
    write_settings(repo, body + "\n")
    assert find_settings(repo).fail_under == expected


def test_answers_may_be_a_list(repo: Path) -> None:
    write_settings(repo, 'answers = ["models/a.yaml", "models/b.yaml"]\n')
    assert find_settings(repo).answers == (repo / "models" / "a.yaml", repo / "models" / "b.yaml")


@both_kinds
def test_bank_default_means_the_builtin_bank(repo: Path, kind: str) -> None:
    write_settings(repo, 'bank = "default"\n', kind=kind)
    assert find_settings(repo).bank is None


@both_kinds
def test_found_from_a_subfolder_with_paths_relative_to_the_file(repo: Path, kind: str) -> None:
    write_settings(repo, KEYS, kind=kind)
    deep = repo / "src" / "model" / "deep"
    deep.mkdir(parents=True)
    settings = find_settings(deep)
    assert settings.bank == str(repo / "banks" / "small.yaml")
    assert settings.answers == (repo / "reviews" / "mlready.yaml",)


@pytest.mark.parametrize("git", ["folder", "file"])
def test_the_search_stops_at_the_repository_root(tmp_path: Path, git: str) -> None:
    write_settings(tmp_path, 'fail-on = "minor"\n')  # above the repository: not ours
    root = tmp_path / "repo"
    root.mkdir()
    if git == "folder":
        (root / ".git").mkdir()
    else:  # a worktree or submodule has a .git file
        (root / ".git").write_text("gitdir: ../elsewhere\n", encoding="utf-8")
    (root / "sub").mkdir()
    assert find_settings(root / "sub") == Settings()
    write_settings(root, 'fail-on = "major"\n')  # at the root itself: found
    assert find_settings(root / "sub").fail_on is Severity.MAJOR


def test_the_nearest_folder_wins(repo: Path) -> None:
    write_settings(repo, 'fail-on = "minor"\n')
    write_settings(repo / "models" / "vision", 'fail-on = "major"\n', kind="pyproject.toml")
    (repo / "models" / "vision" / "src").mkdir()
    assert find_settings(repo / "models" / "vision" / "src").fail_on is Severity.MAJOR
    assert find_settings(repo / "models").fail_on is Severity.MINOR


def test_a_pyproject_without_the_table_is_passed_over(repo: Path) -> None:
    write_settings(repo, 'fail-on = "minor"\n')
    sub = repo / "package"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "package"\n', encoding="utf-8")
    assert find_settings(sub).fail_on is Severity.MINOR


def test_dotfile_wins_over_pyproject_in_the_same_folder(repo: Path) -> None:
    write_settings(repo, 'fail-on = "major"\n', kind="pyproject.toml")
    dotfile = write_settings(repo, 'fail-on = "minor"\n')
    settings = find_settings(repo)
    assert settings.fail_on is Severity.MINOR
    assert settings.source == dotfile


# --- bad settings -------------------------------------------------------------------------------


@both_kinds
@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('banks = "x.yaml"\n', "banks"),
        ("fail_on_gap = true\n", "fail_on_gap"),
        ('fail-on = "critical"\n', "fail-on"),
        ('fail-on = "MINOR"\n', "fail-on"),
        ("max-age = -1\n", "max-age"),
        ("max-age = 1.5\n", "max-age"),
        ('max-age = "soon"\n', "max-age"),
        ("bank = 3\n", "bank"),
        ("answers = 3\n", "answers"),
        ("fail-under = [80]\n", "fail-under"),
    ],
)
def test_bad_keys_and_types_name_the_file_and_key(
    repo: Path, kind: str, body: str, key: str
) -> None:
    path = write_settings(repo, body, kind=kind)
    message = settings_error(repo)
    table = "tool.mlready: " if kind == "pyproject.toml" else ""
    assert message.startswith(f"{path}: {table}")
    assert f"'{key}'" in message or message.startswith(f"{path}: {table}{key} ")


@pytest.mark.parametrize(
    ("body", "key"),
    [
        pytest.param(
            "fail-under = true\n",
            "fail-under",
        ),
        pytest.param(
            "max-age = true\n",
            "max-age",
        ),
        pytest.param(
            'source = "elsewhere.toml"\n',
            "source",
        ),
    ],
)
def test_booleans_and_internal_names_are_refused(repo: Path, body: str, key: str) -> None:
    path = write_settings(repo, body)
    message = settings_error(repo)
    assert message.startswith(f"{path}: ")
    assert f"'{key}'" in message or message.startswith(f"{path}: {key} ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fail-on = \n", "invalid TOML"),
        ("[tool]\nmlready = 3\n", "tool.mlready must be a table"),
    ],
)
def test_unreadable_settings_name_the_file(repo: Path, text: str, expected: str) -> None:
    name = ".mlready.toml" if expected == "invalid TOML" else "pyproject.toml"
    (repo / name).write_text(text, encoding="utf-8")
    message = settings_error(repo)
    assert message.startswith(f"{repo / name}: ")
    assert expected in message


# --- through the commands -----------------------------------------------------------------------


@pytest.fixture
def project(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a bank and an answers file, run from a subfolder of it."""
    (repo / "banks").mkdir()
    (repo / "banks" / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (repo / "reviews").mkdir()
    (repo / "reviews" / "mlready.yaml").write_text(
        # serving: 2x1 + 4x0.5 over 6 -> 66.67, a major gap and no blocker
        BEST_ANSWERS.replace("serving.rollback: yes", "serving.rollback: partial"),
        encoding="utf-8",
    )
    (repo / "src").mkdir()
    monkeypatch.chdir(repo / "src")
    return repo


BANK_AND_ANSWERS = 'bank = "banks/small.yaml"\nanswers = "reviews/mlready.yaml"\n'


@both_kinds
def test_check_with_no_arguments_uses_the_settings(project: Path, kind: str) -> None:
    write_settings(project, BANK_AND_ANSWERS, kind=kind)
    code, out, err = run("check", "--format", "json")
    assert code == ExitCode.OK, err
    document = json.loads(out)
    assert document["bank"] == "small@1"
    assert document["file"] == str(project / "reviews" / "mlready.yaml")
    assert document["score"] == 66.67


def test_settings_apply_to_report_and_bank_show(project: Path) -> None:
    write_settings(project, BANK_AND_ANSWERS)
    code, out, _ = run("bank", "show")
    assert code == ExitCode.OK
    assert out.startswith("mlready bank show · Small bank (small@1)")
    code, out, _ = run("report", "-o", "-")
    assert code == ExitCode.OK
    assert "shelf-scanner" in out


def test_bank_default_in_settings_is_the_builtin_bank(project: Path) -> None:
    write_settings(project, 'bank = "default"\n')
    code, out, _ = run("bank", "show")
    assert code == ExitCode.OK
    assert "(default@3)" in out.splitlines()[0]


@pytest.mark.parametrize(
    ("setting", "flags", "expected"),
    [
        ("fail-under = 70", (), ExitCode.GATE_FAILED),
        # A level asks for a level: no gap caps this review, production reaches pilot.
        ("fail-under = 70", ("--fail-under", "pilot"), ExitCode.OK),
        ('fail-under = "pilot"', ("--fail-under", "70"), ExitCode.GATE_FAILED),
        ("fail-under = 60", (), ExitCode.OK),
        ("fail-under = 60", ("--fail-under", "prototype"), ExitCode.OK),
        ("fail-under = 60", ("--fail-under", "70"), ExitCode.GATE_FAILED),
        ('fail-on = "major"', (), ExitCode.GATE_FAILED),
        ('fail-on = "major"', ("--fail-on", "blocker"), ExitCode.OK),
        ('fail-on = "minor"', ("--fail-on", "major"), ExitCode.GATE_FAILED),
        ("max-age = 30", (), ExitCode.GATE_FAILED),
        ("max-age = 30", ("--max-age", "100"), ExitCode.OK),
        ("max-age = 100", (), ExitCode.OK),
    ],
)
def test_gate_settings_and_flags_win(
    project: Path, setting: str, flags: tuple[str, ...], expected: ExitCode
) -> None:
    write_settings(project, f"{BANK_AND_ANSWERS}{setting}\n")
    # reviewed 2026-10-01: 61 days before this date
    code, _, err = run("check", "--today", "2026-12-01", *flags)
    assert code == expected, err


def test_the_fail_under_setting_is_reported_like_the_flag(project: Path) -> None:
    write_settings(project, f"{BANK_AND_ANSWERS}fail-under = 75\n")
    code, out, _ = run("check")
    assert code == ExitCode.GATE_FAILED
    assert "score 66.67 is below 75" in out


def test_bank_flag_wins_over_the_settings(project: Path) -> None:
    write_settings(project, 'bank = "banks/missing.yaml"\nanswers = "reviews/mlready.yaml"\n')
    code, _, err = run("check")
    assert code == ExitCode.INVALID
    assert str(project / "banks" / "missing.yaml") in err
    code, out, err = run("check", "--bank", project / "banks" / "small.yaml", "-f", "json")
    assert code == ExitCode.OK, err
    assert json.loads(out)["bank"] == "small@1"


def test_answers_argument_wins_over_the_settings(project: Path) -> None:
    write_settings(project, 'bank = "banks/small.yaml"\nanswers = "reviews/missing.yaml"\n')
    assert run("check")[0] == ExitCode.INVALID
    other = project / "other.yaml"
    other.write_text(BEST_ANSWERS, encoding="utf-8")
    code, out, _ = run("check", other, "-f", "json")
    assert code == ExitCode.OK
    assert json.loads(out)["file"] == str(other)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('banks = "banks/small.yaml"\n', "banks"),
        ('fail-on = "critical"\n', "fail-on"),
        ("max-age = -5\n", "max-age"),
    ],
)
@pytest.mark.parametrize("command", [("check",), ("bank", "show"), ("report", "-o", "-")])
def test_bad_settings_exit_2_naming_file_and_key(
    project: Path, body: str, expected: str, command: tuple[str, ...]
) -> None:
    path = write_settings(project, body, kind="pyproject.toml")
    code, out, err = run(*command)
    assert code == ExitCode.INVALID
    assert out == ""
    assert f"error: {path}: tool.mlready: " in err
    assert expected in err
    assert "Traceback" not in err


def test_a_bad_fail_under_setting_names_the_settings_file(project: Path) -> None:
    path = write_settings(project, f"{BANK_AND_ANSWERS}fail-under = 150\n")
    code, _, err = run("check")
    assert code == ExitCode.INVALID
    assert str(path) in err
    assert "fail-under" in err
