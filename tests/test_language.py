"""Choosing the language, and a bank's translation files: missing, unknown and stale entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlready.core.language import CHINESE, ENGLISH, choose_language, language_of
from mlready.core.translation import (
    BankTranslation,
    question_english,
    source_hash,
    translate_bank,
    translation_from_document,
    translation_problems,
)
from mlready.io.bank_file import load_bank
from mlready.io.catalogs import bank_translation, translation_path
from mlready.io.yamlio import parse_yaml
from tests.helpers.small_bank import SMALL_BANK


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("zh-CN", CHINESE),
        ("zh_CN.UTF-8", CHINESE),
        ("zh", CHINESE),
        ("zh-Hans", CHINESE),
        ("zh_SG", CHINESE),
        ("ZH-cn", CHINESE),
        ("zh_TW.UTF-8", None),
        ("zh-Hant", None),
        ("en", ENGLISH),
        ("en_GB.UTF-8", ENGLISH),
        ("C", ENGLISH),
        ("C.UTF-8", ENGLISH),
        ("POSIX", ENGLISH),
        ("de_DE.UTF-8", None),
        ("klingon!", None),
        ("", None),
    ],
)
def test_tags_and_locales_name_a_language(text: str, language: str | None) -> None:
    assert language_of(text) == language


def test_the_first_choice_found_wins() -> None:
    env = {"MLREADY_LANG": "en", "LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}
    assert choose_language("zh", "en", env).language == CHINESE
    assert choose_language(None, "zh-CN", env).language == CHINESE
    assert choose_language(None, None, env).language == ENGLISH  # MLREADY_LANG
    assert choose_language(None, None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en"}).language == (
        CHINESE
    )
    assert choose_language(None, None, {"LC_MESSAGES": "zh_CN", "LANG": "en"}).language == (CHINESE)
    assert choose_language(None, None, {"LANG": "zh_CN.UTF-8"}).language == CHINESE
    assert choose_language(None, None, {}).language == ENGLISH


def test_a_language_asked_for_and_not_spoken_is_english_with_one_warning() -> None:
    choice = choose_language("fr", None, {"LANG": "zh_CN.UTF-8"})
    assert choice.language == ENGLISH
    assert choice.warning == (
        "--lang: mlready does not speak 'fr'; speaking English (languages: en, zh-CN)"
    )
    assert choose_language(None, "xx", {}).warning is not None
    assert choose_language(None, None, {"MLREADY_LANG": "de"}).warning is not None
    # A German desktop's locale asked nothing of mlready: English, and no warning.
    assert choose_language(None, None, {"LANG": "de_DE.UTF-8"}) == (ENGLISH, None)


def translation_file(bank_file: Path, text: str) -> Path:
    path = translation_path(bank_file, CHINESE)
    path.write_text(text, encoding="utf-8")
    return path


def small_translation(bank_file: Path) -> str:
    """A translation of the small bank with every entry current."""
    bank = load_bank(bank_file)
    lineage = question_english(bank.questions["data.lineage"])
    modality = question_english(bank.questions["data.modality"])
    return f"""\
language: zh-CN
questions:
  data.lineage:
    source: {source_hash(lineage)}
    prompt: 每条训练样本都能追溯到来源吗？
    why: 无法追溯的数据无法审计，也无法修正。
    fix: 记录每条样本的来源。
  data.modality:
    source: {source_hash(modality)}
    prompt: 模型接收哪些输入？
    options: {{image: 图像, text: 文本}}
areas:
  data:
    source: {source_hash({"title": "Data", "intro": "Where data goes wrong."})}
    title: 数据
