"""A bank's translation names its levels on one line, as the bank does: every summary prints
the level inline, and a GitHub summary on a line of its own."""

from __future__ import annotations

from pathlib import Path

import yaml

from mlready.core.errors import ExitCode
from mlready.core.model import Level
from mlready.core.translation import level_english, source_hash
from tests.helpers.commands import mlready, run
from tests.helpers.languages import speaking

BANK = """\
bank: tiers
version: 1
title: Tiers
levels:
  - {name: gold, min: 80, means: Every customer}
  - {name: silver, min: 50}
  - {name: bronze, min: 0}
areas:
  - id: a
    title: A
    questions:
      - {id: a.one, prompt: One?, why: W., fix: F.}
      - {id: a.two, prompt: Two?, why: W., fix: F., severity: blocker}
      - {id: a.three, prompt: Three?, why: W., fix: F.}
      - {id: a.four, prompt: Four?, why: W., fix: F.}
      - {id: a.five, prompt: Five?, why: W., fix: F.}
"""
ANSWERS = """\
mlready: 1
bank: tiers@1
answers:
  a.one: no
  a.two: partial
  a.three: yes
  a.four: yes
  a.five: yes
"""
GOLD = source_hash(level_english(Level(name="gold", min=80, means="Every customer")))


def translated(tmp_path: Path, gold: dict[str, str]) -> tuple[Path, Path]:
    """The bank, its Chinese translation naming gold as `gold` says, and answers to it."""
    bank = tmp_path / "tiers.yaml"
    bank.write_text(BANK, encoding="utf-8")
    translation = {"language": "zh-CN", "levels": {"gold": {"source": GOLD, **gold}}}
    (tmp_path / "tiers.zh-CN.yaml").write_text(
        yaml.safe_dump(translation, allow_unicode=True), encoding="utf-8"
    )
    answers = tmp_path / "mlready.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    return bank, answers


def test_a_title_of_several_lines_is_not_printed_and_is_reported_at_its_line(
    tmp_path: Path,
) -> None:
    bank, answers = translated(tmp_path, {"title": "金\n::error file=x,line=1::injected\x1b[31m"})
    with speaking("zh-CN"):
        code, out, err = run("check", answers, "--bank", bank, "--no-scan", "-f", "github")
    assert code == ExitCode.GATE_FAILED, err
    assert "injected" not in out and "\x1b" not in out
    assert "级别 gold（有条件：2 个附带条件无人负责）" in out
    validated = mlready(tmp_path, "bank", "validate", "--bank", bank, "--lang", "zh-CN")
    assert validated.returncode == ExitCode.INVALID
    assert "tiers.zh-CN.yaml:5:12: 应为 不含控制字符的单行文本" in validated.stderr


def test_a_level_translated_without_a_title_keeps_its_name(tmp_path: Path) -> None:
    # Only what the level allows is translated: the name stands, no KeyError.
    bank, answers = translated(tmp_path, {"means": "所有客户"})
    with speaking("zh-CN"):
        code, out, err = run("check", answers, "--bank", bank, "--no-scan")
    assert code == ExitCode.GATE_FAILED, err
    assert "级别：gold（有条件：2 个附带条件无人负责）" in out and "所有客户" in out
    assert "Traceback" not in err
