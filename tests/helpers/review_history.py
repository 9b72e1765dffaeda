"""A review's history in git: an answers file committed over five months, renamed once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers.small_bank import SMALL_BANK

FIRST = """\
mlready: 1
bank: small@0
project: {name: "shelf <scanner>", owner: vision-team, reviewed: 2026-01-05}
answers:
  data.modality: [image]
  data.owner: data-team
  data.lineage: no
  data.schema: yes
  serving.mode: realtime
  serving.latency: none
  serving.rollback: no
"""
SECOND = FIRST.replace("small@0", "small@1").replace("data.lineage: no", "data.lineage: partial")
BROKEN = "mlready: 1\nanswers: [\n"
FOURTH = SECOND.replace("data.lineage: partial", "data.lineage: yes")
FIFTH = FOURTH.replace("serving.mode: realtime", "serving.mode: batch").replace(
    "serving.rollback: no", "serving.rollback: yes"
)


def git(repo: Path, *args: str, date: str = "2026-01-01T12:00:00+00:00") -> str:
    """What git prints, run in `repo` with `date` as the author and committer date."""
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(
        ["git", *args], cwd=repo, env=environment, check=True, capture_output=True, text=True
    ).stdout


def commit(repo: Path, path: str, text: str, date: str, message: str) -> None:
    """Write `text` to `path` in `repo` and commit it on `date`."""
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")
    git(repo, "add", path, date=date)
    git(repo, "commit", "-q", "-m", message, date=date)


def review_history(root: Path) -> Path:
    """A git repository at `root` whose answers file has five reviews (one of them an
    older bank version's, one that does not parse) and a rename."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    commit(root, "reviews/model.yaml", FIRST, "2026-01-05T10:00:00+00:00", "first")
    commit(root, "reviews/model.yaml", SECOND, "2026-02-05T10:00:00+00:00", "second")
    commit(root, "reviews/model.yaml", BROKEN, "2026-03-05T10:00:00+00:00", "broken")
    commit(root, "reviews/model.yaml", SECOND, "2026-03-06T10:00:00+00:00", "fixed")
    git(root, "mv", "reviews/model.yaml", "mlready.yaml")
    (root / "mlready.yaml").write_text(FOURTH, encoding="utf-8")
    git(root, "add", "mlready.yaml", date="2026-04-05T10:00:00+00:00")
    git(root, "commit", "-q", "-m", "renamed", date="2026-04-05T10:00:00+00:00")
    commit(root, "mlready.yaml", FIFTH, "2026-05-05T10:00:00+00:00", "batch")
    return root
