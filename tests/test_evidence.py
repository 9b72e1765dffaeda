"""Evidence from the repository: probes over a real git repository built in a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mlready.core.errors import ExitCode, InputError
from mlready.core.model import Bank
from mlready.io.bank_file import load_bank
from mlready.io.scan import Repository, scan
from mlready.render.signatures import SCAN_MARKER
from tests.helpers.commands import run
from tests.helpers.git_repositories import git, repository
from tests.helpers.one_file import OneFile
from tests.helpers.probed_bank import ANSWERS, BANK, ROLLOUT, WORKFLOW


@pytest.fixture
def delivered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A service repository with tests in CI and a canary rollout."""
    root = repository(
        tmp_path / "service",
        {
            "bank.yaml": BANK,
            "mlready.yaml": ANSWERS,
            ".github/workflows/ci.yml": WORKFLOW,
            "deploy/prod/rollout.yaml": ROLLOUT,
        },
    )
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same answers in a repository that shows none of it (the CI file is not tracked)."""
    root = repository(
        tmp_path / "bare",
        {"bank.yaml": BANK, "mlready.yaml": ANSWERS},
        untracked={".github/workflows/ci.yml": WORKFLOW},
    )
    monkeypatch.chdir(root)
    return root


def check_json(*args: str) -> tuple[int, dict[str, object]]:
    code, out, err = run("check", "--bank", "bank.yaml", "-f", "json", *args)
    assert "Traceback" not in err
    return code, json.loads(out)


def test_findings_evidence_the_answers(delivered: Path) -> None:
    code, document = check_json("--allow-incomplete")
    assert code == ExitCode.OK
    evidence = document["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["delivery.ci"]["state"] == "evidenced"
    (finding,) = evidence["delivery.ci"]["findings"]
    assert finding == {
        "probe": "ci-runs-tests",
        "path": ".github/workflows/ci.yml",
        "line": 5,
        "text": "- run: python -m pytest -q",
        "says": "a CI workflow runs the tests",
        "reliability": "high",
        "supports": "automated",
    }
    canary = evidence["delivery.canary"]
    assert canary["state"] == "evidenced"
    assert [(f["probe"], f["path"], f["line"]) for f in canary["findings"]] == [
        # In the second YAML document; one finding per file, the most reliable.
        ("argo-canary", "deploy/prod/rollout.yaml", 10),
    ]
    assert "delivery.docs" not in evidence  # unanswered, and nothing found for it


def test_a_repository_that_shows_nothing_contradicts_and_untracked_files_are_no_evidence(
    bare: Path,
) -> None:
    code, document = check_json()
    # delivery.docs is unanswered, but a minor check: optional, it fails no gate.
    assert code == ExitCode.OK
    assert document["unanswered"] == ["delivery.docs"] and document["unanswered_minor"] == 1
    evidence = document["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["delivery.ci"]["state"] == "contradicted"
    assert evidence["delivery.ci"]["missing"] == [
        {"probe": "ci-runs-tests", "says": "a CI workflow runs the tests", "reliability": "high"}
    ]
    code, out, _ = run("check", "--bank", "bank.yaml", "--allow-incomplete")
    assert code == ExitCode.OK  # contradictions fail only when asked
    assert "Evidence: 0 evidenced · 2 not shown · 0 claimed" in out
    assert (
        "Not shown by the repository (2)\n"
        "  delivery.ci: not found: a CI workflow runs the tests (high)" in out
    )


def test_the_contradiction_gate(bare: Path) -> None:
    code, document = check_json("--allow-incomplete", "--fail-on-contradicted")
    assert code == ExitCode.GATE_FAILED
    assert document["reasons"] == [
        "2 answers the repository does not show (delivery.ci, delivery.canary)"
    ]
    (bare / ".mlready.toml").write_text("fail-on-contradicted = true\n", encoding="utf-8")
    code, _ = check_json("--allow-incomplete")
    assert code == ExitCode.GATE_FAILED


def test_the_evidence_requirement_gate(delivered: Path) -> None:
    (delivered / "mlready.yaml").write_text(ANSWERS + "  delivery.docs: yes\n", encoding="utf-8")
    code, document = check_json("--require-evidence", "minor")
    assert code == ExitCode.GATE_FAILED
    assert document["reasons"] == [
        "1 check of severity minor or worse at full marks with no evidence (delivery.docs)"
    ]
    code, _ = check_json("--require-evidence", "major")
    assert code == ExitCode.OK


def test_a_person_records_evidence_elsewhere_or_silences_a_probe(bare: Path) -> None:
    answers = (
        "mlready: 1\nanswers:\n"
        "  delivery.ci:\n    value: automated\n    evidence: https://ci.example.com/ranker\n"
        "  delivery.canary:\n    value: canary\n"
        "    not_detected: {argo-canary: rolled out by the platform team's own tool}\n"
        "  delivery.docs:\n    value: yes\n    evidence: docs/model-card.md\n"
    )
    (bare / "mlready.yaml").write_text(answers, encoding="utf-8")
    code, document = check_json("--fail-on-contradicted")
    evidence = document["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["delivery.ci"]["state"] == "claimed"
    assert evidence["delivery.ci"]["external"] == ["https://ci.example.com/ranker"]
    assert evidence["delivery.canary"]["state"] == "claimed"
    assert evidence["delivery.canary"]["not_detected"] == {
        "argo-canary": "rolled out by the platform team's own tool"
    }
    assert evidence["delivery.docs"]["state"] == "contradicted"  # the named file is missing
    assert evidence["delivery.docs"]["paths_missing"] == ["docs/model-card.md"]
    assert code == ExitCode.GATE_FAILED
    (bare / "docs").mkdir()
    (bare / "docs" / "model-card.md").write_text("# Card\n", encoding="utf-8")
    git(bare, "add", "docs")
    code, document = check_json("--fail-on-contradicted")
    assert document["evidence"]["delivery.docs"]["state"] == "evidenced"  # type: ignore[index]
    assert code == ExitCode.OK


EVIDENCE_PATHS = {
    # evidence as written: (its state, where the judgement lists it)
    "README.md#L1": ("evidenced", "paths_found"),  # an anchor: the path is README.md
    "docs/..md": ("evidenced", "paths_found"),  # a file named `..md`, in the repository
    "..md": ("evidenced", "paths_found"),
    "../outside.md": ("contradicted", "paths_outside"),  # exists, but not in the repository
    "docs/../../outside.md": ("contradicted", "paths_outside"),
    "/etc/hostname": ("contradicted", "paths_outside"),
    "http://ci.example.com/ranker": ("claimed", "not_accepted"),  # http is not https
    "#L1": ("claimed", "not_accepted"),  # an anchor of nothing
}


@pytest.mark.parametrize("written", EVIDENCE_PATHS, ids=EVIDENCE_PATHS.keys())
def test_an_evidence_path_is_judged_inside_the_repository_only(bare: Path, written: str) -> None:
    for name in ("README.md", "..md", "docs/..md"):
        (bare / name).parent.mkdir(exist_ok=True)
        (bare / name).write_text("# Card\n", encoding="utf-8")
    git(bare, "add", "-A")
    (bare.parent / "outside.md").write_text("# Outside\n", encoding="utf-8")
    answers = f"mlready: 1\nanswers:\n  delivery.docs:\n    value: yes\n    evidence: '{written}'\n"
    (bare / "mlready.yaml").write_text(answers, encoding="utf-8")
    state, listed = EVIDENCE_PATHS[written]
    code, document = check_json("--allow-incomplete")
    judged = document["evidence"]["delivery.docs"]  # type: ignore[index]
    assert judged["state"] == state
    if listed == "not_accepted":
        (refused,) = judged["not_accepted"]
        assert refused["evidence"] == written
    else:
        assert judged[listed] == [written]
    code, out, err = run("scan", "--bank", "bank.yaml")
    assert code == ExitCode.OK, err
    expected = {
        "paths_found": f"  {written} is in the repository",
        "paths_outside": f"  {written} is outside the repository; not read",
        "not_accepted": f"  not accepted: {written}: ",
    }[listed]
    assert expected in out
    if written.startswith("http://"):
        assert "an http link is not accepted as evidence kept outside the repository" in out


def test_scan_suggests_answers_and_reports_in_every_format(delivered: Path) -> None:
    (delivered / "mlready.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    code, out, err = run("scan", "--bank", "bank.yaml")
    assert code == ExitCode.OK, err
    assert "delivery.ci: unanswered; the repository suggests: In CI on every change" in out
    assert "  .github/workflows/ci.yml:5 `- run: python -m pytest -q`: a CI workflow runs" in out
    assert "delivery.canary: unanswered; the repository suggests: A canary with automatic" in out
    code, out, _ = run("scan", "--bank", "bank.yaml", "-f", "json")
    assert json.loads(out)["evidence"]["delivery.ci"]["suggested"] == "automated"
    code, out, _ = run("scan", "--bank", "bank.yaml", "-f", "markdown")
    assert out.startswith(f"{SCAN_MARKER}\n### mlready scan: mlready.yaml\n")


def test_sarif_locates_each_contradicted_answer(bare: Path) -> None:
    from tests.helpers.sarif import sarif_schema

    _, out, _ = run("scan", "--bank", "bank.yaml", "-f", "sarif")
    document = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    results = document["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("delivery.ci", "error"),
        ("delivery.canary", "error"),
    ]
    region = results[0]["locations"][0]["physicalLocation"]
    assert region == {"artifactLocation": {"uri": "mlready.yaml"}, "region": {"startLine": 4}}
    assert "a CI workflow runs the tests (high)" in results[0]["message"]["text"]
    _, out, _ = run("check", "--bank", "bank.yaml", "-f", "sarif", "--allow-incomplete")
    check_results = json.loads(out)["runs"][0]["results"]
    assert [r["message"]["text"] for r in check_results if r["ruleId"] == "delivery.ci"] == [
        results[0]["message"]["text"]
    ]


def test_the_scan_never_leaves_the_repository_nor_reads_what_it_must_not(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text("run: pytest\n", encoding="utf-8")
    root = repository(
        tmp_path / "repo",
        {
            "bank.yaml": BANK,
            "big/.gitlab-ci.yml": "x" * (1024 * 1024 + 10) + "\npytest\n",
        },
    )
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "ci.yml").symlink_to(outside)
    (root / ".gitlab-ci.yml").write_bytes(b"pytest\0binary\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "links")
    bank = load_bank(root / "bank.yaml")
    probes = [("delivery.ci", probe) for probe in bank.questions["delivery.ci"].evidence]
    repo = Repository(root)
    assert ".github/workflows/ci.yml" in repo.files  # tracked, as a link
    assert scan(repo, probes)[("delivery.ci", "ci-runs-tests")] == []


def test_outside_git_the_tree_is_scanned_less_hidden_folders_environments_and_repositories(
    tmp_path: Path,
) -> None:
    root = tmp_path / "plain"
    (root / "ci").mkdir(parents=True)
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / ".venv" / "pyvenv.cfg").write_text("", encoding="utf-8")
    (root / "env").mkdir()
    (root / "env" / "pyvenv.cfg").write_text("", encoding="utf-8")
    (root / "node_modules").mkdir()
    (root / "vendor" / ".git").mkdir(parents=True)  # another repository, inside this folder
    names = ("ci/a.yml", ".venv/lib/b.yml", "env/c.yml", "node_modules/d.yml", "vendor/f.yml")
    for name in (*names, "e.yml"):
        (root / name).write_text("x\n", encoding="utf-8")
    assert Repository(root).files == ["ci/a.yml", "e.yml"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(ab)\\\\1", "invalid escape sequence"),  # a backreference
        ("a(?!b)", "invalid perl operator"),  # look-ahead
        ("[unclosed", "missing ]"),
    ],
)
def test_a_pattern_re2_cannot_run_is_a_located_error(
    tmp_path: Path, pattern: str, expected: str
) -> None:
    text = BANK.replace('contains: "pytest|python -m unittest"', f'contains: "{pattern}"')
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_bank(path)
    (message,) = caught.value.messages
    line, column = next(
        (n, row.index('"') + 1) for n, row in enumerate(text.splitlines(), 1) if "contains:" in row
    )
    assert message.startswith(f"{path}:{line}:{column}: contains: not a pattern mlready can run (")
    assert expected in message


@pytest.mark.parametrize(
    "pattern",
    [
        r"^\s*FROM\s+\S+@sha256:",
        r"mlflow\.(log_model|register_model)",
        "canaryTrafficPercent",
        "pytest|python -m unittest",
        r"image:\s*\S+@sha256:[0-9a-f]{64}",
        r"\S+\s+\S+\s+\S+",
        r'"[^"]*"\s*:\s*"[^"]*"',
        r"^\s*-\s+uses:\s*[\w./-]+@[0-9a-f]{40}",
        "(?i)great_expectations|pandera",
        r"model.*\.(onnx|tflite)",
        r"(https?://)?registry\.example\.com",
        r"mvn .*\btest|gradle.*\btest",  # one `.*` in each alternative
        # Refused while patterns ran on a backtracking engine; linear with RE2.
        "(a+)+$",
        "((a)+)+$",
        "(a?){28}a{28}",
        "(?:x|xy){1,40}z",
        ".*.*.*X",
        "a.*b.*X",
    ],
)
def test_an_ordinary_pattern_is_accepted(tmp_path: Path, pattern: str) -> None:
    text = BANK.replace('contains: "pytest|python -m unittest"', f"contains: '{pattern}'")
    (tmp_path / "bank.yaml").write_text(text, encoding="utf-8")
    code, out, err = run("bank", "validate", "--bank", tmp_path / "bank.yaml")
    assert code == ExitCode.OK, err
    assert "valid: probed@1" in out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("supports: automated\n", "supports: always\n"),
         "supports: 'delivery.ci' has no option 'always'"),
        (("            supports: canary\n            required_for: canary\n", ""),
         "a probe needs 'supports' or 'required_for'"),
        (("          - id: rollout-kind", "          - id: argo-canary"), "duplicate probe id"),
        (("            key: kind\n", ""), "'equals' compares the value at 'key'"),
    ],
)  # fmt: skip
def test_probe_rules(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in BANK
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=expected):
        load_bank(path)


def test_a_layer_adds_replaces_and_disables_probes(tmp_path: Path) -> None:
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        "bank: acme\nversion: 1\nextends: bank.yaml\noverride:\n  delivery.canary:\n"
        "    disable_evidence: [rollout-kind]\n"
        "    evidence:\n      - id: argo-canary\n        files: [k8s/*.yaml]\n"
        "        key: spec.strategy.canary\n        supports: canary\n        says: ours\n"
        "      - id: flagger\n        files: [k8s/canary.yaml]\n        key: spec.analysis\n"
        "        supports: canary\n        says: a Flagger canary with analysis\n",
        encoding="utf-8",
    )
    probes = load_bank(layer).questions["delivery.canary"].evidence
    assert [(probe.id, probe.says) for probe in probes] == [
        ("argo-canary", "ours"),
        ("flagger", "a Flagger canary with analysis"),
    ]


# --- How the scan keeps fast without changing what it finds ---------------------------------

PIECES = [
    "a", "b", "ab", "ca", "\\.", "\\(", ".", "[ab]", "[^a]", "(a|b)", "(ab|c)", "(ab|c)?",
    "(?:a)", "a?", "b*", "c+", "a{2}", "^", "$", "\\s", "\\b", "\\w+", "\\S", "\\A", "\\z",
    "(?-i:a)",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet="ab./_", min_size=1, max_size=12).filter(
            lambda name: not name.startswith("/") and not name.endswith("/") and "//" not in name
        ),
        max_size=12,
    ),
    st.text(alphabet="ab./_*?[]!-", min_size=1, max_size=10),
)
def test_globs_match_the_same_names_through_the_index(names: list[str], glob: str) -> None:
    from mlready.core.globs import glob_problem, parse_glob

    assume(glob_problem(glob) is None)
    repo = Repository(Path(__file__).parent)  # any folder: the files are given below
    repo.__dict__["files"] = sorted(set(names))  # the listing, without a repository to list
    parsed = parse_glob(glob)
    assert repo.matching([glob]) == [name for name in repo.files if parsed.matches(name)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab./_\né", min_size=1, max_size=10), min_size=0, max_size=60),
    st.text(alphabet="ab./_*?[]!-é", min_size=1, max_size=10),
)
def test_a_glob_matches_many_names_at_once_as_it_matches_each(names: list[str], glob: str) -> None:
    # Many names are searched as the lines of one text; a name with a line break among them
    # must neither match as two names nor hide the others.
    from mlready.core.globs import glob_problem, parse_glob

    assume(glob_problem(glob) is None)
    parsed = parse_glob(glob)
    assert parsed.matching(names) == [name for name in names if parsed.matches(name)]


def test_the_answers_file_and_the_bank_are_not_scanned(delivered: Path) -> None:
    (delivered / "notes.yaml").write_text("tests: pytest -q\n", encoding="utf-8")
    git(delivered, "add", "-A")
    bank = BANK.replace('files: [".github/workflows/*.yml", ".gitlab-ci.yml"]', 'files: ["*.yaml"]')
    (delivered / "bank.yaml").write_text(bank, encoding="utf-8")  # holds "pytest" itself
    git(delivered, "commit", "-qam", "a bank that finds itself, were it scanned")
    _, document = check_json("--allow-incomplete")
    (finding,) = document["evidence"]["delivery.ci"]["findings"]  # type: ignore[index]
    assert finding["path"] == "notes.yaml"


# --- The report shows the evidence ----------------------------------------------------------


def test_the_report_counts_the_evidence_and_shows_it_per_check(bare: Path) -> None:
    (bare / "mlready.yaml").write_text(ANSWERS + "  delivery.docs: no\n", encoding="utf-8")
    code, out, err = run("report", "--bank", "bank.yaml", "--no-history", "-o", "-")
    assert code == ExitCode.OK, err
    assert (
        "- **Evidence from the repository:** 0 evidenced · 2 not shown · 1 claimed; "
        "not shown: `delivery.ci`, `delivery.canary`.\n" in out
    )
    assert "## Answers the repository does not show\n" in out
    assert (
        "- `delivery.ci` Do tests run in CI on every change? Answer: In CI on every change.\n"
        "  - not found: a CI workflow runs the tests (high)\n" in out
    )
    assert "| Check | Area | Answer | Score | Evidence |\n" in out
    assert (
        "| Do tests run in CI on every change? | Delivery | In CI on every change | 1 | "
        "not shown |\n" in out
    )
    assert "| Is the model documented? | Delivery | Nothing | 0 | claimed |\n" in out
    code, out, _ = run("report", "--bank", "bank.yaml", "--no-history", "--no-scan", "-o", "-")
    assert code == ExitCode.OK
    assert "Evidence" not in out
    assert "Contradicted" not in out
    assert "| Check | Area | Answer | Score |\n" in out


def test_the_report_shows_where_evidence_was_found(delivered: Path) -> None:
    (delivered / "mlready.yaml").write_text(
        ANSWERS.replace("delivery.canary: canary", "delivery.canary: manual"), encoding="utf-8"
    )
    code, out, _ = run("report", "--bank", "bank.yaml", "--no-history", "-o", "-")
    assert code == ExitCode.OK
    assert "| In CI on every change | 1 | evidenced: .github/workflows/ci.yml:5 |\n" in out
    # A gap (a manual rollout) with what the repository shows of it, the strongest first.
    assert (
        "- **The repository (evidenced):** deploy/prod/rollout.yaml:10 \\`steps:\\`: "
        "an Argo Rollouts canary with steps (medium)\n" in out
    )
    code, out, _ = run("report", "--bank", "bank.yaml", "--no-history", "-o", "-", "-f", "html")
    assert code == ExitCode.OK
    assert "<th>Evidence</th>" in out
    assert '<td class="evidence evidenced">evidenced: .github/workflows/ci.yml:5</td>' in out
    assert (
        "<li><strong>The repository (evidenced):</strong> deploy/prod/rollout.yaml:10 "
        "`steps:`: an Argo Rollouts canary with steps (medium)</li>" in out
    )


def test_a_report_template_of_ones_own_gets_the_evidence(delivered: Path) -> None:
    (delivered / "mine.md.j2").write_text(
        "{{ evidence_counts }}\n{% for id, item in evidence.items() %}{{ id }}: "
        "{{ item.state.value }}\n{% endfor %}{{ card.answered_checks | check_rows(card) }}\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "report", "--bank", "bank.yaml", "--no-history", "--template", "mine.md.j2", "-o", "-"
    )
    assert code == ExitCode.OK, err
    assert "2 evidenced · 0 not shown · 0 claimed\ndelivery.ci: evidenced\n" in out
    assert out.rstrip().endswith(
        "| Are new model versions rolled out as a canary? | Delivery | "
        "A canary with automatic analysis | 1 |"
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4), min_size=1, max_size=3),
    st.booleans(),
    st.text(alphabet="abcAB.( \n\r\u2028İ", max_size=40),
)
def test_the_line_search_finds_the_first_line_that_matches(
    branches: list[list[str]], ignore_case: bool, text: str
) -> None:
    from mlready.core.patterns import regex
    from mlready.io.scan import _File, _Pattern

    pattern = ("(?i)" if ignore_case else "") + "|".join("".join(branch) for branch in branches)
    each = regex(pattern, lines=False)  # the same engine, over each line alone
    expected = next(
        (n for n, line in enumerate(text.splitlines(), 1) if each.search(line) is not None),
        None,
    )
    hit = _Pattern(pattern).first_line(_File(OneFile(text), "file"))  # type: ignore[arg-type]
    assert (hit.line if hit else None) == expected


def test_a_hostile_long_line_is_not_searched_and_a_slow_scan_stops_with_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlready.io.scan as scan_module

    hostile = "X pytest" + "pytest" * 150_000  # one line of 900,000 characters
    root = repository(
        tmp_path / "hostile",
        {".github/workflows/ci.yml": hostile, "tests/ci.yml": "x\n" * 10 + "pytest\n"},
    )
    bank = load_bank_text(tmp_path, BANK.replace("pytest|python -m unittest", "pytest.*X"))
    probes = [(q.id, probe) for q in bank.questions.values() for probe in q.evidence]
    findings = scan(Repository(root), probes)  # the long line is skipped: no minutes of search
    assert findings.get(("delivery.ci", "ci-runs-tests"), []) == []
    monkeypatch.setattr(scan_module, "SCAN_SECONDS", -1.0)  # every search is past its time
    with pytest.raises(InputError) as caught:
        scan(Repository(root), probes)
    assert "the scan stopped after -1 s searching this file for /pytest.*X/" in str(caught.value)


def load_bank_text(folder: Path, text: str) -> Bank:
    path = folder / "probed.yaml"
    path.write_text(text, encoding="utf-8")
    return load_bank(path)


def test_a_file_name_that_is_not_utf8_is_matched_and_shown_without_a_traceback(
    tmp_path: Path,
) -> None:
    # Outside git the names come from the file system, whose bytes need not be UTF-8.
    from tests.helpers.commands import mlready

    names = [b"x\xff_test.py", b"deploy_\xfe.yaml"] + [f"n{n}_test.py".encode() for n in range(20)]
    try:
        for name in names:
            (tmp_path / os.fsdecode(name)).write_text(
                "def test_it():\n    assert True\n", encoding="utf-8"
            )
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    repo = Repository(tmp_path)
    found = repo.matching(["**/*_test.py"])
    assert os.fsdecode(b"x\xff_test.py") in found and len(found) == 21
    shutil.copy(Path(__file__).parents[1] / "examples" / "support-assistant.yaml", tmp_path)
    for output in ("text", "json"):
        done = mlready(tmp_path, "scan", "support-assistant.yaml", "--format", output)
        assert done.returncode == ExitCode.OK, done.stderr
        assert "Traceback" not in done.stderr
