"""Which regular expressions a probe may hold: none that could run for minutes on one line.

Python's `re` backtracks and cannot be stopped once it runs, and the scan runs every probe's
pattern over lines of up to 10,000 characters of a repository that anyone may have written. So
a bank may not hold a pattern whose shape lets it backtrack without bound:

- exponential time: a repeated group that holds a quantifier or an alternation at any depth
  (`(a+)+`, `((a)+)+`, `(a?){28}`, `(a|ab)*`), or a backreference;
- polynomial time: two or more `.*` or `.+` in one sequence (`a.*b.*X`, `.*.*`): each one more
  multiplies the work by the length of the line (`a.*b.*X` takes a minute on a line of 10,000
  characters). One per alternative is fine: `mvn .*test|gradle.*test`.

The rules read the pattern as `re` itself parses it (its `_parser` module, the one behind
`re.compile`), so a pattern cannot read one way here and another way when it runs. They are
static, so checking a bank costs microseconds a probe, not a trial run.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

from mlready.core.messages import N_

# re's own parser. It is private, but it is what `re.compile` uses; the tests exercise it on
# every Python the package supports.
_PARSER: Any = importlib.import_module("re._parser")
_UNBOUNDED: int = _PARSER.MAXREPEAT

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_BACKREFERENCES = {"GROUPREF", "GROUPREF_EXISTS"}
# `(\w|\d)*`: the parser folds an alternation of single characters into one set, so the
# alternation is looked for in the text as well.
_ALTERNATION_REPEATED = re.compile(r"\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)[*+{]")

EXPONENTIAL = N_(
    "could take exponential time (a repeated group that repeats or alternates inside, or a "
    "backreference); write it without"
)
POLYNOMIAL = N_(
    "could take polynomial time on a long line (two or more `.*` or `.+` in one sequence); "
    "write it with one"
)

Node = tuple[Any, Any]  # (opcode, argument), as re's parser gives them


def risk(pattern: str) -> str | None:
    """Why `pattern` (a valid regular expression) could run without end, or None."""
    tree = list(_PARSER.parse(pattern))
    if _ALTERNATION_REPEATED.search(pattern) or any(_exponential(node) for node in _walk(tree)):
        return EXPONENTIAL
    if any(_polynomial(sequence) for sequence in _sequences(tree)):
        return POLYNOMIAL
    return None


def _name(node: Node) -> str:
    return str(node[0])


def _children(node: Node) -> list[list[Node]]:
    """The sequences directly inside a node (a group, a repeat, the branches of `|`)."""
    name, argument = _name(node), node[1]
    if name in _REPEATS:
        return [list(argument[2])]
    if name == "SUBPATTERN":
        return [list(argument[3])]
    if name in ("ASSERT", "ASSERT_NOT"):
        return [list(argument[1])]
    if name == "ATOMIC_GROUP":
        return [list(argument)]
    if name == "BRANCH":
        return [list(branch) for branch in argument[1]]
    if name == "GROUPREF_EXISTS":
        return [list(part) for part in argument[1:] if part is not None]
    return []


def _walk(sequence: list[Node]) -> Iterator[Node]:
    for node in sequence:
        yield node
        for child in _children(node):
            yield from _walk(child)


def _sequences(sequence: list[Node]) -> Iterator[list[Node]]:
    """Every sequence of the pattern, with the groups that are not repeated read in line."""
    flat = list(_in_line(sequence))
    yield flat
    for node in flat:
        for child in _children(node):
            yield from _sequences(child)


def _in_line(sequence: list[Node]) -> Iterator[Node]:
    for node in sequence:
        if _name(node) == "SUBPATTERN":
            yield from _in_line(list(node[1][3]))
        else:
            yield node


def _exponential(node: Node) -> bool:
    name = _name(node)
    if name in _BACKREFERENCES:
        return True
    if name not in _REPEATS or node[1][1] <= 1:
        return False
    inner = _walk(list(node[1][2]))
    return any(_name(item) in _REPEATS or _name(item) == "BRANCH" for item in inner)


def _wide(node: Node) -> bool:
    """Whether `node` is `.*` or `.+` (or `.{2,}`): any character, without bound."""
    if _name(node) not in _REPEATS or node[1][1] != _UNBOUNDED:
        return False
    body = list(_in_line(list(node[1][2])))
    return len(body) == 1 and _name(body[0]) == "ANY"


def _polynomial(sequence: list[Node]) -> bool:
    wide = [_wide(node) for node in sequence]
    return sum(wide) >= 2
