"""Reading a question bank from its file (or the built-in one), through the cache of validated
banks; a layered bank reads the banks it extends too."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from mlready.core.bank import bank_from_document
from mlready.core.document import Document
from mlready.core.errors import InputError
from mlready.core.messages import N_, Message
from mlready.core.model import Bank
from mlready.io.cache import Entry, cached_bank, entry_for, remember_bank
from mlready.io.os_errors import input_error_of
from mlready.io.resources import BUILTIN_BANK, builtin_bank_path
from mlready.io.yamlio import parse_yaml, read_text

# The last banks this process read through the cache, each with its entry: a translation of one
# is kept under a key made from that entry's (see io.catalogs). The bank is held so that its id
# cannot be another's later; a few, so that a process reading many banks does not keep them all.
_ENTRIES: dict[int, tuple[Bank, Entry]] = {}
_ENTRIES_KEPT = 4

# Layers a bank may stack (each adds a few frames to the load): an organisation's, a team's, a
# system's are a handful; a chain of thousands is a mistake, refused at its layer.
MAX_LAYERS = 64


def load_bank(path: Path | None = None) -> Bank:
    """The bank at `path`, or the built-in bank. Raises InputError naming file:line:column."""
    with _collector_paused():
        return _load(path, chain=())


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Loading a large bank makes hundreds of thousands of objects (parsed YAML, then models),
    # and Python's cycle collector walks them all again and again while they are made, for a
    # tenth of the load time. None of them forms a cycle, so pausing it frees nothing later.
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _load(path: Path | None, *, chain: tuple[Path, ...]) -> Bank:
    source = "built-in bank" if path is None else str(path)
    file = path or builtin_bank_path()
    text = read_text(file, source=source, kind=N_("bank"))
    # The cache is keyed by the text that is parsed, read once: an edit made meanwhile cannot
    # file one version's bank under another's bytes.
    entry = entry_for(text.encode("utf-8"))
    bank = cached_bank(entry) if entry is not None else None
    if bank is not None:
        return _entered(replace(bank, files=(file,)), entry)
    document = parse_yaml(text, source=source, locate_later=True)
    if isinstance(document.data, dict) and "extends" in document.data:
        # Not cached: a layer's meaning depends on the other files it extends.
        return _load_layer(document, file.resolve(), chain=chain)
    bank = bank_from_document(document)
    if entry is not None:
        remember_bank(entry, bank)
    return _entered(replace(bank, files=(file,)), entry)


def _entered(bank: Bank, entry: Entry | None) -> Bank:
    if entry is not None:
        while len(_ENTRIES) >= _ENTRIES_KEPT:
            del _ENTRIES[next(iter(_ENTRIES))]
        _ENTRIES[id(bank)] = (bank, entry)
    return bank


def cache_entry_of(bank: Bank) -> Entry | None:
    """The cache entry `bank` was read through, if this process read it so (not a layer)."""
    known = _ENTRIES.get(id(bank))
    return known[1] if known is not None and known[0] is bank else None


def _load_layer(document: Document, here: Path, *, chain: tuple[Path, ...]) -> Bank:
    from mlready.core.layers import BankLayer, apply_layer
    from mlready.core.validation import validate_document

    layer = validate_document(BankLayer, document)
    if len(chain) >= MAX_LAYERS:
        raise InputError(
            document.problem(
                ("extends",),
                Message("more than {count} layers extend each other", count=MAX_LAYERS),
            )
        )
    if layer.extends == BUILTIN_BANK:
        base_path = None
    else:
        try:
            base_path = (here.parent / layer.extends).resolve()
            found = base_path.is_file()
        except (OSError, ValueError) as error:  # a name too long, a NUL, a link loop
            reason = input_error_of(error)
            if reason is None:
                raise
            raise InputError(
                document.problem(
                    ("extends",), Message("no bank there: {reason}", reason=str(reason))
                )
            ) from None
        if base_path in (*chain, here):
            raise InputError(
                document.problem(("extends",), Message("banks extend each other in a cycle"))
            )
        if not found:
            raise InputError(
                document.problem(("extends",), Message("no bank at {path}", path=base_path))
            )
    base = _load(base_path, chain=(*chain, here))
    return apply_layer(document, layer, base, file=here)
