"""A full disk is blamed on the file that could not be written, and leaves no lock or
temporary file behind: on a small real file system filled up (where this machine lets a test
mount one), and with a write made to fail with ENOSPC in this process."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import english_environment, mlready, run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

PAGE = 4096


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs with a bank and an answers file on it."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        (folder / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
        (folder / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, *, leave: int) -> None:
    """Fill the file system of `folder` until `leave` bytes are free."""
    free = shutil.disk_usage(folder).free - leave
    with (folder / "filler").open("wb") as stream:
        stream.write(b"\0" * max(free, 0))
    assert shutil.disk_usage(folder).free <= leave


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".lock", ".tmp")))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("leave", "blamed"),
    [(0, ".mlready.yaml.lock"), (PAGE, "mlready.yaml")],
    ids=["no room for the lock", "no room for the answers"],
)
def test_sign_on_a_full_disk_names_the_file(small_disk: Path, leave: int, blamed: str) -> None:
    fill(small_disk, leave=leave)
    result = mlready(small_disk, "sign", "--name", "Ada", "--role", "lead", "--bank", "small.yaml")
    assert result.returncode == ExitCode.INVALID
    assert f"{small_disk / blamed}: cannot write: No space left on device" in result.stderr
    assert "standard output" not in result.stderr
    assert leftovers(small_disk) == []
    assert (small_disk / "mlready.yaml").read_text(encoding="utf-8") == BEST_ANSWERS


@pytest.mark.slow
def test_ask_on_a_full_disk_names_the_file(small_disk: Path) -> None:
    fill(small_disk, leave=0)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mlready", "ask", "--bank", "small.yaml", "--no-report", "--no-scan"],
        cwd=small_disk,
        env={**english_environment(), "TERM": "xterm", "NO_COLOR": "1", "MLREADY_CACHE_DIR": ""},
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before or ""
    assert child.exitstatus == ExitCode.INVALID, shown
    assert ".mlready.yaml.lock: cannot write: No space left on device" in shown
    assert "standard output" not in shown
    assert leftovers(small_disk) == []


@pytest.fixture
def review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _no_space(*args: object) -> int:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(
    ("failing", "blamed"),
    [("pwrite", ".mlready.yaml.lock"), ("fsync", "mlready.yaml")],
    ids=["writing the lock", "writing the answers"],
)
def test_a_failed_write_leaves_nothing_behind(
    review: Path, monkeypatch: pytest.MonkeyPatch, failing: str, blamed: str
) -> None:
    import mlready.io.files

    monkeypatch.setattr(mlready.io.files.os, failing, _no_space)
    code, _, err = run("sign", "--name", "Ada", "--role", "lead", "--bank", "small.yaml")
    monkeypatch.undo()
    assert code == ExitCode.INVALID
    assert f"{review / blamed}: cannot write: No space left on device" in err
    assert "standard output" not in err
    assert leftovers(review) == []
    assert (review / "mlready.yaml").read_text(encoding="utf-8") == BEST_ANSWERS
