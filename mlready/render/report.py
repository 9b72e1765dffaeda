"""The readiness report, in Markdown or HTML, rendered through Jinja2 (configured here and
only here)."""

# Every value a template prints passes through `finalize`, which escapes it as literal Markdown
# (or, for HTML, through Jinja's autoescape and `html_text`); only the markup this module's own
# filters build (links, bars, charts) is printed as is. So a note that holds `{{ }}`, `|`,
# `<script>` or `[x](y)` shows up as those characters, never as markup.

from __future__ import annotations

import functools
import html
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any

import jinja2
from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from mlready.core.errors import InputError
from mlready.core.evidence import CheckEvidence
from mlready.core.gate import Gate, Verdict, judge
from mlready.core.history import Trend, change_since
from mlready.core.messages import Message, _, language, ngettext, translated
from mlready.core.model import Bank, Question
from mlready.core.plan import EXPIRING_DAYS, action_plan, expiring_waivers, top_actions
from mlready.core.scoring import PLAN_HORIZON_DAYS, Scorecard
from mlready.core.signoff import signoff_states
from mlready.core.vocabulary import EvidenceState, Kind, Severity, word_for
from mlready.io.cache import cache_dir, cached_template, remember_template
from mlready.io.files import record_input
from mlready.io.resources import templates_dir
from mlready.render.escape import (
    css_counters,
    html_link,
    html_text,
    markdown_cell,
    markdown_code,
    markdown_link,
    markdown_text,
    ticket_html,
    ticket_markdown,
)
from mlready.render.evidence import evidence_cell, evidence_details
from mlready.render.scorecard_view import (
    dates_line,
    evidence_counts,
    format_score,
    gate_line,
    level_cap,
    level_headline,
    level_note,
    level_rules,
    optional_line,
    text_bar,
)
from mlready.render.signatures import HTML_REPORT_MARKER, REPORT_MARKER

REPORT_TEMPLATE = "report.md.j2"
HTML_TEMPLATE = "report.html.j2"
HTML_SUFFIXES = (".html.j2", ".htm.j2", ".html", ".htm")
# Limits on what a user's template may do: the size of its output, its time and its powers.
MAX_REPORT_CHARS = 16 * 1024 * 1024
MAX_RENDER_SECONDS = 10.0
MAX_POWER = 1000


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return markdown_text(translated(value))


def _finalize_html(value: Any) -> Any:
    # Autoescape would escape what this returns unless it is Markup; returning Markup from
    # the one escaping function keeps control characters out of the document too.
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return Markup(html_text(translated(value)))


class _Message(Markup):
    """A message of mlready's own, as template text. Each value formatted into it is printed
    as the template would print it alone (see the subclasses' `escape`): a Message translated,
    a float as `0.5`, None as nothing, Markup as it is."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> Any:
        return super().format(
            *(self.escape(value) for value in args),
            **{key: self.escape(value) for key, value in kwargs.items()},
        )


class _MarkdownMessage(_Message):
    """A message of mlready's own in a Markdown report, printed as it is written (like the
    rest of the template's text); `.format(...)` escapes each value put into it as any
    printed value is (Markup, such as a `code` span, stays as it is)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> _MarkdownMessage:
        return cls(s.__html__() if hasattr(s, "__html__") else _finalize(s))


