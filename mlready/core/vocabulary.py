"""The closed sets of words that banks, answers files and the command line choose from.

Kept apart from the models so that the command line can offer them without loading the rest.
"""

from enum import StrEnum

from mlready.core.messages import N_, Message


class Kind(StrEnum):
    """What a question asks for: a scored check, a decision (choice, multi) or free text."""

    CHECK = "check"
    CHOICE = "choice"
    MULTI = "multi"
    TEXT = "text"


class Reliability(StrEnum):
    """How much a probe's finding says: high (the practice itself), low (a hint of it)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class PathKind(StrEnum):
    """What a path of a repository holds besides the system itself; a probe names those that
    count as evidence (none by default)."""

    TESTS = "tests"
    DOCS = "docs"
    EXAMPLES = "examples"
    SAMPLES = "samples"
    FIXTURES = "fixtures"
    VENDORED = "vendored"
    GENERATED = "generated"


class Parser(StrEnum):
    """How a probe reads the files it names: the statements its `finds` pattern is matched to."""

    CI = "ci"  # the commands CI runs (`run`, `uses`, `script`), by job
    PYTHON = "python"  # imports, and calls of imported names, from the syntax tree
    DOCKERFILE = "dockerfile"  # the instructions, continuation lines joined
    KUBERNETES = "kubernetes"  # workloads (Deployment, Pod...) by kind, and their containers
    REQUIREMENTS = "requirements"  # the runtime dependencies, and whether all are pinned
    TESTS = "tests"  # the tests a test file defines (`def test_*`, `func TestX`, `it(...)`)


class ResultKind(StrEnum):
    """Recorded results a probe reads from `--results DIR`: the last run passed or failed."""

    JUNIT = "junit"  # JUnit XML (pytest --junitxml and most test runners)
    PROMPTFOO = "promptfoo"  # promptfoo eval -o results.json
    DEEPEVAL = "deepeval"  # a DeepEval test run saved as JSON
    GREAT_EXPECTATIONS = "great_expectations"  # a Great Expectations validation result


class EvidenceState(StrEnum):
    """What the repository says of an answer."""

    EVIDENCED = "evidenced"  # a probe found support, or the answer's evidence path exists
    # Found, but what was found supports a lower answer than the one given.
    PARTLY_EVIDENCED = "partly_evidenced"
    CONTRADICTED = "contradicted"  # a required probe found nothing, or a named path is missing
    # or outside the repository
    CLAIMED = "claimed"  # neither: the answer stands on the word of who gave it
    UNANSWERED = "unanswered"  # no answer: what the repository shows is only a suggestion


class Severity(StrEnum):
    """How much a gap in a check matters; open blockers fail the gate."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        """0 for the most severe."""
        return _RANKS[self]

    @property
    def default_weight(self) -> float:
        """A check's weight in its area's score when the bank sets none."""
        return _DEFAULT_WEIGHTS[self]


# Looked up for every check a review scores: tables made once, not on each call.
_RANKS = {severity: rank for rank, severity in enumerate(Severity)}
_DEFAULT_WEIGHTS = {Severity.BLOCKER: 3.0, Severity.MAJOR: 2.0, Severity.MINOR: 1.0}

# The words of the closed sets as a person reads them; the values themselves stay the data.
_WORDS: dict[Kind | Severity | Reliability | EvidenceState, str] = {
    Kind.CHECK: N_("check"),
    Kind.CHOICE: N_("choice"),
    Kind.MULTI: N_("multi"),
    Kind.TEXT: N_("text"),
    Severity.BLOCKER: N_("blocker"),
    Severity.MAJOR: N_("major"),
    Severity.MINOR: N_("minor"),
    Reliability.HIGH: N_("high"),
    Reliability.MEDIUM: N_("medium"),
    Reliability.LOW: N_("low"),
    EvidenceState.EVIDENCED: N_("evidenced"),
    EvidenceState.PARTLY_EVIDENCED: N_("partly evidenced"),
    EvidenceState.UNANSWERED: N_("unanswered"),
    EvidenceState.CONTRADICTED: N_("not shown"),
    EvidenceState.CLAIMED: N_("claimed"),
}


def word_for(value: Kind | Severity | Reliability | EvidenceState) -> Message:
    """A question's kind, a severity, a probe's reliability or an evidence state, to be said
    in the chosen language (its value, in English)."""
    return Message(_WORDS[value])
