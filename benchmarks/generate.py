"""Makes a bank of N questions and a complete answers file for it, for the benchmarks."""

from __future__ import annotations

import sys
from pathlib import Path

AREAS = ("data", "preprocessing", "framework", "training", "serving", "monitoring")


def bank_text(questions: int) -> str:
    """A valid bank: one decision per area, the rest checks, a third of them conditional."""
    per_area = max(2, questions // len(AREAS))
    lines = ["bank: generated", "version: 1", "title: Generated bank", "areas:"]
    for area in AREAS:
        lines += [f"  - id: {area}", f"    title: {area.title()}", "    questions:"]
        lines += [
            f"      - id: {area}.mode",
            "        kind: choice",
            f"        prompt: Which mode does {area} use?",
            "        why: The mode decides which checks apply.",
            "        options: [{value: simple}, {value: complex, label: The complex one}]",
        ]
        for n in range(per_area - 1):
            severity = ("blocker", "major", "minor")[n % 3]
            lines += [
                f"      - id: {area}.check_{n}",
                f"        prompt: Is requirement {n} of {area} met, with evidence?",
                f"        why: Without requirement {n}, {area} fails in production in a way "
                "that costs a week to find.",
                f"        fix: Put requirement {n} in place and link the evidence.",
                f"        severity: {severity}",
                *([f"        when: {{{area}.mode: complex}}"] if n % 3 == 2 else []),
            ]
    return "\n".join(lines) + "\n"


def answers_text(questions: int) -> str:
    """Answers to every question of `bank_text(questions)`: mostly yes, some partial."""
    per_area = max(2, questions // len(AREAS))
    lines = ["mlready: 1", "bank: generated@1", "project: {name: benchmark, reviewed: 2026-11-01}"]
    lines.append("answers:")
    for area in AREAS:
        lines.append(f"  {area}.mode: complex")
        for n in range(per_area - 1):
            value = "partial" if n % 7 == 3 and n % 3 != 0 else "yes"
            lines.append(f"  {area}.check_{n}: {value}")
    return "\n".join(lines) + "\n"


def main() -> None:
    questions, folder = int(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bank.yaml").write_text(bank_text(questions), encoding="utf-8")
    (folder / "mlready.yaml").write_text(answers_text(questions), encoding="utf-8")


if __name__ == "__main__":
    main()
