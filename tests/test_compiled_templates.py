"""The built-in templates ship compiled to Python (mlready/render/compiled): in step with
their sources, used only while they are, and writing the very report the sources write."""

from __future__ import annotations

import gc
import shutil
import sys
import weakref
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from mlready.core.answers import Answers
from mlready.core.errors import ExitCode
from mlready.core.model import Bank
from mlready.core.scoring import score
from mlready.render import compiled, report
from mlready.render.precompile import compiled_modules
from mlready.render.report import COMPILED
from tests.helpers.commands import run
from tests.helpers.report_review import REVIEW

ROOT = Path(__file__).resolve().parent.parent


def test_the_compiled_templates_are_those_of_the_sources() -> None:
    if jinja2.__version__ != compiled.JINJA:
        # Another Jinja writes other code: the report compiles the sources instead.
        assert report._compiled_loader() is None
        return
    expected = compiled_modules()
    shipped = {path.name: path.read_text(encoding="utf-8") for path in COMPILED.glob("*.py")}
    assert sorted(shipped) == sorted(expected), "run: python -m mlready.render.precompile"
    for name, text in expected.items():
        assert shipped[name] == text, f"{name} is stale: run python -m mlready.render.precompile"
    assert report._compiled_loader() is not None


def reports(*args: str) -> list[str]:
    """The report in both languages and both formats."""
    texts = []
    for language in ("en", "zh-CN"):
        for form in ("markdown", "html"):
            code, out, err = run("report", *args, "--lang", language, "-f", form, "-o", "-")
            assert code == ExitCode.OK, err
            texts.append(out)
    return texts


def test_the_compiled_templates_write_what_their_sources_write(
    history_repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With the score over time (the history of `history_repo`), and with a scan's evidence (a
    # copy of the example repository).
    example = tmp_path / "example"
    shutil.copytree(ROOT / "examples" / "repository", example)
    runs = [
        ("--bank", "small.yaml", "mlready.yaml"),
        ("--repo", str(example), str(example / "mlready.yaml")),
    ]
    used: list[str] = []
    original = report._compiled_loader

    def noted() -> jinja2.BaseLoader | None:
        loader = original()
        used.append(type(loader).__name__)
        return loader

    monkeypatch.setattr(report, "_compiled_loader", noted)
    from_compiled = [reports(*args) for args in runs]
    monkeypatch.setattr(report, "_compiled_loader", lambda: None)
    from_sources = [reports(*args) for args in runs]
    assert from_compiled == from_sources
    assert set(used) == {"ModuleLoader"}
    trend, evidence = from_compiled[0][0], from_compiled[1][0]
    assert "Score over time:" in trend
    assert "| Check | Area | Answer | Score | Evidence |" in evidence


def test_a_changed_template_is_compiled_from_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a checkout where a template was edited and not compiled again.
    folder = tmp_path / "templates"
    shutil.copytree(report.templates_dir(), folder)
    gap = folder / "gap.md.j2"
    gap.write_text(gap.read_text(encoding="utf-8").replace("###", "### EDITED"), "utf-8")
    monkeypatch.setattr(report, "templates_dir", lambda: folder)
    assert report._compiled_loader() is None
    (tmp_path / "mlready.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("report", "--no-history", "--no-scan", "-o", "-")
    assert code == ExitCode.OK, err
    assert "### EDITED" in out


def test_reports_rendered_in_one_process_leave_sys_modules_whole(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    # Jinja's ModuleLoader puts a weak proxy of its package into sys.modules: code that walks
    # sys.modules (as Hypothesis does) failed on the proxy of a loader collected meanwhile.
    card = score(small_bank, parse_answers(REVIEW))
    for html in (False, True, False):
        report.render_report(card, html=html)
    held = [module for module in sys.modules.values() if type(module) is weakref.ProxyType]
    gc.collect()
    for module in held:
        getattr(module, "__file__", None)  # ReferenceError if its loader was collected


def test_a_report_is_never_written_over_a_compiled_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # They are read by the run, as the templates are: inputs, which --force does not overwrite.
    (tmp_path / "mlready.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for module in (COMPILED / "__init__.py", next(COMPILED.glob("tmpl_*.py"))):
        before = module.read_bytes()
        code, _, err = run("report", "--no-history", "--no-scan", "-o", str(module), "--force")
        assert code == ExitCode.INVALID, err
        assert module.read_bytes() == before
