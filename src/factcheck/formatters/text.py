"""`--format text`: placeholder plain listing (the rich report replaces it)."""

from __future__ import annotations

from ..report import Report
from . import RenderOptions


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    lines = [f"{len(report.sources)} sources, {len(report.claims)} claims"]
    for finding in report.findings:
        lines.append(f"[{finding.kind.value}] {finding.topic}: {finding.subject} · {finding.property}  ({finding.id})")
        for position in finding.positions:
            lines.append(f"  {position.value}" + (f"  ({position.qualifier})" if position.qualifier else ""))
            for claim in position.claims:
                date = claim.since or claim.effective_as_of or "undated"
                lines.append(f"    - {claim.source.outlet} {date}: {claim.statement}")
    for error in report.errors:
        lines.append(str(error))
    return "\n".join(lines) + "\n"
