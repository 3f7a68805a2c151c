"""Contradiction and superseded findings.

Two claims in different value classes either supersede (the later one
reports the change after the earlier one held) or contradict. A finding of
one kind must set only claims of that relation against each other (spec §5:
claims in different positions contradict, or supersede, exactly), so each
kind's pairs are covered greedily by complete multi-sided findings.
"""

from __future__ import annotations

from typing import Callable, Sequence

from ..model import Claim, FindingKind
from .relations import supersedes


def relation(a: Claim, b: Claim) -> FindingKind:
    if supersedes(a, b) or supersedes(b, a):
        return FindingKind.SUPERSEDED
    return FindingKind.CONTRADICTION


def disagreements(classes: Sequence[Sequence[Claim]]) -> list[tuple[FindingKind, list[list[Claim]]]]:
    """Returns (kind, positions as lists of claims) for every disagreement."""
    if len(classes) < 2:
        return []
    ordered = [claim for members in classes for claim in members]
    home = [index for index, members in enumerate(classes) for _ in members]
    count = len(ordered)
    # kinds[i][j]: how claims i and j relate; None within a class (they agree).
    kinds: list[list[FindingKind | None]] = [[None] * count for _ in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            if home[i] != home[j]:
                kinds[i][j] = kinds[j][i] = relation(ordered[i], ordered[j])
    found = []
    for kind in (FindingKind.CONTRADICTION, FindingKind.SUPERSEDED):
        for sides in _cover(home, kinds, kind):
            found.append((kind, [[ordered[i] for i in side] for side in sides]))
    return found


def _cover(home: list[int], kinds, kind: FindingKind) -> list[list[list[int]]]:
    """Greedy cover of one kind's pairs by findings whose cross-position pairs are all of that kind."""
    count = len(home)
    uncovered = {(i, j) for i in range(count) for j in range(i + 1, count) if kinds[i][j] is kind}
    findings = []
    for i in range(count):
        for j in range(i + 1, count):
            if (i, j) not in uncovered:
                continue
            sides: dict[int, list[int]] = {home[i]: [i], home[j]: [j]}
            for k in range(count):
                if k == i or k == j:
                    continue
                if all(kinds[k][o] is kind for side, members in sides.items() if side != home[k] for o in members):
                    sides.setdefault(home[k], []).append(k)
            members = [sorted(sides[side]) for side in sorted(sides)]
            for x, left in enumerate(members):
                for right in members[x + 1:]:
                    for p in left:
                        for q in right:
                            uncovered.discard((min(p, q), max(p, q)))
            findings.append(members)
    return findings
