"""A review of the small bank with hostile text in it, and how a GFM parser reads Markdown."""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

# The note on data.lineage in REVIEW.
HOSTILE = (
    "a | b <script>alert(1)</script> {{ 7*7 }} {% if %} **bold** [x](http://evil) `tick` \x1b[31m"
)
# The same text as a YAML double-quoted scalar (ESC written as \e).
HOSTILE_YAML = HOSTILE.replace("\x1b", "\\e")

REVIEW = f"""\
mlready: 1
bank: small@1
project: {{name: "shelf | scanner <b>", owner: vision-team, reviewed: 2026-10-01}}
answers:
  data.modality: [text]
  data.owner: "# not a heading"
  data.lineage:
    value: partial
    note: "{HOSTILE_YAML}"
    evidence: [https://example.com/lineage, docs/lineage.md, "javascript:alert(1)", /etc/passwd]
  data.schema: {{value: na, note: "Images only;\\nno | tables"}}
  data.tokenizer: no
  serving.mode: realtime
  serving.rollback:
    value: partial
    note: "line one\\n- line two\\n---"
"""


def gfm() -> MarkdownIt:
    # CommonMark plus GitHub's tables and strikethrough; raw HTML stays enabled, so any that
    # slipped through would show up as html tokens.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def walk_tokens(tokens: list[Token]) -> Iterator[Token]:
    """Every token of `tokens` and of their children, in document order."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk_tokens(token.children)