class _HtmlMessage(_Message):
    """A message of mlready's own in an HTML report (see `_MarkdownMessage`)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> _HtmlMessage:
        return cls(s.__html__() if hasattr(s, "__html__") else _finalize_html(s))


def _messages(kind: type[Markup]) -> dict[str, Callable[..., Markup]]:
    """`_` and `ngettext` for templates: the message in the chosen language, as template text.
    Its words are mlready's, from its own catalog (in HTML, `&`, `<` and `>` are escaped all
    the same); the values formatted into it are escaped like every value a template prints."""

    def said(message: str) -> Markup:
        return kind(html.escape(message, quote=False) if kind is _HtmlMessage else message)

    return {
        "_": lambda message: said(_(message)),
        "ngettext": lambda singular, plural, count: said(ngettext(singular, plural, count)),
    }


def _words(value: Any) -> str:
    """A severity, an evidence state or a message as a person reads it, in the chosen
    language (the value itself stays the data, in English)."""
    if isinstance(value, Severity):
        return translated(word_for(value))
    if isinstance(value, EvidenceState):
        return translated(word_for(value))
    return translated(value)


def _level_shown(name: str, bank: Bank) -> str:
    """A level named in a past review, as a person reads it (its name when the bank has
    no such level any more)."""
    return next((level.shown for level in bank.levels if level.name == name), name)


# Fonts for Chinese text, named after the Latin ones: the Latin font draws the Latin letters.
_CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '


def _css_counters(message: str) -> Markup:
    """A message such as `Page {page} of {pages}` as the value of a CSS `content`."""
    return Markup(css_counters(message))


def _html_bar(value: float | None) -> Markup:
    # One neutral colour: a bar alone does not know the bank's levels, and a colour scale
    # without them would say "healthy" of a score that reaches no level (see charts).
    if value is None:
        return Markup("")
    filled = max(0.0, min(100.0, value))
    return Markup(
        f'<span class="bar" aria-hidden="true"><span style="width:{filled:.0f}%;'
        'background:#7a9cc6"></span></span>'
    )


def _answer_words(question: Question, value: str | tuple[str, ...] | None) -> str:
    """An answer in words, in the chosen language; the options of a multi-answer listed as
    that language lists things (`a; b`, `甲、乙`)."""
    if isinstance(value, tuple) and len(value) > 1:
        words = [translated(question.describe(item)) for item in value]
        return functools.reduce(
            lambda listed, word: _("{listed}; {word}").format(listed=listed, word=word), words
        )
    return translated(question.describe(value))


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, also refusing a multiplication or power too large to compute.

    A single such operation runs in C, where the time limit cannot stop it.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}
        # The filters that build a string in one step, bounded as the methods they call are.
        for name in ("center", "replace", "format", "indent"):
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def wrap_str_format(self, value: Any) -> Any:
        """Jinja's sandboxed `str.format`, refusing a width larger than a report may be."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _refuse_large_string(value.__self__, "format", (), {})
        return wrapped

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call `__obj` as the sandbox does, refusing a string method whose result would be
        larger than a report may be."""
        if isinstance(getattr(__obj, "__self__", None), str):
            _refuse_large_string(__obj.__self__, __obj.__name__, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Jinja decides by the name and by what kind of object holds it (a function, a frame,
        # a mutable list...), never by the value: so the decision is remembered per type and
        # name. A report of 10,000 checks reads the same few attributes some 140,000 times.
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            # A path's methods read, write and delete files: a template gets none of them.
            safe = not isinstance(obj, PurePath) and super().is_safe_attribute(obj, attr, value)
            self._safe[key] = safe
        return safe

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
            raise SecurityError(
                Message("a power above {limit} is refused in templates", limit=MAX_POWER)
            )
        if operator == "%" and isinstance(left, str):
            _refuse_large_string(left, "format", (), {})
        if operator == "*":
            sized = left if isinstance(left, str | list | tuple) else right
            count = right if sized is left else left
            sequence = isinstance(sized, str | list | tuple)
            if sequence and isinstance(count, int) and len(sized) * count > MAX_REPORT_CHARS:
                raise SecurityError(Message("a repetition larger than a report may be is refused"))
        return super().call_binop(context, operator, left, right)


def _refuse_large_string(text: str, method: str, args: tuple[Any, ...], kwargs: Any) -> None:
    # One call in C builds the whole string, where the time limit cannot stop it: its size is
    # judged before, from its arguments.
    if method in ("center", "ljust", "rjust", "zfill"):
        width = args[0] if args else kwargs.get("width", 0)
        size = width if isinstance(width, int) else 0
    elif method == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        size = len(text) + (text.count(old) if old else len(text) + 1) * max(0, len(new) - len(old))
    elif method == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        lines = text.count("\n") + 1
        size = len(text) + lines * (width if isinstance(width, int) else len(str(width)))
    elif method == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        size = len(text) + text.count("\t") * (tab if isinstance(tab, int) else 0)
    elif method in ("format", "format_map"):
        # A width or precision in the text itself ("%9999999999d", "{:>9999999999}").
        size = max((int(digits) for digits in re.findall(r"\d+", text)), default=0)
    else:
        return
    if size > MAX_REPORT_CHARS:
        raise SecurityError(Message("a string larger than a report may be is refused"))


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's filter `name`, refusing a result larger than a report may be."""
    method = name

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not hasattr(a, "autoescape")]  # past the eval context
        if values and isinstance(values[0], str):
            _refuse_large_string(values[0], method, tuple(values[1:]), kwargs)
        return function(*args, **kwargs)

    return bounded


