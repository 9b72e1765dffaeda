"""The Rego policy pack in policy/: it denies a review exactly when `mlready check` fails it,
with the same gate options given as policy data, and each message names the checks."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest

# google-re2 before regopy: regopy's library brings its own `operator new` (rego-cpp's
# allocator), and a C++ runtime first loaded beside it hands RE2 memory that the wrong
# allocator frees ("double free or corruption" when the scan compiles a pattern).
import re2  # noqa: F401  # isort: skip
from regopy import Interpreter  # isort: skip

from mlready.core.errors import ExitCode
from mlready.core.model import Probe
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

REPOSITORY = Path(__file__).resolve().parents[1]
POLICY = REPOSITORY / "policy"
EXAMPLES = sorted((REPOSITORY / "examples").glob("*.yaml"))
TODAY = "2026-12-01"


def denials(document: Any, *, rule: str = "deny", **parameters: Any) -> list[str]:
    """What the pack denies of `document` (or warns of, with `rule="warn"`), with
    policy/data.json and `parameters` over it."""
    rego = _interpreter(json.dumps(parameters, sort_keys=True))
    rego.set_input(document)
    output = rego.query(f"x := data.main.{rule}")
    # An error in the policy is text, not JSON: json.loads fails and shows it.
    messages: list[str] = json.loads(str(output))["bindings"]["x"]
    return messages


@cache
def _interpreter(parameters: str) -> Interpreter:
    # Every .rego file in the folder and its data file, as `conftest test -p policy/
    # --data policy/data.json` loads them. Made once per set of parameters.
    rego = Interpreter()
    for module in sorted(POLICY.glob("*.rego")):
        rego.add_module(module.name, module.read_text(encoding="utf-8"))
    data = json.loads((POLICY / "data.json").read_text(encoding="utf-8"))
    data["mlready"].update(json.loads(parameters))
    rego.add_data(data)
    return rego


# Small answers files (of the small bank), each written to tmp_path for the test.
SMALL_ANSWERS = {
    "passing": BEST_ANSWERS,
    "incomplete": BEST_ANSWERS.replace("  serving.rollback: yes\n", ""),
    # A major gap whose action is past due (it fails --fail-on-overdue), and a minor one
    # (it does not).
    "overdue": BEST_ANSWERS.replace(
        "  data.tokenizer: yes\n",
        "  data.tokenizer:\n    value: no\n    action: {owner: carol, due: 2026-11-01}\n",
    ).replace(
        "  data.schema: yes\n",
        "  data.schema:\n    value: no\n    action: {owner: bob, due: 2026-01-01}\n",
    ),
    "waived-blocker": BEST_ANSWERS.replace(
        "  data.lineage: yes\n",
        "  data.lineage:\n    value: no\n"
        "    waiver: {reason: Sources logged from January, approved_by: cto,"
        " expires: 2026-12-20}\n",
    ),
    # Reviewed again lately, and signed by a risk officer and an ML lead.
    "signed": BEST_ANSWERS.replace("reviewed: 2026-10-01", "reviewed: 2026-11-25"),
    "changed-after-signoff": BEST_ANSWERS,  # signed by a risk officer, then an answer changed
    # A path named as evidence that the folder does not hold.
    "contradicted": BEST_ANSWERS.replace(
        "  serving.rollback: yes\n",
        "  serving.rollback:\n    value: yes\n    evidence: [runbooks/rollback.md]\n",
    ),
}


class GateOption(NamedTuple):
    """A gate option of `check`, the same choice as policy data, and the small answers files
    (below) that `check` fails with it."""

    options: tuple[str, ...]
    parameters: dict[str, Any]
    fails: frozenset[str]


GATES = {
    "defaults": GateOption((), {}, frozenset({"incomplete"})),
    "fail-on major": GateOption(
        ("--fail-on", "major"),
        {"fail_on": "major"},
        frozenset({"incomplete", "overdue", "changed-after-signoff"}),
    ),
    "fail-on minor": GateOption(
        ("--fail-on", "minor"),
        {"fail_on": "minor"},
        frozenset({"incomplete", "overdue", "changed-after-signoff"}),
    ),
    "fail-under 92": GateOption(
        ("--fail-under", "92"),
        {"fail_under": 92},
        frozenset({"incomplete", "overdue", "waived-blocker", "changed-after-signoff"}),
    ),
    # The waived-blocker file scores 40 (under 51), the overdue one 60 (minor checks are in
    # the mean only, not the score).
    "fail-under 51": GateOption(
        ("--fail-under", "51"),
        {"fail_under": 51},
        frozenset({"incomplete", "waived-blocker"}),
    ),
    "allow-incomplete": GateOption(
        ("--allow-incomplete",), {"allow_incomplete": True}, frozenset()
    ),
    "max-age 30": GateOption(
        ("--max-age", "30"),
        {"max_age": 30},
        frozenset(SMALL_ANSWERS) - {"signed"},  # the others were reviewed on 2026-10-01
    ),
    "fail-on-overdue": GateOption(
        ("--fail-on-overdue",), {"fail_on_overdue": True}, frozenset({"incomplete", "overdue"})
    ),
    "require-signoff risk": GateOption(
        ("--require-signoff", "risk"),
        {"require_signoff": ["risk"]},
        frozenset(SMALL_ANSWERS) - {"signed"},
    ),
    "require-signoff risk and ml-lead": GateOption(
        ("--require-signoff", "risk", "--require-signoff", "ml-lead"),
        {"require_signoff": ["risk", "ml-lead"]},
        frozenset(SMALL_ANSWERS) - {"signed"},
    ),
    "fail-on-contradicted": GateOption(
        ("--fail-on-contradicted",),
        {"fail_on_contradicted": True},
        frozenset({"incomplete", "contradicted"}),
    ),
    # The overdue file's major at its lowest grade is a condition whose plan is past due.
    "require-owners": GateOption(
        ("--require-owners",), {"require_owners": True}, frozenset({"incomplete", "overdue"})
    ),
}


def write_answers(name: str, folder: Path) -> list[str | Path]:
    """The small answers file `name` written in `folder`: the arguments that review it."""
    bank = folder / "small.yaml"
    bank.write_text(SMALL_BANK, encoding="utf-8")
    answers = folder / f"{name}.yaml"
    answers.write_text(SMALL_ANSWERS[name], encoding="utf-8")
    roles = {"signed": ["risk", "ml-lead"], "changed-after-signoff": ["risk"]}.get(name, [])
    for role in roles:
        code, _, err = run(
            "sign", answers, "--bank", bank, "--name", "Ines", "--role", role, "--today", TODAY
        )
        assert code == ExitCode.OK, err
    if name == "changed-after-signoff":
        text = answers.read_text(encoding="utf-8")
        changed = text.replace("serving.latency: automated", "serving.latency: manual")
        answers.write_text(changed, encoding="utf-8")
    return [answers, "--bank", bank]


CASES = [*(path.stem for path in EXAMPLES), *SMALL_ANSWERS]


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No settings file of the checkout's (or of a folder above it) changes check's gate.
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module", autouse=True)
def _one_scan_per_example() -> Iterator[None]:
    # What is tested here is the gate, not the scan: an example is checked under every gate
    # option, and each check scanned the whole checkout again for the same findings. The
    # findings of a repository's scan for the same probes (and the same files left out) are
    # kept for this module's checks; every other step of `check` runs each time.
    from mlready.io import scan as scanning

    real = scanning.scan
    found: dict[tuple[object, ...], scanning.Findings] = {}

    def scan_once(
        repository: scanning.Repository, probes: Iterable[tuple[str, Probe]]
    ) -> scanning.Findings:
        probes = tuple(probes)
        key = (repository.root, tuple(repository.files), probes)
        if key not in found:
            found[key] = real(repository, probes)
        return {place: list(items) for place, items in found[key].items()}

    scanning.scan = scan_once
    try:
        yield
    finally:
        scanning.scan = real


def answers_args(case: str, folder: Path) -> list[str | Path]:
    """What `check` reviews for `case`: an example as it is, or a small file in `folder`."""
    if case in SMALL_ANSWERS:
        return write_answers(case, folder)
    return [REPOSITORY / "examples" / f"{case}.yaml"]


@pytest.mark.parametrize("gate", GATES)
@pytest.mark.parametrize("case", CASES)
def test_the_pack_denies_exactly_when_check_fails(case: str, gate: str, tmp_path: Path) -> None:
    option = GATES[gate]
    code, out, err = run(
        "check", *answers_args(case, tmp_path), *option.options, "--today", TODAY, "-f", "json"
    )
    assert code in {ExitCode.OK, ExitCode.GATE_FAILED}, err
    document = json.loads(out)
    # The verdict of check's own gate is in the document; the pack judges without it.
    judged = {key: value for key, value in document.items() if key not in {"passed", "reasons"}}
    denied = denials(judged, today=TODAY, **option.parameters)
    assert bool(denied) == (code == ExitCode.GATE_FAILED), (document["reasons"], denied)
    if case in SMALL_ANSWERS:  # the gate option decides something here, both ways
        assert (code == ExitCode.GATE_FAILED) == (case in option.fails), document["reasons"]
    file = document["file"]
    assert all(message.startswith(f"{file}: ") for message in denied)


def test_every_gate_option_changes_what_fails() -> None:
    defaults = GATES["defaults"].fails
    assert defaults and set(SMALL_ANSWERS) - defaults
    for gate, option in GATES.items():
        assert set(SMALL_ANSWERS) - option.fails, gate  # something passes
        assert gate == "defaults" or option.fails != defaults, gate


def mentioned(message: str) -> set[str]:
    """The check ids a message lists after its last colon."""
    return set(message.rpartition(": ")[2].split(", "))


def test_each_message_names_the_checks(tmp_path: Path) -> None:
    # A copy alone in a folder: what the repository shows (some answers contradicted) is this
    # folder's, not mlready's own repository's, whose files (a CI workflow...) change over time.
    example = tmp_path / "on-device-vision.yaml"
    shutil.copy(REPOSITORY / "examples" / "on-device-vision.yaml", example)
    code, out, _ = run("check", example, "--today", TODAY, "-f", "json")
    assert code == ExitCode.GATE_FAILED
    document = json.loads(out)
    gaps = document["gaps"]
    denied = denials(
        document, fail_on="minor", fail_on_contradicted=True, fail_under=95, today=TODAY
    )
    by_rule = {re.sub(r" \(.*|:.*", "", message.partition(": ")[2]): message for message in denied}
    below_rule = f"score {document['score']:g} is below 95; open gaps, the most severe first"
    assert sorted(by_rule) == [
        "answers the repository does not show",
        "open blocker gaps",
        "open major gaps",
        "open minor gaps",
        below_rule,
    ]
    open_of = {
        severity: {g["id"] for g in gaps if g["severity"] == severity and not g["waived"]}
        for severity in ("blocker", "major", "minor")
    }
    assert mentioned(by_rule["open blocker gaps"]) == set(document["blockers"])
    assert mentioned(by_rule["open blocker gaps"]) == open_of["blocker"]
    assert mentioned(by_rule["open major gaps"]) == open_of["major"]
    assert mentioned(by_rule["open minor gaps"]) == open_of["minor"]
    contradicted = {k for k, v in document["evidence"].items() if v["state"] == "contradicted"}
    not_shown = by_rule["answers the repository does not show"]
    assert contradicted and mentioned(not_shown) == contradicted
    below = by_rule[below_rule]
    assert mentioned(below) == {g["id"] for g in gaps if not g["waived"]}
    assert mentioned(below) and below.endswith(": serving.rollback, " + ", ".join(
        sorted(open_of["major"])) + ", " + ", ".join(sorted(open_of["minor"])))  # fmt: skip


def test_overdue_messages_name_the_major_gap_not_the_minor_one(tmp_path: Path) -> None:
    code, out, _ = run("check", *write_answers("overdue", tmp_path), "--today", TODAY, "-f", "json")
    document = json.loads(out)
    assert code == ExitCode.OK and document["overdue_actions"] == ["data.tokenizer", "data.schema"]
    [message] = denials(document, fail_on_overdue=True)
    assert message.endswith(": overdue actions on blocker or major gaps: data.tokenizer")


def test_what_does_not_fail_is_a_warning(tmp_path: Path) -> None:
    args = write_answers("overdue", tmp_path)
    _, out, _ = run("check", *args, "--today", TODAY, "-f", "json")
    document = json.loads(out)
    file = document["file"]
    assert denials(document, rule="warn") == [
        f"{file}: overdue actions: data.schema, data.tokenizer"
    ]
    # The major gap's overdue action is denied then; the minor one's still warned of.
    assert denials(document, rule="warn", fail_on_overdue=True) == [
        f"{file}: overdue actions: data.schema"
    ]
    args = write_answers("waived-blocker", tmp_path)
    code, out, _ = run("check", *args, "--today", "2027-01-01", "-f", "json")
    document = json.loads(out)
    assert code == ExitCode.GATE_FAILED and document["expired_waivers"] == ["data.lineage"]
    assert denials(document) == [f"{document['file']}: open blocker gaps: data.lineage"]
    assert denials(document, rule="warn") == [
        f"{document['file']}: the waiver of data.lineage has expired"
    ]
    _, out, _ = run("check", *write_answers("passing", tmp_path), "-f", "json")
    assert denials(json.loads(out), rule="warn") == []


def test_require_owners_denies_a_document_without_unowned_conditions(tmp_path: Path) -> None:
    # A document of an mlready before --require-owners cannot show its conditions owned: the
    # gate asked for fails, it does not pass unread.
    _, out, _ = run("check", *write_answers("passing", tmp_path), "--today", TODAY, "-f", "json")
    document = json.loads(out)
    assert document["unowned_conditions"] == []
    assert denials(document, require_owners=True) == []
    older = {key: value for key, value in document.items() if key != "unowned_conditions"}
    [message] = denials(older, require_owners=True)
    assert message.startswith(f"{document['file']}: no unowned_conditions in the document")
    assert denials(older) == []


def test_signoff_messages_name_the_role(tmp_path: Path) -> None:
    documents = {}
    for case in ("passing", "changed-after-signoff"):
        _, out, _ = run("check", *write_answers(case, tmp_path), "--today", TODAY, "-f", "json")
        documents[case] = json.loads(out)
    assert denials(documents["passing"], require_signoff=["risk"]) == [
        f"{documents['passing']['file']}: no sign-off by a risk"
    ]
    assert denials(documents["changed-after-signoff"], require_signoff=["risk"]) == [
        f"{documents['changed-after-signoff']['file']}: the sign-off by a risk is for answers "
        "that changed since"
    ]


def test_several_files_in_one_document(tmp_path: Path) -> None:
    for option, parameters in [((), {}), (("--fail-under", "90"), {"fail_under": 90})]:
        # Without the scan: the examples lie in mlready's own repository, whose scan, once per
        # example, is all this test's time and nothing of what it checks.
        code, out, _ = run("check", *EXAMPLES, *option, "--no-scan", "--today", TODAY, "-f", "json")
        document = json.loads(out)
        assert len(document["reviews"]) == len(EXAMPLES)
        denied = denials(document, **parameters)
        assert bool(denied) == (code == ExitCode.GATE_FAILED) == (not document["passed"])
        failing = {review["file"] for review in document["reviews"] if not review["passed"]}
        assert failing and {message.partition(": ")[0] for message in denied} == failing


def test_a_baseline_judges_regressions_only(tmp_path: Path) -> None:
    baseline = write_answers("passing", tmp_path)[0]
    overdue = write_answers("overdue", tmp_path)
    failing = REPOSITORY / "examples" / "on-device-vision.yaml"
    for args, expected in [
        ([failing, "--baseline", failing], ExitCode.OK),  # its blocker gap is no regression
        ([*overdue, "--baseline", baseline], ExitCode.GATE_FAILED),
    ]:
        code, out, err = run("check", *args, "--today", TODAY, "-f", "json")
        assert code == expected, err
        denied = denials(json.loads(out))
        assert bool(denied) == (code == ExitCode.GATE_FAILED), denied
    assert denied == [
        f"{overdue[0]}: regression against the baseline: data.schema dropped from 1 to 0",
        f"{overdue[0]}: regression against the baseline: data.tokenizer dropped from 1 to 0",
        f"{overdue[0]}: regression against the baseline: score fell from 100 to 60",
    ]


def test_without_today_max_age_counts_from_the_clocks_date_in_utc() -> None:
    def midnight() -> int:
        today = dt.datetime.now(dt.UTC).date()
        return int(dt.datetime.combine(today, dt.time(), dt.UTC).timestamp()) * 10**9

    before = midnight()
    rego = _interpreter("{}")
    rego.set_input({})
    today_ns = json.loads(str(rego.query("x := data.main.today_ns")))["bindings"]["x"]
    assert today_ns in {before, midnight()}  # the same, unless the test ran over midnight


def test_the_data_file_holds_checks_defaults() -> None:
    data = json.loads((POLICY / "data.json").read_text(encoding="utf-8"))
    rego = _interpreter("{}")
    rego.set_input({})
    defaults = json.loads(str(rego.query("x := data.main.defaults")))["bindings"]["x"]
    assert data == {"mlready": defaults}
    assert defaults["fail_on"] == "blocker" and defaults["require_signoff"] == []


def test_without_the_data_file_the_pack_gates_as_check_does(tmp_path: Path) -> None:
    # `conftest test review.json -p policy/` without --data: the same defaults.
    rego = Interpreter()
    rego.add_module("mlready.rego", (POLICY / "mlready.rego").read_text(encoding="utf-8"))
    for case in ("incomplete", "passing"):
        code, out, _ = run("check", *answers_args(case, tmp_path), "-f", "json")
        rego.set_input(json.loads(out))
        denied = json.loads(str(rego.query("x := data.main.deny")))["bindings"]["x"]
        assert bool(denied) == (code == ExitCode.GATE_FAILED)


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"fail_on": "critical"}, 'fail_on: expected blocker, major or minor (got "critical")'),
        (
            {"fail_under": "production"},
            'fail_under: expected a score from 0 to 100, or null (got "production")',
        ),
        ({"fail_under": 101}, "fail_under: expected a score from 0 to 100, or null (got 101)"),
        ({"max_age": -1}, "max_age: expected a whole number of days, or null (got -1)"),
        ({"today": "1 December"}, 'today: expected a date YYYY-MM-DD, or null (got "1 December")'),
        # The shape of a date, no day of the calendar: not left to the clock.
        ({"today": "2026-02-30"}, 'today: expected a date YYYY-MM-DD, or null (got "2026-02-30")'),
        ({"fail_on_overdue": "false"}, 'fail_on_overdue: expected true or false (got "false")'),
        ({"require_signoff": "risk"}, 'require_signoff: expected a list of roles (got "risk")'),
        (
            {"fail-under": 90},
            "fail-under: unknown parameter (parameters: allow_incomplete, fail_on, "
            "fail_on_contradicted, fail_on_overdue, fail_under, max_age, require_owners, "
            "require_signoff, today)",
        ),
    ],
)
def test_a_mistaken_parameter_denies_even_a_passing_review(
    parameters: dict[str, Any], expected: str, tmp_path: Path
) -> None:
    code, out, _ = run("check", *write_answers("passing", tmp_path), "-f", "json")
    assert code == ExitCode.OK
    assert denials(json.loads(out), **parameters) == [f"data.mlready.{expected}"]


def test_parameters_that_are_not_an_object_are_denied() -> None:
    rego = Interpreter()
    rego.add_module("mlready.rego", (POLICY / "mlready.rego").read_text(encoding="utf-8"))
    rego.add_data({"mlready": ["fail_on", "major"]})
    rego.set_input({"gaps": [], "unanswered": [], "file": "a.yaml"})
    denied = json.loads(str(rego.query("x := data.main.deny")))["bindings"]["x"]
    assert denied == ['data.mlready: expected an object of parameters (got ["fail_on","major"])']


def test_a_document_of_another_kind_is_denied() -> None:
    assert denials({"kind": "Deployment"}) == [
        "the input is not a document of `mlready check --format json`"
    ]


@pytest.mark.parametrize(
    ("readme", "heading"), [("README.md", "## Policy"), ("README.zh-CN.md", "## 策略")]
)
def test_the_readmes_show_the_command_the_parameters_and_a_message(
    readme: str, heading: str
) -> None:
    text = (REPOSITORY / readme).read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]
    assert "mlready check --format json --soft-fail > review.json\n" in section
    assert "conftest test review.json --policy policy/ --data policy/data.json\n" in section
    rows = re.findall(r"^\| `(\w+)` \|.*\| `(.+)` \|$", section, flags=re.MULTILINE)
    data = json.loads((POLICY / "data.json").read_text(encoding="utf-8"))["mlready"]
    assert {name: json.loads(default) for name, default in rows} == data
    [shown] = re.findall(r"^FAIL - review\.json - main - (.*)$", section, flags=re.MULTILINE)
    _, out, _ = run("check", REPOSITORY / "examples" / "on-device-vision.yaml", "-f", "json")
    [message] = denials(json.loads(out))
    assert message.replace(f"{REPOSITORY}/", "") == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (100, "100"), (100.0, "100"), (180, "180"), (82.5, "82.5"), (81.43, "81.43")],
)
def test_numbers_are_shown_with_two_decimals_at_most(value: float, shown: str) -> None:
    rego = _interpreter("{}")
    rego.set_input({"value": value})
    output = json.loads(str(rego.query("x := data.main.number(input.value)")))
    assert output["bindings"]["x"] == shown


def test_a_whole_number_is_never_formatted_as_a_float() -> None:
    # OPA (conftest) hands sprintf a whole number as a Go int, and "%.2f" prints an int as
    # "%!f(int=180)": max_age, a review's age in days and a fail_under written as 80 are whole.
    # rego-cpp formats either, so the rule is read: whole numbers go through format_int.
    pack = (POLICY / "mlready.rego").read_text(encoding="utf-8")
    rule = pack[pack.index("\nnumber(value) := ") :].split("\n\n")[0]
    whole, _, fraction = rule.partition("} else := ")
    assert "format_int(value, 10)" in whole and "floor(value) == value" in whole
    assert "sprintf" not in whole and 'sprintf("%.2f"' in fraction
