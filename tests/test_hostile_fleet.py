"""`portfolio --repos` against repositories made to hurt it: the same answers in two
repositories, an answers file far over the size limit, git told to run programs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import mlready.io.fleet
from mlready.api.repos import fleet
from tests.helpers.git_repositories import git, repository
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

TODAY = dt.date(2026, 12, 1)
INVALID = "mlready: 1\nbank: small@1\nanswers:\n  data.nope: yes\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    return tmp_path


def test_a_kept_reason_names_its_own_repository(folder: Path) -> None:
    # Two repositories hold the same (invalid) answers, so the same blob: the reason kept from
    # the first run must not name the other repository on the next.
    repository(folder / "one", {"mlready.yaml": INVALID})
    remote = repository(folder / "two", {"mlready.yaml": INVALID})
    (folder / "repos.txt").write_text(f"one\n{remote.as_uri()}\n", encoding="utf-8")
    for _run in range(2):
        found = fleet(folder / "repos.txt", bank=folder / "small.yaml", today=TODAY)
        reasons = [fact.error or "" for fact in found.facts]
        assert reasons[0].startswith("one:mlready.yaml:4:14: unknown question")
        assert reasons[1].startswith(f"{remote.as_uri()}:mlready.yaml:4:14: unknown question")
    (folder / "repos.txt").write_text(f"{remote.as_uri()}\none\n", encoding="utf-8")
    found = fleet(folder / "repos.txt", bank=folder / "small.yaml", today=TODAY)
    assert (found.facts[1].error or "").startswith("one:mlready.yaml:")


def test_an_answers_blob_over_the_limit_is_never_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 2 GB answers file would be read whole into memory; its size is asked of git first.
    monkeypatch.setattr(mlready.io.fleet, "MAX_ANSWERS_BYTES", 4096)
    read: list[list[str]] = []
    real = mlready.io.fleet.read_blobs

    def spy(root: Path, blobs: list[str], *, fetching: bool = False) -> list[bytes | None]:
        read.append(list(blobs))
        return real(root, blobs, fetching=fetching)

    monkeypatch.setattr(mlready.io.fleet, "read_blobs", spy)
    big = "# padding\n" * 1000 + BEST_ANSWERS
    local = repository(folder / "big", {"a/mlready.yaml": big, "b/mlready.yaml": BEST_ANSWERS})
    git(local, "config", "uploadpack.allowFilter", "true")
    (folder / "repos.txt").write_text(
        f"big */mlready.yaml\n{local.as_uri()} */mlready.yaml\n", encoding="utf-8"
    )
    found = fleet(folder / "repos.txt", bank=folder / "small.yaml", today=TODAY)
    reasons = [fact.error for fact in found.facts]
    size = f"{len(big.encode()):,}"
    too_large = f":a/mlready.yaml: answers file is {size} bytes; the limit is 4,096 bytes"
    assert reasons[::2] == ["big" + too_large, local.as_uri() + too_large]
    assert reasons[1::2] == [None, None]
    assert all(
        fact.blob is not None and fact.answers == "a/mlready.yaml" for fact in found.facts[::2]
    )
    assert len(read) == 2 and all(len(blobs) == 1 for blobs in read)  # only b/mlready.yaml


def test_runs_that_share_a_clone_take_turns(folder: Path) -> None:
    # Lines naming one URL are read by threads at once, and they fetch into one clone: git's
    # shallow.lock and FETCH_HEAD would be fought over (and a fact fail) without a lock.
    remote = repository(folder / "remote", {"mlready.yaml": BEST_ANSWERS})
    git(remote, "config", "uploadpack.allowFilter", "true")
    (folder / "repos.txt").write_text(f"{remote.as_uri()}\n" * 6, encoding="utf-8")
    for _run in range(2):  # the first clones, the second fetches six times into one clone
        found = fleet(folder / "repos.txt", bank=folder / "small.yaml", today=TODAY, jobs=6)
        assert [fact.error for fact in found.facts] == [None] * 6


def test_a_folder_inside_a_repository_is_not_read_as_that_repository(folder: Path) -> None:
    # git looks up from a plain folder and would review the repository around it under the
    # folder's name; a bare repository and a `.git` folder are repositories.
    outer = repository(folder / "outer", {"mlready.yaml": BEST_ANSWERS})
    (outer / "sub").mkdir()
    (folder / "repos.txt").write_text("outer/sub\nouter\nouter/.git\n", encoding="utf-8")
    found = fleet(folder / "repos.txt", bank=folder / "small.yaml", today=TODAY)
    assert [(fact.error, fact.level) for fact in found.facts] == [
        ("outer/sub: not the top of a git repository", None),
        (None, "production"),
        (None, "production"),
    ]


def test_a_reason_is_said_in_the_language_spoken(folder: Path) -> None:
    # Said anew, a reason is a message of the catalog (kept from an earlier run, it is data).
    from tests.helpers.commands import mlready as command

    repository(folder / "one", {"mlready.yaml": INVALID})
    (folder / "repos.txt").write_text("one\n", encoding="utf-8")
    args = ("portfolio", "--repos", "repos.txt", "--bank", "small.yaml", "--today", "2026-12-01")
    shown = command(folder, *args, "--lang", "zh-CN").stdout
    assert "| one:mlready.yaml:4:14: 未知问题“data.nope”" in shown


@pytest.mark.parametrize("ref", ["HEAD:refs/heads/planted", "+HEAD", "refs/heads/*", "-x"])
def test_a_refspec_is_no_ref(folder: Path, ref: str) -> None:
    # A fetch given `src:dst` or a pattern would write refs into the cached clone.
    from mlready.core.errors import InputError

    (folder / "repos.txt").write_text("one\n", encoding="utf-8")
    with pytest.raises(InputError, match="--ref: not a ref git can read"):
        fleet(folder / "repos.txt", bank=folder / "small.yaml", today=TODAY, ref=ref)
