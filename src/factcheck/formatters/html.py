"""`--format html`: one self-contained page to share with readers and editors.

The page has no external resources: styles, the filter script and the
timelines (inline SVG) are all in the file, so it opens from disk and makes no
network request. A Content-Security-Policy meta tag allows exactly the page's
own `<style>` and `<script>` (by SHA-256 hash) and nothing else: even a claim
that slipped through escaping could not run a script or load anything.

Every piece of corpus text (claims, sources, reviews, file names) goes through
`text()`: control and bidi-override characters become visible placeholders,
then `html.escape(..., quote=True)`. Claim text never reaches the script or
an id: filters and anchors use generated keys.

With JavaScript off everything is shown; the script only reveals the filter
form and hides what the reader unticks.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import defaultdict
from dataclasses import dataclass

from .. import __version__
from ..claimreview import VERDICT_WORDS
from ..dates import PartialDate
from ..model import Claim, Finding, FindingKind, Timeline
from ..report import Report
from . import RenderOptions

KIND_LABELS = {
    FindingKind.CONTRADICTION: ("✕", "Contradiction"),
    FindingKind.CONDITION: ("◐", "Condition differs"),
    FindingKind.SUPERSEDED: ("→", "Changed over time"),
    FindingKind.CORROBORATED: ("✓", "Corroborated"),
}
KIND_HELP = {
    FindingKind.CONTRADICTION: "the sources give different values and report no change",
    FindingKind.CONDITION: "same value, but the sources qualify it differently",
    FindingKind.SUPERSEDED: "a later source reports that the value changed",
    FindingKind.CORROBORATED: "two or more sources agree",
}

# C0/C1 controls (but tab and newline), and the bidi controls that can reorder
# what a reader sees ("Trojan Source"); lone surrogates cannot be encoded.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    if char < "\x20":
        return chr(0x2400 + ord(char))  # ␛ for ESC, ␇ for BEL: visible, inert
    if char == "\x7f":
        return "\u2421"
    return "\ufffd"


def clean(value: object) -> str:
    """Text with control and bidi-override characters made visible and inert."""
    return _UNSAFE_RE.sub(_placeholder, str(value))


def text(value: object) -> str:
    """Corpus text, safe in element content and in quoted attributes."""
    return html.escape(clean(value), quote=True)


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    return _Page(report).render()


# --- the page ---------------------------------------------------------------------------------


class _Page:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.single_source: dict[str, list[Timeline]] = defaultdict(list)
        for fact in report.single_source:
            self.single_source[fact.topic].append(fact)
        self.topics = _topics(report.findings)
        self.topics += sorted((t for t in self.single_source if t not in self.topics), key=str.casefold)
        self.topic_key = {name: f"t{index}" for index, name in enumerate(self.topics, 1)}
        self.timelines = _timelines_to_show(report)
        self.timeline_ids = {_group_key(t): f"timeline-{index}" for index, t in enumerate(self.timelines, 1)}
        self.findings_by_group: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
        for finding in report.analysis.findings:  # all of them: a timeline tells the whole story
            self.findings_by_group[_group_key(finding)].append(finding)

    def render(self) -> str:
        body = "\n".join([self.header(), self.nav(), self.main(), self.footer()])
        return _document(self.title(), body)

    def title(self) -> str:
        report = self.report
        return f"Fact-check report: {len(report.findings)} findings from {len(report.sources)} sources"

    # header: counts
    def header(self) -> str:
        report = self.report
        span = report.date_span()
        span_text = f"{span[0]} to {span[1]}" if span else "no dated sources"
        errors = len(report.errors)
        counts = report.counts()
        rows = []
        for kind in FindingKind:
            icon, label = KIND_LABELS[kind]
            reviewed = sum(1 for f in report.findings if f.kind is kind and report.resolution(f))
            rows.append(
                f'<tr><th scope="row">{_badge(kind)} <span class="kind-help">{text(KIND_HELP[kind])}</span></th>'
                f"<td>{counts[kind]}</td><td>{reviewed}</td></tr>"
            )
        error_item = (
            f'<dt>Problems</dt><dd><a href="#problems">{errors} error{_s(errors)}</a> in claim files</dd>'
            if errors else "<dt>Problems</dt><dd>none</dd>"
        )
        return f"""<header class="page-header">
