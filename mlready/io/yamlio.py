"""YAML, configured once: safe parsing with positions, and stable output."""

# Banks and answers files are written by hand, so parsing is strict where YAML is lax and keeps
# every node's position so that a later validation error can name the line:
# - no anchors, aliases or tags: nothing is ever constructed, and a "billion laughs" file fails
#   at its first anchor instead of expanding;
# - duplicate keys, several documents, empty files and non-UTF-8 bytes are errors;
# - plain scalars resolve to None, int, float or str. yes/no/true/false/on/off stay the words
#   that were written: a label "No" is the word, and the models read `na: yes` as a bool; dates
#   stay strings for the models to parse; mapping keys are always the text that was written.

from __future__ import annotations

import errno
import math
import os
import re
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from mlready.core.document import Document, Location, Mark
from mlready.core.errors import InputError, Place, Problem
from mlready.core.messages import N_, Message
from mlready.io.files import record_input
from mlready.io.os_errors import os_reason
from mlready.io.yaml_import import yaml

# libyaml's parser is several times faster than the pure-Python one; both emit the same events.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32
_LINE_BREAKS = "\n\r\x85\u2028\u2029"

_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"[-+]?[0-9]+")
_NUMBER_START = frozenset("0123456789+-.")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def resolve_plain(text: str) -> Any:
    """The value a plain (unquoted) scalar stands for."""
    if text in _NULL:
        return None
    if text[0] not in _NUMBER_START:  # most scalars are words: no pattern to try
        return text
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        number = float(text)
        if math.isfinite(number):
            return number
    return text


def _read_bounded(path: Path) -> tuple[bytes, int | None]:
    """At most MAX_FILE_BYTES + 1 bytes of `path`, whatever it is, and its size when it is a
    regular file (nothing is read of one over the limit)."""
    # A device such as /dev/zero is cut off at the limit, and a FIFO with no writer reads as empty
    # instead of waiting forever: it is opened without blocking (a pipe with a writer, as `<(...)`
    # gives, reads as usual).
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        size = status.st_size if stat.S_ISREG(status.st_mode) else None
        if size is not None and size > MAX_FILE_BYTES:
            return b"", size
        os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), size
    finally:
        os.close(descriptor)


def read_text(
    path: Path, *, source: str | None = None, kind: str = N_("file"), empty_ok: bool = False
) -> str:
    """The UTF-8 text of `path` (a byte-order mark is dropped); `kind` (marked for the
    catalog) names what the file is in messages."""
    # Raises InputError for a missing, oversized, binary, empty or non-UTF-8 file.
    name = source or str(path)
    what = Message(kind)
    limit = f"{MAX_FILE_BYTES:,}"
    try:
        raw, size = _read_bounded(path)
        record_input(path)
        if size is not None and size > MAX_FILE_BYTES:
            raise InputError(
                Message(
                    "{name}: {kind} is {size} bytes; the limit is {limit} bytes",
                    name=name,
                    kind=what,
                    size=f"{size:,}",
                    limit=limit,
                )
            )
        # A file that grew while it was read is over the limit too: decoded_text says so.
    except FileNotFoundError:
        raise InputError(Message("{name}: no such {kind}", name=name, kind=what)) from None
    except IsADirectoryError:
        raise InputError(
            Message("{name}: is a directory, expected a YAML {kind}", name=name, kind=what)
        ) from None
    except PermissionError:
        raise InputError(Message("{name}: permission denied", name=name)) from None
    except OSError as error:
        raise InputError(
            Message("{name}: cannot read: {reason}", name=name, reason=os_reason(error))
        ) from None
    return decoded_text(raw, name=name, kind=kind, empty_ok=empty_ok)


def decoded_text(raw: bytes, *, name: str, kind: str = N_("file"), empty_ok: bool = False) -> str:
    """The UTF-8 text of a file's bytes (`name` is how messages name it): what `read_text`
    checks past reading. Raises InputError for binary, empty or non-UTF-8 bytes."""
    what = Message(kind)
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(
            Message(
                "{name}: {kind} is over the limit of {limit} bytes",
                name=name,
                kind=what,
                limit=f"{MAX_FILE_BYTES:,}",
            )
        )
    if b"\0" in raw:
        raise InputError(
            Message(
                "{name}: not a text file (it contains NUL bytes); expected a YAML {kind}",
                name=name,
                kind=what,
            )
        )
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark, as some editors write
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            Problem(
                Place(name, line, column),
                Message(
                    "not UTF-8 (byte {byte}); save the {kind} as UTF-8",
                    byte=f"0x{raw[error.start]:02x}",
                    kind=what,
                ),
            )
        ) from None
    if not text.strip() and not empty_ok:
        raise InputError(Message("{name}: the {kind} is empty", name=name, kind=what))
    return text


