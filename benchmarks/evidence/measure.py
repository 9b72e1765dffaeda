"""Measure `mlready scan` on local clones of the labelled corpus against the labels judged by hand.

Usage: python benchmarks/evidence/measure.py --clones DIR --mlready PATH [--todo FILE] [--json]
Standard library only; nothing here is imported by mlready.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shlex
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
YES = "yes"
ABSENT = [
    tuple(line.split(" ", 1))
    for line in (HERE / "absent.txt").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
ANSWER = re.compile(r"^  ([a-z_]+\.[a-z_.]+):(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Finding:
    """One finding a scan shows: the key its label is looked up by."""

    repository: str
    commit: str
    path: str
    line: str  # "" for a finding that names a file without a line
    check: str
    probe: str

    def key(self) -> tuple[str, ...]:
        return (self.repository, self.commit, self.path, self.line, self.check, self.probe)


@dataclass(frozen=True)
class State:
    """A state a scan gives a check: evidenced or contradicted (the others are not judged)."""

    repository: str
    answers: str  # "truth" (the answers judged true) or "claims" (answers known to be false)
    check: str
    state: str
    answered: bool = True
    # What the state was given on: the findings shown and the probes not found, as labels
    # (path:line:probe). A judgement holds for that evidence only; other evidence is judged anew.
    shown: str = ""

    def key(self) -> tuple[str, str, str, str, str]:
        return (self.repository, self.answers, self.check, self.state, self.shown)


@dataclass
class Ratio:
    """How many of the judged items were right, and which items are not judged yet."""

    right: int = 0
    judged: int = 0
    to_judge: list[str] = field(default_factory=list)

    def percent(self) -> float | None:
        return None if self.judged == 0 else round(100 * self.right / self.judged, 1)

    def text(self) -> str:
        share = self.percent()
        shown = "n/a" if share is None else f"{share}%"
        more = f" ({len(self.to_judge)} to judge)" if self.to_judge else ""
        return f"{self.right}/{self.judged} = {shown}{more}"


@dataclass
class Figures:
    """The four figures of the corpus, and what the probes' findings were."""

    findings_evidence: Ratio = field(default_factory=Ratio)
    findings_as_said: Ratio = field(default_factory=Ratio)
    practices_found: Ratio = field(default_factory=Ratio)
    evidenced_right: Ratio = field(default_factory=Ratio)
    evidenced_answered_right: Ratio = field(default_factory=Ratio)
    contradicted_right: Ratio = field(default_factory=Ratio)
    per_probe: dict[str, Ratio] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # scans that gave no report


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def label_key(row: Mapping[str, str]) -> tuple[str, ...]:
    names = ("repository", "commit", "path", "line", "check", "probe")
    return tuple(row[name].strip() for name in names)


def compute(
    findings: Iterable[Finding],
    states: Iterable[State],
    *,
    labels: Iterable[Mapping[str, str]],
    state_labels: Iterable[Mapping[str, str]],
    practices: Iterable[Mapping[str, str]],
) -> Figures:
    """The figures: each shown finding and state looked up in the labels; unlabelled ones listed."""
    by_key = {label_key(row): row for row in labels}
    names = ("repository", "answers", "check", "state", "shown")
    by_state = {tuple((row.get(name) or "").strip() for name in names): row for row in state_labels}
    figures = Figures()
    evidence_for: set[tuple[str, str]] = set()
    for finding in findings:
        row = by_key.get(finding.key())
        probe = figures.per_probe.setdefault(finding.probe, Ratio())
        if row is None:
            name = ",".join(finding.key())
            figures.findings_evidence.to_judge.append(name)
            figures.findings_as_said.to_judge.append(name)
            probe.to_judge.append(name)
            continue
        is_evidence = row["is_evidence"].strip() == YES
        figures.findings_evidence.judged += 1
        figures.findings_evidence.right += is_evidence
        figures.findings_as_said.judged += 1
        figures.findings_as_said.right += row["is_what_probe_says"].strip() == YES
        probe.judged += 1
        probe.right += is_evidence
        if is_evidence:
            evidence_for.add((finding.repository, finding.check))
    for practice in practices:
        figures.practices_found.judged += 1
        figures.practices_found.right += (
            practice["repository"].strip(),
            practice["check"].strip(),
        ) in evidence_for
    for state in states:
        ratios = {
            "evidenced": [figures.evidenced_right],
            "contradicted": [figures.contradicted_right],
        }.get(state.state, [])
        if state.state == "evidenced" and state.answered:
            ratios.append(figures.evidenced_answered_right)
        judged = by_state.get(state.key())
        for ratio in ratios:
            if judged is None:
                ratio.to_judge.append(",".join(state.key()))
                continue
            ratio.judged += 1
            ratio.right += judged["right"].strip() == YES
    return figures


def answered_checks(answers: Path) -> set[str]:
    """The checks an answers file (as `mlready init` lays it out) gives an answer."""
    found = ANSWER.findall(answers.read_text(encoding="utf-8"))
    return {check for check, value in found if value.strip()}