<h1>Fact-check report</h1>
<dl class="summary">
<div><dt>Sources</dt><dd>{len(report.sources)}</dd></div>
<div><dt>Claims</dt><dd>{len(report.claims)}</dd></div>
<div><dt>Published</dt><dd>{text(span_text)}</dd></div>
<div>{error_item}</div>
</dl>
<div class="table-scroll"><table class="counts">
<caption>Findings by kind</caption>
<thead><tr><th scope="col">Kind</th><th scope="col">Findings</th><th scope="col">Reviewed</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table></div>
</header>"""

    # navigation and filters
    def nav(self) -> str:
        by_topic = self.findings_by_topic()
        links = "\n".join(
            f'<li><a href="#topic-{self.topic_key[name]}">{text(name)}</a> ({len(by_topic[name])})</li>'
            for name in self.topics
        )
        topic_boxes = "\n".join(
            f'<label><input type="checkbox" data-filter="topic" value="{self.topic_key[name]}" checked> {text(name)}</label>'
            for name in self.topics
        )
        counts = self.report.counts()
        kind_boxes = "\n".join(
            f'<label><input type="checkbox" data-filter="kind" value="{kind.value}" checked> {_badge(kind)}</label>'
            for kind in FindingKind if counts[kind]
        )
        if not self.topics:
            return '<nav aria-label="Topics"><h2>Topics</h2><p>No findings to show.</p></nav>'
        return f"""<nav aria-label="Topics">
