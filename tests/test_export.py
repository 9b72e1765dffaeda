"""`mlready export`: CSV a spreadsheet reads safely, a badge shields.io accepts, and a CycloneDX
1.6 attestation the CycloneDX library's strict schema accepts; byte for byte reproducible."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from mlready import api
from mlready.core.errors import ExitCode, InputError
from mlready.render.badge import level_colour
from mlready.render.csvdoc import csv_cell
from mlready.render.signatures import written_by_mlready
from tests.helpers.commands import mlready, run
from tests.helpers.hostile_text import HOSTILE, HOSTILE_YAML, no_control_characters
from tests.helpers.languages import speaking

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# A bank whose checks carry the tags of every framework mlready knows, and probes.
BANK = """\
bank: audited
version: 1
title: Audited bank
areas:
  - id: delivery
    title: Delivery
    questions:
      - id: delivery.ci
        prompt: Do tests run in CI on every change?
        why: Untested changes ship bugs.
        severity: blocker
        tags: [mlts-infra-1, nist-measure-2.1, iso42001-a.6.2.4]
        options:
          - {value: automated, label: In CI on every change, score: 1}
          - {value: manual, label: By hand before a release, score: 0.5}
          - {value: none, label: Not at all, score: 0}
        evidence:
          - id: ci-runs-tests
            files: ["ci/*.yml"]
            contains: "pytest"
            supports: automated
            required_for: automated
            says: a CI workflow runs the tests
            reliability: high
      - id: delivery.canary
        prompt: Are new model versions rolled out as a canary?
        why: A bad model reaches everyone at once otherwise.
        tags: [mlts-infra-3, euaia-art15]
        options:
          - {value: canary, label: A canary with automatic analysis, score: 1}
          - {value: none, label: All at once, score: 0}
        evidence:
          - id: argo-canary
            files: ["deploy/**/*.yaml"]
            key: spec.strategy.canary.steps
            supports: canary
            required_for: canary
            says: an Argo Rollouts canary with steps
      - id: delivery.docs
        prompt: Is the model documented?
        why: People need to know what it does.
        severity: minor
        tags: [deon-d5, euaia-art11]
      - id: delivery.rollback
        prompt: Has a rollback been rehearsed?
        why: An untested rollback fails when it is needed.
        tags: [mlts-infra-3, local-practice]
      - id: delivery.schema
        prompt: Is the input checked against a schema?
        why: Silent schema changes break models.
        severity: minor
        na: true
        tags: [deon-c5]
      - id: delivery.fairness
        prompt: Are outcomes compared across groups?
        why: Harm hides in averages.
        tags: [deon-d2, nist-measure-2.11]
