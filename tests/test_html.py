"""The HTML report: content, timelines, escaping, self-containment, accessibility.

The page is parsed with the standard library's HTMLParser into a small tree,
so the tests look at elements and text as a browser would, not at substrings.
test_browser.py renders the same page in a real browser.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.dates import PartialDate
from factcheck.engine import analyse
from factcheck.formatters.html import clean, render
from factcheck.loader import load_corpus
from factcheck.model import Analysis, Claim, Corpus, Finding, FindingKind, Position, Source, Timeline
from factcheck.report import Filters, build_report
from factcheck.resolutions import read_resolutions
from factcheck.values import parse_value

FIXTURES = Path(__file__).parent / "fixtures" / "html"
CORPUS = FIXTURES / "corpus"
HOSTILE_SCRIPT = "<script>document.title='pwned'</script>"
HOSTILE_ATTRIBUTE = "\" onmouseover=\"document.title='pwned'"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list = field(default_factory=list)  # Element or str
    parent: "Element | None" = None

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Element"]:
        found = []
        for element in self.iter():
            if tag is not None and element.tag != tag:
                continue
            if all(attr_has(element, name.rstrip("_"), value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag: str | None = None, **attrs: str) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def attr_has(element: Element, name: str, value: str) -> bool:
    actual = element.attrs.get(name)
    if actual is None:
        return False
    return value in actual.split() if name == "class" else actual == value


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, dict(attrs), parent=self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> Element:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root


def fixture_report(corpus: Path = CORPUS, filters: Filters = Filters()):
    loaded = load_corpus(corpus)
    resolutions, problems = read_resolutions(loaded)
    return build_report(analyse(loaded), filters, resolutions, problems)


@pytest.fixture(scope="module")
def page() -> str:
    return render(fixture_report())


@pytest.fixture(scope="module")
def doc(page: str) -> Element:
    return parse(page)


# --- the command ------------------------------------------------------------------------------


def test_report_command_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(CORPUS), "--format", "html", "-o", str(out)],
                                env={"_TYPER_FORCE_DISABLE_TERMINAL": "1"})
    assert result.exit_code == 1  # bad.yaml is invalid: listed, the rest still reported
    assert result.stdout == ""
    tree = parse(out.read_text(encoding="utf-8"))
    assert tree.find("html").attrs["lang"] == "en"
    assert len(tree.find_all("article", class_="finding")) == 6


# --- content: the header, topics, findings, errors ----------------------------------------------


def test_header_counts(doc: Element) -> None:
    summary = doc.find("dl", class_="summary")
    pairs = {dt.text: dt.parent.find("dd").text for dt in summary.find_all("dt")}
    assert pairs == {"Sources": "4", "Claims": "9", "Published": "2025-10-28 to 2026-05",
                     "Problems": "6 errors in claim files"}
    counts = doc.find("table", class_="counts")
    assert [th.text for th in counts.find("thead").find_all("th")] == ["Kind", "Findings", "Reviewed"]
    rows = {}
    for row in counts.find("tbody").find_all("tr"):
        label = row.find("span", class_="badge").text.strip()
        rows[label] = [td.text for td in row.find_all("td")]
    assert rows == {
        "✕ Contradiction": ["2", "2"], "◐ Condition differs": ["1", "1"],
        "→ Changed over time": ["1", "1"], "↻ Revised": ["0", "0"], "✓ Corroborated": ["2", "0"],
    }


def test_topics_are_sections_in_order_of_their_most_serious_finding(doc: Element) -> None:
    sections = doc.find("main").find_all("section", class_="topic")
    headings = [s.find("h2").text for s in sections]
    assert headings == [f"Topic {HOSTILE_SCRIPT}", "Topic ownership", "Topic revenue", "Topic licensing"]
    for section in sections:
        assert section.attrs["aria-labelledby"] == section.find("h2").attrs["id"]


def test_findings_most_serious_first_within_a_topic(doc: Element) -> None:
    ownership = doc.find("section", id="topic-t2")
    kinds = [a.attrs["data-kind"] for a in ownership.find_all("article")]
    assert kinds == ["contradiction", "corroborated"]
    revenue = doc.find("section", id="topic-t3")
    assert [a.attrs["data-kind"] for a in revenue.find_all("article")] == ["condition", "corroborated"]


def test_a_finding_shows_positions_side_by_side_with_outlets_dates_and_statements(doc: Element) -> None:
    finding = doc.find("article", id="con-41b25d0527")
    assert finding.find("h3").text == "✕ Contradiction Microsoft · stake in OpenAI"
    assert "con-41b25d0527" in finding.find("p", class_="meta").text
    positions = finding.find_all("section", class_="position")
    assert [p.find("span", class_="value").text for p in positions] == ["27%", "32.5%"]
    first_claims = positions[0].find_all("li", class_="claim")
    assert [c.find("p", class_="statement").text for c in first_claims] == [
        "Microsoft owns about 27 percent of OpenAI.", "Microsoft holds a 27% stake."]
    facts = {dt.text: dt.parent.children[dt.parent.children.index(dt) + 1].text
             for dt in first_claims[0].find_all("dt")}
    assert facts == {"Outlet": "The Daily Ledger", "Published": "2025-10-28"}
    link = first_claims[0].find("a")
    assert link.attrs["href"] == "https://example.org/daily/partnership-terms"
    assert "daily-2025-10-28/stake" in first_claims[0].find("p", class_="ref").text


def test_a_change_shows_since_attribution_and_earlier_then_now(doc: Element) -> None:
    finding = doc.find("article", id="sup-52707c2cdc")
    labels = [s.find("span", class_="position-label").text for s in finding.find_all("section", class_="position")]
    assert labels == ["Earlier", "Now"]
    now = finding.find_all("section", class_="position")[1]
    facts = [dt.text for dt in now.find_all("dt")]
    assert facts == ["Outlet", "Published", "Since", "According to"]


def test_condition_findings_show_each_sides_qualifier(doc: Element) -> None:
    finding = doc.find("article", id="cnd-d327cc76a5")
    qualifiers = [q.text for q in finding.find_all("span", class_="qualifier")]
    assert qualifiers == ["(until 2030; or until AGI is verified)", "(until 2030)"]


@pytest.mark.parametrize("finding_id, verdict", [
    ("con-41b25d0527", "Review verdict: False"),
    ("sup-52707c2cdc", "Review verdict: Outdated"),
    ("cnd-d327cc76a5", "Review verdict: Both hold (different scope)"),
    ("con-cf3ba91a30", "Review verdict: Unresolved"),
])
def test_review_verdicts_are_shown(doc: Element, finding_id: str, verdict: str) -> None:
    resolution = doc.find("article", id=finding_id).find("p", class_="resolution")
    assert resolution.find("strong").text == verdict


def test_unreviewed_findings_say_so_and_carry_no_verdict(doc: Element) -> None:
    report = fixture_report()
    page = parse(render(build_report(report.analysis)))  # the same analysis, no reviews
    finding = page.find("article", id="con-41b25d0527")
    assert "not reviewed" in finding.find("p", class_="meta").text
    assert not finding.find_all("p", class_="resolution")


def test_errors_come_last_as_file_line_column_message(doc: Element) -> None:
    main = doc.find("main")
    last = [c for c in main.children if isinstance(c, Element)][-1]
    assert last.attrs["id"] == "problems"
    items = [li.text for li in last.find("ul", class_="errors").find_all("li")]
    assert items[0] == ("tests/fixtures/html/corpus/bad.yaml:5:22: source.published: impossible date "
                        "'2026-02-30': February 2026 has 28 days [bad-date]")
    assert all(re.fullmatch(r"\S+\.yaml:\d+:\d+: .+ \[[a-z0-9-]+\]", item) for item in items)
    assert len(items) == 6


def test_filters_on_the_command_line_narrow_the_page() -> None:
    page = parse(render(fixture_report(filters=Filters(kinds=(FindingKind.SUPERSEDED,)))))
    assert [a.attrs["id"] for a in page.find_all("article")] == ["sup-52707c2cdc"]
    assert [f.attrs["id"] for f in page.find_all("figure", class_="timeline")] == ["timeline-1"]


def test_an_empty_corpus_renders_a_page_without_findings(tmp_path: Path) -> None:
    page = parse(render(fixture_report(tmp_path)))
    assert page.find("p", class_="empty").text.startswith("No findings")
    assert not page.find_all("svg", class_="timeline-svg")
    assert not page.find_all("form")


# --- timelines --------------------------------------------------------------------------------


def timeline_for(doc: Element, caption_start: str) -> Element:
    for figure in doc.find_all("figure", class_="timeline"):
        if figure.find("figcaption").text.startswith(caption_start):
            return figure
    raise AssertionError(f"no timeline {caption_start!r}")


def test_one_timeline_per_subject_and_property_with_more_than_one_dated_claim(doc: Element) -> None:
    captions = [f.find("figcaption").find("strong").text for f in doc.find_all("figure", class_="timeline")]
    assert captions == [
        "<b>Sub</b> · " + HOSTILE_ATTRIBUTE, "Microsoft · stake in OpenAI",
        "OpenAI · revenue share paid to Microsoft", "Microsoft · license to OpenAI IP, exclusivity",
    ]


def test_timeline_svg_is_an_image_with_a_title_and_description(doc: Element) -> None:
    for svg in doc.find_all("svg", class_="timeline-svg"):
        assert svg.attrs["role"] == "img"
        title_id, desc_id = svg.attrs["aria-labelledby"].split()
        assert svg.find("title", id=title_id).text.startswith("Timeline of ")
        assert svg.find("desc", id=desc_id).text
        assert int(svg.attrs["width"]) > 0 and int(svg.attrs["height"]) > 0


def test_timeline_lanes_points_and_contradiction_marks(doc: Element) -> None:
    svg = timeline_for(doc, "Microsoft · stake").find("svg")
    assert [t.text for t in svg.find_all("text", class_="lane-label")] == ["27%", "32.5%"]
    points = svg.find_all("g", class_="point")
    assert len(points) == 3
    assert all("point-contradicted" in p.attrs["class"] for p in points)
    assert all(p.find("path", class_="marker") for p in points)  # diamonds, not colour alone
    links = svg.find_all("g", class_="link-contradiction")
    assert len(links) == 1 and links[0].find("text").text == "✕ contradicts"
    titles = [p.find("title").text for p in points]
    assert titles[0].startswith("The Daily Ledger (daily-2025-10-28), as of 2025-10-28: 27%. In a contradiction.")
    assert titles[2].startswith("Tech Blog (blog-2026-05), as of 2026-05: 32.5%.")


def test_timeline_marks_a_change_with_an_arrow(doc: Element) -> None:
    svg = timeline_for(doc, "Microsoft · license").find("svg")
    points = svg.find_all("g", class_="point")
    assert [p.attrs["class"] for p in points] == ["point point-plain", "point point-changed"]
    change = svg.find("g", class_="link-change")
    assert change.find("text").text == "→ changed"
    arrow_id = svg.find("marker").attrs["id"]
    assert change.find("line").attrs["marker-end"] == f"url(#{arrow_id})"
    assert points[1].find("title").text.startswith("Wire Service (wire-2026-04-27), since 2026-04-27: non-exclusive.")


def test_timeline_data_is_also_a_table_with_headers(doc: Element) -> None:
    table = timeline_for(doc, "Microsoft · stake").find("table")
    assert [th.attrs["scope"] for th in table.find_all("th")] == ["col"] * 5
    rows = [[td.text for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert rows[0] == ["as of 2025-10-28", "27%", "The Daily Ledger", "daily-2025-10-28/stake",
                       "contradiction, corroborated"]


def test_undated_claims_are_listed_not_plotted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    text = (corpus / "blog.yaml").read_text().replace("published: 2026-05", "published: unknown")
    (corpus / "blog.yaml").write_text(text)
    page = parse(render(fixture_report(corpus)))
    figure = timeline_for(page, "Microsoft · stake")
    assert len(figure.find("svg", class_="timeline-wide").find_all("g", class_="point")) == 2
    assert len(figure.find("svg", class_="timeline-narrow").find_all("g", class_="point")) == 2
    assert figure.find("p", class_="undated").text == "Not plotted, undated: Tech Blog (32.5%)."


@pytest.mark.parametrize("first, second, ticks", [
    ("0001", "9999-12-31", ["2000", "4000", "6000", "8000"]),
    ("2026-01-01", "2026-01-01", ["2025-12", "2026-01", "2026-02"]),
    ("2026", "2026-12-31", ["2026-01", "2026-04", "2026-07", "2026-10", "2027-01"]),
    ("1999-12", "2000-01-02", ["1999-12", "2000-01"]),
])
def test_timeline_axis_for_extreme_and_equal_dates(tmp_path: Path, first: str, second: str, ticks: list[str]) -> None:
    for name, date, value in (("a", first, "1"), ("b", second, "2")):
        (tmp_path / f"{name}.yaml").write_text(
            f"source: {{id: {name}, outlet: {name.upper()}, title: t, published: '{date}'}}\n"
            f"claims:\n  - {{id: c, topic: t, subject: S, property: p, value: {value}, statement: s}}\n")
    figure = parse(render(fixture_report(tmp_path))).find("svg", class_="timeline-wide")
    assert [t.text for t in figure.find_all("text", class_="tick-label")] == ticks
    diamonds = [p.attrs["d"] for p in figure.find_all("path", class_="marker")]  # a contradiction
    xs = [float(d[1:].split(",")[0]) for d in diamonds]
    assert len(xs) == 2 and all(60 <= x <= 736 for x in xs)


# --- escaping ---------------------------------------------------------------------------------


def test_no_hostile_markup_survives(page: str, doc: Element) -> None:
    assert len(doc.find_all("script")) == 1
    assert "pwned" not in doc.find("script").text
    assert not doc.find_all("img") and not doc.find_all("b") and not doc.find_all("i") and not doc.find_all("u")
    for element in doc.iter():
        for name in element.attrs:
            assert not name.startswith("on"), f"<{element.tag} {name}=...>"
    svgs = doc.find_all("svg")
    assert all(not any(a.tag == "svg" for a in s.ancestors()) for s in svgs)  # no svg injected into an svg
    assert HOSTILE_SCRIPT not in page


@pytest.mark.parametrize("where", ["h2", "h3", "span.value", "p.statement", "title", "label"])
def test_hostile_text_shows_literally(doc: Element, where: str) -> None:
    tag, _, cls = where.partition(".")
    texts = [e.text for e in doc.find_all(tag, **({"class_": cls} if cls else {}))]
    assert any(HOSTILE_SCRIPT in t or "<b>Sub</b>" in t for t in texts)


def test_hostile_text_in_attributes_stays_inside_its_quotes(doc: Element) -> None:
    positions = doc.find("article", id="con-cf3ba91a30").find_all("section", class_="position")
    assert [p.attrs["aria-label"] for p in positions] == [
        f"Position 1: {HOSTILE_SCRIPT}", "Position 2: ]]></svg><svg onload=\"document.title='pwned'\">"]
    assert [sorted(p.attrs) for p in positions] == [["aria-label", "class"]] * 2
    assert doc.find("article", id="con-cf3ba91a30").find("h3").text.endswith(HOSTILE_ATTRIBUTE)


def test_svg_titles_show_hostile_text_literally(doc: Element) -> None:
    figure = timeline_for(doc, "<b>Sub</b>")
    point_titles = [p.find("title").text for p in figure.find_all("g", class_="point")]
    assert point_titles[0].startswith(f"Evil \"Outlet\" <img src=x onerror=\"document.title='pwned'\"> (hostile), as of 2026: {HOSTILE_SCRIPT}.")
    assert "]]></svg><svg onload=" in point_titles[1]


def test_links_only_to_web_addresses(doc: Element) -> None:
    for anchor in doc.find_all("a"):
        href = anchor.attrs["href"]
        assert href.startswith(("#", "https://", "http://")), href
    hostile = doc.find("article", id="con-cf3ba91a30")
    assert "javascript:document.title='pwned'" in hostile.find("dl", class_="facts").text  # shown, not linked


def test_control_characters_become_visible_placeholders(page: str, doc: Element) -> None:
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", page)
    statement = doc.find("article", id="con-cf3ba91a30").find("p", class_="statement").text
    assert "bell ␇ escape ␛[31m red" in statement


@pytest.mark.parametrize("raw, shown", [
    ("a\x1bb", "a␛b"), ("tab\tand\nnewline", "tab\tand\nnewline"), ("del\x7f", "del␡"),
    ("c1\x85", "c1\\x85"), ("bidi\u202eevil", "bidi\\u202eevil"), ("lone\ud800", "lone\\ud800"),
    ("line\u2028sep", "line\\u2028sep"), ("mark\u200eltr", "mark\\u200eltr"),
    ("plain café", "plain café"),
])
def test_clean(raw: str, shown: str) -> None:
    assert clean(raw) == shown


# --- self-contained and locked down -------------------------------------------------------------


def test_the_page_loads_nothing(doc: Element, page: str) -> None:
    for tag in ("link", "img", "iframe", "object", "embed", "base", "audio", "video", "source"):
        assert not doc.find_all(tag), tag
    for element in doc.iter():
        assert "src" not in element.attrs and "srcset" not in element.attrs
    assert "@import" not in page and "@font-face" not in page
    assert not re.search(r"url\((?!#)", page)  # only same-document references (the arrow marker)


def test_content_security_policy_allows_exactly_the_pages_style_and_script(doc: Element) -> None:
    meta = doc.find("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = dict(part.strip().split(" ", 1) for part in meta.attrs["content"].split(";"))

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == digest(doc.find("style").text)
    assert policy["script-src"] == digest(doc.find("script").text)
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    for element in doc.iter():
        assert "style" not in element.attrs, f"<{element.tag} style=...> would be blocked by the policy"


# --- readable without JavaScript, accessible ----------------------------------------------------


def test_everything_is_visible_without_javascript(doc: Element) -> None:
    hidden = [e for e in doc.iter() if "hidden" in e.attrs]
    assert [e.attrs.get("id") for e in hidden] == ["filters"]  # filters appear only when the script runs
    # folded (native <details>, no script needed): the timelines' data tables, which repeat the charts,
    # and findings that need no decision; a summary line stays visible for each
    folded = doc.find_all("details")
    assert folded and all(d.attrs["class"] in ("timeline-data", "finding-details") for d in folded)
    for details in doc.find_all("details", class_="finding-details"):
        assert details.children[0].tag == "summary" and details.children[0].find("h3")


def test_what_needs_a_decision_is_listed_first_and_stays_unfolded(doc: Element) -> None:
    header = doc.find("header")
    items = header.find("section", id="needs-review").find("ol", class_="review-list").find_all("li")
    assert [li.find("a").attrs["href"] for li in items] == ["#con-cf3ba91a30"]  # reviewed, but left open
    assert items[0].find("span", class_="state").text == "left open on 2026-05-13"
    assert "reviewed, left open" in doc.find("article", id="con-cf3ba91a30").find("p", class_="meta").text
    compact = {a.attrs["id"] for a in doc.find_all("article") if "compact" in a.attrs["class"].split()}
    assert compact == {"con-41b25d0527", "cor-895cdc317c", "cnd-d327cc76a5", "cor-b8109c10e8", "sup-52707c2cdc"}


def test_unreviewed_contradictions_come_before_conditions_in_the_review_list(doc: Element) -> None:
    page = parse(render(build_report(fixture_report().analysis)))  # the same analysis, no reviews
    items = page.find("section", id="needs-review").find_all("li")
    assert [li.attrs["class"] for li in items] == ["kind-contradiction", "kind-contradiction", "kind-condition"]
    assert items[2].find("span", class_="values").text == "20% (until 2030; or until AGI is verified) · 20% (until 2030)"
    assert all(li.find("span", class_="state").text == "not reviewed" for li in items)


def test_a_folded_finding_says_in_one_line_what_is_agreed(doc: Element) -> None:
    summary = doc.find("article", id="sup-52707c2cdc").find("summary")
    assert summary.find("span", class_="agreed").text == "exclusive → non-exclusive"
    assert summary.find("span", class_="verdict").text == "reviewed: superseded"


def test_nothing_to_review_says_so(tmp_path: Path) -> None:
    page = parse(render(fixture_report(tmp_path)))
    assert page.find("p", class_="all-clear").text.startswith("Nothing: ")


def test_filters_use_generated_keys_not_claim_text(doc: Element) -> None:
    boxes = doc.find("form", id="filters").find_all("input")
    values = [(b.attrs["data-filter"], b.attrs["value"]) for b in boxes]
    assert values == [("topic", "t1"), ("topic", "t2"), ("topic", "t3"), ("topic", "t4"),
                      ("kind", "contradiction"), ("kind", "condition"), ("kind", "superseded"),
                      ("kind", "corroborated")]
    for article in doc.find_all("article"):
        assert re.fullmatch(r"t\d+", article.attrs["data-topic"])


def test_landmarks_headings_and_language(doc: Element) -> None:
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("meta", name="viewport")
    assert doc.find("meta", name="color-scheme").attrs["content"] == "light dark"
    for landmark in ("header", "nav", "main", "footer"):
        assert len(doc.find_all(landmark)) == 1, landmark
    assert len(doc.find_all("h1")) == 1
    levels = [int(e.tag[1]) for e in doc.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"


def test_kinds_are_named_in_text_not_only_colour(doc: Element) -> None:
    for article in doc.find_all("article"):
        badge = article.find("span", class_="badge")
        kind = FindingKind(article.attrs["data-kind"])
        assert badge.text.strip().endswith({"contradiction": "Contradiction", "condition": "Condition differs",
                                            "superseded": "Changed over time", "revised": "Revised",
                                            "corroborated": "Corroborated"}[kind.value])


def test_dark_mode_styles_exist(doc: Element) -> None:
    style = doc.find("style").text
    assert "@media (prefers-color-scheme: dark)" in style
    assert "color-scheme: light dark" in style


# --- any text at all stays text ------------------------------------------------------------------

MARKUP_PIECES = st.sampled_from(["<", ">", "&", '"', "'", "</script>", "<svg onload=x>", "]]>", "<!--", "-->",
                                 "&amp;", "&#x3c;", "\x00", "\x1b", "\r\n", "\u202e", "\ud800", "é", "`"])
HOSTILE_TEXT = st.lists(st.one_of(MARKUP_PIECES, st.text(max_size=5)), min_size=1, max_size=8).map("".join)


def one_finding_report(statement: str, outlet: str, value: str, topic: str):
    source_a = Source("a", outlet, outlet, PartialDate(2026, 1, 2), "a.yaml", 1, 1, url=f"https://x.org/{outlet}")
    source_b = Source("b", "B", "B", PartialDate(2026, 3), "b.yaml", 1, 1)
    claim_a = Claim(source_a, "c", topic, outlet, value, parse_value("v" + value), statement, 3, 5)
    claim_b = Claim(source_b, "c", topic, outlet, value, parse_value("w"), statement, 3, 5, condition=statement)
    finding = Finding("con-0123456789", FindingKind.CONTRADICTION, topic, outlet, value,
                      (Position("v" + value, (claim_a,)), Position("w", (claim_b,), qualifier=statement)), note=statement)
    timeline = Timeline(topic, outlet, value, (claim_a, claim_b))
    corpus = Corpus("claims", (source_a, source_b), (claim_a, claim_b), ())
    return build_report(Analysis(corpus, (finding,), (timeline,), ()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statement=HOSTILE_TEXT, outlet=HOSTILE_TEXT, value=HOSTILE_TEXT, topic=HOSTILE_TEXT)
def test_any_claim_text_renders_as_that_text(statement: str, outlet: str, value: str, topic: str) -> None:
    page = render(one_finding_report(statement, outlet, value, topic))
    page.encode("utf-8")  # no lone surrogate survives
    doc = parse(page)
    assert len(doc.find_all("script")) == 1 and len(doc.find_all("style")) == 1
    assert len(doc.find_all("svg", class_="timeline-wide")) == len(doc.find_all("svg", class_="timeline-narrow")) == 1
    for element in doc.iter():
        assert not any(name.startswith("on") for name in element.attrs)
    finding = doc.find("article", id="con-0123456789")
    assert finding.find("p", class_="statement").text == clean(statement)
    assert finding.find("section", class_="position").attrs["aria-label"] == f"Position 1: {clean('v' + value)}"
    assert doc.find("section", class_="topic").find("h2").text == f"Topic {clean(topic)}"
