"""The tool's level beside the two reviewers' on the calibration set, as a Markdown table with
how many systems agree with each: `python -m tests.calibration.agreement`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import yaml

import mlready.api as mlready

HERE = Path(__file__).resolve().parent
# The date the answers were written for: obligations are judged as of then.
TODAY = dt.date(2026, 12, 7)


class Agreement(NamedTuple):
    """One system: each reviewer's levels and the tool's, for its answers and its serious gaps."""

    system: str
    expert: str
    accepted: tuple[str, ...]  # the first reviewer's level, or the two it hesitated between
    tool: str
    score: float | None
    expert_serious: str
    tool_serious: str
    # The second reviewer's, who judged the answers as they are now (with the checks added to
    # the bank after the first reviewer wrote), before seeing any level the tool gives.
    second: tuple[str, ...] = ()
    second_serious: str = ""
    # The third's, who judged the same answers as the second, before seeing either reviewer's
    # verdicts or any level the tool gives.
    third: tuple[str, ...] = ()
    third_serious: str = ""

    @property
    def agrees(self) -> bool:
        """Whether the tool's level is one the first reviewer gave."""
        return self.tool in self.accepted

    @property
    def agrees_second(self) -> bool:
        """Whether the tool's level is one the second reviewer gave."""
        return self.tool in self.second

    @property
    def agrees_third(self) -> bool:
        """Whether the tool's level is one the third reviewer gave."""
        return self.tool in self.third


def systems() -> list[Path]:
    """The calibration systems' folders, in order."""
    return sorted(path.parent for path in HERE.glob("*/expert.yaml"))


def agreement(folder: Path) -> Agreement:
    """The expert's and the tool's levels for the system in `folder`."""
    expert = yaml.safe_load((folder / "expert.yaml").read_text(encoding="utf-8"))
    review = mlready.review(folder / "answers.yaml", today=TODAY, scan=False)
    serious = mlready.review(folder / "serious-gaps.yaml", today=TODAY, scan=False)
    accepted = tuple(expert.get("between") or [expert["level"]])
    second = yaml.safe_load((folder / "expert-2.yaml").read_text(encoding="utf-8"))
    third = yaml.safe_load((folder / "expert-3.yaml").read_text(encoding="utf-8"))
    return Agreement(
        folder.name,
        expert["level"],
        accepted,
        review.level,
        review.score,
        expert["serious_gaps_level"],
        serious.level,
        tuple(second.get("between") or [second["level"]]),
        second["serious_gaps_level"],
        tuple(third.get("between") or [third["level"]]),
        third["serious_gaps_level"],
    )


HEADERS = {
    "en": "| System | Reviewer 1 | Reviewer 2 | Reviewer 3 | Tool (score) "
    "| Serious gaps: reviewers 1, 2, 3 | Serious gaps: tool |",
    "zh-CN": "| 系统 | 评审者 1 | 评审者 2 | 评审者 3 | 工具（得分） "
    "| 严重缺口：评审者 1、2、3 | 严重缺口：工具 |",
}
SUMMARY = {
    "en": "{first} of {count} agree with reviewer 1, {second} of {count} with reviewer 2, "
    "{third} of {count} with reviewer 3 (✗: the tool's level is not the reviewer's).",
    "zh-CN": "{count} 个系统中，{first} 个与评审者 1 一致，{second} 个与评审者 2 一致，"
    "{third} 个与评审者 3 一致（✗：工具给出的级别不是该评审者的）。",
}


# A row's cells: English keeps the levels' ids (as `--fail-under` takes them), other languages
# the levels' titles as the bank's translation names them.
ROW = {
    "en": "| {system} | {first} | {second} | {third} | {tool} ({score}) "
    "| {serious}, {second_serious}, {third_serious} | {tool_serious} |",
    "zh-CN": "| {system} | {first} | {second} | {third} | {tool}（{score}） "
    "| {serious}、{second_serious}、{third_serious} | {tool_serious} |",
}


def level_titles(lang: str) -> dict[str, str]:
    """Each level's id to its name in `lang`: the id itself in English."""
    if lang == "en":
        return {}
    path = HERE.parent.parent / "checklists" / f"default.{lang}.yaml"
    levels = yaml.safe_load(path.read_text(encoding="utf-8"))["levels"]
    return {level: entry["title"] for level, entry in levels.items()}


def table(rows: list[Agreement], lang: str = "en") -> str:
    """The agreement as a Markdown table, with how many systems agree with each reviewer; the
    levels and the words in `lang`."""
    titles = level_titles(lang)

    def name(level: str) -> str:
        return titles.get(level, level)

    lines = [HEADERS[lang], "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        first = " / ".join(map(name, row.accepted)) + ("" if row.agrees else " ✗")
        second = " / ".join(map(name, row.second)) + ("" if row.agrees_second else " ✗")
        third = " / ".join(map(name, row.third)) + ("" if row.agrees_third else " ✗")
        lines.append(
            ROW[lang].format(
                system=row.system,
                first=first,
                second=second,
                third=third,
                tool=name(row.tool),
                score=row.score,
                serious=name(row.expert_serious),
                second_serious=name(row.second_serious),
                third_serious=name(row.third_serious),
                tool_serious=name(row.tool_serious),
            )
        )
    lines.append("")
    lines.append(
        SUMMARY[lang].format(
            first=sum(row.agrees for row in rows),
            second=sum(row.agrees_second for row in rows),
            third=sum(row.agrees_third for row in rows),
            count=len(rows),
        )
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    print(table([agreement(folder) for folder in systems()], *sys.argv[1:2]), end="")
