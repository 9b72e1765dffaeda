"""The bank cache's entries, as a run leaves them."""

from __future__ import annotations

import time
from pathlib import Path


def written_entries(folder: Path, *, within: float = 10.0) -> list[Path]:
    """The cache entries in `folder`, once a run's deferred writer has made one (it writes
    after the run ends): polled for up to `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        entries = list(folder.glob("bank-*.json"))
        if entries:
            return entries
        time.sleep(0.02)
    return []
