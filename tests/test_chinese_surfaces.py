"""The surfaces a person reads in CI and at the command line, under `--lang zh-CN`: the
Markdown summary of `check` (a pull-request comment, a job summary) and `bank show`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import mlready

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    """A review that fails its gate: a blocker partly done, so that every part is shown."""
    text = (EXAMPLES / "on-device-vision.yaml").read_text(encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _words(text: str) -> str:
    """What a person reads: without ids, code and the bank's ref."""
    return re.sub(r"`[^`]*`|<!--.*?-->|\b[a-z]+(?:[._-][a-z0-9]+)+\b", "", text)


def test_the_markdown_summary_is_chinese_and_decides_as_in_english(failing: Path) -> None:
    english = mlready(failing, "check", "--no-scan", "-f", "markdown")
    chinese = mlready(failing, "check", "--no-scan", "-f", "markdown", "--lang", "zh-CN")
    assert english.returncode == chinese.returncode == ExitCode.GATE_FAILED
    assert "**Why it failed:**" in english.stdout and "❌ failed" in english.stdout
    out = chinese.stdout
    for said in (
        "❌ 未通过",
        "**级别：** 可投产",
        "| 板块 | 得分 | 已回答 | 缺口 |",
        "**未通过的原因：**",
    ):
        assert said in out, said
    # A bold label ending in a full-width colon closes only before a space (CommonMark's
    # flanking rule): without it the reader sees the asterisks.
    from markdown_it import MarkdownIt

    shown = MarkdownIt().render(out)
    assert "<strong>级别：</strong>" in shown and "**" not in shown
    assert re.search(r"\*\*优先处理的缺口\*\*（\d+ 个中的 \d+ 个）：", out)
    assert re.search(r"^- (阻断级|重要|次要)：`", out, flags=re.MULTILINE)
    english_words = r"\b(Level|Score|Mean|Bank|Area|Answered|Gaps|Top gaps|Why it failed|failed|"
    english_words += r"passed|blocker|major|minor|Waived|Overdue|Sign-off)\b"
    assert not re.search(english_words, _words(out)), out
    # The same rows, the same ids: only the words change.
    ids = re.compile(r"`([a-z_]+\.[a-z_]+)`")
    assert ids.findall(out) == ids.findall(english.stdout)


def test_bank_show_says_its_header_kinds_and_conditions_in_chinese(tmp_path: Path) -> None:
    english = mlready(tmp_path, "bank", "show")
    chinese = mlready(tmp_path, "bank", "show", "--lang", "zh-CN")
    assert english.returncode == chinese.returncode == ExitCode.OK
    assert re.search(r": \d+ questions\n", english.stdout)
    assert re.search(r"（default@\d+）：\d+ 个问题\n", chinese.stdout)
    assert "[when profile.personal_data in pseudonymous, personal, sensitive]" in english.stdout
    lawful = next(line for line in chinese.stdout.splitlines() if "data.lawful_basis " in line)
    assert " 阻断级 " in lawful
    # The condition names the question by its id and its values (data, short where a label
    # can be a sentence); several are joined with 且, in one note.
    processors = next(line for line in chinese.stdout.splitlines() if "data.processors " in line)
    only = "（仅当 profile.personal_data 为“pseudonymous”、“personal”或“sensitive”时）"
    assert only in processors
    assert "，且 profile.personal_data 为“" in lawful and lawful.count("仅当") == 1
    on_device = next(line for line in chinese.stdout.splitlines() if "data.on_device_data " in line)
    assert "，且 profile.personal_data 为“" in on_device and on_device.count("仅当") == 1
    # Severity rules and caps are said in Chinese too.
    assert "（profile.personal_data 为“sensitive”时：阻断级）" in on_device
    assert "（级别上限：原型）" in chinese.stdout and "（级别上限：试点）" in chinese.stdout
    kinds = {line.split()[1] for line in chinese.stdout.splitlines() if line.startswith("  ")}
    assert kinds == {"阻断级", "重要", "次要", "单选", "多选", "文本"}
    assert not re.search(r"\[when |\[caps |\[\w+ when |\bquestions\b", chinese.stdout)
    # Every line of the English has its line in Chinese, with the same id first.
    first = [line.split()[0] for line in english.stdout.splitlines() if line.startswith("  ")]
    assert first == [
        line.split()[0] for line in chinese.stdout.splitlines() if line.startswith("  ")
    ]


def test_upcoming_duties_and_level_names_in_a_failed_gate_are_said_in_chinese(
    tmp_path: Path,
) -> None:
    # A credit scorer with the EU's high-risk duties still upcoming, gated at production.
    answers = ROOT / "tests" / "calibration" / "10-pos-credit-scoring" / "answers.yaml"
    said = mlready(
        tmp_path,
        "check",
        str(answers),
        "--no-scan",
        "--today",
        "2026-12-07",
        "--fail-under",
        "production",
        "--lang",
        "zh-CN",
    ).stdout
    upcoming = said.split("即将生效的义务")[1].split("\n\n")[0]
    assert "training.registration：自 2027-12-02 起适用：" in upcoming
    assert "Is the high-risk system registered" not in upcoming  # its prompt, in Chinese
    assert "级别“试点”低于“可投产”" in said
    # The report says the gate of the settings, in the same words.
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mlready]\nfail-under = "production"\n', encoding="utf-8"
    )
    (tmp_path / "mlready.yaml").write_text(answers.read_text(encoding="utf-8"), encoding="utf-8")
    report = mlready(
        tmp_path, "report", "--no-scan", "--today", "2026-12-07", "--lang", "zh-CN", "-o", "-"
    ).stdout
    assert "级别“试点”低于“可投产”" in report and "level pilot" not in report


def test_bank_show_says_every_cap_a_rule_or_an_option_names(tmp_path: Path) -> None:
    # What gates is read off the listing: a severity rule's cap and an option's cap too.
    english = mlready(tmp_path, "bank", "show").stdout
    chinese = mlready(tmp_path, "bank", "show", "--lang", "zh-CN").stdout
    filters = next(line for line in english.splitlines() if "serving.content_filters " in line)
    assert "[major when serving.conversation in open, caps pilot]" in filters
    rights = next(line for line in english.splitlines() if "data.usage_rights " in line)
    assert "[partial caps pilot]" in rights
    filters = next(line for line in chinese.splitlines() if "serving.content_filters " in line)
    assert "级别上限：试点）" in filters
    rights = next(line for line in chinese.splitlines() if "data.usage_rights " in line)
    assert "（选“partial”时级别上限：试点）" in rights