class _FolderLoader(FileSystemLoader):
    """Templates from their folders, and only from there: a template whose real path leaves
    its folder (a link, `..`) is not found, so `{% include %}` cannot print /etc/passwd."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        self._refuse_large(template)
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(os.path.realpath(filename))
        folders = [Path(os.path.realpath(folder)) for folder in self.searchpath]
        if not any(real.is_relative_to(folder) for folder in folders):
            raise TemplateNotFound(template)
        # An input of the run, like the template named on the command line: never written.
        record_input(real)
        return source, filename, uptodate

    def _refuse_large(self, template: str) -> None:
        # Before Jinja reads it whole: a template is held to the limit of every other input.
        from jinja2.loaders import split_template_path

        from mlready.io.yamlio import MAX_FILE_BYTES

        for folder in self.searchpath:
            candidate = Path(folder, *split_template_path(template))
            try:
                size = candidate.stat().st_size if candidate.is_file() else None
            except OSError:
                size = None
            if size is not None and size > MAX_FILE_BYTES:
                raise InputError(
                    Message(
                        "{name}: {kind} is {size} bytes; the limit is {limit} bytes",
                        name=candidate,
                        kind=Message("template"),
                        size=f"{size:,}",
                        limit=f"{MAX_FILE_BYTES:,}",
                    )
                )
            if size is not None:
                return


@cache
def _jinja_release() -> str:
    """The Jinja installed: its version, and the time and size of its compiler (should a
    release stop naming its version, an upgrade still rewrites that file)."""
    compiler = Path(jinja2.__file__ or "").with_name("compiler.py")
    try:
        status = compiler.stat()
    except OSError:
        return f"{getattr(jinja2, '__version__', '')}|{compiler}"
    return f"{getattr(jinja2, '__version__', '')}|{status.st_mtime_ns}|{status.st_size}"


class _CompiledTemplates(BytecodeCache):
    """mlready's own templates as Jinja compiled them, kept in this user's cache folder: a
    report need not compile them on every run (some 50 ms)."""

    # Compiled code runs when loaded (and Jinja unpickles an entry's header): an entry is
    # loaded only once its MAC with the cache's key passes (see mlready.io.cache).

    def __init__(self, folder: Path, *, html: bool) -> None:
        self.folder = folder
        self.html = html

    def _key(self, bucket: Bucket) -> str:
        # What Jinja writes depends on its release, the Python reading the code, the
        # environment (Markdown or HTML) and the template's name, path and source.
        return "|".join(
            [
                _jinja_release(),
                sys.implementation.cache_tag or "",
                "html" if self.html else "markdown",
                bucket.key,
                bucket.checksum,
            ]
        )

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = cached_template(self.folder, self._key(bucket))
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        remember_template(self.folder, self._key(bucket), bucket.bytecode_to_string)


def _charts() -> ModuleType:
    # Loaded when a report draws one (every HTML report; a Markdown one with a history): a
    # Markdown report without a history is spared it and the width tables it loads.
    from mlready.render import charts

    return charts


def _environment(
    search_path: list[Path],
    *,
    sandboxed: bool = True,
    html: bool = False,
    compiled: BytecodeCache | None = None,
) -> Environment:
    """The one Jinja configuration; only mlready's own template renders outside the sandbox."""
    # The built-in template is part of mlready, like this code, and the sandbox's checks of every
    # attribute are most of the time a large report takes. What a user typed is data to it, never
    # template code, and passes through `_finalize` all the same.
    kind = _Sandbox if sandboxed else Environment
    message: type[Markup] = _HtmlMessage if html else _MarkdownMessage
    environment = kind(
        loader=_FolderLoader([str(path) for path in search_path]),
        undefined=StrictUndefined,
        finalize=_finalize_html if html else _finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=html,
        bytecode_cache=compiled,
    )
    environment.filters.update(
        cell=lambda text: Markup(markdown_cell(str(text))),
        code=lambda text: Markup(markdown_code(str(text))),
        link=lambda target: Markup(markdown_link(str(target))),
        ticket=lambda ticket: Markup(ticket_markdown(str(ticket))),
        score=lambda value: Markup(format_score(value)),
        bar=lambda value: Markup(markdown_code(text_bar(value, width=10, full="█", empty="░"))),
        answer=lambda question, entry: _answer_words(question, entry.value if entry else None),
        sparkline=lambda trend: Markup(_charts().sparkline(trend.points)),
        check_rows=_check_rows,
        evidence_lines=evidence_details,
        words=_words,
        level_shown=_level_shown,
        # Values joined into one message, each escaped as printed (a `code` span stays one).
        joined=lambda items: message(_(", ")).join(items),
    )
    if html:  # the same names, laid out as HTML; and the charts
        environment.filters.update(
            cell=lambda text: Markup(html_text(" ".join(str(text).split()))),
            code=lambda text: Markup(f"<code>{html_text(str(text))}</code>"),
            note=lambda text: Markup(f'<span class="note">{_finalize_html(text)}</span>'),
            link=lambda target: Markup(html_link(str(target))),
            ticket=lambda ticket: Markup(ticket_html(str(ticket))),
            bar=_html_bar,
            check_rows=_html_check_rows,
            area_bars=lambda card: Markup(_charts().area_bars(card)),
            trend_chart=lambda trend, bank: Markup(_charts().trend_line(trend.points)),
            colour=lambda value, bank: Markup(_charts().band_colour(bank.levels, value)),
            css_counters=_css_counters,
        )
    environment.globals.update(
        Kind=Kind,
        Severity=Severity,
        lang=language(),
        cjk_fonts=Markup(_CJK_FONTS if language().startswith("zh") else ""),
        # What goes between two sentences: a space, but none after a Chinese full stop.
        spaced=Markup("" if language().startswith("zh") else " "),
        **_messages(message),
    )
    return environment


