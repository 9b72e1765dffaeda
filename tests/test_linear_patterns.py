"""Every pattern a bank can define runs in time linear in the text it searches, or is refused
where it is written: the hanging cases found by a hostile test, run as a user would (a bank
file, a git repository, the installed command in a process with a generous time limit, so
that a regression fails rather than hangs the suite); what is refused at load, in this process."""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlready.core.errors import ExitCode
from mlready.io.scan import _File, _Pattern, _ProbeTarget
from tests.helpers.commands import run
from tests.helpers.git_repositories import git
from tests.helpers.glob_grammar import globs
from tests.helpers.one_file import OneFile

# Generous: each case below takes well under a second with a linear engine, and minutes or
# more with a backtracking one.
LIMIT = 60

BANK = """\
bank: hostile
version: 1
areas:
  - id: delivery
    title: Delivery
    questions:
      - id: delivery.ci
        prompt: Do tests run in CI on every change?
        why: Untested changes ship bugs.
        options:
          - {{value: yes, label: Yes, score: 1}}
          - {{value: no, label: No, score: 0}}
        evidence:
          - id: probe
            files: [{files}]
            contains: {contains}
            supports: yes
            says: what the probe looks for
"""

ANSWERS = "mlready: 1\nbank: hostile@1\nanswers:\n  delivery.ci: yes\n"


def mlready(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, run in `folder`; a run past LIMIT seconds fails the test."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "mlready", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"mlready {' '.join(args)} ran for more than {LIMIT} s")


def hostile_repository(folder: Path, *, files: str, contains: str, tracked: dict[str, str]) -> Path:
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "bank.yaml").write_text(BANK.format(files=files, contains=contains), "utf-8")
    (folder / "mlready.yaml").write_text(ANSWERS, encoding="utf-8")
    for name, text in tracked.items():
        (folder / name).write_text(text, encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "a hostile repository")
    return folder


