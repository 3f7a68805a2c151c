"""The HTML page's repeated pieces, built in Python: finding cards, claim items, timeline figures.

The page's outline is the Jinja2 template `report.html.j2`; what it repeats per finding, claim and
timeline point (a million values on a 100k-claim page) is built here, since a template macro call
costs more than the text it makes. The rule is the template's: every value from the corpus (or
anything not built here) goes through `printed`, the escaping the template applies to
`{{ value }}`, character for character (tests compare the two), so claim text never becomes markup.
What is built from our own constants and numbers is markup already.

A claim's item is the same in every card it appears in, and a source's outlet, date and title in
every claim it holds: each is built once per page (`Cards`, made per page, dropped with it).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from markupsafe import Markup, escape

from ..model import Claim, Finding, FindingKind, Source, Timeline
from ..verdicts import VERDICT_WORDS
from . import presentation
from .html_text import markup, printed
from .timeline_svg import NARROW, WIDE, Dates, TimelineChart, TimelinePlot

VERSUS = {
    FindingKind.CONTRADICTION: Markup('<span aria-hidden="true">✕</span> contradicts'),
    FindingKind.SUPERSEDED: Markup('<span aria-hidden="true">→</span> changed to'),
    FindingKind.REVISED: Markup('<span aria-hidden="true">↻</span> revised to'),
    FindingKind.CONDITION: Markup('<span aria-hidden="true">◐</span> qualified differently from'),
}
NO_CONDITION = str(escape(presentation.NO_CONDITION))


def position_label(finding: Finding, index: int) -> str:
    if finding.kind is FindingKind.CORROBORATED:
        return "Agreed value"
    if finding.kind is FindingKind.SUPERSEDED:
        return "Earlier" if index < len(finding.positions) else "Now"
    if finding.kind is FindingKind.REVISED:
        return "Revised" if index < len(finding.positions) else "Latest figure"
    return f"Position {index}"


def web_address(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


def _label(date: object) -> str:
    return "" if date is None else printed(date.label)  # type: ignore[attr-defined]


class Cards:
    """The page's finding cards and claim items, each claim's and source's text escaped once."""

    def __init__(self, badge: Callable[[FindingKind], str], kind_names: dict[FindingKind, str]) -> None:
        self.badge, self.kind_names = badge, kind_names
        self._items: dict[int, str] = {}     # id(claim): its <li>, for a claim in several cards
        self._sources: dict[int, tuple[str, str]] = {}  # id(source): its facts and title
        self._dates = Dates()  # each date's label and days, for the charts and their tables
        self._outlets: dict[int, str] = {}  # id(source): its outlet, escaped, for the charts' tables

    def article(self, view, topic_key: str) -> Markup:  # view: html.FindingView
        """A finding's card, as `<article>`; folded into `<details>` when it needs no decision."""
        finding, resolution, compact = view.finding, view.resolution, view.compact
        kind = finding.kind
        ident = printed(finding.id)
        kind_name = kind.value
        out = [f'<article class="finding kind-{kind_name}{" compact" if compact else ""}" id="{ident}" '
               f'data-kind="{kind_name}" data-topic="{printed(topic_key)}" aria-labelledby="{ident}-heading">\n']
        if compact:
            out.append('<details class="finding-details"><summary>')
        out.append(f'<h3 id="{ident}-heading">{self.badge(kind)} <span class="about">{printed(finding.subject)} · '
                   f'{printed(finding.property)}</span></h3>')
        if compact:
            out.append(f': <span class="agreed">{printed(view.in_short)}</span> <span class="sources">({view.sources} '
                       f'source{"" if view.sources == 1 else "s"})</span>')
            if resolution is not None:
                out.append(f' <span class="verdict">reviewed: {printed(resolution.verdict)}</span>')
            out.append("</summary>")
        out.append(f'\n<p class="meta">Finding <code>{ident}</code>')
        if view.timeline_id:
            out.append(f' · <a href="#{printed(view.timeline_id)}">see the timeline</a>')
        if view.state:
            out.append(f" · {printed(view.state)}")
        out.append("</p>\n")
        if finding.note:
            out.append(f'<p class="note"><strong>Note:</strong> {printed(finding.note)}</p>\n')
        out.append('<div class="positions">\n')
        items = self._items
        for index, position in enumerate(finding.positions, 1):
            if index > 1:
                out.append(f'<p class="versus">{VERSUS.get(kind, "and")}</p>\n')
            label = printed(position_label(finding, index))
            value = printed(position.value)
            out.append(f'<section class="position" aria-label="{label}: {value}"><h4><span class="position-label">'
                       f'{label}</span> <span class="value">{value}</span>')
            if position.qualifier:
                out.append(f' <span class="qualifier">({printed(position.qualifier)})</span>')
            elif kind is FindingKind.CONDITION:
                out.append(f' <span class="qualifier">({NO_CONDITION})</span>')
            out.append('</h4><ul class="claims">')
            for claim in position.claims:
                item = items.get(id(claim))
                if item is None:
                    item = items[id(claim)] = self._item(claim)
                out.append(item)
            out.append("</ul></section>\n")
        out.append("</div>\n")
        if resolution is not None:
            verdict = resolution.verdict
            out.append(f'<p class="resolution"><strong>Review verdict: {printed(VERDICT_WORDS.get(verdict, verdict))}'
                       f"</strong> ({printed(verdict)}).")
            if resolution.source:
                out.append(f" The wrong source: <code>{printed(resolution.source)}</code>.")
            out.append(f' {printed(resolution.note)} <span class="by">Reviewed by {printed(resolution.by)} on '
                       f"{printed(resolution.date)}.</span></p>\n")
        if compact:
            out.append("</details>\n")
        out.append("</article>")
        return markup("".join(out))

    def _source(self, source: Source) -> tuple[str, str]:
        """A source's facts (outlet and publication date, `<dt>`s) and its title, escaped once."""
        known = self._sources.get(id(source))
        if known is None:
            url = source.url
            outlet = printed(source.outlet)
            if url and web_address(url):
                outlet = f'<a href="{printed(url)}" rel="noreferrer noopener">{outlet}</a>'
            published = printed(source.published.label) if source.published else "unknown"
            known = self._sources[id(source)] = (
                f'<dt>Outlet</dt><dd>{outlet}</dd>\n<dt>Published</dt><dd>{published}</dd>',
                f' · <span class="title">{printed(source.title)}</span></p></li>',
            )
        return known

    def _item(self, claim: Claim) -> str:
        """A claim's `<li>`: statement, outlet, dates, qualifiers and where it is written."""
        source = claim.source
        facts, title = self._source(source)
        out = [f'<li class="claim"><p class="statement">{printed(claim.statement)}</p><dl class="facts">\n', facts]
        if claim.as_of is not None:
            out.append(f"<dt>As of</dt><dd>{_label(claim.as_of)}</dd>")
        if claim.since is not None:
            out.append(f"<dt>Since</dt><dd>{_label(claim.since)}</dd>")
        if claim.until is not None:
            out.append(f"<dt>Until</dt><dd>{_label(claim.until)}</dd>")
        if claim.revises:
            out.append("<dt>Revises</dt><dd>yes (a revised figure)</dd>")
        if claim.condition:
            out.append(f"<dt>Condition</dt><dd>{printed(claim.condition)}</dd>")
        if claim.attribution:
            out.append(f"<dt>According to</dt><dd>{printed(claim.attribution)}</dd>")
        if claim.approx:
            out.append("<dt>Hedged</dt><dd>yes (approximate)</dd>")
        if source.url and not web_address(source.url):
            out.append(f"<dt>URL</dt><dd><code>{printed(source.url)}</code></dd>")
        out.append(f'</dl><p class="ref"><code>{printed(claim.ref)}</code> · <span class="where">{printed(source.path)}:'
                   f"{claim.line}</span>{title}")
        return "".join(out)

    def figure(self, figure_id: str, timeline: Timeline, findings: list[Finding]) -> Markup:
        """A timeline chart (a wide and a phone layout; CSS shows one), its summary, undated claims
        and the same data as a table, as `<figure>`."""
        plot = TimelinePlot(timeline, findings, self._dates)
        summary = printed(timeline_summary(plot))
        about = f"{printed(timeline.subject)} · {printed(timeline.property)}"
        out = [f'<figure class="timeline" id="{printed(figure_id)}"><figcaption><strong>{about}</strong>: {summary}'
               '</figcaption>\n<div class="chart">']
        TimelineChart(plot, figure_id, WIDE).svg(out, about, summary)
        TimelineChart(plot, f"{figure_id}-narrow", NARROW).svg(out, about, summary)
        out.append("</div>")
        dated = {c.ref for c in plot.dated}
        undated = [c for c in timeline.claims if c.ref not in dated]
        if undated:
            out.append("<p class=\"undated\">Not plotted, undated: " + ", ".join(
                f"{printed(c.source.outlet)} ({printed(c.value.display)})" for c in undated) + ".</p>")
        out.append('<details class="timeline-data"><summary>The timeline as a table</summary><div class="table-scroll">'
                   f'<table><caption>Claims about {about}, in time order</caption>\n<thead><tr><th scope="col">Date</th>'
                   '<th scope="col">Value</th><th scope="col">Outlet</th><th scope="col">Claim</th>'
                   '<th scope="col">Findings</th></tr></thead>\n<tbody>')
        links_of: dict[str, list[str]] = defaultdict(list)  # by claim ref, in the findings' order
        kind_names = self.kind_names
        for finding in findings:
            link = f'<a href="#{printed(finding.id)}">{kind_names[finding.kind]}</a>'
            for ref in dict.fromkeys(c.ref for c in finding.claims):
                links_of[ref].append(link)
        outlets = self._outlets
        for claim, when in zip(timeline.claims, plot.whens):
            links = links_of.get(claim.ref)
            outlet = outlets.get(id(claim.source))
            if outlet is None:
                outlet = outlets[id(claim.source)] = printed(claim.source.outlet)
            out.append(f"<tr><td>{printed(when)}</td><td>{printed(claim.value.display)}</td><td>"
                       f"{outlet}</td><td><code>{printed(claim.ref)}</code></td><td>"
                       f"{', '.join(links) if links else '—'}</td></tr>")
        out.append("</tbody></table></div></details></figure>")
        return markup("".join(out))


def timeline_summary(plot: TimelinePlot) -> str:
    kinds: dict[FindingKind, int] = defaultdict(int)
    for finding in plot.findings:
        kinds[finding.kind] += 1
    marks = [k.counted(n) for k, n in sorted(kinds.items(), key=lambda kv: kv[0].rank)]  # "2 contradictions"
    lanes = len(plot.lanes)
    return (
        f"{len(plot.dated)} dated claim{'' if len(plot.dated) == 1 else 's'} with {lanes} distinct value{'' if lanes == 1 else 's'}, "
        f"{plot.labels[0]} to {plot.labels[-1]}" + (f"; {', '.join(marks)}" if marks else "") + "."
    )
