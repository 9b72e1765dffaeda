"""No file a run reads is ever written by it, `--force` or not: answers, banks and their
layers, translation files, settings, templates and their includes, baselines. Each kind of
input is named as the output of a command that read it (run in this process: the output policy
is what is tested, not the process)."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import run_in
from tests.helpers.file_snapshots import snapshot
from tests.helpers.languages import speaking
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

pytestmark = pytest.mark.slow

TRANSLATION = "language: zh-CN\nquestions:\n  data.owner: {source: abc, prompt: 谁负责数据？}\n"
REFUSED = re.compile("is one of this command's inputs|是本命令的输入之一")
LAYER = "bank: layered\nversion: 1\nextends: small.yaml\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "small.zh-CN.yaml").write_text(TRANSLATION, encoding="utf-8")
    (tmp_path / "layer.yaml").write_text(LAYER, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    (tmp_path / "baseline.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "mine.md.j2").write_text(
        "{% include 'part.md.j2' %}\n{{ project.name }}\n", encoding="utf-8"
    )
    (templates / "part.md.j2").write_text("# Review\n", encoding="utf-8")
    return tmp_path


CASES = {
    "answers": ("report", "mlready.yaml", "--bank", "small.yaml", "-o", "mlready.yaml"),
    "bank": ("report", "--bank", "small.yaml", "-o", "small.yaml"),
    "layer base": ("report", "--bank", "layer.yaml", "-o", "small.yaml"),
    "translation (report)": (
        "report", "mlready.yaml", "--bank", "small.yaml", "--lang", "zh-CN",
        "-o", "small.zh-CN.yaml",
    ),
    "translation (check)": (
        "check", "--bank", "small.yaml", "--lang", "zh-CN", "--output", "json:small.zh-CN.yaml"
    ),
    "translation (portfolio)": (
        "portfolio", "mlready.yaml", "--bank", "small.yaml", "--lang", "zh-CN",
        "-o", "small.zh-CN.yaml",
    ),
    "settings": ("report", "-o", ".mlready.toml"),
    "template": (
        "report", "--bank", "small.yaml", "--template", "templates/mine.md.j2",
        "-o", "templates/mine.md.j2",
    ),
    "template include": (
        "report", "--bank", "small.yaml", "--template", "templates/mine.md.j2",
        "-o", "templates/part.md.j2",
    ),
    "baseline": (
        "check", "--bank", "small.yaml", "--baseline", "baseline.yaml",
        "--output", "json:baseline.yaml",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_input_is_never_an_output(repo: Path, case: str) -> None:
    if case == "settings":
        (repo / ".mlready.toml").write_text('bank = "small.yaml"\n', encoding="utf-8")
    before = snapshot(repo)
    with speaking("zh-CN") if "zh-CN" in CASES[case] else contextlib.nullcontext():
        result = run_in(repo, *CASES[case], "--force")
    assert result.returncode == ExitCode.INVALID, (result.stdout, result.stderr)
    assert REFUSED.search(result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(repo) == before


def test_a_translation_reached_through_a_link_is_an_input_too(repo: Path) -> None:
    (repo / "out.md").symlink_to(repo / "small.zh-CN.yaml")
    before = snapshot(repo)
    with speaking("zh-CN"):
        result = run_in(
            repo, "report", "--bank", "small.yaml", "--lang", "zh-CN", "-o", "out.md", "--force"
        )
    assert result.returncode == ExitCode.INVALID
    assert REFUSED.search(result.stderr), result.stderr
    assert snapshot(repo) == before
