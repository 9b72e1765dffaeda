"""Findings of a third hostile test, of the scan's parsers and library probes, the record
models, the library API and the default bank: each a hostile or careless input, at the level a
user meets it (the command, as a process where the process is what is tested; the API called as
a program would)."""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import MappingProxyType

import jsonschema
import pytest

from mlready import api
from mlready.core.errors import ExitCode, InputError
from mlready.core.messages import language
from mlready.core.statements import Statement, defined_tests, python_statements
from tests.helpers.commands import mlready, run, run_in
from tests.helpers.git_repositories import repository
from tests.helpers.languages import speaking
from tests.helpers.sarif import sarif_schema
from tests.helpers.terminal_sessions import shown_lines, spawn_ask

# A bank whose one check is evidenced by using mlflow, and contradicted where it is not used.
LIBRARY_BANK = """\
bank: libraries
version: 1
areas:
  - id: a
    title: A
    questions:
      - id: a.tracking
        prompt: Are runs tracked?
        why: An untracked run cannot be reproduced.
        options:
          - {value: yes, label: In mlflow, score: 1}
          - {value: no, label: Not at all, score: 0}
        evidence:
          - id: mlflow-use
            files: ["**/*.py"]
            parser: python
            finds: '^import mlflow'
            library: [mlflow]
            supports: yes
            required_for: yes
            says: mlflow imported
            reliability: high
"""
LIBRARY_ANSWERS = "mlready: 1\nbank: libraries@1\nanswers:\n  a.tracking: yes\n"


