"""`--format html`: one self-contained page to share with readers and editors.

The page's outline is the Jinja2 template `templates/report.html.j2`, rendered
with autoescaping on; this module gathers what it shows. What the page repeats
per finding, claim and timeline (cards, claim items, charts) is built in Python
by `html_cards.py` and `timeline_svg.py`, printing every value through the
same `printed()` the template uses. The page has no external
resources: its style (`report.css`), its filter script (`report.js`) and the
timelines (inline SVG, from `timeline_svg.py`) are all in the file, so it opens
from disk and makes no network request. A Content-Security-Policy meta tag
allows exactly the page's own `<style>` and `<script>` (by SHA-256 hash) and
nothing else: even a claim that slipped through escaping could not run a
script or load anything.

Every value the page prints is first passed through `clean()`
(textsafe.html_clean: control, bidi and other invisible characters become
visible placeholders), then escaped by Jinja2, attributes included. Claim text never reaches the script or an id:
filters and anchors use generated keys.

With JavaScript off everything is shown; the script only reveals the filter
form and hides what the reader unticks. Findings that need no decision fold
into native `<details>`, which open without a script.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.compiler import CodeGenerator
from markupsafe import Markup

from .. import __version__
from ..model import Claim, Finding, FindingKind, Position, Resolution, Timeline
from ..report import Report
from ..textsafe import html_clean
from . import RenderOptions, presentation
from .html_cards import Cards
from .html_text import finalize as _finalize, printed as _printed
from .timeline_svg import date_of
from .timeline_views import TIMELINE_LEGEND

__all__ = ["render", "render_chunks", "clean", "CONTENT_SECURITY_POLICY", "KIND_LABELS"]

# Control, bidi and other invisible characters become visible placeholders before Jinja2
# escapes the text: the rule of what is unsafe is textsafe's, shared by every output.
clean = html_clean


KIND_LABELS = {
    FindingKind.CONTRADICTION: ("✕", "Contradiction"),
    FindingKind.CONDITION: ("◐", "Condition differs"),
    FindingKind.SUPERSEDED: ("→", "Changed over time"),
    FindingKind.REVISED: ("↻", "Revised"),
    FindingKind.CORROBORATED: ("✓", "Corroborated"),
}
KIND_NAMES = {kind: label.lower() for kind, (_, label) in KIND_LABELS.items()}
KIND_HELP = {
    FindingKind.CONTRADICTION: "the sources give different values and report no change",
    FindingKind.CONDITION: "same value, but the sources qualify it differently",
    FindingKind.SUPERSEDED: "a later source reports that the value changed",
    FindingKind.REVISED: "a later source revises the figure for the same time",
    FindingKind.CORROBORATED: "two or more sources agree",
}
QUALIFIER_CHARS = 48  # a condition's qualifier in a one-line summary


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


STYLE = _asset("report.css")
SCRIPT = _asset("report.js")


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


# Only this page's own style and script, by hash; no network, no plugins, no forms posting anywhere.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src '{_sha256(STYLE)}'; script-src '{_sha256(SCRIPT)}'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


class _PageCodeGenerator(CodeGenerator):
    """Compiles each autoescaped `{{ value }}` to `environment.printed(value)` instead of
    `escape(environment.finalize(value))`: the same text (Jinja2's own native-types generator
    overrides these two hooks the same way). Constants are still escaped at compile time."""

    def _output_child_pre(self, node, frame, finalize) -> None:  # type: ignore[no-untyped-def]
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.printed(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:  # type: ignore[no-untyped-def]
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


    def visit_Getattr(self, node, frame) -> None:  # type: ignore[no-untyped-def]
        # `a.b` compiles to the builtin getattr, not `environment.getattr` (a Python call per
        # access, hundreds of thousands on a large page): every object the template reads is one
        # of ours with that attribute, and a missing one still fails loudly (AttributeError).
        self.write("getattr(")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r})")


class _PageEnvironment(Environment):
    code_generator_class = _PageCodeGenerator
    printed = staticmethod(_printed)


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = _PageEnvironment(
        loader=PackageLoader(__package__, "templates"), autoescape=True, finalize=_finalize,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    environment.globals.update(labels=KIND_LABELS, plural=lambda count: "" if count == 1 else "s")
    # A kind's badge is the same wherever it appears: the template's macro runs once per kind.
    badges = {kind: environment.get_template("parts.html.j2").module.badge(kind) for kind in FindingKind}
    environment.globals["badge"] = badges.__getitem__
    return environment


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions = RenderOptions()) -> Iterator[str]:
    """The page in pieces, as Jinja2 generates it: a large report is never one string in memory.

    Each topic's cards are built as the template reaches them, and dropped once written.
    """
    environment = _environment()
    page = _Page(report, Cards(environment.globals["badge"], KIND_NAMES))
    span = report.date_span()
    return environment.get_template("report.html.j2").generate(
        report=report, version=__version__, csp=CONTENT_SECURITY_POLICY,
        style=Markup(STYLE), script=Markup(SCRIPT), legend=Markup(TIMELINE_LEGEND),
        title=(f"Fact-check report: {len(report.findings)} finding{'' if len(report.findings) == 1 else 's'} "
               f"from {len(report.sources)} source{'' if len(report.sources) == 1 else 's'}"),
        span=f"{span[0].label} to {span[1].label}" if span else "no dated sources", errors=len(report.errors),
        possible=len(report.analysis.possible_matches),
        kind_rows=page.kind_rows(), review_queue=page.review_queue(), topics=page.topics(),
        filter_kinds=[kind for kind, count in report.counts().items() if count],
    )


# --- what the page shows ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KindRow:
    kind: FindingKind
    help: str
    count: int
    reviewed: int


@dataclass(frozen=True, slots=True)
class ReviewItem:
    finding: Finding
    values: str   # its positions in a few words
    state: str    # "not reviewed", "left open on DATE"


# The views below are made per finding and per timeline and never changed: not frozen, since a
# frozen dataclass sets each field through object.__setattr__ (a tenth of a large page's time).
@dataclass(slots=True)
class FindingView:
    finding: Finding
    resolution: Resolution | None
    timeline_id: str | None
    state: str      # for the meta line: reviewed, not reviewed...
    compact: bool   # folded to one line: it needs no decision
    in_short: str   # the one line: what is agreed, or what changed
    sources: int


class TopicView:
    """A topic's section. Its cards and charts are built each time the template walks them,
    never kept: the page holds the findings once, not a rendered view of each as well."""

    __slots__ = ("name", "key", "count", "has_timelines", "single_source", "_page", "_findings", "_timelines")

    def __init__(self, page: "_Page", name: str, key: str, findings: list[Finding], timelines: list[Timeline]) -> None:
        self.name, self.key, self._page = name, key, page
        self._findings, self._timelines = findings, timelines
        self.count = len(findings)
        self.has_timelines = bool(timelines)
        self.single_source = page.single_source_facts(name)

    @property
    def findings(self) -> Iterator[Markup]:
        """Each finding's card (`<article>`)."""
        page, key = self._page, self.key
        return (page.cards.article(page.finding_view(f), key) for f in self._findings)

    @property
    def timelines(self) -> Iterator[Markup]:
        """Each timeline's `<figure>`."""
        return (self._page.figure(t) for t in self._timelines)


