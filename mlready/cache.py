"""A cache of validated banks, so that a bank is parsed and checked once, not on every run.

An entry is keyed, like Python's own byte-code cache, by the bank file's path, modification
time and size, and by the same facts of the modules that shape a bank: an edited bank or an
upgraded mlready never reads a stale entry. The key is stored in the entry and compared on
reading. Entries are read back through the same converter as any bank file, so a damaged
entry is ignored like a missing one. MLREADY_CACHE_DIR chooses the folder; empty turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from pathlib import Path

from mlready import bank as bank_module
from mlready import model as model_module
from mlready import validation as validation_module
from mlready import vocabulary as vocabulary_module
from mlready import yamlio as yamlio_module
from mlready.errors import MlreadyError
from mlready.files import write_atomically
from mlready.model import Bank
from mlready.validation import convert, to_plain

CACHE_ENV = "MLREADY_CACHE_DIR"
_FORMAT = "1"  # bump when the cached shape of a bank changes
MAX_ENTRY_AGE_SECONDS = 30 * 24 * 3600
_SHAPING_MODULES = (bank_module, model_module, validation_module, vocabulary_module, yamlio_module)


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


def _state(path: Path) -> str:
    info = path.stat()
    return f"{path}:{info.st_mtime_ns}:{info.st_size}"


def _key(path: Path) -> str | None:
    try:
        code = [Path(module.__file__ or "") for module in _SHAPING_MODULES]
        return "|".join([_FORMAT, _state(path.resolve()), *map(_state, code)])
    except OSError:
        return None


def _entry(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"bank-{zlib.crc32(key.encode()):08x}.json"


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
        bank: Bank = convert(Bank, stored.get("bank"), lambda _: str(entry))
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