<h2>Topics</h2>
<ul class="toc">
{links}
</ul>
<form id="filters" class="filters" hidden aria-labelledby="filters-heading">
<h2 id="filters-heading">Filter findings</h2>
<fieldset><legend>Topics</legend>
{topic_boxes}
</fieldset>
<fieldset><legend>Kinds</legend>
{kind_boxes}
</fieldset>
<p><button type="button" id="filters-reset">Show everything</button> <span id="filters-status" role="status"></span></p>
</form>
</nav>"""

    def findings_by_topic(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.report.findings:
            grouped[finding.topic].append(finding)
        return grouped

    # main: topics, findings, timelines, problems
    def main(self) -> str:
        by_topic = self.findings_by_topic()
        timelines_by_topic: dict[str, list[Timeline]] = defaultdict(list)
        for timeline in self.timelines:
            timelines_by_topic[timeline.topic].append(timeline)
        sections = [self.topic_section(name, by_topic[name], timelines_by_topic[name]) for name in self.topics]
        if not sections:
            sections.append('<p class="empty">No findings: nothing to compare yet, or every finding was filtered out.</p>')
        sections.append(self.problems())
        return '<main id="main">\n' + "\n".join(s for s in sections if s) + "\n</main>"

    def topic_section(self, name: str, findings: list[Finding], timelines: list[Timeline]) -> str:
        key = self.topic_key[name]
        parts = [
            f'<section class="topic" id="topic-{key}" data-topic="{key}" aria-labelledby="topic-{key}-heading">',
            f'<h2 id="topic-{key}-heading"><span class="topic-label">Topic</span> {text(name)}</h2>',
        ]
        if timelines:
            parts.append(f'<section class="timelines"><h3>Over time</h3>{TIMELINE_LEGEND}')
            parts.extend(self.timeline_figure(t) for t in timelines)
            parts.append("</section>")
        parts.extend(self.finding_article(f, key) for f in findings)
        if name in self.single_source:
            parts.append(_single_source_list(self.single_source[name]))
        parts.append("</section>")
        return "\n".join(parts)

    def finding_article(self, finding: Finding, topic_key: str) -> str:
        resolution = self.report.resolution(finding)
        timeline_id = self.timeline_ids.get(_group_key(finding))
        meta = [f"Finding <code>{text(finding.id)}</code>"]
        if timeline_id:
            meta.append(f'<a href="#{timeline_id}">see the timeline</a>')
        meta.append("reviewed" if resolution else ("not reviewed" if finding.kind is not FindingKind.CORROBORATED else ""))
        parts = [
            f'<article class="finding kind-{finding.kind.value}" id="{text(finding.id)}" '
            f'data-kind="{finding.kind.value}" data-topic="{topic_key}" aria-labelledby="{text(finding.id)}-heading">',
            f'<h3 id="{text(finding.id)}-heading">{_badge(finding.kind)} <span class="about">{text(finding.subject)} · {text(finding.property)}</span></h3>',
            f'<p class="meta">{" · ".join(m for m in meta if m)}</p>',
        ]
        if finding.note:
            parts.append(f'<p class="note"><strong>Note:</strong> {text(finding.note)}</p>')
        parts.append('<div class="positions">')
        for index, position in enumerate(finding.positions, 1):
            if index > 1:
                parts.append(f'<p class="versus">{_versus(finding.kind)}</p>')
            qualifier = (
                f' <span class="qualifier">({text(position.qualifier)})</span>' if position.qualifier else
                (' <span class="qualifier">(no condition)</span>' if finding.kind is FindingKind.CONDITION else "")
            )
            label = _position_label(finding, index)
            parts.append(
                f'<section class="position" aria-label="{text(label)}: {text(position.value)}">'
                f'<h4><span class="position-label">{text(label)}</span> <span class="value">{text(position.value)}</span>{qualifier}</h4>'
                '<ul class="claims">'
            )
            parts.extend(_claim_item(claim) for claim in position.claims)
            parts.append("</ul></section>")
        parts.append("</div>")
        if resolution is not None:
            words = VERDICT_WORDS.get(resolution.verdict, resolution.verdict)
            wrong = f" The wrong source: <code>{text(resolution.source)}</code>." if resolution.source else ""
            parts.append(
                f'<p class="resolution"><strong>Review verdict: {text(words)}</strong> '
                f"({text(resolution.verdict)}).{wrong} {text(resolution.note)} "
                f'<span class="by">Reviewed by {text(resolution.by)} on {text(resolution.date)}.</span></p>'
            )
        parts.append("</article>")
        return "\n".join(parts)

    def timeline_figure(self, timeline: Timeline) -> str:
        figure_id = self.timeline_ids[_group_key(timeline)]
        chart = _TimelineChart(timeline, self.findings_by_group[_group_key(timeline)], figure_id)
        return chart.figure()

    def problems(self) -> str:
        report = self.report
        if not report.diagnostics:
            return ""
        parts = ['<section id="problems" class="problems" aria-labelledby="problems-heading">',
                 '<h2 id="problems-heading">Problems in claim files</h2>']
        if report.errors:
            parts.append("<p>These files or claims could not be read and are left out of the findings above.</p>")
            parts.append('<ul class="errors">')
            parts.extend(f"<li><code>{text(d)}</code></li>" for d in report.errors)
            parts.append("</ul>")
        if report.warnings:
            parts.append("<h3>Warnings</h3><ul class=\"warnings\">")
            parts.extend(f"<li><code>{text(d)}</code></li>" for d in report.warnings)
            parts.append("</ul>")
        parts.append("</section>")
        return "\n".join(parts)

    def footer(self) -> str:
        return (
            f'<footer class="page-footer"><p>Made by factcheck {text(__version__)}. Claims are curated summaries of '
            "each article in the curators' words; follow the links to read the sources. This page is one file: "
            "it loads nothing from the network.</p></footer>"
        )


def _claim_item(claim: Claim) -> str:
    source = claim.source
    outlet = text(source.outlet)
    if source.url and source.url.lower().startswith(("https://", "http://")):
        outlet = f'<a href="{text(source.url)}" rel="noreferrer noopener">{outlet}</a>'
    facts = [("Outlet", outlet), ("Published", text(source.published or "unknown"))]
    if claim.as_of is not None:
        facts.append(("As of", text(claim.as_of)))
    if claim.since is not None:
        facts.append(("Since", text(claim.since)))
    if claim.until is not None:
        facts.append(("Until", text(claim.until)))
    if claim.condition:
        facts.append(("Condition", text(claim.condition)))
    if claim.attribution:
        facts.append(("According to", text(claim.attribution)))
    if claim.approx:
        facts.append(("Hedged", "yes (approximate)"))
    if source.url and not source.url.lower().startswith(("https://", "http://")):
        facts.append(("URL", f"<code>{text(source.url)}</code>"))
    rows = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    return (
        f'<li class="claim"><p class="statement">{text(claim.statement)}</p>'
        f'<dl class="facts">{rows}</dl>'
        f'<p class="ref"><code>{text(claim.ref)}</code> · <span class="where">{text(source.path)}:{claim.line}</span>'
        f' · <span class="title">{text(source.title)}</span></p></li>'
    )


def _position_label(finding: Finding, index: int) -> str:
    if finding.kind is FindingKind.CORROBORATED:
        return "Agreed value"
    if finding.kind is FindingKind.SUPERSEDED:
        return "Earlier" if index < len(finding.positions) else "Now"
    return f"Position {index}"


def _versus(kind: FindingKind) -> str:
    return {
        FindingKind.CONTRADICTION: '<span aria-hidden="true">✕</span> contradicts',
        FindingKind.SUPERSEDED: '<span aria-hidden="true">→</span> changed to',
        FindingKind.CONDITION: '<span aria-hidden="true">◐</span> qualified differently from',
    }.get(kind, "and")


def _badge(kind: FindingKind) -> str:
    icon, label = KIND_LABELS[kind]
    return f'<span class="badge badge-{kind.value}"><span class="icon" aria-hidden="true">{icon}</span> {label}</span>'


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _single_source_list(facts: list[Timeline]) -> str:
    """Facts only one source reports: no finding, but not lost from the page."""
    items = []
    for fact in facts:
        for claim in fact.claims:
            when = f"since {claim.since}" if claim.since else str(claim.effective_as_of or "undated")
            items.append(
                f"<li>{text(fact.subject)} · {text(fact.property)}: <strong>{text(claim.value.display)}</strong>"
                f" ({text(claim.source.outlet)}, {text(when)}) <code>{text(claim.ref)}</code></li>"
            )
    return ('<section class="single-source"><h3>One source only</h3>'
            "<p>Nothing else in the corpus confirms or disputes these yet.</p>"
            f"<ul>{''.join(items)}</ul></section>")


def _group_key(item: Finding | Timeline) -> tuple[str, str, str]:
    return (item.topic, item.subject, item.property)


def _topics(findings: tuple[Finding, ...]) -> list[str]:
    """Topics, the one with the most serious finding first, then by name."""
    rank: dict[str, int] = {}
    for finding in findings:
        rank[finding.topic] = min(rank.get(finding.topic, 99), finding.kind.rank)
    return sorted(rank, key=lambda name: (rank[name], name.casefold(), name))


def _date_of(claim: Claim) -> PartialDate | None:
    return claim.since or claim.effective_as_of


def _timelines_to_show(report: Report) -> list[Timeline]:
    """Timelines with more than one dated claim, for subjects the report shows findings about."""
    shown = {_group_key(f) for f in report.findings}
    return [
        t for t in report.analysis.timelines
        if _group_key(t) in shown and sum(1 for c in t.claims if _date_of(c) is not None) > 1
    ]


# --- timelines --------------------------------------------------------------------------------

WIDTH = 760
GUTTER = 190          # the widest room for lane labels; narrower when labels are short
LABEL_CHARS = 22
RIGHT = 24
TOP = 16
LANE = 46
AXIS = 44
MARKER = 7


@dataclass(frozen=True, slots=True)
class _Point:
    claim: Claim
    lane: int
    x: float
    x_end: float
    y: float
    role: str  # "contradicted", "changed" or "plain"


class _TimelineChart:
    """An SVG timeline: x is the date, each distinct value is a labelled lane."""

    def __init__(self, timeline: Timeline, findings: list[Finding], figure_id: str) -> None:
        self.timeline = timeline
        self.findings = findings
        self.id = figure_id
        self.dated = [c for c in timeline.claims if _date_of(c) is not None]
        self.undated = [c for c in timeline.claims if _date_of(c) is None]
        self.lanes, self.lane_of = self._lanes()
        longest = max(len(_lane_label(value)) for value in self.lanes)
        self.gutter = min(GUTTER, max(60, 20 + 7 * longest))
        self.contradicted = {c.ref for f in findings if f.kind is FindingKind.CONTRADICTION for c in f.claims}
        self.changed = {
            c.ref for f in findings if f.kind is FindingKind.SUPERSEDED for p in f.positions[1:] for c in p.claims
        }
        self.height = TOP + LANE * len(self.lanes) + AXIS
        self.start, self.end = self._span()
        self.points = self._points()

    def _lanes(self) -> tuple[list[str], dict[str, int]]:
        """One lane per value, as the findings' positions word it (agreeing values share a lane)."""
        value_of: dict[str, str] = {}
        for finding in sorted(self.findings, key=lambda f: f.kind.rank):
            for position in finding.positions:
                for claim in position.claims:
                    value_of.setdefault(claim.ref, position.value)
        lanes: list[str] = []
        lane_of: dict[str, int] = {}
        for claim in self.dated:
            value = value_of.get(claim.ref, claim.value.display)
            if value not in lanes:
                lanes.append(value)
            lane_of[claim.ref] = lanes.index(value)
        return lanes, lane_of

    def _span(self) -> tuple[float, float]:
        starts = [_date_of(c).start for c in self.dated]  # type: ignore[union-attr]
        ends = [_date_of(c).end + 1 for c in self.dated]  # type: ignore[union-attr]
        start, end = min(starts), max(ends)
        if end - start < 60:
            middle = (start + end) / 2
            start, end = middle - 30, middle + 30
        pad = (end - start) * 0.05
        return start - pad, end + pad

    def x(self, ordinal: float) -> float:
        return self.gutter + (ordinal - self.start) / (self.end - self.start) * (WIDTH - self.gutter - RIGHT)

    def lane_y(self, lane: int) -> float:
        return TOP + LANE * lane + LANE / 2

    def _points(self) -> list[_Point]:
        points: list[_Point] = []
        last_x: dict[int, list[float]] = defaultdict(list)
        for claim in self.dated:
            date = _date_of(claim)
            assert date is not None
            lane = self.lane_of[claim.ref]
            x = self.x(date.start)
            crowd = sum(1 for other in last_x[lane] if abs(other - x) < 2 * MARKER)
            last_x[lane].append(x)
            offset = ((crowd + 1) // 2) * (MARKER + 2) * (1 if crowd % 2 else -1) if crowd else 0
            role = "contradicted" if claim.ref in self.contradicted else ("changed" if claim.ref in self.changed else "plain")
            points.append(_Point(claim, lane, x, self.x(date.end + 1), self.lane_y(lane) + offset, role))
        return points

    def figure(self) -> str:
        t = self.timeline
        summary = self.summary()
        undated = ""
        if self.undated:
            items = ", ".join(f"{text(c.source.outlet)} ({text(c.value.display)})" for c in self.undated)
            undated = f'<p class="undated">Not plotted, undated: {items}.</p>'
        return (
            f'<figure class="timeline" id="{self.id}">'
            f'<figcaption><strong>{text(t.subject)} · {text(t.property)}</strong>: {text(summary)}</figcaption>'
            f'<div class="chart">{self.svg(summary)}</div><p class="chart-hint">Scroll the chart sideways to see all of it.</p>{undated}{self.table()}</figure>'
        )

    def summary(self) -> str:
        kinds = defaultdict(int)
        for finding in self.findings:
            kinds[finding.kind] += 1
        marks = [f"{n} {KIND_LABELS[k][1].lower()}" for k, n in sorted(kinds.items(), key=lambda kv: kv[0].rank)]
        first, last = _date_of(self.dated[0]), _date_of(self.dated[-1])
        return (
            f"{len(self.dated)} dated claims with {len(self.lanes)} distinct value{_s(len(self.lanes))}, "
            f"{first} to {last}" + (f"; {', '.join(marks)}" if marks else "") + "."
        )

    def svg(self, summary: str) -> str:
        title_id, desc_id, arrow_id = f"{self.id}-title", f"{self.id}-desc", f"{self.id}-arrow"
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 {WIDTH} {self.height}" '
            f'width="{WIDTH}" height="{self.height}" role="img" aria-labelledby="{title_id} {desc_id}">',
            f'<title id="{title_id}">Timeline of {text(self.timeline.subject)} · {text(self.timeline.property)}</title>',
            f'<desc id="{desc_id}">{text(summary)} The table below the chart lists every point.</desc>',
            f'<defs><marker id="{arrow_id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path class="arrow-head" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
        ]
        axis_y = TOP + LANE * len(self.lanes)
        for index, value in enumerate(self.lanes):
            y = self.lane_y(index)
            label = _lane_label(value)
            out.append(
                f'<g class="lane"><title>Value: {text(value)}</title>'
                f'<line class="lane-line" x1="{self.gutter}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
                f'<text class="lane-label" x="{self.gutter - 10}" y="{y + 4:.1f}" text-anchor="end">{text(label)}</text></g>'
            )
        out.append(f'<line class="axis" x1="{self.gutter}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}"/>')
        for ordinal, label in self.ticks():
            x = self.x(ordinal)
            out.append(
                f'<line class="tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 6}"/>'
                f'<text class="tick-label" x="{x:.1f}" y="{axis_y + 22}" text-anchor="middle">{label}</text>'
            )
        out.extend(self.links(arrow_id))
        for point in self.points:
            out.append(self.point_svg(point))
        out.append("</svg>")
        return "".join(out)

    def links(self, arrow_id: str) -> list[str]:
        """Dashed links between contradicting claims; arrows from an old value to the change."""
        by_ref = {p.claim.ref: p for p in self.points}
        out: list[str] = []
        for finding in self.findings:
            if finding.kind not in (FindingKind.CONTRADICTION, FindingKind.SUPERSEDED):
                continue
            firsts = []
            for position in finding.positions:
                dated = [by_ref[c.ref] for c in position.claims if c.ref in by_ref]
                if dated:
                    firsts.append(dated)
            for before, after in zip(firsts, firsts[1:]):
                if finding.kind is FindingKind.CONTRADICTION:
                    a, b = before[-1], after[0]  # the closest pair in time
                    out.append(
                        f'<g class="link link-contradiction"><title>Contradiction {text(finding.id)}: '
                        f'{text(a.claim.value.display)} vs {text(b.claim.value.display)}</title>'
                        f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}"/>'
                        f'{_link_label(a.x, a.y, b.x, b.y, "✕ contradicts")}</g>'
                    )
                else:
                    a, b = before[-1], after[0]
                    end_x, end_y = _short_of(a.x, a.y, b.x, b.y, MARKER + 5)
                    out.append(
                        f'<g class="link link-change"><title>Change {text(finding.id)}: '
                        f'{text(a.claim.value.display)} then {text(b.claim.value.display)}</title>'
                        f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{end_x:.1f}" y2="{end_y:.1f}" marker-end="url(#{arrow_id})"/>'
                        f'{_link_label(a.x, a.y, b.x, b.y, "→ changed")}</g>'
                    )
        return out

    def point_svg(self, point: _Point) -> str:
        claim = point.claim
        date = _date_of(claim)
        how = "since" if claim.since else "as of"
        role = {"contradicted": " In a contradiction.", "changed": " Reports a change.", "plain": ""}[point.role]
        title = (
            f"{clean(claim.source.outlet)} ({clean(claim.source.id)}), {how} {date}: "
            f"{clean(claim.value.display)}.{role} {clean(claim.statement)}"
        )
        bar = ""
        if point.x_end - point.x > MARKER:
            bar = f'<line class="period" x1="{point.x:.1f}" y1="{point.y:.1f}" x2="{point.x_end:.1f}" y2="{point.y:.1f}"/>'
        return (
            f'<g class="point point-{point.role}"><title>{html.escape(title, quote=True)}</title>'
            f"{bar}{_marker(point.role, point.x, point.y)}</g>"
        )

    def ticks(self) -> list[tuple[int, str]]:
        import datetime as _dt

        first = _dt.date.fromordinal(max(1, int(self.start)))  # padding may run past year 1 or 9999
        last = _dt.date.fromordinal(min(_dt.date.max.toordinal(), int(self.end)))
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        steps = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000)
        step = next((s for s in steps if months / s <= 6), steps[-1])
        index = first.year * 12 + first.month - 1
        index += (-index) % step
        ticks = []
        while index // 12 <= _dt.MAXYEAR:
            date = _dt.date(index // 12, index % 12 + 1, 1)
            if date > last:
                break
            if date.toordinal() >= self.start:
                ticks.append((date.toordinal(), f"{date.year}" if step >= 12 else f"{date.year}-{date.month:02d}"))
            index += step
        return ticks

    def table(self) -> str:
        rows = []
        for claim in self.timeline.claims:
            date = _date_of(claim)
            how = "since" if claim.since else "as of"
            role = []
            for finding in self.findings:
                if any(c.ref == claim.ref for c in finding.claims):
                    role.append(f'<a href="#{text(finding.id)}">{KIND_LABELS[finding.kind][1].lower()}</a>')
            rows.append(
                f"<tr><td>{f'{how} {date}' if date else 'undated'}</td><td>{text(claim.value.display)}</td>"
                f"<td>{text(claim.source.outlet)}</td><td><code>{text(claim.ref)}</code></td>"
                f"<td>{', '.join(role) or '—'}</td></tr>"
            )
        return (
            '<details class="timeline-data"><summary>The timeline as a table</summary><div class="table-scroll"><table>'
            f"<caption>Claims about {text(self.timeline.subject)} · {text(self.timeline.property)}, in time order</caption>"
            '<thead><tr><th scope="col">Date</th><th scope="col">Value</th><th scope="col">Outlet</th>'
            '<th scope="col">Claim</th><th scope="col">Findings</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div></details>"
        )


def _lane_label(value: str) -> str:
    return value if len(value) <= LABEL_CHARS else value[: LABEL_CHARS - 1] + "…"


def _link_label(x1: float, y1: float, x2: float, y2: float, label: str) -> str:
    """A link's label beside its middle, kept inside the chart near the right edge."""
    x, y = (x1 + x2) / 2, (y1 + y2) / 2 - 4
    if x + 8 * len(label) > WIDTH - RIGHT:
        return f'<text class="link-label" x="{x - 6:.1f}" y="{y:.1f}" text-anchor="end">{label}</text>'
    return f'<text class="link-label" x="{x + 6:.1f}" y="{y:.1f}">{label}</text>'


def _short_of(x1: float, y1: float, x2: float, y2: float, gap: float) -> tuple[float, float]:
    """The point `gap` short of (x2, y2) on the line from (x1, y1): an arrow that stops at the marker."""
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length <= gap:
        return x2, y2
    return x2 - (x2 - x1) * gap / length, y2 - (y2 - y1) * gap / length


def _marker(role: str, x: float, y: float) -> str:
    m = MARKER
    if role == "contradicted":  # a diamond
        return f'<path class="marker" d="M{x:.1f},{y - m - 2:.1f} L{x + m + 2:.1f},{y:.1f} L{x:.1f},{y + m + 2:.1f} L{x - m - 2:.1f},{y:.1f} Z"/>'
    if role == "changed":  # a triangle pointing right
        return f'<path class="marker" d="M{x - m:.1f},{y - m:.1f} L{x + m + 2:.1f},{y:.1f} L{x - m:.1f},{y + m:.1f} Z"/>'
    return f'<circle class="marker" cx="{x:.1f}" cy="{y:.1f}" r="{m}"/>'


def _legend_icon(role: str) -> str:
    return (
        f'<svg class="legend-icon point-{role}" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">'
        f"{_marker(role, 12, 12)}</svg>"
    )


TIMELINE_LEGEND = (
    '<ul class="legend" aria-label="How to read the timelines">'
    f'<li>{_legend_icon("plain")} a source\'s claim (hover over it for the source)</li>'
    f'<li>{_legend_icon("contradicted")} in a contradiction; a dashed line joins contradicting claims</li>'
    f'<li>{_legend_icon("changed")} reports a change; an arrow comes from the value it replaced</li>'
    "<li>a grey bar after a point: the claim is dated to a month or a year, not a day</li></ul>"
)


# --- the document shell -----------------------------------------------------------------------

STYLE = """
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #4a4a55; --line: #c8c8d0; --card: #f5f5f8;
  --contra: #b3261e; --change: #1a56a8; --cond: #8a5a00; --ok: #1e6b34; --accent: #3b3bb3; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #15161a; --fg: #ececf1; --muted: #b4b4c0; --line: #4a4b55; --card: #1f2026;
  --contra: #ff8a80; --change: #8ab4ff; --cond: #f2c14e; --ok: #7fd08f; --accent: #a9a9ff; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: break-word; }
h2, h3, h4, figcaption, .toc li, .filters label, .statement, .value, .facts dd { overflow-wrap: anywhere; }
a { color: var(--accent); }
.skip { position: absolute; left: -9999px; } .skip:focus { position: static; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
code { font: 0.9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
h1 { margin: 0.5rem 0; font-size: 1.9rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.15rem; margin: 1rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0 0 0.5rem; }
.summary { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0.5rem 0 1rem; }
.summary div { display: flex; flex-wrap: wrap; gap: 0 0.4rem; }
.summary dt { font-weight: 600; } .summary dt::after { content: ":"; } .summary dd { margin: 0; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5rem 0; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.75rem 0.3rem 0; border-bottom: 1px solid var(--line); }
.counts td { text-align: right; padding-right: 1.25rem; }
.counts th[scope=row] { font-weight: 400; } .kind-help { display: block; color: var(--muted); font-size: 0.9rem; }
.badge { display: inline-block; font-weight: 700; font-size: 0.9rem; padding: 0 0.45rem; border: 2px solid currentColor; border-radius: 0.3rem; white-space: nowrap; }
.badge-contradiction { color: var(--contra); } .badge-superseded { color: var(--change); }
.badge-condition { color: var(--cond); } .badge-corroborated { color: var(--ok); }
.toc { padding-left: 1.25rem; } .toc li { overflow-wrap: anywhere; }
.filters { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0 1rem 0.5rem; margin: 1rem 0; }
.filters h2 { border: 0; font-size: 1.1rem; margin: 0.75rem 0 0.25rem; }
.filters fieldset { border: 0; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.filters legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.filters button { font: inherit; padding: 0.2rem 0.75rem; }
.topic-label { color: var(--muted); font-weight: 400; font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 0.5rem; padding: 0.5rem 1rem 0.75rem; margin: 1rem 0; background: var(--card); }
.finding.kind-contradiction { border-left-color: var(--contra); } .finding.kind-superseded { border-left-color: var(--change); }
.finding.kind-condition { border-left-color: var(--cond); } .finding.kind-corroborated { border-left-color: var(--ok); }
.finding h3 { overflow-wrap: anywhere; }
.meta, .ref, .undated { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0 0.5rem; overflow-wrap: anywhere; }
.positions { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.5rem 1rem; align-items: start; }
.versus { display: none; }
.position { border: 1px solid var(--line); border-radius: 0.4rem; padding: 0.5rem 0.75rem; background: var(--bg); min-width: 0; }
.position-label { display: block; color: var(--muted); font-size: 0.8rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; }
.value { font-size: 1.15rem; overflow-wrap: anywhere; }
.qualifier { font-weight: 400; color: var(--muted); }
.claims { list-style: none; padding: 0; margin: 0; }
.claim + .claim { border-top: 1px dashed var(--line); margin-top: 0.5rem; padding-top: 0.5rem; }
.statement { margin: 0 0 0.25rem; overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0 0.75rem; margin: 0; font-size: 0.9rem; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.resolution { border-top: 1px solid var(--line); margin: 0.75rem 0 0; padding-top: 0.5rem; }
.resolution .by { color: var(--muted); }
.timeline { margin: 0.5rem 0 1.5rem; }
.timeline figcaption { margin-bottom: 0.25rem; }
.chart { overflow-x: auto; }
.timeline-svg { display: block; width: 100%; max-width: 760px; height: auto; min-width: 560px; font: 13px system-ui, sans-serif; }
.timeline-svg text { fill: var(--fg); }
.lane-line { stroke: var(--line); stroke-dasharray: 2 4; }
.axis, .tick { stroke: var(--muted); }
.tick-label { font-size: 12px; }
.marker { stroke: var(--bg); stroke-width: 2; }
.point-plain .marker { fill: var(--fg); }
.point-contradicted .marker { fill: var(--contra); }
.point-changed .marker { fill: var(--change); }
.period { stroke: var(--muted); stroke-width: 3; stroke-linecap: round; opacity: 0.6; }
.link line { stroke-width: 2; fill: none; }
.link-contradiction line { stroke: var(--contra); stroke-dasharray: 5 4; }
.link-change line { stroke: var(--change); }
.arrow-head { fill: var(--change); }
.link-label { font-size: 12px; font-weight: 600; }
.link-contradiction .link-label { fill: var(--contra); } .link-change .link-label { fill: var(--change); }
.chart-hint { display: none; }
.legend { list-style: none; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; font-size: 0.9rem; color: var(--muted); }
.legend-icon { vertical-align: middle; }
.problems code { color: var(--contra); }
.page-footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); }
@media (max-width: 40rem) { body { padding: 0.5rem 0.75rem 2rem; } .badge { white-space: normal; } .chart-hint { display: block; color: var(--muted); font-size: 0.85rem; margin: 0; } }
@media print { .filters { display: none; } .finding { break-inside: avoid; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var topics = Array.prototype.slice.call(document.querySelectorAll("section.topic"));
  var status = document.getElementById("filters-status");
  function ticked(name) {
    var on = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[data-filter='" + name + "']"), function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }
  function apply() {
    var topicOn = ticked("topic"), kindOn = ticked("kind"), shown = 0;
    findings.forEach(function (finding) {
      var visible = topicOn[finding.dataset.topic] !== false && kindOn[finding.dataset.kind] !== false;
      finding.hidden = !visible;
      if (visible) { shown += 1; }
    });
    topics.forEach(function (section) {
      section.hidden = !section.querySelector("article.finding:not([hidden])");
    });
    status.textContent = "Showing " + shown + " of " + findings.length + " findings.";
  }
  form.addEventListener("change", apply);
  document.getElementById("filters-reset").addEventListener("click", function () {
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) { box.checked = true; });
    apply();
  });
  form.hidden = false;
  apply();
})();
"""


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


# Only this page's own style and script, by hash; no network, no plugins, no forms posting anywhere.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src '{_sha256(STYLE)}'; script-src '{_sha256(SCRIPT)}'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _document(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="factcheck {text(__version__)}">
<title>{text(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the findings</a>
{body}
<script>{SCRIPT}</script>
</body>
</html>
"""