"""

ANSWERS = """\
mlready: 1
bank: audited@1
project: {name: '=HYPERLINK("http://evil.example")', owner: ranking-team, reviewed: 2026-11-01}
answers:
  delivery.ci:
    value: automated
    evidence: [https://ci.example.com/runs/1]
  delivery.canary:
    value: canary
    note: '-1 day of canary; @SUM(A1) "quoted", comma'
  delivery.docs:
    value: no
    waiver: {reason: Docs follow the launch, approved_by: Head of ML, expires: 2027-01-31}
  delivery.rollback:
    value: partial
    note: "line one\\nline two"
    action: {owner: "=ops", due: 2026-12-15, ticket: "https://tracker.example.com/OPS-7"}
  delivery.schema: {value: na, note: No structured input}
"""

TODAY = "2026-12-01"


@pytest.fixture
def audited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the audited bank, answers with a waiver, an action, an n/a, an
    unanswered check and a sign-off, a CI workflow its probe finds and no canary it wants."""
    (tmp_path / "audited.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(ANSWERS, encoding="utf-8")
    (tmp_path / ".mlready.toml").write_text('bank = "audited.yaml"\n', encoding="utf-8")
    # Outside git, the scan walks the folder less its hidden ones: the workflow is in ci/.
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "test.yml").write_text("jobs:\n  t:\n    steps:\n      - run: pytest -q\n")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("sign", "--name", "Ada", "--role", "model owner", "--today", "2026-11-20")
    assert code == ExitCode.OK, err
    return tmp_path


def export(*args: str, lang: str = "en") -> str:
    """`mlready export ARGS` run in this process, speaking `lang`: its stdout."""
    with speaking(lang):
        code, out, err = run("export", *args, "--today", TODAY)
    assert code == ExitCode.OK, err
    return out


def cyclonedx_problems(text: str) -> str | None:
    """What the CycloneDX library's strict 1.6 JSON schema says is wrong, or None."""
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    return None if error is None else str(error)[:2000]


# --- CSV ---------------------------------------------------------------------------------


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_a_header_and_a_row_per_applicable_check(audited: Path) -> None:
    assert export("-f", "csv", "-o", "checks.csv") == ""
    text = (audited / "checks.csv").read_bytes().decode("utf-8")
    # RFC 4180: every record ends CRLF; the note's own line break stays inside its quotes.
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "").replace("line one\nline two", "")
    header, *rows = rows_of(text)
    assert header == [
        "id",
        "question",
        "area",
        "severity",
        "answer",
        "score",
        "evidence state",
        "note",
        "action owner",
        "due",
        "ticket",
        "waiver until",
    ]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(by_id) == [
        "delivery.ci",
        "delivery.canary",
        "delivery.docs",
        "delivery.rollback",
        "delivery.schema",
        "delivery.fairness",
    ]
    assert by_id["delivery.ci"] | {"question": ""} == {
        "id": "delivery.ci",
        "question": "",
        "area": "delivery",
        "severity": "blocker",
        "answer": "automated",
        "score": "1",
        "evidence state": "evidenced",
        "note": "",
        "action owner": "",
        "due": "",
        "ticket": "",
        "waiver until": "",
    }
    assert by_id["delivery.ci"]["question"] == "Do tests run in CI on every change?"
    assert by_id["delivery.canary"]["evidence state"] == "contradicted"
    assert by_id["delivery.docs"]["waiver until"] == "2027-01-31"
    rollback = by_id["delivery.rollback"]
    assert (rollback["score"], rollback["due"], rollback["note"]) == (
        "0.5",
        "2026-12-15",
        "line one\nline two",
    )
    assert rollback["ticket"] == "https://tracker.example.com/OPS-7"
    assert (by_id["delivery.schema"]["answer"], by_id["delivery.schema"]["score"]) == ("na", "")
    assert (by_id["delivery.fairness"]["answer"], by_id["delivery.fairness"]["score"]) == ("", "0")
    assert by_id["delivery.fairness"]["evidence state"] == ""


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(audited: Path) -> None:
    rows = {row[0]: row for row in rows_of(export("-f", "csv"))}
    assert rows["delivery.rollback"][8] == "'=ops"
    assert rows["delivery.canary"][7] == '\'-1 day of canary; @SUM(A1) "quoted", comma'
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("2026-12-15", "2026-12-15"),
        ("", ""),
    ],
)
def test_csv_cell(cell: str, shown: str) -> None:
    assert csv_cell(cell) == shown


def test_csv_in_chinese_translates_the_header_and_questions_only() -> None:
    example = ROOT / "examples" / "credit-risk-scorer.yaml"
    english = rows_of(export(str(example), "-f", "csv", "--no-scan"))
    chinese = rows_of(export(str(example), "-f", "csv", "--no-scan", lang="zh-CN"))
    assert chinese[0][:4] == ["ID", "问题", "板块", "严重程度"]
    assert len(chinese) == len(english) > 20
    for row_en, row_zh in zip(english[1:], chinese[1:], strict=True):
        assert row_zh[0] == row_en[0]
        assert row_zh[2:] == row_en[2:]  # ids, values, notes, dates: data
        assert row_zh[1] != row_en[1]
        assert re.search("[\u4e00-\u9fff]", row_zh[1])


# --- badge ---------------------------------------------------------------------------------

