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
from json.encoder import c_make_encoder, encode_basestring

from ..bulk import collector_paused
from ..dates import Period
from ..model import Claim, Diagnostic, Finding, FindingKind, Resolution
from ..report import Report
from ..textsafe import json_text
from ..values import DEFAULT_APPROX_MARGIN, Number
from . import RenderOptions

SCHEMA = "factcheck.report/1"


def claim_json(claim: Claim, approx_margin: float = DEFAULT_APPROX_MARGIN) -> dict:
    as_of = claim.effective_as_of
    value = claim.raw_value
    return {
        "ref": claim.ref,
        "source": claim.source.id,
        "outlet": claim.source.outlet,
        "published": str(claim.source.published) if claim.source.published else "unknown",
        "as_of": str(as_of) if as_of else None,
        "value": value if isinstance(value, (str, int, float, bool)) else claim.value.display,
        "statement": claim.statement,
        "file": claim.source.path,
        "line": claim.line,
        "column": claim.column,
        "approx": claim.approx,
        "unit": claim.value.unit if claim.value.kind == "number" else None,
        "since": str(claim.since) if claim.since else None,
        "until": str(claim.until) if claim.until else None,
        "condition": claim.condition,
        "attribution": claim.attribution,
        "revises": claim.revises,
        # Last, so the flat keys before it still go through the C encoder (see _encode).
        "interval": interval_json(claim.value, approx_margin) if claim.value.kind == "number" else None,
    }


