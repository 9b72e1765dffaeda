"""Evidence from the repository: what each check's probes found, and what that makes of the
answer given — evidenced, contradicted, or only claimed."""

# The scan itself (reading files) is the I/O layer's; this module only judges its findings.

import re
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from mlready.core.kinds import is_scored
from mlready.core.messages import N_, Message
from mlready.core.model import NA, AnswerEntry, Probe, Question
from mlready.core.path_kinds import path_kinds
from mlready.core.scoring import Scorecard, check_score
from mlready.core.vocabulary import EvidenceState, Reliability, word_for

_EXTERNAL = re.compile(r"^https://\S+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Why evidence is not accepted: the English is the data; a report says it translated.
_NOT_HTTPS = N_("an http link is not accepted as evidence kept outside the repository; use https")
_NOT_A_PATH = N_("neither an https link nor a path in the repository")


class PathState(StrEnum):
    """Where an evidence path an answer names is."""

    FOUND = "found"  # in the repository
    MISSING = "missing"  # would be in the repository, but is not there
    OUTSIDE = "outside"  # leaves the repository (`../x`, `/etc/x`): never looked at


class Finding(NamedTuple):
    """Where a probe found what it looks for: a file, and the line and text when known."""

    probe: Probe
    path: str
    line: int | None = None
    text: str = ""
    failed: bool = False  # a recorded run (`--results`) that failed


class CheckEvidence(NamedTuple):
    """The evidence of one check's answer."""

    state: EvidenceState
    found: tuple[Finding, ...] = ()  # findings that support the answer given, strongest first
    partly: tuple[Finding, ...] = ()  # findings that support a lower answer than the one given
    files: int = 0  # how many files the supporting findings are in (more than are shown)
    answer: str | None = None  # the value of the answer given (None: unanswered)
    missing: tuple[Probe, ...] = ()  # required probes that found nothing
    failed: tuple[Finding, ...] = ()  # recorded last runs that failed (`--results`)
    paths_found: tuple[str, ...] = ()  # the answer's own evidence paths that exist
    paths_missing: tuple[str, ...] = ()  # ... that do not
    paths_outside: tuple[str, ...] = ()  # ... that leave the repository: refused, never read
    external: tuple[str, ...] = ()  # https links: evidence kept outside the repository
    not_accepted: tuple[tuple[str, str], ...] = ()  # (evidence, why): neither path nor https
    silenced: tuple[tuple[str, str], ...] = ()  # (probe id, reason) a person gave
    suggested: str | None = None  # for an unanswered check: the option the findings support
    # (probe id, library) the scan did not run: the repository is that library itself
    own_library: tuple[tuple[str, str], ...] = ()


def own_library_reason(library: str) -> Message:
    """Why a library's probe was not run in the repository that is that library."""
    return Message(
        "this repository is {library} itself, and a library's own code is no evidence of using it",
        library=library,
    )


def contradictions(evidence: Mapping[str, CheckEvidence]) -> list[tuple[str, list[str]]]:
    """Each contradicted answer's check id, with what was looked for and not found."""
    found: list[tuple[str, list[str]]] = []
    for check_id, item in evidence.items():
        if item.state is not EvidenceState.CONTRADICTED:
            continue
        missing: list[str] = [
            Message(
                "not found: {says} ({reliability})",
                says=p.says,
                reliability=word_for(p.reliability),
            )
            for p in item.missing
        ]
        missing += [
            Message("failed: {says}: {result}", says=f.probe.says, result=f.text)
            for f in item.failed
        ]
        missing += [
            Message("no {path} in the repository", path=path) for path in item.paths_missing
        ]
        missing += [Message("{path} is outside the repository", path=p) for p in item.paths_outside]
        found.append((check_id, missing))
    return found


# (check id, probe id) -> findings; a library's probe the scan did not run has no entry.
FindingsOf = Mapping[tuple[str, str], Sequence[Finding]]


def probes_of(card: Scorecard) -> list[tuple[str, Probe]]:
    """Every probe of the checks that apply, with its check's id."""
    return [(q.id, probe) for q in card.applicable if is_scored(q) for probe in q.evidence]


def evidence_path(item: str) -> str | None:
    """The path an answer's evidence names (an anchor such as `#L12` left out), or None when
    it is a link or names no path."""
    if _SCHEME.match(item):
        return None
    return item.partition("#")[0].strip() or None


def _not_accepted(item: str) -> str | None:
    """Why an answer's evidence counts for nothing, or None when it is a path or https link."""
    if _EXTERNAL.match(item) or evidence_path(item) is not None:
        return None
    return _NOT_HTTPS if item.lower().startswith("http://") else _NOT_A_PATH


def judge_evidence(
    card: Scorecard,
    findings: FindingsOf,
    *,
    locate: Callable[[str], PathState],
    packages: frozenset[str] = frozenset(),
) -> dict[str, CheckEvidence]:
    """The evidence state of every applicable check answered with an option (not "na"); for
    an unanswered one with findings, the option they support (state "unanswered": it counts
    nowhere). `locate` and `packages` are `judge_check`'s."""
    judged: dict[str, CheckEvidence] = {}
    for question in card.applicable:
        if is_scored(question):
            entry = card.answers.get(question.id)
            item = judge_check(question, entry, findings, locate=locate, packages=packages)
            if item is not None:
                judged[question.id] = item
    return judged


def judge_check(
    question: Question,
    entry: AnswerEntry | None,
    findings: FindingsOf,
    *,
    locate: Callable[[str], PathState],
    packages: frozenset[str] = frozenset(),
) -> CheckEvidence | None:
    """The evidence state of one check's answer (`entry`, None: unanswered), or None when
    there is nothing to say (answered "na", or unanswered with nothing found nor left unlooked
    for). `locate` tells where a path (relative to the answers file) is."""
    # `packages` are those the repository is (import names, lower case): a probe for the use of
    # one of them was not run, and the evidence says so.
    if entry is not None and entry.value == NA:
        return None
    named = entry is not None and (entry.evidence or entry.not_detected)
    if not question.evidence and not named:
        # Nothing to look for and nothing named: most checks of most banks, judged at once.
        return _CLAIMED if entry is not None else None
    silenced = dict(entry.not_detected) if entry else {}
    own = entry.evidence if entry else ()
    external = tuple(item for item in own if _EXTERNAL.match(item))
    located = {item: locate(path) for item in own if (path := evidence_path(item)) is not None}
    paths_found, paths_missing, paths_outside = (
        tuple(item for item, where in located.items() if where is state)
        for state in (PathState.FOUND, PathState.MISSING, PathState.OUTSIDE)
    )
    not_accepted = tuple((item, why) for item in own if (why := _not_accepted(item)) is not None)
    given = check_score(question, entry) if entry is not None else None
    found: list[Finding] = []
    partly: list[Finding] = []
    missing: list[Probe] = []
    failed: list[Finding] = []
    # A library's probe in the library's own repository: the scan did not look (its own code
    # shows nothing of using it), and a note says so. Absent, it contradicts no answer either.
    not_run = _own_library(question, packages, silenced)
    for probe in question.evidence:
        key = (question.id, probe.id)
        if (
            probe.id in silenced
            or probe.id in not_run
            or (probe.library and key not in findings)  # not looked for either
        ):
            continue
        hits = findings.get(key, ())
        if probe.results is not None:
            # Recorded results, when given: a failed last run contradicts an answer that says
            # the practice works; no results at all say nothing.
            if any(hit.failed for hit in hits):
                if given is not None and given >= _score(question, _bar(probe)):
                    failed += [hit for hit in hits if hit.failed]
                continue
            hits = tuple(hit for hit in hits if not hit.failed)
            if not hits:
                continue
        # Unanswered, every supporting finding backs the suggestion; answered, those that
        # support an answer at least as good as the one given evidence it, and those that
        # support a lower one evidence it only partly (`dvc.yaml` stages: not a schedule).
        # An answer at the lowest grade says the practice is absent: what is found is never
        # evidence of that (nor, by itself, proof of the opposite).
        if hits and probe.supports is not None and given != 0:
            if given is None or _score(question, probe.supports) >= given:
                found += hits
            else:
                partly += hits
        required = probe.required_for
        if (
            not hits
            and given is not None
            and not external
            and required is not None
            and given >= _score(question, required)
        ):
            missing.append(probe)
    suggested = None if entry is not None else _suggested(question, findings)
    if entry is None and suggested is None and not not_run:
        return None  # nothing answered, nothing found, nothing left unlooked for
    if entry is None:
        state = EvidenceState.UNANSWERED
    elif missing or failed or paths_missing or paths_outside:
        state = EvidenceState.CONTRADICTED
    elif found or paths_found:
        state = EvidenceState.EVIDENCED
    elif partly:
        state = EvidenceState.PARTLY_EVIDENCED
    else:
        state = EvidenceState.CLAIMED
    shown = _strongest(found)
    return CheckEvidence(
        state=state,
        found=shown[:MAX_SHOWN_FINDINGS],
        partly=_strongest(partly)[:MAX_SHOWN_FINDINGS],
        files=len({finding.path for finding in found}),
        answer=entry.value if entry is not None and isinstance(entry.value, str) else None,
        missing=tuple(missing),
        failed=tuple(failed),
        paths_found=paths_found,
        paths_missing=paths_missing,
        paths_outside=paths_outside,
        external=external,
        not_accepted=not_accepted,
        silenced=tuple(silenced.items()),
        suggested=suggested,
        own_library=tuple(not_run.items()),
    )


def _own_library(
    question: Question, packages: frozenset[str], silenced: Mapping[str, str]
) -> dict[str, str]:
    """The library by probe id of each probe of `question` for the use of a library that the
    repository is (one of its `packages`), but for those a person silenced."""
    return {
        probe.id: mine[0]
        for probe in question.evidence
        if probe.id not in silenced and (mine := [n for n in probe.library if n in packages])
    }


_CLAIMED = CheckEvidence(EvidenceState.CLAIMED)
MAX_SHOWN_FINDINGS = 3  # per check: the strongest; the rest are counted
_RANK = {Reliability.HIGH: 0, Reliability.MEDIUM: 1, Reliability.LOW: 2}


def _strongest(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """One finding per file, the most reliable first, then the system's own files before
    tests or docs that a probe lets count, then in the order found."""
    best: dict[str, Finding] = {}
    for finding in sorted(findings, key=lambda item: _RANK[item.probe.reliability]):
        best.setdefault(finding.path, finding)
    return tuple(
        sorted(
            best.values(),
            key=lambda item: (_RANK[item.probe.reliability], bool(path_kinds(item.path))),
        )
    )


def _score(question: Question, value: str | None) -> float:
    """The score of an option a probe names; a probe naming none never supports."""
    option = question.option(value) if value is not None else None
    return option.score or 0.0 if option is not None else 2.0  # above any score: never met


def _bar(probe: Probe) -> str | None:
    """The lowest answer a failed recorded run contradicts."""
    return probe.required_for if probe.required_for is not None else probe.supports


def _suggested(question: Question, findings: FindingsOf) -> str | None:
    supported = [
        probe.supports
        for probe in question.evidence
        if probe.supports is not None
        and any(not hit.failed for hit in findings.get((question.id, probe.id), ()))
    ]
    if not supported:
        return None
    return max(supported, key=lambda value: _score(question, value))


def counts(judged: Mapping[str, CheckEvidence]) -> dict[EvidenceState, int]:
    """How many answered checks are in each state (a suggestion for an unanswered one counts
    nowhere), in the order of the states."""
    # "partly evidenced" is counted only where there is one: most reviews have none.
    states = [item.state for item in judged.values()]
    found = {state: states.count(state) for state in EvidenceState}
    del found[EvidenceState.UNANSWERED]
    if not found[EvidenceState.PARTLY_EVIDENCED]:
        del found[EvidenceState.PARTLY_EVIDENCED]
    return found