def assert_one_located_line(result: subprocess.CompletedProcess[str], place: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.returncode == ExitCode.INVALID, result.stderr[-800:]
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert place in result.stderr


def scanned_state(root: Path) -> str:
    result = run_in(root, "scan", "mlready.yaml", "--bank", "bank.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    state: str = json.loads(result.stdout)["evidence"]["a.tracking"]["state"]
    return state


def test_a_library_probe_in_the_librarys_own_repository_contradicts_nothing(
    tmp_path: Path,
) -> None:
    # The scan does not look for the use of mlflow in mlflow's own repository: what it did not
    # look for cannot be "not found" either.
    files = {"bank.yaml": LIBRARY_BANK, "mlready.yaml": LIBRARY_ANSWERS}
    own = repository(
        tmp_path / "own",
        {**files, "pyproject.toml": '[project]\nname = "mlflow"\n', "run.py": "import mlflow\n"},
    )
    assert scanned_state(own) == "claimed"
    # Elsewhere the same probe still evidences, and its absence still contradicts.
    user = repository(tmp_path / "user", {**files, "train.py": "import mlflow\n"})
    assert scanned_state(user) == "evidenced"
    bare = repository(tmp_path / "bare", {**files, "train.py": "import os\n"})
    assert scanned_state(bare) == "contradicted"


# What the scan says of the probe it did not run, by format and language (`{}`: the library).
NOT_LOOKED_FOR = {
    "en": "mlflow-use not looked for: this repository is mlflow itself, and a library's own code"
    " is no evidence of using it",
    "zh-CN": "mlflow-use 未查找：本仓库就是 mlflow 本身，库自身的代码不能证明使用了它",
}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("answers", "headline"),
    [
        (LIBRARY_ANSWERS, {"en": "claimed: answered", "zh-CN": "仅声明"}),
        (
            LIBRARY_ANSWERS.replace("  a.tracking: yes\n", "  {}\n"),
            {"en": "unanswered", "zh-CN": "未回答"},
        ),
    ],
    ids=["answered", "unanswered"],
)
def test_the_scan_says_which_library_probe_it_did_not_run_and_why(
    tmp_path: Path, lang: str, answers: str, headline: dict[str, str]
) -> None:
    # A library's own code is no evidence of using it, so the scan does not look; but absence
    # must not read as "nothing found": every format says what was not looked for, and why.
    own = repository(
        tmp_path / "own",
        {
            "bank.yaml": LIBRARY_BANK,
            "mlready.yaml": answers,
            "pyproject.toml": '[project]\nname = "mlflow"\n',
            "run.py": "import mlflow\n",
        },
    )
    args = ("scan", own / "mlready.yaml", "--bank", own / "bank.yaml")
    note = NOT_LOOKED_FOR[lang]
    with speaking(lang):
        code, text, err = run(*args)
    assert code == 0, err  # in Chinese, a warning: this bank has no translation
    assert f"a.tracking: {headline[lang]}" in text
    assert f"  {note}\n" in text
    with speaking(lang):
        code, markdown, err = run(*args, "--format", "markdown")
    assert code == 0, err
    assert f"  - {note}\n" in markdown
    with speaking(lang):
        code, sarif, err = run(*args, "--format", "sarif")
    assert code == 0, err
    document = json.loads(sarif)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    notes = [
        (item["ruleId"], item["level"], item["message"]["text"])
        for item in document["runs"][0]["results"]
    ]
    assert notes == [("a.tracking", "note", note)]
    # JSON is data: the same in every language.
    with speaking(lang):
        code, document, err = run(*args, "--format", "json")
    assert code == 0, err
    evidence = json.loads(document)["evidence"]["a.tracking"]
    assert evidence["not_looked_for"] == [
        {"probe": "mlflow-use", "library": "mlflow", "reason": NOT_LOOKED_FOR["en"].split(": ")[1]}
    ]
    assert evidence["missing"] == []
    # In a repository that merely uses mlflow, the probe runs and nothing such is said.
    user = repository(
        tmp_path / "user",
        {"bank.yaml": LIBRARY_BANK, "mlready.yaml": answers, "train.py": "import mlflow\n"},
    )
    code, text, err = run("scan", user / "mlready.yaml", "--bank", user / "bank.yaml")
    assert code == 0 and "not looked for" not in text and "mlflow imported" in text


def test_the_report_and_check_say_which_library_probe_the_scan_did_not_run(
    tmp_path: Path,
) -> None:
    # An answer of "no" is a gap: the report's gap says what the repository shows of it.
    own = repository(
        tmp_path / "own",
        {
            "bank.yaml": LIBRARY_BANK,
            "mlready.yaml": LIBRARY_ANSWERS.replace("a.tracking: yes", "a.tracking: no"),
            "setup.cfg": "[metadata]\nname = mlflow\n",
        },
    )
    code, report, err = run("report", own / "mlready.yaml", "--bank", own / "bank.yaml", "-o", "-")
    assert (code, err) == (0, "")
    assert NOT_LOOKED_FOR["en"] in report
    # check's SARIF, beside the gap, has the same note.
    code, sarif, err = run(
        "check", own / "mlready.yaml", "--bank", own / "bank.yaml", "-f", "sarif"
    )
    notes = [
        item["message"]["text"]
        for item in json.loads(sarif)["runs"][0]["results"]
        if item["level"] == "note"
    ]
    assert notes == [NOT_LOOKED_FOR["en"]]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_pyproject_nested_past_the_stack_is_one_located_line(tmp_path: Path, lang: str) -> None:
    # tomllib reads nested arrays by recursion: the settings look into every pyproject.toml on
    # the way up, whatever project it belongs to.
    (tmp_path / "pyproject.toml").write_text("a = " + "[" * 5_000 + "]" * 5_000 + "\n")
    (tmp_path / "mlready.yaml").write_text(LIBRARY_ANSWERS)
    result = mlready(tmp_path, "check", "mlready.yaml", "--lang", lang)
    assert_one_located_line(result, "pyproject.toml")


def test_a_review_and_a_portfolio_cross_a_process_boundary(tmp_path: Path) -> None:
    # A pool of workers reviewing a fleet pickles what each returns; their read-only
    # mappings (a mappingproxy cannot be pickled) arrive read-only.
    example = Path(__file__).parent.parent / "examples" / "support-assistant.yaml"
    answers = tmp_path / "mlready.yaml"
    answers.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    for value in (api.review(answers, scan=False), api.review(answers)):
        back = pickle.loads(pickle.dumps(value))
        assert back == value == copy.deepcopy(value)
        assert back.level == value.level and back.evidence == value.evidence
        with pytest.raises(TypeError):
            back.evidence["x"] = None
    fleet = api.portfolio([answers])
    back_fleet = pickle.loads(pickle.dumps(fleet))
    assert back_fleet == fleet and isinstance(back_fleet.trends, MappingProxyType)


SEVERITY_BASE = """\
bank: base
version: 1
profile:
  - id: profile.kind
    kind: choice
    prompt: What kind of system is it?
    why: Agents act.
    options: [{value: agent}, {value: other}]
areas:
  - id: a
    title: A
    questions:
      - id: a.limits
        prompt: Are the agent's spending limits enforced outside the model?
        why: A model talked into it spends without limit.
        severity:
          - {when: {profile.kind: [agent]}, is: blocker}
          - {is: minor}
"""


def test_a_layer_cannot_disable_what_a_severity_rule_depends_on(tmp_path: Path) -> None:
    # Disabled, the question would never match the rule: the check would silently be minor
    # for an agent. The layer is refused as it is for a `when` that depends on it.
    (tmp_path / "base.yaml").write_text(SEVERITY_BASE)
    layer = "bank: acme\nversion: 1\nextends: base.yaml\ndisable: [profile.kind]\n"
    (tmp_path / "layer.yaml").write_text(layer)
    code, out, err = run("bank", "validate", "--bank", tmp_path / "layer.yaml")
    assert code == ExitCode.INVALID, out
    assert err.count("\n") == 1 and "layer.yaml:4:10: 'a.limits' depends on disabled" in err
    # Its severity overridden, the rule is gone, and so is the problem.
    (tmp_path / "layer.yaml").write_text(layer + "override:\n  a.limits: {severity: major}\n")
    code, out, err = run("bank", "validate", "--bank", tmp_path / "layer.yaml")
    assert code == ExitCode.OK, err


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "valid: base@1, 1 area, 2 questions"), ("zh-CN", "1 个板块")]
)
def test_a_bank_of_one_area_is_counted_as_one_area(tmp_path: Path, lang: str, said: str) -> None:
    (tmp_path / "base.yaml").write_text(SEVERITY_BASE)
    # In the language of the environment (`--lang` would check the bank's translation too).
    result = mlready(
        tmp_path, "bank", "validate", "--bank", "base.yaml", env={"MLREADY_LANG": lang}
    )
    assert result.returncode == ExitCode.OK, result.stderr
    assert said in result.stdout