def parse_yaml(text: str, *, source: str, locate_later: bool = False) -> Document:
    """Parse YAML text (one document). Raises InputError with file:line:column on any problem;
    with `locate_later`, a node's position is found only when first asked for."""
    # Found by parsing the text again: a valid bank of 600 KB never keeps a position for each
    # of its tens of thousands of nodes (some megabytes, and a tenth of the parse).
    composer = _Composer(source, marking=not locate_later)
    try:
        composer.compose(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        raise InputError(_describe_yaml_error(error, text, source)) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise InputError(
            Problem(
                Place(source, line, column),
                Message(
                    "invalid YAML: a control character ({character}) cannot appear in YAML text",
                    character=f"#x{error.character:04x}",
                ),
            )
        ) from None
    if composer.root is None:
        raise InputError(
            Message("{name}: the file holds no data (only comments or blank lines)", name=source)
        )
    if locate_later:
        return Document(source=source, data=composer.root, marks=_MarksLater(text, source))
    return Document(source=source, data=composer.root, marks=composer.marks)


class _MarksLater(Mapping[Location, Mark]):
    """The positions of a parsed text's nodes, found by parsing it again on first use."""

    def __init__(self, text: str, source: str) -> None:
        self._text: str | None = text
        self._source = source
        self._found: dict[Location, Mark] | None = None

    def _marks(self) -> dict[Location, Mark]:
        if self._found is None:
            assert self._text is not None  # held until the positions are found
            # The text parsed once already: the same events, so the same nodes and no error.
            composer = _Composer(self._source)
            composer.compose(yaml.parse(self._text, Loader=_Loader))
            self._found, self._text = composer.marks, None
        return self._found

    def __getitem__(self, loc: Location) -> Mark:
        return self._marks()[loc]

    def __contains__(self, loc: object) -> bool:
        return loc in self._marks()

    def __iter__(self) -> Iterator[Location]:
        return iter(self._marks())

    def __len__(self) -> int:
        return len(self._marks())


def _describe_yaml_error(error: yaml.MarkedYAMLError, text: str, source: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    place = Place(source, mark.line + 1, mark.column + 1) if mark else Place(source)
    # PyYAML's own words (error.problem and error.context), said in the chosen language where
    # they are among those it commonly says; its quoted tokens stay as they are.
    problem = _pyyaml_said(error.problem) if error.problem else "invalid YAML"
    tab = ""
    if mark and mark.index < len(text) and text[mark.index] == "\t":
        tab = Message(" (a tab; YAML is indented with spaces)")
    context = Message(" ({context})", context=_pyyaml_said(error.context)) if error.context else ""
    return Problem(
        place,
        Message("invalid YAML: {problem}{tab}{context}", problem=problem, tab=tab, context=context),
    )


# What PyYAML says most, as the catalog has it: its fixed problems, and the things it was
# scanning or parsing when it found one.
_PYYAML_PROBLEMS = frozenset(
    (
        N_("mapping values are not allowed here"),
        N_("mapping values are not allowed in this context"),
        N_("found character that cannot start any token"),
        N_("found unknown directive name"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected <document start>"),
        N_("found unexpected end of stream"),
        N_("found undefined alias"),
        N_("could not find expected ':'"),
        N_("found unknown escape character"),
        N_("found a tab character that violates indentation"),
    )
)
_PYYAML_PARTS = frozenset(
    (
        N_("a flow sequence"),
        N_("a flow mapping"),
        N_("a flow node"),
        N_("a block mapping"),
        N_("a block collection"),
        N_("a block node"),
        N_("a block scalar"),
        N_("a quoted scalar"),
        N_("a plain scalar"),
        N_("a simple key"),
        N_("a tag"),
        N_("an anchor"),
        N_("an alias"),
        N_("a directive"),
        N_("for the next token"),
    )
)


def _pyyaml_said(text: str) -> object:
    """PyYAML's words as a Message where the catalog has them, else as PyYAML says them."""
    if text in _PYYAML_PROBLEMS:
        return Message(text)
    for verb, said in (
        ("while scanning ", N_("while scanning {part}")),
        ("while parsing ", N_("while parsing {part}")),
    ):
        part = text.removeprefix(verb)
        if part != text and part in _PYYAML_PARTS:
            return Message(said, part=Message(part))
    start, end = "found character ", " that cannot start any token"
    if text.startswith(start) and text.endswith(end) and len(text) > len(start + end):
        character = text[len(start) : -len(end)]
        return Message(
            "found character {character} that cannot start any token", character=character
        )
    for start, said in (
        ("did not find expected ", N_("did not find expected {wanted}")),
        ("did not find the expected ", N_("did not find the expected {wanted}")),
    ):
        if text.startswith(start):
            first, either, second = text.removeprefix(start).partition(" or ")
            if either:  # ',' or ']'
                return Message(
                    N_("did not find expected {first} or {second}"), first=first, second=second
                )
            return Message(said, wanted=first)
    for joint, said in (
        (", but found ", N_("expected {wanted}, but found {got}")),
        (", but got ", N_("expected {wanted}, but got {got}")),
    ):
        wanted, found, got = text.partition(joint)
        if found and wanted.startswith("expected "):
            return Message(said, wanted=wanted.removeprefix("expected "), got=got)
    return text


def _mark_of(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


class _Open:
    """A list or mapping being filled; a mapping remembers its key until the value comes."""

    __slots__ = ("container", "key", "key_mark", "path")

    def __init__(self, container: Any, path: Location) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_mark: Mark | None = None


class _Composer:
    """Builds plain data from parser events, refusing what a hand-written file never needs."""

    # This loop runs once per event of every file read, so it dispatches on the event's type
    # and keeps to local names.

    def __init__(self, source: str, *, marking: bool = True) -> None:
        self.source = source
        self.marking = marking  # whether to keep each node's position (see parse_yaml)
        self.marks: dict[Location, Mark] = {}
        self.stack: list[_Open] = []
        self.root: Any = None

    def refuse(self, event: Any, what: Message) -> InputError:
        mark = _mark_of(event)
        return InputError(Problem(Place(self.source, mark.line, mark.column), what))

    def compose(self, events: Any) -> None:
        stack = self.stack
        documents = 0
        for event in events:
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    self.refuse_marked(event)
                text = event.value
                self.place(resolve_plain(text) if event.implicit[0] else text, event)
            elif kind is _SEQUENCE_END or kind is _MAPPING_END:
                stack.pop()
            elif kind is _SEQUENCE_START or kind is _MAPPING_START:
                if event.anchor is not None or event.tag is not None:
                    self.refuse_marked(event)
                if len(stack) >= MAX_DEPTH:
                    raise self.refuse(
                        event, Message("nested more than {count} levels deep", count=MAX_DEPTH)
                    )
                container: Any = [] if kind is _SEQUENCE_START else {}
                stack.append(_Open(container, self.place(container, event)))
            elif kind is yaml.AliasEvent:
                raise self.refuse(
                    event, Message("YAML aliases (*name) are not allowed; write the value out")
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.refuse(
                        event, Message("expected one YAML document, found several ('---')")
                    )

    def refuse_marked(self, event: Any) -> None:
        if event.anchor is not None:
            raise self.refuse(
                event,
                Message(
                    "YAML anchors (&{anchor}) are not allowed; write it out", anchor=event.anchor
                ),
            )
        raise self.refuse(event, Message("YAML tags ({tag}) are not allowed", tag=event.tag))

    def place(self, value: Any, event: Any) -> Location:
        """Put a node into its parent (or make it the root); return its path."""
        marking = self.marking
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1) if marking else _NO_MARK
        if not self.stack:
            self.root = value
            if marking:
                self.marks[()] = mark
            return ()
        parent = self.stack[-1]
        container = parent.container
        if type(container) is list:
            loc = (*parent.path, len(container))
            container.append(value)
            if marking:
                self.marks[loc] = mark
            return loc
        key = parent.key
        if key is None:
            if isinstance(value, dict | list):
                raise self.refuse(
                    event, Message("a mapping key must be a plain value, not a collection")
                )
            # Keys are names: `1:` or `~:` mean the text written, not a number or nothing.
            name = value if isinstance(value, str) else event.value
            if name in container:
                raise self.refuse(event, Message("duplicate key '{name}'", name=name))
            parent.key, parent.key_mark = name, mark
            return (*parent.path, name)
        loc = (*parent.path, key)
        container[key] = value
        if marking:
            # A block collection starts on the line after its key; point at the key instead.
            key_mark = parent.key_mark or mark
            self.marks[loc] = mark if mark.line == key_mark.line else key_mark
        parent.key = parent.key_mark = None
        return loc


_NO_MARK = Mark(1, 1)  # what a composer that keeps no positions passes around
_SCALAR = yaml.ScalarEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_MAPPING_START = yaml.MappingStartEvent
_MAPPING_END = yaml.MappingEndEvent


def format_scalar(value: Any) -> str:
    """`value` as a flow scalar that reads back as the same value (quoted where needed)."""
    # Multi-line text is double-quoted with escapes, so that every answer stays on its line.
    style = '"' if isinstance(value, str) and any(c in value for c in _LINE_BREAKS) else None
    text = _dump_scalar(value, style)
    if isinstance(value, str) and style is None and resolve_plain(text) != value:
        # PyYAML leaves some scalars bare that this loader reads as numbers (such as "08").
        text = _dump_scalar(value, "'")
    return text


def _dump_scalar(value: Any, style: str | None) -> str:
    text: str = yaml.dump(
        [value],
        Dumper=_Dumper,
        default_flow_style=True,
        default_style=style,
        allow_unicode=True,
        width=1 << 30,
    )
    return text.strip()[1:-1]
