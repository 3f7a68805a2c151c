"""Contradiction, superseded and revised findings.

Two claims in different value classes relate one way: one supersedes the
other (the later one reports a change, or an explicit `as_of` dates one value
to another time), one revises the other (`revises: true`, published later),
or they contradict. A finding of one kind sets only claims of that relation
against each other (spec §5: claims in different positions of a finding
relate by its kind, exactly; claims in one position agree), so each kind's
pairs are covered greedily by complete multi-sided findings.

How two claims relate depends only on their dates and flags (their
*signature*), never on their values once the values disagree. So the cover
works on blocks of claims with one signature, not on claims: a group of
20,000 claims with a few hundred distinct dates has a few hundred blocks, and
nothing here is quadratic in claims (no n x n matrix, no set of all pairs).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Sequence

from ..model import Claim, FindingKind
from ..identity import LIMIT
from .relations import Agreement, revises, supersedes

TIMELINE_KINDS = (FindingKind.SUPERSEDED, FindingKind.REVISED)


def relation(a: Claim, b: Claim) -> FindingKind:
    """How two claims whose values disagree relate."""
    if supersedes(a, b) or supersedes(b, a):
        return FindingKind.SUPERSEDED
    if revises(a, b) or revises(b, a):
        return FindingKind.REVISED
    return FindingKind.CONTRADICTION


def _signature(claim: Claim) -> tuple:
    """Everything `relation` reads of a claim."""
    return (claim.since, claim.as_of, claim.source.published, claim.revises)


def _span(date) -> tuple[int, int] | None:
    return _date_span(date) if date is not None else None


@lru_cache(maxsize=65536)
def _date_span(date) -> tuple[int, int]:
    # A corpus has far fewer distinct dates than claims; a plain date works its days out each time.
    return (date.start, date.end)


def time_key(claim: Claim) -> tuple:
    """`relation`'s inputs as plain integers (day ordinals), so that comparing two blocks
    costs a few integer comparisons: (since, held, explicit as_of?, as of, published, revises)."""
    held = claim.effective_as_of or claim.since
    return (_span(claim.since), _span(held), claim.as_of is not None, _span(claim.effective_as_of),
            _span(claim.source.published), claim.revises)


def _supersedes_key(later: tuple, earlier: tuple) -> bool:
    since, held = later[0], earlier[1]
    if since is not None and held is not None and since[0] > held[1]:
        return True
    if not (later[2] or earlier[2]):
        return False
    when_later, when_earlier = later[3], earlier[3]
    return when_later is not None and when_earlier is not None and when_later[0] > when_earlier[1]


def _revises_key(later: tuple, earlier: tuple) -> bool:
    return later[5] and later[4] is not None and earlier[4] is not None and later[4][0] > earlier[4][1]


def key_relation(a: tuple, b: tuple) -> FindingKind:
    """`relation`, on `time_key`s."""
    if _supersedes_key(a, b) or _supersedes_key(b, a):
        return FindingKind.SUPERSEDED
    if _revises_key(a, b) or _revises_key(b, a):
        return FindingKind.REVISED
    return FindingKind.CONTRADICTION


def _timed(claim: Claim) -> bool:
    """Can this claim stand in a superseded or revised relation with a claim of the same kind?"""
    return claim.since is not None or claim.as_of is not None or claim.revises


class _Block:
    """Claims with one signature (and, for timeline kinds, one value class)."""

    __slots__ = ("claim", "key", "members", "classes", "bridge")

    def __init__(self, claim: Claim, bridge, key: tuple) -> None:
        self.claim = claim                      # a representative: all members relate alike
        self.key = key                          # its time_key
        self.bridge = bridge                    # the one value of a block that agrees across classes
        self.members: list[tuple[int, Claim]] = []  # (value class, claim)
        self.classes: set[int] = set()

    def add(self, home: int, claim: Claim) -> None:
        self.members.append((home, claim))
        self.classes.add(home)


def disagreements(classes: Sequence[Sequence[Claim]], agree: Agreement | None = None,
                  bridges: frozenset = frozenset()) -> list[tuple[FindingKind, list[list[Claim]]]]:
    """Returns (kind, positions as lists of claims) for every disagreement.

    A bridging value (`ValueClasses.bridges`: it agrees with a value of another class,
    as `more than 8 million` does with 8.6 and 11 million) never faces a value it agrees
    with across positions; `agree` compares them. Other classes disagree wholesale."""
    if len(classes) < 2:
        return []
    if classes_contradict(classes, bridges):
        return [(FindingKind.CONTRADICTION, [list(members) for members in classes])]
    return _covered(classes, agree, bridges)


def classes_contradict(classes: Sequence[Sequence[Claim]], bridges: frozenset) -> bool:
    """Do two or more classes make one contradiction, each class a position as it is?

    Untimed claims all relate by contradiction, alike (one block holding every class):
    one finding, as `_covered` would find."""
    if bridges:
        return False
    for members in classes:
        for claim in members:
            if claim.since is not None or claim.as_of is not None or claim.revises:  # `_timed`, inline
                return False
    return True


def _covered(classes: Sequence[Sequence[Claim]], agree: Agreement | None,
             bridges: frozenset) -> list[tuple[FindingKind, list[list[Claim]]]]:
    """`disagreements` of two or more classes, by covering each kind's pairs of blocks."""
    rows, timed = _rows(classes, bridges)
    # Without since, as_of or revises every row relates by contradiction: no timeline kind has a
    # block to cover. Only a since or an explicit as_of supersedes, only a revises revises.
    kinds = [FindingKind.CONTRADICTION]
    if any(key[0] is not None or key[2] for key in timed):
        kinds.append(FindingKind.SUPERSEDED)
    if any(key[5] for key in timed):
        kinds.append(FindingKind.REVISED)

    def bridged(a: _Block, b: _Block) -> bool:
        return (a.bridge is not None and b.bridge is not None and a.classes != b.classes
                and agree.values(a.bridge, b.bridge).agree)

    found: list[tuple[FindingKind, list[list[Claim]]]] = []
    for kind in kinds:
        blocks = _blocks(rows, by_class=kind is not FindingKind.CONTRADICTION, kind=kind)
        for members in _cover(blocks, kind, bridged if bridges else None):
            found.append((kind, members))
    return found


