"""A timeline as inline SVG: x is the date, each distinct value is a labelled lane.

Each chart is drawn twice, for a wide screen and for a phone (the page's CSS
shows one): at phone width a scaled-down wide chart would shrink its text to
unreadable sizes, so the narrow layout puts lane labels above their lanes and
uses the whole width for time. Labels never overlap: every text's box is
estimated and a link's label goes to the first free place around its line.

This module places things and writes the SVG (`TimelineChart.svg`); the
markers and the legend are `timeline_views.py`'s. Text (values, labels, point
and link titles) is escaped as the page escapes every value (`html_cards.printed`);
the rest is our own formatted numbers and fixed words. What both layouts share,
their escaped texts included, is worked out once (`TimelinePlot`).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator


from ..dates import Period
from ..model import Claim, Finding, FindingKind, Timeline
from .html_text import printed
from .timeline_views import LINK_TITLES, MARKER

_FIRST_DAY, _LAST_DAY = _dt.date.min.toordinal(), _dt.date.max.toordinal()

LABEL_CHARS = 22
CHAR_WIDTH = 7.6      # a generous average width of a 12-13px system-ui character, bold included
TEXT_HEIGHT = 15      # a text line's box: from the baseline, 11 up and 4 down


@dataclass(frozen=True, slots=True)
class Layout:
    name: str             # "wide" or "narrow": the CSS class that shows it
    width: int
    top: int
    lane: int             # a lane's height
    axis: int             # room under the last lane for the axis and its labels
    right: int
    max_ticks: int
    labels_above: bool    # lane labels above their line (narrow) or in a left gutter (wide)
    gutter_max: int = 190  # the widest room for lane labels in the gutter


WIDE = Layout("wide", 760, 16, 46, 44, 24, 6, False)
NARROW = Layout("narrow", 360, 8, 58, 40, 10, 3, True, gutter_max=0)


def text_box(x: float, y: float, label: str, anchor: str = "start") -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) a text takes, estimated from its length."""
    width = CHAR_WIDTH * len(label) + 2
    left = x if anchor == "start" else (x - width if anchor == "end" else x - width / 2)
    return left, y - TEXT_HEIGHT + 4, left + width, y + 4


def _hits(box: tuple[float, float, float, float], taken: list[tuple[float, float, float, float]]) -> bool:
    left, top, right, bottom = box
    for other_left, other_top, other_right, other_bottom in taken:
        if left < other_right and other_left < right and top < other_bottom and other_top < bottom:
            return True
    return False


def date_of(claim: Claim) -> Period | None:
    return claim.timeline_date


def plotted(date: Period) -> tuple[int, int]:
    """The days a date spans on a chart; an open end (`../2026`, `2026/..`) is cut at the known one."""
    first, last = date.start, date.end
    if first <= _FIRST_DAY:
        first = last
    if last >= _LAST_DAY:
        last = first
    return first, last


def lane_label(value: str) -> str:
    return value if len(value) <= LABEL_CHARS else value[: LABEL_CHARS - 1] + "…"


class Dates(dict):
    """Each date a page's charts show, by identity: its label for readers, the days it spans
    (`plotted`) and whether it is qualified, worked out once (a page shows the same dates in
    many charts and rows). The date itself is kept, so its id is not reused while the page lasts."""

    def of(self, date: Period) -> tuple[str, int, int, bool, Period]:
        known = self.get(id(date))
        if known is None:
            known = self[id(date)] = (date.label, *plotted(date), date.qualified, date)
        return known


