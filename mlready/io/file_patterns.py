"""The files a pattern of answers files names (see mlready.core.globs for the dialect): found
by walking the folders below the pattern's plain part, never through a link to a folder (no
loop, no walk out of the tree), in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from mlready.core.errors import InputError
from mlready.core.globs import has_magic, parse_glob
from mlready.core.messages import Message
from mlready.io.files import walk


def expand(pattern: Path | str) -> list[Path]:
    """The files that match `pattern`, sorted; raises InputError when it is not a valid glob."""
    text = str(pattern)
    if os.sep != "/":
        text = text.replace(os.sep, "/")
    segments = text.split("/")
    plain = next(index for index, segment in enumerate(segments) if has_magic(segment))
    base = "/".join(segments[:plain]) or ("/" if text.startswith("/") else ".")
    try:
        glob = parse_glob("/".join(segments[plain:]))
    except ValueError as error:
        raise InputError(
            Message("{path}: {problem}", path=pattern, problem=error.args[0])
        ) from None
    found: list[Path] = []
    for folder, subfolders, files in walk(base):  # links to folders are listed, not entered
        relative = os.path.relpath(folder, base)
        inside = "" if relative == os.curdir else relative.replace(os.sep, "/") + "/"
        if glob.depth is not None and inside.count("/") + 1 >= glob.depth:
            subfolders.clear()  # deeper than the glob reaches
        # Each file's path made from its folder's: the folders' names are kept once, not once
        # per file (a portfolio's glob may list thousands).
        parent = Path(folder)
        found += [parent / name for name in files if glob.matches(inside + name)]
    return sorted(found)