def _rows(classes: Sequence[Sequence[Claim]], bridges: frozenset) -> tuple[list[tuple], list[tuple]]:
    """(value class, claim, collapsed signature, time_key, bridging value or None, the kinds a
    plain claim relates to timed ones by, or None for a timed claim) per claim, and the time_keys
    of the timed claims' signatures (those with since, as_of or revises).

    Claims without since, as_of or revises relate to each other only by contradiction,
    so those that also relate alike to every timed claim share one signature: a group
    without timed claims is one block. Each distinct signature's time_key is made once.
    A collapsed signature is a number: equal signatures (equal dates, not only the same
    date objects) get one number, and its dates are hashed once per group, not per claim."""
    if len(_DATES) >= LIMIT:  # afresh between groups, never within one
        _DATES.clear()
        _DATE_NUMBERS.clear()
    numbered: dict[tuple, tuple] = {}  # (the dates' ids, revises): _signature, its dates numbered
    made: dict[tuple, tuple] = {}  # the same: time_key
    timed: dict[tuple, tuple] = {}  # signature: time_key
    plain: dict[tuple, tuple] = {}
    signed = []
    for home, members in enumerate(classes):
        for claim in members:
            since, as_of, published, revised = claim.since, claim.as_of, claim.source.published, claim.revises
            ids = (id(since), id(as_of), id(published), revised)
            signature = numbered.get(ids)
            if signature is None:
                signature = numbered[ids] = (_date(since)[0], _date(as_of)[0], _date(published)[0], revised)
                made[ids] = _time_key(since, as_of, published, revised)
            chosen = timed if since is not None or as_of is not None or revised else plain  # `_timed`
            key = chosen.get(signature)
            if key is None:
                key = chosen[signature] = made[ids]
            signed.append((home, claim, signature, key, chosen is plain))
    timed_keys = list(timed.values())
    number_of = {signature: number for number, signature in enumerate(timed)}
    profiles: dict[tuple, int] = {}  # a plain claim's relations to the timed signatures: its number
    kinds_of: dict[tuple, tuple] = {}
    for signature, mine in plain.items():
        kinds = tuple(key_relation(mine, other) for other in timed_keys)
        number = number_of[signature] = profiles.setdefault(kinds, len(timed) + len(profiles))
        kinds_of[signature] = kinds
    return [(home, claim, number_of[signature], key,
             claim.value if bridges and claim.value in bridges else None, kinds_of[signature] if is_plain else None)
            for home, claim, signature, key, is_plain in signed], timed_keys


def _date(date) -> tuple:
    """(a number, the same for equal dates while the table lasts, -1 for none; (start, end) or None),
    worked out once per date object (a corpus shares one per distinct date)."""
    if date is None:
        return _NO_DATE
    found = _DATES.get(id(date))
    if found is None:
        found = _DATES[id(date)] = (_DATE_NUMBERS.setdefault(date, len(_DATE_NUMBERS)), (date.start, date.end), date)
    return found


_NO_DATE = (-1, None)
_DATES: dict[int, tuple] = {}  # by identity; each entry keeps its date alive
_DATE_NUMBERS: dict = {}  # emptied with _DATES, so that equal dates keep one number