def test_an_untranslated_bank_is_valid_in_a_chinese_locale_unless_lang_asks(
    tmp_path: Path,
) -> None:
    # `bank validate` exits 0 for a valid bank: a locale or MLREADY_LANG only chooses the
    # language it speaks; `--lang` asks for the bank's translation too.
    (tmp_path / "base.yaml").write_text(SEVERITY_BASE)
    for env in ({"MLREADY_LANG": "zh-CN"}, {"LANG": "zh_CN.UTF-8"}):
        result = mlready(tmp_path, "bank", "validate", "--bank", "base.yaml", env=env)
        assert result.returncode == ExitCode.OK, result.stderr
        assert "有效" in result.stdout and result.stderr == ""
    result = mlready(tmp_path, "bank", "validate", "--bank", "base.yaml", "--lang", "zh-CN")
    assert_one_located_line(result, "base.zh-CN.yaml")


def test_two_threads_asking_for_two_languages_each_hear_their_own(tmp_path: Path) -> None:
    # A library call's `lang` lasts for that call in that thread: a server rendering reports
    # for two users at once must not mix their languages, nor change the process's language.
    example = Path(__file__).parent.parent / "examples" / "support-assistant.yaml"
    answers = tmp_path / "mlready.yaml"
    answers.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    reviewed = api.review(answers, scan=False)
    expected = {lang: api.report(reviewed, lang=lang) for lang in ("en", "zh-CN")}
    assert expected["en"] != expected["zh-CN"]
    start = threading.Barrier(2)

    def render(lang: str) -> list[str]:
        start.wait()
        return [api.report(reviewed, lang=lang) for _ in range(6)]

    with ThreadPoolExecutor(2) as pool:
        said = dict(zip(expected, pool.map(render, expected), strict=True))
    for lang, reports in said.items():
        assert all(report == expected[lang] for report in reports), lang
    assert language() == "en"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_an_older_bank_does_not_rewrite_answers_written_for_a_newer_one(
    tmp_path: Path, lang: str
) -> None:
    # Signed with an older bank, the file would name that bank and set the newer one's
    # answers aside under `retired`, where the newer bank never reads them again.
    written = "mlready: 1\nbank: default@9\nanswers:\n  data.future_check: yes\n"
    (tmp_path / "mlready.yaml").write_text(written)
    result = mlready(tmp_path, "sign", "--name", "A", "--role", "lead", "--lang", lang)
    assert "Traceback" not in result.stderr
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert result.stderr.strip().splitlines()[-1].count("mlready.yaml:2:7: ") == 1
    assert "default@9" in result.stderr.strip().splitlines()[-1]
    assert (tmp_path / "mlready.yaml").read_text() == written


