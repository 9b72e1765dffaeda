"""One Chinese term per concept, in the catalog, the bank's translation and README.zh-CN.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po

from mlready.core.errors import ExitCode
from tests.helpers.commands import mlready

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "mlready" / "locale" / "zh_CN" / "LC_MESSAGES" / "mlready.po"
BANK_TRANSLATION = ROOT / "checklists" / "default.zh-CN.yaml"
README_ZH = ROOT / "README.zh-CN.md"
EXAMPLES = ROOT / "examples"

# The glossary (mlready/locale/README.md says why): each concept, its one term, and the
# variants that must never say it. "部分" stays for "partial" (an answer's grade) and for "some
# of": only its uses as "area" are variants. "过期" is kept for a waiver that has expired;
# an action past its date is overdue (逾期), a review or a translation out of date is stale (过时).
# "等级" stays for a risk tier (风险等级) and a grading scale (评分等级), never for mlready's level;
# "回滚" is a rollback, so a regression is 退化 (回退 reads as a rollback); 画像 is profiling
# (GDPR), so the system profile is 系统概况; 评审 is the tool's review, so an LLM judge is 裁判模型.
GLOSSARY: dict[str, tuple[str, tuple[str, ...]]] = {
    "personal data": (
        "个人信息",
        ("个人数据", "隐私数据", "涉及个人的", "涉及个人？", "涉及个人，"),
    ),
    "area": (
        "板块",
        ("各部分", "每个部分", "本部分", "这个部分", "个部分", "部分 id", "最弱部分", "按部分"),
    ),
    "weakest area": ("最薄弱板块", ("最弱板块", "最薄弱的板块")),
    "gap": ("缺口", ("差距",)),
    "regression": ("退化", ("回退", "回归问题", "退步")),
    "note": ("备注", ("注意：",)),
    "production": ("可投产", ("可上线生产",)),
    "blocker": (
        "阻断项",
        ("阻断缺口", "阻断差距", "阻断（", "阻断或", "{severity}缺口", "阻断项缺口"),
    ),
    "retention": ("保存期限", ("保留期限",)),
    "Annex XII": ("附件十二", ("附件十一I", "附件 XII")),
    "AI system": ("人工智能系统", ("AI 系统",)),
    "load test": ("负载测试", ("压测",)),
    "training-serving skew": ("训练与推理不一致", ("训练/推理偏差",)),
    "notebook": ("notebook", ("笔记本",)),
    "overdue": ("逾期", ("过期行动", "过期的行动")),
    "level": ("级别", ("就绪等级", "等级 {level}", "显示等级", "自定义等级", "级别为何不更高")),
    "level cap": ("级别最高只能到", ("级别因此最高为",)),
    "owned plan": ("指定负责人", ("有负责人计划", "没有负责人计划")),
    "readiness review": ("就绪评审", ("就绪度评审",)),
    "open gap": ("未关闭", ("未解决",)),
    "action owner": ("行动项负责人", ("行动负责人",)),
    "fallback": ("降级方案", ("兜底方案",)),
    "post-market monitoring": ("上市后监测", ("上市后监督",)),
    "EU AI Act": ("欧盟《人工智能法案》", ("欧盟《人工智能法》", "《欧盟人工智能法案》")),
    "annex": ("附件四", ("附件 I",)),
    "datasheet": ("数据集说明书", ("数据说明书",)),
    "git revision": ("版本", ("个修订", "每个修订", "git 修订")),
    "answers digest": ("回答哈希", ("回答摘要", "哈希摘要")),
    "mean": ("平均分", ("平均：", "**平均：**")),
    "system profile": ("系统概况", ("系统画像",)),
    "serving": ("推理时", ("服务时", "训练与服务")),
    "LLM judge": ("裁判模型", ("评审模型", "LLM 评审")),
    "conformal prediction": ("共形预测", ("保形预测",)),
    "executive summary": ("评审结论", ("执行摘要",)),
    "out-of-scope use": ("超出范围的用途", ("不适用的用途",)),
    "bias (model card)": ("偏见、风险与局限性", ("偏差、风险与局限",)),
    "suggestions": ("联想词", ("模型向用户推荐的词语", "绝不可推荐")),
    "default (help)": ("（默认：", ("\uff3b默认", "\uff3b必填", "[默认：")),  # not in [ ]
    # A level's lowest score is a threshold; a pipeline's check that stops a model is a gate.
    "threshold": ("阈值", ("门槛",)),
    # A folder is 目录 as a CLI says it; a shared office folder (共享文件夹) stays.
    "folder": ("目录", ("结果文件夹", "所在的文件夹", "文件夹名", "分隔文件夹", "prompts 文件夹")),
    "contradicted": ("矛盾", ("反驳",)),
    "fleet (--repos)": ("仓库群", ("多仓库总览",)),
    "got (a wrong value)": ("实际为", ("（得到",)),
    "score (mlready's)": ("得分", ("分数从", "分数 {score}")),
    "Enter": ("回车", ("按 Enter",)),
}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@cache  # read once for the module's many cases; read-only
def _catalog() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(msgid, its translations) of every message of the Chinese catalog."""
    with CATALOG.open("rb") as file:
        messages = read_po(file)
    found = []
    for message in messages:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        said = message.string if isinstance(message.string, tuple) else (message.string,)
        found.append((msgid, tuple(said)))
    return tuple(found)


