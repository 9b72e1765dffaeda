"""A cache of validated banks, so that a bank is parsed and checked once, not on every run."""

# An entry is keyed by a hash of the bank file's bytes and by the state of mlready's own source
# files: an edited bank or an upgraded mlready never reads a stale entry. An entry holds what the
# bank says (no expanded defaults), as JSON: nothing in it can run code on load.
#
# The folder may be one that others can write (a shared CI cache, a MLREADY_CACHE_DIR in /tmp),
# so an entry is used only when it proves that this user's mlready wrote it for these bytes:
# - it is read only from a regular file owned by the current user, never through a link, never
#   from a device or a FIFO, and never past a size limit;
# - it carries a MAC (keyed BLAKE2b) of the key (format, bank bytes, code state) and of its
#   content, made with a random key kept in the same folder: created on first use, mode 0600,
#   and read under the same rules and only while no one else may read it. Whoever cannot read
#   that key cannot make or edit an entry that passes.
# Anything else is ignored and the bank is parsed again, with the same result. A passing entry
# is built without checking every rule again, since it is what this mlready made of these very
# bytes after checking them: that is what makes a hit cheap.
# The same rules keep the report templates as Jinja compiled them: code, which is why an entry
# is loaded only once its MAC passes. MLREADY_CACHE_DIR chooses the folder; empty turns it off.
# Otherwise the folder follows the XDG base directory rules, and is made when missing.

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from mlready.core.bank import bank_data, bank_from_data
from mlready.core.messages import Message
from mlready.core.model import Bank

try:
    # CPython's own BLAKE2 (which hashlib.blake2b is) and constant-time comparison (hmac's
    # own fallback): hashlib and hmac load OpenSSL first, which would cost every run 3 MiB of
    # memory and 2 ms. The standard library's random module takes its sha512 the same way.
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # a Python built without them
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]

CACHE_ENV = "MLREADY_CACHE_DIR"
_FORMAT = "3"  # bump when the cached shape of a bank or its signature changes
MAX_ENTRY_AGE_SECONDS = 30 * 24 * 3600
# A bank file is at most 16 MiB and an entry holds no more than the bank says: the rest of this
# limit is room for JSON's quoting. Anything larger was not written by mlready.
MAX_ENTRY_BYTES = 32 * 1024 * 1024
_SECRET_NAME = "mac.key"
_SECRET_BYTES = 32
_HEADER = b"mlready bank cache " + _FORMAT.encode() + b" "
_TEMPLATE_HEADER = b"mlready template cache " + _FORMAT.encode() + b" "
_PACKAGE = Path(__file__).resolve().parent.parent
# O_NOFOLLOW: a link planted where an entry belongs is refused, not followed to /dev/zero or to
# another user's file. O_NONBLOCK: opening a FIFO does not wait for a writer (it is then refused
# as not a regular file). Without these flags (Windows) the ownership checks below turn the
# cache off anyway.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class _Unavailable:
    """Why the cache folder could not be made in this run, the first time it could not."""

    reason: Message | None = None


def cache_dir() -> Path | None:
    """The cache folder, made (mode 0700) when missing; None when the cache is off or the
    folder cannot be made (see `cache_unavailable`)."""
    if not hasattr(os, "geteuid"):  # no owner to check files against: no cache
        return None
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return _made(Path(chosen), base=None) if chosen else None
    # The XDG base directory rules: $XDG_CACHE_HOME when it is an absolute path, else ~/.cache.
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder (some containers)
            _unavailable(Path("~/.cache/mlready"), "no home folder")
            return None
    return _made(Path(base) / "mlready", base=Path(base))