# shields.io's endpoint schema (https://shields.io/badges/endpoint-badge): these keys only.
SHIELDS_ENDPOINT = {
    "type": "object",
    "required": ["schemaVersion", "label", "message"],
    "additionalProperties": False,
    "properties": {
        "schemaVersion": {"const": 1},
        "label": {"type": "string"},
        "message": {"type": "string", "minLength": 1},
        "color": {"type": "string"},
        "labelColor": {"type": "string"},
        "isError": {"type": "boolean"},
        "namedLogo": {"type": "string"},
        "logoSvg": {"type": "string"},
        "logoColor": {"type": "string"},
        "logoWidth": {"type": "integer"},
        "style": {"type": "string"},
        "cacheSeconds": {"type": "integer", "minimum": 300},
    },
}
COLOURS = {
    "production": "brightgreen",
    "pilot": "yellow",
    "prototype": "orange",
    "not ready": "red",
}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_the_badge_is_a_shields_endpoint_with_the_level_and_its_colour(example: Path) -> None:
    badge = json.loads(export(str(example), "-f", "badge", "--no-scan"))
    jsonschema.validate(badge, SHIELDS_ENDPOINT)
    code, out, err = run("check", str(example), "--no-scan", "-f", "json", "--today", TODAY)
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED), err
    level = json.loads(out)["level"]
    assert badge == {
        "schemaVersion": 1,
        "label": "readiness",
        "message": level,
        "color": COLOURS[level],
        "isError": False,
    }


def test_the_badge_colours_any_banks_levels_from_green_to_red() -> None:
    assert [level_colour(rank, 4) for rank in range(4)] == list(COLOURS.values())
    assert [level_colour(rank, 2) for rank in range(2)] == ["brightgreen", "red"]
    assert level_colour(0, 1) == "brightgreen"
    assert [level_colour(rank, 6) for rank in (0, 5)] == ["brightgreen", "red"]


def test_the_badge_speaks_chinese_when_asked(tmp_path: Path) -> None:
    example = ROOT / "examples" / "credit-risk-scorer.yaml"
    args = ("export", example, "-f", "badge", "--no-scan", "--lang", "zh-CN", "--today", TODAY)
    result = mlready(tmp_path, *args)
    assert result.returncode == ExitCode.OK, result.stderr
    badge = json.loads(result.stdout)
    jsonschema.validate(badge, SHIELDS_ENDPOINT)
    assert badge["label"] == "就绪度"
    assert (badge["message"], badge["color"]) == ("可投产", "brightgreen")


# --- CycloneDX -----------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_exports_valid_cyclonedx(example: Path) -> None:
    assert cyclonedx_problems(export(str(example), "-f", "cyclonedx", "--no-scan")) is None


def test_the_example_repository_exports_valid_cyclonedx_with_its_evidence() -> None:
    answers = ROOT / "examples" / "repository" / "mlready.yaml"
    repo = ROOT / "examples" / "repository"
    text = export(str(answers), "-f", "cyclonedx", "--repo", str(repo))
    assert cyclonedx_problems(text) is None
    declarations = json.loads(text)["declarations"]
    assert any(claim.get("evidence") for claim in declarations["claims"])


def references(document: Any) -> tuple[list[str], list[str]]:
    """Every bom-ref defined in `document`, and every reference to one."""
    defined: list[str] = []
    used: list[str] = []
    links = {"target", "assessor", "requirement", "claims", "evidence", "counterEvidence"}
    links |= {"mitigationStrategies"}

    def walk(node: Any, key: str | None = None) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name == "bom-ref":
                    defined.append(value)
                elif name in links and isinstance(value, str):
                    used.append(value)
                elif name in links and all(isinstance(item, str) for item in value):
                    used.extend(value)
                else:
                    walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    walk(document)
    return defined, used


