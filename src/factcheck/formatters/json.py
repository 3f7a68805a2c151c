"""`--format json`: the report contract of spec §5, byte-for-byte stable.

Beyond the spec's keys, each claim also carries `column`, `approx`, `unit`,
`since`, `until`, `condition`, `attribution` (null when absent),
`revises` and `interval`: for a number, the interval it was compared as
(`low`, `high`, `low_open`, `high_open`, `unit`; an end with no bound is
null); each finding a `replaced_by` (the superseded or revised finding
that replaced a corroborated value, else null), the document a `dates` map
(every uncertain, approximate or range date shown, keyed as written: its
earliest and latest day and its marks), each
position a `qualifier` (what a condition finding's side states), each finding
a `note` (e.g. different units), each error and warning its `code` (the
registry in codes.py), and the document a `warnings` list and a
`single_source` list: claims about a subject and property that only one
source reports, so that no finding covers them and nothing is lost.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import islice
from operator import attrgetter
from typing import Iterator

from ..bulk import collector_paused
from ..dates import Period
from ..model import Claim, Diagnostic, Finding, FindingKind, Resolution
from ..report import Report
from ..values import DEFAULT_APPROX_MARGIN, Number
from . import RenderOptions
from .json_encoding import _text

SCHEMA = "factcheck.report/1"


def claim_json(claim: Claim, approx_margin: float = DEFAULT_APPROX_MARGIN, dates: DateTexts | None = None) -> dict:
    """`dates`: a memo of the dates' text and the claims' documents, for a whole report (one margin)."""
    made = dates.get(id(claim)) if dates is not None else None
    if made is not None:  # a claim in several findings: one dict, only ever dumped
        return made
    source, value, raw = claim.source, claim.value, claim.raw_value
    published, as_of, since, until = source.published, claim.as_of, claim.since, claim.until
    if as_of is None:
        as_of = published
    number = value.kind == "number"
    text = str if dates is None else dates.text
    shown = text(published) if published else "unknown"
    made = {
        "ref": claim.ref,
        "source": source.id,
        "outlet": source.outlet,
        "published": shown,
        "as_of": (shown if as_of is published else text(as_of)) if as_of else None,  # mostly the source's
        "value": raw if isinstance(raw, (str, int, float, bool)) else value.display,
        "statement": claim.statement,
        "file": source.path,
        "line": claim.line,
        "column": claim.column,
        "approx": claim.approx,
        "unit": value.unit if number else None,
        "since": text(since) if since else None,
        "until": text(until) if until else None,
        "condition": claim.condition,
        "attribution": claim.attribution,
        "revises": claim.revises,
        # Last, so the flat keys before it still go through the C encoder (see _encode).
        "interval": interval_json(value, approx_margin) if number else None,
    }
    if dates is not None:
        dates[id(claim)] = made
        if (number and id(made["interval"]) in _TINY_INTERVALS) or (type(raw) is float and 0 < abs(raw) < _TINY):
            dates.tiny_floats = True
    return made


# orjson writes a float x with 0 < |x| < 1e-4 otherwise than json.dumps (`1e-7` for `1e-07`, `0.00001`
# for `1e-05`); every other finite float the same (checked over 900,000 random and boundary floats).
_TINY = 1e-4


_TINY_INTERVALS: set[int] = set()  # `interval_json` documents (by id) with such a bound (one may be gone: no harm)


class DateTexts(dict):
    """`str` of each date, by identity: the loader shares one object per distinct date, so a
    report of 100,000 claims has a few hundred; and each claim's document (`claim_json`), by
    identity too (no two live objects share an id). Valid while they live (one report).
    `tiny_floats`: a claim's document holds a float orjson writes otherwise (see `_TINY`)."""

    tiny_floats = False

    def text(self, date: Period) -> str:
        shown = self.get(id(date))
        if shown is None:
            shown = self[id(date)] = str(date)
        return shown


@lru_cache(maxsize=65536)  # once per distinct value; the dict is shared, never changed
def interval_json(number: Number, approx_margin: float) -> dict:
    """The interval a number was compared as: its reading, widened when approx."""
    interval = number.interval(approx_margin)
    made = {"low": _finite(interval.low), "high": _finite(interval.high),
            "low_open": interval.low_open, "high_open": interval.high_open, "unit": number.unit}
    if any(bound is not None and 0 < abs(bound) < _TINY for bound in (made["low"], made["high"])):
        _TINY_INTERVALS.add(id(made))
    return made