@lru_cache(maxsize=65536)  # once per distinct value; the dict is shared, never changed
def interval_json(number: Number, approx_margin: float) -> dict:
    """The interval a number was compared as: its reading, widened when approx."""
    interval = number.interval(approx_margin)
    return {"low": _finite(interval.low), "high": _finite(interval.high),
            "low_open": interval.low_open, "high_open": interval.high_open, "unit": number.unit}


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
                 approx_margin: float = DEFAULT_APPROX_MARGIN) -> dict:
    return {
        "id": finding.id,
        "kind": finding.kind.value,
        "topic": finding.topic,
        "subject": finding.subject,
        "property": finding.property,
        "positions": [
            {"value": p.value, "qualifier": p.qualifier, "claims": [claim_json(c, approx_margin) for c in p.claims]}
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
    claims = [c for f in report.findings for c in f.claims] + [c for t in report.single_source for c in t.claims]
    seen: set[int] = set()
    for claim in claims:
        if id(claim) in seen:
            continue
        seen.add(id(claim))
        value = claim.value
        for date in (claim.source.published, claim.as_of, claim.since, claim.until,
                     value.date if value.kind == "date" else None):
            if date is not None and date.qualified and str(date) not in shown:
                shown[str(date)] = date_json(date)
    return dict(sorted(shown.items()))


def diagnostic_json(diagnostic: Diagnostic) -> dict:
    return {"file": diagnostic.path, "line": diagnostic.line, "column": diagnostic.column, "code": diagnostic.code,
            "message": diagnostic.message}


def report_json(report: Report) -> dict:
    margin = report.analysis.approx_margin
    return {
        "schema": SCHEMA,
        "corpus": {"sources": len(report.sources), "claims": len(report.claims)},
        "findings": [finding_json(f, report.resolution(f), report.replaced_by(f), margin) for f in report.findings],
        # What needs a decision, in the order to take it: contradictions, possible matches, then
        # conditions (a review left `open` still needs one).
        "needs_review": needs_review_ids(report),
        "single_source": [claim_json(c, margin) for t in report.single_source for c in t.claims],
        "errors": [diagnostic_json(d) for d in report.errors],
        "warnings": [diagnostic_json(d) for d in report.warnings],
        "dates": dates_json(report),
    }


def needs_review_ids(report: Report) -> list[str]:
    waiting = report.needs_review()
    contradictions = [f.id for f in waiting if f.kind is FindingKind.CONTRADICTION]
    return contradictions + [m.id for m in report.possible_matches] + [
        f.id for f in waiting if f.kind is not FindingKind.CONTRADICTION]


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    with collector_paused():  # a dict per claim shown: nothing cyclic to collect
        return json_text(dumps(report_json(report), end="\n"))


# --- json.dumps(ensure_ascii=False, indent=2), byte for byte, but faster ----
# With `indent`, the standard library falls back to its pure-Python encoder:
# at 100,000 claims that took seconds and held ~1 GB of small chunks. Flat
# objects (every claim) go through the C encoder instead, with the indented
# layout passed as its separators; only the few nested levels are Python.

_INDENT = "  "
_SCALARS = frozenset({str, int, float, bool, type(None)})


class _Unsupported(Exception):
    """A value the fast path does not handle: the standard encoder takes over."""


def dumps(document: object, end: str = "") -> str:
    """Exactly `json.dumps(document, ensure_ascii=False, indent=2) + end`.

    `end` is written in the same join as the rest: at 100,000 claims, adding a
    newline afterwards copied the whole 130 MB text once more.
    """
    if c_make_encoder is None:  # pragma: no cover - CPython always has _json
        return json.dumps(document, ensure_ascii=False, indent=2) + end
    try:
        if isinstance(document, (dict, list, tuple)):
            return _encode(document, 0, {}, end)
        return _encode(document, 0, {}) + end
    except (_Unsupported, RecursionError):
        return json.dumps(document, ensure_ascii=False, indent=2) + end


def _refuse(value: object) -> object:
    raise _Unsupported


_FLAT_ENCODERS: dict[int, object] = {}


def _flat_encoder(level: int):
    encoder = _FLAT_ENCODERS.get(level)
    if encoder is None:
        # markers=None: a flat object cannot be circular.
        encoder = _FLAT_ENCODERS[level] = c_make_encoder(
            None, _refuse, encode_basestring, None, ": ", ",\n" + _INDENT * level, False, False, True)
    return encoder


_SHARED_SIZE = 8  # keys; larger nested objects are not remembered


def _encode(value: object, level: int, shared: dict[tuple[int, int], tuple[object, str]], end: str = "") -> str:
    """The text of `value` at `level`, then `end` (for objects and arrays).

    Each object and array is one join of its parts, so no text is copied into a
    longer one twice. `shared` holds the text of each small nested object
    already written at a level (claims share their value's interval object),
    with the object, so its id stays its own.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return "".join(_flat_encoder(level)(value, level))
    close = "\n" + _INDENT * level
    if isinstance(value, dict):
        if not value:
            return "{}" + end
        inner = "\n" + _INDENT * (level + 1)
        if _SCALARS.issuperset(map(type, value.values())):  # flat (checked in C, no Python loop)
            flat = "".join(_flat_encoder(level + 1)(value, level + 1))  # '{"a": 1,<inner>"b": 2}'
            return "".join(("{", inner, flat[1:-1], close, "}", end))
        size = len(value) - 1
        last_key = next(reversed(value))
        if size and isinstance(last_key, str) and _SCALARS.issuperset(map(type, islice(value.values(), size))):
            # Flat but for its last value (a claim and its interval): the head still goes through C.
            flat = "".join(_flat_encoder(level + 1)(dict(islice(value.items(), size)), level + 1))
            last = value[last_key]
            if type(last) is dict and len(last) <= _SHARED_SIZE:  # a small object many claims share
                seen = shared.get((id(last), level))
                if seen is None:
                    seen = shared[(id(last), level)] = (last, _encode(last, level + 1, shared))
                text = seen[1]
            else:  # e.g. a position's list of claims: written once, not kept
                text = _encode(last, level + 1, shared)
            return "".join(("{", inner, flat[1:-1], ",", inner, encode_basestring(last_key), ": ", text,
                            close, "}", end))
        parts = ["{"]
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unsupported
            parts += (inner, encode_basestring(key), ": ", _encode(item, level + 1, shared), ",")
        parts[-1] = close + "}" + end  # in place of the last comma
        return "".join(parts)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]" + end
        inner = "\n" + _INDENT * (level + 1)
        parts = ["["]
        for item in value:
            parts += (inner, _encode(item, level + 1, shared), ",")
        parts[-1] = close + "]" + end
        return "".join(parts)
    raise _Unsupported