# What every command that judges answers says of a file for a newer bank, in each language.
NEWER_BANK = {
    "en": "mlready.yaml:2:7: these answers need default@9, newer than the default@3 in use: "
    "upgrade mlready, or choose a bank of that version with --bank PATH",
    "zh-CN": "mlready.yaml:2:7: 这些回答需要 default@9，比当前使用的 default@3 更新：请升级 "
    "mlready，或用 --bank PATH 选择该版本的题库",
}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_answers_for_a_newer_bank_are_an_error_for_every_command_that_judges_them(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A warning let a gate pass on a file this mlready cannot fully read: the newer bank's
    # answers were set aside and the rest judged as if complete.
    written = "mlready: 1\nbank: default@9\nanswers:\n  data.future_check: yes\n"
    (tmp_path / "mlready.yaml").write_text(written)
    (tmp_path / "old.yaml").write_text(written.replace("@9", "@3").replace("  data.f", "  {}#"))
    commands = [
        ("check", "mlready.yaml"),
        ("report", "mlready.yaml", "-o", "-"),
        ("export", "mlready.yaml", "-f", "csv"),
        ("scan", "mlready.yaml"),
        ("diff", "old.yaml", "mlready.yaml"),
        ("portfolio", "mlready.yaml"),
    ]
    # As a process once; in this process for the others (the process is not what is tested).
    result = mlready(tmp_path, "check", "mlready.yaml", "--lang", lang)
    assert result.stdout == ""
    assert_one_located_line(result, "mlready.yaml:2:7: ")
    assert result.stderr.strip().endswith(NEWER_BANK[lang]), result.stderr
    monkeypatch.chdir(tmp_path)
    for command in commands:
        with speaking(lang):
            code, out, err = run(*command)
        assert (code, out) == (ExitCode.INVALID, ""), command
        assert len(err.strip().splitlines()) == 1, err
        assert err.strip().endswith(NEWER_BANK[lang]), err
    assert (tmp_path / "mlready.yaml").read_text() == written
    # The walk refuses it before asking anything.
    (tmp_path / "answers.yaml").write_text(written)
    child = spawn_ask(tmp_path, "--lang", lang, "--no-scan")
    output = child.read()
    child.close()
    assert child.exitstatus == ExitCode.INVALID
    said = " ".join(line.strip() for line in shown_lines(output))
    assert NEWER_BANK[lang].replace("mlready.yaml", "answers.yaml") in said
    assert (tmp_path / "answers.yaml").read_text() == written
    # A file for an older version is read, as before: its new questions count as unanswered.
    older = mlready(tmp_path, "check", "old.yaml", "--lang", lang)
    assert older.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), older.stderr


