"""The built wheel, installed into a fresh virtual environment, run from another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import venv
import zipfile
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Build from a copy: setuptools reuses a build/ folder, which could ship stale modules.
    source = tmp_path_factory.mktemp("source") / "mlready"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(source),
        ],
        check=True,
    )
    (found,) = out.glob("mlready_review-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; its dependencies come from the test environment.

    Tests get no network, so the dependencies are borrowed through a .pth line instead of being
    downloaded; the package itself, with its bank and templates, comes only from the wheel.
    """
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return home


def run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [str(installed / "bin" / "mlready"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_wheel_ships_the_bank_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "mlready/checklists/default.yaml" in names
    assert "mlready/templates/report.md.j2" in names
    assert "mlready/templates/gap.md.j2" in names
    # Only the sources: Jinja compiles the templates into the cache folder on a first run.
    assert not [name for name in names if "compiled" in name or "tmpl_" in name]
    assert "mlready/locale/zh_CN/LC_MESSAGES/mlready.mo" in names  # compiled, not the source
    assert not [name for name in names if name.endswith((".po", ".pot"))]
    assert not [name for name in names if name.startswith(("tests/", "checklists/"))]


def test_the_wheel_ships_no_generated_schema(wheel: Path) -> None:
    # Schemas are made for the bank in use by `mlready schema` and `init`; none is packaged.
    infos = zipfile.ZipFile(wheel).infolist()
    assert not [info.filename for info in infos if info.filename.endswith(".json")]


def test_installed_check_runs_from_any_folder(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL_BANK)
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS)
    result = run(installed, tmp_path, "check", "--bank", "small.yaml")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "PASSED" in result.stdout
    location = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import mlready; print(mlready.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert location.startswith(str(installed))


def test_installed_builtin_bank_and_templates(installed: Path, tmp_path: Path) -> None:
    result = run(installed, tmp_path, "bank", "validate")
    assert result.returncode == ExitCode.OK, result.stderr
    assert run(installed, tmp_path, "init").returncode == ExitCode.OK
    check = run(installed, tmp_path, "check")
    assert check.returncode == ExitCode.GATE_FAILED  # nothing answered yet
    assert "unanswered" in check.stdout
    report = run(installed, tmp_path, "report", "-o", "-")
    assert report.returncode == ExitCode.OK, report.stderr
    assert "## Areas" in report.stdout
    version = run(installed, tmp_path, "--version")
    assert version.stdout.startswith("mlready ")


def test_check_in_ci_loads_neither_rich_nor_jinja(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL_BANK)
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS)
    result = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-X",
            "importtime",
            "-m",
            "mlready",
            "check",
            "--bank",
            "small.yaml",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == ExitCode.OK, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "mlready.core.scoring" in imported  # the import log is complete
    assert not {"rich", "jinja2", "pygments"} & imported


@pytest.mark.cold_cache
def test_installed_report_keeps_its_compiled_templates_for_the_next_run(
    installed: Path, tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Jinja does not parse the built-in templates on each run: the first run keeps them
    # compiled in the cache (after its output), the next ones read them, and the report is
    # the same byte for byte as one made without the cache.
    (tmp_path / "small.yaml").write_text(SMALL_BANK)
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS)

    def reports() -> list[str]:
        texts = []
        for language, form in (("en", "markdown"), ("zh-CN", "html")):
            args = ("report", "--bank", "small.yaml", "--lang", language, "-f", form, "-o", "-")
            result = run(installed, tmp_path, *args)
            assert result.returncode == ExitCode.OK, result.stderr
            texts.append(result.stdout)
        return texts

    first = reports()
    deadline = time.monotonic() + 10
    # One for each format's report (with nothing missing, the gaps' template is not needed).
    while len(entries := list(private_cache.glob("template-*.bin"))) < 2:
        assert time.monotonic() < deadline, list(private_cache.iterdir())
        time.sleep(0.02)
    time.sleep(0.2)  # the writer's last rename
    hour_ago = time.time() - 3600
    for entry in entries:
        os.utime(entry, (hour_ago, hour_ago))
    again = reports()
    assert all(entry.stat().st_mtime > hour_ago + 60 for entry in entries)  # read: marked used
    assert sorted(private_cache.glob("template-*.bin")) == sorted(entries)  # and no new one
    monkeypatch.setenv("MLREADY_CACHE_DIR", "")
    assert first == again == reports()
    assert "## Areas" in first[0] and 'lang="zh-CN"' in first[1]
