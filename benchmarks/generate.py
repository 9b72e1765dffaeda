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


def repository(files: int, folder: Path) -> None:
    """A git repository of `files` files laid out as ML repositories are (code, tests,
    configurations, manifests, notebooks), with the built-in bank's example answers."""
    import shutil
    import subprocess

    root = Path(__file__).resolve().parent.parent
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "examples" / "ecommerce-categoriser.yaml", folder / "mlready.yaml")
    kinds = (
        ("src/pkg{n}/module_{i}.py", "import numpy as np\n\ndef f_{i}(x):\n    return x * {i}\n"),
        (
            "tests/pkg{n}/test_{i}.py",
            "from pkg{n}.module_{i} import f_{i}\n\ndef test():\n    assert f_{i}(1)\n",
        ),
        ("configs/{n}/job_{i}.yaml", "job: {i}\nresources: {{cpu: 2}}\nparams: {{lr: 0.01}}\n"),
        ("deploy/{n}/svc_{i}.yaml", "apiVersion: v1\nkind: Service\nmetadata: {{name: s{i}}}\n"),
        ("notebooks/{n}/explore_{i}.md", "# Exploration {i}\n\nNotes.\n"),
    )
    for index in range(files - 1):
        pattern, text = kinds[index % len(kinds)]
        n, i = index % 40, index
        path = folder / pattern.format(n=n, i=i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.format(n=n, i=i), encoding="utf-8")
    env = {
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@b",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@b",
        "PATH": __import__("os").environ["PATH"],
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "tree"]):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env=env)


def main() -> None:
    if sys.argv[1] == "--repository":
        repository(int(sys.argv[2]), Path(sys.argv[3]))
        return
    questions, folder = int(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bank.yaml").write_text(bank_text(questions), encoding="utf-8")
    (folder / "mlready.yaml").write_text(answers_text(questions), encoding="utf-8")


if __name__ == "__main__":
    main()
