"""How two claims about the same thing relate, and how claims split by value."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Sequence

from ..dates import PartialDate
from ..model import Claim, Position
from ..values import Comparison, compare


def supersedes(later: Claim, earlier: Claim) -> bool:
    """`later` reports a change (`since`) that falls after `earlier` held (`as_of`).

    A `since` inside the earlier claim's `as_of` period does not count, and an
    undated claim is never ordered in time (spec §4). A claim from an undated
    source that states its own `since` is dated: it held from then.
    """
    if later.since is None:
        return False
    held = earlier.effective_as_of or earlier.since
    return held is not None and later.since.is_after(held)


def date_key(claim: Claim) -> tuple:
    """Sort key: when the claim's value took effect or was reported; undated last."""
    return _period_key(claim.since or claim.effective_as_of)


@lru_cache(maxsize=65536)
def _period_key(date: PartialDate | None) -> tuple:
    # Sorting calls this for every claim many times; a corpus has far fewer distinct dates.
    return (0, date.start, date.end) if date is not None else (1, 0, 0)


class Agreement:
    """Cached pairwise comparison of a group's claims."""

    def __init__(self, approx_margin: float) -> None:
        self.approx_margin = approx_margin
        self._cache: dict[tuple[int, int], Comparison] = {}

    def __call__(self, a: Claim, b: Claim) -> Comparison:
        key = (id(a), id(b)) if id(a) < id(b) else (id(b), id(a))
        result = self._cache.get(key)
        if result is None:
            result = self._cache[key] = compare(a.value, b.value, self.approx_margin)
        return result


def value_classes(claims: Sequence[Claim], agree: Agreement) -> list[list[Claim]]:
    """Split claims into classes whose members all agree (complete linkage).

    Agreement between intervals is not transitive (27 ~ roughly 27 ~ 29), so a
    claim joins the first class it agrees with entirely, in date order.
    """
    classes: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: (date_key(c), c.ref)):
        for members in classes:
            if all(agree(claim, member).agree for member in members):
                members.append(claim)
                break
        else:
            classes.append([claim])
    return classes


def position(claims: Sequence[Claim], qualifier: str | None = None) -> Position:
    """A position shows the value as most of its claims word it."""
    ordered = tuple(sorted(claims, key=lambda c: (date_key(c), c.ref)))
    counts = Counter(c.value.display for c in ordered)
    first_seen = {text: index for index, text in reversed(list(enumerate(c.value.display for c in ordered)))}
    hedged = {c.value.display for c in ordered if c.approx} - {c.value.display for c in ordered if not c.approx}
    # Most common wording; on a tie an exact one ("1,200") before a hedged one ("~1200"), then the first.
    shown = min(counts, key=lambda text: (-counts[text], text in hedged, first_seen[text]))
    return Position(value=shown, claims=ordered, qualifier=qualifier)


def position_order(pos: Position) -> tuple:
    """Oldest first; undated positions last."""
    return (min(date_key(c) for c in pos.claims), pos.value, pos.claims[0].ref)