@cache  # read once for the module's many cases; read-only
def _sources() -> tuple[tuple[str, tuple[str, ...]], ...]:
    bank = yaml.safe_load(BANK_TRANSLATION.read_text(encoding="utf-8"))
    return (
        ("catalog", tuple(text for _, said in _catalog() for text in said)),
        ("bank translation", tuple(_texts(bank))),
        ("README.zh-CN.md", tuple(README_ZH.read_text(encoding="utf-8").splitlines())),
    )


@pytest.mark.parametrize("concept", GLOSSARY)
def test_a_concept_is_never_said_with_a_variant(concept: str) -> None:
    term, variants = GLOSSARY[concept]
    for source, texts in _sources():
        wrong = [text for text in texts for variant in variants if variant in text]
        assert not wrong, f"{concept} is {term} in {source}: {wrong[:3]}"


# A message whose English names a concept says its term (English patterns, the term, and the
# messages that use the word otherwise: "blocker" as a setting's value is a value).
SAID_WITH_TERM = [
    (
        r"\barea",
        "板块",
        {
            "{area} {position}/{count} · {overall}/{total} overall",
            # Counted by "{count} area", which says the term.
            "built-in bank: valid: {ref}, {areas}, {questions}",
            "{source}: valid: {ref}, {areas}, {questions}",
        },
    ),
    (r"\bgaps?\b", "缺口", set()),
    (r"overdue", "逾期", {" (**{overdue}**)"}),  # brackets around the word said elsewhere
    (r"\bstale\b", "过时", set()),
    (r"regress", "退化", set()),
    (r"personal data", "个人信息", set()),
    (r"^Why: \{why\}|Why it matters", "为何重要", set()),
    (r"system profile", "系统概况", set()),
    (r"action owner", "行动项负责人", set()),
    (r"\bopen gaps?\b|\bnone open\b|is open", "未关闭", set()),
    (r"digest", "哈希", set()),
    (r"^Mean$|\*\*Mean:\*\*|Mean: \{mean", "平均分", set()),
]


def test_chinese_sentences_quote_with_chinese_marks() -> None:
    # Click's 'a', 'b' and ASCII quotes inside a Chinese sentence read as code; Chinese quotes
    # with “…” and lists with 、. A quote beside Chinese text (or a list of quoted words) fails.
    mixed = re.compile(r"[\u4e00-\u9fff，。：；（）]\s?'|'\s?[\u4e00-\u9fff，。：；（）]|', '")
    wrong = [text for _, said in _catalog() for text in said if mixed.search(text)]
    assert not wrong


@pytest.mark.parametrize(("english", "term", "exceptions"), SAID_WITH_TERM)
def test_the_catalog_says_each_concept_with_its_term(
    english: str, term: str, exceptions: set[str]
) -> None:
    wrong = [
        (msgid, said)
        for msgid, said in _catalog()
        if re.search(english, msgid, flags=re.IGNORECASE)
        and msgid not in exceptions
        and not all(term in text for text in said)
    ]
    assert not wrong


def test_stale_and_overdue_never_say_expired() -> None:
    wrong = [
        (msgid, said)
        for msgid, said in _catalog()
        if re.search(r"\bstale\b|overdue", msgid, flags=re.IGNORECASE)
        and any("过期" in text for text in said)
    ]
    assert not wrong


def test_the_levels_and_severities_have_the_glossary_s_titles() -> None:
    bank = yaml.safe_load(BANK_TRANSLATION.read_text(encoding="utf-8"))
    titles = {name: entry["title"] for name, entry in bank["levels"].items()}
    assert titles == {
        "production": "可投产",
        "pilot": "试点",
        "prototype": "原型",
        "not ready": "未就绪",
    }
    words = dict(_catalog())
    assert (words["blocker"], words["major"], words["minor"]) == (("阻断级",), ("重要",), ("次要",))
    assert words["evidenced"] == ("有证据",) or "证据" in words["evidenced"][0]


@pytest.fixture
def review(tmp_path: Path) -> Path:
    text = (EXAMPLES / "credit-risk-scorer.yaml").read_text(encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--lang", "zh-CN", "--fail-under", "试点"), ExitCode.OK),
        (("--lang", "zh-CN", "--fail-under", "pilot"), ExitCode.OK),
        # The credit scorer is at production (92): above it nothing passes.
        (("--lang", "zh-CN", "--fail-under", "95"), ExitCode.GATE_FAILED),
        # A level's title is a name in its own language only.
        (("--fail-under", "试点"), ExitCode.INVALID),
        (("--lang", "zh-CN", "--fail-under", "试 点"), ExitCode.INVALID),
    ],
)
def test_fail_under_takes_a_level_s_title_in_the_language_spoken(
    review: Path, args: tuple[str, ...], code: ExitCode
) -> None:
    result = mlready(review, "check", "--no-scan", *args)
    assert result.returncode == code, result.stderr
    if code == ExitCode.INVALID:
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