def _time_key(since, as_of, published, revised: bool) -> tuple:
    """`time_key` of a claim with these dates, from each date's `_date`."""
    effective = as_of if as_of is not None else published
    held = effective if effective is not None else since
    return (_date(since)[1], _date(held)[1], as_of is not None, _date(effective)[1], _date(published)[1], revised)


def _blocks(rows: list[tuple], by_class: bool, kind: FindingKind) -> list[_Block]:
    blocks: dict[tuple, _Block] = {}
    for home, claim, signature, time, bridge, kinds in rows:
        if by_class and kinds is not None and kind not in kinds:
            continue  # relates to nothing by this kind: cannot be in such a finding
        key = (home, signature, bridge) if by_class else (signature, home if bridge is not None else None, bridge)
        block = blocks.get(key)
        if block is None:
            block = blocks[key] = _Block(claim, bridge, time)
        block.add(home, claim)
    return list(blocks.values())


def _partners(blocks: list[_Block], kind: FindingKind):
    """For block i, the blocks j > i that may relate to it by `kind` (a superset, in order).

    A revision needs a block that says `revises`. A contradiction between two blocks of
    which one has an explicit `as_of` needs their periods to overlap (or one undated):
    otherwise it is history. Overlaps are found by sorting and sweeping, so a time series
    of thousands of dated values is not scanned pair by pair for contradictions."""
    count = len(blocks)
    everything = range(count)
    if kind is FindingKind.REVISED:
        revising = [index for index, block in enumerate(blocks) if block.key[5]]
        return lambda i: range(i + 1, count) if blocks[i].key[5] else [j for j in revising if j > i]
    if kind is not FindingKind.CONTRADICTION:
        return lambda i: range(i + 1, count)
    explicit = [block.key[2] and block.key[3] is not None for block in blocks]
    if not any(explicit):
        return lambda i: range(i + 1, count)
    overlapping: list[set[int]] = [set() for _ in everything]  # pairs with an explicit side only
    dated = sorted((block.key[3][0], block.key[3][1], index) for index, block in enumerate(blocks)
                   if block.key[3] is not None)
    for position, (_start, end, index) in enumerate(dated):
        following = position + 1
        while following < len(dated) and dated[following][0] <= end:
            other = dated[following][2]
            if explicit[index] or explicit[other]:
                overlapping[index].add(other)
                overlapping[other].add(index)
            following += 1
    undated = [index for index in everything if blocks[index].key[3] is None]
    plain = [index for index in everything if not explicit[index]]

    def partners(i: int):
        if not explicit[i] and blocks[i].key[3] is None:
            return range(i + 1, count)
        # an explicit block: the undated ones and those it overlaps; a dated block without an
        # explicit as_of: any other such block, and the explicit ones it overlaps
        rest = undated if explicit[i] else plain
        rest = rest[bisect_right(rest, i):]  # both lists are in order
        near = [j for j in overlapping[i] if j > i]
        return sorted(set(rest).union(near)) if near else rest

    return partners


def _cover(blocks: list[_Block], kind: FindingKind, bridged=None) -> list[list[list[Claim]]]:
    """Greedy cover of one kind's pairs by findings whose cross-position pairs are all of that kind.

    Seeds are pairs of blocks (or one block holding several classes) not yet in a
    finding together; each finding then takes every block compatible with all of it.
    Memory is linear in blocks plus findings; no pair set is kept.
    """
    count = len(blocks)
    in_findings: list[set[int]] = [set() for _ in blocks]
    findings: list[list[int]] = []
    partners = _partners(blocks, kind)

    def grow(seed: list[int]) -> None:
        members = list(seed)
        for k in range(count):
            if k in seed:
                continue
            block = blocks[k]
            lone = block.classes if len(block.classes) == 1 else None
            # One class shares a position and needs no relation; across classes the kind must hold.
            for m in members:  # the cover's hot spot: kept inline
                other = blocks[m]
                if lone is not None and other.classes == lone:
                    continue
                if key_relation(block.key, other.key) is not kind or (bridged and bridged(block, other)):
                    break
            else:
                members.append(k)
        number = len(findings)
        findings.append(members)
        for m in members:
            in_findings[m].add(number)

    for i in range(count):
        first = blocks[i]
        if len(first.classes) > 1 and key_relation(first.key, first.key) is kind and not in_findings[i]:
            grow([i])
        for j in partners(i):
            second = blocks[j]
            if (len(first.classes) == 1 and first.classes == second.classes) or in_findings[i] & in_findings[j]:
                continue
            if bridged and bridged(first, second):
                continue
            if key_relation(first.key, second.key) is kind:
                grow([i, j])
    result = []
    for members in findings:
        sides: dict[int, list[Claim]] = {}
        for m in members:
            for home, claim in blocks[m].members:
                sides.setdefault(home, []).append(claim)
        result.append([sides[home] for home in sorted(sides)])
    return result
