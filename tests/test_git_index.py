"""The tracked files read from the index as data agree with git's own listing, or are left to
git: every index format git writes, the cases this reader declines, and damaged indexes."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlready.io.git_index import indexed_files
from tests.helpers.git_repositories import git, repository

FILES = {
    "README.md": "# a\n",
    "src/train.py": "import torch\n",
    "src/serve/app.py": "app = 1\n",
    "tests/test_train.py": "def test_it():\n    assert True\n",
    "a" * 200 + "/" + "b" * 200 + "/c.txt": "long names\n",
}


def listed_by_git(root: Path) -> list[str]:
    output = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached"], capture_output=True, check=True
    ).stdout
    return list(
        dict.fromkeys(name for name in output.decode("utf-8", "replace").split("\0") if name)
    )


def index_version(root: Path) -> int:
    return int.from_bytes((root / ".git" / "index").read_bytes()[4:8], "big")


@pytest.mark.parametrize("version", [2, 3, 4])
def test_each_index_version_is_read_as_git_lists_it(tmp_path: Path, version: int) -> None:
    root = repository(tmp_path / "repo", FILES)
    if version >= 3:  # intent to add: an entry with extended flags, which version 2 lacks
        (root / "later.py").write_text("x = 1\n", encoding="utf-8")
        git(root, "add", "-N", "later.py")
    git(root, "update-index", "--index-version", str(version))
    assert index_version(root) == version
    assert indexed_files(root) == listed_by_git(root)
    assert len(listed_by_git(root)) == len(FILES) + (version >= 3)


def test_a_sha256_repository_is_read(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "--object-format=sha256")
    (root / "model.py").write_text("import torch\n", encoding="utf-8")
    git(root, "add", "-A")
    assert indexed_files(root) == listed_by_git(root) == ["model.py"]


def test_a_file_with_conflicts_is_listed_once(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo", {"f.txt": "a\n"})
    git(root, "checkout", "-q", "-b", "other")
    (root / "f.txt").write_text("b\n", encoding="utf-8")
    git(root, "commit", "-qam", "other")
    git(root, "checkout", "-q", "-")
    (root / "f.txt").write_text("c\n", encoding="utf-8")
    git(root, "commit", "-qam", "this")
    subprocess.run(["git", "-C", str(root), "merge", "other"], capture_output=True, check=False)
    assert indexed_files(root) == ["f.txt"]


def test_names_git_writes_as_bytes_are_read_as_git_lists_them(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    names = [b"caf\xc3\xa9.py", b"line\nbreak.py", b"x\xff.py", "模型.py".encode()]
    try:
        for name in names:
            (root / os.fsdecode(name)).write_text("x = 1\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    git(root, "add", "-A")
    found = indexed_files(root)
    assert found is not None and sorted(found) == sorted(listed_by_git(root))
    assert "line\nbreak.py" in found and "x\ufffd.py" in found


@pytest.mark.parametrize(
    "made",
    [
        ["update-index", "--split-index"],  # the entries live in a shared index
        ["sparse-checkout", "set", "--cone", "--sparse-index", "src"],  # folders stand for files
    ],
    ids=["split", "sparse"],
)
def test_an_index_that_lists_files_elsewhere_is_left_to_git(
    tmp_path: Path, made: list[str]
) -> None:
    root = repository(tmp_path / "repo", FILES)
    git(root, *made)
    assert indexed_files(root) is None


def test_a_worktree_a_missing_index_and_a_link_are_left_to_git(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo", FILES)
    git(root, "worktree", "add", "-q", str(tmp_path / "other"))
    assert (tmp_path / "other" / ".git").is_file()
    assert indexed_files(tmp_path / "other") is None
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")  # no index until something is added
    assert indexed_files(empty) is None
    index = root / ".git" / "index"
    shutil.move(index, tmp_path / "elsewhere")
    index.symlink_to(tmp_path / "elsewhere")
    assert indexed_files(root) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_index_that_is_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo", FILES)
    (root / ".git" / "index").unlink()
    os.mkfifo(root / ".git" / "index")
    assert indexed_files(root) is None


def test_another_user_s_repository_is_left_to_git(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo", FILES)
    try:
        os.chown(root / ".git", 1234, 1234)
    except PermissionError:
        pytest.skip("changing a file's owner needs root")
    assert indexed_files(root) is None  # git decides (safe.directory), and says why it refuses


@functools.cache
def built_repository() -> tuple[Path, bytes]:
    """One repository for every damaged index (hypothesis runs many examples): its root and
    its index as git wrote it."""
    root = repository(Path(tempfile.mkdtemp()) / "repo", FILES)
    return root, (root / ".git" / "index").read_bytes()


def one_byte_changed(data: st.DataObject, original: bytes, first: int, last: int) -> bytearray:
    """`original` with one byte between `first` and `last` (included) changed."""
    place = data.draw(st.integers(first, last))
    value = data.draw(st.integers(0, 255).filter(lambda byte: byte != original[place]))
    damaged = bytearray(original)
    damaged[place] = value
    return damaged


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_damaged_index_is_never_read_past_its_end(data: st.DataObject) -> None:
    # Any change to the bytes breaks the checksum; a damaged entry with its checksum made right
    # again is read, or declined, and never read past its end.
    root, original = built_repository()
    damaged = one_byte_changed(data, original, 0, len(original) - 1)
    index = root / ".git" / "index"
    try:
        index.write_bytes(bytes(damaged))
        assert indexed_files(root) is None
        body = bytes(damaged[:-20])
        index.write_bytes(body + hashlib.sha1(body).digest())
        found = indexed_files(root)
        assert found is None or all(name for name in found)
    finally:
        index.write_bytes(original)


def git_refuses(root: Path) -> bool:
    listing = ["git", "-C", str(root), "ls-files", "-z", "--cached"]
    return subprocess.run(listing, check=False, capture_output=True).returncode != 0


def test_a_version_4_entry_whose_name_length_is_wrong_is_left_to_git(tmp_path: Path) -> None:
    # Version 4 keeps each name's length in the entry's flags, as 2 and 3 do; git reads the
    # name by that length and refuses the index when it disagrees with the name's NUL.
    root = repository(tmp_path / "repo", FILES)
    git(root, "update-index", "--index-version", "4")
    index = root / ".git" / "index"
    data = bytearray(index.read_bytes())
    flags = 12 + 40 + 20  # the first entry's flags, after its stat data and object name
    length = int.from_bytes(data[flags : flags + 2], "big") & 0x0FFF
    assert length == len(sorted(FILES)[0])
    data[flags : flags + 2] = (int.from_bytes(data[flags : flags + 2], "big") - 6).to_bytes(
        2, "big"
    )
    body = bytes(data[:-20])
    index.write_bytes(body + hashlib.sha1(body).digest())
    assert git_refuses(root)
    assert indexed_files(root) is None


@pytest.mark.parametrize(
    "damage",
    ["no HEAD", "unknown extension"],
)
def test_a_git_folder_git_does_not_take_for_a_repository_is_left_to_git(
    tmp_path: Path, damage: str
) -> None:
    # Its index, however whole, is no listing of tracked files: git refuses the folder (not a
    # repository; a repository format it does not know), and so must the scan.
    root = repository(tmp_path / "repo", FILES)
    if damage == "no HEAD":
        (root / ".git" / "HEAD").unlink()
    else:
        git(root, "config", "core.repositoryformatversion", "1")
        git(root, "config", "extensions.unknownToGit", "yes")
    assert git_refuses(root)
    assert indexed_files(root) is None


def test_a_work_tree_owned_by_another_user_is_left_to_git(tmp_path: Path) -> None:
    # git's safe.directory check looks at the work tree's owner as well as its `.git`'s.
    root = repository(tmp_path / "repo", FILES)
    try:
        os.chown(root, 1234, 1234)
    except PermissionError:
        pytest.skip("changing a file's owner needs root")
    assert git_refuses(root)
    assert indexed_files(root) is None


def test_an_entry_with_extended_flags_git_does_not_know_is_left_to_git(tmp_path: Path) -> None:
    # Version 3 and 4 entries may carry a second word of flags; a bit git does not know makes
    # it refuse the index ("unknown index entry format").
    root = repository(tmp_path / "repo", FILES)
    (root / "later.py").write_text("x = 1\n", encoding="utf-8")
    git(root, "add", "-N", "later.py")  # intent to add: the one entry with extended flags
    git(root, "update-index", "--index-version", "3")
    index = root / ".git" / "index"
    data = bytearray(index.read_bytes())
    offset = 12
    for _ in range(int.from_bytes(data[8:12], "big")):
        flags = int.from_bytes(data[offset + 60 : offset + 62], "big")
        start = offset + 62
        if flags & 0x4000:
            data[start + 1] |= 0x01  # a bit below those git defines
            start += 2
        offset += (data.index(0, start) - offset + 8) // 8 * 8
    body = bytes(data[:-20])
    index.write_bytes(body + hashlib.sha1(body).digest())
    assert git_refuses(root)
    assert indexed_files(root) is None


@functools.cache
def built_version_4() -> tuple[Path, bytes]:
    root = repository(Path(tempfile.mkdtemp()) / "repo", FILES)
    git(root, "update-index", "--index-version", "4")
    return root, (root / ".git" / "index").read_bytes()


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_damaged_version_4_index_is_read_only_as_git_reads_it(data: st.DataObject) -> None:
    # A damaged entry with its checksum made right again: declined (git answers), or listed
    # exactly as git lists it, never read where git refuses it.
    root, original = built_version_4()
    damaged = one_byte_changed(data, original, 12, len(original) - 21)
    body = bytes(damaged[:-20])
    index = root / ".git" / "index"
    try:
        index.write_bytes(body + hashlib.sha1(body).digest())
        found = indexed_files(root)
        if found is not None:
            assert not git_refuses(root)
            assert found == listed_by_git(root)
    finally:
        index.write_bytes(original)
