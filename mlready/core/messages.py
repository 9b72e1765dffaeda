"""Every message mlready says to a person goes through here, to be said in the chosen language.

`_("...")` translates a message when it is said; `N_("...")` only marks a text for the catalog
(a help text written where no language is chosen yet, translated where it is shown). Messages
with values use named placeholders, `_("{count} questions").format(count=...)`, so that a
translation may put them in its own order; the catalog test checks they match the English.
The catalogs themselves are read by the I/O layer (`mlready.io.catalogs`), which installs one.
"""

from __future__ import annotations

import gettext

DOMAIN = "mlready"


class _Speaking:
    """The one language of the process, chosen once a command knows it."""

    catalog: gettext.NullTranslations = gettext.NullTranslations()
    language = "en"


def install(catalog: gettext.NullTranslations, language: str) -> None:
    """Speak `language` from now on, with `catalog`'s messages."""
    _Speaking.catalog = catalog
    _Speaking.language = language


def language() -> str:
    """The language mlready speaks now."""
    return _Speaking.language


def _(message: str) -> str:
    """`message` in the chosen language (itself when the catalog lacks it)."""
    return _Speaking.catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` in the chosen language."""
    return _Speaking.catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:  # the conventional name of the gettext marker
    """Mark `message` for the catalog without translating it here."""
    return message
