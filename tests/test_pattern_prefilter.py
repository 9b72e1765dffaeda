"""The texts a pattern needs, read before RE2 is loaded: a file that holds none of them is not
searched, and RE2 is not loaded for it. It must never skip a file a pattern matches in."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from mlready.core.patterns import Regex, may_match, needed_texts
from mlready.io.bank_file import load_bank

ROOT = Path(__file__).resolve().parent.parent


def builtin_patterns() -> list[str]:
    found = {
        probe.contains
        for question in load_bank().questions.values()
        for probe in question.evidence
        if probe.contains is not None
    }
    return sorted(found)


def ascii_texts() -> list[bytes]:
    """Every ASCII text file of the repository's example and test repositories, and this
    project's own sources: code, CI files, manifests and prose of many kinds."""
    folders = [
        ROOT / "tests" / "data" / "repos",
        ROOT / "examples" / "repository",
        ROOT / "mlready",
    ]
    texts = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.stat().st_size < 200_000:
                data = path.read_bytes()
                if data.isascii():
                    texts.append(data)
    return texts


def test_a_text_a_builtin_pattern_matches_in_is_never_skipped() -> None:
    patterns = builtin_patterns()
    texts = ascii_texts()
    assert len(patterns) > 40 and len(texts) > 100
    skipped_rightly = 0
    # As the scan searches a file's joined lines: each line a start and an end.
    for source in ("(?m)" + pattern for pattern in patterns):
        compiled = Regex(source, lines=True)
        for text in texts:
            may = may_match((source,), text)
            if compiled.search(text) is not None:
                assert may, (source, text[:200])
            elif not may:
                skipped_rightly += 1
    # ... and it spares most of the searches that find nothing.
    assert skipped_rightly > len(patterns) * len(texts) // 2


@pytest.mark.parametrize(
    ("source", "matching", "not_matching"),
    [
        (r"(?i)\bMLflow\b", b"import mlflow\n", b"import pandas\n"),
        (r"import\s+(optuna|ray\.tune)", b"import   optuna", b"optuna alone"),
        (r"foo(bar)?baz", b"foobaz", b"fo baz"),
        (r"(ab)*c", b"c", b"ab"),
        (r"x{2,}yz", b"xxyz", b"xy z"),
        (r"a|b.*", b"b", b"c"),
    ],
)
def test_what_a_pattern_needs(source: str, matching: bytes, not_matching: bytes) -> None:
    assert Regex(source, lines=True).search(matching) is not None
    assert may_match((source,), matching)
    assert Regex(source, lines=True).search(not_matching) is None
    assert not may_match((source,), not_matching)


@pytest.mark.parametrize(
    "source",
    [
        r"[[:alpha:]]+x",  # a POSIX class, which Python would read as a set and a literal "]"
        r"\pL+",  # RE2's Unicode classes, which Python cannot read
        r"[a--b]x",  # a set Python warns about: nothing is known, and no warning is shown
        r"(?i)k",  # one letter: needed, but in any ASCII text with a k
    ],
)
def test_what_python_cannot_read_as_re2_does_is_always_searched(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert needed_texts(source) is None or needed_texts(source) == frozenset({b"k"})
    assert may_match((source,), b"k" if source == r"(?i)k" else b"nothing here")


def test_text_outside_ascii_is_always_searched() -> None:
    # RE2 ignoring case folds a k to the Kelvin sign: lower-casing bytes cannot judge that.
    assert Regex(r"(?i)kelvin", lines=True).search("\u212aelvin".encode()) is not None
    assert may_match((r"(?i)kelvin",), "\u212aelvin".encode())
    # ... and a pattern that needs a letter outside ASCII is always searched: ignoring case,
    # the Kelvin sign in a pattern matches an ASCII k.
    assert Regex("(?i)\u212aelvin", lines=True).search(b"kelvin") is not None
    assert may_match(("(?i)\u212aelvin",), b"kelvin")


def test_a_review_whose_files_no_pattern_can_match_never_loads_re2(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# A model\n", encoding="utf-8")
    (tmp_path / "train.py").write_text("import pandas\n", encoding="utf-8")
    answers = ROOT / "examples" / "credit-risk-scorer.yaml"
    (tmp_path / "mlready.yaml").write_text(answers.read_text(encoding="utf-8"), encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "review"]):
        subprocess.run([*git, *args], cwd=tmp_path, check=True)
    code = (
        "import sys\n"
        "from mlready import api\n"
        "review = api.review('mlready.yaml')\n"
        "print(len(review.evidence) > 0, 're2' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "False"], done.stderr