def test_cyclonedx_holds_the_whole_assessment(audited: Path) -> None:
    text = export("-f", "cyclonedx")
    assert cyclonedx_problems(text) is None
    document = json.loads(text)
    serial = document["serialNumber"]
    assert uuid.UUID(serial.removeprefix("urn:uuid:")).version == 5  # derived from the content
    defined, used = references(document)
    assert len(defined) == len(set(defined))
    assert set(used) <= set(defined), set(used) - set(defined)

    standards = {s["bom-ref"]: s for s in document["definitions"]["standards"]}
    requirements = {
        ref: [r["identifier"] for r in standard["requirements"]]
        for ref, standard in standards.items()
    }
    assert requirements == {
        "standard-mlts": ["mlts-infra-1", "mlts-infra-3"],
        "standard-nist": ["nist-measure-2.1", "nist-measure-2.11"],
        "standard-euaia": ["euaia-art15", "euaia-art11"],
        "standard-deon": ["deon-d5", "deon-c5", "deon-d2"],
        "standard-iso42001": ["iso42001-a.6.2.4"],
        "standard-bank": [
            "delivery.ci",
            "delivery.canary",
            "delivery.docs",
            "delivery.rollback",
            "delivery.schema",
            "delivery.fairness",
        ],
    }

    declarations = document["declarations"]
    assert declarations["assessors"] == [
        {"bom-ref": "assessor-mlready", "thirdParty": False, "organization": {"name": "mlready"}}
    ]
    (target,) = declarations["targets"]["components"]
    assert target["name"] == '=HYPERLINK("http://evil.example")'
    claims = {claim["bom-ref"]: claim for claim in declarations["claims"]}
    # Each answered check is a claim about the system; the unanswered one is none.
    assert list(claims) == [
        f"claim-delivery.{name}" for name in ("ci", "canary", "docs", "rollback", "schema")
    ]
    assert all(claim["target"] == "system" for claim in claims.values())
    assert claims["claim-delivery.ci"]["predicate"] == (
        "Do tests run in CI on every change? Answer: In CI on every change"
    )
    evidence = {item["bom-ref"]: item for item in declarations["evidence"]}
    found = [evidence[ref] for ref in claims["claim-delivery.ci"]["evidence"]]
    assert [item["data"][0]["contents"]["url"] for item in found] == [
        "ci/test.yml#L4",
        "https://ci.example.com/runs/1",
    ]
    (against,) = claims["claim-delivery.canary"]["counterEvidence"]
    assert "an Argo Rollouts canary with steps" in evidence[against]["data"][0]["name"]
    assert claims["claim-delivery.docs"]["mitigationStrategies"] == ["waiver-delivery.docs"]
    waiver = evidence["waiver-delivery.docs"]
    assert waiver["expires"] == "2027-01-31T23:59:59Z"
    assert waiver["reviewer"] == {"name": "Head of ML"}
    assert claims["claim-delivery.rollback"]["externalReferences"] == [
        {
            "type": "poam",
            "url": "https://tracker.example.com/OPS-7",
            "comment": "https://tracker.example.com/OPS-7",
        }
    ]

    (attestation,) = declarations["attestations"]
    assert attestation["assessor"] == "assessor-mlready"
    conformance = {item["requirement"]: item for item in attestation["map"]}
    assert conformance["requirement-check-delivery.ci"]["conformance"]["score"] == 1.0
    rollback = conformance["requirement-check-delivery.rollback"]["conformance"]
    assert rollback["score"] == 0.5
    assert "action: =ops, 2026-12-15" in rollback["rationale"]
    assert "score" not in conformance["requirement-check-delivery.schema"]["conformance"]
    assert conformance["requirement-check-delivery.fairness"]["conformance"] == {
        "score": 0.0,
        "rationale": "unanswered",
    }
    # mlts-infra-3 holds the canary (1, weight 3) and the rollback (0.5, weight 3).
    infra = conformance["requirement-mlts-infra-3"]
    assert infra["claims"] == ["claim-delivery.canary", "claim-delivery.rollback"]
    assert infra["conformance"]["score"] == 0.75
    assert "delivery.rollback (0.5)" in infra["conformance"]["rationale"]
    assert conformance["requirement-deon-d5"]["conformance"]["mitigationStrategies"] == [
        "waiver-delivery.docs"
    ]

    (signatory,) = declarations["affirmation"]["signatories"]
    digest = (audited / "mlready.yaml").read_text(encoding="utf-8").split("sha256:")[1][:64]
    assert signatory["name"] == "Ada"
    assert signatory["role"] == "model owner"
    assert signatory["externalReference"]["hashes"] == [{"alg": "SHA-256", "content": digest}]
    assert signatory["externalReference"]["comment"] == "signed on 2026-11-20: current"


def test_cyclonedx_in_chinese_is_valid_and_keeps_its_ids(audited: Path) -> None:
    english = json.loads(export("-f", "cyclonedx"))
    text = export("-f", "cyclonedx", lang="zh-CN")
    assert cyclonedx_problems(text) is None
    chinese = json.loads(text)
    assert references(chinese) == references(english)
    rationale = chinese["declarations"]["attestations"][0]["map"][-1]["conformance"]["rationale"]
    assert rationale == "未回答"