class _Page:
    def __init__(self, report: Report, cards: Cards) -> None:
        self.report, self.cards = report, cards
        self.single_source: dict[str, list[Timeline]] = defaultdict(list)
        for fact in report.single_source:
            self.single_source[fact.topic].append(fact)
        self.sections = presentation.sections(report, report.findings)
        self.timelines = _timelines_to_show(report)
        self.timeline_ids = {_group_key(t): f"timeline-{index}" for index, t in enumerate(self.timelines, 1)}
        self.findings_by_group: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
        for finding in report.analysis.findings:  # all of them: a timeline tells the whole story
            self.findings_by_group[_group_key(finding)].append(finding)

    def kind_rows(self) -> list[KindRow]:
        return [KindRow(row.kind, KIND_HELP[row.kind], row.count, row.reviewed)
                for row in presentation.kind_counts(self.report)]

    def review_queue(self) -> list[ReviewItem]:
        """What needs a reviewer's decision (the text and Markdown list the same, in the same
        order), each with its values and its state: not reviewed, or left open on a date."""
        return [ReviewItem(finding, " · ".join(_position_words(finding, p) for p in finding.positions),
                           presentation.review_state(self.report.resolution(finding)))
                for finding in presentation.review_queue(self.report)]

    def topics(self) -> list[TopicView]:
        timelines_by_topic: dict[str, list[Timeline]] = defaultdict(list)
        for timeline in self.timelines:
            timelines_by_topic[timeline.topic].append(timeline)
        return [
            TopicView(self, section.topic, f"t{index}", list(section.findings), timelines_by_topic[section.topic])
            for index, section in enumerate(self.sections, 1)
        ]

    def finding_view(self, finding: Finding) -> FindingView:
        resolution = self.report.resolution(finding)
        if resolution is not None:
            state = "reviewed, left open" if resolution.left_open else "reviewed"
        else:
            state = "" if finding.kind is FindingKind.CORROBORATED else "not reviewed"
        # What needs no decision folds to one line (agreements, changes, settled reviews); the rest stays open.
        compact = finding.kind in (FindingKind.CORROBORATED, FindingKind.SUPERSEDED, FindingKind.REVISED) or (
            resolution is not None and not resolution.left_open)
        joiner = {FindingKind.SUPERSEDED: " → ", FindingKind.REVISED: " ↻ "}.get(finding.kind, " · ")
        return FindingView(
            finding, resolution, self.timeline_ids.get(_group_key(finding)), state, compact,
            joiner.join(_position_words(finding, p) for p in finding.positions),
            len({c.source.id for c in finding.claims}),
        )

    def figure(self, timeline: Timeline) -> Markup:
        key = _group_key(timeline)
        return self.cards.figure(self.timeline_ids[key], timeline, self.findings_by_group[key])

    def single_source_facts(self, topic: str) -> tuple[tuple[Timeline, Claim, str], ...]:
        """Facts only one source reports: no finding, but not lost from the page."""
        return tuple(
            (fact, claim, presentation.single_source_when(claim))
            for fact in self.single_source.get(topic, ()) for claim in fact.claims
        )


def _position_words(finding: Finding, position: Position) -> str:
    """A position in a few words: its value, and for a condition what qualifies it."""
    if finding.kind is not FindingKind.CONDITION:
        return position.value
    qualifier = position.qualifier or presentation.NO_CONDITION
    if len(qualifier) > QUALIFIER_CHARS:
        qualifier = qualifier[: QUALIFIER_CHARS - 1] + "…"
    return f"{position.value} ({qualifier})"


def _group_key(item: Finding | Timeline) -> tuple[str, str, str]:
    return (item.topic, item.subject, item.property)


def _timelines_to_show(report: Report) -> list[Timeline]:
    """Timelines with more than one dated claim, for subjects the report shows findings about."""
    shown = {_group_key(f) for f in report.findings}
    return [
        t for t in report.analysis.timelines
        if _group_key(t) in shown and sum(1 for c in t.claims if date_of(c) is not None) > 1
    ]
