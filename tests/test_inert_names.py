"""Names from a repository, git, a bank or an answers file are inert in every text output:
no control character, escape sequence or bidirectional control reaches a terminal or a CI
log raw, and no name forges a line. Each command runs over a repository with hostile file
names, bank texts and answers (as a process where the bytes of a name outside UTF-8 are
tested); a property test sends random file names through scan's four formats."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlready.core.errors import ExitCode
from mlready.core.scoring import Scorecard
from mlready.render.evidence import (
    ScanResult,
    render_scan_json,
    render_scan_markdown,
    render_scan_sarif,
    render_scan_text,
)
from tests.helpers.commands import english_environment, run_in
from tests.helpers.git_repositories import git, repository
from tests.helpers.probed_bank import ANSWERS, BANK, ROLLOUT, WORKFLOW

# What may never be printed raw: C0 but newline, DEL, C1, line and paragraph separators,
# bidirectional controls and marks.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
FORGED = re.compile(r"^[\s>*|-]*(?:\\?-\s*)?forged", re.MULTILINE)

HOSTILE_FILES = {
    ".github/workflows/\x1b]0;title\x07ci\u202e\n\nforged: evidenced\n.yml": WORKFLOW,
    "deploy/prod/\x1b[31mred\x85\u2028\u2066x\t.yaml": ROLLOUT,
}
HOSTILE_BANK = (
    BANK.replace(
        "prompt: Do tests run in CI on every change?",
        'prompt: "Do tests run\\e[31m in CI\\u202e?\\nforged: prompt\\N"',
    )
    .replace("says: a CI workflow runs the tests", 'says: "a CI\\e]0;x\\a run\\nforged: says"')
    .replace("why: Untested changes ship bugs.", 'why: "Untested\\e[2J\\nforged: why"')
    .replace("label: In CI on every change", 'label: "In CI\\e[1m\\u2067\\nforged: label"')
    .replace("title: Delivery", 'title: "Deli\\u202every\\x9b\\nforged: title"')
)
HOSTILE_ANSWERS = ANSWERS.replace(
    "answers:\n",
    'project: {name: "shop\\e[31m\\nforged: project", owner: "o\\u202eo\\u2028"}\nanswers:\n',
) + (
    '  delivery.docs: {value: no, note: "n\\e]8;;x\\a\\nforged: note",'
    ' evidence: ["e\\e[1m\\r\\nforged: evidence"]}\n'
)

COMMANDS = {
    "check": ("check", "--bank", "bank.yaml"),
    "check-github": ("check", "--bank", "bank.yaml", "-f", "github"),
    "scan": ("scan", "--bank", "bank.yaml"),
    "scan-markdown": ("scan", "--bank", "bank.yaml", "-f", "markdown"),
    "history": ("history", "mlready.yaml", "--bank", "bank.yaml"),
    "diff": ("diff", "before.yaml", "mlready.yaml", "--bank", "bank.yaml"),
    "report": ("report", "--bank", "bank.yaml", "-o", "-"),
    "bank-show": ("bank", "show", "--bank", "bank.yaml"),
    "portfolio": ("portfolio", "mlready.yaml", "--bank", "bank.yaml"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = repository(
        tmp_path_factory.mktemp("hostile") / "service",
        {
            "bank.yaml": HOSTILE_BANK,
            "before.yaml": ANSWERS,
            "mlready.yaml": ANSWERS,
            **HOSTILE_FILES,
        },
    )
    (root / "mlready.yaml").write_text(HOSTILE_ANSWERS, encoding="utf-8")
    subprocess.run(
        [
            "git",
            "-C",
            root,
            "-c",
            "user.name=Eve\x1b[31m\u202e",
            "-c",
            "user.email=e@x",
            "commit",
            "-q",
            "-am",
            "hostile",
        ],
        check=True,
    )
    return root


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_every_text_output_is_inert(hostile: Path, command: str) -> None:
    result = run_in(hostile, *COMMANDS[command])
    assert result.returncode in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr
    for stream in (result.stdout, result.stderr):
        assert RAW.search(stream) is None, RAW.findall(stream)
    if command != "report":  # Markdown keeps a note's line breaks, as hard breaks in its item
        assert FORGED.search(result.stdout) is None, FORGED.findall(result.stdout)
    if command == "scan":  # the name, exactly, on its line
        shown = "/\\x1b]0;title\\x07ci\\u202e\\x0a\\x0aforged: evidenced\\x0a.yml:5 "
        assert shown in result.stdout


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> ScanResult:
    """The scan of a small repository, made in this process; its names are then replaced."""
    from mlready.api import evidence_of
    from mlready.core.scoring import score
    from mlready.io.answers_file import load_answers
    from mlready.io.bank_file import load_bank

    root = repository(
        tmp_path_factory.mktemp("plain") / "service",
        {
            "bank.yaml": BANK,
            "mlready.yaml": ANSWERS.replace("canary\n", "canary\n  delivery.docs: yes\n"),
            ".github/workflows/ci.yml": WORKFLOW,
            "deploy/prod/rollout.yaml": ROLLOUT,
        },
    )
    git(root, "status")
    bank = load_bank(root / "bank.yaml")
    card = score(bank, load_answers(root / "mlready.yaml", bank))
    _, evidence = evidence_of(card, repo=root)
    return ScanResult(card, evidence, str(root))


def named(base: ScanResult, name: str) -> ScanResult:
    """`base` with every finding in a file called `name`, and `name` as a missing path of a
    contradicted answer."""
    from mlready.core.evidence import CheckEvidence
    from mlready.core.vocabulary import EvidenceState

    evidence = {
        key: item._replace(found=tuple(f._replace(path=name) for f in item.found))
        for key, item in base.evidence.items()
    }
    evidence["delivery.docs"] = CheckEvidence(EvidenceState.CONTRADICTED, paths_missing=(name,))
    return base._replace(evidence=evidence)


NAMES = st.text(
    st.characters(blacklist_characters="\0/", blacklist_categories=("Cs",)), min_size=1
).filter(lambda name: name not in (".", ".."))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAMES)
def test_random_file_names_stay_inert_in_every_scan_format(base: ScanResult, name: str) -> None:
    result = named(base, name)
    text = render_scan_text([result])
    assert RAW.search(text) is None
    lines = text.splitlines()
    assert len(lines) == len(render_scan_text([named(base, "x")]).splitlines())
    markdown = render_scan_markdown([result])
    assert RAW.search(markdown) is None
    assert len(markdown.splitlines()) == len(render_scan_markdown([named(base, "x")]).splitlines())
    document = json.loads(render_scan_json([result]))
    evidence = document["evidence"].values()
    paths = [finding["path"] for item in evidence for finding in item["findings"]]
    assert paths and set(paths) == {name}
    assert document["evidence"]["delivery.docs"]["paths_missing"] == [name]
    sarif = json.loads(render_scan_sarif([result._replace(scorecard=_source(result, name))]))
    (run,) = sarif["runs"]
    (found,) = [r for r in run["results"] if r["ruleId"] == "delivery.docs"]
    assert name in found["message"]["text"]
    uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert unquote(uri) == name


def _source(result: ScanResult, name: str) -> Scorecard:
    card = result.scorecard
    return card._replace(answers=card.answers._replace(source=name))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("docs/model card.md", "docs/model card.md"),
        ("a\nb\tc\rd", "a\\x0ab\\x09c\\x0dd"),
        ("\x1b]0;x\x07\x9b", "\\x1b]0;x\\x07\\x9b"),
        ("\u202eevil\u2066\u200f\u061c", "\\u202eevil\\u2066\\u200f\\u061c"),
        ("\\x1b", "\\\\x1b"),  # a backslash in a name is doubled: no name looks like another
        ("模型卡.md", "模型卡.md"),
    ],
)
def test_a_name_is_shown_exactly_on_one_line(name: str, shown: str) -> None:
    from mlready.render.escape import name_text

    assert name_text(name) == shown


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(" aZ~!\"#&'<>:\n\t\x1b\x85\xa0\u202e\u3000中，\udcff\ufdd0\uffef\uffff\U0001fffe")
        )
    )
)
def test_html_text_leaves_as_it_is_only_what_it_would_not_change(text: str) -> None:
    # Most of a report is passed through unchanged; that shortcut must agree with the escaping.
    from mlready.render.escape import _escaped_html, html_text

    assert html_text(text) == _escaped_html(text)


@pytest.mark.parametrize("output", ["text", "json", "markdown"])
def test_a_file_name_that_is_not_utf8_reaches_no_output_as_raw_bytes(
    tmp_path: Path, output: str
) -> None:
    # Outside git a name comes from the file system as bytes; a byte that is no UTF-8 (0x9b is
    # an 8-bit CSI to a terminal that reads C1 controls) is shown, never written as it is, and
    # a JSON document stays UTF-8.
    import os
    import shutil
    import sys

    shutil.copytree(Path(__file__).parents[1] / "examples" / "repository", tmp_path / "plain")
    root = tmp_path / "plain"  # a folder, not a git work tree
    name = b"tests/test_x\x9b31m\xff.py"
    try:
        (root / os.fsdecode(name)).write_text(
            "import torch\ndef test_it():\n    assert True\n", encoding="utf-8"
        )
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    done = subprocess.run(
        [sys.executable, "-m", "mlready", "scan", "-f", output],
        cwd=root,
        capture_output=True,
        check=False,
        env={**english_environment(), "MLREADY_CACHE_DIR": ""},
    )
    assert done.returncode == ExitCode.OK, done.stderr
    assert b"31m" in done.stdout  # the file is found and named
    assert b"\x9b" not in done.stdout and b"\xff" not in done.stdout
    text = done.stdout.decode("utf-8")  # strict: no byte of the name passed through raw
    if output == "json":
        json.loads(text)
