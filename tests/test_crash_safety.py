"""Writes are atomic: a process killed at any moment leaves the old file or the new one, whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WRITER = """
import sys
from pathlib import Path
from mlready.io.files import write_atomically

target = Path(sys.argv[1])
versions = [Path(sys.argv[2]).read_text(), Path(sys.argv[3]).read_text()]
print("ready", flush=True)
n = 0
while True:
    write_atomically(target, versions[n % 2])
    n += 1
"""


def test_a_killed_writer_never_leaves_half_a_file(tmp_path: Path) -> None:
    # Two large versions, so that a kill often lands in the middle of a write.
    old = "mlready: 1\nanswers:\n" + "".join(f"  q.{n}: yes\n" for n in range(30000))
    new = old.replace("yes", "no")
    (tmp_path / "old.txt").write_text(old)
    (tmp_path / "new.txt").write_text(new)
    target = tmp_path / "mlready.yaml"
    target.write_text(old)
    target.chmod(0o640)
    rng = random.Random(7)
    names = ("old.txt", "new.txt")
    kills = 0
    for _ in range(25):
        argv = [sys.executable, "-c", WRITER, str(target), *(str(tmp_path / n) for n in names)]
        with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.05))
            writer.send_signal(signal.SIGKILL)
            writer.wait()
        kills += writer.returncode == -signal.SIGKILL
        assert target.read_text() in (old, new)
        assert target.stat().st_mode & 0o777 == 0o640
    assert kills == 25
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(".mlready.yaml.")]
    # A killed writer may leave its temporary file, never the target half-written; some are
    # left, so some kills did land in the middle of a write.
    assert leftovers, "no kill landed in the middle of a write; the test proved nothing"
    assert all(name.endswith(".tmp") for name in leftovers)
    assert os.access(target, os.R_OK)
