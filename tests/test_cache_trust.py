"""The cache folder may be writable by others: a planted or edited entry never changes a result.

Each hostile entry is planted where the real one belongs; `check --format json` must then say
exactly what it says with the cache off, exit the same way, and raise nothing. Most entries
are made to carry a valid MAC, so that each test shows one defence on its own: the ownership
check, the refusal of links and special files, the size limit.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlready.cli import app
from mlready.io import cache
from mlready.io.bank_file import load_bank
from tests.helpers.small_bank import SMALL_BANK

# Entries are planted and damaged in place here: each test starts with an empty cache folder.
pytestmark = pytest.mark.cold_cache

# The blocker data.lineage is open: the review fails, and raised scores would make it pass.
FAILING_ANSWERS = """\
mlready: 1
bank: small@1
project: {name: shelf-scanner}
answers:
  data.modality: [image]
  data.owner: data-team
  data.lineage: no
  data.schema: partial
  serving.mode: batch
  serving.rollback: yes
"""
NOBODY = 65534
RAISED = [
    {"value": "yes", "score": 1},
    {"value": "partial", "score": 1},
    {"value": "no", "score": 1},
]

Result = tuple[int, str, str]


def check_json(folder: Path) -> Result:
    # catch_exceptions=False: a traceback fails the test instead of becoming an exit code.
    result = CliRunner().invoke(
        app,
        ["check", "--format", "json", "--bank", "small.yaml", "mlready.yaml"],
        catch_exceptions=False,
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(FAILING_ANSWERS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def uncached(review: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path) -> Result:
    """What `check` says with the cache off."""
    monkeypatch.setenv(cache.CACHE_ENV, "")
    result = check_json(review)
    monkeypatch.setenv(cache.CACHE_ENV, str(private_cache))
    assert result[0] == 1
    return result


class Planted:
    """The cache of the review's bank, as an attacker finds it after one real run."""

    def __init__(self, review: Path, folder: Path) -> None:
        self.folder = folder
        self.content = (review / "small.yaml").read_bytes()
        self.key = cache._key(self.content)
        self.entry = cache._entry(folder, self.key)
        self.secret_file = folder / cache._SECRET_NAME
        self.secret = self.secret_file.read_bytes()
        stored = self.entry.read_bytes()
        self.header, _, payload = stored.partition(b"\n")
        self.bank: dict[str, Any] = json.loads(payload)

    def raised(self) -> dict[str, Any]:
        """The bank with every check's options scoring 1."""
        bank = json.loads(json.dumps(self.bank))
        for area in bank["areas"]:
            for question in area["questions"]:
                if question.get("kind", "check") == "check":
                    question["options"] = RAISED
        return bank

    def signed(self, bank: dict[str, Any], *, secret: bytes | None = None, pad: int = 0) -> bytes:
        """An entry holding `bank` with a valid MAC (under `secret`, else the user's key)."""
        payload = json.dumps(bank).encode() + b" " * pad
        mac = cache._mac(secret or self.secret, self.key, payload)
        return cache._HEADER + mac.encode() + b"\n" + payload


@pytest.fixture
def planted(review: Path, private_cache: Path, uncached: Result) -> Planted:
    assert check_json(review) == uncached  # the first run writes the entry
    return Planted(review, private_cache)


def test_a_signed_entry_of_this_user_is_trusted(review: Path, planted: Planted) -> None:
    # The control for every test below: an entry with the user's own MAC is believed, so the
    # entries they plant would turn this failing review into a pass if a defence gave way.
    planted.entry.write_bytes(planted.signed(planted.raised()))
    code, stdout, _ = check_json(review)
    assert code == 0
    assert json.loads(stdout)["passed"] is True


def _edited_scores(planted: Planted, tmp_path: Path) -> None:
    payload = json.dumps(planted.raised()).encode()
    planted.entry.write_bytes(planted.header + b"\n" + payload)  # the key and MAC kept


def _no_levels(planted: Planted, tmp_path: Path) -> None:
    planted.entry.write_bytes(
        planted.header + b"\n" + json.dumps({**planted.bank, "levels": []}).encode()
    )


def _signed_with_another_key(planted: Planted, tmp_path: Path) -> None:
    planted.entry.write_bytes(planted.signed(planted.raised(), secret=secrets.token_bytes(32)))


def _link_to_dev_zero(planted: Planted, tmp_path: Path) -> None:
    planted.entry.unlink()
    planted.entry.symlink_to("/dev/zero")


