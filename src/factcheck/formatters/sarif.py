"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

- Rule ids are the registered codes (codes.py), stable: one per finding kind
  (`contradiction`, `condition`, `superseded`, `revised`,
  `corroborated`) and one per
  diagnostic code (`unknown-field`, `yaml-syntax`, `outdated-review`...).
- Each problem is a result at the claim's `value:` line (artifact URIs
  relative to `%SRCROOT%`, the folder factcheck ran in), the other claims
  as `relatedLocations`.
- `partialFingerprints["factcheckFindingId/v1"]` is the finding id, so a
  tool tracks a finding across runs exactly as reviews do; problems in files
  are fingerprinted by rule, file and message (not line).
- Levels: `error` for unresolved contradictions and invalid files, `warning`
  for conditions and review warnings, and reviewed findings are `note`
  results carrying a `suppressions` entry (kind `external`, the review file)
  with the verdict and note as justification.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from .. import __version__
from ..codes import CODES
from ..report import Report
from . import RenderOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

# One rule per registered code (codes.py): finding kinds and diagnostic codes alike.
RULES = tuple(entry.sarif_rule() for entry in CODES.values())
RULE_INDEX = {rule["id"]: index for index, rule in enumerate(RULES)}


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """SARIF for a report the gate has judged (`gate.with_problems` or `gate.run_check` attach the problems)."""
    if report.problems is None:
        raise ValueError("SARIF lists the CI gate's problems: attach them with gate.with_problems(report)")
    return render_sarif(report.problems, report.reviewed_problems)


def render_check(result, options: RenderOptions = RenderOptions()) -> str:
    """SARIF for a `factcheck check` result (gate.CheckResult, as data)."""
    return render(result.report)


def render_sarif(problems: Iterable, reviewed: Iterable = ()) -> str:
    results = [_result(p) for p in problems]
    for problem, resolution in reviewed:
        result = _result(problem)
        justification = f"{resolution.verdict}: {resolution.note} ({resolution.by}, {resolution.date})"
        result["suppressions"] = [{
            "kind": "external",
            "status": "accepted",
            "justification": justification,
            "location": _location(resolution.path, resolution.line, resolution.column),
        }]
        results.append(result)
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck",
                "version": __version__,
                "rules": list(RULES),
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder factcheck ran in."}}},
            "results": results,
        }],
    }
    from ..textsafe import json_text

    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _result(problem) -> dict:
    result: dict = {
        "ruleId": problem.rule,
        "ruleIndex": RULE_INDEX[problem.rule],
        "level": problem.level,
        "message": {"text": problem.message},
        "locations": [_location(problem.path, problem.line, problem.column)],
    }
    if problem.finding is not None:
        result["partialFingerprints"] = {"factcheckFindingId/v1": problem.finding.id}
    else:
        digest = hashlib.sha256("\x1f".join((problem.rule, problem.path, problem.message)).encode()).hexdigest()
        result["partialFingerprints"] = {"factcheckProblem/v1": digest[:32]}
    if problem.related:
        result["relatedLocations"] = [
            {**_location(c.source.path, *c.position_of("value")), "id": index,
             "message": {"text": f"{c.ref}: {c.statement}"}}
            for index, c in enumerate(problem.related, start=1)
        ]
    return result


def _location(path: str, line: int, column: int) -> dict:
    return {"physicalLocation": {
        "artifactLocation": _artifact(path),
        "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
    }}


def _artifact(path: str) -> dict:
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": "%SRCROOT%"}