# --- every format ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["csv", "badge", "cyclonedx"])
def test_two_runs_give_the_same_bytes(audited: Path, name: str) -> None:
    first = mlready(audited, "export", "-f", name, "--today", TODAY, "-o", "first.out")
    second = mlready(audited, "export", "-f", name, "--today", TODAY, "-o", "second.out")
    assert first.returncode == second.returncode == ExitCode.OK, first.stderr + second.stderr
    written = (audited / "first.out").read_bytes()
    assert written == (audited / "second.out").read_bytes()
    # What stdout shows is the same document (Click's test runner reads CRLF as LF).
    assert export("-f", name).encode() == written.replace(b"\r\n", b"\n")


def test_the_library_call_is_the_command(audited: Path) -> None:
    review = api.review("mlready.yaml", today=dt.date.fromisoformat(TODAY))
    assert api.export(review, format="cyclonedx") == export("-f", "cyclonedx")
    with pytest.raises(InputError, match="unknown export format 'pdf'"):
        api.export(review, format="pdf")


def test_an_unknown_format_is_a_usage_error(audited: Path) -> None:
    code, out, err = run("export", "-f", "pdf")
    assert code == ExitCode.INVALID
    assert not out
    assert "pdf" in err
    code, _out, err = run("export")
    assert code == ExitCode.INVALID
    assert "--format" in err


def test_writes_go_through_the_output_policy(audited: Path) -> None:
    answers = (audited / "mlready.yaml").read_text(encoding="utf-8")
    code, _out, err = run("export", "-f", "csv", "-o", "mlready.yaml", "--force")
    assert code == ExitCode.INVALID
    assert (audited / "mlready.yaml").read_text(encoding="utf-8") == answers
    # A CycloneDX document mlready wrote carries its mark, and is replaced without --force.
    assert export("-f", "cyclonedx", "-o", "bom.json") == ""
    assert written_by_mlready((audited / "bom.json").read_text(encoding="utf-8"))
    assert export("-f", "cyclonedx", "-o", "bom.json") == ""
    # CSV and the badge have no room for a mark: replacing one takes --force.
    for name, path in (("csv", "checks.csv"), ("badge", "badge.json")):
        assert export("-f", name, "-o", path) == ""
        code, _out, err = run("export", "-f", name, "-o", path, "--today", TODAY)
        assert code == ExitCode.INVALID
        assert "use --force" in err
        assert export("-f", name, "-o", path, "--force") == ""


def test_help_lists_export() -> None:
    code, out, _err = run("--help")
    assert code == ExitCode.OK
    assert re.search(r"export\s+Export the review for other tools", out)


@pytest.mark.parametrize(
    "name", ["csv", "badge", "cyclonedx", "oscal-ar", "oscal-poam", "model-card", "annex-iv"]
)
def test_hostile_text_stays_data(audited: Path, name: str) -> None:
    text = (
        ANSWERS.replace("name: '=HYPERLINK(\"http://evil.example\")'", f"name: {HOSTILE_YAML}")
        .replace("note: No structured input", f"note: {HOSTILE_YAML}")
        .replace("approved_by: Head of ML", f"approved_by: {HOSTILE_YAML}")
    )
    (audited / "mlready.yaml").write_text(text, encoding="utf-8")
    out = export("-f", name, "--no-scan")
    if name == "csv":
        notes = [row[7] for row in rows_of(out) if row[0] == "delivery.schema"]
        assert notes == [HOSTILE]  # quoted as CSV, never changed: no formula starts it
        return
    if name in ("model-card", "annex-iv"):
        from markdown_it import MarkdownIt

        html = MarkdownIt("commonmark").render(out)
        assert "<img" not in html and "javascript:" not in html.replace("(javascript:x)", "")
        assert no_control_characters(out)
        return
    document = json.loads(out)
    if name.startswith("oscal"):
        kind = "assessment-results" if name == "oscal-ar" else "plan-of-action-and-milestones"
        oscal_document(out, kind)
        assert HOSTILE.split("\x1b")[0].split(" ")[0] in out
    if name == "cyclonedx":
        assert cyclonedx_problems(out) is None
        assert document["declarations"]["targets"]["components"][0]["name"] == HOSTILE
        claim = document["declarations"]["claims"][-1]
        assert claim["reasoning"] == HOSTILE
    assert no_control_characters(out)  # JSON escapes them; the terminal never sees one


# --- OSCAL ---------------------------------------------------------------------------------