@pytest.mark.parametrize(
    ("files", "contains", "tracked", "found"),
    [
        # No word the pattern must hold, searched over the whole of a 600 KB file without ':'.
        ('"*.txt"', "'[^:]*[:]'", {"data.txt": ("x" * 99 + "\n") * 6_000}, False),
        # Three unbounded repeats in a row: cubic on a line of 2,000 characters that holds
        # the pattern's plain text, found only after the line's every start is tried.
        ('"*.txt"', "'\\w*\\w*\\w*:!x'", {"line.txt": "a" * 2_000 + " :!x\n"}, True),
        # A glob with a dozen stars against one file name of 200 characters.
        ('"*a*a*a*a*a*a*a*a*a*a*a*a*b"', "'.'", {"a" * 200: "text\n"}, False),
        # The same name with the "b" the glob ends with: found, as quickly.
        ('"*a*a*a*a*a*a*a*a*a*a*a*a*b"', "'.'", {"a" * 199 + "b": "text\n"}, True),
    ],
    ids=["no-required-word", "cubic-line", "glob-of-stars", "glob-of-stars-found"],
)
def test_a_hostile_pattern_finishes_as_a_user_runs_it(
    tmp_path: Path, files: str, contains: str, tracked: dict[str, str], found: bool
) -> None:
    root = hostile_repository(tmp_path / "repo", files=files, contains=contains, tracked=tracked)
    result = mlready(root, "scan", "--bank", "bank.yaml", "--format", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    assert ('"evidenced"' in result.stdout) is found, result.stdout


@pytest.mark.parametrize(
    ("contains", "reason"),
    [
        ("'(ab)\\1'", "invalid escape sequence: \\1"),  # a backreference
        ("'pytest(?= -q)'", "invalid perl operator: (?="),  # look-ahead
        ("'(?<!#)pytest'", "invalid perl operator: (?<"),  # look-behind
        ("'(?>py)test'", "invalid perl operator: (?>"),  # an atomic group
        ("'py++test'", "bad repetition operator: ++"),  # a possessive quantifier
        ("'pytest\\Z'", "invalid escape sequence: \\Z"),  # \z in RE2
        ("'[unclosed'", "missing ]"),
    ],
)
def test_a_pattern_re2_cannot_run_is_refused_at_load_with_its_place(
    tmp_path: Path, contains: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = hostile_repository(tmp_path / "repo", files='"*.txt"', contains=contains, tracked={})
    text = (root / "bank.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "contains:" in row)
    column = text.splitlines()[line - 1].index(contains) + 1
    # In this process (refused at load, nothing runs long), where an exception surfaces as one.
    monkeypatch.chdir(root)
    for args in (["bank", "validate", "--bank", "bank.yaml"], ["check", "--bank", "bank.yaml"]):
        code, out, err = run(*args)
        assert code == ExitCode.INVALID
        assert out == ""
        (message,) = err.splitlines()
        assert f"bank.yaml:{line}:{column}: contains: not a pattern mlready " in message
        assert reason in message
        assert "no backreferences, look-ahead or look-behind" in message


@pytest.mark.parametrize(
    ("glob", "expected"),
    [
        ("src/[a-", "'[' opens a set of characters that ']' must close"),
        ("src/[z-a].py", "the range z-a is backwards"),
        ("src\\\\*.py", "a glob separates folders with /"),
        ("src//*.py", "a glob has no empty folder name"),
        ("/etc/*.conf", "a glob of a probe is relative to the repository"),
    ],
)
def test_an_invalid_glob_is_refused_at_load_with_its_place(
    tmp_path: Path, glob: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = f'"README.md", "{glob}"'
    root = hostile_repository(tmp_path / "repo", files=files, contains="'.'", tracked={})
    text = (root / "bank.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "files:" in row)
    column = text.splitlines()[line - 1].index(f'"{glob}"') + 1
    monkeypatch.chdir(root)  # in this process, as above
    code, _, err = run("bank", "validate", "--bank", "bank.yaml")
    assert code == ExitCode.INVALID
    (message,) = err.splitlines()
    assert f"bank.yaml:{line}:{column}: files: " in message
    assert expected in message


# --- Properties: random patterns and globs from a grammar of their features -----------------

# Pieces RE2 runs (most of them match the adversarial texts below), and pieces it refuses
# (backreferences, look-around, atomic groups, possessive quantifiers).
ATOMS = [
    "a",
    "b",
    ":",
    "x",
    "\\w",
    "\\d",
    "\\s",
    "\\S",
    ".",
    "[ab]",
    "[^:]",
    "[a-c]",
    "\\b",
    "^",
    "$",
]
REFUSED = ["\\1", "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(?>a)", "a*+", "a++"]
QUANTIFIERS = ["*", "+", "*", "+", "?", "{2,5}", "{3}", "*?", "+?"]
# What ends a pattern: often a text the adversarial lines lack, after which a backtracking
# engine tries every other way to split the line among the repeats before it.
TAILS = ["", "x", ":!x", "!"]


def _patterns() -> st.SearchStrategy[tuple[str, bool]]:
    """A pattern and whether it holds a piece RE2 refuses."""
    quantified = st.tuples(st.sampled_from(ATOMS), st.sampled_from(["", *QUANTIFIERS]))
    atom = quantified.map(lambda made: (made[0] + made[1], False)) | st.sampled_from(REFUSED).map(
        lambda text: (text, True)
    )

    def extend(inner: st.SearchStrategy[tuple[str, bool]]) -> st.SearchStrategy[tuple[str, bool]]:
        sequence = st.lists(inner, min_size=1, max_size=4).map(
            lambda parts: ("".join(p for p, _ in parts), any(r for _, r in parts))
        )
        group = st.tuples(st.sampled_from(["(", "(?:"]), sequence).map(
            lambda made: (f"{made[0]}{made[1][0]})", made[1][1])
        )
        repeated = st.tuples(group, st.sampled_from(QUANTIFIERS)).map(
            lambda made: (made[0][0] + made[1], made[0][1])
        )
        either = st.lists(sequence, min_size=2, max_size=3).map(
            lambda parts: ("|".join(p for p, _ in parts), any(r for _, r in parts))
        )
        return sequence | group | repeated | either

    body = st.recursive(atom, extend, max_leaves=12)
    return st.tuples(body, st.sampled_from(TAILS)).map(
        lambda made: (made[0][0] + made[1], made[0][1])
    )


# Texts that make a backtracking engine try every way: lines as long as the scan searches
# (4,000 characters) of what the atoms match, with an ending that fails at the last moment.
ADVERSARIAL = [
    ("a" * 3_999 + "!\n") * 5,
    ("ab" * 1_999 + "!\n") * 5,
    (" a:" * 1_333 + "\n") * 5,
    (":" * 4_000 + "\n") * 5,
]


def _each_pattern_is_refused_or_finishes(budget: int) -> None:
    """Runs (in a child process, under a time limit) every generated pattern either refused
    at load or searched over every adversarial text."""
    from mlready.core.patterns import pattern_problem

    @settings(max_examples=budget, deadline=None, database=None)
    @given(_patterns(), st.booleans())
    def each(made: tuple[str, bool], ignore_case: bool) -> None:
        pattern = ("(?i)" if ignore_case else "") + made[0]
        refused = pattern_problem(pattern) is not None
        if made[1]:
            assert refused, f"{pattern!r} holds a piece RE2 cannot run, yet was accepted"
        if refused:
            return
        for text in ADVERSARIAL:
            _Pattern(pattern).first_line(_File(OneFile(text), "file"))  # type: ignore[arg-type]

    each()


def test_random_patterns_are_refused_at_load_or_finish_on_adversarial_text() -> None:
    code = "from tests.test_linear_patterns import _each_pattern_is_refused_or_finishes as run\n"
    result = subprocess.run(
        [sys.executable, "-c", code + "run(300)"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=LIMIT * 2,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _names() -> st.SearchStrategy[str]:
    part = st.text(alphabet="ab._c", min_size=1, max_size=6)
    return st.lists(part, min_size=1, max_size=4).map("/".join)


def _reference(glob: list[str], name: list[str]) -> bool:
    """The dialect's meaning, written plainly: fnmatch for one segment (where it agrees: no
    `/` to cross), any number of folders for `**` (at least one name when it ends the glob)."""
    if not glob:
        return not name
    if glob[0] == "**":
        least = 1 if len(glob) == 1 else 0
        return any(_reference(glob[1:], name[k:]) for k in range(least, len(name) + 1))
    return bool(name) and fnmatch.fnmatchcase(name[0], glob[0]) and _reference(glob[1:], name[1:])


@settings(max_examples=500, deadline=None)
@given(globs(), st.lists(_names(), min_size=1, max_size=8))
def test_random_globs_match_as_the_reference_does(glob: str, names: list[str]) -> None:
    from mlready.core.globs import parse_glob

    parsed = parse_glob(glob)
    for name in names:
        assert parsed.matches(name) == _reference(glob.split("/"), name.split("/")), name


def test_globs_match_long_names_in_linear_time() -> None:
    code = """\
from hypothesis import given, settings, strategies as st
from tests.helpers.git_repositories import git
from tests.helpers.glob_grammar import globs
from mlready.core.globs import parse_glob

@settings(max_examples=300, deadline=None, database=None)
@given(globs())
def each(glob):
    parsed = parse_glob(glob)
    for name in ("a" * 5_000, "a/" * 2_500 + "b", ("ab." * 700 + "/") * 3 + "c"):
        parsed.matches(name)

each()
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=LIMIT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]


# --- The built-in bank's patterns mean on RE2 what they meant on Python's re -----------------

# The two built-in patterns RE2 could not run, as they were written for Python's re.
REWRITTEN = {
    "dependencies-locked": r"(?<![<>~!=])==?\s*\d|--hash=|version|integrity|checksum|\sh1:",
    "tests-import-model": r"^\s*(from|import)\s+(?!(sklearn|torch|tensorflow|keras|transformers"
    r"|xgboost|lightgbm|catboost|jax|flax)\b)[\w.]*(?<![A-Za-z])(model|train|predict|inference"
    r"|estimator|network)",
}
# The package names the rewritten tests-import-model no longer tells from those libraries:
# those that start as one of them does (it reads three letters; `re` read the whole name).
LIBRARY_LIKE = re.compile(r"^\s*(from|import)\s+(skl|tor|ten|ker|tra|xgb|lig|cat|jax|fla)")
ROOT = Path(__file__).resolve().parent.parent


def _corpus() -> list[str]:
    """Every ASCII line of the project's own text files, and lines made to meet the probes."""
    lines: set[str] = set()
    for folder in ("checklists", "examples", "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".md", ".toml", ".j2"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                lines.update(
                    line for line in text.splitlines() if line.isascii() and len(line) <= 100
                )
    made = [
        "numpy==1.26.4", "pandas>=2.0", "scikit-learn~=1.4", "x != 2", "a ==3", "==1",
        "from churn.model import build", "from .train import run", "import src.inference",
        "from sklearn.model_selection import split", "from tools.model import x",
        "import my_model", "from keras.models import Model", "from flax.training import t",
        "  - run: pytest -q", "FROM python:3.12-slim", "kind: Rollout", "\tgo.sum h1:abc",
    ]  # fmt: skip
    return sorted(lines | set(made))


def test_the_builtin_patterns_match_the_same_lines_on_re2_as_on_re() -> None:
    from mlready.io.bank_file import load_bank
    from mlready.io.scan import _Plan

    probes = sorted(
        (probe.id, probe.contains)
        for question in load_bank(None).questions.values()
        for probe in question.evidence
        if probe.contains is not None
    )
    # The patterns as the scan searches them: all at once, the lines of a file joined.
    looks = [_ProbeTarget(("*",), pattern, None, None) for _, pattern in probes]
    plan = _Plan.of(range(len(looks)), looks, [_Pattern(look.contains) for look in looks])
    assert plan.members == tuple(range(len(looks)))  # none is searched line by line
    written = [re.compile(REWRITTEN.get(probe_id, pattern)) for probe_id, pattern in probes]
    corpus = _corpus()
    assert len(corpus) > 5_000
    found = [plan.matching(_File(OneFile(line), "file")) for line in corpus]  # type: ignore[arg-type]
    # Python's re takes some 4 us a pattern and line here: it reads every line that RE2 finds
    # anything in, and every eighth line of the others (where RE2 finds nothing; a pattern that
    # RE2 misses on a line re matches shows on the lines of its kind, which recur).
    read = [number for number in range(len(corpus)) if found[number] or number % 8 == 0]
    library_like = {number for number, line in enumerate(corpus) if LIBRARY_LIKE.match(line)}
    for index, (probe_id, _) in enumerate(probes):
        on_re = {number for number in read if written[index].search(corpus[number])}
        on_re2 = {number for number in read if index in found[number]}
        if probe_id == "tests-import-model":
            on_re, on_re2 = on_re - library_like, on_re2 - library_like
        assert on_re2 == on_re, (probe_id, [corpus[n] for n in sorted(on_re ^ on_re2)[:5]])


# --- RE2 loads only where a pattern is compiled -----------------------------------------------

# Runs the command line as the `mlready` script does and lists the modules it loaded, just
# before the run ends (os._exit) or forks the child that writes a cache entry.
LISTING = """\
import os, sys
def listing():
    with open(os.environ["MLREADY_LOADED"], "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))
os.register_at_fork(before=listing)
end, run = os._exit, os.getpid()
def listed_end(code):
    if os.getpid() == run:
        listing()
    end(code)
os._exit = listed_end
from mlready.cli import main
main()
"""


def test_re2_is_loaded_only_by_a_run_that_compiles_a_pattern(tmp_path: Path) -> None:
    folder = tmp_path / "plain"  # not a git work tree: nothing to scan
    folder.mkdir()
    examples = Path(__file__).resolve().parent.parent / "examples"
    (folder / "mlready.yaml").write_bytes((examples / "support-assistant.yaml").read_bytes())
    environment = {**os.environ, "MLREADY_CACHE_DIR": str(tmp_path / "cache")}

    def loaded(*args: str) -> set[str]:
        listing = tmp_path / "loaded.txt"
        subprocess.run(
            [sys.executable, "-c", LISTING, *args],
            cwd=folder,
            env={**environment, "MLREADY_LOADED": str(listing)},
            capture_output=True,
            timeout=LIMIT,
            check=False,
        )
        return set(listing.read_text(encoding="utf-8").splitlines())

    assert "re2" in loaded("bank", "validate")  # the built-in bank's patterns, compiled
    first = loaded("check", "mlready.yaml")  # validates the bank; a child caches it
    assert "mlready.io.cache" in first  # the listing is complete
    deadline = time.monotonic() + LIMIT
    while not list((tmp_path / "cache").glob("bank-*.json")) and time.monotonic() < deadline:
        time.sleep(0.02)  # the entry is written after the run ends
    again = loaded("check", "mlready.yaml")  # the bank from the cache, and no scan
    assert "mlready.io.cache" in again
    assert "re2" not in again
