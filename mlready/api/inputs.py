"""What a run reads: the settings file, the bank, the answers files, and the gate they set."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from mlready.core.errors import InputError
from mlready.core.messages import Message

if TYPE_CHECKING:
    from mlready.core.gate import Gate
    from mlready.core.model import Bank
    from mlready.core.vocabulary import Severity
    from mlready.io.settings import Settings


_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def user_input(function: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """`function`, raising InputError where a path a person gave cannot be looked up."""

    @functools.wraps(function)
    def checked(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        from mlready.io.os_errors import paths_as_input_errors

        with paths_as_input_errors():
            return function(*args, **kwargs)

    return checked


@user_input
def project_settings(folder: Path | None = None) -> Settings:
    """The settings file that applies in `folder` (default: the current folder); raises
    InputError for an invalid one."""
    from mlready.io.settings import find_settings

    return find_settings(folder if folder is not None else Path.cwd())


@user_input
def load_bank(path: Path | str | None = None, *, settings: Settings | None = None) -> Bank:
    """The bank at `path`, else the one the settings name, else the built-in one ("default"
    names it too, unless a file of that name exists)."""
    from mlready.io.bank_file import load_bank as load_bank_file
    from mlready.io.resources import BUILTIN_BANK

    if path is not None:
        named = Path(path)
        builtin = str(path) == BUILTIN_BANK and not named.exists()
        return load_bank_file(None if builtin else named)
    chosen = settings.bank if settings is not None else None
    return load_bank_file(Path(chosen) if chosen else None)


@user_input
def answers_files(
    named: Path | str | Iterable[Path | str] | None = None, *, settings: Settings | None = None
) -> list[Path]:
    """The answers files named, else those the settings list, else mlready.yaml, patterns
    expanded. Raises InputError for a pattern that matches nothing."""
    # Patterns come quoted, from a settings file, or from a shell that does not expand them. A
    # path that exists is taken as it is, even when it holds pattern characters.
    from mlready.io.answers_file import DEFAULT_ANSWERS

    if isinstance(named, str | Path):  # one name, or one pattern: not its characters
        named = [named]
    listed = [Path(path) for path in named or ()]
    if not listed and settings is not None:
        listed = [shown_path(path) for path in settings.answers]
    paths: list[Path] = []
    for path in listed or [DEFAULT_ANSWERS]:
        if path.exists() or not is_pattern(path):
            paths.append(path)
            continue
        from mlready.io.file_patterns import expand

        matches = expand(path)
        if not matches:
            raise InputError(Message("{path}: no answers file matches this pattern", path=path))
        paths += matches
    return list(dict.fromkeys(paths))


@user_input
def answers_file(named: Path | str | None = None, *, settings: Settings | None = None) -> Path:
    """The one answers file a command that edits answers works on (`ask`, `init`, `sign`,
    `history`): the one named, else the one the settings list, else mlready.yaml."""
    from mlready.io.answers_file import DEFAULT_ANSWERS

    if named is not None:
        return Path(named)
    if settings is None or not settings.answers:
        return DEFAULT_ANSWERS
    if len(settings.answers) > 1:
        raise InputError(
            Message(
                "{path}: answers lists {count} files; name the one to use",
                path=settings.source,
                count=len(settings.answers),
            )
        )
    path = shown_path(settings.answers[0])
    if not path.exists() and is_pattern(path):
        raise InputError(
            Message(
                "{path}: answers is a pattern ({pattern}); name the answers file to use",
                path=settings.source,
                pattern=path,
            )
        )
    return path


def one_line(text: str) -> bool:
    """Whether `text` is one line of printable text, as a name every output prints must be."""
    import re

    from mlready.core.model import ONE_LINE

    return bool(text.strip()) and re.fullmatch(ONE_LINE.regex, text) is not None


def is_pattern(path: Path) -> bool:
    """Whether `path` is a glob of answers files rather than one file's name."""
    # The glob dialect loads only where a name is not a file: most runs name one that is.
    from mlready.core.globs import has_magic

    return has_magic(str(path))


def shown_path(path: Path) -> Path:
    """`path` relative to the current folder when inside it: CI systems locate annotations by
    paths relative to where they run."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def gate_of(
    bank: Bank,
    settings: Settings | None = None,
    *,
    fail_under: str | float | None = None,
    fail_on: Severity | None = None,
    max_age: int | None = None,
    fail_on_overdue: bool | None = None,
    require_signoff: Iterable[str] | None = None,
    fail_on_contradicted: bool = False,
    require_evidence: Severity | None = None,
    require_owners: bool = False,
) -> Gate:
    """The gate: each option given, else the settings file's, else the default (fail on an
    open blocker). Raises InputError for a threshold that is no score or level of `bank`."""
    from mlready.api.language import translated_bank
    from mlready.core.gate import Gate, threshold
    from mlready.core.model import Level
    from mlready.core.vocabulary import Severity
    from mlready.io.settings import Settings

    chosen = settings if settings is not None else Settings()
    roles = tuple(require_signoff or chosen.require_signoff)
    for role in roles:
        if not one_line(role):
            origin = "--require-signoff" if require_signoff else f"{chosen.source}: require-signoff"
            raise InputError(
                Message(
                    "{origin}: a role is one line of text without control characters (got {role})",
                    origin=origin,
                    role=repr(role),
                )
            )
    # A level may be named by its id in any language, or by its title in the one spoken.
    titles = {level.title: level.name for level in translated_bank(bank).bank.levels if level.title}
    limit: float | Level | None = None
    if fail_under is not None:
        limit = threshold(bank, str(fail_under), titles=titles)
    elif chosen.fail_under is not None:
        origin = f"{chosen.source}: fail-under"
        limit = threshold(bank, chosen.fail_under, origin=origin, titles=titles)
    return Gate(
        fail_under=None if isinstance(limit, Level) else limit,
        min_level=limit.name if isinstance(limit, Level) else None,
        fail_on=fail_on or chosen.fail_on or Severity.BLOCKER,
        max_age=max_age if max_age is not None else chosen.max_age,
        fail_on_overdue=bool(fail_on_overdue or chosen.fail_on_overdue),
        require_signoff=roles,
        fail_on_contradicted=fail_on_contradicted or bool(chosen.fail_on_contradicted),
        require_evidence=require_evidence or chosen.require_evidence,
        require_owners=require_owners or bool(chosen.require_owners),
    )


@user_input
def inputs_of(
    settings: Settings,
    *,
    bank: Bank | None = None,
    others: Iterable[Path | None] = (),
    answers_too: bool = True,
) -> list[Path | None]:
    """Every file a run reads, which no output may replace: the files named (`others`), every
    file of the bank, the settings file, and (unless `answers_too` is off, for `init`, which
    writes one) the answers files the settings name, patterns expanded, else mlready.yaml."""
    from mlready.io.answers_file import DEFAULT_ANSWERS

    answers: list[Path] = []
    if answers_too:
        for path in (*settings.answers, DEFAULT_ANSWERS):
            if not path.exists() and is_pattern(path):
                from mlready.io.file_patterns import expand

                answers += expand(path)
            else:
                answers.append(path)
    return [*(bank.files if bank else ()), settings.source, *answers, *others]
