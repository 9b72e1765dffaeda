"""Making text that people typed safe to show: in a terminal, and in Markdown."""

from __future__ import annotations

import re
from functools import cache

# C0 and C1 control characters (and DEL) would drive the terminal, and bidirectional overrides
# and marks would make text read differently from what it is; tab and newline are handled by
# each caller. U+FFFE and U+FFFF are not characters at all, and XML cannot hold them. Nor are
# surrogates: Python keeps each byte of a file name that is not UTF-8 as one (U+DC80 to
# U+DCFF), which would reach the output as that raw byte.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    r"\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# Characters that start inline Markdown (emphasis, code, links, HTML, entities, tables,
# strikethrough, math), and the ones that start a block at the beginning of a line.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])")
_MARKDOWN_LINE_START = re.compile(r"^(\d+[.)]|[#+=>-])")
# A line that starts with `::` (after spaces) is a workflow command to a GitHub Actions runner
# reading the output on stdout (`::error ...`, `::add-mask::`, `::stop-commands::`). `\:`
# shows as `:` in Markdown, and a line starting with a backslash is no command.
_WORKFLOW_COMMAND = re.compile(r"^(\s*)(?=::)")
_HTML_WORKFLOW_COMMAND = re.compile(r"^(\s*):(?=:)", re.MULTILINE)
# One line of words with single spaces between them and nothing Markdown, a terminal or a
# table reads as markup: shown as it is. Most text in a report is like this, and the checks
# below cost more than this one test.
_WORD = (
    r"[^\s\\`*_\[\]<>|~&$\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    r"\u2066-\u2069\ud800-\udfff\ufffe\uffff]+"
)
_PLAIN = re.compile(f"{_WORD}(?: {_WORD})*")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_EXTENSION = re.compile(r"[^./]\.[A-Za-z0-9]{1,10}(?:[?#].*)?$")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in (0x2028, 0x2029):  # line and paragraph separators: a space keeps the words apart
        return " "
    return _shown_code(code)


def _shown_code(code: int) -> str:
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8: shown as that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """`text` with control characters shown as `\\xNN`, so that it cannot drive the terminal."""
    return _CONTROL.sub(_visible, text.replace("\t", "    "))


def json_text(text: str) -> str:
    """A JSON document (as json.dumps writes it) with every control, bidirectional and
    noncharacter code point written as `\\uNNNN`: the same data, inert in a terminal."""
    # json.dumps escapes C0 alone; with ensure_ascii=False (Chinese stays readable), C1 (an
    # 8-bit CSI among them) and bidirectional overrides from file names would reach it raw.
    # Outside strings a JSON text holds none of them, so each one found is inside a string.
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# Everything a file name may hold that is not printable as it is: C0 (tab and newline too),
# DEL, C1, line and paragraph separators, bidirectional controls and noncharacters.
_NAME_CONTROL = (
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufffe\uffff\\]"
)


def _name_visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x5C:  # a backslash is doubled, so that `\x1b` in a name stays distinct
        return "\\\\"
    return _shown_code(code)


def name_text(name: str) -> str:
    """A name from a repository or git (a file name, a path) on one line, exactly: control and
    bidirectional characters shown as `\\xNN` or `\\uNNNN`, a backslash doubled."""
    # So a name can neither drive the terminal nor forge a line, and two names never look the
    # same: newlines and tabs are escaped too.
    return _compiled(_NAME_CONTROL).sub(_name_visible, name)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Compiled when first needed: a class of many ranges takes a fraction of a millisecond to
    # compile, which the runs that never show a name need not pay.
    return re.compile(pattern)


def _is_plain(text: str) -> bool:
    return (
        _PLAIN.fullmatch(text) is not None
        and _MARKDOWN_LINE_START.match(text) is None
        and not text.startswith("::")
    )


def one_line(text: str) -> str:
    """`text` on one line, for tables and lists in plain output."""
    return text if _PLAIN.fullmatch(text) else _folded(text)


