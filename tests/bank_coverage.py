"""The README's tables generated from the built-in bank: coverage, and the built-in probes.

Each framework the bank maps to (the ML Test Score, deon's checklist, the NIST AI RMF, the EU AI
Act) gets one table: an item of the framework per row, with the checks tagged for it and the
profile or decision answers they are asked for. The built-in probes get one more: a probe per
row, with what it looks for and, per check it serves, the answer it supports, the answer its
absence contradicts and how far it can be trusted. `tests/test_bank_coverage.py` holds the
README to these tables; after changing the bank's tags or probes, rewrite them with

    python -m tests.bank_coverage
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from mlready.core.kinds import is_scored
from mlready.core.model import Bank, Probe, Question
from mlready.core.vocabulary import Parser
from mlready.io.bank_file import load_bank
from mlready.render.escape import markdown_cell

README = Path(__file__).resolve().parent.parent / "README.md"


class Framework(NamedTuple):
    """A framework's README section, the prefix of its tags, and its items in their order."""

    heading: str
    column: str  # the first column's title
    prefix: str
    items: dict[str, tuple[str, str]]  # tag -> (the row's name, what the item asks, in short)


MLTS = Framework(
    "## ML Test Score coverage",
    "Test",
    "mlts-",
    {
        "mlts-data-1": ("Data 1", "Expectations for every input feature are written in a schema"),
        "mlts-data-2": ("Data 2", "Every feature earns its place in the model"),
        "mlts-data-3": ("Data 3", "No feature costs more than it brings"),
        "mlts-data-4": ("Data 4", "Features respect rules about which data may be used"),
        "mlts-data-5": ("Data 5", "The data pipeline protects personal data"),
        "mlts-data-6": ("Data 6", "A new feature can be added quickly"),
        "mlts-data-7": ("Data 7", "Code that creates the model's input has tests"),
        "mlts-model-1": ("Model 1", "Model definitions are reviewed and in version control"),
        "mlts-model-2": ("Model 2", "Offline metrics move with online impact"),
        "mlts-model-3": ("Model 3", "Hyperparameters are tuned"),
        "mlts-model-4": ("Model 4", "The effect of model age on quality is known"),
        "mlts-model-5": ("Model 5", "A simpler model would not do as well"),
        "mlts-model-6": ("Model 6", "Quality holds on the slices that matter"),
        "mlts-model-7": ("Model 7", "Quality is checked across the groups of people affected"),
        "mlts-infra-1": ("Infrastructure 1", "Training can be reproduced"),
        "mlts-infra-2": ("Infrastructure 2", "Model code has unit tests"),
        "mlts-infra-3": ("Infrastructure 3", "The whole pipeline has an integration test"),
        "mlts-infra-4": ("Infrastructure 4", "Model quality is checked before the model serves"),
        "mlts-infra-5": ("Infrastructure 5", "A single prediction can be debugged step by step"),
        "mlts-infra-6": ("Infrastructure 6", "New models are tried on limited traffic first"),
        "mlts-infra-7": ("Infrastructure 7", "A serving model can be rolled back"),
        "mlts-monitor-1": ("Monitoring 1", "Changes in dependencies are announced to the owner"),
        "mlts-monitor-2": ("Monitoring 2", "Data invariants hold for training and serving inputs"),
        "mlts-monitor-3": ("Monitoring 3", "Training and serving see the same features"),
        "mlts-monitor-4": ("Monitoring 4", "Models do not get too old"),
        "mlts-monitor-5": ("Monitoring 5", "The model stays numerically sound"),
        "mlts-monitor-6": ("Monitoring 6", "Serving speed and resource use have not regressed"),
        "mlts-monitor-7": ("Monitoring 7", "Prediction quality has not regressed"),
    },
)

