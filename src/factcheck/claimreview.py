"""schema.org ClaimReview JSON-LD for reviewed findings, as plain data.

A finding sets claims against each other; a ClaimReview rates one claim. So a
reviewed finding yields one ClaimReview per claim its verdict is about:

- `source-error`: each claim of the finding from the source named wrong
  (`source:`), rated "False";
- `superseded`: each claim outside the newest position (positions run oldest
  first), rated "Outdated": it was true when made;
- `both-hold`: every claim of the finding, rated "Both hold (different scope)";
- `open`: every claim of the finding, rated "Unresolved".

The rating scale (documented, as Google asks of numeric ratings):
1 False, 2 Outdated, 3 Unresolved, 4 Both hold (different scope).
Findings with no review are left out and counted; reviews whose finding no
longer exists are returned too, so the command can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .model import Analysis, Claim, Finding, FindingKind, Resolution
from . import verdicts
from .verdicts import VERDICT_WORDS

CONTEXT = "https://schema.org"
RATING_VALUES = {verdicts.SOURCE_ERROR: 1, verdicts.SUPERSEDED: 2, verdicts.OPEN: 3, verdicts.BOTH_HOLD: 4}
WORST_RATING = 1
BEST_RATING = 4


@dataclass(frozen=True, slots=True)
class ClaimReviewExport:
    document: dict                              # the JSON-LD: {"@context", "@graph": [ClaimReview, ...]}
    reviewed: tuple[Finding, ...]               # findings that produced reviews
    unreviewed: tuple[Finding, ...]             # findings needing review that have none (corroborated excluded)
    stale: tuple[Resolution, ...]               # reviews whose finding id matches no current finding


def reviewed_claims(finding: Finding, resolution: Resolution) -> tuple[Claim, ...]:
    """The claims a verdict is about (see the module docstring)."""
    if resolution.verdict == verdicts.SOURCE_ERROR:
        return tuple(c for c in finding.claims if c.source.id == resolution.source)
    if resolution.verdict == verdicts.SUPERSEDED and len(finding.positions) > 1:
        return tuple(c for p in finding.positions[:-1] for c in p.claims)
    return finding.claims


def claim_review(finding: Finding, claim: Claim, resolution: Resolution, base_url: str | None = None) -> dict:
    """One ClaimReview: a reviewer's verdict on one claim of a finding."""
    item: dict = {"@type": "Claim", "author": {"@type": "Organization", "name": claim.source.outlet}}
    if claim.source.published is not None and not claim.source.published.qualified:
        # schema.org wants an ISO date: an uncertain, approximate or range date is left out.
        item["datePublished"] = str(claim.source.published)
    if claim.source.url and _is_web_url(claim.source.url):
        item["appearance"] = [{"@type": "CreativeWork", "url": claim.source.url, "headline": claim.source.title}]
        item["firstAppearance"] = item["appearance"][0]
    words = VERDICT_WORDS[resolution.verdict]
    review: dict = {
        "@type": "ClaimReview",
        "name": f"{finding.subject} · {finding.property}",
        "identifier": f"{finding.id}:{claim.ref}",
        "claimReviewed": claim.statement,
        "itemReviewed": item,
        "author": {"@type": "Person", "name": resolution.by},
        "datePublished": resolution.date,
        "reviewBody": resolution.note,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": words,
            "name": words,
            "ratingValue": RATING_VALUES[resolution.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        },
    }
    if base_url:
        review["url"] = f"{base_url}#{finding.id}"
    return review


def claim_reviews(analysis: Analysis, resolutions: Iterable[Resolution], base_url: str | None = None) -> ClaimReviewExport:
    """ClaimReviews for every reviewed finding of an analysis, in report order.

    `base_url` is where the fact check is published (for example the HTML
    report); each review's `url` is `<base_url>#<finding id>`, the finding's
    anchor in that report.
    """
    by_id = {r.finding_id: r for r in resolutions}
    graph: list[dict] = []
    reviewed: list[Finding] = []
    unreviewed: list[Finding] = []
    for finding in analysis.findings:
        resolution = by_id.get(finding.id)
        if resolution is None:
            if finding.kind is not FindingKind.CORROBORATED:
                unreviewed.append(finding)
            continue
        reviewed.append(finding)
        graph.extend(claim_review(finding, claim, resolution, base_url) for claim in reviewed_claims(finding, resolution))
    current = {f.id for f in analysis.findings}
    stale = tuple(r for r in by_id.values() if r.finding_id not in current)
    return ClaimReviewExport({"@context": CONTEXT, "@graph": graph}, tuple(reviewed), tuple(unreviewed), stale)


def to_json(document: dict) -> str:
    """The JSON-LD text, safe to paste inside `<script type="application/ld+json">`.

    `<`, `>` and `&` only occur inside JSON strings, so writing them as
    \\u escapes changes no value but stops claim text from closing the script
    element; U+2028/U+2029 are escaped for older JavaScript parsers.
    """
    import json

    from .textsafe import json_text

    text = json_text(json.dumps(document, ensure_ascii=False, indent=2))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text + "\n"


def _is_web_url(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))