def _folded(text: str) -> str:
    return " ".join(terminal_text(text).split())


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: no markup, HTML, link or table pipe in it survives, and its
    line breaks become hard breaks within the same block."""
    return text if _is_plain(text) else _escaped_lines(text)


def _escaped_lines(text: str) -> str:
    first, *rest = text.splitlines() or [""]
    # Continuation lines lose their indent, which would otherwise start a code block.
    lines = [first, *(line.lstrip() for line in rest)]
    return "\\\n".join(_escape_markdown(terminal_text(line)) for line in lines if line.strip())


def _escape_markdown(line: str) -> str:
    line = _MARKDOWN_INLINE.sub(r"\\\1", line)
    line = _WORKFLOW_COMMAND.sub(r"\1\\", line)
    return _MARKDOWN_LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], line)


def markdown_code(text: str) -> str:
    """`text` as an inline code span (which shows backslashes literally, so no escaping)."""
    text = one_line(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def markdown_cell(text: str) -> str:
    """`text` as literal Markdown that stays within one table cell."""
    return text if _is_plain(text) else _escape_markdown(_folded(text))


def is_linkable(target: str) -> bool:
    """Whether evidence may become a link: an http(s) URL or a relative path."""
    target = target.strip()
    if not target or "\n" in target or "\r" in target or _CONTROL.search(target):
        return False
    if _SCHEME.match(target):
        is_web = target.lower().startswith(("http://", "https://"))
        return is_web and len(target) > 8 and not any(c.isspace() for c in target)
    if target.startswith(("/", "\\", "~")):
        return False
    # A path names a folder or a file with an extension (docs/a.md, README.md); a word such
    # as a ticket id (JIRA-1234, #12) is not a path, and as a link it would lead nowhere.
    return "/" in target or _EXTENSION.search(target) is not None


def markdown_link(target: str) -> str:
    """A Markdown link to `target` if it is linkable, else the literal text."""
    label = markdown_cell(target)
    if not is_linkable(target):
        return label
    from urllib.parse import quote

    destination = quote(target.strip(), safe="/:?#[]@!$&'*+,;=%-._~")
    destination = destination.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({destination})"


# Noncharacters: valid in Python strings and UTF-8, but an HTML parser reports each one.
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)


def html_text(text: str) -> str:
    """`text` as literal HTML: markup characters escaped, control characters, bidirectional
    overrides and noncharacters shown as `\\xNN` or `\\uNNNN`. Line breaks stay line breaks,
    and a line never starts with `::` (see _WORKFLOW_COMMAND): its first colon is `&#58;`."""
    # Most of a report has nothing to escape or show: printable (no control, separator,
    # bidirectional, surrogate or noncharacter code point, no line break), without markup.
    if (
        text.isprintable()
        and "::" not in text
        and "&" not in text
        and "<" not in text
        and ">" not in text
        and '"' not in text
        and "'" not in text
    ):
        return text
    return _escaped_html(text)


def _escaped_html(text: str) -> str:
    shown = terminal_text(text)
    shown = _NONCHARACTER.sub(lambda m: f"\\U{ord(m.group()):08x}", shown)
    shown = (
        shown.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )
    return _HTML_WORKFLOW_COMMAND.sub(r"\1&#58;", shown)


def html_link(target: str, *, label: str | None = None) -> str:
    """An HTML link to `target` when it is linkable (an http(s) URL or a relative path),
    else the literal text; `label` (plain text) is shown instead of the target."""
    label = html_text(" ".join((target if label is None else label).split()))
    if not is_linkable(target):
        return label
    from urllib.parse import quote

    destination = quote(target.strip(), safe="/:?#[]@!$&'*+,;=%-._~()")
    return f'<a href="{html_text(destination)}">{label}</a>'


def is_web_url(target: str) -> bool:
    """Whether `target` is an http(s) URL that may become a link."""
    return is_linkable(target) and bool(_SCHEME.match(target.strip()))


def ticket_markdown(ticket: str) -> str:
    """A ticket in Markdown: a link when it is an http(s) URL, else its text (an id such as
    JIRA-1234 never becomes a relative link)."""
    return markdown_link(ticket) if is_web_url(ticket) else markdown_cell(ticket)


def ticket_html(ticket: str) -> str:
    """A ticket in HTML: a link when it is an http(s) URL, else its text."""
    return html_link(ticket) if is_web_url(ticket) else html_text(" ".join(ticket.split()))


# Characters a URI reference keeps as they are; everything else (spaces, quotes, non-ASCII) is
# percent-encoded.
_URI_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def uri_reference(text: str) -> str:
    """`text` (a path or a link) as a valid URI reference, for formats that require one."""
    from urllib.parse import quote  # only exports need it

    return quote(text.strip(), safe=_URI_SAFE)


def css_counters(message: str) -> str:
    """A message such as `Page {page} of {pages}` as the value of a CSS `content`, each
    placeholder a counter: `"Page " counter(page) " of " counter(pages)`."""
    import html  # only the printed HTML pages need it
    import string

    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(html.unescape(message)):
        if literal:
            quoted = literal.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            parts.append(f'"{quoted}"')
        if field:
            parts.append(f"counter({field})")
    return " ".join(parts)