def parse_scan(
    repository: str, commit: str, report: Mapping[str, object], *, answers: str, answered: set[str]
) -> tuple[list[Finding], list[State]]:
    """The findings and states of one `mlready scan --format json` output."""
    findings: list[Finding] = []
    states: list[State] = []
    evidence = report.get("evidence", {})
    assert isinstance(evidence, dict)
    for check, entry in sorted(evidence.items()):
        # Findings that support only a lower answer than the one given are shown too.
        shown = [*entry.get("findings", []), *entry.get("partly", [])]
        cited = sorted(
            {f"{item['path']}:{item.get('line') or ''}:{item['probe']}" for item in shown}
        )
        missing = sorted(str(item["probe"]) for item in entry.get("missing", []))
        parts = [";".join(cited)] if cited else []
        parts += ["missing:" + ",".join(missing)] if missing else []
        basis = " ".join(parts)
        state = str(entry.get("state", ""))
        states.append(State(repository, answers, check, state, check in answered, basis))
        for item in shown:
            line = item.get("line")
            found = Finding(
                repository,
                commit,
                str(item["path"]),
                "" if line is None else str(line),
                check,
                str(item["probe"]),
            )
            if found not in findings:
                findings.append(found)
    return findings, states


def head_of(clone: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def scan(mlready: list[str], answers: Path, clone: Path) -> Mapping[str, object] | str:
    """The JSON report of one scan, or why there is none (the scan failed)."""
    command = [*mlready, "scan", str(answers), "--repo", str(clone), "--format", "json"]
    done = subprocess.run([*command, "--lang", "en"], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        return f"{shlex.join(command)} exited {done.returncode}: {done.stderr.strip()}"
    report = json.loads(done.stdout)
    assert isinstance(report, dict)
    return report


def measure(clones: Path, mlready: list[str]) -> tuple[Figures, list[Finding], list[State]]:
    """Scan every labelled clone with both its answers files and count against the labels."""
    findings: list[Finding] = []
    states: list[State] = []
    failures: list[str] = []
    for repo in read_csv(HERE / "repos.csv"):
        name, commit = repo["repository"], repo["commit"]
        clone = clones / name
        head = head_of(clone)
        if head != commit:
            raise SystemExit(f"{clone}: at {head or 'no commit'}, labelled at {commit}")
        absent = [path for repo_name, path in ABSENT if repo_name == name]
        if any((clone / path).exists() for path in absent):
            # The labelled clones lacked these files (absent.txt): findings may differ.
            print(f"note: {clone} holds files the labelled clone lacked", file=sys.stderr)
        # The claims file gives only states: its findings are those of the probes judged with
        # the truth, and the checks it leaves unanswered are counted there, not twice.
        for kind, suffix in (("truth", ""), ("claims", ".claims")):
            answers = HERE / "answers" / f"{name}{suffix}.yaml"
            if not answers.exists():
                continue
            report = scan(mlready, answers, clone)
            if isinstance(report, str):
                failures.append(report)  # shows nothing: its practices count as not found
                continue
            found, given = parse_scan(
                name, commit, report, answers=kind, answered=answered_checks(answers)
            )
            if kind == "truth":
                findings += found
                states += given
            else:
                states += [state for state in given if state.answered]
    figures = compute(
        findings,
        states,
        labels=read_csv(HERE / "labels.csv"),
        state_labels=read_csv(HERE / "states.csv"),
        practices=read_csv(HERE / "practices.csv"),
    )
    figures.failures = failures
    return figures, findings, states


def write_todo(path: Path, figures: Figures, findings: list[Finding], states: list[State]) -> None:
    """The findings and states not labelled yet, as rows to fill in (verdicts left empty)."""
    waiting = set(figures.findings_evidence.to_judge)
    waiting_states = set(figures.evidenced_right.to_judge + figures.contradicted_right.to_judge)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        for finding in findings:
            if ",".join(finding.key()) in waiting:
                out.writerow([*finding.key(), "", "", ""])
        for state in states:
            if ",".join(state.key()) in waiting_states:
                out.writerow(["STATE", *state.key(), "answered" if state.answered else ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clones", type=Path, required=True, help="folder of the local clones")
    parser.add_argument("--mlready", required=True, help="the mlready command to run")
    parser.add_argument("--todo", type=Path, help="write the findings not labelled yet here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    figures, findings, states = measure(options.clones, shlex.split(options.mlready))
    if options.todo:
        write_todo(options.todo, figures, findings, states)
    rows = {
        "shown findings that are real evidence": figures.findings_evidence,
        "shown findings that are what the probe says": figures.findings_as_said,
        "sampled practices found and shown": figures.practices_found,
        "evidenced states right": figures.evidenced_right,
        "evidenced states right, answered checks only": figures.evidenced_answered_right,
        "contradicted states right": figures.contradicted_right,
    }
    kinds = Counter(f"{state.answers} {state.state}" for state in states)
    if options.json:
        summary = {
            name: {"right": r.right, "judged": r.judged, "to_judge": len(r.to_judge)}
            for name, r in rows.items()
        }
        summary["per probe"] = {
            probe: {"evidence": r.right, "judged": r.judged, "to_judge": len(r.to_judge)}
            for probe, r in sorted(figures.per_probe.items())
        }
        summary["states"] = dict(sorted(kinds.items()))
        summary["failed scans"] = figures.failures
        print(json.dumps(summary, indent=2))
    else:
        for name, ratio in rows.items():
            print(f"{name}: {ratio.text()}")
        print("states:", ", ".join(f"{name} {count}" for name, count in sorted(kinds.items())))
        for failure in figures.failures:
            print(f"scan failed: {failure}")
        print("per probe (real evidence / shown):")
        for probe, ratio in sorted(figures.per_probe.items(), key=lambda i: i[1].percent() or 0):
            print(f"  {probe}: {ratio.text()}")
        for name, ratio in rows.items():
            skip = name.startswith(("shown findings that are what", "evidenced states right, "))
            for item in [] if skip else ratio.to_judge:
                print(f"to judge ({name}): {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
