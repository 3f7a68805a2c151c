"""How two claims about the same thing relate, and how claims split by value."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ..dates import Period
from ..bulk import maker
from ..identity import LIMIT, remember
from ..model import Claim, FindingKind, Position
from ..values import Boolean, Comparison, DateValue, Number, Value, compare
from ..values.number import FIGURE


def supersedes(later: Claim, earlier: Claim) -> bool:
    """`later` replaces `earlier` in the world (spec §4): a timeline, not an error.

    Either `later` reports a change (`since`) that falls after `earlier` held
    (a `since` inside the earlier claim's period does not count), or one of the
    two carries an explicit `as_of` and the periods the two values hold for do
    not overlap (history next to today's value). An undated claim is never
    ordered in time. A claim from an undated source that states its own `since`
    is dated: it held from then.
    """
    if later.since is not None:
        held = earlier.effective_as_of or earlier.since
        if held is not None and later.since.is_after(held):
            return True
    if later.as_of is None and earlier.as_of is None:
        return False
    when_later, when_earlier = later.effective_as_of, earlier.effective_as_of
    return when_later is not None and when_earlier is not None and when_later.is_after(when_earlier)


def revises(later: Claim, earlier: Claim) -> bool:
    """`later` says its figure revises an earlier one, and its source was published after."""
    if not later.revises:
        return False
    published, before = later.source.published, earlier.source.published
    return published is not None and before is not None and published.is_after(before)


def date_key(claim: Claim) -> tuple:
    """Sort key: when the claim's value took effect or was reported; undated last."""
    return _period_key(claim.timeline_date)


def order_key(claim: Claim) -> tuple:
    """The order claims are listed in (timelines, positions): `date_key`, then `ref`."""
    since = claim.since
    if since is None:
        since = claim.as_of if claim.as_of is not None else claim.source.published
    found = _PERIOD_KEYS.get(id(since))  # by identity: hashing a date runs Python code
    return (found[1] if found is not None else remember(_PERIOD_KEYS, since, _period_key(since)), claim.ref)


_PERIOD_KEYS: dict[int, tuple] = {}


def in_order(claims: Iterable[Claim]) -> list[Claim]:
    global _last_sorted
    last = _last_sorted
    if last[0] is claims:  # a group's claims are put in order for its findings, then for its timeline
        return list(last[1])
    ordered = sorted(claims, key=order_key)
    if type(claims) is tuple:  # immutable, and kept alive here: the same object holds the same claims
        _last_sorted = (claims, tuple(ordered))
    return ordered


_last_sorted: tuple = (None, ())  # the last tuple of claims put in order, and its order


@lru_cache(maxsize=65536)
def _period_key(date: Period | None) -> tuple:
    # Sorting calls this for every claim many times; a corpus has far fewer distinct dates.
    return (0, date.start, date.end) if date is not None else (1, 0, 0)


class Agreement:
    """Comparison of values, memoised per pair of distinct values (not per pair of claims)."""

    def __init__(self, approx_margin: float) -> None:
        self.approx_margin = approx_margin
        # By the two values' identities (hashing a value runs Python code); each entry keeps its
        # values alive, so no other value can take their ids. Equal values apart compare alike.
        # Shared by every Agreement of one margin: groups of a corpus share value objects.
        cache = _AGREEMENTS.get(approx_margin)
        if cache is None or len(cache) >= LIMIT:
            cache = _AGREEMENTS[approx_margin] = {}
        self._cache: dict[tuple[int, int], tuple[Value, Value, Comparison]] = cache

    def values(self, a: Value, b: Value) -> Comparison:
        found = self._cache.get((id(a), id(b)))
        if found is None:
            found = self._cache[(id(a), id(b))] = self._cache[(id(b), id(a))] = (a, b, compare(a, b, self.approx_margin))
        return found[2]

    def __call__(self, a: Claim, b: Claim) -> Comparison:
        return self.values(a.value, b.value)


_AGREEMENTS: dict[float, dict[tuple[int, int], tuple[Value, Value, Comparison]]] = {}

_EVERYTHING = (-math.inf, math.inf)


def _reach(value: Value, approx_margin: float) -> list[tuple[tuple, float, float]]:
    """`_spans`, worked out once per value object (a corpus shares one object per distinct value)."""
    found = _REACHES.get(id(value))
    if found is None or found[1][0] != approx_margin:
        return remember(_REACHES, value, (approx_margin, _spans(value, approx_margin)))[1]
    return found[1][1]


_REACHES: dict[int, tuple[Value, tuple[float, list]]] = {}


def _spans(value: Value, approx_margin: float) -> list[tuple[tuple, float, float]]:
    """Where a value could agree with another: (domain, low, high) spans.

    Two values can only agree when they share a domain and their spans overlap,
    so only those pairs are ever compared. Spans are generous (a superset of
    what `compare` accepts); a kind without a span is compared with its whole domain.
    """
    if isinstance(value, Number):
        try:
            low, high = value.bounds(approx_margin)
            widen = (abs(low) + abs(high)) * 1e-9  # float rounding must never hide an agreement
            spans = [(("number", value.unit), low - widen, high + widen)]
        except Exception:  # noqa: BLE001 - a number without bounds: compare it with every number
            spans = [(("number", value.unit), *_EVERYTHING)]
        year = value.year
        if year is not None:  # a bare whole number such as 2032 also reads as that year
            spans.append((("date",), year.start, year.end))
        return spans
    if isinstance(value, DateValue):
        return [(("date",), value.date.start, value.date.end)]
    if isinstance(value, Boolean):
        return [(("boolean", value.key), *_EVERYTHING)]
    return [((value.kind,), *_EVERYTHING)]


def _neighbours(values: Sequence[Value], approx_margin: float) -> list[set[int]]:
    """For each value, the others whose spans overlap it: sort by start and sweep.

    O(n log n + pairs that overlap); distinct values that cannot agree never meet.
    """
    spans: dict[tuple, list[tuple[float, float, int]]] = {}
    for index, value in enumerate(values):
        for domain, low, high in _reach(value, approx_margin):
            spans.setdefault(domain, []).append((low, high, index))
    near: list[set[int]] = [set() for _ in values]
    for items in spans.values():
        items.sort()
        count = len(items)
        for position, (_low, high, index) in enumerate(items):
            following = position + 1
            while following < count and items[following][0] <= high:
                other = items[following][2]
                if other != index:
                    near[index].add(other)
                    near[other].add(index)
                following += 1
    return near


@dataclass(frozen=True, slots=True)
class ValueClasses:
    """Claims split by value, and the values that bridge two classes.

    Agreement is not transitive (`more than 8 million` agrees with 8.6 million and with
    11 million, which disagree with each other), so such a bridging value sits in one
    class but must never face a value it agrees with across positions. Rare, so the
    disagreement cover treats each one on its own and keeps the rest in blocks."""

    classes: list[list[Claim]]
    bridges: frozenset[Value]


def value_classes(claims: Sequence[Claim], agree: Agreement, ordered: bool = False) -> ValueClasses:
    """Split claims into classes whose members all agree (complete linkage).

    A claim joins the first class it agrees with entirely, in date order. Claims
    with equal values always land in one class, so the work is per distinct
    value, and a value is only compared with values it could agree with.
    Each class lists its claims in `order_key` order (`ordered`: `claims` are in it already).
    """
    if not ordered:
        claims = in_order(claims)
    # Each claim's value as one object per distinct value (`_canonical`): equal values are told
    # apart by identity, with no hashing of values per group.
    if len(_CANONICAL) >= LIMIT:  # afresh between groups, never within one
        _CANONICAL.clear()
        _BY_VALUE.clear()
    memo = _CANONICAL
    keys = []
    for claim in claims:
        value = claim.value
        found = memo.get(id(value))
        keys.append(found[1] if found is not None else _canonical(value))
    first = keys[0]
    for key in keys:
        if key is not first:
            break
    else:  # one value (a corroboration, or a lone claim): one class, nothing to compare
        return ValueClasses([list(claims)], frozenset())
    objects = {id(value): value for value in keys}  # in the order first seen
    values = list(objects.values())
    if len(values) == 2:  # the most common split: the general way below, worked out for two values
        second = values[1]
        if _near(_reach(first, agree.approx_margin), _reach(second, agree.approx_margin)) \
                and agree.values(first, second).agree:
            return ValueClasses([list(claims)], frozenset())
        sides: tuple[list[Claim], list[Claim]] = ([], [])
        for claim, key in zip(claims, keys):
            sides[key is not first].append(claim)
        return ValueClasses(list(sides), frozenset())
    near = _neighbours(values, agree.approx_margin)
    class_of: list[int] = [-1] * len(values)
    members_of: list[list[int]] = []
    bridges: set[Value] = set()
    for index, value in enumerate(values):
        # Only values placed before this one have a class: compared as (earlier, later), as ever.
        agreeing = {other for other in near[index] if other < index and agree.values(values[other], value).agree}
        candidates = sorted({class_of[other] for other in agreeing})
        for number in candidates:
            if all(member in agreeing for member in members_of[number]):
                class_of[index] = number
                members_of[number].append(index)
                break
        else:
            class_of[index] = len(members_of)
            members_of.append([index])
        # Every agreeing pair is seen here once, when its later value is placed.
        for other in agreeing:
            if class_of[other] != class_of[index]:
                bridges.update((value, values[other]))
    home = {id(value): class_of[index] for index, value in enumerate(values)}
    classes: list[list[Claim]] = [[] for _ in members_of]
    for claim, key in zip(claims, keys):
        classes[home[id(key)]].append(claim)
    return ValueClasses(classes, frozenset(bridges))


def _canonical(value: Value) -> Value:
    """The one object that stands for every value equal to `value` (the first one seen)."""
    canonical = _CANONICAL[id(value)] = (value, _BY_VALUE.setdefault(value, value))  # keeps `value` alive
    return canonical[1]


_CANONICAL: dict[int, tuple[Value, Value]] = {}  # by identity: each value object's canonical one
_BY_VALUE: dict[Value, Value] = {}  # emptied with _CANONICAL, so that equal values keep one canonical object


def _near(first: list[tuple[tuple, float, float]], second: list[tuple[tuple, float, float]]) -> bool:
    """Would `_neighbours` pair two values (`first` placed before `second`), given their spans?

    The sweep there pairs a span with the spans sorted after it (by low end, high end, then
    place) that start before it ends."""
    for domain, low, high in first:
        for other_domain, other_low, other_high in second:
            if domain == other_domain:
                if (low, high) <= (other_low, other_high):
                    if other_low <= high:
                        return True
                elif low <= other_high:
                    return True
    return False


def position(claims: Sequence[Claim], qualifier: str | None = None, ordered: bool = False) -> Position:
    """A position shows the value as most of its claims word it.

    Its claims are listed in `order_key` order (`ordered`: `claims` are in it already)."""
    listed = tuple(claims) if ordered else tuple(in_order(claims))
    if len(listed) == 1:
        return _new_position(listed[0].value.display, listed, qualifier)
    displays = [c.value.display for c in listed]
    shown = displays[0]
    if displays.count(shown) != len(displays):  # several wordings: pick one
        counts: dict[str, int] = {}
        for text in displays:  # first seen first: a dict keeps insertion order
            counts[text] = counts.get(text, 0) + 1
        most = max(counts.values())
        tied = [text for text, count in counts.items() if count == most]  # in the order first seen
        if len(tied) == 1:
            shown = tied[0]
        else:
            hedged = {c.value.display for c in listed if _loose(c)} - {c.value.display for c in listed if not _loose(c)}
            # Most common wording; on a tie an exact one ("1,200") before a hedged one ("~1200") or a
            # bound ("more than 1,000"), then the first.
            shown = min(tied, key=lambda text: text in hedged)
    return _new_position(shown, listed, qualifier)


_new_position = maker(Position)  # Position(...), without a frozen __init__'s cost: several per group


def _loose(claim: Claim) -> bool:
    """Hedged, a bound or a range: a looser wording than a plain figure."""
    value = claim.value
    return claim.approx or (isinstance(value, Number) and (value.approx or value.reading != FIGURE))


def when_key(claim: Claim, kind: FindingKind | None = None) -> tuple:
    """Sort key in a finding of `kind`: a revision is ordered by publication (the knowledge
    changed), anything else by when the value held (`date_key`)."""
    if kind is FindingKind.REVISED:
        return _period_key(claim.source.published)
    return date_key(claim)


def position_order(pos: Position, kind: FindingKind | None = None) -> tuple:
    """Oldest first; undated positions last. A position's claims are in `order_key` order,
    so its oldest `date_key` is its first claim's."""
    first = pos.claims[0]
    if kind is FindingKind.REVISED:
        return (min(when_key(c, kind) for c in pos.claims), pos.value, first.ref)
    return (date_key(first), pos.value, first.ref)