def lanes_of(dated: list[Claim], findings: list[Finding]) -> tuple[list[str], list[int]]:
    """One lane per value, as the findings' positions word it (agreeing values share a lane):
    the lanes' values, and each dated claim's lane."""
    value_of: dict[str, str] = {}
    for finding in sorted(findings, key=lambda f: f.kind.rank):
        for position in finding.positions:
            for claim in position.claims:
                value_of.setdefault(claim.ref, position.value)
    lane_of: dict[str, int] = {}
    indexes = []
    for claim in dated:
        value = value_of.get(claim.ref)
        if value is None:
            value = claim.value.display
        index = lane_of.get(value)
        if index is None:
            index = lane_of[value] = len(lane_of)
        indexes.append(index)
    return list(lane_of), indexes


_SAID = {"contradicted": " In a contradiction.", "changed": " Reports a change.", "plain": ""}


class TimelinePlot:
    """What a timeline's charts in every layout share, worked out once: its dated claims with
    their days, lanes and roles, the span of time shown, each point's title (escaped) and which
    claims each link joins."""

    def __init__(self, timeline: Timeline, findings: list[Finding], dates: Dates | None = None) -> None:
        dates = Dates() if dates is None else dates
        self.timeline = timeline
        self.findings = findings
        self.dated: list[Claim] = []
        self.labels: list[str] = []
        self.days: list[tuple[int, int]] = []
        self.unsure: list[bool] = []
        self.whens: list[str] = []  # each claim's date for readers, `as of 2026-04`, dated or not
        dated_whens = []
        for claim in timeline.claims:
            date = claim.timeline_date
            if date is None:
                self.whens.append("undated")
                continue
            label, first, last, qualified, _ = dates.of(date)
            self.dated.append(claim)
            self.labels.append(label)
            self.whens.append(f"{'since' if claim.since else 'as of'} {label}")
            dated_whens.append(self.whens[-1])
            self.days.append((first, last))
            self.unsure.append(qualified)
        self.lanes, self.lane_indexes = lanes_of(self.dated, findings)
        contradicted, changed = set(), set()
        for finding in findings:
            if finding.kind is FindingKind.CONTRADICTION:
                contradicted.update(c.ref for c in finding.claims)
            elif finding.kind.is_timeline:
                changed.update(c.ref for p in finding.positions[1:] for c in p.claims)
        self.roles, self.titles = roles, titles = [], []
        for claim, when in zip(self.dated, dated_whens):
            ref = claim.ref
            role = "contradicted" if ref in contradicted else ("changed" if ref in changed else "plain")
            roles.append(role)
            source = claim.source
            titles.append(printed(f"{source.outlet} ({source.id}), {when}: {claim.value.display}.{_SAID[role]} "
                                  f"{claim.statement}"))
        self.start, self.end = self._span()
        # The months the axis spans, for every layout's ticks (padding may run past year 1 or 9999).
        first = _dt.date.fromordinal(max(1, int(self.start)))
        self.last_day = min(_LAST_DAY, int(self.end))
        last = _dt.date.fromordinal(self.last_day)
        self.first_month = first.year * 12 + first.month - 1
        self.months = (last.year - first.year) * 12 + last.month - first.month + 1
        self.links = self._links({claim.ref: index for index, claim in enumerate(self.dated)})
        self.lane_labels = [lane_label(value) for value in self.lanes]
        self.lane_texts = [(printed(value), printed(label)) for value, label in zip(self.lanes, self.lane_labels)]
        self.longest_label = max(len(label) for label in self.lane_labels)

    def _span(self) -> tuple[float, float]:
        firsts, lasts = zip(*self.days)
        start, end = min(firsts), max(lasts) + 1
        if end - start < 60:
            middle = (start + end) / 2
            start, end = middle - 30, middle + 30
        pad = (end - start) * 0.05
        return start - pad, end + pad

    def _links(self, index_of: dict[str, int]) -> list[tuple[Finding, int, int]]:
        """Each link as (finding, dated claim before, dated claim after): between the closest pair in time
        of each two positions in a row that have dated claims."""
        out = []
        for finding in self.findings:
            if finding.kind not in (FindingKind.CONTRADICTION, FindingKind.SUPERSEDED, FindingKind.REVISED):
                continue
            firsts = []
            for position in finding.positions:
                dated = [index_of[ref] for ref in (c.ref for c in position.claims) if ref in index_of]
                if dated:
                    firsts.append(dated)
            out += [(finding, before[-1], after[0]) for before, after in zip(firsts, firsts[1:])]
        return out