# deon 0.3.0, the release on PyPI: 21 items, A.1 to E.4.
DEON = Framework(
    "## deon coverage",
    "Item",
    "deon-",
    {
        "deon-a1": ("A.1", "Informed consent"),
        "deon-a2": ("A.2", "Collection bias"),
        "deon-a3": ("A.3", "Limit PII exposure"),
        "deon-a4": ("A.4", "Downstream bias mitigation"),
        "deon-b1": ("B.1", "Data security"),
        "deon-b2": ("B.2", "Right to be forgotten"),
        "deon-b3": ("B.3", "Data retention plan"),
        "deon-c1": ("C.1", "Missing perspectives"),
        "deon-c2": ("C.2", "Dataset bias"),
        "deon-c3": ("C.3", "Honest representation"),
        "deon-c4": ("C.4", "Privacy in analysis"),
        "deon-c5": ("C.5", "Auditability"),
        "deon-d1": ("D.1", "Proxy discrimination"),
        "deon-d2": ("D.2", "Fairness across groups"),
        "deon-d3": ("D.3", "Metric selection"),
        "deon-d4": ("D.4", "Explainability"),
        "deon-d5": ("D.5", "Communicate bias"),
        "deon-e1": ("E.1", "Redress"),
        "deon-e2": ("E.2", "Roll back"),
        "deon-e3": ("E.3", "Concept drift"),
        "deon-e4": ("E.4", "Unintended use"),
    },
)

# NIST AI 100-1 (AI RMF 1.0): the subcategories the bank maps to, in the framework's order.
NIST = Framework(
    "## NIST AI RMF coverage",
    "Subcategory",
    "nist-",
    {
        "nist-govern-1.1": (
            "GOVERN 1.1",
            "Legal and regulatory requirements are understood and managed",
        ),
        "nist-govern-1.4": (
            "GOVERN 1.4",
            "The risk management process is set by transparent policies",
        ),
        "nist-govern-1.5": ("GOVERN 1.5", "Risk management is monitored and reviewed periodically"),
        "nist-govern-1.6": ("GOVERN 1.6", "AI systems are inventoried"),
        "nist-govern-4.2": (
            "GOVERN 4.2",
            "Teams document the risks and impacts of what they build",
        ),
        "nist-govern-5.1": (
            "GOVERN 5.1",
            "Feedback from people outside the team is collected and used",
        ),
        "nist-govern-6.1": (
            "GOVERN 6.1",
            "Risks of third-party data, models and rights are addressed",
        ),
        "nist-govern-6.2": (
            "GOVERN 6.2",
            "Contingency for failures of third-party data or systems",
        ),
        "nist-map-1.1": ("MAP 1.1", "Intended purposes, settings and impacts are documented"),
        "nist-map-1.2": (
            "MAP 1.2",
            "Interdisciplinary people with broad expertise set the context",
        ),
        "nist-map-1.4": ("MAP 1.4", "The business value is clearly defined"),
        "nist-map-1.6": ("MAP 1.6", "System requirements are elicited and understood"),
        "nist-map-2.1": ("MAP 2.1", "The tasks and methods the system uses are defined"),
        "nist-map-2.2": ("MAP 2.2", "Knowledge limits and how outputs are overseen are documented"),
        "nist-map-2.3": ("MAP 2.3", "Scientific integrity and test considerations, data included"),
        "nist-map-3.1": ("MAP 3.1", "Potential benefits are examined"),
        "nist-map-3.2": ("MAP 3.2", "Potential costs of errors are examined"),
        "nist-map-3.3": ("MAP 3.3", "The targeted application scope is specified"),
        "nist-map-3.5": ("MAP 3.5", "Processes for human oversight are defined"),
        "nist-map-4.1": ("MAP 4.1", "Legal risks of components and third-party data are mapped"),
        "nist-map-4.2": ("MAP 4.2", "Internal risk controls for components are documented"),
        "nist-map-5.1": ("MAP 5.1", "Likelihood and magnitude of each impact are documented"),
        "nist-measure-1.1": ("MEASURE 1.1", "Metrics for the most significant risks are chosen"),
        "nist-measure-1.2": ("MEASURE 1.2", "Metrics and controls are regularly reassessed"),
        "nist-measure-1.3": ("MEASURE 1.3", "Independent assessors take part in assessments"),
        "nist-measure-2.1": ("MEASURE 2.1", "Test sets, metrics and tools are documented"),
        "nist-measure-2.2": (
            "MEASURE 2.2",
            "Evaluations involving people meet protection requirements",
        ),
        "nist-measure-2.3": ("MEASURE 2.3", "Performance is shown in conditions like deployment"),
        "nist-measure-2.4": ("MEASURE 2.4", "The system is monitored in production"),
        "nist-measure-2.5": ("MEASURE 2.5", "The system is shown to be valid and reliable"),
        "nist-measure-2.6": ("MEASURE 2.6", "Safety risks are evaluated; the system fails safely"),
        "nist-measure-2.7": ("MEASURE 2.7", "Security and resilience are evaluated"),
        "nist-measure-2.8": ("MEASURE 2.8", "Transparency and accountability risks are examined"),
        "nist-measure-2.9": ("MEASURE 2.9", "The model is explained and its output interpreted"),
        "nist-measure-2.10": ("MEASURE 2.10", "Privacy risk is examined"),
        "nist-measure-2.11": ("MEASURE 2.11", "Fairness and bias are evaluated"),
        "nist-measure-2.12": ("MEASURE 2.12", "Environmental impact is assessed"),
        "nist-measure-2.13": ("MEASURE 2.13", "The evaluation methods themselves are evaluated"),
        "nist-measure-3.1": ("MEASURE 3.1", "Existing and emergent risks are tracked in use"),
        "nist-measure-3.3": (
            "MEASURE 3.3",
            "Users and affected people can report problems and appeal",
        ),
        "nist-manage-1.1": (
            "MANAGE 1.1",
            "Whether the system meets its purpose decides if it proceeds",
        ),
        "nist-manage-1.3": ("MANAGE 1.3", "Responses to high-priority risks are planned"),
        "nist-manage-2.1": ("MANAGE 2.1", "Resources and non-AI alternatives are considered"),
        "nist-manage-2.2": ("MANAGE 2.2", "The value of the deployed system is sustained"),
        "nist-manage-2.3": ("MANAGE 2.3", "Procedures respond to and recover from unknown risks"),
        "nist-manage-2.4": (
            "MANAGE 2.4",
            "The system can be superseded, disengaged or deactivated",
        ),
        "nist-manage-3.1": ("MANAGE 3.1", "Third-party risks are monitored"),
        "nist-manage-3.2": ("MANAGE 3.2", "Pre-trained models are monitored"),
        "nist-manage-4.1": (
            "MANAGE 4.1",
            "Post-deployment monitoring, appeal and change management",
        ),
        "nist-manage-4.3": ("MANAGE 4.3", "Incidents are communicated and handled"),
    },
)

