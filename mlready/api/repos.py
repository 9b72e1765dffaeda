"""The fleet use case: every repository a repos file lists, reviewed from git at one ref, each
review reduced to a fact; a repository that fails is a fact with its reason."""

import datetime as dt
import os
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mlready.api.inputs import gate_of, load_bank, project_settings, user_input
from mlready.core.errors import InputError
from mlready.core.messages import N_, Message

if TYPE_CHECKING:
    from concurrent.futures import Future

    from mlready.core.fleet import Fact, Listed
    from mlready.core.gate import Gate
    from mlready.core.model import Bank
    from mlready.io.fleet import Found, Snapshot
    from mlready.io.settings import Settings

# The fields of a fact that come from the repository and its commit, not from the answers'
# bytes: a fact kept by blob id gets them anew on each run.
_WHERE = ("repository", "ref", "commit", "answers", "blob")


class Fleet(NamedTuple):
    """The facts of every review of a fleet, in the order the repos file lists them."""

    facts: "tuple[Fact, ...]"
    scored: int  # reviews scored in this run
    reused: int  # reviews whose answers (and bank, date, gate) had not changed: kept facts

    @property
    def failed(self) -> "tuple[Fact, ...]":
        """The facts that say why a repository or an answers file could not be reviewed."""
        return tuple(fact for fact in self.facts if fact.error is not None)


@user_input
def read_repos(path: Path | str) -> "list[Listed]":
    """The repositories a repos file lists. Raises InputError naming the bad lines."""
    from mlready.core.fleet import parse_repos
    from mlready.io.yamlio import read_text

    return parse_repos(read_text(Path(path), kind=N_("repos file")), source=str(path))


@user_input
def fleet(
    repos: Path | str,
    *,
    bank: "Bank | Path | str | None" = None,
    settings: "Settings | None" = None,
    ref: str = "HEAD",
    today: dt.date | None = None,
    max_age: int | None = None,
    jobs: int | None = None,
) -> Fleet:
    """Each answers file of each repository `repos` lists, read at `ref` and judged as
    `portfolio` judges one. Raises InputError for a bad repos file or option."""
    # Git runs in `jobs` threads (default: one per core), a few repositories ahead of the
    # scoring, which keeps one scorecard at a time. A fact is kept in the cache by the answers'
    # blob id, the bank, the date and the gate: unchanged answers are not scored again.
    # Imported here: `import mlready.api` is on every command's path, and these only on this one's.
    import tempfile

    from mlready.core.model import Bank
    from mlready.io.fleet import clones_folder, keep_facts, known_facts

    # A refspec (`src:dst`, `+`, a `*` pattern) would make a fetch write refs into the clone.
    if ref.startswith(("-", "+")) or not ref or any(ord(char) < 33 or char in ":*" for char in ref):
        raise InputError(Message("--ref: not a ref git can read (got {ref})", ref=repr(ref)))
    chosen = settings if settings is not None else project_settings()
    loaded = bank if isinstance(bank, Bank) else load_bank(bank, settings=chosen)
    listed = read_repos(repos)
    date = today or dt.date.today()
    gate = gate_of(loaded, chosen, max_age=max_age)
    key = _facts_key(loaded, date=date, gate=gate, settings=chosen)
    known = _usable(known_facts(key))
    kept: dict[str, Any] = {}
    facts: list[Fact] = []
    scored = reused = 0
    base = Path(repos).parent
    with tempfile.TemporaryDirectory(prefix="mlready-clones-") as spare:
        clones = clones_folder() or Path(spare)
        for item, found in _snapshots(
            listed, base=base, ref=ref, clones=clones, known=known, jobs=jobs
        ):
            if isinstance(found, BaseException):
                facts.append(_failed(found, item, ref=ref, bank=loaded, date=date))
                continue
            if not found.files:
                reason = Message("no answers file matches {glob}", glob=item.answers.text)
                error = InputError(reason)
                facts.append(
                    _failed(error, item, ref=ref, bank=loaded, date=date, commit=found.commit)
                )
                continue
            for file in found.files:
                name = f"{file.blob} {file.path}"
                where = {
                    "repository": item.repository,
                    "ref": ref,
                    "commit": found.commit,
                    "answers": file.path,
                    "blob": file.blob,
                }
                if file.size is not None:
                    facts.append(_too_large(file.size, where, bank=loaded, date=date))
                    continue
                if file.data is None:
                    kept[name] = known[name]
                    facts.append(_fact_from(known[name], where))
                    reused += 1
                    continue
                fact = _reviewed(file, where, bank=loaded, date=date, gate=gate, settings=chosen)
                kept[name] = _bytes_part(fact)
                facts.append(fact)
                scored += 1
    if scored or kept.keys() != known.keys():
        keep_facts(key, kept)
    return Fleet(tuple(facts), scored, reused)


