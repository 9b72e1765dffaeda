"""A cache of validated banks, so that a bank is parsed and checked once, not on every run.

An entry is keyed by a hash of the bank file's bytes and by mlready's version and the state of
its own source files: an edited bank or an upgraded mlready never reads a stale entry. The key
is stored in the entry and compared on reading. Entries are read back through the same
converter as any bank file, so a damaged entry is ignored like a missing one.
MLREADY_CACHE_DIR chooses the folder; empty turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from functools import cache
from pathlib import Path

from mlready.core.errors import MlreadyError, Place
from mlready.core.model import Bank
from mlready.core.validation import convert, to_plain
from mlready.io.files import write_atomically
from mlready.io.resources import mlready_version

CACHE_ENV = "MLREADY_CACHE_DIR"
_FORMAT = "1"  # bump when the cached shape of a bank changes
MAX_ENTRY_AGE_SECONDS = 30 * 24 * 3600
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder (some containers): no cache
            return None
    # Only inside a cache folder that is there already: never create a home of our own.
    return Path(base) / "mlready" if Path(base).is_dir() else None


@cache
def _code_state() -> str:
    """mlready's version and the size and time of each of its source files: what shapes a bank."""
    files = sorted(_PACKAGE.glob("*/*.py"))
    states = [f"{file.name}:{file.stat().st_mtime_ns}:{file.stat().st_size}" for file in files]
    return hashlib.sha256("|".join([mlready_version(), *states]).encode()).hexdigest()


def _key(path: Path) -> str | None:
    try:
        content = hashlib.sha256(path.read_bytes()).hexdigest()
        return "|".join([_FORMAT, content, _code_state()])
    except OSError:
        return None


def _entry(key: str) -> Path | None:
    folder = cache_dir()
    return (
        None
        if folder is None
        else folder / f"bank-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    )


def cached_bank(path: Path) -> Bank | None:
    """The bank in the file at `path`, if it was validated as it is now."""
    key = _key(path)
    entry = _entry(key) if key else None
    if entry is None:
        return None
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        os.utime(entry)  # in use: keep it
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        bank: Bank = convert(Bank, stored.get("bank"), lambda _: Place(str(entry)))
    except (OSError, ValueError, MlreadyError):
        return None
    return bank


def remember_bank(path: Path, bank: Bank) -> None:
    """Keep a validated bank for the next run (quietly skipped when the cache cannot be written)."""
    key = _key(path)
    entry = _entry(key) if key else None
    if entry is None:
        return
    try:
        entry.parent.mkdir(exist_ok=True)
        text = json.dumps({"key": key, "bank": to_plain(bank)}, ensure_ascii=False)
        write_atomically(entry, text)
        _forget_old_entries(entry.parent)
    except (OSError, MlreadyError):
        pass


def _forget_old_entries(folder: Path) -> None:
    # Every edit of a bank and every upgrade adds an entry; the ones unused for a while go.
    limit = time.time() - MAX_ENTRY_AGE_SECONDS
    for old in folder.glob("bank-*.json"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < limit:
                old.unlink()