# Regulation (EU) 2024/1689: the articles the bank maps to.
EUAIA = Framework(
    "## EU AI Act coverage",
    "Article",
    "euaia-",
    {
        "euaia-art9": ("Art. 9", "Risk management system"),
        "euaia-art10": ("Art. 10", "Data and data governance"),
        "euaia-art11": ("Art. 11", "Technical documentation"),
        "euaia-art12": ("Art. 12", "Record-keeping"),
        "euaia-art13": ("Art. 13", "Transparency and information to deployers"),
        "euaia-art14": ("Art. 14", "Human oversight"),
        "euaia-art15": ("Art. 15", "Accuracy, robustness and cybersecurity"),
        "euaia-art17": ("Art. 17", "Quality management system"),
        "euaia-art19": ("Art. 19", "Automatically generated logs"),
        "euaia-art26": ("Art. 26", "Obligations of deployers of high-risk systems"),
        "euaia-art27": ("Art. 27", "Fundamental rights impact assessment"),
        "euaia-art43": ("Art. 43", "Conformity assessment"),
        "euaia-art49": ("Art. 49", "Registration"),
        "euaia-art50": ("Art. 50", "Transparency for certain AI systems"),
        "euaia-art72": ("Art. 72", "Post-market monitoring"),
        "euaia-art73": ("Art. 73", "Reporting of serious incidents"),
        "euaia-art86": ("Art. 86", "Right to explanation of individual decisions"),
    },
)

FRAMEWORKS = (MLTS, DEON, NIST, EUAIA)


def condition(question: Question) -> str:
    """The answers a check is asked for, in brackets after its id; empty when always asked."""
    if not question.when:
        return ""
    parts = [
        f"{name.split('.')[-1]}: {', '.join(values)}" for name, values in question.when.items()
    ]
    return f" (if {'; '.join(parts)})"


def table(framework: Framework, bank: Bank) -> str:
    """The framework's coverage table: its items in order, each with the checks tagged for it."""
    rows = [
        f"| {framework.column} | What it asks, in short | Bank checks |",
        "| --- | --- | --- |",
    ]
    for tag, (name, short) in framework.items.items():
        checks = [
            f"`{question.id}`{condition(question)}"
            for question in bank.questions.values()
            if is_scored(question) and tag in question.tags
        ]
        rows.append(f"| {name} | {short} | {'<br>'.join(checks) or 'none'} |")
    return "\n".join(rows) + "\n"


