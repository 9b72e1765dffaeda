"""Tests start from a copy of a cache as a user's is after a few runs, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.commands import run
from tests.helpers.languages import speaking

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "on-device-vision.yaml"


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_a_report_in_either_language_finds_the_cache_warm(
    language: str, private_cache: Path, tmp_path: Path
) -> None:
    before = sorted(entry.name for entry in private_cache.iterdir())
    with speaking(language):
        code, _out, err = run("report", EXAMPLE, "--no-scan", "-o", tmp_path / "r.md")
    assert code == 0, err
    assert sorted(entry.name for entry in private_cache.iterdir()) == before