def _made(folder: Path, *, base: Path | None) -> Path | None:
    try:
        if folder.is_dir():
            return folder
        # The base too, as on a new CI runner or container that has no ~/.cache yet; but
        # never the folder above it (a home that is not there is not ours to make).
        if base is not None:
            base.mkdir(mode=0o700, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        _unavailable(folder, error.strerror or type(error).__name__)
        return None
    return folder


def _unavailable(folder: Path, reason: str) -> None:
    if _Unavailable.reason is None:
        _Unavailable.reason = Message(
            "{path}: cannot create the cache folder ({reason}); running without the cache",
            path=folder,
            reason=reason,
        )


def cache_unavailable() -> Message | None:
    """Why this run has no cache although it is on: the cache folder could not be made."""
    return _Unavailable.reason


@cache
def _code_state() -> str:
    """The size and time of each of mlready's source files: what shapes a bank (and the
    environment a template is compiled in)."""
    # An upgrade (or any edit) writes these files anew. The release number would add nothing,
    # and reading it from the package metadata costs every run some 20 ms of imports.
    states = []
    for folder in sorted(os.scandir(_PACKAGE), key=lambda entry: entry.name):
        if not folder.is_dir():
            continue
        for file in sorted(os.scandir(folder.path), key=lambda entry: entry.name):
            if file.name.endswith(".py"):
                status = file.stat()
                states.append(f"{file.name}:{status.st_mtime_ns}:{status.st_size}")
    return blake2b("|".join(states).encode(), digest_size=32).hexdigest()


def _key(content: bytes) -> str:
    return "|".join([_FORMAT, blake2b(content, digest_size=32).hexdigest(), _code_state()])


def _entry(folder: Path, key: str) -> Path:
    return folder / f"bank-{blake2b(key.encode(), digest_size=8).hexdigest()}.json"


def _read_own_file(path: Path, limit: int, *, private: bool = False) -> bytes | None:
    """The bytes of `path` if it is a regular file of the current user of at most `limit`
    bytes (and, if `private`, that no one else may read or write), reached without following
    a link; else None. Marks the file as used."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:  # missing, a link (ELOOP), not allowed...
        return None
    try:
        status = os.fstat(descriptor)
        if (
            not stat.S_ISREG(status.st_mode)
            or status.st_uid != os.geteuid()
            or status.st_size > limit
            or (private and stat.S_IMODE(status.st_mode) & 0o077)
        ):
            return None
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            content = stream.read(limit + 1)  # the file may have grown since fstat
        if len(content) > limit:
            return None
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(descriptor)  # in use: keep it from being forgotten as old
        return content
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _secret(folder: Path, *, create: bool) -> bytes | None:
    """This user's MAC key for the cache in `folder`, made on first use when `create`."""
    # None when there is none, or when the file there is not one this user made alone: another
    # user's file, a link, or readable by others (then anyone could forge entries).
    path = folder / _SECRET_NAME
    secret = _read_own_file(path, _SECRET_BYTES, private=True)
    if secret is None and create:
        _make_secret(path)
        secret = _read_own_file(path, _SECRET_BYTES, private=True)
    return secret if secret is not None and len(secret) == _SECRET_BYTES else None


def _new_file(folder: Path, prefix: str) -> tuple[int, Path]:
    """A new file of this user alone (mode 0600) under a random name in `folder`, open for
    writing: what tempfile.mkstemp makes, without the 2 ms its import costs a run. O_EXCL: never
    an existing file, nor a link planted under the name."""
    path = folder / f"{prefix}{os.urandom(8).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags, 0o600), path


def _make_secret(path: Path) -> None:
    # Written in full under a temporary name, then linked into place, which fails if another
    # process got there first: nobody ever reads a half-written key, and two runs starting
    # together agree on one.
    handle, temporary = _new_file(path.parent, ".mac-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(_SECRET_BYTES))  # what secrets.token_bytes returns
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _mac(secret: bytes, key: str, payload: bytes) -> str:
    # BLAKE2 keyed with a secret is a MAC by design (RFC 7693), as HMAC is for SHA-2.
    mac = blake2b(key.encode() + b"\n", key=secret, digest_size=32)
    mac.update(payload)
    return mac.hexdigest()


class Entry:
    """Where this user's cache keeps what a file's bytes hold."""

    # Its key, a hash of those bytes (some milliseconds for a large bank), is made when first
    # needed: a cache that has no MAC key yet (a new CI runner's) can hold no entry that passes,
    # so a run there hashes only in the child that writes the entry, after its output.

    __slots__ = ("_key", "_keyed", "folder")

    def __init__(self, folder: Path, keyed: bytes) -> None:
        self.folder = folder
        self._keyed = keyed
        self._key: str | None = None

    @property
    def key(self) -> str:
        """The format, the bytes' hash and the state of mlready's code, in one string."""
        if self._key is None:
            self._key, self._keyed = _key(self._keyed), b""
        return self._key


def entry_for(content: bytes, *, kind: str = "bank") -> Entry | None:
    """The cache entry of what a file holding `content` holds: a bank, or (`kind`) another
    document mlready reads on every run, such as a bank's translation; None when the cache
    is off."""
    folder = cache_dir()
    if folder is None:
        return None
    return Entry(folder, content if kind == "bank" else kind.encode() + b"\0" + content)


def cached_bank(entry: Entry) -> Bank | None:
    """The bank of `entry`, if this user's cache has it."""
    data = cached_data(entry)
    if data is None:
        return None
    try:
        return bank_from_data(data)
    except (ValueError, KeyError, TypeError, AttributeError):
        # Only a bug can get here (the entry is ours, for this code): parse the bank instead.
        return None


def cached_data(entry: Entry) -> Any:
    """The plain data kept under `entry`, if this user's cache has it (None otherwise)."""
    secret = _secret(entry.folder, create=False)
    if secret is None:  # then no entry can pass: the bytes are not even hashed
        return None
    payload = _signed_payload(secret, _entry(entry.folder, entry.key), entry.key, _HEADER)
    if payload is None:
        return None
    try:
        return json.loads(payload)
    except ValueError:
        return None


def _signed_payload(secret: bytes, path: Path, key: str, header: bytes) -> bytes | None:
    """What the entry at `path` holds, if it is this user's and signed for `key` with the
    cache's MAC key `secret` (None otherwise)."""
    stored = _read_own_file(path, MAX_ENTRY_BYTES)
    if stored is None or not stored.startswith(header):
        return None
    mac, _, payload = stored[len(header) :].partition(b"\n")
    if not compare_digest(mac, _mac(secret, key, payload).encode()):
        return None  # written by someone else, for other bytes, or damaged
    return payload


def _write_signed(folder: Path, path: Path, key: str, header: bytes, payload: bytes) -> None:
    """Sign `payload` for `key` with the cache's MAC key (made on first use) and keep it at
    `path`; quietly skipped when the cache cannot be written."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        secret = _secret(folder, create=True)
        if secret is None:
            return
        _write_entry(path, header + _mac(secret, key, payload).encode() + b"\n" + payload)
        _forget_old_entries(folder)
    except OSError:
        pass


def _template_key(key: str) -> str:
    # What the compiled code depends on beyond what the caller names (the Jinja release, the
    # template's name, path and source): mlready's code, which configures the environment.
    return "|".join([_FORMAT, "template", key, _code_state()])


def _template_entry(folder: Path, key: str) -> Path:
    return folder / f"template-{blake2b(key.encode(), digest_size=8).hexdigest()}.bin"


def cached_template(folder: Path, key: str) -> bytes | None:
    """A compiled template kept under `key` in the cache `folder`, if this user's mlready
    wrote it there (None otherwise). It is code: nothing else is ever returned."""
    secret = _secret(folder, create=False)
    if secret is None:
        return None
    key = _template_key(key)
    return _signed_payload(secret, _template_entry(folder, key), key, _TEMPLATE_HEADER)


def remember_template(folder: Path, key: str, compiled: Callable[[], bytes]) -> None:
    """Keep a compiled template (what `compiled` returns) under `key` for the next run: after
    the run's output, when the command line defers such work."""
    from mlready.io.deferred import later

    def write() -> None:
        # Keyed here, in the writer: a first run reads mlready's code state only for this.
        full = _template_key(key)
        _write_signed(folder, _template_entry(folder, full), full, _TEMPLATE_HEADER, compiled())

    later(write)


def remember_bank(entry: Entry, bank: Bank) -> None:
    """Keep a validated bank for the next run (quietly skipped when the cache cannot be
    written): after the run's output, when the command line defers such work."""
    from mlready.io.deferred import later

    later(lambda: remember_data(entry, bank_data(bank)))


def remember_data(entry: Entry, data: Any) -> None:
    """Keep plain data for the next run (quietly skipped when the cache cannot be written)."""
    payload = json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), check_circular=False
    ).encode()
    _write_signed(entry.folder, _entry(entry.folder, entry.key), entry.key, _HEADER, payload)


