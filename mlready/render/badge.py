"""`export --format badge`: the readiness level as a shields.io endpoint badge (JSON)."""

# shields.io reads exactly these keys and refuses a document with any other, so the badge
# carries no `$generator` mark: replacing one that exists takes `--force`. The colour follows
# the level's rank in the bank (the top level green, the lowest red), so that a bank with levels
# of its own gets colours too; the built-in levels are production, pilot, prototype, not ready.

from __future__ import annotations

import json

from mlready.core.messages import _
from mlready.render.escape import json_text
from mlready.render.scorecard_view import Outcome

COLOURS = ("brightgreen", "yellow", "orange", "red")


def level_colour(rank: int, levels: int) -> str:
    """The colour of the level at `rank` (0: the highest) of `levels` levels."""
    if levels <= 1:
        return COLOURS[0]
    return COLOURS[round(rank * (len(COLOURS) - 1) / (levels - 1))]


def export_badge(outcome: Outcome) -> str:
    """The shields.io endpoint JSON of the review in `outcome`: its level, coloured by rank."""
    card = outcome.scorecard
    levels = [level.name for level in card.bank.levels]
    document = {
        "schemaVersion": 1,
        "label": _("readiness"),
        "message": card.level.shown,
        "color": level_colour(levels.index(card.level.name), len(levels)),
        "isError": False,
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