def _check_rows(
    questions: Iterable[Question],
    card: Scorecard,
    evidence: Mapping[str, CheckEvidence] | None = None,
) -> Markup:
    """The rows of the table of answered checks: prompt, area, answer, score, and with the
    `evidence` of a scan, what the repository says of each answer."""
    # Built here rather than in the template: a bank of 10,000 checks has a row for each, and
    # a template spends some ten attribute look-ups and calls on every one.
    rows = []
    area_of = card.bank.area_of
    # Six areas, a few answers and scores and evidence states make the same cells thousands
    # of times: each is escaped once.
    areas: dict[str, str] = {}
    answers: dict[str, str] = {}
    scores: dict[float | None, str] = {}
    nothing = markdown_cell(evidence_cell(None)) if evidence is not None else ""
    for question in questions:
        entry = card.answers.get(question.id)
        value = entry.value if entry else None
        option = question.option(value) if isinstance(value, str) else None
        area = area_of[question.id]
        if area.id not in areas:
            areas[area.id] = markdown_cell(area.title)
        answer = _answer_words(question, value)
        if answer not in answers:
            answers[answer] = markdown_cell(answer)
        score = option.score if option else None
        if score not in scores:
            scores[score] = _finalize(score)
        cells = [markdown_cell(question.prompt), areas[area.id], answers[answer], scores[score]]
        if evidence is not None:
            item = evidence.get(question.id)
            cells.append(nothing if item is None else markdown_cell(evidence_cell(item)))
        rows.append(f"| {' | '.join(cells)} |")
    return Markup("\n".join(rows))


