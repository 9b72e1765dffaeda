"""Text people type at its worst, for the tests that show it stays literal and harmless."""

from __future__ import annotations

import json

# Markdown, HTML, pipes, newlines, backticks, Jinja, terminal escapes (colour, window title,
# clear screen), rich markup, a bidi override and a NUL-free control character.
HOSTILE = (
    "**b** <img src=x onerror=alert(1)> | pipe `tick` {{ 7*7 }} {% raw %} [link](javascript:x)"
    "\x1b[31mred\x1b]0;pwned\x07\x1b[2J [bold]rich[/bold] \u202eevil \x08"
)
HOSTILE_YAML = json.dumps(HOSTILE)  # a JSON string is a valid YAML double-quoted scalar


def no_control_characters(text: str) -> bool:
    """True when `text` holds no control character but newlines and tabs."""
    return not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text)
