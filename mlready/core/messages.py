"""Every message mlready says to a person goes through here, to be said in the chosen language."""

# `_("...")` translates a message when it is said; `N_("...")` only marks a text for the catalog
# (a help text written where no language is chosen yet, translated where it is shown). Messages
# with values use named placeholders, `_("{count} questions").format(count=...)`, so that a
# translation may put them in its own order; the catalog test checks they match the English.
# The catalogs themselves are read by the I/O layer (`mlready.io.catalogs`), which installs one.

from __future__ import annotations

from contextvars import ContextVar, Token
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # gettext (and locale with it) loads only when a catalog is installed
    import gettext
    from collections.abc import Sequence

DOMAIN = "mlready"


class _Speaking:
    """The one language of the process, chosen once a command knows it."""

    catalog: gettext.NullTranslations | None = None  # None: English, as written
    language = "en"


# A library call's own language (`report(..., lang="zh-CN")`), for the thread or task making
# the call: two threads asking for two languages at once must not hear each other's.
_CALL: ContextVar[tuple[gettext.NullTranslations | None, str] | None] = ContextVar(
    "mlready_language", default=None
)


def install(catalog: gettext.NullTranslations | None, language: str) -> None:
    """Speak `language` from now on, with `catalog`'s messages."""
    _Speaking.catalog = catalog
    _Speaking.language = language


def install_for_call(catalog: gettext.NullTranslations | None, language: str) -> Token[Any]:
    """Speak `language` in this thread or task until `end_call(token)`."""
    return _CALL.set((catalog, language))


def end_call(token: Token[Any]) -> None:
    """Speak again what was spoken before `install_for_call` gave `token`."""
    _CALL.reset(token)


def language() -> str:
    """The language mlready speaks now."""
    call = _CALL.get()
    return _Speaking.language if call is None else call[1]


def _(message: str) -> str:
    """`message` in the chosen language (itself when the catalog lacks it)."""
    call = _CALL.get()
    catalog = _Speaking.catalog if call is None else call[0]
    return message if catalog is None else catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` in the chosen language."""
    call = _CALL.get()
    catalog = _Speaking.catalog if call is None else call[0]
    if catalog is None:
        return singular if count == 1 else plural
    return catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:  # the conventional name of the gettext marker
    """Mark `message` for the catalog without translating it here."""
    return message


class Message(str):
    """A message that is also data: its value is the English (what JSON and comparisons see,
    the same in every language), and `translated` says it in the chosen language for a
    person. Values may themselves be Message; they are translated with it."""

    # `Message("{count} checks at full marks with no evidence ({ids})", count=2, ids="a, b")`;
    # `message_n` makes one whose words depend on a count.

    template: str
    plural: str | None
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        said = super().__new__(cls, template.format(**values) if values else template)
        said.template = template
        said.plural = None
        said.values = values
        return said

    def translated(self) -> str:
        """The message in the chosen language."""
        if self.plural is None:
            words = _(self.template)
        else:
            count = self.values.get("count")
            words = ngettext(self.template, self.plural, count if isinstance(count, int) else 0)
        if not self.values:
            return words
        return words.format(**{key: translated(value) for key, value in self.values.items()})


def message_n(singular: str, plural: str, /, *, count: int, **values: object) -> Message:
    """A Message in the form for `count` (one of `{count}` among its values)."""
    said = Message(singular if count == 1 else plural, count=count, **values)
    said.template = singular
    said.plural = plural
    return said


def alternatives(items: Sequence[object]) -> object:
    """`a, b or c`: the items (each may be Message) joined to be said in the chosen language."""
    *some, last = items
    if not some:
        return last
    return Message("{some} or {last}", some=_series(some), last=last)


def series(items: Sequence[object], *, joint: str = ", ") -> Message:
    """`a, b, c`: the items (each may be Message) joined as the chosen language joins a list
    (`joint`, itself translated); its value, `a, b, c`, is the same in every language."""
    said = _Series("{items}", items=joint.join(str(item) for item in items))
    said.items = tuple(items)
    said.joint = joint
    return said


class _Series(Message):
    """A list said in the chosen language: `a、b、c` in Chinese."""

    items: tuple[object, ...]
    joint: str

    def translated(self) -> str:
        return _(self.joint).join(translated(item) for item in self.items)


def _series(items: Sequence[object]) -> object:
    first, *rest = items
    return Message("{first}, {rest}", first=first, rest=_series(rest)) if rest else first


def translated(text: object) -> str:
    """Any text as a person should read it: a Message translated, anything else as it is."""
    return text.translated() if isinstance(text, Message) else str(text)
