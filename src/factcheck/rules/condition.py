"""Condition findings: the values agree, but one side carries an `until` or a
`condition` that the other lacks or states differently ("through 2032" vs
"until 2032 or AGI"). A hedge (`approx`) alone is not a condition."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Sequence

from ..model import Claim
from ..values.text import normalise


def qualifier(claim: Claim) -> str | None:
    """How a claim qualifies its value, as shown to a reader; None when it does not."""
    parts = []
    if claim.until is not None:
        parts.append(f"until {claim.until.label}")
    if claim.condition:
        parts.append(claim.condition.strip())
    return "; ".join(parts) if parts else None


def _qualifier_key(claim: Claim) -> tuple:
    until, condition = claim.until, claim.condition
    if until is None and not condition:
        return _UNQUALIFIED
    return (str(until) if until else "", _condition_key(condition or ""))


_UNQUALIFIED = ("", "")
# A corpus words a few conditions many times: normalise each wording once.
_condition_key = lru_cache(maxsize=4096)(normalise)


def condition_sides(agreeing: Sequence[Claim]) -> list[list[Claim]]:
    """Split one class of agreeing claims by qualifier; empty when all qualify alike."""
    if not any(claim.until is not None or claim.condition for claim in agreeing):
        return []  # none qualifies: all alike (most classes)
    sides: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in agreeing:
        sides[_qualifier_key(claim)].append(claim)
    if len(sides) < 2:
        return []
    return [sides[key] for key in sorted(sides)]
