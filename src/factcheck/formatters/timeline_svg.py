"""A timeline as inline SVG: x is the date, each distinct value is a labelled lane.

Each chart is drawn twice, for a wide screen and for a phone (the page's CSS
shows one): at phone width a scaled-down wide chart would shrink its text to
unreadable sizes, so the narrow layout puts lane labels above their lanes and
uses the whole width for time. Labels never overlap: every text's box is
estimated and a link's label goes to the first free place around its line.

This module places things, as the views of `timeline_views.py`; the template
`templates/timeline.svg.j2` draws them. Text (values, labels, titles) reaches the template as plain strings and
is escaped there like the rest of the page; only geometry, formatted numbers,
comes as attribute markup. What both layouts share is worked out once
(`TimelinePlot`).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass


from ..dates import Period, date_label
from ..model import Claim, Finding, FindingKind, Timeline
from .timeline_views import MARKER, ChartView, LaneView, LinkView, PointView, TickView, marker_shape

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


# Boxes and points are made by the ten thousand on a large page and never changed: not frozen,
# since a frozen dataclass sets each field through object.__setattr__.
@dataclass(slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def hits(self, other: "Box") -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


def text_box(x: float, y: float, label: str, anchor: str = "start") -> Box:
    width = CHAR_WIDTH * len(label) + 2
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - TEXT_HEIGHT + 4, left + width, y + 4)


@dataclass(slots=True)
class Point:
    claim: Claim
    lane: int
    x: float
    x_end: float
    y: float
    role: str  # "contradicted", "changed" or "plain"


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


def lanes_of(dated: list[Claim], findings: list[Finding]) -> tuple[list[str], dict[str, int]]:
    """One lane per value, as the findings' positions word it (agreeing values share a lane)."""
    value_of: dict[str, str] = {}
    for finding in sorted(findings, key=lambda f: f.kind.rank):
        for position in finding.positions:
            for claim in position.claims:
                value_of.setdefault(claim.ref, position.value)
    lanes: list[str] = []
    lane_of: dict[str, int] = {}
    for claim in dated:
        value = value_of.get(claim.ref, claim.value.display)
        if value not in lanes:
            lanes.append(value)
        lane_of[claim.ref] = lanes.index(value)
    return lanes, lane_of


class TimelinePlot:
    """What a timeline's charts in every layout share, worked out once: its dated claims with
    their days, lanes and roles, the span of time shown, each point's title and which claims
    each link joins."""

    def __init__(self, timeline: Timeline, findings: list[Finding]) -> None:
        self.timeline = timeline
        self.findings = findings
        self.dated: list[Claim] = []
        dates: list[Period] = []
        for claim in timeline.claims:
            date = date_of(claim)
            if date is not None:
                self.dated.append(claim)
                dates.append(date)
        self.days = [plotted(date) for date in dates]
        self.lanes, lane_of = lanes_of(self.dated, findings)
        refs = [c.ref for c in self.dated]
        self.lane_indexes = [lane_of[ref] for ref in refs]
        contradicted = {c.ref for f in findings if f.kind is FindingKind.CONTRADICTION for c in f.claims}
        changed = {c.ref for f in findings if f.kind.is_timeline for p in f.positions[1:] for c in p.claims}
        self.roles = ["contradicted" if ref in contradicted else ("changed" if ref in changed else "plain")
                      for ref in refs]
        self.titles = [_point_title(claim, date, role) for claim, date, role in zip(self.dated, dates, self.roles)]
        self.unsure = [date.qualified for date in dates]
        self.start, self.end = self._span()
        self.links = self._links({ref: index for index, ref in enumerate(refs)})
        self.longest_label = max(len(lane_label(value)) for value in self.lanes)

    def _span(self) -> tuple[float, float]:
        start = min(first for first, _ in self.days)
        end = max(last + 1 for _, last in self.days)
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


def _point_title(claim: Claim, date: Period, role: str) -> str:
    how = "since" if claim.since else "as of"
    said = {"contradicted": " In a contradiction.", "changed": " Reports a change.", "plain": ""}[role]
    return (f"{claim.source.outlet} ({claim.source.id}), {how} {date_label(date)}: "
            f"{claim.value.display}.{said} {claim.statement}")


