"""Stable finding ids: they depend only on the claims involved.

The id changes when what a reviewer judged changes (a claim's value, unit,
hedge, dates, condition or attribution), not when files move or are read
in another order, and not when a statement's wording is polished.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from .dates import date_text
from .model import Claim, FindingKind

_PREFIX = {
    FindingKind.CONTRADICTION: "con",
    FindingKind.CONDITION: "cnd",
    FindingKind.SUPERSEDED: "sup",
    FindingKind.REVISED: "rev",
    FindingKind.CORROBORATED: "cor",
}


def claim_fingerprint(claim: Claim) -> str:
    value = claim.value
    as_of, published, since, until = claim.as_of, claim.source.published, claim.since, claim.until
    fields = (
        claim.ref, value.kind, value.display, str(claim.approx),
        "" if as_of is None else date_text(as_of), "unknown" if published is None else date_text(published),
        "" if since is None else date_text(since), "" if until is None else date_text(until),
        claim.condition or "", claim.attribution or "",
    )
    if claim.revises:  # only when set, so the ids of claims without it stay as they were
        fields += ("revises",)
    return "\x1f".join(fields)


def finding_id(kind: FindingKind, claims: Iterable[Claim], fingerprints: dict[int, str] | None = None) -> str:
    """`fingerprints`: a memo of `claim_fingerprint` by `id(claim)`, for claims that outlive it."""
    if fingerprints is None:
        prints = [claim_fingerprint(c) for c in claims]
    else:
        prints = []
        for claim in claims:
            fingerprint = fingerprints.get(id(claim))
            if fingerprint is None:
                fingerprint = fingerprints[id(claim)] = claim_fingerprint(claim)
            prints.append(fingerprint)
    prints.sort()
    digest = _SEEDS[kind].copy()  # the kind already hashed: copying is cheaper than a new hash
    # One update with every fingerprint, each after a separator: the digest of the updates one by one.
    digest.update(("\x1e" + "\x1e".join(prints)).encode("utf-8", "surrogatepass") if prints else b"")
    return f"{_PREFIX[kind]}-{digest.hexdigest()[:10]}"


_SEEDS = {kind: hashlib.sha256(kind.value.encode()) for kind in FindingKind}
