"""Sign-offs: a digest of what the answers mean, and whether each sign-off still covers them."""

# The digest is taken over a canonical form of the answers that count (values as the bank
# means them, with their notes, evidence, waivers and actions), so that reformatting the file,
# reordering it, quoting differently or writing `Yes` for `yes` leaves it unchanged, while any
# changed answer changes it. Project details, the review date and the sign-offs themselves are
# not part of it.

import datetime as dt
import json
from dataclasses import replace
from typing import Any, NamedTuple

from mlready.core.answers import Answers
from mlready.core.messages import Message
from mlready.core.model import AnswerEntry, Signoff
from mlready.core.validation import to_plain

DIGEST_PREFIX = "sha256:"


def _canonical(entry: AnswerEntry) -> Any:
    # Empty keys are left out, so that a key added to the format one day (empty in every
    # file written before it) changes no digest.
    plain = {key: value for key, value in to_plain(entry).items() if value not in (None, [], {})}
    if isinstance(entry.value, tuple):  # the options of a multi answer, in any order
        plain["value"] = sorted(entry.value)
    return plain


def answers_digest(answers: Answers) -> str:
    """`sha256:` and the hex digest of the canonical form of the answers that count."""
    import hashlib  # only here: it loads OpenSSL (3 MiB), which few runs need

    entries = {
        question_id: _canonical(entry)
        for question_id, entry in answers.entries.items()
        if entry != AnswerEntry()
    }
    text = json.dumps(entries, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return DIGEST_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


class SignoffState(NamedTuple):
    """A recorded sign-off, and whether the answers are still those it approved."""

    signoff: Signoff
    current: bool

    @property
    def status(self) -> str:
        """`current`, or `answers changed since` (said in the chosen language)."""
        return Message("current") if self.current else Message("answers changed since")


def signoff_states(answers: Answers) -> tuple[SignoffState, ...]:
    """Every sign-off of the project, in the order recorded, each current or not."""
    if not answers.project.signoff:
        return ()  # the digest hashes every answer: only worth it with a sign-off to compare
    digest = answers_digest(answers)
    return tuple(
        SignoffState(signoff, signoff.digest == digest) for signoff in answers.project.signoff
    )


def signed(answers: Answers, *, name: str, role: str, date: dt.date) -> Answers:
    """The answers with a sign-off by `name` as `role` on `date` of them as they are now;
    an earlier sign-off by the same person in the same role is replaced."""
    signoff = Signoff(name=name, role=role, date=date, digest=answers_digest(answers))
    kept = tuple(
        item
        for item in answers.project.signoff
        if (item.name, item.role) != (signoff.name, signoff.role)
    )
    return answers.with_project(replace(answers.project, signoff=(*kept, signoff)))