class TimelineChart:
    """One timeline's SVG in one layout."""

    def __init__(self, plot: TimelinePlot, chart_id: str, layout: Layout = WIDE) -> None:
        self.plot = plot
        self.timeline = plot.timeline
        self.id = chart_id
        self.layout = layout
        self.lanes = plot.lanes
        if layout.labels_above:
            self.gutter = 8.0
        else:
            self.gutter = round(min(layout.gutter_max, max(60, 20 + CHAR_WIDTH * plot.longest_label)), 1)
        self.height = layout.top + layout.lane * len(self.lanes) + layout.axis
        self.start, self.end = plot.start, plot.end
        self._days, self._room = self.end - self.start, self.plot_right - self.gutter
        self.points = self._points()
        self.taken: list[Box] = []  # every text and marker placed so far (needed only to place link labels)

    @property
    def plot_right(self) -> float:
        return self.layout.width - self.layout.right

    def x(self, ordinal: float) -> float:
        return self.gutter + (ordinal - self.start) / self._days * self._room

    def lane_y(self, lane: int) -> float:
        layout = self.layout
        middle = layout.top + layout.lane * lane + layout.lane / 2
        return middle + (8 if layout.labels_above else 0)  # room for the label above the line

    def _points(self) -> list[Point]:
        plot = self.plot
        gutter, start, days, room = self.gutter, self.start, self._days, self._room  # self.x(), inlined
        lane_ys = [self.lane_y(lane) for lane in range(len(self.lanes))]
        points: list[Point] = []
        last_x: dict[int, list[float]] = defaultdict(list)
        for claim, lane, (first, last), role in zip(plot.dated, plot.lane_indexes, plot.days, plot.roles):
            x = gutter + (first - start) / days * room
            crowd = sum(1 for other in last_x[lane] if abs(other - x) < 2 * MARKER)
            last_x[lane].append(x)
            offset = ((crowd + 1) // 2) * (MARKER + 2) * (1 if crowd % 2 else -1) if crowd else 0
            points.append(Point(claim, lane, x, gutter + (last + 1 - start) / days * room, lane_ys[lane] + offset, role))
        return points

    def view(self, summary: str) -> "ChartView":
        """Everything the template draws, placed: lanes, axis, links with their labels, points."""
        layout = self.layout
        placing = bool(self.plot.links)  # only a link's label needs to know what is taken
        self.taken = [Box(p.x - MARKER - 3, p.y - MARKER - 3, p.x + MARKER + 3, p.y + MARKER + 3)
                      for p in self.points] if placing else []
        axis_y = layout.top + layout.lane * len(self.lanes) + (8 if layout.labels_above else 0)
        right = self.plot_right
        lanes = []
        for index, value in enumerate(self.lanes):
            y = self.lane_y(index)
            label = lane_label(value)
            if layout.labels_above:
                label_x, label_y, anchor = self.gutter, y - 14, "start"
            else:
                label_x, label_y, anchor = self.gutter - 10, y + 4, "end"
            if placing:
                self.taken.append(text_box(label_x, label_y, label, anchor))
            lanes.append(LaneView(value, label, y, label_x, label_y, anchor, self.gutter, right))
        ticks = []
        for ordinal, label in self.ticks():
            x = self.x(ordinal)
            half = (CHAR_WIDTH * len(label) + 2) / 2
            anchor = "start" if x - half < 2 else ("end" if x + half > layout.width - 2 else "middle")
            ticks.append(TickView(x, axis_y, label, anchor))
        return ChartView(
            id=self.id, layout=layout.name, width=layout.width, height=self.height, left=self.gutter,
            right=right, axis_y=axis_y, subject=self.timeline.subject, property=self.timeline.property,
            summary=summary, lanes=tuple(lanes), ticks=tuple(ticks), links=tuple(self.links(axis_y)),
            points=tuple(self.point_view(index, p) for index, p in enumerate(self.points)),
        )

    def links(self, axis_y: float) -> list["LinkView"]:
        """Dashed links between contradicting claims; arrows from an old value to the change."""
        out: list[LinkView] = []
        for finding, before, after in self.plot.links:
            a, b = self.points[before], self.points[after]
            if finding.kind is FindingKind.CONTRADICTION:
                end_x, end_y, label, kind = b.x, b.y, "✕ contradicts", "contradiction"
            else:
                (end_x, end_y) = _short_of(a.x, a.y, b.x, b.y, MARKER + 5)
                label, kind = (("↻ revised", "revision") if finding.kind is FindingKind.REVISED
                               else ("→ changed", "change"))
            label_x, label_y, anchor = self.place_label(a.x, a.y, b.x, b.y, label, axis_y)
            out.append(LinkView(kind, finding.id, a.claim.value.display, b.claim.value.display,
                                a.x, a.y, end_x, end_y, label, label_x, label_y, anchor))
        return out

    def place_label(self, x1: float, y1: float, x2: float, y2: float, label: str, axis_y: float) -> tuple[float, float, str]:
        """A link's label near its middle, at the first place that is inside the plot and free."""
        x, y = (x1 + x2) / 2, (y1 + y2) / 2 - 4
        candidates = []
        for dy in (0, 16, -16, 32, -32, 48, -48, 64, -64):
            candidates += [(x + 6, y + dy, "start"), (x - 6, y + dy, "end")]
        candidates += [(self.gutter + 2, self.layout.top + 12 + step * 16, "start") for step in range(40)]
        for cx, cy, anchor in candidates:
            box = text_box(cx, cy, label, anchor)
            inside = box.left >= self.gutter and box.right <= self.layout.width - 2 and box.top >= 0 and box.bottom <= axis_y - 2
            if inside and not any(box.hits(other) for other in self.taken):
                self.taken.append(box)
                return cx, cy, anchor
        # a crowded chart: keep it inside at least
        cx = x - 6 if x + CHAR_WIDTH * len(label) > self.plot_right else x + 6
        anchor = "end" if cx < x else "start"
        self.taken.append(text_box(cx, y, label, anchor))
        return cx, y, anchor

    def point_view(self, index: int, point: Point) -> "PointView":
        bar_end = point.x_end if point.x_end - point.x > MARKER else None
        return PointView(self.plot.titles[index], point.role, point.x, point.y, bar_end,
                         marker_shape(point.role, point.x, point.y), self.plot.unsure[index])

    def ticks(self) -> list[tuple[int, str]]:
        first = _dt.date.fromordinal(max(1, int(self.start)))  # padding may run past year 1 or 9999
        last = _dt.date.fromordinal(min(_dt.date.max.toordinal(), int(self.end)))
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        steps = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000)
        step = next((s for s in steps if months / s <= self.layout.max_ticks), steps[-1])
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


def _short_of(x1: float, y1: float, x2: float, y2: float, gap: float) -> tuple[float, float]:
    """The point `gap` short of (x2, y2) on the line from (x1, y1): an arrow that stops at the marker."""
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length <= gap:
        return x2, y2
    return x2 - (x2 - x1) * gap / length, y2 - (y2 - y1) * gap / length