def oscal_document(text: str, kind: str) -> dict[str, Any]:
    """The OSCAL document in `text`, validated by compliance-trestle's models of OSCAL 1.2."""
    from trestle.oscal.assessment_results import AssessmentResults
    from trestle.oscal.poam import PlanOfActionAndMilestones

    document = json.loads(text)
    assert list(document) == [kind]
    model = AssessmentResults if kind == "assessment-results" else PlanOfActionAndMilestones
    model.model_validate(document[kind])  # raises on any key, value or pattern OSCAL refuses
    body: dict[str, Any] = document[kind]
    return body


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_exports_valid_oscal(example: Path) -> None:
    results = oscal_document(
        export(str(example), "-f", "oscal-ar", "--no-scan"), "assessment-results"
    )
    code, out, err = run("check", str(example), "--no-scan", "-f", "json", "--today", TODAY)
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED), err
    checked = json.loads(out)
    findings = results["results"][0].get("findings", [])
    # Each open gap is one finding, its check the target, not satisfied.
    assert len(findings) == len(checked["gaps"]) - sum(
        1 for g in checked["gaps"] if g.get("waived")
    )
    assert {f["target"]["target-id"] for f in findings} <= {g["id"] for g in checked["gaps"]}
    assert all(f["target"]["status"]["state"] == "not-satisfied" for f in findings)
    poam = oscal_document(
        export(str(example), "-f", "oscal-poam", "--no-scan"), "plan-of-action-and-milestones"
    )
    assert len(poam["poam-items"]) == max(1, len(checked["gaps"]))


def test_oscal_holds_the_answers_evidence_waivers_actions_and_sign_off(audited: Path) -> None:
    results = oscal_document(export("-f", "oscal-ar"), "assessment-results")
    result = results["results"][0]
    by_check: dict[str, list[dict[str, Any]]] = {}
    for observation in result["observations"]:
        check = next(p["value"] for p in observation["props"] if p["name"] == "check")
        by_check.setdefault(check, []).append(observation)
    ci = by_check["delivery.ci"]
    assert [o["methods"] for o in ci][:2] == [["INTERVIEW"], ["EXAMINE"]]
    assert any(e["href"] == "ci/test.yml#L4" for o in ci for e in o.get("relevant-evidence", []))
    canary = [o["title"] for o in by_check["delivery.canary"]]
    assert any(title.startswith("not found: ") for title in canary)
    findings = {f["target"]["target-id"]: f for f in result["findings"]}
    # The waived docs gap is accepted: no finding; rollback (partial) and fairness (unanswered) are.
    assert set(findings) == {"delivery.rollback", "delivery.fairness", "delivery.canary"} - {
        "delivery.canary"
    } | ({"delivery.canary"} if "delivery.canary" in findings else set())
    assert "delivery.docs" not in findings
    assert [p["title"] for a in result["attestations"] for p in a["parts"]] == ["Ada, model owner"]
    poam = oscal_document(export("-f", "oscal-poam"), "plan-of-action-and-milestones")
    items = {
        next(p["value"] for p in i["props"] if p["name"] == "check"): i for i in poam["poam-items"]
    }
    rollback = items["delivery.rollback"]
    assert {p["name"]: p["value"] for p in rollback["props"]} | {"area": "delivery"} == {
        "check": "delivery.rollback",
        "area": "delivery",
        "severity": "major",
        "owner": "=ops",
        "due": "2026-12-15",
        "ticket": "https://tracker.example.com/OPS-7",
    }
    assert rollback["links"] == [{"href": "https://tracker.example.com/OPS-7", "rel": "related"}]
    risks = {r["uuid"]: r for r in poam["risks"]}
    risk = risks[rollback["related-risks"][0]["risk-uuid"]]
    assert (risk["status"], risk["deadline"]) == ("open", "2026-12-15T23:59:59+00:00")
    owner = risk["remediations"][0]["tasks"][0]["responsible-roles"][0]["party-uuids"][0]
    parties = {p["uuid"]: p["name"] for p in poam["metadata"]["parties"]}
    assert parties[owner] == "=ops"
    docs = risks[items["delivery.docs"]["related-risks"][0]["risk-uuid"]]
    assert docs["status"] == "deviation-approved"
    assert "Head of ML" in docs["mitigating-factors"][0]["description"]


