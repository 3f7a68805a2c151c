"""What a timeline chart is made of, placed: lanes, ticks, links, points, markers, the legend.

`timeline_svg.py` works out where things go; these views carry the result to
`templates/timeline.svg.j2`. Geometry reaches the template as attribute markup
built from numbers only; text (values, labels, titles) stays plain and the
template escapes it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markupsafe import Markup

MARKER = 7  # a point marker's radius

# Markup of our own formatted numbers: what `Markup(text)` makes, without its Python-level check
# for an `__html__` method that a str never has (a large page makes 100,000 of these).
_attributes = functools.partial(str.__new__, Markup)


# The views' geometry reaches the template as attribute markup: formatted numbers (and a fixed
# anchor word), never text from the corpus, so there is nothing to escape; fewer values per element
# keep a page with thousands of charts fast. Text (values, labels, titles) stays plain and the
# template escapes it. The views are never changed once made, but not frozen: a frozen
# dataclass sets each field through object.__setattr__, and a large page makes 100,000 of them.


@dataclass(slots=True)
class LaneView:
    value: str
    label: str
    y: float
    label_x: float
    label_y: float
    anchor: str
    left: float   # the lane's line runs across the plot
    right: float

    @property
    def line(self) -> Markup:
        return _attributes(f'x1="{self.left}" y1="{self.y:.1f}" x2="{self.right}" y2="{self.y:.1f}"')

    @property
    def label_at(self) -> Markup:
        end = ' text-anchor="end"' if self.anchor == "end" else ""
        return _attributes(f'x="{self.label_x}" y="{self.label_y:.1f}"{end}')


@dataclass(slots=True)
class TickView:
    x: float
    axis_y: float
    label: str
    anchor: str = "middle"  # "start" or "end" near the chart's edges, so the label is not cut off

    @property
    def line(self) -> Markup:
        return _attributes(f'x1="{self.x:.1f}" y1="{self.axis_y}" x2="{self.x:.1f}" y2="{self.axis_y + 6}"')

    @property
    def label_at(self) -> Markup:
        return _attributes(f'x="{self.x:.1f}" y="{self.axis_y + 22}" text-anchor="{self.anchor}"')


LINK_TITLES = {"contradiction": ("Contradiction", "vs"), "change": ("Change", "then"), "revision": ("Revision", "then")}


@dataclass(slots=True)
class LinkView:
    kind: str        # "contradiction", "change" or "revision"
    finding_id: str
    before: str      # the two values it joins
    after: str
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    label_x: float
    label_y: float
    anchor: str

    @property
    def title(self) -> str:
        name, joiner = LINK_TITLES[self.kind]
        return f"{name} {self.finding_id}: {self.before} {joiner} {self.after}"

    @property
    def line(self) -> Markup:
        return _attributes(f'x1="{self.x1:.1f}" y1="{self.y1:.1f}" x2="{self.x2:.1f}" y2="{self.y2:.1f}"')

    @property
    def label_at(self) -> Markup:
        end = ' text-anchor="end"' if self.anchor == "end" else ""
        return _attributes(f'x="{self.label_x:.1f}" y="{self.label_y:.1f}"{end}')


@dataclass(slots=True)
class PointView:
    title: str
    role: str
    x: float
    y: float
    bar_end: float | None  # a claim dated to a month or a year: a bar to the period's end
    shape: str             # an SVG path for a diamond or triangle; empty for a circle
    unsure: bool = False   # an uncertain, approximate or range date (EDTF): drawn dashed

    @property
    def bar(self) -> Markup:
        return _attributes(f'x1="{self.x:.1f}" y1="{self.y:.1f}" x2="{self.bar_end:.1f}" y2="{self.y:.1f}"')

    @property
    def marker(self) -> Markup:
        if self.shape:
            return _attributes(f'<path class="marker" d="{self.shape}"/>')
        return _attributes(f'<circle class="marker" cx="{self.x:.1f}" cy="{self.y:.1f}" r="{MARKER}"/>')


@dataclass(slots=True)
class ChartView:
    """One chart, placed: what `timeline.svg.j2` draws."""

    id: str
    layout: str
    width: int
    height: int
    left: float
    right: float
    axis_y: float
    subject: str
    property: str
    summary: str
    lanes: tuple[LaneView, ...]
    ticks: tuple[TickView, ...]
    links: tuple[LinkView, ...]
    points: tuple[PointView, ...]

    @property
    def axis(self) -> Markup:
        return _attributes(f'x1="{self.left}" y1="{self.axis_y}" x2="{self.right}" y2="{self.axis_y}"')


def marker_shape(role: str, x: float, y: float) -> str:
    """A point's marker as an SVG path (numbers only): a diamond in a contradiction, a triangle
    for a change, a circle (as a path) otherwise, so the role never rests on colour alone."""
    m = MARKER
    if role == "contradicted":  # a diamond
        return f"M{x:.1f},{y - m - 2:.1f} L{x + m + 2:.1f},{y:.1f} L{x:.1f},{y + m + 2:.1f} L{x - m - 2:.1f},{y:.1f} Z"
    if role == "changed":  # a triangle pointing right
        return f"M{x - m:.1f},{y - m:.1f} L{x + m + 2:.1f},{y:.1f} L{x - m:.1f},{y + m:.1f} Z"
    return ""  # a circle, drawn by the template at (x, y)


def marker(role: str, x: float, y: float) -> str:
    shape = marker_shape(role, x, y)
    if shape:
        return f'<path class="marker" d="{shape}"/>'
    return f'<circle class="marker" cx="{x:.1f}" cy="{y:.1f}" r="{MARKER}"/>'


def legend_icon(role: str) -> str:
    return (
        f'<svg class="legend-icon point-{role}" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">'
        f"{marker(role, 12, 12)}</svg>"
    )


TIMELINE_LEGEND = (
    '<ul class="legend" aria-label="How to read the timelines">'
    f'<li>{legend_icon("plain")} a source\'s claim (hover over it for the source)</li>'
    f'<li>{legend_icon("contradicted")} in a contradiction; a dashed line joins contradicting claims</li>'
    f'<li>{legend_icon("changed")} reports a change; an arrow comes from the value it replaced</li>'
    "<li>a grey bar after a point: the claim is dated to a month or a year, not a day</li>"
    "<li>a faded, dashed point: the date is uncertain, approximate or a range (EDTF); the bar spans "
    "the days it may fall on</li></ul>"
)
