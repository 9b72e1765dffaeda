"""Makes a bank of N questions and a complete answers file for it, or (--repository N) a
repository of N files to scan, for the benchmarks."""

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


# The scan corpus: what ML repositories hold besides many small files. Sizes in bytes.
LARGE_DATA = (2, 3, 4, 6)  # MiB: YAML and JSON exports, over the scan's 1 MiB cap
MID_DATA = 24  # YAML and JSON files of 100 to 900 KiB: read and searched
MID_CODE = 2_000  # Python modules of 2 to 24 KiB
BINARIES = 200  # weights, images, arrays: 4 KiB to 2 MiB, most small, some over the cap
BINARY_KIB = ((4, 16, 64, 256, 1200, 2048), (30, 30, 20, 12, 5, 3))  # sizes, weights
SMALL_KINDS = (
    ("src/pkg{n}/module_{i}.py", "import numpy as np\n\ndef f_{i}(x):\n    return x * {i}\n"),
    (
        "tests/pkg{n}/test_{i}.py",
        "from pkg{n}.module_{i} import f_{i}\n\ndef test():\n    assert f_{i}(1)\n",
    ),
    ("configs/{n}/job_{i}.yaml", "job: {i}\nresources: {{cpu: 2}}\nparams: {{lr: 0.01}}\n"),
    ("deploy/{n}/svc_{i}.yaml", "apiVersion: v1\nkind: Service\nmetadata: {{name: s{i}}}\n"),
    ("notebooks/{n}/explore_{i}.md", "# Exploration {i}\n\nNotes.\n"),
)


def _yaml_records(size: int, seed: int) -> str:
    lines, total, n = ["records:"], 0, 0
    while total < size:
        record = (
            f"  - id: rec-{seed}-{n}\n    label: class_{(n * 7 + seed) % 97}\n"
            f"    score: 0.{(n * 7919 + seed) % 10_000:04d}\n"
            f"    source: s3://bucket-{seed}/part-{n // 1000:05d}/item-{n}.jsonl\n"
        )
        lines.append(record.rstrip("\n"))
        total += len(record)
        n += 1
    return "\n".join(lines) + "\n"


def _json_records(size: int, seed: int, *, indent: bool) -> str:
    import json

    items, total, n = [], 0, 0
    while total < size:
        item = {
            "id": f"rec-{seed}-{n}",
            "features": [(n * k + seed) % 1000 / 10 for k in range(1, 9)],
            "label": f"class_{(n * 7 + seed) % 97}",
        }
        items.append(item)
        total += 150 if indent else 110
        n += 1
    return json.dumps({"version": seed, "items": items}, indent=2 if indent else None) + "\n"


def _python_module(size: int, seed: int) -> str:
    lines = ['"""A module of the model code."""', "", "import numpy as np", ""]
    total, n = 0, 0
    while total < size:
        block = [
            "",
            f"def transform_{seed}_{n}(batch, scale=0.{n % 10}):",
            f'    """Scale the features of one batch (step {n})."""',
            f"    values = np.asarray(batch, dtype=np.float32) * scale + {n % 13}",
            f"    if values.shape[0] > {n % 50 + 1}:",
            f"        values = values[: {n % 50 + 1}]",
            "    return values.clip(0, 1)",
        ]
        lines += block
        total += sum(len(line) + 1 for line in block)
        n += 1
    return "\n".join(lines) + "\n"


def repository(files: int, folder: Path) -> None:
    """A git repository of `files` files laid out as ML repositories are: many small files
    (code, tests, configurations, manifests, notes), mid-size modules, YAML and JSON data of
    up to several MiB, binary files, some files over the scan's size cap; with the built-in
    bank's example answers."""
    import random
    import shutil
    import subprocess

    mib = 1024 * 1024
    rng = random.Random(20)
    root = Path(__file__).resolve().parent.parent
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "examples" / "ecommerce-categoriser.yaml", folder / "mlready.yaml")
    written = 1

    def write(relative: str, content: str | bytes) -> None:
        nonlocal written
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written += 1

    for index, size in enumerate(LARGE_DATA):
        write(f"data/exports/large_{index}.yaml", _yaml_records(size * mib, index))
        write(f"data/exports/large_{index}.json", _json_records(size * mib, index, indent=False))
    for index in range(MID_DATA):
        size = rng.randrange(100, 900) * 1024
        if index % 2:
            write(f"data/samples/sample_{index}.json", _json_records(size, index, indent=True))
        else:
            write(f"data/samples/sample_{index}.yaml", _yaml_records(size, index))
    for index in range(MID_CODE):
        size = rng.randrange(2, 24) * 1024
        write(f"src/model{index % 25}/layer_{index}.py", _python_module(size, index))
    for index in range(BINARIES):
        size = rng.choices(*BINARY_KIB)[0] * 1024
        suffix = (".pt", ".png", ".npy", ".parquet")[index % 4]
        write(f"artifacts/{index % 10}/blob_{index}{suffix}", b"\0" + rng.randbytes(size - 1))
    index = 0
    while written < files:
        pattern, text = SMALL_KINDS[index % len(SMALL_KINDS)]
        n = index % 40
        write(pattern.format(n=n, i=index), text.format(n=n, i=index))
        index += 1
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