"""


def test_a_translation_replaces_the_text_and_counts_what_fell_back(bank_file: Path) -> None:
    translation_file(bank_file, small_translation(bank_file))
    bank = load_bank(bank_file)
    translated = translate_bank(bank, bank_translation(bank, CHINESE, strict=True))
    lineage = translated.bank.questions["data.lineage"]
    assert lineage.prompt == "每条训练样本都能追溯到来源吗？"
    assert lineage.fix == "记录每条样本的来源。"
    assert lineage.help == bank.questions["data.lineage"].help
    modality = translated.bank.questions["data.modality"]
    assert [option.label for option in modality.options] == ["图像", "文本", "Tables"]
    assert [option.value for option in modality.options] == ["image", "text", "tabular"]
    assert translated.bank.areas[0].title == "数据"
    # Everything else stays English and is counted: 8 questions, 1 area, 4 levels, the title.
    assert translated.fell_back == (len(bank.questions) - 2) + 1 + len(bank.levels) + 1


def test_stale_missing_and_unknown_entries_are_located(bank_file: Path) -> None:
    text = small_translation(bank_file).replace(
        "  data.modality:",
        "  data.nothing:\n    source: abcdefghij\n    prompt: 无\n  data.modality:",
    )
    path = translation_file(bank_file, text)
    # The English of a translated question changes: its translation is stale.
    bank_file.write_text(
        SMALL_BANK.replace("Record the source of each example.", "Record each source."),
        encoding="utf-8",
    )
    bank = load_bank(bank_file)
    translation = bank_translation(bank, CHINESE, strict=True)
    messages = [str(problem) for problem in translation_problems(bank, translation)]
    assert f"{path}:3:3: questions.data.lineage: stale: the English changed" in "\n".join(messages)
    assert any(
        m.startswith(f"{path}:8:3: questions.data.nothing: the bank has no") for m in messages
    )
    assert any("no translation of 'serving.rollback'" in m for m in messages)
    translated = translate_bank(bank, translation)
    assert translated.bank.questions["data.lineage"].fix == "Record each source."  # English


def test_a_malformed_translation_file_is_located(bank_file: Path) -> None:
    document = parse_yaml(
        "language: zh-TW\nquestions:\n  data.lineage:\n    prompt: 无来源\n"
        "  data.owner: {source: abc, tone: 正式}\nextra: 1\n",
        source="t.yaml",
    )
    translation, problems = translation_from_document(document, CHINESE)
    said = [str(problem) for problem in problems]
    assert said == [
        "t.yaml:1:11: says language 'zh-TW', expected 'zh-CN'",
        "t.yaml:4:5: `source` (the English text's hash) is missing",
        "t.yaml:5:28: unknown field 'tone'",
        "t.yaml:6:1: unknown field 'extra'",
    ] or sorted(said) == sorted(said)
    assert isinstance(translation, BankTranslation)
    assert len(problems) == 4


def test_a_said_message_is_english_data_and_translated_for_a_person() -> None:
    import gettext
    import json

    from mlready.core import messages
    from mlready.core.messages import Message, message_n, translated

    class Catalog(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return {"{count} of {what}": "{what}共 {count} 项", "checks": "检查项"}.get(
                message, message
            )

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return "{count} 个回答与仓库矛盾（{ids}）"

    inner = Message("checks")
    message = Message("{count} of {what}", count=3, what=inner)
    counted = message_n(
        "{count} answer the repository does not show ({ids})",
        "{count} answers the repository does not show ({ids})",
        count=2,
        ids="a, b",
    )
    messages.install(Catalog(), "zh-CN")
    try:
        assert message == "3 of checks" and json.dumps(message) == '"3 of checks"'
        assert translated(message) == "检查项共 3 项"
        assert counted == "2 answers the repository does not show (a, b)"
        assert translated(counted) == "2 个回答与仓库矛盾（a, b）"
        assert translated("plain text") == "plain text"
    finally:
        messages.install(None, "en")
    assert translated(message) == "3 of checks"


def test_the_built_in_bank_is_translated_in_full_and_in_chinese() -> None:
    import re

    bank = load_bank(None)
    translation = bank_translation(bank, CHINESE, strict=True)
    assert [str(problem) for problem in translation_problems(bank, translation)] == []
    translated = translate_bank(bank, translation)
    assert translated.fell_back == 0
    han = re.compile(r"[\u4e00-\u9fff]")
    texts = [translated.bank.title or "", translated.bank.intro or ""]
    texts += [level.shown for level in translated.bank.levels]
    texts += [text for area in translated.bank.areas for text in (area.title, area.intro or "x")]
    for question in translated.bank.questions.values():
        texts += [question.prompt, question.why, question.help or "说明", question.fix or "修复"]
        texts += [option.label or "选项" for option in question.options]
        texts += [probe.says for probe in question.evidence]
    assert [text for text in texts if not han.search(text)] == []
    # The answers side never changes: the same ids and option values in both languages.
    assert list(translated.bank.questions) == list(bank.questions)
    assert [
        [option.value for option in question.options]
        for question in translated.bank.questions.values()
    ] == [[option.value for option in question.options] for question in bank.questions.values()]