def _html_check_rows(
    questions: Iterable[Question],
    card: Scorecard,
    evidence: Mapping[str, CheckEvidence] | None = None,
) -> Markup:
    """The rows of the table of answered checks, as HTML, under a row naming each area (see
    `_check_rows`): the check's id and prompt, the answer, the score, the evidence."""
    rows = []
    columns = 4 if evidence is not None else 3
    area_shown = None
    for question in questions:
        area = card.bank.area_of[question.id]
        if area.id != area_shown:
            area_shown = area.id
            rows.append(
                f'<tr class="group"><th colspan="{columns}" scope="rowgroup">'
                f"{html_text(area.title)}</th></tr>"
            )
        entry = card.answers.get(question.id)
        value = entry.value if entry else None
        option = question.option(value) if isinstance(value, str) else None
        score = option.score if option else None
        shown = ""
        if evidence is not None:
            item = evidence.get(question.id)
            state = f" {item.state.value}" if item is not None else ""
            said = html_text(evidence_cell(item))
            # A state is one word that never breaks ("contradicted"); a path may, where it must.
            if item is not None and item.state is not EvidenceState.EVIDENCED:
                said = f'<span class="state">{said}</span>'
            shown = f'<td class="evidence{state}">{said}</td>'
        rows.append(
            f"<tr><td><code>{html_text(question.id)}</code> {html_text(question.prompt)}</td>"
            f"<td>{html_text(_answer_words(question, value))}</td>"
            f'<td class="n">{"" if score is None else f"{score:g}"}</td>{shown}</tr>'
        )
    return Markup("\n".join(rows))