def _write_entry(path: Path, content: bytes) -> None:
    # Not through write_atomically: that writes through a link at the target, as a user's
    # outputs should be, and here a link may be someone else's trap. A new file renamed over
    # the name replaces a link rather than following it. No fsync: an entry torn by a crash
    # fails its MAC and is made again.
    handle, temporary = _new_file(path.parent, f".{path.name.partition('-')[0]}-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _forget_old_entries(folder: Path) -> None:
    # Every edit of a bank and every upgrade adds an entry; this user's unused for a while go.
    limit = time.time() - MAX_ENTRY_AGE_SECONDS
    # MLREADY_CACHE_DIR may name a folder that holds other files: only an entry that says it
    # is one of mlready's (its header) is removed, never another bank-*.json.
    for pattern, header in (("bank-*.json", _HEADER), ("template-*.bin", _TEMPLATE_HEADER)):
        for old in folder.glob(pattern):
            with contextlib.suppress(OSError):
                status = old.lstat()
                if not (
                    stat.S_ISREG(status.st_mode)
                    and status.st_uid == os.geteuid()
                    and status.st_mtime < limit
                ):
                    continue
                descriptor = os.open(old, _OPEN_FLAGS)
                with os.fdopen(descriptor, "rb") as stream:
                    head = stream.read(len(header))
                if head == header:
                    old.unlink()
