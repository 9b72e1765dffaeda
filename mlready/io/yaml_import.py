"""PyYAML, imported without compiling a pattern mlready's parsing never uses, until it is used."""

# Importing `yaml` compiles, in its pure-Python reader, a regular expression over most of
# Unicode (`Reader.NON_PRINTABLE`): several milliseconds of every run. mlready parses with
# libyaml (`CSafeLoader`), which checks characters in C; the pure-Python reader runs only where
# PyYAML was built without libyaml. The pattern is therefore compiled on its first use instead:
# the same pattern and the same result, later or never.

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

__all__ = ["yaml"]

# How yaml.reader's pattern starts (PyYAML 5.1 to 6.x): tab, line feed, carriage return, then
# the printable ASCII range. Any other pattern compiles at once, as always.
_NON_PRINTABLE_START = "[^\x09\x0a\x0d\x20-\x7e"


class _CompiledOnUse:
    """A pattern that compiles when first used, then behaves as the compiled one."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)


def _import_yaml() -> Any:
    if "yaml" in sys.modules:
        return sys.modules["yaml"]
    compile_now = re.compile

    def compile_or_defer(source: Any, flags: int = 0) -> Any:
        if isinstance(source, str) and source.startswith(_NON_PRINTABLE_START):
            return _CompiledOnUse(source, flags)
        return compile_now(source, flags)

    re.compile = compile_or_defer  # type: ignore[assignment]
    try:
        import yaml
    finally:
        re.compile = compile_now
    return yaml


if TYPE_CHECKING:
    import yaml
else:
    yaml = _import_yaml()
