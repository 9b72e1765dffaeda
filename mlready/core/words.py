"""Counting words in messages, the same way everywhere."""

from mlready.core.messages import N_, Said
from mlready.core.vocabulary import Reliability, Severity


def plural(count: int, word: str) -> str:
    """`word`, with an `s` unless `count` is 1."""
    return word if count == 1 else f"{word}s"


def counted(count: int, word: str) -> str:
    """`3 gaps`, `1 gap`."""
    return f"{count} {plural(count, word)}"


# The words for severities and reliabilities as a person reads them; the values stay the data.
_SEVERITY_WORDS = {
    Severity.BLOCKER: N_("blocker"),
    Severity.MAJOR: N_("major"),
    Severity.MINOR: N_("minor"),
}
_RELIABILITY_WORDS = {
    Reliability.HIGH: N_("high"),
    Reliability.MEDIUM: N_("medium"),
    Reliability.LOW: N_("low"),
}


def severity_word(severity: Severity) -> Said:
    """A severity, to be said in the chosen language (its value, in English)."""
    return Said(_SEVERITY_WORDS[severity])


def reliability_word(reliability: Reliability) -> Said:
    """A probe's reliability, to be said in the chosen language (its value, in English)."""
    return Said(_RELIABILITY_WORDS[reliability])
