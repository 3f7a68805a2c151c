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
from collections import defaultdict

from .. import __version__
from ..claimreview import VERDICT_WORDS
from ..model import Claim, Finding, FindingKind, Position, Timeline
from ..report import Report
from . import RenderOptions
from .htmltext import clean, text
from .timeline_svg import NARROW, TIMELINE_LEGEND, WIDE, TimelineChart, date_of as _date_of

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
<div class="overview">
{self.needs_review()}
<div class="table-scroll"><table class="counts">
<caption>Findings by kind</caption>
<thead><tr><th scope="col">Kind</th><th scope="col">Findings</th><th scope="col">Reviewed</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table></div>
</div>
</header>"""

    # what needs a decision, first
    def review_queue(self) -> list[tuple[Finding, str]]:
        """Findings that need a reviewer's decision, most pressing first, each with its state.

        Contradictions nobody reviewed, then those a reviewer left `open` (never
        counted as resolved), then conditions nobody reviewed.
        """
        report = self.report
        unreviewed, left_open, conditions = [], [], []
        for finding in report.findings:
            resolution = report.resolution(finding)
            if finding.kind is FindingKind.CONTRADICTION:
                if resolution is None:
                    unreviewed.append((finding, "not reviewed"))
                elif resolution.verdict == "open":
                    left_open.append((finding, f"left open on {resolution.date}"))
            elif finding.kind is FindingKind.CONDITION and resolution is None:
                conditions.append((finding, "not reviewed"))
        return unreviewed + left_open + conditions

    def needs_review(self) -> str:
        queue = self.review_queue()
        heading = '<h2 id="needs-review-heading">Needs review</h2>'
        if not queue:
            return (f'<section id="needs-review" class="needs-review" aria-labelledby="needs-review-heading">{heading}'
                    '<p class="all-clear">Nothing: every contradiction and condition has a review verdict.</p></section>')
        items = []
        for finding, state in queue:
            values = " · ".join(text(_position_words(finding, p)) for p in finding.positions)
            items.append(
                f'<li class="kind-{finding.kind.value}"><a href="#{text(finding.id)}">{_badge(finding.kind)} '
                f'<span class="about">{text(finding.subject)} · {text(finding.property)}</span></a> '
                f'<span class="values">{values}</span> <span class="state">{text(state)}</span></li>'
            )
        count = len(queue)
        return (f'<section id="needs-review" class="needs-review" aria-labelledby="needs-review-heading">'
                f'<h2 id="needs-review-heading">Needs review <span class="count">({count} finding{_s(count)})</span></h2>'
                f'<ol class="review-list">{"".join(items)}</ol></section>')

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
        if resolution is not None:
            meta.append("reviewed, left open" if resolution.verdict == "open" else "reviewed")
        elif finding.kind is not FindingKind.CORROBORATED:
            meta.append("not reviewed")
        # What needs no decision folds to one line (agreements, changes, settled reviews); the rest stays open.
        compact = finding.kind in (FindingKind.CORROBORATED, FindingKind.SUPERSEDED) or (
            resolution is not None and resolution.verdict != "open")
        heading = (f'<h3 id="{text(finding.id)}-heading">{_badge(finding.kind)} '
                   f'<span class="about">{text(finding.subject)} · {text(finding.property)}</span></h3>')
        parts = [
            f'<article class="finding kind-{finding.kind.value}{" compact" if compact else ""}" id="{text(finding.id)}" '
            f'data-kind="{finding.kind.value}" data-topic="{topic_key}" aria-labelledby="{text(finding.id)}-heading">',
        ]
        if compact:  # one line: what is agreed and by how many sources; the claims unfold on demand
            sources = len({c.source.id for c in finding.claims})
            joiner = " → " if finding.kind is FindingKind.SUPERSEDED else " · "
            agreed = joiner.join(text(_position_words(finding, p)) for p in finding.positions)
            verdict = ""
            if resolution is not None:
                verdict = f' <span class="verdict">reviewed: {text(resolution.verdict)}</span>'
            parts.append(
                f'<details class="finding-details"><summary>{heading}: <span class="agreed">{agreed}</span> '
                f'<span class="sources">({sources} source{_s(sources)})</span>{verdict}</summary>'
            )
        else:
            parts.append(heading)
        parts.append(f'<p class="meta">{" · ".join(m for m in meta if m)}</p>')
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
        if compact:
            parts.append("</details>")
        parts.append("</article>")
        return "\n".join(parts)

    def timeline_figure(self, timeline: Timeline) -> str:
        figure_id = self.timeline_ids[_group_key(timeline)]
        return _timeline_figure(timeline, self.findings_by_group[_group_key(timeline)], figure_id)

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


def _position_words(finding: Finding, position: Position) -> str:
    """A position in a few words: its value, and for a condition what qualifies it."""
    if finding.kind is not FindingKind.CONDITION:
        return position.value
    qualifier = position.qualifier or "no condition"
    if len(qualifier) > 48:
        qualifier = qualifier[:47] + "…"
    return f"{position.value} ({qualifier})"


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


def _timelines_to_show(report: Report) -> list[Timeline]:
    """Timelines with more than one dated claim, for subjects the report shows findings about."""
    shown = {_group_key(f) for f in report.findings}
    return [
        t for t in report.analysis.timelines
        if _group_key(t) in shown and sum(1 for c in t.claims if _date_of(c) is not None) > 1
    ]


# --- timelines -------------------------------------------------------------------------------


def _timeline_figure(timeline: Timeline, findings: list[Finding], figure_id: str) -> str:
    """A timeline chart (a wide and a phone layout; CSS shows one), its summary, undated claims and data table."""
    wide = TimelineChart(timeline, findings, figure_id, WIDE)
    narrow = TimelineChart(timeline, findings, f"{figure_id}-narrow", NARROW)
    summary = _timeline_summary(wide, findings)
    undated = ""
    dated_refs = {c.ref for c in wide.dated}
    undated_claims = [c for c in timeline.claims if c.ref not in dated_refs]
    if undated_claims:
        items = ", ".join(f"{text(c.source.outlet)} ({text(c.value.display)})" for c in undated_claims)
        undated = f'<p class="undated">Not plotted, undated: {items}.</p>'
    return (
        f'<figure class="timeline" id="{figure_id}">'
        f'<figcaption><strong>{text(timeline.subject)} · {text(timeline.property)}</strong>: {text(summary)}</figcaption>'
        f'<div class="chart">{wide.svg(summary)}{narrow.svg(summary)}</div>{undated}'
        f"{_timeline_table(timeline, findings)}</figure>"
    )


def _timeline_summary(chart: TimelineChart, findings: list[Finding]) -> str:
    kinds: dict[FindingKind, int] = defaultdict(int)
    for finding in findings:
        kinds[finding.kind] += 1
    marks = [f"{n} {KIND_LABELS[k][1].lower()}" for k, n in sorted(kinds.items(), key=lambda kv: kv[0].rank)]
    first, last = _date_of(chart.dated[0]), _date_of(chart.dated[-1])
    lanes = len(chart.lanes)
    return (
        f"{len(chart.dated)} dated claims with {lanes} distinct value{_s(lanes)}, "
        f"{first} to {last}" + (f"; {', '.join(marks)}" if marks else "") + "."
    )


def _timeline_table(timeline: Timeline, findings: list[Finding]) -> str:
    rows = []
    for claim in timeline.claims:
        date = _date_of(claim)
        how = "since" if claim.since else "as of"
        role = []
        for finding in findings:
            if any(c.ref == claim.ref for c in finding.claims):
                role.append(f'<a href="#{text(finding.id)}">{KIND_LABELS[finding.kind][1].lower()}</a>')
        rows.append(
            f"<tr><td>{f'{how} {date}' if date else 'undated'}</td><td>{text(claim.value.display)}</td>"
            f"<td>{text(claim.source.outlet)}</td><td><code>{text(claim.ref)}</code></td>"
            f"<td>{', '.join(role) or '—'}</td></tr>"
        )
    return (
        '<details class="timeline-data"><summary>The timeline as a table</summary><div class="table-scroll"><table>'
        f"<caption>Claims about {text(timeline.subject)} · {text(timeline.property)}, in time order</caption>"
        '<thead><tr><th scope="col">Date</th><th scope="col">Value</th><th scope="col">Outlet</th>'
        '<th scope="col">Claim</th><th scope="col">Findings</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
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
.counts th[scope=row] { font-weight: 400; } .kind-help { display: block; color: var(--muted); font-size: 0.85rem; }
.counts th, .counts td { padding-top: 0.15rem; padding-bottom: 0.15rem; }
.badge { display: inline-block; font-weight: 700; font-size: 0.9rem; padding: 0 0.45rem; border: 2px solid currentColor; border-radius: 0.3rem; white-space: nowrap; }
.badge-contradiction { color: var(--contra); } .badge-superseded { color: var(--change); }
.badge-condition { color: var(--cond); } .badge-corroborated { color: var(--ok); }
.toc { list-style: none; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.toc li { overflow-wrap: anywhere; }
.overview { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0 2rem; align-items: start; }
.needs-review { border: 2px solid var(--contra); border-radius: 0.5rem; padding: 0 1rem 0.5rem; }
.needs-review h2 { border: 0; font-size: 1.2rem; margin: 0.5rem 0 0.25rem; }
.needs-review .count { color: var(--muted); font-weight: 400; font-size: 1rem; }
.review-list { margin: 0; padding-left: 1.5rem; } .review-list li { margin: 0.2rem 0; overflow-wrap: anywhere; }
.review-list .values { font-weight: 600; } .review-list .state { color: var(--muted); font-size: 0.9rem; }
.all-clear { margin: 0.25rem 0 0.5rem; }
.counts caption { padding-top: 0.5rem; }
.filters { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0 1rem 0.25rem; margin: 0.5rem 0; }
.filters h2 { border: 0; font-size: 1rem; margin: 0.5rem 0 0; }
.filters fieldset { border: 0; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.filters legend { font-weight: 600; padding: 0; float: left; margin-right: 0.5rem; }
.filters p { margin: 0.25rem 0; }
.filters button { font: inherit; padding: 0.2rem 0.75rem; }
.topic-label { color: var(--muted); font-weight: 400; font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 0.5rem; padding: 0.5rem 1rem 0.75rem; margin: 1rem 0; background: var(--card); }
.finding.kind-contradiction { border-left-color: var(--contra); } .finding.kind-superseded { border-left-color: var(--change); }
.finding.kind-condition { border-left-color: var(--cond); } .finding.kind-corroborated { border-left-color: var(--ok); }
.finding h3 { overflow-wrap: anywhere; }
.finding.compact { padding: 0.2rem 1rem; margin: 0.35rem 0; }
.finding-details > summary { cursor: pointer; padding: 0.15rem 0; }
.finding-details > summary h3 { display: inline; font-size: 1rem; margin: 0; }
.finding-details > summary .agreed { font-weight: 600; } .finding-details > summary .sources { color: var(--muted); }
.finding-details > summary .verdict { color: var(--muted); font-style: italic; }
.finding-details[open] > summary { margin-bottom: 0.25rem; }
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
.timeline-svg { display: block; width: 100%; height: auto; font: 13px system-ui, sans-serif; }
.timeline-wide { max-width: 760px; min-width: 560px; }
.timeline-narrow { display: none; max-width: 480px; }
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
.legend { list-style: none; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; font-size: 0.9rem; color: var(--muted); }
.legend-icon { vertical-align: middle; }
.problems code { color: var(--contra); }
.page-footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); }
@media (max-width: 40rem) { body { padding: 0.5rem 0.75rem 2rem; } .badge { white-space: normal; }
  .overview { display: block; } h1 { font-size: 1.5rem; }
  .timeline-wide { display: none; } .timeline-narrow { display: block; } }
@media print { .filters { display: none; } .finding { break-inside: avoid; } .timeline-narrow { display: none; } }
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
