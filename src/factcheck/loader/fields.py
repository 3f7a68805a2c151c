"""What a claim file may hold: its fields, their kinds and limits, and what one file yields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Claim, Diagnostic, Source

MAX_TEXT_CHARS = 2000  # statements are the curator's summary, not the article
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: str  # "slug", "text", "date", "published", "value", "bool"
    required: bool = False


SOURCE_FIELDS = {
    f.name: f
    for f in (
        FieldSpec("id", "slug", True),
        FieldSpec("outlet", "text", True),
        FieldSpec("title", "text", True),
        FieldSpec("published", "published", True),
        FieldSpec("url", "text"),
        FieldSpec("author", "text"),
        FieldSpec("text", "text"),
    )
}
CLAIM_FIELDS = {
    f.name: f
    for f in (
        FieldSpec("id", "slug", True),
        FieldSpec("topic", "text", True),
        FieldSpec("subject", "text", True),
        FieldSpec("property", "text", True),
        FieldSpec("value", "value", True),
        FieldSpec("unit", "text"),
        FieldSpec("approx", "bool"),
        FieldSpec("as_of", "date"),
        FieldSpec("since", "date"),
        FieldSpec("until", "date"),
        FieldSpec("condition", "text"),
        FieldSpec("attribution", "text"),
        FieldSpec("revises", "bool"),
        FieldSpec("statement", "text", True),
        FieldSpec("quote", "text"),
    )
}
TOP_FIELDS = ("source", "claims")


@dataclass(slots=True)
class FileResult:
    """What one claim file yields."""

    path: str
    source: Source | None = None
    claims: list[Claim] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