@pytest.mark.parametrize("output_format", ["oscal-ar", "oscal-poam", "model-card", "annex-iv"])
def test_each_export_is_the_same_bytes_twice_and_replaced_without_force(
    audited: Path, output_format: str
) -> None:
    first = export("-f", output_format)
    assert export("-f", output_format) == first
    assert export("-f", output_format, "-o", "out.doc") == ""
    assert export("-f", output_format, "-o", "out.doc") == ""  # its own output: no --force
    assert (audited / "out.doc").read_text(encoding="utf-8") == first
    if output_format.startswith("oscal"):
        assert written_by_mlready(first)
        assert uuid.UUID(json.loads(first)[next(iter(json.loads(first)))]["uuid"]).version == 5


# --- model card and Annex IV ---------------------------------------------------------------


def markdown_headings(text: str) -> list[tuple[int, str]]:
    """Each heading of `text` as a Markdown parser reads it: (level, text)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    return [
        (int(token.tag[1]), tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


HUGGING_FACE_SECTIONS = [
    "Model Details",
    "Model Description",
    "Uses",
    "Direct Use",
    "Out-of-Scope Use",
    "Bias, Risks, and Limitations",
    "Recommendations",
    "Evaluation",
    "Results",
    "Training Details",
    "Training Data",
    "Training Procedure",
]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_the_model_card_is_one_hugging_face_reads(example: Path) -> None:
    from huggingface_hub import ModelCard

    text = export(str(example), "-f", "model-card", "--no-scan")
    card = ModelCard(text)
    _code, out, _err = run("check", str(example), "--no-scan", "-f", "json", "--today", TODAY)
    checked = json.loads(out)
    assert card.data.to_dict()["mlready"] == {
        "bank": checked["bank"],
        "level": checked["level"],
        "score": f"{checked['score']:g}",
        "gate": "passed" if checked["passed"] else "failed",
        "reviewed": TODAY,
    }
    titles = [title for _level, title in markdown_headings(card.text)]
    assert titles[0].startswith("Model Card for ")
    assert [t for t in titles if t in HUGGING_FACE_SECTIONS] == HUGGING_FACE_SECTIONS
    assert "[More Information Needed]" in card.text  # what the review cannot say, e.g. the licence


def test_the_model_card_marks_unanswered_checks_and_invents_nothing(audited: Path) -> None:
    text = export("-f", "model-card")
    fairness = next(line for line in text.splitlines() if "Are outcomes compared" in line)
    assert "[More Information Needed] (unanswered)" in fairness
    assert "ci/test.yml:4" in text  # the evidence the scan found
    assert "license:" not in text.split("---")[1]  # no metadata the answers do not give


def test_annex_iv_has_its_nine_points_in_order() -> None:
    example = ROOT / "examples" / "credit-risk-scorer.yaml"
    text = export(str(example), "-f", "annex-iv", "--no-scan")
    points = [title for level, title in markdown_headings(text) if level == 2]
    assert [title.split(".")[0] for title in points] == [str(n) for n in range(1, 10)]
    assert "Article 9" in points[4] and "Article 72" in points[8]


def test_annex_iv_lists_what_each_point_lacks(audited: Path) -> None:
    sections = re.split(r"^## ", export("-f", "annex-iv"), flags=re.MULTILINE)
    # delivery.docs (euaia-art11, answered no under a waiver) documents point 2 and is missing.
    recorded, _sep, missing = sections[2].partition("### Missing")
    assert "(`delivery.docs`)" in recorded and "`delivery.docs`:" in missing
    # delivery.canary (euaia-art15) is at full marks: recorded under point 4, missing nothing.
    assert "(`delivery.canary`)" in sections[4] and "Nothing: every check" in sections[4]
    assert "No check of the review documents this point" in sections[7]  # standards applied


def test_chinese_exports_translate_prose_only() -> None:
    example = ROOT / "examples" / "credit-risk-scorer.yaml"
    english = oscal_document(
        export(str(example), "-f", "oscal-ar", "--no-scan"), "assessment-results"
    )
    chinese = oscal_document(
        export(str(example), "-f", "oscal-ar", "--no-scan", lang="zh-CN"), "assessment-results"
    )
    assert [f["target"] for f in chinese["results"][0]["findings"]] == [
        f["target"] for f in english["results"][0]["findings"]
    ]
    assert re.search("[\u4e00-\u9fff]", chinese["results"][0]["title"])
    card = export(str(example), "-f", "annex-iv", "--no-scan", lang="zh-CN")
    assert re.search("[\u4e00-\u9fff]", markdown_headings(card)[1][1])
