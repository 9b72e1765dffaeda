"""The installed command at the edges of a process: Ctrl-C whenever it comes, standard streams
closed or full, a checkout git refuses, a translation that cannot be read. Each ends with one
line and the documented exit code, never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "support-assistant.yaml"
MLREADY = Path(sys.executable).parent / "mlready"
# Ctrl-C that lands in the interpreter's own start-up, or while the `mlready` script imports
# mlready's package, comes before any line of mlready runs: out of its reach. Such a traceback
# names no file of mlready's package.
MLREADY_FRAME = re.compile(r'File "[^"]*[/\\]mlready[/\\][^"]*\.py"')


def mlready(*args: str | Path, cwd: Path = ROOT, **options: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(MLREADY), *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,  # type: ignore[call-overload]
    )


@pytest.mark.slow
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130() -> None:
    """SIGINT at increasing delays after start, through the imports, the parsing of the
    command line, the loading of the bank and the scoring."""
    seen_inside = 0
    for step in range(24):
        process = mlready("check", EXAMPLE, "--no-scan")
        time.sleep(step * 0.0125)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        if process.returncode in (-signal.SIGINT, 1) and not MLREADY_FRAME.search(err):
            assert err == "" or "KeyboardInterrupt" in err, (step, err)
            continue  # before Python ran any of mlready
        assert "Traceback" not in err, (step, err)
        if process.returncode == 130:
            assert err == "interrupted\n", (step, err)
            seen_inside += 1
        else:  # it finished first: the gate's verdict on the example
            assert process.returncode == 1, (step, err)
    assert seen_inside >= 3


@pytest.mark.slow
def test_a_closed_stdout_is_told_with_exit_2() -> None:
    for args in (["check", EXAMPLE, "--no-scan"], ["report", EXAMPLE, "--no-scan", "-o", "-"]):
        done = subprocess.run(
            [str(MLREADY), *map(str, args)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            # The child's standard output closed, as `>&-` leaves it.
            preexec_fn=lambda: os.close(1),
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [
            "error: cannot write to standard output: Bad file descriptor"
        ]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_bad_input_with_a_full_stderr_still_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "mlready.yaml"
    broken.write_text("answers: [\n")
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [str(MLREADY), "check", broken], cwd=tmp_path, stderr=full, check=False
        )
    assert done.returncode == 2


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("git"), reason="needs root and git")
def test_a_checkout_git_refuses_gates_with_no_scan(tmp_path: Path) -> None:
    """A container whose user does not own the checkout: git refuses it ("dubious ownership"),
    which `check` reports; `--no-scan` gates without asking git."""
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(EXAMPLE, repo / "mlready.yaml")
    for path in (repo, *repo.rglob("*")):
        os.chown(path, 4321, 4321, follow_symlinks=False)
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    refused = subprocess.run(
        [str(MLREADY), "check", "mlready.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert refused.returncode == 2
    assert "dubious ownership" in refused.stderr or "safe.directory" in refused.stderr
    gated = subprocess.run(
        [str(MLREADY), "check", "mlready.yaml", "--no-scan"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert gated.returncode == 1  # the example's blocker gap, judged
    assert "Traceback" not in gated.stderr


TRANSLATED_BANK = """\
bank: tiny
version: 1
title: Tiny bank
areas:
  - id: data
    title: Data
    questions:
      - id: data.lineage
        prompt: Is every example traced to its source?
        why: Untraceable data cannot be audited.
        severity: blocker
        fix: Record the source of each example.
"""
ANSWERS = """\
mlready: 1
bank: tiny@1
project: {name: tiny, owner: team, reviewed: 2026-11-01}
answers:
  data.lineage: no
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "translation",
    [
        # A YAML anchor, which mlready's YAML refuses.
        "questions:\n  data.lineage: &a {prompt: 数据可追溯吗？}\n  other: *a\n",
        "questions: [\n",
        "\x00\x01 not yaml",
    ],
    ids=["anchor", "unclosed", "binary"],
)
def test_a_broken_translation_never_changes_the_exit_code(tmp_path: Path, translation: str) -> None:
    (tmp_path / "tiny.yaml").write_text(TRANSLATED_BANK, encoding="utf-8")
    (tmp_path / "tiny.zh-CN.yaml").write_text(translation, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(ANSWERS, encoding="utf-8")
    codes = {}
    for lang in ("en", "zh-CN"):
        done = subprocess.run(
            [str(MLREADY), "check", "--bank", "tiny.yaml", "--lang", lang, "--no-scan"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert "Traceback" not in done.stderr
        codes[lang] = done.returncode
        if lang == "zh-CN":
            assert "warning" in done.stderr or "警告" in done.stderr, done.stderr
    assert codes == {"en": 1, "zh-CN": 1}
    # Where a translation is judged, it is an error.
    validated = subprocess.run(
        [str(MLREADY), "bank", "validate", "--bank", "tiny.yaml", "--lang", "zh-CN"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 2


def test_without_file_locks_an_answers_file_is_not_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a platform without fcntl (Windows), `ask`, `sign` and `init` refuse instead of
    editing without the lock."""
    import builtins

    from mlready.core.errors import MlreadyError
    from mlready.io.files import exclusive_lock

    real_import = builtins.__import__

    def no_fcntl(name: str, *args: object, **kwargs: object) -> object:
        if name == "fcntl":
            raise ImportError("No module named 'fcntl'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_fcntl)
    answers = tmp_path / "mlready.yaml"
    answers.write_text("kept\n")
    with pytest.raises(MlreadyError, match="no advisory file locks"), exclusive_lock(answers):
        answers.write_text("changed\n")
    assert answers.read_text() == "kept\n"
    assert list(tmp_path.iterdir()) == [answers]
