"""Which language mlready speaks: English, or Simplified Chinese."""

# The choice, first found wins: `--lang`, the settings key `lang`, MLREADY_LANG, then the locale
# variables LC_ALL, LC_MESSAGES and LANG. A language asked for by name (the first three) that
# mlready does not speak falls back to English with a warning; a locale that names another
# language (a German desktop's `de_DE.UTF-8`) is simply English, since nobody asked mlready for it.

import re
from collections.abc import Mapping
from typing import NamedTuple

ENGLISH = "en"
CHINESE = "zh-CN"
LANGUAGES = (ENGLISH, CHINESE)
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
LANGUAGE_VARIABLE = "MLREADY_LANG"

# language[_-]territory[.encoding][@modifier], as locales and BCP 47 tags write it.
_TAG = re.compile(
    r"^(?P<language>[A-Za-z]{2,3})(?:[-_](?P<rest>[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*))?"
    r"(?:\.[A-Za-z0-9_-]+)?(?:@[A-Za-z0-9_-]+)?$"
)
# Traditional Chinese, which mlready does not speak: Taiwan, Hong Kong, Macau, or Hant.
_TRADITIONAL = {"tw", "hk", "mo", "hant"}


def language_of(text: str) -> str | None:
    """The language a tag or locale names (`zh-CN`, `zh_CN.UTF-8`, `zh`, `en_GB`, `C`), or
    None when mlready does not speak it."""
    text = text.strip()
    if text in ("C", "POSIX") or text.startswith(("C.", "POSIX.")):
        return ENGLISH
    match = _TAG.match(text)
    if match is None:
        return None
    language = match["language"].lower()
    parts = {part.lower() for part in re.split(r"[-_]", match["rest"] or "")}
    if language == "en":
        return ENGLISH
    if language == "zh" and not parts & _TRADITIONAL:
        return CHINESE
    return None


class Choice(NamedTuple):
    """The language chosen, and a warning when a language asked for is not spoken."""

    language: str
    warning: str | None = None


def choose_language(
    flag: str | None, setting: str | None, environment: Mapping[str, str]
) -> Choice:
    """The language to speak (see the module)."""
    for asked, where in (
        (flag, "--lang"),
        (setting, "settings key 'lang'"),
        (environment.get(LANGUAGE_VARIABLE), LANGUAGE_VARIABLE),
    ):
        if asked:
            language = language_of(asked)
            if language is None:
                return Choice(
                    ENGLISH,
                    f"{where}: mlready does not speak {asked!r}; speaking English "
                    f"(languages: {', '.join(LANGUAGES)})",
                )
            return Choice(language)
    for variable in LOCALE_VARIABLES:
        value = environment.get(variable)
        if value:  # the first one set decides, as for gettext
            return Choice(language_of(value) or ENGLISH)
    return Choice(ENGLISH)
