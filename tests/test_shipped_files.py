"""Files the project ships or publishes stay in step with the code that makes them."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlready.cli import app
from mlready.core.schema import answers_schema, schema_text
from mlready.io.bank_file import load_bank
from tests.helpers.documents import load_yaml
from tests.helpers.languages import speaking

ROOT = Path(__file__).resolve().parent.parent


def test_the_answers_schema_stays_small() -> None:
    # One definition per distinct set of values, and the answer block referenced, not copied.
    bank = load_bank()
    text = schema_text(answers_schema(bank))
    # A line a question, and one per distinct set of values (about 280 lines for the
    # built-in bank's, which gains a set with each new graded option): the limit grows with
    # the bank, the share of copies must not. A multiple choice's values are listed twice (one
    # value, or a list of them), a value a line once a list no longer fits on one.
    multi_values = sum(len(q.options) for q in bank.questions.values() if q.kind == "multi")
    assert len(text.splitlines()) < len(bank.questions) + 300 + multi_values
    assert len(text.encode()) < 340 * len(bank.questions)  # about 100 kB for 300 questions
    assert text.count('"waiver"') == 1


EXAMPLES = sorted(path.stem for path in (ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("language", ["en", "zh-CN"])
@pytest.mark.parametrize("suffix", [".md", ".html"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_reports_match_their_answers(
    name: str, suffix: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command a user runs from the repository's root, with --lang zh-CN for
    # examples/NAME.zh-CN.md (or .html):
    #   mlready report examples/NAME.yaml --no-scan --no-history --today REVIEWED \
    #     -o examples/NAME.md
    # Without a scan or a trend, as the README says: these example systems have no repository
    # or history of their own; the one around them is mlready's.
    from mlready.io.answers_file import load_answers
    from tests.helpers.commands import run

    monkeypatch.chdir(ROOT)
    source = Path("examples") / f"{name}.yaml"
    reviewed = load_answers(source, load_bank()).project.reviewed
    with speaking(language):
        code, expected, err = run(
            "report",
            source,
            "--no-scan",
            "--no-history",
            "--today",
            str(reviewed),
            "-f",
            "html" if suffix == ".html" else "markdown",
            "-o",
            "-",
        )
    assert code == 0, err
    infix = "" if language == "en" else f".{language}"
    golden = ROOT / "examples" / f"{name}{infix}{suffix}"
    if os.environ.get("MLREADY_UPDATE_GOLDEN"):
        golden.write_text(expected, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == expected


def test_the_example_repository_shows_what_mlready_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # examples/repository/README.md shows `mlready scan --repo .` and the evidence of the
    # report as they are printed in a copy of the folder committed to a repository of its own.
    # MLREADY_UPDATE_GOLDEN=1 rewrites them after an intended change.
    from tests.helpers.commands import run
    from tests.helpers.git_repositories import repository

    folder = ROOT / "examples" / "repository"
    files = {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    monkeypatch.chdir(repository(tmp_path / "repository", files))
    code, scanned, err = run("scan", "--repo", ".")
    assert code == 0, err
    code, report, err = run("report", "--repo", ".", "--no-history", "-o", "-")
    assert code == 0, err
    lines = report.splitlines()
    summary = next(line for line in lines if line.startswith("- **Evidence from the repository"))
    start = lines.index("| Check | Area | Answer | Score | Evidence |")
    table = "\n".join(lines[start : lines.index("", start)])
    readme = (folder / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)```", readme, flags=re.DOTALL)
    assert shown is not None
    shown_summary = next(line for line in readme.splitlines() if line.startswith("- **Evidence"))
    shown_table = readme[readme.index("| Check | Area | Answer | Score | Evidence |") :].rstrip()
    if os.environ.get("MLREADY_UPDATE_GOLDEN"):
        readme = readme.replace(shown.group(1), scanned).replace(shown_summary, summary)
        (folder / "README.md").write_text(readme.replace(shown_table, table), encoding="utf-8")
        return
    assert shown.group(1) == scanned
    assert shown_summary == summary
    assert shown_table == table


def test_pre_commit_hook_definition() -> None:
    hooks = load_yaml(ROOT / ".pre-commit-hooks.yaml").data
    assert isinstance(hooks, list)
    (hook,) = hooks
    assert hook["id"] == "mlready-check"
    assert hook["entry"] == "mlready check"
    assert hook["language"] == "python"
    assert re.search(hook["files"], "models/ranker/mlready.yaml")
    assert not re.search(hook["files"], "config.yaml")


def test_github_action_definition() -> None:
    action = load_yaml(ROOT / "action.yml").data
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "mlready check" in scripts
    for name in re.findall(r"inputs\.([a-z-]+)", json.dumps(action)):
        assert name in action["inputs"], name
    assert all("shell" in step for step in steps if "run" in step)


def test_readme_opens_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.DOTALL)
    assert blocks[0].endswith("pip install . && mlready check examples/ecommerce-categoriser.yaml")
    assert blocks[1].endswith("pip install -e '.[test]' && python -m pytest -n auto")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "\npython -m pytest -n auto\n" in ci
    assert "pip install --quiet -e '.[test]'" in ci


def help_of(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    return result.stdout


def test_readme_usage_matches_help() -> None:
    readme = (ROOT / "README.md").read_text()
    usages = re.findall(r"^\| `mlready (.*?)` \|", readme, flags=re.MULTILINE)
    assert len(usages) >= 10
    for usage in usages:
        words = usage.split()
        command = words[:2] if words[0] == "bank" else [] if words[0] == "--version" else words[:1]
        text = help_of(*command)
        for option in re.findall(r"--[a-z][a-z-]*", usage):
            assert option in text, (command, option)
        # --help and --lang are on every command; the README tells them once.
        everywhere = {"--help", "--version", "--lang"}
        offered = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text)) - everywhere
        documented = set(re.findall(r"--[a-z][a-z-]*", usage))
        # A documented --no-X stands for its pair --X too.
        pairs = {f"--{o[5:]}" for o in documented if o.startswith("--no-")}
        assert offered <= documented | pairs, (command, offered - documented - pairs)


def test_readme_lists_the_ml_test_score_coverage_of_the_bank() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## ML Test Score coverage", 1)[1].split("\n## ", 1)[0]
    names = {"Data": "data", "Model": "model", "Infrastructure": "infra", "Monitoring": "monitor"}
    listed: set[tuple[str, str]] = set()
    for test, cell in re.findall(r"^\| (\w+ \d) \| .*? \| (.*) \|$", section, flags=re.MULTILINE):
        section_name, number = test.split()
        tag = f"mlts-{names[section_name]}-{number}"
        listed |= {(tag, check) for check in re.findall(r"`([a-z_.]+)`", cell)}
    tagged = {
        (tag, question.id)
        for question in load_bank().questions.values()
        for tag in question.tags
        if tag.startswith("mlts-")
    }
    assert len({tag for tag, _ in tagged}) == 28
    assert listed == tagged


def test_the_chinese_readme_lists_the_same_commands_and_options() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    usage = re.compile(r"^\| `mlready (.*?)` \|", flags=re.MULTILINE)
    option = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
    assert usage.findall(chinese) == usage.findall(english)
    assert set(option.findall(chinese)) == set(option.findall(english))
    assert "[简体中文说明](README.zh-CN.md)" in english.split("\n## ", 1)[0]
    assert "[English](README.md)" in chinese.split("\n## ", 1)[0]
    assert chinese.count("```") == english.count("```")


def test_the_chinese_readme_has_the_english_one_s_sections_and_names() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    levels = re.compile(r"^(#+) ", flags=re.MULTILINE)
    assert levels.findall(chinese) == levels.findall(english)  # the same sections, in order

    def section(text: str, heading: str) -> str:
        return text.split(heading + "\n", 1)[1].split("\n## ", 1)[0]

    # What a template receives and the filters it may use: every name the English gives.
    code = re.compile(r"`([a-z_]+)`")
    names = set(code.findall(section(english, "## Report templates")))
    assert {"evidence", "evidence_counts", "contradicted", "check_rows", "evidence_lines"} <= names
    assert names <= set(code.findall(section(chinese, "## 报告模板")))
    # Every command the English shows to run, and every example it links to.
    commands = re.compile(r"`((?:python|mlready|MLREADY_\w+=\S+ python) [^`]*)`")
    assert set(commands.findall(chinese)) >= set(commands.findall(english))
    links = re.compile(r"\]\((examples/[^)]*)\)")
    assert set(links.findall(chinese)) == set(links.findall(english))
