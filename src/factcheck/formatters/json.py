"""`--format json`: the report contract of spec §5, byte-for-byte stable.

Beyond the spec's keys, each claim also carries `column`, `approx`, `unit`,
`since`, `until`, `condition` and `attribution` (null when absent), each
position a `qualifier` (what a condition finding's side states), each finding
a `note` (e.g. different units), and the document a `warnings` list and a
`single_source` list: claims about a subject and property that only one
source reports, so that no finding covers them and nothing is lost.
"""

from __future__ import annotations

import json

from ..model import Claim, Diagnostic, Finding, Resolution
from ..report import Report
from . import RenderOptions

SCHEMA = "factcheck.report/1"


def claim_json(claim: Claim) -> dict:
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
    }


def resolution_json(resolution: Resolution | None) -> dict | None:
    if resolution is None:
        return None
    data = {"verdict": resolution.verdict, "note": resolution.note, "by": resolution.by, "date": resolution.date}
    if resolution.source:
        data["source"] = resolution.source
    return data


def finding_json(finding: Finding, resolution: Resolution | None) -> dict:
    return {
        "id": finding.id,
        "kind": finding.kind.value,
        "topic": finding.topic,
        "subject": finding.subject,
        "property": finding.property,
        "positions": [
            {"value": p.value, "qualifier": p.qualifier, "claims": [claim_json(c) for c in p.claims]}
            for p in finding.positions
        ],
        "note": finding.note,
        "resolution": resolution_json(resolution),
    }


def diagnostic_json(diagnostic: Diagnostic) -> dict:
    return {"file": diagnostic.path, "line": diagnostic.line, "column": diagnostic.column, "message": diagnostic.message}


def report_json(report: Report) -> dict:
    return {
        "schema": SCHEMA,
        "corpus": {"sources": len(report.sources), "claims": len(report.claims)},
        "findings": [finding_json(f, report.resolution(f)) for f in report.findings],
        "single_source": [claim_json(c) for t in report.single_source for c in t.claims],
        "errors": [diagnostic_json(d) for d in report.errors],
        "warnings": [diagnostic_json(d) for d in report.warnings],
    }


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
