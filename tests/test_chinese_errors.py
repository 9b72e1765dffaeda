"""What mlready says when an input is wrong, in Simplified Chinese: each kind of bad input gives
an error line in Chinese that keeps its place (`file:line:column:`) and exit code 2, while the
English stays as it was. Commands run through Typer's runner in this process (as `speak` sets
them up for `--lang zh-CN`); one real process checks that `--lang` reaches usage errors and help.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from mlready.core.model import Bank
from tests.helpers.commands import mlready, run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese() -> Iterator[None]:
    """mlready speaks Simplified Chinese inside the test, English again after."""
    from mlready.cli import typer_seam
    from mlready.io.catalogs import use_language

    use_language("zh-CN")
    typer_seam.translate_typer_words()
    try:
        yield
    finally:
        use_language("en")


@pytest.fixture
def review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # where the settings file is looked for
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    return tmp_path


def _bad_bank(folder: Path) -> list[str]:
    text = SMALL_BANK.replace("severity: blocker", "severity: critical")
    (folder / "bad.yaml").write_text(text, encoding="utf-8")
    return ["check", str(folder / "a.yaml"), "--bank", str(folder / "bad.yaml")]


def _bad_answers(folder: Path) -> list[str]:
    text = BEST_ANSWERS.replace("data.owner: data-team", "data.ownr: data-team")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    return ["check", str(folder / "a.yaml"), "--bank", str(folder / "small.yaml")]


def _bad_settings(folder: Path) -> list[str]:
    (folder / ".mlready.toml").write_text("max-age = -1\n", encoding="utf-8")
    return ["check", str(folder / "a.yaml"), "--bank", str(folder / "small.yaml")]


def _bad_layer(folder: Path) -> list[str]:
    layer = (
        "extends: small.yaml\nbank: team\nversion: 1\noverride:\n  data.nope: {severity: major}\n"
    )
    (folder / "team.yaml").write_text(layer, encoding="utf-8")
    return ["bank", "validate", "--bank", str(folder / "team.yaml")]


def _bad_translation(folder: Path) -> list[str]:
    (folder / "small.zh-CN.yaml").write_text(
        "language: zh-CN\nquestions:\n  data.nope: {source: abc, prompt: 无}\n", encoding="utf-8"
    )
    return ["bank", "validate", "--bank", str(folder / "small.yaml"), "--lang", "zh-CN"]


def _unknown_option(folder: Path) -> list[str]:
    return ["check", str(folder / "a.yaml"), "--bank", str(folder / "small.yaml"), "--bgus"]


def _bad_option_value(folder: Path) -> list[str]:
    return ["check", str(folder / "a.yaml"), "--max-age", "soon"]


def _output_refused(folder: Path) -> list[str]:
    (folder / "notes.md").write_text("# My notes\n", encoding="utf-8")
    bank = str(folder / "small.yaml")
    return ["report", str(folder / "a.yaml"), "--bank", bank, "-o", str(folder / "notes.md")]


# Each case: how to make the bad input, where the error line says it is (a regular expression
# after `error: `), and its English words.
CASES: list[tuple[Callable[[Path], list[str]], str, str]] = [
    (
        _bad_bank,
        r"\S*bad\.yaml:\d+:\d+: ",
        "severity must be one of blocker, major or minor (got 'critical')",
    ),
    (
        _bad_answers,
        r"\S*a\.yaml:\d+:\d+: ",
        "unknown question 'data.ownr'; did you mean 'data.owner'?",
    ),
    (_bad_settings, r"\S*\.mlready\.toml: ", "max-age must be at least 0 (got -1)"),
    (
        _bad_layer,
        r"\S*team\.yaml:\d+:\d+: ",
        "cannot override 'data.nope': small@1 has no such question",
    ),
    (
        _bad_translation,
        r"\S*small\.zh-CN\.yaml:\d+:\d+: ",
        "questions.data.nope: the bank has no 'data.nope'",
    ),
    (_unknown_option, "", "no such option: --bgus (see `mlready check --help`)"),
    (_bad_option_value, "--max-age: ", "must be a whole number (see `mlready check --help`)"),
    (
        _output_refused,
        r"\S*notes\.md: ",
        "exists and was not written by mlready; use --force to overwrite it",
    ),
]
IDS = [
    "bank",
    "answers",
    "settings",
    "layered bank",
    "translation",
    "unknown option",
    "option value",
    "output refused",
]


@pytest.mark.parametrize(("make", "place", "english"), CASES, ids=IDS)
def test_a_bad_input_is_said_in_chinese_where_it_is(
    review: Path,
    make: Callable[[Path], list[str]],
    place: str,
    english: str,
    request: pytest.FixtureRequest,
) -> None:
    args = make(review)
    # A translation is checked only in another language: it has no English run.
    if "--lang" not in args:
        code, _, err = run(*args)
        assert code == ExitCode.INVALID
        assert re.search(f"^error: {place}{re.escape(english)}$", err, re.MULTILINE), err
    request.getfixturevalue("chinese")
    code, _, err = run(*args)
    assert code == ExitCode.INVALID
    line = next(line for line in err.splitlines() if re.match(f"错误：{place}", line))
    said = line.removeprefix("错误：")
    assert HAN.search(re.sub(f"^{place}", "", said)), line
    assert "error:" not in err and english not in err


def test_the_english_of_a_message_is_its_value_in_every_language(chinese: None) -> None:
    # Problems are records: what JSON and comparisons see stays English; a person reads Chinese.
    from mlready.core.errors import InputError, Place
    from mlready.core.validation import convert

    with pytest.raises(InputError) as raised:
        convert(dict[str, int], {"a": "x"}, lambda loc: Place("f"))
    problem = raised.value.problems[0]
    assert problem.message == "a must be a whole number (got 'x')"
    assert str(problem) == "f: a 必须是整数（实际为 'x'）"


def test_usage_errors_and_help_are_chinese_in_a_real_run(review: Path) -> None:
    env = {"COLUMNS": "200"}
    usage = mlready(review, "check", "--lang", "zh-CN", "-f", "bogus", env=env)
    assert usage.returncode == ExitCode.INVALID
    assert usage.stderr.startswith("错误：--format: “bogus”不是“text”、“json”、")
    assert usage.stderr.rstrip().endswith("之一（参见 `python -m mlready check --help`）")
    root = mlready(review, "--lang", "zh-CN", "--help", env=env)
    check = mlready(review, "check", "--lang", "zh-CN", "--help", env=env)
    for shown in (root.stdout, check.stdout):
        assert "用法：" in shown and "选项" in shown and "显示本帮助并退出。" in shown
        words = re.sub(r"\[[A-Z]+\]|[A-Z]{2,}|<[^>]*>|--?[a-z-]+|`[^`]*`", "", shown)
        assert not re.search(r"\b(Usage|Options|Arguments|Commands|Show|default)\b", words)
    assert "机器学习系统的生产就绪评审。" in root.stdout
    assert "校验回答文件并打分；系统未就绪时以 1 退出。" in root.stdout
    assert "校验回答文件并打分" in check.stdout and "默认：text" in check.stdout


def test_what_changed_and_the_history_are_said_in_chinese(
    review: Path, chinese: None, small_bank: Bank
) -> None:
    from mlready.core.history import History
    from mlready.render.history import history_text

    later = BEST_ANSWERS.replace("serving.rollback: yes", "serving.rollback: no")
    (review / "b.yaml").write_text(later, encoding="utf-8")
    code, out, _ = run(
        "diff", review / "a.yaml", review / "b.yaml", "--bank", review / "small.yaml"
    )
    assert code == ExitCode.OK
    assert "级别：production → " in out and "新增的缺口（1）" in out and "变更的回答（1）" in out
    assert "Level:" not in out and "Answers changed" not in out
    empty = history_text(History(source="a.yaml", bank=small_bank, revisions=()))
    assert "a.yaml: 0 个版本，评分依据：Small bank（small@1）" in empty
    assert empty.rstrip().endswith("没有提交改动过这个文件。")


# Bad inputs as the hostile-input tests make them, each said once more under Chinese: the
# file's text, then the arguments after `mlready` (the answers file is a.yaml, the bank
# small.yaml). What may stay English: ids, values and paths (quoted or in code), and what
# another program says in its own words (git, Python's JSON reader, Jinja's sandbox).
SAMPLED: list[tuple[str, str, tuple[str, ...]]] = [
    ("tab", "answers:\n\tdata.owner: x\n", ("check", "bad.yaml")),
    ("mapping value", "answers: data.owner: x\n", ("check", "bad.yaml")),
    ("flow sequence", "answers: [1, 2\n", ("check", "bad.yaml")),
    ("block collection", "answers:\n  - b\n  c: d\n", ("check", "bad.yaml")),
    ("quoted scalar", "answers: 'x\n", ("check", "bad.yaml")),
    ("not UTF-8", "answers: \udcff\n", ("check", "bad.yaml")),
    ("empty", "\n", ("check", "bad.yaml")),
    ("comments only", "# nothing\n", ("check", "bad.yaml")),
    ("not a mapping", "- a\n- b\n", ("check", "bad.yaml")),
    ("duplicate key", "mlready: 1\nmlready: 1\n", ("check", "bad.yaml")),
    ("newer format", "mlready: 99\nbank: small@1\nanswers: {}\n", ("check", "bad.yaml")),
    ("no such file", "", ("check", "missing.yaml")),
    ("a folder", "", ("check", ".")),
    ("fail-under", "", ("check", "a.yaml", "--fail-under", "excellent")),
    ("fail-under range", "", ("check", "a.yaml", "--fail-under", "120")),
    ("today", "", ("check", "a.yaml", "--today", "yesterday")),
    ("format", "", ("check", "a.yaml", "--format", "pdf")),
    ("baseline", "", ("check", "a.yaml", "--baseline", "missing.json")),
    ("bad baseline", "{'a': 1}\n", ("check", "a.yaml", "--baseline", "bad.yaml")),
    ("JSON baseline", "{a: 1}\n", ("check", "a.yaml", "--baseline", "bad.json")),
    ("JSON escape", '"\\q"\n', ("check", "a.yaml", "--baseline", "bad.json")),
    ("signer", "", ("sign", "a.yaml", "--name", "", "--role", "ml-lead")),
    ("init over a file", "", ("init", "a.yaml")),
]


@pytest.mark.parametrize(("text", "args"), [c[1:] for c in SAMPLED], ids=[c[0] for c in SAMPLED])
def test_every_sampled_bad_input_is_said_in_chinese(
    review: Path, text: str, args: tuple[str, ...], request: pytest.FixtureRequest
) -> None:
    if text:  # the same text as YAML and as JSON
        for name in ("bad.yaml", "bad.json"):
            (review / name).write_bytes(text.encode("utf-8", errors="surrogateescape"))
    bank = ("--bank", str(review / "small.yaml")) if args[0] in ("check", "sign", "init") else ()
    english = run(*args, *bank)
    request.getfixturevalue("chinese")
    code, _, err = run(*args, *bank)
    assert code == english[0] == ExitCode.INVALID, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), err
    # Quoted values, code, paths and file:line:column places are data; the rest is words.
    words = re.sub(r"`[^`]*`|'[^']*'|“[^”]*”|\S*[/.]\S*|\b[a-z]+(?:[-_][a-z]+)+\b", "", lines[0])
    assert HAN.search(words), err
    assert not re.search(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}", words), err


def test_click_s_quoted_names_are_quoted_and_listed_the_chinese_way(review: Path) -> None:
    # Click writes 'chek' and 'check', 'schema'; in a Chinese sentence they are “…” joined with
    # 或 (a suggestion) or 、 (a list of choices), and English keeps Click's own.
    chinese = mlready(review, "--lang", "zh-CN", "chek")
    english = mlready(review, "chek")
    assert chinese.returncode == english.returncode == ExitCode.INVALID
    assert "没有命令“chek”。是不是想用“check”或“schema”？" in chinese.stderr
    assert "'" not in chinese.stderr
    # No space between a Chinese word and a full-width quote.
    missing = mlready(review, "--lang", "zh-CN", "diff", "a.yaml")
    assert "缺少参数“NEW”" in missing.stderr, missing.stderr
    assert "No such command 'chek'" in english.stderr or "no such command 'chek'" in english.stderr


def test_counts_and_chart_texts_follow_chinese_order_and_punctuation(
    chinese: None, small_bank: Bank, parse_answers: Callable[[str], object]
) -> None:
    from mlready.core.evidence import CheckEvidence
    from mlready.core.scoring import score
    from mlready.core.vocabulary import EvidenceState
    from mlready.render.charts import area_bars
    from mlready.render.scorecard_view import evidence_line

    judged = {
        "a": CheckEvidence(EvidenceState.EVIDENCED),
        "b": CheckEvidence(EvidenceState.CLAIMED),
        "c": CheckEvidence(EvidenceState.CLAIMED),
    }
    # The word before its count, as a Chinese list says it.
    assert evidence_line(judged) == "证据：有证据 1 · 未见证据 0 · 仅声明 2"
    card = score(small_bank, parse_answers(BEST_ANSWERS))  # type: ignore[arg-type]
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", area_bars(card))
    assert desc and "Data：" in desc.group(1) and ": " not in desc.group(1), desc