class TimelineChart:
    """One timeline's SVG in one layout: its points' places (`xs`, `x_ends`, `ys`), then `svg()`."""

    def __init__(self, plot: TimelinePlot, chart_id: str, layout: Layout = WIDE) -> None:
        self.plot = plot
        self.id = chart_id
        self.layout = layout
        if layout.labels_above:
            self.gutter = 8.0
        else:
            self.gutter = round(min(layout.gutter_max, max(60, 20 + CHAR_WIDTH * plot.longest_label)), 1)
        self.height = layout.top + layout.lane * len(plot.lanes) + layout.axis
        self.start, self.end = plot.start, plot.end
        self.plot_right = layout.width - layout.right
        self._days, self._room = self.end - self.start, self.plot_right - self.gutter
        self._points()
        # Every text and marker placed so far, as boxes (left, top, right, bottom): needed only to place link labels.
        self.taken: list[tuple[float, float, float, float]] = []

    def x(self, ordinal: float) -> float:
        return self.gutter + (ordinal - self.start) / self._days * self._room

    def lane_y(self, lane: int) -> float:
        layout = self.layout
        middle = layout.top + layout.lane * lane + layout.lane / 2
        return middle + (8 if layout.labels_above else 0)  # room for the label above the line

    def _points(self) -> None:
        """Each dated claim's place: x from its first day to past its last (`x_ends`), y on its lane,
        moved up or down when an earlier point of the lane is within a marker's width."""
        gutter, start, days, room = self.gutter, self.start, self._days, self._room  # self.x(), inlined
        self.lane_ys = lane_ys = [self.lane_y(lane) for lane in range(len(self.plot.lanes))]
        self.xs, self.x_ends, self.ys = xs, x_ends, ys = [], [], []
        last_x: dict[int, list[float]] = defaultdict(list)
        for lane, (first, last) in zip(self.plot.lane_indexes, self.plot.days):
            x = gutter + (first - start) / days * room
            before = last_x[lane]
            crowd = sum(1 for other in before if abs(other - x) < 2 * MARKER) if before else 0
            before.append(x)
            offset = ((crowd + 1) // 2) * (MARKER + 2) * (1 if crowd % 2 else -1) if crowd else 0
            xs.append(x)
            x_ends.append(gutter + (last + 1 - start) / days * room)
            ys.append(lane_ys[lane] + offset)

    def svg(self, out: list[str], about: str, summary: str) -> None:
        """The chart as SVG, added to `out` in pieces: lanes, axis, links with their labels, points.
        `about` (subject · property) and `summary` arrive escaped; every other text is escaped here or is ours."""
        layout, plot, chart_id = self.layout, self.plot, self.id
        xs, ys = self.xs, self.ys
        if plot.links:  # only a link's label needs to know what is taken
            self.taken = [(x - MARKER - 3, y - MARKER - 3, x + MARKER + 3, y + MARKER + 3) for x, y in zip(xs, ys)]
        axis_y = layout.top + layout.lane * len(plot.lanes) + (8 if layout.labels_above else 0)
        left, right, width, height = self.gutter, self.plot_right, layout.width, self.height
        left_text = f"{left}"
        out.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg timeline-{layout.name}" viewBox="0 0 {width} '
            f'{height}" width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">\n'
            f'<title id="{chart_id}-title">Timeline of {about}</title>\n<desc id="{chart_id}-desc">{summary} The table '
            f'below the chart lists every point.</desc>\n<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="10" '
            'refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow-head" '
            'd="M0,0 L10,5 L0,10 z"/></marker></defs>'
        )
        for y, label, (value_text, label_text) in zip(self.lane_ys, plot.lane_labels, plot.lane_texts):
            if layout.labels_above:
                label_x, label_y, anchor, end = left, y - 14, "start", ""
            else:
                label_x, label_y, anchor, end = left - 10, y + 4, "end", ' text-anchor="end"'
            if plot.links:
                self.taken.append(text_box(label_x, label_y, label, anchor))
            y_text = _tenths(y)
            out.append(f'<g class="lane"><title>Value: {value_text}</title><line class="lane-line" x1="{left_text}" '
                       f'y1="{y_text}" x2="{right}" y2="{y_text}"/><text class="lane-label" x="{label_x}" '
                       f'y="{_tenths(label_y)}"{end}>{label_text}</text></g>')
        out.append(f'<line class="axis" x1="{left_text}" y1="{axis_y}" x2="{right}" y2="{axis_y}"/>')
        gutter, start, days, room = self.gutter, self.start, self._days, self._room  # self.x(), inlined
        for ordinal, label in self.ticks():  # digits and hyphens: nothing to escape
            x = gutter + (ordinal - start) / days * room
            half = (CHAR_WIDTH * len(label) + 2) / 2
            anchor = "start" if x - half < 2 else ("end" if x + half > width - 2 else "middle")
            x_text = f"{x:.1f}"
            out.append(f'<line class="tick" x1="{x_text}" y1="{axis_y}" x2="{x_text}" y2="{axis_y + 6}"/><text '
                       f'class="tick-label" x="{x_text}" y="{axis_y + 22}" text-anchor="{anchor}">{label}</text>')
        if plot.links:
            self._links(out, axis_y)
        m = MARKER
        for x, y, x_end, role, unsure, title in zip(xs, ys, self.x_ends, plot.roles, plot.unsure, plot.titles):
            x_text, y_text = f"{x:.1f}", _tenths(y)
            bar = f'<line class="period" x1="{x_text}" y1="{y_text}" x2="{x_end:.1f}" y2="{y_text}"/>' if x_end - x > m else ""
            # the marker_shape() of timeline_views, with the point's coordinates formatted once
            if role == "contradicted":  # a diamond
                mark = (f'<path class="marker" d="M{x_text},{_tenths(y - m - 2)} L{x + m + 2:.1f},{y_text} L{x_text},'
                        f'{_tenths(y + m + 2)} L{x - m - 2:.1f},{y_text} Z"/>')
            elif role == "changed":  # a triangle pointing right
                mark = (f'<path class="marker" d="M{x - m:.1f},{_tenths(y - m)} L{x + m + 2:.1f},{y_text} L{x - m:.1f},'
                        f'{_tenths(y + m)} Z"/>')
            else:
                mark = f'<circle class="marker" cx="{x_text}" cy="{y_text}" r="{m}"/>'
            out.append(f'<g class="point point-{role}{" unsure" if unsure else ""}"><title>{title}</title>{bar}{mark}</g>')
        out.append("</svg>")

    def _links(self, out: list[str], axis_y: float) -> None:
        """Dashed links between contradicting claims; arrows from an old value to the change."""
        xs, ys, dated = self.xs, self.ys, self.plot.dated
        for finding, before, after in self.plot.links:
            ax, ay, bx, by = xs[before], ys[before], xs[after], ys[after]
            if finding.kind is FindingKind.CONTRADICTION:
                end_x, end_y, label, kind = bx, by, "✕ contradicts", "contradiction"
            else:
                (end_x, end_y) = _short_of(ax, ay, bx, by, MARKER + 5)
                label, kind = (("↻ revised", "revision") if finding.kind is FindingKind.REVISED
                               else ("→ changed", "change"))
            label_x, label_y, anchor = self.place_label(ax, ay, bx, by, label, axis_y)
            name, joiner = LINK_TITLES[kind]
            title = printed(f"{name} {finding.id}: {dated[before].value.display} {joiner} {dated[after].value.display}")
            arrow = "" if kind == "contradiction" else f' marker-end="url(#{self.id}-arrow)"'
            end = ' text-anchor="end"' if anchor == "end" else ""
            out.append(f'<g class="link link-{kind}"><title>{title}</title><line x1="{ax:.1f}" y1="{ay:.1f}" '
                       f'x2="{end_x:.1f}" y2="{end_y:.1f}"{arrow}/><text class="link-label" x="{label_x:.1f}" '
                       f'y="{label_y:.1f}"{end}>{label}</text></g>')

    def place_label(self, x1: float, y1: float, x2: float, y2: float, label: str, axis_y: float) -> tuple[float, float, str]:
        """A link's label near its middle, at the first place that is inside the plot and free:
        beside the middle, then ever further above and below it, then down the plot's left edge."""
        x, y = (x1 + x2) / 2, (y1 + y2) / 2 - 4
        gutter, right_edge, bottom_edge, taken = self.gutter, self.layout.width - 2, axis_y - 2, self.taken
        width = CHAR_WIDTH * len(label) + 2  # text_box(), inlined: most labels fit at the first tries
        for cx, cy, anchor in self._label_places(x, y):
            left = cx if anchor == "start" else cx - width
            box = (left, cy - TEXT_HEIGHT + 4, left + width, cy + 4)
            if left >= gutter and box[2] <= right_edge and box[1] >= 0 and box[3] <= bottom_edge and not _hits(box, taken):
                taken.append(box)
                return cx, cy, anchor
        # a crowded chart: keep it inside at least
        cx = x - 6 if x + CHAR_WIDTH * len(label) > self.plot_right else x + 6
        anchor = "end" if cx < x else "start"
        taken.append(text_box(cx, y, label, anchor))
        return cx, y, anchor

    def _label_places(self, x: float, y: float) -> Iterator[tuple[float, float, str]]:
        for dy in (0, 16, -16, 32, -32, 48, -48, 64, -64):
            yield x + 6, y + dy, "start"
            yield x - 6, y + dy, "end"
        for step in range(40):
            yield self.gutter + 2, self.layout.top + 12 + step * 16, "start"

    def ticks(self) -> list[tuple[int, str]]:
        """The axis's ticks, (day, label): the first day of every `step` months, with the step
        that keeps them at most the layout's `max_ticks`."""
        plot, max_ticks = self.plot, self.layout.max_ticks
        step = _STEPS[-1]
        for each in _STEPS:
            if plot.months / each <= max_ticks:
                step = each
                break
        index = plot.first_month + (-plot.first_month) % step
        ticks = []
        while index // 12 <= _dt.MAXYEAR:
            ordinal, year, month = _month(index)
            if ordinal > plot.last_day:
                break
            if ordinal >= self.start:
                ticks.append((ordinal, year if step >= 12 else month))
            index += step
        return ticks


# A chart's heights repeat (every point of a lane sits at its height, the same in every chart of a
# layout): each is formatted once. Widths (x) are all different.
_tenths = functools.lru_cache(maxsize=1024)("{:.1f}".format)

_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000)  # months between ticks


@functools.lru_cache(maxsize=4096)
def _month(index: int) -> tuple[int, str, str]:
    """The month `index` (year * 12 + month - 1): its first day, and its labels as a year and as a month."""
    year, month = divmod(index, 12)
    return _dt.date(year, month + 1, 1).toordinal(), f"{year}", f"{year}-{month + 1:02d}"


def _short_of(x1: float, y1: float, x2: float, y2: float, gap: float) -> tuple[float, float]:
    """The point `gap` short of (x2, y2) on the line from (x1, y1): an arrow that stops at the marker."""
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length <= gap:
        return x2, y2
    return x2 - (x2 - x1) * gap / length, y2 - (y2 - y1) * gap / length
