"""What the paths of a repository hold besides the system itself (tests, docs, examples...),
and which files are mlready's own: the one place that classifies them."""

# A file of docs or an example shows what a library can do, not what this system does: such
# paths count as evidence only for the probes that name their kind (tests for `tests-exist`).

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from mlready.core.vocabulary import PathKind

# Folder names (compared in lower case) and what they hold.
_FOLDERS: dict[str, PathKind] = {
    **dict.fromkeys(
        ("tests", "test", "testing", "__tests__", "androidtest", "testthat"),
        PathKind.TESTS,
    ),
    **dict.fromkeys(("docs", "doc", "documentation", "website", "mkdocs"), PathKind.DOCS),
    **dict.fromkeys(
        ("examples", "example", "demo", "demos", "tutorial", "tutorials", "cookbook", "recipes"),
        PathKind.EXAMPLES,
    ),
    **dict.fromkeys(("samples", "sample", "sample_data", "sample-data"), PathKind.SAMPLES),
    **dict.fromkeys(
        ("fixtures", "fixture", "__fixtures__", "testdata", "test_data", "test-data", "golden"),
        PathKind.FIXTURES,
    ),
    **dict.fromkeys(
        ("vendor", "vendored", "_vendor", "third_party", "third-party", "thirdparty"),
        PathKind.VENDORED,
    ),
    **dict.fromkeys(
        ("generated", "__generated__", "site-packages"),
        PathKind.GENERATED,
    ),
}
# File names by how they end or begin (lower case).
_TEST_FILES = ("_test.py", "_tests.py", ".test.ts", ".test.tsx", ".test.js", ".spec.ts")
_TEST_FILES_MORE = (".spec.js", "_test.go", "tests.swift", "_test.dart", "_spec.rb")
# `t_test.py` is a Student's t-test, not a test of the code.
_STATISTICAL = frozenset(
    {"t", "z", "f", "u", "ab", "a_b", "chi2", "chi", "ks", "welch", "wilcoxon", "stat", "stats"}
    | {"statistical", "hypothesis", "significance", "mann_whitney", "kolmogorov_smirnov"}
)
_GENERATED_FILES = ("_pb2.py", "_pb2_grpc.py", ".min.js", ".min.css", ".generated.py")


# Asked many times per file of a scan; bounded, since a process using the library may scan
# repository after repository and would otherwise keep every path it ever saw.
@lru_cache(maxsize=1 << 16)
def path_kinds(path: str) -> frozenset[PathKind]:
    """The kinds of a repository path (relative, with `/`): none for the system's own files."""
    *folders, name = path.lower().split("/")
    kinds = {_FOLDERS[folder] for folder in folders if folder in _FOLDERS}
    # A Helm chart's dependencies (`charts/` inside a chart) are other projects' charts.
    if folders.count("charts") > 1:
        kinds.add(PathKind.VENDORED)
    # `t_test.py` (a Student's t-test) is a module, not a test: a test file is `test_*.py`, or
    # `*_test.py` whose stem is not the name of a statistical test.
    stem = name.partition(".")[0].removesuffix("_tests").removesuffix("_test")
    python_test = name.startswith("test_") and name.endswith(".py")
    named_test = name.endswith(_TEST_FILES + _TEST_FILES_MORE) and stem not in _STATISTICAL
    if python_test or named_test or name == "conftest.py":
        kinds.add(PathKind.TESTS)
    if name.endswith(_GENERATED_FILES):
        kinds.add(PathKind.GENERATED)
    return frozenset(kinds)


def counts_for(path: str, allowed: Iterable[PathKind], within: PathKind | None) -> bool:
    """Whether a path is evidence for a probe that lets the kinds `allowed` count (and looks
    only at paths of the kind `within`, when given)."""
    kinds = path_kinds(path)
    if within is not None:
        return within in kinds and kinds <= {within, *allowed}
    return kinds <= frozenset(allowed)


# The top-level keys that make a YAML or JSON file one of mlready's: an answers file, a bank
# (or a layer of one), a bank's translation. Recognised by what they hold, wherever they lie:
# what another review claims, or what a bank looks for, is no evidence.


def is_review_file(keys: Iterable[str]) -> bool:
    """Whether a document with these top-level keys is an answers file, a bank or a bank's
    translation."""
    found = frozenset(keys)
    if "answers" in found and ("bank" in found or "mlready" in found or "project" in found):
        return True
    if "bank" in found and ("areas" in found or "extends" in found or "override" in found):
        return True
    return "language" in found and ("bank" in found or "areas" in found) and "levels" in found