def test_parsing_past_the_scans_deadline_stops_it_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A megabyte of dense Python takes seconds to parse: a repository of many such files was
    # parsed to the end, however long, where a pattern's search stops at the deadline.
    from mlready.io import scan as scanning

    root = repository(tmp_path / "repo", {"train.py": "import mlflow\n"})
    (tmp_path / "bank.yaml").write_text(LIBRARY_BANK)
    loaded = api.load_bank(tmp_path / "bank.yaml")
    probes = [(check.id, probe) for check in loaded.questions.values() for probe in check.evidence]
    assert scanning.scan(scanning.Repository(root), probes)[("a.tracking", "mlflow-use")]
    monkeypatch.setattr(scanning, "SCAN_SECONDS", -1.0)
    stopped = r"train\.py: the scan stopped after -1 s reading this file as python"
    with pytest.raises(InputError, match=stopped):
        scanning.scan(scanning.Repository(root), probes)


def test_what_a_scan_remembers_of_paths_is_bounded() -> None:
    # A service scanning repository after repository keeps no more than this many paths.
    from mlready.core.path_kinds import path_kinds

    for number in range(70_000):
        path_kinds(f"service/{number}/model.py")
    assert path_kinds.cache_info().currsize <= 1 << 16


# What a terminal could read as a control (C1, an 8-bit CSI among them) or that reorders text.
RAW_CONTROL = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
TESTS_BANK = """\
bank: tested
version: 1
areas:
  - id: a
    title: A
    questions:
      - id: a.tests
        prompt: Are there tests?
        why: Untested code breaks.
        options:
          - {value: yes, label: Yes, score: 1}
          - {value: no, label: No, score: 0}
        evidence:
          - id: tests-exist
            files: ["**/*.test.ts"]
            within: tests
            parser: tests
            finds: '^test '
            supports: yes
            says: tests
            reliability: high
"""


@pytest.mark.parametrize("output", ["json", "sarif", "text", "markdown"])
def test_names_and_lines_from_a_repository_are_inert_in_every_scan_format(
    tmp_path: Path, output: str
) -> None:
    # A test file's line (the tests parser shows it) and its name hold C1 controls and a
    # bidirectional override; JSON is the same data with them written as \\uNNNN.
    hostile = "web/a\u202e\x9b31m.test.ts"
    root = repository(
        tmp_path,
        {
            "bank.yaml": TESTS_BANK,
            "mlready.yaml": "mlready: 1\nbank: tested@1\nanswers:\n  a.tests: yes\n",
            hostile: 'it("x\x9b2J\u2066y", () => {})\n',
        },
    )
    result = run_in(root, "scan", "--bank", "bank.yaml", "--format", output)
    assert result.returncode == 0, result.stderr
    assert RAW_CONTROL.search(result.stdout) is None, RAW_CONTROL.findall(result.stdout)
    if output == "json":
        (finding,) = json.loads(result.stdout)["evidence"]["a.tests"]["findings"]
        assert finding["path"] == hostile and "\x9b2J\u2066" in finding["text"]


def test_the_list_of_commands_is_not_cut_by_the_sources_line_breaks(tmp_path: Path) -> None:
    # Typer lists a command by its help's first paragraph with its line breaks kept: wide
    # enough, each command's summary is one line.
    result = mlready(tmp_path, "--help", env={"COLUMNS": "300"})
    assert result.returncode == 0, result.stderr
    export = next(line for line in result.stdout.splitlines() if "│ export " in line)
    assert "badge (a shields.io endpoint JSON), cyclonedx" in export


