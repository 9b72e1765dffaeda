"""The export use case: one review in a format other tools read (a spreadsheet, a README
badge, attestations in CycloneDX and OSCAL, a model card, the EU AI Act's Annex IV)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlready.core.errors import InputError
from mlready.core.messages import Message

if TYPE_CHECKING:
    from mlready.api.review import Review


def export(review: Review, *, format: str, lang: str | None = None) -> str:
    """`review` in the export format `format` (`csv`, `badge`, `cyclonedx`, `oscal-ar`,
    `oscal-poam`, `model-card`, `annex-iv`), its prose in `lang`
    (default: the language spoken). Raises InputError for an unknown format."""
    # Ids, option values, dates and scores are data in every format; only the words for people
    # (headers, questions, rationales) follow the language. The same review, `today` and
    # language give the same bytes: nothing reads the clock or draws a random id.
    from mlready.io.catalogs import speaking
    from mlready.render.registry import Subject, formats_for, renderer

    known = formats_for(Subject.EXPORT)
    if format not in known:
        raise InputError(
            Message(
                "unknown export format '{name}' (formats: {formats})",
                name=format,
                formats=", ".join(known),
            )
        )
    with speaking(lang):
        return renderer(Subject.EXPORT, format)(review.outcome())
