"""A timeline chart's markers, the words of its links and the legend that explains them.

`timeline_svg.py` places a chart and writes it; the shapes here are built from
numbers only, never from the corpus's text.
"""

from __future__ import annotations

MARKER = 7  # a point marker's radius

LINK_TITLES = {"contradiction": ("Contradiction", "vs"), "change": ("Change", "then"), "revision": ("Revision", "then")}


def marker_shape(role: str, x: float, y: float) -> str:
    """A point's marker as an SVG path (numbers only): a diamond in a contradiction, a triangle
    for a change, a circle (as a path) otherwise, so the role never rests on colour alone."""
    m = MARKER
    if role == "contradicted":  # a diamond
        return f"M{x:.1f},{y - m - 2:.1f} L{x + m + 2:.1f},{y:.1f} L{x:.1f},{y + m + 2:.1f} L{x - m - 2:.1f},{y:.1f} Z"
    if role == "changed":  # a triangle pointing right
        return f"M{x - m:.1f},{y - m:.1f} L{x + m + 2:.1f},{y:.1f} L{x - m:.1f},{y + m:.1f} Z"
    return ""  # a circle, drawn at (x, y)


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