@pytest.mark.parametrize("tag", ["zh", "zh_CN", "zh-cn", "zh_CN.UTF-8"])
def test_a_library_call_names_chinese_as_a_locale_does(tmp_path: Path, tag: str) -> None:
    # `lang="zh"` installed the catalog for "zh" but looked for the bank's translation under
    # that name: half the report stayed in English.
    answers = tmp_path / "mlready.yaml"
    example = Path(__file__).parent.parent / "examples" / "support-assistant.yaml"
    answers.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    reviewed = api.review(answers, scan=False)
    assert api.report(reviewed, lang=tag) == api.report(reviewed, lang="zh-CN")


@pytest.mark.parametrize("tag", ["klingon", "zh-TW", "fr"])
def test_a_library_call_in_a_language_mlready_does_not_speak_is_refused(tag: str) -> None:
    reviewed = api.review(
        Path(__file__).parent.parent / "examples" / "support-assistant.yaml", scan=False
    )
    with pytest.raises(api.MlreadyError, match="does not speak"):
        api.report(reviewed, lang=tag)
    with pytest.raises(api.MlreadyError, match="does not speak"):
        api.use_language(tag)
    assert language() == "en"


def test_one_answers_file_named_as_a_string_is_one_file(tmp_path: Path) -> None:
    # A string is an iterable of its characters: `portfolio("mlready.yaml")` looked for an
    # answers file named "m".
    example = Path(__file__).parent.parent / "examples" / "support-assistant.yaml"
    answers = tmp_path / "mlready.yaml"
    answers.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    assert api.answers_files(str(answers)) == [answers]
    assert api.answers_files(answers) == [answers]
    assert len(api.portfolio(str(answers), history=False).rows) == 1


# A test module with a pattern written without r"": an invalid escape sequence, a warning when
# parsed (a SyntaxWarning on stderr from Python 3.12; an error under -W error).
ESCAPED_TESTS = (
    'import re\n\nDIGITS = re.compile("\\d+")\n\n\n'
    'def test_digits():\n    assert DIGITS.match("1")\n'
)


def test_a_module_with_an_invalid_escape_sequence_is_read_whatever_the_warning_filters() -> None:
    # This suite turns every warning into an error, as `-W error` does.
    assert defined_tests("tests/test_digits.py", ESCAPED_TESTS) == [
        Statement(None, "test test_digits")
    ]
    assert Statement(1, "import re") in python_statements("digits.py", ESCAPED_TESTS)


def test_a_scan_says_nothing_of_the_warnings_parsing_raises(tmp_path: Path) -> None:
    bank = TESTS_BANK.replace('"**/*.test.ts"', '"**/test_*.py"')
    root = repository(
        tmp_path,
        {
            "bank.yaml": bank,
            "mlready.yaml": "mlready: 1\nbank: tested@1\nanswers:\n  a.tests: yes\n",
            "tests/test_digits.py": ESCAPED_TESTS,
        },
    )
    result = mlready(root, "scan", "--bank", "bank.yaml", env={"PYTHONWARNINGS": "default"})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "tests/test_digits.py `test test_digits`" in result.stdout


def test_a_process_reviewing_file_after_file_in_chinese_keeps_a_few_banks(tmp_path: Path) -> None:
    # Each review loads its bank; each bank's translation was kept for good (2 MB each).
    from mlready.api import language as speaking

    example = Path(__file__).parent.parent / "examples" / "support-assistant.yaml"
    answers = tmp_path / "mlready.yaml"
    answers.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(7):
        api.report(api.review(answers, scan=False, lang="zh-CN"), lang="zh-CN")
    assert len(speaking._TRANSLATED) <= speaking._KEPT


def test_a_missing_required_option_with_choices_is_said_in_chinese(tmp_path: Path) -> None:
    # Click adds the choices to the message of a missing option: the table knew only the
    # message without them, so it stayed in English.
    result = mlready(tmp_path, "export", "mlready.yaml", "--lang", "zh-CN")
    assert_one_located_line(result, "缺少选项'--format' / '-f'。可选：csv, badge")
    assert "missing option" not in result.stderr
