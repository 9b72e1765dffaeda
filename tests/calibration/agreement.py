"""The tool's level beside the expert's on the calibration set, as a Markdown table with how
many systems agree: `python -m tests.calibration.agreement`."""

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
    """One system: the expert's levels and the tool's, for its answers and its serious gaps."""

    system: str
    expert: str
    accepted: tuple[str, ...]  # the expert's level, or the two it hesitated between
    tool: str
    score: float | None
    expert_serious: str
    tool_serious: str

    @property
    def agrees(self) -> bool:
        """Whether the tool's level is one the expert gave."""
        return self.tool in self.accepted


def systems() -> list[Path]:
    """The calibration systems' folders, in order."""
    return sorted(path.parent for path in HERE.glob("*/expert.yaml"))


def agreement(folder: Path) -> Agreement:
    """The expert's and the tool's levels for the system in `folder`."""
    expert = yaml.safe_load((folder / "expert.yaml").read_text(encoding="utf-8"))
    review = mlready.review(folder / "answers.yaml", today=TODAY, scan=False)
    serious = mlready.review(folder / "serious-gaps.yaml", today=TODAY, scan=False)
    accepted = tuple(expert.get("between") or [expert["level"]])
    return Agreement(
        folder.name,
        expert["level"],
        accepted,
        review.level,
        review.score,
        expert["serious_gaps_level"],
        serious.level,
    )


def table(rows: list[Agreement]) -> str:
    """The agreement as a Markdown table, with the count of systems that agree."""
    lines = [
        "| System | Expert | Tool (score) | Serious gaps: expert | Serious gaps: tool |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        mark = "" if row.agrees else " ✗"
        lines.append(
            f"| {row.system} | {' / '.join(row.accepted)} | {row.tool} ({row.score}){mark} "
            f"| {row.expert_serious} | {row.tool_serious} |"
        )
    agreeing = sum(row.agrees for row in rows)
    lines.append("")
    lines.append(f"{agreeing} of {len(rows)} agree.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table([agreement(folder) for folder in systems()]), end="")
