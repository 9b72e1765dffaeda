"""Answers patterns (on the command line and in the settings file) in the one glob dialect:
expanded by a walk of the folders below their plain part, never into a linked folder, sorted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode, InputError
from mlready.io.file_patterns import expand
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

NAMES = [
    "a.yaml",
    "teams/ads.yaml",
    "teams/search.yaml",
    "teams/old/ranker.yaml",
    "teams/old/deep/er/x.yaml",
    ".hidden/h.yaml",
    "teams/notes.txt",
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "tree"
    for name in NAMES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(BEST_ANSWERS, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    (root / "teams" / "linked").symlink_to(outside, target_is_directory=True)
    (root / "teams" / "loop").symlink_to(root, target_is_directory=True)
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.yaml", ["a.yaml"]),
        ("teams/*.yaml", ["teams/ads.yaml", "teams/search.yaml"]),
        (
            "**/*.yaml",
            [
                ".hidden/h.yaml",
                "a.yaml",
                "teams/ads.yaml",
                "teams/old/deep/er/x.yaml",
                "teams/old/ranker.yaml",
                "teams/search.yaml",
            ],
        ),
        (
            "teams/**/*.yaml",
            [
                "teams/ads.yaml",
                "teams/old/deep/er/x.yaml",
                "teams/old/ranker.yaml",
                "teams/search.yaml",
            ],
        ),
        (
            "teams/**",
            [
                "teams/ads.yaml",
                "teams/notes.txt",
                "teams/old/deep/er/x.yaml",
                "teams/old/ranker.yaml",
                "teams/search.yaml",
            ],
        ),
        ("teams/[!s]*.yaml", ["teams/ads.yaml"]),
        ("teams/[a-r]*.y?ml", ["teams/ads.yaml"]),
        ("teams/*/*.yaml", ["teams/old/ranker.yaml"]),
        ("nowhere/*.yaml", []),
    ],
)
def test_a_pattern_names_the_files_it_matches_in_order_never_through_a_linked_folder(
    tree: Path, pattern: str, expected: list[str]
) -> None:
    assert expand(pattern) == [Path(name) for name in expected]
    absolute = expand(tree / pattern)
    assert absolute == [tree / name for name in expected]


def test_an_invalid_pattern_is_an_error_that_says_why(tree: Path) -> None:
    with pytest.raises(InputError, match=r"teams/\[a-: '\[' opens a set of characters"):
        expand("teams/[a-")
    (tree / "bank.yaml").write_text(SMALL_BANK, encoding="utf-8")
    code, out, err = run("check", "--bank", "bank.yaml", "teams/[a-")
    assert code == ExitCode.INVALID
    assert out == ""
    assert "teams/[a-: '[' opens a set of characters that ']' must close" in err


def test_check_and_the_settings_file_take_patterns_of_the_dialect(tree: Path) -> None:
    (tree / "bank.yaml").write_text(SMALL_BANK, encoding="utf-8")
    code, out, err = run("check", "--bank", "bank.yaml", "--format", "json", "teams/**/*.yaml")
    assert code == ExitCode.OK, err
    files = [review["file"] for review in json.loads(out)["reviews"]]
    assert files == [
        "teams/ads.yaml",
        "teams/old/deep/er/x.yaml",
        "teams/old/ranker.yaml",
        "teams/search.yaml",
    ]
    (tree / ".mlready.toml").write_text(
        'bank = "bank.yaml"\nanswers = "teams/[!s]*.yaml"\n', encoding="utf-8"
    )
    code, out, err = run("check", "--format", "json")
    assert code == ExitCode.OK, err
    assert json.loads(out)["file"] == "teams/ads.yaml"
