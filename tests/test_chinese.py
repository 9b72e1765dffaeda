"""mlready in Simplified Chinese: the installed command run as a person or CI runs it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import mlready, run

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def review(tmp_path: Path) -> Path:
    text = (EXAMPLES / "credit-risk-scorer.yaml").read_text(encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "how",
    [
        {"args": ("--lang", "zh-CN")},
        {"args": ("--lang=zh_CN.UTF-8",)},
        {"env": {"MLREADY_LANG": "zh"}},
        {"env": {"LANG": "zh_CN.UTF-8"}},
        {"settings": 'lang = "zh-CN"\n'},
    ],
    ids=["flag", "flag=locale", "MLREADY_LANG", "LANG", "settings"],
)
def test_check_speaks_chinese_however_it_is_asked(review: Path, how: dict[str, object]) -> None:
    if "settings" in how:
        (review / ".mlready.toml").write_text(str(how["settings"]), encoding="utf-8")
    args = how.get("args", ())
    assert isinstance(args, tuple)
    env = how.get("env")
    assert env is None or isinstance(env, dict)
    result = mlready(review, "check", *args, env=env)
    assert result.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr
    assert "级别：可投产" in result.stdout
    assert "预处理与特征" in result.stdout  # an area of the bank, from its translation file
    assert "监控与运维" in result.stdout


def test_json_is_the_same_in_every_language(review: Path) -> None:
    english = mlready(review, "check", "-f", "json")
    chinese = mlready(review, "check", "-f", "json", "--lang", "zh-CN")
    assert english.stdout == chinese.stdout
    assert english.returncode == chinese.returncode
    bank_en = mlready(review, "bank", "show", "-f", "json")
    bank_zh = mlready(review, "bank", "show", "-f", "json", "--lang", "zh-CN")
    assert bank_en.stdout == bank_zh.stdout


def test_machine_formats_keep_their_ids_in_chinese(review: Path) -> None:
    import json

    sarif = mlready(review, "check", "-f", "sarif", "--lang", "zh-CN")
    english = mlready(review, "check", "-f", "sarif")
    rules = [
        [rule["id"] for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]]
        for out in (sarif.stdout, english.stdout)
    ]
    assert rules[0] == rules[1]
    assert sarif.returncode == english.returncode
    levels = [
        [result["level"] for result in json.loads(out)["runs"][0]["results"]]
        for out in (sarif.stdout, english.stdout)
    ]
    assert levels[0] == levels[1]
    messages = [json.loads(sarif.stdout)["runs"][0]["results"][0]["message"]["text"]]
    assert "缺口（重要）：" in messages[0]  # what a person reads is Chinese

    import xml.etree.ElementTree as ET

    junit = [mlready(review, "check", "-f", "junit", *lang) for lang in ((), ("--lang", "zh-CN"))]
    cases = [
        [
            (case.get("classname"), case.get("name"), [child.tag for child in case])
            for case in ET.fromstring(run.stdout).iter("testcase")
        ]
        for run in junit
    ]
    assert cases[0] == cases[1]  # test names and outcomes: the same in every language
    failure = ET.fromstring(junit[1].stdout).find(".//failure")
    assert failure is not None and "缺口（重要）：" in str(failure.get("message"))
    assert failure.get("type") in ("blocker", "major", "minor")


def test_an_unknown_language_is_english_with_one_warning(review: Path) -> None:
    result = mlready(review, "check", "--lang", "fr")
    assert result.stderr.count("warning: --lang: mlready does not speak 'fr'") == 1
    assert "Level: production" in result.stdout
    german = mlready(review, "check", env={"LANG": "de_DE.UTF-8"})
    assert german.stderr == "" and "Level: production" in german.stdout


def test_errors_and_the_walk_messages_are_chinese(review: Path) -> None:
    result = mlready(review, "check", "--lang", "zh-CN", "--baseline", "missing.json")
    assert result.returncode == ExitCode.INVALID
    assert result.stderr.startswith("错误：")


def test_the_answers_stay_the_same_in_every_language_and_the_comments_follow_it(
    review: Path, tmp_path: Path
) -> None:
    import yaml

    english = tmp_path / "english"
    english.mkdir()
    (english / "mlready.yaml").write_bytes((review / "mlready.yaml").read_bytes())
    before = (review / "mlready.yaml").read_bytes()
    mlready(review, "report", "--lang", "zh-CN", "-o", "report.md")
    assert (review / "mlready.yaml").read_bytes() == before
    sign = ("sign", "--name", "李雷", "--role", "风险负责人", "--today", "2026-11-30")
    assert mlready(review, *sign, "--lang", "zh-CN").returncode == ExitCode.OK
    assert mlready(english, *sign).returncode == ExitCode.OK
    chinese_text = (review / "mlready.yaml").read_text(encoding="utf-8")
    english_text = (english / "mlready.yaml").read_text(encoding="utf-8")
    # The answers are data: ids and values, the same in every language; the comments are not.
    assert yaml.safe_load(chinese_text) == yaml.safe_load(english_text)
    assert "李雷" in chinese_text and "\\u" not in chinese_text  # typed as typed
    assert "# mlready 回答文件：" in chinese_text and "# mlready answers for" not in chinese_text
    assert "  # 以下之一：" in chinese_text and "  # one of:" not in chinese_text
    # Rewritten in English, the Chinese comments are known as mlready's own: none is kept as a
    # person's, and a person's comment is kept once.
    hand = chinese_text.replace("answers:\n", "answers:\n  # 李雷的备注\n", 1)
    (review / "mlready.yaml").write_text(hand, encoding="utf-8")
    again = ("sign", "--name", "韩梅梅", "--role", "ml-lead", "--today", "2026-11-30")
    assert mlready(review, *again).returncode == ExitCode.OK
    rewritten = (review / "mlready.yaml").read_text(encoding="utf-8")
    comments = [line.strip() for line in rewritten.splitlines() if line.strip().startswith("#")]
    assert comments.count("# 李雷的备注") == 1
    assert [line for line in comments if re.search(r"[\u4e00-\u9fff]", line)] == ["# 李雷的备注"]
    assert "# mlready answers for" in rewritten
    assert (
        mlready(review, "check", "--lang", "zh-CN").returncode
        == mlready(review, "check").returncode
    )


def test_bank_validate_names_stale_missing_and_unknown_entries(tmp_path: Path) -> None:
    from tests.helpers.small_bank import SMALL_BANK

    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    none = mlready(tmp_path, "bank", "validate", "--bank", "small.yaml", "--lang", "zh-CN")
    assert none.returncode == ExitCode.INVALID
    assert "small.zh-CN.yaml" in none.stderr
    (tmp_path / "small.zh-CN.yaml").write_text(
        "language: zh-CN\nquestions:\n  data.nope: {source: abc, prompt: 无}\n", encoding="utf-8"
    )
    bad = mlready(tmp_path, "bank", "validate", "--bank", "small.yaml", "--lang", "zh-CN")
    assert bad.returncode == ExitCode.INVALID
    assert "small.zh-CN.yaml:3:14: questions.data.nope：题库中没有“data.nope”" in bad.stderr
    builtin = mlready(tmp_path, "bank", "validate", "--lang", "zh-CN")
    assert builtin.returncode == ExitCode.OK, builtin.stderr
    # A Chinese name takes no ASCII colon; a path keeps its `: `.
    assert builtin.stdout.startswith("内置题库有效：default@"), builtin.stdout
    assert "内置题库的 zh-CN 译文完整且是最新的" in builtin.stdout
    assert "内置题库:" not in builtin.stdout
    # A bank without a current translation is still shown, in English, with one count.
    check = mlready(tmp_path, "bank", "show", "--bank", "small.yaml", "--lang", "zh-CN")
    assert check.returncode == ExitCode.OK
    assert check.stderr.count("以英文显示") == 1


def test_help_is_chinese_and_lists_lang_on_every_command(review: Path) -> None:
    from mlready.cli import COMMANDS

    wide = {"COLUMNS": "200"}
    for command in COMMANDS:  # in this process: the help is what is tested, not the process
        words = ["bank", "show"] if command == "bank" else [command]
        code, out, err = run(*words, "--help")
        assert (code, err) == (ExitCode.OK, ""), command
        assert "--lang" in out, command
    chinese = mlready(review, "check", "--lang", "zh-CN", "--help", env=wide)
    assert "题库（YAML）；默认取设置文件中的，否则用内置题库。" in chinese.stdout
    assert "使用的语言：en 或 zh-CN" in chinese.stdout
    # An on/off flag's default is the flag as typed, not its bare name; English keeps Click's.
    init = mlready(review, "init", "--lang", "zh-CN", "--help", env=wide)
    assert "（默认：--schema）" in init.stdout and "默认：schema" not in init.stdout
    assert "[default: schema]" in mlready(review, "init", "--help", env=wide).stdout


def test_the_portfolio_is_chinese_in_markdown_and_html(tmp_path: Path) -> None:
    for name in ("credit-risk-scorer", "support-assistant"):
        text = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    markdown = mlready(tmp_path, "portfolio", "*.yaml", "-o", "-", "--lang", "zh-CN")
    assert markdown.returncode == ExitCode.OK, markdown.stderr
    assert "# 就绪总览" in markdown.stdout
    assert "2 份评审，其中" in markdown.stdout
    assert "。 " not in markdown.stdout  # Chinese sentences follow each other without a space
    assert "| 模型 | 负责人 | 级别 | 得分 | 阻断项 | 逾期 | 过时 |" in markdown.stdout
    assert "| 可投产 |" in markdown.stdout or "| 试点 |" in markdown.stdout
    assert "未生成" in markdown.stdout  # no report rendered yet
    page = mlready(tmp_path, "portfolio", "*.yaml", "-o", "-", "-f", "html", "--lang", "zh-CN")
    assert page.returncode == ExitCode.OK, page.stderr
    assert '<html lang="zh-CN">' in page.stdout
    assert "<th>逾期行动项</th>" in page.stdout
    assert "<h1>就绪总览</h1>" in page.stdout
    english = mlready(tmp_path, "portfolio", "*.yaml", "-o", "-")
    assert "# Readiness portfolio" in english.stdout
    assert "| Model | Owner | Level | Score | Blockers | Overdue | Stale |" in english.stdout
