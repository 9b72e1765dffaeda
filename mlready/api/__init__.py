"""mlready as a library: each use case of the command line as a function that returns a value,
prints nothing, raises MlreadyError for invalid input and returns warnings as records."""

# import mlready.api as mlready
# review = mlready.review("mlready.yaml")
# print(review.level, review.score, review.passed)
# html = mlready.report(review, format="html")
# badge = mlready.export(review, format="badge")
# facts = mlready.fleet("repos.txt", today=datetime.date(2026, 12, 1)).facts

from typing import TYPE_CHECKING

from mlready.api.inputs import (
    answers_file,
    answers_files,
    gate_of,
    inputs_of,
    is_pattern,
    load_bank,
    one_line,
    project_settings,
)
from mlready.api.language import answers_editor, choose_language, translated_bank, use_language
from mlready.api.review import (
    Portfolio,
    Review,
    diff,
    evidence_judge,
    evidence_of,
    history,
    outcomes,
    portfolio,
    read_answers,
    report,
    review,
    scored,
    trend_for,
)
from mlready.core.errors import ExitCode, InputError, MlreadyError

if TYPE_CHECKING:
    from mlready.api.exports import export
    from mlready.api.repos import Fleet, fleet, read_repos

__all__ = [
    "ExitCode",
    "Fleet",
    "InputError",
    "MlreadyError",
    "Portfolio",
    "Review",
    "answers_editor",
    "answers_file",
    "answers_files",
    "choose_language",
    "diff",
    "evidence_judge",
    "evidence_of",
    "export",
    "fleet",
    "gate_of",
    "history",
    "inputs_of",
    "is_pattern",
    "load_bank",
    "one_line",
    "outcomes",
    "portfolio",
    "project_settings",
    "read_answers",
    "read_repos",
    "report",
    "review",
    "scored",
    "translated_bank",
    "trend_for",
    "use_language",
]

# The exports and the fleet, loaded when first asked for: a run that uses neither (a report, a
# check) is spared their modules. (A use case named as its module, as `review` is, is bound here
# at import: loading the module later would bind the package's name to the module instead.)
_LOADED_LATER = {"export": "exports", "Fleet": "repos", "fleet": "repos", "read_repos": "repos"}


def __getattr__(name: str) -> object:
    """A use case's function, loaded from its module the first time it is asked for."""
    home = _LOADED_LATER.get(name)
    if home is None:
        raise AttributeError(f"module 'mlready.api' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"mlready.api.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