def tables_in(readme: str) -> dict[str, str]:
    """The first table of each framework's README section, by heading."""
    found = {}
    for framework in FRAMEWORKS:
        section = readme.split(framework.heading + "\n", 1)[1].split("\n## ", 1)[0]
        match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
        found[framework.heading] = match.group(0) if match else ""
    return found


PROBES_HEADING = "### Built-in probes"


def where(probe: Probe) -> str:
    """Where a probe looks, in short: its first globs, and its key path or pattern."""
    shown = ", ".join(f"`{glob}`" for glob in probe.files[:3])
    if len(probe.files) > 3:
        shown += f" and {len(probe.files) - 3} more"
    if probe.key is not None:
        shown += f"; key `{probe.key}`" + (f" = `{probe.equals}`" if probe.equals else "")
    if probe.results is not None:
        return f"recorded results (`--results`): {probe.results}, " + shown
    if probe.parser is not None:
        shown += f"; read as {_PARSED[probe.parser]}"
        shown += ", a statement matching a pattern" if probe.finds is not None else ""
    elif probe.contains is not None:
        shown += "; a line matching a pattern" + (" too" if probe.key else "")
    if probe.within is not None:
        shown += f"; {probe.within} only"
    if probe.paths:
        shown += "; " + ", ".join(str(kind) for kind in probe.paths) + " count too"
    return shown


_PARSED = {
    Parser.CI: "CI commands",
    Parser.PYTHON: "Python (imports and calls)",
    Parser.DOCKERFILE: "Dockerfile instructions",
    Parser.KUBERNETES: "Kubernetes workloads",
    Parser.REQUIREMENTS: "runtime requirements",
}


def probes_table(bank: Bank) -> str:
    """The built-in probes: one row per probe id (a probe id looks for one thing wherever it
    is used), in the order the bank first uses them, with the checks it serves."""
    used: dict[str, list[tuple[Question, Probe]]] = {}
    for question in bank.questions.values():
        for probe in question.evidence:
            used.setdefault(probe.id, []).append((question, probe))
    rows = [
        "| Probe | What it shows | Where it looks | Checks: supports, required for (reliability) |",
        "| --- | --- | --- | --- |",
    ]
    for probe_id, uses in used.items():
        first = uses[0][1]
        checks = []
        for question, probe in uses:
            roles = []
            if probe.supports is not None:
                roles.append(f"supports {probe.supports}")
            if probe.required_for is not None:
                roles.append(f"required for {probe.required_for}")
            trust = probe.reliability.value
            checks.append(f"`{question.id}`{condition(question)}: {', '.join(roles)} ({trust})")
        says = markdown_cell(first.says)
        rows.append(f"| `{probe_id}` | {says} | {where(first)} | {'<br>'.join(checks)} |")
    return "\n".join(rows) + "\n"


def probes_table_in(readme: str) -> str:
    """The table of the README's section on the built-in probes."""
    section = readme.split(PROBES_HEADING + "\n", 1)[1].split("\n#", 1)[0]
    match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
    return match.group(0) if match else ""


def rewrite(readme: str, bank: Bank) -> str:
    """The README with every framework's table, and the table of built-in probes, replaced by
    the ones the bank gives."""
    for framework in FRAMEWORKS:
        head, rest = readme.split(framework.heading + "\n", 1)
        section, sep, tail = rest.partition("\n## ")
        match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
        assert match, f"{framework.heading} has no table"
        section = section[: match.start()] + table(framework, bank) + section[match.end() :]
        readme = head + framework.heading + "\n" + section + sep + tail
    head, rest = readme.split(PROBES_HEADING + "\n", 1)
    section, sep, tail = rest.partition("\n#")
    match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
    assert match, f"{PROBES_HEADING} has no table"
    section = section[: match.start()] + probes_table(bank) + section[match.end() :]
    return head + PROBES_HEADING + "\n" + section + sep + tail


if __name__ == "__main__":
    README.write_text(rewrite(README.read_text(encoding="utf-8"), load_bank()), encoding="utf-8")
