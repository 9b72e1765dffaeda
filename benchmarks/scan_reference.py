"""The floor of a scan: list the files git tracks, then read every one under 1 MiB once and
search it once with one pattern. `mlready scan` does this and more (many probes, globs, lines
shown); the ratio of the two says what that costs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

LIMIT = 1024 * 1024
PATTERN = re.compile(rb"^\s*(import|from)\s+(torch|mlflow|great_expectations)\b", re.MULTILINE)


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    listed = subprocess.run(
        ["git", "-C", root, "ls-files", "-z", "--cached"], capture_output=True, check=True
    ).stdout
    found = 0
    for name in listed.decode("utf-8", errors="replace").split("\0"):
        if not name:
            continue
        path = root / name
        if path.stat().st_size > LIMIT:
            continue
        found += PATTERN.search(path.read_bytes()) is not None
    print(found)


if __name__ == "__main__":
    main()
