"""The files a git work tree tracks, read from its index file as data, without starting git."""

# A scan lists the tracked files of the repository it is run in; starting git for that costs a
# small review more than the rest of its scan. The index (`.git/index`, format versions 2 to 4,
# gitformat-index(5)) lists them: a path per entry, sorted. Only the plain case is read here:
# a `.git` folder at the top of the work tree, owned by the user, its index whole (checksum
# right) with no extension that changes what it lists (a split or sparse index). Anything
# else is git's to answer, through the one git runner (which also reports what git refuses,
# such as a repository owned by someone else). Nothing of the repository runs either way.

import os
import stat
from pathlib import Path

_SIGNATURE = b"DIRC"
_HEADER = 12
# Per entry before its object name: ctime, mtime (seconds and nanoseconds), dev, ino, mode,
# uid, gid, size: ten 32-bit numbers.
_STAT_DATA = 40
_MAX_INDEX_BYTES = 256 * 1024 * 1024
_MAX_CONFIG_BYTES = 1024 * 1024
# Repository extensions (`extensions.*` in .git/config) that change nothing this reader reads.
_KNOWN_EXTENSIONS = frozenset(
    {"objectformat", "partialclone", "worktreeconfig", "preciousobjects", "noop"}
)
# The flags of an entry's second (extended) half that git knows: skip-worktree, intent-to-add.
_KNOWN_EXTENDED = 0x6000
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_NAME_MASK = 0x0FFF
_EXTENDED = 0x4000
# The hash of an object name, and of the index's own checksum: SHA-1, or SHA-256 in a
# repository made with `--object-format=sha256`. CPython's own implementations where it has
# them (as mlready.io.cache takes BLAKE2): hashlib loads OpenSSL, which costs a small review
# more than reading its index.
try:
    from _sha1 import sha1  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # another Python
    from hashlib import sha1
try:
    from _sha2 import sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment, unused-ignore]
_HASHES = ((sha1, 20), (sha256, 32))


def indexed_files(root: Path) -> list[str] | None:
    """The paths the index of the work tree at `root` lists, relative to it, each once, in the
    index's order (bytes that are no UTF-8 shown as U+FFFD, as git's listing is read); None
    where the index is not read here (see the module) and git must be asked."""
    git_folder = root / ".git"
    try:
        folder = git_folder.lstat()
        owner = os.geteuid()
        if not stat.S_ISDIR(folder.st_mode):
            return None  # a worktree's or submodule's `.git` file, or a link
        if folder.st_uid != owner or root.lstat().st_uid != owner:
            return None  # another's repository: git decides (safe.directory) and says why
        if not _plain_repository(git_folder):
            return None
        # Not a link, nor a FIFO to wait on: a regular file of at most the limit.
        handle = os.open(git_folder / "index", _READ_FLAGS)
    except (OSError, AttributeError):  # no index yet, a link, no geteuid (Windows)...
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_INDEX_BYTES:
            return None
        chunks = []
        while chunk := os.read(handle, status.st_size + 1):
            chunks.append(chunk)
            if sum(map(len, chunks)) > _MAX_INDEX_BYTES:
                return None
    except OSError:
        return None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    names = _entries(data)
    if names is None:
        return None
    return list(dict.fromkeys(name.decode("utf-8", errors="replace") for name in names))


def _plain_repository(git_folder: Path) -> bool:
    """Whether git would take `git_folder` as a repository of a format this reader knows: it
    has a HEAD, and its configuration asks for no repository format or extension beyond those
    that leave the index as it is (else git decides, and may refuse)."""
    if not (git_folder / "HEAD").exists():
        return False
    try:
        handle = os.open(git_folder / "config", _READ_FLAGS)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_CONFIG_BYTES:
            return False
        text = os.read(handle, _MAX_CONFIG_BYTES + 1).decode("utf-8", errors="replace")
    except OSError:
        return False
    finally:
        os.close(handle)
    section = ""
    for written in text.splitlines():
        line = written.split("#", 1)[0].split(";", 1)[0].strip()
        if line.startswith("["):
            section = line.strip("[]").strip().split(" ", 1)[0].lower()
            continue
        key, _, value = line.partition("=")
        key = key.strip().lower()
        if section == "core" and key == "repositoryformatversion":
            if value.strip() not in ("0", "1"):
                return False
        elif section == "extensions" and key and key not in _KNOWN_EXTENSIONS:
            return False
    return True


def _entries(data: bytes) -> list[bytes] | None:
    """The paths of an index file's entries, or None where it is not one read here."""
    if len(data) < _HEADER or data[:4] != _SIGNATURE:
        return None
    version = int.from_bytes(data[4:8], "big")
    count = int.from_bytes(data[8:12], "big")
    if version not in (2, 3, 4):
        return None
    for algorithm, size in _HASHES:
        if len(data) >= _HEADER + size and algorithm(data[:-size]).digest() == data[-size:]:
            return _read(data, version=version, count=count, hash_size=size)
    return None  # damaged, or a hash this reader does not know


def _read(data: bytes, *, version: int, count: int, hash_size: int) -> list[bytes] | None:
    end = len(data) - hash_size
    fixed = _STAT_DATA + hash_size + 2  # stat data, object name, flags
    names: list[bytes] = []
    offset = _HEADER
    previous = b""
    for _ in range(count):
        if offset + fixed > end:
            return None
        flags = int.from_bytes(data[offset + fixed - 2 : offset + fixed], "big")
        start = offset + fixed
        if flags & _EXTENDED:
            if version < 3:
                return None
            if int.from_bytes(data[start : start + 2], "big") & ~_KNOWN_EXTENDED:
                return None  # a flag git does not know: git refuses the entry
            start += 2
        if version == 4:
            # The name is the previous one less N bytes at its end, then what follows up to a
            # NUL (N a variable-length number, gitformat-index(5)).
            strip, start = _varint(data, start, end)
            terminator = data.find(b"\0", start, end)
            if strip < 0 or strip > len(previous) or terminator == -1:
                return None
            name = previous[: len(previous) - strip] + data[start:terminator]
            offset = terminator + 1
            length = flags & _NAME_MASK
            if length != _NAME_MASK and length != len(name):
                return None  # git reads the name by its length, and refuses a mismatch
        else:
            terminator = data.find(b"\0", start, end)
            if terminator == -1:
                return None
            name = data[start:terminator]
            length = flags & _NAME_MASK
            if length != _NAME_MASK and length != len(name):
                return None
            # Padded with NULs to a multiple of eight bytes, the name's own NUL included.
            offset += (terminator - offset + 8) // 8 * 8
        if not name or name.endswith(b"/"):
            return None  # a sparse index's folder: git lists the files it stands for
        names.append(name)
        previous = name
    return names if _plain_extensions(data, offset, end) else None


def _varint(data: bytes, start: int, end: int) -> tuple[int, int]:
    """A number written in git's offset encoding at `start`, and where the data goes on; -1
    as the number where it runs past `end`."""
    value = 0
    index = start
    for _ in range(10):
        if index >= end:
            return -1, index
        byte = data[index]
        index += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, index
        value += 1
    return -1, index


def _plain_extensions(data: bytes, offset: int, end: int) -> bool:
    """Whether the extensions after the entries are whole and only ones that do not change
    which files are listed (an extension git must understand has a lower-case signature:
    `link` for a split index, `sdir` for a sparse one)."""
    while offset < end:
        if offset + 8 > end:
            return False
        signature = data[offset : offset + 4]
        size = int.from_bytes(data[offset + 4 : offset + 8], "big")
        if not 0x41 <= signature[0] <= 0x5A:
            return False
        offset += 8 + size
    return offset == end
