"""Reading what mlready says in another language: the message catalogs in the package, and a
bank's translation files beside it."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlready.core import messages
from mlready.core.errors import InputError
from mlready.core.language import ENGLISH, LANGUAGES, language_of
from mlready.core.messages import N_, Message
from mlready.core.model import Bank
from mlready.io.cache import Entry, cached_data, entry_for, remember_data
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
            document = parse_yaml(text, source=str(path), locate_later=True)
            if entry is not None:
                remember_data(entry, document.data)
        found, said = translation_from_document(document, language)
        problems += said
        translation = merged(translation, found)
    if strict and problems:
        raise InputError(problems)
    return translation


def cached_translation(entry: Entry, language: str) -> BankTranslation | None:
    """The entries of a translation into `language` found current for its bank, as this
    user's cache keeps them under `entry` (see translation_entry); None when it has not."""
    # Finding an entry current hashes the English it translates: some 4 ms of every run in
    # another language, for a bank and translation files that rarely change.
    from mlready.core.translation import BankTranslation, Entry

    data = cached_data(entry)
    if not isinstance(data, dict):
        return None

    def entries(group: str) -> dict[str, Entry]:
        return {key: Entry(source="", text=text, where=()) for key, text in data[group].items()}

    try:
        head = data["bank"]
        return BankTranslation(
            language=language,
            bank=None if head is None else Entry(source="", text=head, where=()),
            questions=entries("questions"),
            areas=entries("areas"),
            levels=entries("levels"),
            probes=entries("probes"),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # only a bug gets here: the entry is this code's


def remember_translation(entry: Entry, current: BankTranslation) -> None:
    """Keep under `entry` the entries of a translation found current for its bank, for the
    next run: after this run's output."""
    from mlready.io.deferred import later

    data: dict[str, Any] = {
        group: {key: item.text for key, item in getattr(current, group).items()}
        for group in ("questions", "areas", "levels", "probes")
    }
    data["bank"] = None if current.bank is None else current.bank.text
    later(lambda: remember_data(entry, data))


def translation_entry(bank: Bank, language: str) -> Entry | None:
    """Where this user's cache keeps the entries of `bank`'s translation into `language` found
    current; None when `bank` was not read through the cache. Raises InputError for a
    translation file that cannot be read."""
    # Keyed by the entry of the bank's own bytes (which names mlready's code state too), the
    # language, and the bytes of the translation file beside each of the bank's files.
    from mlready.io.bank_file import cache_entry_of
    from mlready.io.yamlio import read_text

    base = cache_entry_of(bank)
    if base is None:
        return None
    parts = [base.key.encode("utf-8"), language.encode("utf-8")]
    for file in bank.files:
        path = translation_path(file, language)
        found = path.is_file()
        parts.append(read_text(path, kind=N_("translation file")).encode() if found else b"")
    return entry_for(b"\0".join(parts), kind=f"translated {language}")


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
