"""Reading a review's history: each git revision of an answers file, parsed and scored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mlready.core.answers import answers_from_document
from mlready.core.errors import InputError
from mlready.core.history import History, Revision, Step, scored_of, step_to
from mlready.core.messages import Message
from mlready.core.model import Bank
from mlready.core.scoring import Scorecard, score
from mlready.io.git import GitRevision, file_revisions, work_tree_of
from mlready.io.yamlio import MAX_FILE_BYTES, parse_yaml


def _revision(found: GitRevision, bank: Bank) -> tuple[Revision, Scorecard | None] | None:
    """One revision scored as of its commit date, and its scorecard (None when it could not be
    read); None for the commit that deleted it."""

    def unreadable(problem: str) -> tuple[Revision, None]:
        return Revision(found.commit, found.date, found.author, found.path, None, problem), None

    if found.absent:
        return unreadable(Message("not in this clone (a partial clone leaves old versions out)"))
    data = found.data
    if data is None:
        return None
    source = f"{found.path}@{found.commit[:7]}"

    if len(data) > MAX_FILE_BYTES:
        return unreadable(
            Message(
                "{size} bytes; the limit is {limit} bytes",
                size=f"{len(data):,}",
                limit=f"{MAX_FILE_BYTES:,}",
            )
        )
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        answers = answers_from_document(parse_yaml(text, source=source), bank)
    except UnicodeDecodeError:
        return unreadable(Message("not UTF-8"))
    except InputError as error:
        if not error.problems:
            return unreadable(str(error))
        # The problem as data: English in JSON, said in the chosen language by the text formats.
        first = error.problems[0]
        if first.place is None:
            return unreadable(first.message)
        return unreadable(Message("{place}: {message}", place=first.place, message=first.message))
    written = answers.bank_ref
    other = written if written and "@" in written and written not in bank.lineage else None
    card = score(bank, answers, today=found.date.date())
    kept = scored_of(card)
    return Revision(found.commit, found.date, found.author, found.path, kept, None, other), card


def read_history(path: Path, bank: Bank, *, since: dt.date | None = None) -> History:
    """Every revision of the answers file at `path` from git, scored against `bank`.

    Raises NotInGitError (an InputError) outside a git work tree.
    """
    # git's own date parser skips what it cannot read (a year from 2100 on): each commit's date
    # is held to `since` here too. One scorecard at a time (and the one before it, for the gaps
    # each revision opened and closed): what is kept of each is its level and scores.
    found = file_revisions(path, since=since)
    found.reverse()  # popped from the end: oldest first, each revision's bytes let go once read
    revisions: list[Revision] = []
    steps: list[Step] = []
    previous: tuple[Revision, Scorecard] | None = None
    while found:
        one = found.pop()
        if since is not None and one.date.date() < since:
            continue
        read = _revision(one, bank)
        if read is None:
            continue
        revision, card = read
        revisions.append(revision)
        if card is not None:
            steps.append(step_to(revision, card, previous))
            previous = (revision, card)
    return History(
        source=str(path), bank=bank, revisions=tuple(revisions), since=since, steps=tuple(steps)
    )


def history_if_any(path: Path, bank: Bank) -> History | None:
    """The history of `path` when it is in a git work tree, else None (quietly)."""
    try:
        if work_tree_of(path) is None:
            return None
        return read_history(path, bank)
    except InputError:
        return None
