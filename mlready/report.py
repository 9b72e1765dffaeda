"""The Markdown readiness report, rendered through Jinja2 (configured here and only here).

Every value a template prints passes through `finalize`, which escapes it as literal Markdown;
only the markup this module's own filters build (links, bars) is printed as is. So a note that
holds `{{ }}`, `|`, `<script>` or `[x](y)` shows up as those characters, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from mlready.errors import InputError
from mlready.formats import format_score, text_bar
from mlready.resources import templates_dir
from mlready.scoring import Scorecard
from mlready.text import markdown_cell, markdown_code, markdown_link, markdown_text
from mlready.vocabulary import Kind, Severity

REPORT_TEMPLATE = "report.md.j2"
# The first line of every report mlready writes: `report` overwrites only files that carry it.
REPORT_MARKER = "<!-- mlready report: generated from the answers file; edit that, not this -->"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return markdown_text(str(value))


def _environment(search_path: list[Path]) -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=FileSystemLoader([str(path) for path in search_path]),
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters.update(
        cell=lambda text: Markup(markdown_cell(str(text))),
        code=lambda text: Markup(markdown_code(str(text))),
        link=lambda target: Markup(markdown_link(str(target))),
        score=lambda value: Markup(format_score(value)),
        bar=lambda value: Markup(markdown_code(text_bar(value, width=10, full="█", empty="░"))),
        answer=lambda question, entry: question.describe(entry.value if entry else None),
    )
    environment.globals.update(Kind=Kind, Severity=Severity)
    return environment


def render_report(scorecard: Scorecard, *, template: Path | None = None) -> str:
    """The Markdown report for `scorecard`, from the built-in or a user's template.

    Raises InputError when a user's template is missing or fails to render.
    """
    search_path = [templates_dir()]
    name = REPORT_TEMPLATE
    if template is not None:
        search_path.insert(0, template.parent)
        name = template.name
    environment = _environment(search_path)
    try:
        body = environment.get_template(name).render(
            card=scorecard, bank=scorecard.bank, project=scorecard.answers.project
        )
    except TemplateNotFound:
        raise InputError(f"{template}: no such template") from None
    except TemplateError as error:
        if template is None:
            raise  # the built-in template is ours: a failure there is a bug
        line = getattr(error, "lineno", None)
        where = f"{template}:{line}" if line else str(template)
        raise InputError(f"{where}: template error: {error.message}") from None
    return f"{REPORT_MARKER}\n{body}"