def _link_to_a_signed_entry(planted: Planted, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_bytes(planted.signed(planted.raised()))
    planted.entry.unlink()
    planted.entry.symlink_to(target)


def _huge(planted: Planted, tmp_path: Path) -> None:
    planted.entry.write_bytes(planted.signed(planted.raised(), pad=cache.MAX_ENTRY_BYTES))


def _fifo(planted: Planted, tmp_path: Path) -> None:
    planted.entry.unlink()
    os.mkfifo(planted.entry)


def _folder(planted: Planted, tmp_path: Path) -> None:
    planted.entry.unlink()
    planted.entry.mkdir()


def _key_readable_by_others(planted: Planted, tmp_path: Path) -> None:
    # A key others can read is a key others can sign with.
    planted.secret_file.chmod(0o644)
    planted.entry.write_bytes(planted.signed(planted.raised()))


def _key_linked_elsewhere(planted: Planted, tmp_path: Path) -> None:
    forged = secrets.token_bytes(32)
    target = tmp_path / "attacker.key"
    target.write_bytes(forged)
    target.chmod(0o600)
    planted.secret_file.unlink()
    planted.secret_file.symlink_to(target)
    planted.entry.write_bytes(planted.signed(planted.raised(), secret=forged))


HOSTILE: dict[str, Callable[[Planted, Path], None]] = {
    "scores raised, key and MAC kept": _edited_scores,
    "levels: [], key and MAC kept": _no_levels,
    "signed with a forged key": _signed_with_another_key,
    "a link to /dev/zero": _link_to_dev_zero,
    "a link to a signed entry": _link_to_a_signed_entry,
    "a signed entry past the size limit": _huge,
    "a FIFO": _fifo,
    "a folder": _folder,
    "the key readable by others": _key_readable_by_others,
    "the key a link to another key": _key_linked_elsewhere,
}


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_entry_changes_nothing(
    review: Path,
    tmp_path: Path,
    planted: Planted,
    uncached: Result,
    plant: Callable[[Planted, Path], None],
) -> None:
    plant(planted, tmp_path)
    assert check_json(review) == uncached


@pytest.mark.parametrize("plant", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_entry_is_not_loaded(
    review: Path,
    tmp_path: Path,
    planted: Planted,
    monkeypatch: pytest.MonkeyPatch,
    plant: Callable[[Planted, Path], None],
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    expected = load_bank(review / "small.yaml")
    monkeypatch.setenv(cache.CACHE_ENV, str(planted.folder))
    plant(planted, tmp_path)
    assert load_bank(review / "small.yaml") == expected


def _owned_by_nobody(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    os.chown(path, NOBODY, NOBODY, follow_symlinks=False)


def test_a_signed_entry_of_another_user_changes_nothing(
    review: Path, planted: Planted, uncached: Result
) -> None:
    planted.entry.write_bytes(planted.signed(planted.raised()))
    _owned_by_nobody(planted.entry)
    assert check_json(review) == uncached


def test_a_key_of_another_user_changes_nothing(
    review: Path, planted: Planted, uncached: Result
) -> None:
    forged = secrets.token_bytes(32)
    planted.secret_file.write_bytes(forged)
    _owned_by_nobody(planted.secret_file)
    planted.entry.write_bytes(planted.signed(planted.raised(), secret=forged))
    assert check_json(review) == uncached


def test_a_link_planted_as_an_entry_is_replaced_not_written_through(
    review: Path, tmp_path: Path, planted: Planted, uncached: Result
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    planted.entry.unlink()
    planted.entry.symlink_to(victim)
    assert check_json(review) == uncached
    assert victim.read_text() == "keep me"
    assert not planted.entry.is_symlink()
    assert check_json(review) == uncached  # and the entry written instead is used


def test_the_key_is_private_to_its_user(planted: Planted) -> None:
    status = planted.secret_file.lstat()
    assert status.st_mode & 0o777 == 0o600
    assert status.st_uid == os.geteuid()
    assert planted.entry.lstat().st_mode & 0o077 == 0


def test_no_key_no_hits(review: Path, planted: Planted, uncached: Result) -> None:
    planted.secret_file.unlink()
    planted.entry.write_bytes(planted.signed(planted.raised()))
    assert check_json(review) == uncached  # the entry is signed with a key that is gone
    assert len(planted.secret_file.read_bytes()) == 32  # a new key for the next entries
