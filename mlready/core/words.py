"""The words of the closed sets (severities, reliabilities, evidence states) as said to people."""

from mlready.core.messages import N_, Said
from mlready.core.vocabulary import EvidenceState, Reliability, Severity

# The words of the closed sets as a person reads them; the values themselves stay the data.
_WORDS: dict[Severity | Reliability | EvidenceState, str] = {
    Severity.BLOCKER: N_("blocker"),
    Severity.MAJOR: N_("major"),
    Severity.MINOR: N_("minor"),
    Reliability.HIGH: N_("high"),
    Reliability.MEDIUM: N_("medium"),
    Reliability.LOW: N_("low"),
    EvidenceState.EVIDENCED: N_("evidenced"),
    EvidenceState.CONTRADICTED: N_("contradicted"),
    EvidenceState.CLAIMED: N_("claimed"),
}


def word(value: Severity | Reliability | EvidenceState) -> Said:
    """A severity, a probe's reliability or an evidence state, to be said in the chosen
    language (its value, in English)."""
    return Said(_WORDS[value])
