"""Reading what mlready says in another language: the message catalogs in the package, and a
bank's translation files beside it."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mlready.core import messages
from mlready.core.errors import InputError
from mlready.core.language import ENGLISH, LANGUAGES, language_of
from mlready.core.messages import N_, Message
from mlready.core.model import Bank
from mlready.io.resources import locale_dir


def gettext_name(language: str) -> str:
    """How gettext names a language's folder: zh-CN is zh_CN."""
    return language.replace("-", "_")


def use_language(language: str) -> None:
    """Speak `language` (a tag or locale: `zh-CN`, `zh_CN`, `zh`): install its compiled
    catalog (English needs none). Raises InputError for a language mlready does not speak."""
    language = spoken(language)
    messages.install(_catalog(language), language)


def spoken(language: str) -> str:
    """The language a tag or locale names, as mlready names it (`zh_CN` is `zh-CN`).
    Raises InputError when mlready does not speak it."""
    found = language_of(language)
    if found is None:
        # Else a library caller's `lang="zh"` would be half Chinese: the catalog found, the
        # bank's translation (named for zh-CN) not; and a typo would be English, unsaid.
        raise InputError(
            Message(
                "mlready does not speak '{language}' (languages: {languages})",
                language=language,
                languages=", ".join(LANGUAGES),
            )
        )
    return found


def _catalog(language: str) -> gettext.NullTranslations | None:
    if language == ENGLISH:
        return None
    return gettext.translation(
        messages.DOMAIN, locale_dir(), languages=[gettext_name(language)], fallback=True
    )


def translation_path(bank_file: Path, language: str) -> Path:
    """Where a bank file's translation into `language` lives: NAME.LANG.yaml beside it."""
    return bank_file.with_name(f"{bank_file.stem}.{language}.yaml")


if TYPE_CHECKING:
    from mlready.core.translation import BankTranslation


def bank_translation(bank: Bank, language: str, *, strict: bool = False) -> BankTranslation:
    """The translation of `bank` (and of each layer it was made from) into `language`, from the
    translation files beside its files; with `strict`, a file with problems is an InputError."""
    # With `strict` (bank validate) each file is parsed with the places of its entries;
    # otherwise the entries that could be read are used, from the cache when it has the file's
    # bytes (parsing the built-in bank's translation costs a Chinese `check` more than all
    # else it does).
    from mlready.core.document import Document
    from mlready.core.translation import BankTranslation, merged, translation_from_document
    from mlready.io.cache import cached_data, entry_for, remember_data
    from mlready.io.yamlio import parse_yaml, read_text

    translation = BankTranslation(language=language)
    problems = []
    for file in bank.files:
        path = translation_path(file, language)
        if not path.is_file():
            continue
        text = read_text(path, kind=N_("translation file"))
        entry = None if strict else entry_for(text.encode("utf-8"), kind="translation")
        data = None if entry is None else cached_data(entry)
        if data is not None:
            document = Document(str(path), data, {})  # no places: only strict runs report
        else:
            document = parse_yaml(text, source=str(path))
            if entry is not None:
                remember_data(entry, document.data)
        found, said = translation_from_document(document, language)
        problems += said
        translation = merged(translation, found)
    if strict and problems:
        raise InputError(problems)
    return translation


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Speak `language` inside the block (None: the language already spoken), then the one
    spoken before: a library caller's choice lasts for one call."""
    if language is None or (language := spoken(language)) == messages.language():
        yield
        return
    # For this thread (or task) alone: another one may be speaking another language meanwhile.
    token = messages.install_for_call(_catalog(language), language)
    try:
        yield
    finally:
        messages.end_call(token)
