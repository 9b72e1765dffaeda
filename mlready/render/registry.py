"""The one registry of output formats: for each format name, what it can render."""

# `check`, `diff`, `bank show`, `scan`, `report`, `history`, `portfolio` and `export` take their
# `--format` choices and their renderer from here, so a new format is one renderer and one
# entry. Renderers are named by module and function and imported only when chosen: a CI run
# that prints text never loads the XML library or the template engine.

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import Any, NamedTuple


class Format(StrEnum):
    """Every output format mlready knows."""

    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    GITHUB = "github"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    BADGE = "badge"
    CYCLONEDX = "cyclonedx"
    OSCAL_AR = "oscal-ar"
    OSCAL_POAM = "oscal-poam"
    MODEL_CARD = "model-card"
    ANNEX_IV = "annex-iv"
    JSONL = "jsonl"


class Subject(StrEnum):
    """What a command renders."""

    CHECK = "check"  # the outcomes of `check`: Sequence[Outcome]
    DIFF = "diff"  # ReviewDiff
    BANK = "bank"  # Bank
    REPORT = "report"  # Scorecard, with keyword options (see render.report)
    HISTORY = "history"  # History
    PORTFOLIO = "portfolio"  # Sequence[PortfolioRow], with keyword options (render.portfolio)
    SCAN = "scan"  # the evidence of each answers file: Sequence[ScanResult]
    EXPORT = "export"  # one review for other tools: Outcome
    FLEET = "fleet"  # the facts of `portfolio --repos`: Sequence[Fact]


class Renderers(NamedTuple):
    """For one format, `module:function` (below mlready.render) of each subject it renders."""

    check: str | None = None
    diff: str | None = None
    bank: str | None = None
    report: str | None = None
    history: str | None = None
    portfolio: str | None = None
    scan: str | None = None
    export: str | None = None
    fleet: str | None = None


FORMATS: dict[Format, Renderers] = {
    Format.TEXT: Renderers(
        check="plain_text:render_text",
        diff="diff:diff_text",
        bank="outline:bank_outline",
        history="history:history_text",
        scan="evidence:render_scan_text",
    ),
    Format.JSON: Renderers(
        check="jsondoc:render_json",
        diff="diff:diff_json",
        bank="outline:bank_json",
        history="history:history_json",
        scan="evidence:render_scan_json",
    ),
    Format.JUNIT: Renderers(check="junit:render_junit"),
    Format.SARIF: Renderers(check="sarif:render_sarif", scan="evidence:render_scan_sarif"),
    Format.GITHUB: Renderers(check="github:render_github"),
    Format.MARKDOWN: Renderers(
        check="markdown:render_markdown",
        diff="diff:diff_markdown",
        scan="evidence:render_scan_markdown",
        report="report:markdown_report",
        history="history:history_markdown",
        portfolio="portfolio:render_portfolio",
        fleet="facts:facts_markdown",
    ),
    Format.HTML: Renderers(
        report="report:html_report",
        history="history:history_html",
        portfolio="portfolio:portfolio_html",
    ),
    Format.CSV: Renderers(export="csvdoc:export_csv"),
    Format.BADGE: Renderers(export="badge:export_badge"),
    Format.CYCLONEDX: Renderers(export="cyclonedx:export_cyclonedx"),
    Format.OSCAL_AR: Renderers(export="oscal:export_oscal_ar"),
    Format.OSCAL_POAM: Renderers(export="oscal:export_oscal_poam"),
    Format.MODEL_CARD: Renderers(export="model_card:export_model_card"),
    Format.ANNEX_IV: Renderers(export="annex_iv:export_annex_iv"),
    Format.JSONL: Renderers(fleet="facts:facts_jsonl"),
}

# What a file name's extension says about the format to write, for `-o review.html`.
EXTENSIONS = {
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".md": Format.MARKDOWN,
    ".jsonl": Format.JSONL,
}


def format_of_path(path: str, subject: Subject, default: Format) -> Format:
    """The format a file named `path` asks for (by its extension), if `subject` has it."""
    suffix = path[path.rfind(".") :].lower() if "." in path.rsplit("/", 1)[-1] else ""
    chosen = EXTENSIONS.get(suffix)
    return chosen if chosen is not None and chosen.value in formats_for(subject) else default


def format_chosen(given: str | None, path: str, subject: Subject, default: Format) -> Format:
    """`--format` when `given`, else the format the output `path` asks for (format_of_path)."""
    return Format(given) if given is not None else format_of_path(path, subject, default)


def formats_for(subject: Subject) -> list[str]:
    """The names of the formats that render `subject`, in registry order."""
    return [name.value for name, renderers in FORMATS.items() if getattr(renderers, subject)]


def choices(subject: Subject, *more: Subject) -> type[StrEnum]:
    """The formats that render `subject` (or one of `more`), as the enum a command line offers
    its `--format`."""
    names = dict.fromkeys(name for each in (subject, *more) for name in formats_for(each))
    return StrEnum(f"{subject.title()}Format", {name.upper(): name for name in names})  # type: ignore[return-value]


def renderer(subject: Subject, name: str) -> Callable[..., str]:
    """The function that renders `subject` in the format `name`."""
    # Raises KeyError for a format that does not render `subject`: the command line offers only
    # the names `formats_for` gives.
    target: str | None = getattr(FORMATS[Format(name)], subject)
    if target is None:
        raise KeyError(f"{name} does not render {subject}")
    module, _, function = target.partition(":")
    found: Any = getattr(importlib.import_module(f"mlready.render.{module}"), function)
    return found  # type: ignore[no-any-return]