def _finite(bound: float) -> float | None:
    # 15 significant digits drop float noise (4150000000.0000005) and keep every stated digit.
    return float(f"{bound:.15g}") if math.isfinite(bound) else None


def resolution_json(resolution: Resolution | None) -> dict | None:
    if resolution is None:
        return None
    data = {"verdict": resolution.verdict, "note": resolution.note, "by": resolution.by, "date": resolution.date}
    if resolution.source:
        data["source"] = resolution.source
    return data


def finding_json(finding: Finding, resolution: Resolution | None, replaced_by: Finding | None = None,
                 approx_margin: float = DEFAULT_APPROX_MARGIN, dates: DateTexts | None = None) -> dict:
    return {
        "id": finding.id,
        "kind": finding.kind.value,
        "topic": finding.topic,
        "subject": finding.subject,
        "property": finding.property,
        "positions": [
            {"value": p.value, "qualifier": p.qualifier, "claims": [claim_json(c, approx_margin, dates) for c in p.claims]}
            for p in finding.positions
        ],
        "note": finding.note,
        "replaced_by": replaced_by.id if replaced_by is not None else None,
        "resolution": resolution_json(resolution),
    }


def date_json(date: Period) -> dict:
    return {
        "earliest": date.first_day.isoformat(),
        "latest": date.last_day.isoformat(),
        "uncertain": date.uncertain,
        "approximate": date.approximate,
        "range": bool(getattr(date, "interval", False)),
        "label": date.label,
    }


def dates_json(report: Report) -> dict:
    """Every date the report shows that is not a plain day, month or year, keyed as written:
    what it means, for scripts (earliest and latest day it may fall on, its marks)."""
    shown: dict[str, dict] = {}
    if not _any_marked_date(report):  # most corpora: no need to go through every claim shown
        return shown
    claims = {id(c): c for f in report.findings for c in f.claims}  # each claim once, first seen first
    claims.update((id(c), c) for t in report.single_source for c in t.claims)
    marked = [date for claim in claims.values() for date in _marked_dates(claim)]
    for date in marked:
        if str(date) not in shown:
            shown[str(date)] = date_json(date)
    return dict(sorted(shown.items()))


def _any_marked_date(report: Report) -> bool:
    """Whether any claim of the corpus (the claims shown among them) has a date `_marked_dates`
    lists: a date's kind says whether it is marked, and the kinds are gathered in C (`map`)."""
    claims = report.claims
    kinds = {type(source.published) for source in report.sources}
    for field in ("as_of", "since", "until"):
        kinds.update(map(type, map(attrgetter(field), claims)))
    kinds.update(type(value.date) for value in map(attrgetter("value"), claims) if value.kind == "date")
    return any(getattr(kind, "qualified", False) for kind in kinds)


def _marked_dates(claim: Claim) -> list:
    """A claim's dates that are not a plain day, month or year."""
    return [date for date in (claim.source.published, claim.as_of, claim.since, claim.until,
                              claim.value.date if claim.value.kind == "date" else None)
            if date is not None and date.qualified]


def diagnostic_json(diagnostic: Diagnostic) -> dict:
    return {"file": diagnostic.path, "line": diagnostic.line, "column": diagnostic.column, "code": diagnostic.code,
            "message": diagnostic.message}


def report_json(report: Report) -> dict:
    return {key: list(value) if key in _STREAMED else value for key, value in _report_parts(report).items()}


# The two lists that grow with the corpus: rendered one item at a time (see render_chunks).
_STREAMED = ("findings", "single_source")


def _report_parts(report: Report, findings: bool = True) -> dict:
    """The report document, with its two long lists as iterators of their items (the findings
    None unless `findings`: the caller writes them)."""
    margin = report.analysis.approx_margin
    dates = DateTexts()
    return {
        "schema": SCHEMA,
        "corpus": {"sources": len(report.sources), "claims": len(report.claims)},
        "findings": (finding_json(f, report.resolution(f), report.replaced_by(f), margin, dates)
                     for f in report.findings) if findings else None,
        # What needs a decision, in the order to take it: contradictions, possible matches, then
        # conditions (a review left `open` still needs one).
        "needs_review": needs_review_ids(report),
        "single_source": (claim_json(c, margin, dates) for t in report.single_source for c in t.claims),
        "possible_matches": [possible_match_json(m) for m in report.analysis.possible_matches],
        "errors": [diagnostic_json(d) for d in report.errors],
        "warnings": [diagnostic_json(d) for d in report.warnings],
        "dates": dates_json(report),
    }


