"""The language a run speaks, and a bank as people read it in that language."""

import os
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from mlready.core.errors import MlreadyError
from mlready.core.messages import Message, language, message_n

if TYPE_CHECKING:
    from pathlib import Path

    from mlready.core.language import Choice
    from mlready.core.model import Bank
    from mlready.io.answers_file import AnswersEditor
    from mlready.io.settings import Settings


def choose_language(
    flag: str | None = None,
    settings: "Settings | None" = None,
    environment: Mapping[str, str] | None = None,
) -> "Choice":
    """The language to speak: `flag` (`--lang`), the settings' `lang`, MLREADY_LANG, then the
    locale; with a warning when a language asked for is not spoken."""
    from mlready.core.language import choose_language as choose

    setting = settings.lang if settings is not None else None
    return choose(flag, setting, os.environ if environment is None else environment)


def use_language(language_name: str) -> None:
    """Speak `language_name` from now on in this process (messages, reports, the bank)."""
    from mlready.io.catalogs import use_language

    use_language(language_name)


class TranslatedBank(NamedTuple):
    """A bank in the language spoken, and what could not be said in it."""

    bank: "Bank"
    warnings: tuple[Message, ...] = ()


# Each bank's translation, made once per process and language: the bank is held so that its
# id cannot be another bank's later. Only the last few are kept: a process reviewing file
# after file loads a bank for each, and would otherwise hold every one (2 MB each) for good.
_TRANSLATED: "dict[tuple[int, str], tuple[Bank, TranslatedBank]]" = {}
_KEPT = 4
_KEEPING = threading.Lock()


def translated_bank(bank: "Bank") -> TranslatedBank:
    """`bank` in the language spoken (itself in English), what people read; texts without a
    current, readable translation stay in English, with a warning."""
    # Machine formats keep the English bank, the same in every language. A broken translation
    # is never an error here: the language must not change what a run decides, nor its exit
    # code (`bank validate --lang` is where a translation is judged).
    spoken = language()
    if spoken == "en":
        return TranslatedBank(bank)
    known = _TRANSLATED.get((id(bank), spoken))
    if known is not None and known[0] is bank:
        return known[1]
    from mlready.core.translation import BankTranslation, translate_bank
    from mlready.io.catalogs import (
        bank_translation,
        cached_translation,
        remember_translation,
        translation_entry,
    )

    # Where the cache keeps the entries found current: found once, for reading and for keeping.
    try:
        entry = translation_entry(bank, spoken)
    except MlreadyError:  # a translation file that cannot be read: said when it is applied
        entry = None
    kept = None if entry is None else cached_translation(entry, spoken)
    if kept is not None:
        applied = translate_bank(bank, kept, checked=True)
        return _remembered(
            bank,
            spoken,
            TranslatedBank(applied.bank, _fell_back_warnings(applied.fell_back, spoken)),
        )
    warnings: list[Message] = []
    try:
        translation = bank_translation(bank, spoken)
    except MlreadyError as error:
        warnings.append(
            Message(
                "the {lang} translation of the bank cannot be read, so it is shown in English: "
                "{error}",
                lang=spoken,
                error=str(error),
            )
        )
        translation = BankTranslation(language=spoken)
    translated = translate_bank(bank, translation)
    if not warnings:
        warnings += _fell_back_warnings(translated.fell_back, spoken)
        if entry is not None and translated.current is not None:
            remember_translation(entry, translated.current)
    return _remembered(bank, spoken, TranslatedBank(translated.bank, tuple(warnings)))


def _remembered(bank: "Bank", spoken: str, result: TranslatedBank) -> TranslatedBank:
    with _KEEPING:
        _TRANSLATED[(id(bank), spoken)] = (bank, result)
        while len(_TRANSLATED) > _KEPT:
            del _TRANSLATED[next(iter(_TRANSLATED))]  # the oldest
    return result


def _fell_back_warnings(count: int, spoken: str) -> tuple[Message, ...]:
    if not count:
        return ()
    return (
        message_n(
            "{count} text of the bank is shown in English: no current {lang} "
            "translation (see `mlready bank validate --lang {lang}`)",
            "{count} texts of the bank are shown in English: no current {lang} "
            "translation (see `mlready bank validate --lang {lang}`)",
            count=count,
            lang=spoken,
        ),
    )


def answers_editor(path: "Path", bank: "Bank") -> "AnswersEditor":
    """The editor of the answers file at `path`: it writes the file's comments in the language
    spoken, and knows those it writes in the others (not to keep them as a person's)."""
    # The answers themselves (ids, values) are the same in every language, so a file written
    # under one language loads under any other; only the comments change with a rewrite.
    from mlready.core.language import LANGUAGES
    from mlready.io.answers_file import AnswersEditor, OwnComments, own_comments
    from mlready.io.catalogs import speaking

    spoken = language()
    also = OwnComments()
    for other in LANGUAGES:
        if other != spoken:
            with speaking(other):
                also = also.merged(own_comments(translated_bank(bank).bank))
    return AnswersEditor(path, translated_bank(bank).bank, also=also)
