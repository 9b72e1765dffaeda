"""Every command through Typer's runner: exit codes, stdout and stderr apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlready.cli import app
from mlready.core.errors import ExitCode, MlreadyError
from mlready.render.signatures import REPORT_MARKER
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK_IDS

runner = CliRunner()


def test_check_passes_on_a_ready_system(answers_file: Path, bank_file: Path) -> None:
    code, out, err = run("check", answers_file, "--bank", bank_file)
    assert code == ExitCode.OK
    assert "Level: production" in out
    assert out.rstrip().endswith("PASSED")
    assert err == ""
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_check_fails_on_a_blocker(tmp_path: Path, bank_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no"))
    code, out, _ = run("check", answers, "--bank", bank_file)
    assert code == ExitCode.GATE_FAILED
    assert "Blockers (1)" in out
    assert "FAILED: 1 blocker gap" in out


def test_check_fails_on_unanswered_unless_allowed(tmp_path: Path, bank_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(BEST_ANSWERS.replace("  data.owner: data-team\n", ""))
    code, out, _ = run("check", answers, "--bank", bank_file)
    assert code == ExitCode.GATE_FAILED
    assert "data.owner" in out
    code, _, _ = run("check", answers, "--bank", bank_file, "--allow-incomplete")
    assert code == ExitCode.OK


def test_check_fail_under_by_number_and_level(tmp_path: Path, bank_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(BEST_ANSWERS.replace("serving.rollback: yes", "serving.rollback: partial"))
    # serving: 2x1 + 4x0.5 over 6 -> 66.67
    assert run("check", answers, "--bank", bank_file)[0] == ExitCode.OK
    assert run("check", answers, "--bank", bank_file, "--fail-under", "60")[0] == ExitCode.OK
    code, out, _ = run("check", answers, "--bank", bank_file, "--fail-under", "75")
    assert code == ExitCode.GATE_FAILED
    assert "score 66.67 is below 75" in out
    # A level asks for a level: no gap caps this one, so production passes at 66.67.
    assert run("check", answers, "--bank", bank_file, "--fail-under", "production")[0] == 0
    capped = tmp_path / "capped.yaml"
    capped.write_text(BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no"))
    code, out, _ = run("check", capped, "--bank", bank_file, "--fail-under", "prototype")
    assert code == ExitCode.GATE_FAILED
    assert "level not ready is below prototype" in out
    code, _, err = run("check", answers, "--bank", bank_file, "--fail-under", "gold")
    assert code == ExitCode.INVALID
    assert "--fail-under" in err


def test_check_json(answers_file: Path, bank_file: Path) -> None:
    code, out, _ = run("check", answers_file, "--bank", bank_file, "--format", "json")
    assert code == ExitCode.OK
    document = json.loads(out)
    assert document["passed"] is True
    assert document["score"] == 100
    assert document["level"] == "production"
    assert document["bank"] == "small@1"
    assert document["project"] == {
        "name": "shelf-scanner",
        "owner": "vision-team",
        "reviewed": "2026-10-01",
    }
    assert document["blockers"] == []
    assert document["unanswered"] == []
    assert document["gaps"] == []
    assert document["areas"] == [
        {"id": "data", "score": 100.0, "applicable": 5, "answered": 5, "gaps": 0},
        {"id": "serving", "score": 100.0, "applicable": 3, "answered": 3, "gaps": 0},
    ]


def test_check_json_lists_gaps_with_their_score(tmp_path: Path, bank_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: partial"))
    code, out, _ = run("check", answers, "--bank", bank_file, "-f", "json")
    document = json.loads(out)
    assert code == ExitCode.GATE_FAILED
    assert document["passed"] is False
    assert document["blockers"] == ["data.lineage"]
    assert document["gaps"][0] == {
        "id": "data.lineage",
        "area": "data",
        "severity": "blocker",
        "score": 0.5,
        "answered": True,
        "waived": False,
        "line": 7,
        "action": None,
        "overdue": False,
    }
    assert document["level"] == "production"  # one partly done blocker is no cap
    # ... but a condition of the level, said beside it; nothing caps it.
    assert document["conditions"] == ["data.lineage"] and document["caps"] == []


def test_check_json_says_which_caps_set_the_level(tmp_path: Path, bank_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no"))
    code, out, _ = run("check", answers, "--bank", bank_file, "-f", "json")
    document = json.loads(out)
    assert code == ExitCode.GATE_FAILED
    assert document["level"] == "not ready"
    # The small bank's data area falls under 50 too: a cap, but not the one that sets it.
    assert document["caps"] == [
        {"level": "pilot", "kind": "score", "checks": [], "sets_level": False},
        {"level": "not ready", "kind": "gap", "checks": ["data.lineage"], "sets_level": True},
    ]
    assert "data.lineage" not in document["conditions"]  # it caps: not a condition


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("mlready: 1\nanswers:\n  data.lineage: maybe\n", "a.yaml:3:17: 'maybe' is not an option"),
        ("mlready: 1\nanswers:\n\t- x\n", "a.yaml:3:1: invalid YAML"),
        ("mlready: 2\n", "newer mlready"),
        ("", "a.yaml: the answers file is empty"),
        ("mlready: 1\nanswers: {data.linage: yes}\n", "did you mean 'data.lineage'?"),
    ],
)
def test_check_invalid_answers_exit_2_with_the_place(
    tmp_path: Path, bank_file: Path, content: str, message: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(content)
    code, out, err = run("check", answers, "--bank", bank_file)
    assert code == ExitCode.INVALID
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_check_missing_answers_file_points_to_init(tmp_path: Path) -> None:
    code, _, err = run("check", tmp_path / "nope.yaml")
    assert code == ExitCode.INVALID
    assert "no such answers file" in err
    assert "mlready init" in err


def test_check_invalid_bank_exit_2(tmp_path: Path, answers_file: Path) -> None:
    bank = tmp_path / "bad.yaml"
    bank.write_text("bank: Bad Id\nversion: 1\nareas: []\n")
    code, _, err = run("check", answers_file, "--bank", bank)
    assert code == ExitCode.INVALID
    assert "bad.yaml:1:7: bank 'Bad Id' is not a valid id" in err


def test_usage_errors_exit_2() -> None:
    assert run("check", "--format", "xml")[0] == ExitCode.INVALID
    assert run("no-such-command")[0] == ExitCode.INVALID


def test_warnings_go_to_stderr(tmp_path: Path, bank_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    text = BEST_ANSWERS.replace("bank: small@1", "bank: small@0") + "  data.gone: yes\n"
    answers.write_text(text)
    code, out, err = run("check", answers, "--bank", bank_file, "-f", "json")
    assert code == ExitCode.OK
    assert json.loads(out)["warnings"]
    assert "warning: " in err
    assert "small@0" in err
    assert "data.gone" in err


def test_report_writes_the_file_and_overwrites_only_its_own(
    tmp_path: Path, answers_file: Path, bank_file: Path
) -> None:
    target = tmp_path / "READINESS.md"
    code, out, err = run("report", answers_file, "--bank", bank_file, "-o", target)
    assert code == ExitCode.OK
    assert out == ""
    assert str(target) in err
    text = target.read_text()
    assert text.startswith(REPORT_MARKER)
    assert "# Readiness review: shelf-scanner" in text
    assert run("report", answers_file, "--bank", bank_file, "-o", target)[0] == ExitCode.OK
    foreign = tmp_path / "NOTES.md"
    foreign.write_text("my notes\n")
    code, _, err = run("report", answers_file, "--bank", bank_file, "-o", foreign)
    assert code == ExitCode.INVALID
    assert "--force" in err
    assert foreign.read_text() == "my notes\n"
    code, _, _ = run("report", answers_file, "--bank", bank_file, "-o", foreign, "--force")
    assert code == ExitCode.OK
    assert foreign.read_text() == text


def test_report_to_stdout(answers_file: Path, bank_file: Path) -> None:
    code, out, _ = run("report", answers_file, "--bank", bank_file, "-o", "-")
    assert code == ExitCode.OK
    assert out.startswith(REPORT_MARKER)
    assert "## Areas" in out


def test_init_writes_a_skeleton_that_checks_as_unanswered(tmp_path: Path, bank_file: Path) -> None:
    target = tmp_path / "mlready.yaml"
    code, _, err = run("init", target, "--bank", bank_file)
    assert code == ExitCode.OK
    assert "8 questions" in err
    assert "holds .mlready.yaml.lock beside it while it runs; add `.*.lock` to .gitignore" in err
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=mlready.schema.json\n")
    schema = json.loads((tmp_path / "mlready.schema.json").read_text())
    assert set(schema["properties"]["answers"]["properties"]) == set(SMALL_BANK_IDS)
    assert "  data.lineage:\n" in text
    assert "# one of: yes | partial | no" in text
    code, out, _ = run("check", target, "--bank", bank_file, "-f", "json")
    assert code == ExitCode.GATE_FAILED
    assert "data.lineage" in json.loads(out)["unanswered"]
    target.write_text("mine\n")
    code, _, err = run("init", target, "--bank", bank_file)
    assert code == ExitCode.INVALID
    assert "already exists" in err
    assert target.read_text() == "mine\n"
    assert run("init", target, "--bank", bank_file, "--force")[0] == ExitCode.OK
    assert target.read_text() == text


def test_bank_show_and_validate(bank_file: Path, tmp_path: Path) -> None:
    code, out, _ = run("bank", "show", "--bank", bank_file)
    assert code == ExitCode.OK
    assert "small@1" in out
    assert "serving.latency" in out
    assert "[when serving.mode in realtime]" in out
    code, out, _ = run("bank", "show", "--bank", bank_file, "--format", "json")
    document = json.loads(out)
    latency = document["areas"][1]["questions"][1]
    assert latency["id"] == "serving.latency"
    assert latency["when"] == {"serving.mode": ["realtime"]}
    assert latency["options"][1] == {
        "value": "manual",
        "label": "Measured by hand",
        "score": 0.5,
        "exclusive": False,
        "applies_from": None,
        "caps": None,
        "expects": {},
        "suggests": {},
    }
    assert latency["severity"] == "major"
    assert latency["weight"] == 2
    code, out, _ = run("bank", "validate", "--bank", bank_file)
    assert code == ExitCode.OK
    assert "valid: small@1, 2 areas, 8 questions" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text(bank_file.read_text().replace("severity: minor", "severity: low"))
    code, _, err = run("bank", "validate", "--bank", broken)
    assert code == ExitCode.INVALID
    assert "broken.yaml:29:19: severity must be one of blocker, major or minor (got 'low')" in err


def test_builtin_bank_validates() -> None:
    code, out, _ = run("bank", "validate")
    assert code == ExitCode.OK
    assert "built-in bank: valid: default@" in out


def test_version() -> None:
    from importlib.metadata import version

    code, out, _ = run("--version")
    assert code == ExitCode.OK
    assert out == f"mlready {version('mlready-review')}\n"


def test_ask_refuses_without_a_terminal(tmp_path: Path) -> None:
    code, out, err = run("ask", tmp_path / "a.yaml")
    assert code == ExitCode.INVALID
    assert out == ""
    assert "needs a terminal" in err
    assert "mlready init" in err
    assert not (tmp_path / "a.yaml").exists()


def test_unexpected_errors_are_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    import mlready.io.bank_file

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(mlready.io.bank_file, "load_bank", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        runner.invoke(app, ["bank", "validate"], catch_exceptions=False)


def test_mlready_errors_become_messages_and_exit_codes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import mlready.io.bank_file

    def fail(*_: object) -> None:
        raise MlreadyError("first line\nsecond line")

    monkeypatch.setattr(mlready.io.bank_file, "load_bank", fail)
    code, out, err = run("bank", "validate")
    assert code == ExitCode.INVALID
    assert out == ""
    assert err == "error: first line\nerror: second line\n"


def test_init_without_a_schema_and_the_modeline_survives_rewrites(
    tmp_path: Path, bank_file: Path
) -> None:
    from mlready.io.answers_file import load_answers, render_answers
    from mlready.io.bank_file import load_bank

    plain = tmp_path / "plain.yaml"
    assert run("init", plain, "--bank", bank_file, "--no-schema")[0] == ExitCode.OK
    assert not (tmp_path / "plain.schema.json").exists()
    assert "yaml-language-server" not in plain.read_text()
    edited = tmp_path / "edited.yaml"
    assert run("init", edited, "--bank", bank_file)[0] == ExitCode.OK
    bank = load_bank(bank_file)
    rewritten = render_answers(bank, load_answers(edited, bank))
    assert rewritten.startswith("# yaml-language-server: $schema=edited.schema.json\n")


def test_portfolio_refuses_a_bad_answers_file(tmp_path: Path, bank_file: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("mlready: 1\nanswers: {data.lineage: perhaps}\n")
    code, out, err = run("portfolio", bad, "--bank", bank_file)
    assert code == ExitCode.INVALID
    assert out == ""
    assert f"{bad}:2:" in err