def needs_review_ids(report: Report) -> list[str]:
    waiting = report.needs_review()
    contradictions = [f.id for f in waiting if f.kind is FindingKind.CONTRADICTION]
    return contradictions + [m.id for m in report.possible_matches] + [
        f.id for f in waiting if f.kind is not FindingKind.CONTRADICTION]


def possible_match_json(match) -> dict:
    """A pair of names that may mean the same thing (contract 1.1 §5); `claims` lists both sides' refs."""
    return {
        "id": match.id,
        "kind": match.kind,
        "names": list(match.names),
        "subject": match.subject,
        "property": match.property,
        "score": match.score,
        "claims": [ref for side in match.sides for ref in side],
        "sides": [list(side) for side in match.sides],
        "evidence": {what: how for what, how in match.evidence},
    }


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions = RenderOptions(), fragments=None,
                  utf8: bool = False) -> Iterator[str | bytes]:
    """`render`'s text in pieces (`_chunks`); the last findings of a large report written by
    children on idle CPUs (`json_copies.split_fragments`). With `utf8` and `fragments`, the
    findings' pieces come as the UTF-8 bytes they are made as (not decoded to be encoded again
    for the output and the cache: at 100k claims each pass costs 0.1 to 0.2 s)."""
    from .json_copies import SplitFragments, split_fragments

    fragments = split_fragments(report, fragments)
    try:
        yield from _chunks(report, fragments, utf8)
    finally:
        if isinstance(fragments, SplitFragments):
            fragments.stop()


def _chunks(report: Report, fragments=None, utf8: bool = False) -> Iterator[str | bytes]:
    """`render`'s text in pieces: the findings (and single-source claims) a batch at a time.

    The text is what `json.dumps(report_json(report), ensure_ascii=False, indent=2)`
    writes, byte for byte (then unsafe characters escaped, and a newline). Each
    top-level entry is dumped as `{key: value}`, a long list as `{key: batch}`, and
    the braces (and brackets) cut off: what is left is already indented to its
    depth. A report of 100,000 claims is never one string (nor one dict) in memory.

    `fragments` (`cache.JsonFragments`, optional): where a finding's text, as an
    earlier report wrote it, can be copied from, and told where each one is written."""
    with collector_paused():  # a dict per claim shown: nothing cyclic to collect
        yield "{\n"
        written = 2  # bytes of UTF-8 so far: where each finding's text starts, for `fragments`
        _utf8_size = _utf8_bytes if fragments is not None else len  # without fragments, not needed
        for number, (key, value) in enumerate(_report_parts(report, fragments is None).items()):
            if number:
                yield ",\n"
                written += 2
            if key not in _STREAMED:
                piece = _text({key: value})[2:-2]  # '{\n' and '\n}' off
                written += _utf8_size(piece)
                yield piece
                continue
            if value is None:  # the findings, with `fragments`
                from .json_copies import findings_copied

                written = yield from findings_copied(report, key, fragments, written, utf8)
                continue
            opening = f"{{\n  {json.dumps(key)}: [\n"
            batch = list(islice(value, _BATCH))
            if not batch:
                yield opening[2:-2] + "[]"
                written += _utf8_size(opening) - 2
                continue
            yield opening[2:]
            written += _utf8_size(opening) - 2
            while batch:
                piece = _text({key: batch})[len(opening):-6]  # '\n  ]\n}' off
                written += _utf8_size(piece)
                yield piece
                batch = list(islice(value, _BATCH))
                if batch:
                    yield ",\n"
                    written += 2
            yield "\n  ]"
            written += 4
        yield "\n}\n"
        if fragments is not None:
            fragments.rendered(written + 3)


def _utf8_bytes(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


_BATCH = 64  # findings dumped at once: a few hundred kilobytes of text
