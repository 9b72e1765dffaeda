"""The built-in report templates as Jinja compiled them, kept in the cache folder: read on the
next run, never changing a report, and loaded only when this user's mlready signed them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from mlready.cli import choose_language_from
from mlready.core.errors import ExitCode
from mlready.io.cache import CACHE_ENV
from mlready.io.catalogs import use_language
from mlready.render import report
from tests.helpers.commands import run

# What the cache does from nothing: each test starts with an empty cache folder.
pytestmark = pytest.mark.cold_cache

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def example(tmp_path: Path) -> list[str]:
    """A review with a scan's evidence: a copy of the example repository."""
    folder = tmp_path / "example"
    shutil.copytree(ROOT / "examples" / "repository", folder)
    return ["--repo", str(folder), str(folder / "mlready.yaml")]


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates Jinja compiles from their sources, as it does."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def compile_(self: jinja2.Environment, source: Any, name: Any = None, *args: Any) -> Any:
        names.append(name)
        return original(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    yield names


def reports(args: list[str]) -> list[str]:
    """The report in both languages and both formats."""
    texts = []
    for language in ("en", "zh-CN"):
        for form in ("markdown", "html"):
            argv = ["report", *args, "--lang", language, "-f", form, "-o", "-"]
            choose_language_from(argv)  # as `mlready.cli.main` does before the command runs
            try:
                code, out, err = run(*argv)
            finally:
                use_language("en")
            assert code == ExitCode.OK, err
            texts.append(out)
    return texts


def test_a_report_is_the_same_with_and_without_the_cache(
    example: list[str],
    private_cache: Path,
    compiles: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = reports(example)  # compiles each template once per format, and keeps it
    assert sorted(compiles) == ["gap.html.j2", "gap.md.j2", "report.html.j2", "report.md.j2"]
    assert len(list(private_cache.glob("template-*.bin"))) == 4
    compiles.clear()
    again = reports(example)
    assert compiles == []  # every template came from the cache
    monkeypatch.setenv(CACHE_ENV, "")
    without = reports(example)
    assert compiles.count("report.md.j2") == 2  # in English and in Chinese
    assert first == again == without
    assert "| Check | Area | Answer | Score | Evidence |" in without[0]
    assert "证据" in without[2] and "<html" in without[3]


def test_an_entry_that_is_not_signed_for_its_template_is_not_loaded(
    example: list[str], private_cache: Path, compiles: list[str]
) -> None:
    expected = reports(example)
    entries = sorted(private_cache.glob("template-*.bin"))
    # Each entry under another's name: valid entries, signed with the key, for other templates.
    contents = [entry.read_bytes() for entry in entries]
    for entry, content in zip(entries, contents[1:] + contents[:1], strict=True):
        entry.write_bytes(content)
    compiles.clear()
    assert reports(example) == expected
    assert sorted(compiles) == ["gap.html.j2", "gap.md.j2", "report.html.j2", "report.md.j2"]


def test_an_entry_written_without_the_key_is_not_loaded(
    example: list[str], private_cache: Path, compiles: list[str]
) -> None:
    expected = reports(example)
    for entry in private_cache.glob("template-*.bin"):
        header, _, code = entry.read_bytes().partition(b"\n")
        entry.write_bytes(header[:-8] + b"00000000\n" + code)  # the code as it was, a wrong MAC
    compiles.clear()
    assert reports(example) == expected
    # Compiled from the sources, and kept again signed: the Chinese reports read those.
    assert sorted(compiles) == ["gap.html.j2", "gap.md.j2", "report.html.j2", "report.md.j2"]


def test_another_jinja_compiles_the_templates_again(
    example: list[str],
    private_cache: Path,
    compiles: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run("report", *example, "-o", "-")
    monkeypatch.setattr(report, "_jinja_release", lambda: "3.1.99")
    compiles.clear()
    code, _, err = run("report", *example, "-o", "-")
    assert code == ExitCode.OK, err
    assert sorted(compiles) == ["gap.md.j2", "report.md.j2"]
    assert len(list(private_cache.glob("template-*.bin"))) == 4  # two of each release


def test_a_users_template_is_not_kept(
    tmp_path: Path, private_cache: Path, compiles: list[str]
) -> None:
    # Only mlready's own templates render outside the sandbox, and only they are kept.
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ project.name }}\n", encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    for _ in range(2):
        code, out, err = run(
            "report", str(tmp_path / "mlready.yaml"), "--template", str(template), "-o", "-"
        )
        assert code == ExitCode.OK, err
        assert out.endswith("# \n")  # the project has no name
    assert compiles == ["mine.md.j2", "mine.md.j2"]
    assert not list(private_cache.glob("template-*.bin"))


def test_an_edited_template_is_compiled_from_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    # As in a checkout where a template was edited after a run kept it compiled.
    folder = tmp_path / "templates"
    shutil.copytree(report.templates_dir(), folder)
    monkeypatch.setattr(report, "templates_dir", lambda: folder)
    (tmp_path / "mlready.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ("report", "--no-history", "--no-scan", "-o", "-")
    code, first, err = run(*args)
    assert code == ExitCode.OK, err
    gap = folder / "gap.md.j2"
    gap.write_text(gap.read_text(encoding="utf-8").replace("###", "### EDITED"), "utf-8")
    compiles.clear()
    code, out, err = run(*args)
    assert code == ExitCode.OK, err
    assert compiles == ["gap.md.j2"]
    assert "### EDITED" in out and "### EDITED" not in first