class _OutOfTime(Exception):
    """A template ran past its time limit."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    # A template can loop without printing, so a size check alone cannot stop it: an alarm
    # can, where there is one (POSIX, main thread); elsewhere only the size limit applies.
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_place(error: BaseException, template: Path) -> str:
    """`file:line` of the template (the user's, or one it includes) where `error` arose."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (filename and line):  # a runtime error: the deepest template frame Jinja rewrote
        folder = template.resolve().parent
        trace = error.__traceback__
        while trace is not None:
            code_file = Path(trace.tb_frame.f_code.co_filename)
            if code_file.suffix != ".py" and code_file.resolve().parent == folder:
                filename, line = str(code_file), trace.tb_lineno
            trace = trace.tb_next
    if not (filename and line):
        return str(template)
    shown = template if Path(filename).name == template.name else Path(filename)
    return f"{shown}:{line}"


def is_html_template(template: Path) -> bool:
    """Whether a user's template writes HTML (by its name: `NAME.html.j2`)."""
    return template.name.lower().endswith(HTML_SUFFIXES)


def render_report(
    scorecard: Scorecard,
    *,
    template: Path | None = None,
    html: bool | None = None,
    trend: Trend | None = None,
    evidence: Mapping[str, CheckEvidence] | None = None,
    verdict: Verdict | None = None,
    gate: Gate | None = None,
    max_chars: int = MAX_REPORT_CHARS,
    max_seconds: float = MAX_RENDER_SECONDS,
) -> str:
    """The report for `scorecard` in Markdown, or HTML with `html`, from the built-in or a user's
    template. Raises InputError when a user's template is missing, fails, or exceeds the limits."""
    # `html` defaults to what the template's name says; `trend` adds the score over time and the
    # change since the previous review, `evidence` (a scan's) what the repository shows of each
    # answer, `verdict` and `gate` whether the CI gate passes (default: the default gate's
    # verdict, as `check` without settings would say). A user's template that writes the other
    # language than asked is an InputError too.
    search_path = [templates_dir()]
    if html is None:
        html = template is not None and is_html_template(template)
    name = HTML_TEMPLATE if html else REPORT_TEMPLATE
    if template is not None:
        if not template.is_file():  # else a built-in template of that name would be used
            raise InputError(_no_template(template))
        if is_html_template(template) != html:
            raise InputError(
                Message(
                    "{path}: the HTML report needs an HTML template (NAME.html.j2)", path=template
                )
                if html
                else Message("{path}: the Markdown report needs a Markdown template", path=template)
            )
        search_path.insert(0, template.parent)
        name = template.name
    context = report_context(scorecard, trend, evidence, verdict=verdict, gate=gate)
    marker = HTML_REPORT_MARKER if html else REPORT_MARKER
    if template is None:  # ours: its size follows the bank's, and it has no loop to run away
        folder = cache_dir()
        compiled = _CompiledTemplates(folder, html=html) if folder is not None else None
        environment = _environment(search_path, sandboxed=False, html=html, compiled=compiled)
        return f"{marker}\n{environment.get_template(name).render(**context)}"
    environment = _environment(search_path, html=html)
    parts: list[str] = []
    size = 0
    try:
        with _time_limit(max_seconds):
            for part in environment.get_template(name).generate(**context):
                size += len(part)
                if size > max_chars:
                    raise InputError(
                        Message(
                            "{path}: the report grew past {count} characters; check the "
                            "template for runaway loops",
                            path=template,
                            count=f"{max_chars:,}",
                        )
                    )
                parts.append(part)
    except _OutOfTime:
        raise InputError(
            Message(
                "{path}: rendering took longer than {seconds} s",
                path=template,
                seconds=f"{max_seconds:g}",
            )
        ) from None
    except TemplateNotFound as error:
        missing = template if error.name == name else error.name
        raise InputError(_no_template(missing)) from None
    except InputError:
        raise
    except Exception as error:
        # A user's template is code the user wrote: whatever it raises (a division by zero,
        # a bad format string) is an error in their input. (Ours raising anything is a bug,
        # and surfaces from the early return above.) Jinja's own words stay as it says them.
        where = _template_place(error, template)
        message = error.message if isinstance(error, TemplateError) else f"{error!r}"
        raise InputError(
            Message("{place}: template error: {message}", place=where, message=message)
        ) from None
    return f"{HTML_REPORT_MARKER if html else REPORT_MARKER}\n{''.join(parts)}"


def _no_template(path: object) -> Message:
    return Message("{path}: no such template", path=path)


def report_context(
    scorecard: Scorecard,
    trend: Trend | None = None,
    evidence: Mapping[str, CheckEvidence] | None = None,
    *,
    verdict: Verdict | None = None,
    gate: Gate | None = None,
) -> dict[str, Any]:
    """What a report template receives: the scorecard and what is computed from it once
    (the plan, what to do first, the gate's verdict, sign-offs, waivers, the trend, and
    after a scan, the evidence of each answer: empty without one)."""
    shown = trend if trend is not None and trend.shown else None
    plan = action_plan(scorecard)
    judged = dict(evidence or {})
    gate = gate if gate is not None else Gate()
    if verdict is None:
        verdict = judge(scorecard, gate, today=scorecard.today, evidence=judged)
    return {
        "verdict": verdict,
        "gate": gate,
        "gate_line": gate_line(scorecard, verdict, gate),
        "level_cap": level_cap(scorecard),
        "level_headline": level_headline(scorecard),
        "plan_horizon_days": PLAN_HORIZON_DAYS,
        "level_note": level_note(scorecard),
        "dates_line": dates_line(scorecard),
        "level_rules": level_rules(scorecard),
        "optional_line": optional_line(scorecard),
        # The columns of the action plan that say something: none without a single action.
        "plan_columns": {
            "owner": any(item.action and item.action.owner for item in plan),
            "due": any(item.due for item in plan),
            "ticket": any(item.action and item.action.ticket for item in plan),
        },
        "card": scorecard,
        "left_out": scorecard.left_out,
        "bank": scorecard.bank,
        "project": scorecard.answers.project,
        "today": scorecard.today,
        "plan": plan,
        "planned": {item.gap.question.id: item for item in plan},
        "top_actions": top_actions(scorecard),
        "expiring": expiring_waivers(scorecard),
        "expiring_days": EXPIRING_DAYS,
        "signoffs": signoff_states(scorecard.answers),
        "trend": shown,
        "change": change_since(trend, scorecard),
        "evidence": judged,
        "evidence_counts": evidence_counts(judged) if judged else None,
        "contradicted": [
            scorecard.bank.questions[check_id]
            for check_id, item in judged.items()
            if item.state is EvidenceState.CONTRADICTED
        ],
    }


def markdown_report(scorecard: Scorecard, **options: Any) -> str:
    """The Markdown report (see `render_report` for the options)."""
    return render_report(scorecard, html=False, **options)


def html_report(scorecard: Scorecard, **options: Any) -> str:
    """The HTML report: one self-contained file (see `render_report` for the options)."""
    return render_report(scorecard, html=True, **options)