def _facts_key(bank: "Bank", *, date: dt.date, gate: "Gate", settings: "Settings") -> str:
    """What a fact depends on beside the answers' bytes (mlready's code is in the cache's key)."""
    import hashlib
    import json

    from mlready.core.bank import bank_data

    bank_text = json.dumps(bank_data(bank), sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(bank_text.encode()).hexdigest()
    return "|".join(
        ["facts", "2", digest, date.isoformat(), repr(gate), repr(settings.max_waiver_days)]
    )


def _snapshots(
    listed: "list[Listed]",
    *,
    base: Path,
    ref: str,
    clones: Path,
    known: dict[str, Any],
    jobs: int | None,
) -> "Iterator[tuple[Listed, Snapshot | BaseException]]":
    """Each repository's snapshot (or why it failed), in the listed order, read by `jobs`
    threads at most a few repositories ahead of the caller."""
    from concurrent.futures import ThreadPoolExecutor

    from mlready.io.fleet import snapshot

    def read(item: "Listed") -> "Snapshot":
        return snapshot(
            item,
            base=base,
            ref=ref,
            clones=clones,
            known=lambda path, blob: f"{blob} {path}" in known,
        )

    workers = max(1, jobs if jobs is not None else os.cpu_count() or 1)
    pending: deque[tuple[Listed, Future[Snapshot]]] = deque()
    remaining = iter(listed)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        while True:
            while len(pending) < 2 * workers:
                item = next(remaining, None)
                if item is None:
                    break
                pending.append((item, pool.submit(read, item)))
            if not pending:
                return
            item, future = pending.popleft()
            try:
                yield item, future.result()
            except InputError as error:  # GitError is one: git's reason, or mlready's
                yield item, error


def _reason(error: BaseException) -> str:
    """The reason a fact gives: the first problem (in English: facts are data)."""
    from mlready.io.git import GitError

    if isinstance(error, GitError) and error.reason:
        # git's own words, without the folder it ran in (a path of this machine's).
        return Message("git: {reason}", reason=error.reason)
    if isinstance(error, InputError) and error.problems:
        first = error.problems[0]
        if first.place is None:
            return first.message
        return Message("{place}: {message}", place=str(first.place), message=first.message)
    return str(error)


def _failed(
    error: BaseException,
    item: "Listed",
    *,
    ref: str,
    bank: "Bank",
    date: dt.date,
    commit: str | None = None,
) -> "Fact":
    from mlready.core.fleet import failed_fact

    return failed_fact(
        _reason(error), repository=item.repository, ref=ref, bank=bank.ref, date=date, commit=commit
    )


def _too_large(size: int, where: dict[str, str], *, bank: "Bank", date: dt.date) -> "Fact":
    """The fact of an answers file whose bytes were not read: too large."""
    from mlready.core.fleet import failed_fact
    from mlready.io.fleet import MAX_ANSWERS_BYTES

    return failed_fact(
        Message(
            "{path}: answers file is {size} bytes; the limit is {limit} bytes",
            path=f"{where['repository']}:{where['answers']}",
            size=f"{size:,}",
            limit=f"{MAX_ANSWERS_BYTES:,}",
        ),
        repository=where["repository"],
        ref=where["ref"],
        bank=bank.ref,
        date=date,
        commit=where["commit"],
        path=where["answers"],
        blob=where["blob"],
    )


def _reviewed(
    file: "Found",
    where: dict[str, str],
    *,
    bank: "Bank",
    date: dt.date,
    gate: "Gate",
    settings: "Settings",
) -> "Fact":
    """The fact of one answers file's bytes: scored and judged, or why it could not be."""
    from mlready.api.review import score_answers
    from mlready.core.fleet import fact_of, failed_fact
    from mlready.core.gate import judge
    from mlready.io.answers_file import answers_from_bytes

    assert file.data is not None
    source = f"{where['repository']}:{file.path}"
    try:
        answers = answers_from_bytes(file.data, bank, source=source)
        card = score_answers(answers, bank, today=date, settings=settings, warnings=[])
    except InputError as error:
        return failed_fact(
            _reason(error),
            repository=where["repository"],
            ref=where["ref"],
            bank=bank.ref,
            date=date,
            commit=where["commit"],
            path=file.path,
            blob=file.blob,
        )
    verdict = judge(card, gate, today=date)
    return fact_of(
        card,
        verdict,
        repository=where["repository"],
        ref=where["ref"],
        commit=where["commit"],
        path=file.path,
        blob=file.blob,
    )


def _bytes_part(fact: "Fact") -> dict[str, Any]:
    """What a fact says of the answers' bytes alone, to be kept by their blob id."""
    from mlready.core.fleet import fact_data

    data = fact_data(fact)
    kept = {
        key: value
        for key, value in data.items()
        if key not in _WHERE and not key.startswith(("$", "schema"))
    }
    # A reason at a place in the answers is kept without the repository it names: the same
    # blob may be in another repository next time, and `_fact_from` names that one.
    if isinstance(fact.error, str):
        kept["error"] = fact.error.removeprefix(f"{fact.repository}:")
    return kept


def _usable(known: dict[str, Any]) -> dict[str, Any]:
    """The kept facts that hold exactly the fields a fact takes from the answers' bytes."""
    import dataclasses

    from mlready.core.fleet import Fact

    fields = {item.name for item in dataclasses.fields(Fact)} - set(_WHERE)
    return {
        name: kept
        for name, kept in known.items()
        if isinstance(kept, dict) and kept.keys() == fields
    }


def _fact_from(kept: dict[str, Any], where: dict[str, str]) -> "Fact":
    from mlready.core.fleet import Fact

    fields: dict[str, Any] = {**where, **kept}
    error = fields["error"]
    if isinstance(error, str) and error.startswith(f"{where['answers']}:"):
        fields["error"] = f"{where['repository']}:{error}"  # kept without it (`_bytes_part`)
    return Fact(**fields)
