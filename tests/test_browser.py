"""The HTML report in a real browser: headless Chromium over the DevTools protocol.

Run with `make test-browser` (installs Debian's chromium if missing). Skipped,
with the reason, when no Chromium is installed. Set FACTCHECK_SCREENSHOTS to a
folder to keep the screenshots (desktop and narrow, light and dark) for a look.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from chromium_devtools import Chromium, find_chromium
from factcheck.engine import analyse
from factcheck.formatters.html import render
from factcheck.loader import load_corpus
from factcheck.report import build_report
from factcheck.resolutions import read_resolutions

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "html" / "corpus"
SEED_CORPUS = ROOT / "claims"
HOSTILE_SCRIPT = "<script>document.title='pwned'</script>"
CHROMIUM = find_chromium()

if CHROMIUM is None:
    pytest.skip("no Chromium installed (looked for FACTCHECK_CHROMIUM, /usr/bin/chromium, chromium, chromium-browser, "
                "google-chrome); "
                "`make test-browser` installs Debian's chromium and runs these tests", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with Chromium(CHROMIUM) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The report of each corpus with its reviews, as `factcheck report --format html` makes it."""
    out = tmp_path_factory.mktemp("pages")
    rendered = {}
    for name, corpus in (("fixture", FIXTURE_CORPUS), ("seed", SEED_CORPUS)):
        if not corpus.is_dir() or not any(corpus.rglob("*.y*ml")):
            continue
        loaded = load_corpus(corpus)
        resolutions, problems = read_resolutions(loaded)
        report = build_report(analyse(loaded), resolutions=resolutions, extra_diagnostics=problems)
        page = out / f"{name}.html"
        page.write_text(render(report), encoding="utf-8")
        rendered[name] = page
    return rendered


def page_of(pages: dict[str, Path], name: str) -> Path:
    if name not in pages:
        pytest.skip(f"the {name} corpus ({SEED_CORPUS}) has no YAML files yet")
    return pages[name]


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


VIEWS = [
    pytest.param(1280, False, id="desktop-light"),
    pytest.param(1280, True, id="desktop-dark"),
    pytest.param(390, False, id="narrow-light"),
    pytest.param(390, True, id="narrow-dark"),
]

# The timelines the reader sees: each chart has a wide and a phone layout, and CSS shows one of them.
TIMELINE_SIZES = """JSON.stringify(Array.from(document.querySelectorAll('svg.timeline-svg'))
    .filter(svg => getComputedStyle(svg).display !== 'none').map(svg => {
  const box = svg.getBoundingClientRect();
  const points = Array.from(svg.querySelectorAll('g.point')).map(p => p.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0).length;
  return {width: box.width, height: box.height, points: points,
          layout: svg.classList.contains('timeline-narrow') ? 'narrow' : 'wide'};
}))"""


@pytest.mark.parametrize("corpus", ["fixture", "seed"])
@pytest.mark.parametrize("width, dark", VIEWS)
def test_page_renders_without_errors_and_shows_timelines(browser, pages, tmp_path, corpus, width, dark) -> None:
    page = page_of(pages, corpus)
    browser.problems.clear()
    browser.open(page, width=width, height=900, dark=dark)
    assert browser.problems == []
    assert browser.evaluate("document.title").startswith("Fact-check report: ")

    expected = page.read_text(encoding="utf-8").count('<figure class="timeline"')
    timelines = json.loads(browser.evaluate(TIMELINE_SIZES))
    assert len(timelines) == expected
    if corpus == "fixture":
        assert expected == 4
    layout = "narrow" if width < 600 else "wide"
    for timeline in timelines:
        assert timeline["width"] > 0 and timeline["height"] > 0 and timeline["layout"] == layout
        assert timeline["points"] >= 2
    assert browser.evaluate("document.documentElement.scrollWidth <= innerWidth")  # nothing sticks out sideways
    if not dark:  # asked of this load rather than a load of its own (~0.15 s each): the same four views
        assert_no_two_labels_overlap_and_none_is_cut_off(browser)

    if os.environ.get("FACTCHECK_SCREENSHOTS"):  # for a person to look at; a whole page costs ~0.5 s to take
        view = f"{corpus}-{'narrow' if width < 600 else 'desktop'}-{'dark' if dark else 'light'}"
        browser.screenshot(screenshot_dir(tmp_path) / f"{view}.png")


def test_hostile_claim_is_shown_as_text_and_runs_nothing(browser, pages) -> None:
    browser.problems.clear()
    browser.open(page_of(pages, "fixture"))
    assert browser.problems == []  # a blocked inline script would be reported here too
    assert "pwned" not in browser.evaluate("document.title")
    assert browser.evaluate("document.querySelectorAll('script').length") == 1
    assert browser.evaluate("document.querySelectorAll('img, iframe, object, embed, b, i, u, svg svg').length") == 0
    assert not browser.evaluate(
        "Array.from(document.querySelectorAll('*')).some(e => Array.from(e.attributes).some(a => a.name.startsWith('on')))")
    text = browser.evaluate("document.body.innerText")
    assert HOSTILE_SCRIPT in text
    assert "]]></svg><svg onload=\"document.title='pwned'\">" in text
    assert browser.evaluate("document.querySelector('#con-cf3ba91a30 h3').textContent").endswith(
        "\" onmouseover=\"document.title='pwned'")
    # hovering the hostile point shows its title as text; nothing runs
    browser.evaluate("document.querySelectorAll('g.point').forEach(p => p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))")
    assert "pwned" not in browser.evaluate("document.title")


VISIBLE_FINDINGS = "Array.from(document.querySelectorAll('article.finding')).filter(a => a.offsetParent !== null).map(a => a.dataset.kind)"


def test_filters_hide_by_kind_and_topic(browser, pages) -> None:
    browser.open(page_of(pages, "fixture"))
    assert browser.evaluate("getComputedStyle(document.getElementById('filters')).display") != "none"
    assert len(browser.evaluate(VISIBLE_FINDINGS)) == 6
    browser.evaluate("document.querySelector(\"input[data-filter='kind'][value='contradiction']\").click()")
    assert sorted(browser.evaluate(VISIBLE_FINDINGS)) == ["condition", "corroborated", "corroborated", "superseded"]
    assert browser.evaluate("document.getElementById('filters-status').textContent") == "Showing 4 of 6 findings."
    assert browser.evaluate("document.getElementById('topic-t1').offsetParent") is None  # its only finding is hidden
    browser.evaluate("document.querySelector(\"input[data-filter='topic'][value='t3']\").click()")
    assert sorted(browser.evaluate(VISIBLE_FINDINGS)) == ["corroborated", "superseded"]
    browser.evaluate("document.getElementById('filters-reset').click()")
    assert len(browser.evaluate(VISIBLE_FINDINGS)) == 6
    assert browser.problems == []


def test_everything_is_readable_with_javascript_off(browser, pages) -> None:
    browser.open(page_of(pages, "fixture"), javascript=False)
    try:
        assert browser.evaluate("getComputedStyle(document.getElementById('filters')).display") == "none"
        assert len(browser.evaluate(VISIBLE_FINDINGS)) == 6
        assert len(json.loads(browser.evaluate(TIMELINE_SIZES))) == 4
    finally:
        browser.open(page_of(pages, "fixture"))  # scripts back on for the other tests


CONTRAST = """(() => {
  const channels = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = e => {
    for (; e; e = e.parentElement) {
      const c = channels(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) { return c; }
    }
    return [255, 255, 255];
  };
  const ratio = (a, b) => { const x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const worst = {};
  for (const selector of SELECTORS) {
    for (const e of document.querySelectorAll(selector)) {
      const style = getComputedStyle(e);
      const ink = channels(e instanceof SVGElement ? style.fill : style.color);
      const r = ratio(ink, background(e));
      worst[selector] = Math.min(worst[selector] || 99, Math.round(r * 100) / 100);
    }
  }
  return worst;
})()"""
TEXT_SELECTORS = [
    "body", "h1", ".badge-contradiction", ".badge-condition", ".badge-superseded", ".badge-corroborated",
    ".meta", ".position-label", ".qualifier", ".facts dt", ".kind-help", "a", ".ref", ".by", ".topic-label",
    ".legend", ".problems code", ".tick-label", ".lane-label", ".link-label",
    ".review-list .state", ".finding-details .sources", ".finding-details .verdict",
]
GRAPHIC_SELECTORS = [".point-plain .marker", ".point-contradicted .marker", ".point-changed .marker"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_and_marks_have_enough_contrast(browser, pages, dark) -> None:
    browser.open(page_of(pages, "fixture"), dark=dark)
    text = browser.evaluate(CONTRAST.replace("SELECTORS", json.dumps(TEXT_SELECTORS)))
    assert set(text) == set(TEXT_SELECTORS)  # every selector matched something
    assert {s: r for s, r in text.items() if r < 4.5} == {}  # WCAG AA for text
    marks = browser.evaluate(CONTRAST.replace("SELECTORS", json.dumps(GRAPHIC_SELECTORS)))
    assert {s: r for s, r in marks.items() if r < 3} == {}  # WCAG AA for graphics
    background = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(21, 22, 26)" if dark else "rgb(255, 255, 255)")


# --- the first screen, labels that never overlap, a phone's width -------------------------------

FIRST_SCREEN = """JSON.stringify((() => {
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  const review = document.getElementById('needs-review');
  const items = Array.from(review.querySelectorAll('li, .all-clear'));
  return {summary: box(document.querySelector('dl.summary')), review: box(review.querySelector('h2')),
          first_item: items.length ? box(items[0]) : null, screen: innerHeight};
})())"""


@pytest.mark.parametrize("corpus", ["fixture", "seed"])
@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_summary_and_what_needs_review_are_on_the_first_screen(browser, pages, tmp_path, corpus, width, height) -> None:
    browser.open(page_of(pages, corpus), width=width, height=height)
    seen = json.loads(browser.evaluate(FIRST_SCREEN))
    assert seen["summary"]["bottom"] <= seen["screen"]
    assert seen["review"]["bottom"] <= seen["screen"]
    assert seen["first_item"] is not None and seen["first_item"]["bottom"] <= seen["screen"]
    if width == 1280:  # on a desktop the whole list fits beside the counts
        last = browser.evaluate("document.querySelector('#needs-review').getBoundingClientRect().bottom")
        assert last <= height
    # Asked of this load rather than a load of their own (~0.15 s each): the views they need.
    if width == 1280:
        assert_corroborations_take_one_line_each_until_opened(browser)
    else:
        assert_timelines_are_readable_at_phone_width(browser, corpus, tmp_path)


LABEL_OVERLAPS = """JSON.stringify(Array.from(document.querySelectorAll('svg.timeline-svg'))
    .filter(svg => getComputedStyle(svg).display !== 'none').map(svg => {
  const labels = Array.from(svg.querySelectorAll('text')).map(t => [t.textContent, t.getBoundingClientRect()]);
  const overlaps = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i][1], b = labels[j][1];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        overlaps.push(labels[i][0] + ' / ' + labels[j][0]);
      }
    }
  }
  return {figure: svg.closest('figure').id, labels: labels.length, overlaps: overlaps};
}))"""


TEXT_OUTSIDE = """JSON.stringify(Array.from(document.querySelectorAll('svg.timeline-svg'))
    .filter(svg => getComputedStyle(svg).display !== 'none').flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return Array.from(svg.querySelectorAll('text')).map(t => [t.textContent, t.getBoundingClientRect()])
    .filter(([_, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5).map(([label]) => label);
}))"""


def assert_no_two_labels_overlap_and_none_is_cut_off(browser) -> None:
    """Of the page loaded: no two labels of a timeline overlap, and no chart text is past the chart's
    edges (test_page_renders_without_errors_and_shows_timelines asks this of its light views: each
    corpus at desktop and phone width, 900 px high)."""
    charts = json.loads(browser.evaluate(LABEL_OVERLAPS))
    assert charts and all(chart["labels"] >= 2 for chart in charts)  # a lane and the axis at least
    assert {c["figure"]: c["overlaps"] for c in charts if c["overlaps"]} == {}
    assert json.loads(browser.evaluate(TEXT_OUTSIDE)) == []  # no chart text past the chart's edges


def test_label_placement_avoids_a_crowded_middle(tmp_path, browser) -> None:
    """A contradiction (2024-01 to 2026-02) and a change (2024-01 to 2025-10) from one point: the seed's overlap."""
    corpus = tmp_path / "claims"
    corpus.mkdir()
    for name, published, value, since in (("a", "2024-01-01", "exclusive", None), ("d", "2024-01-05", "exclusive", None),
                                          ("c", "2025-10-01", "shared", "2025-10-01"), ("b", "2026-02-01", "shared", None)):
        since_line = f", since: '{since}'" if since else ""
        (corpus / f"{name}.yaml").write_text(
            f"source: {{id: {name}, outlet: {name.upper()}, title: t, published: '{published}'}}\n"
            f"claims:\n  - {{id: c, topic: t, subject: S, property: access, value: {value}{since_line}, statement: s}}\n")
    loaded = load_corpus(corpus)
    page = tmp_path / "crowded.html"
    page.write_text(render(build_report(analyse(loaded))), encoding="utf-8")
    for width in (1280, 390):
        browser.open(page, width=width, height=900)
        charts = json.loads(browser.evaluate(LABEL_OVERLAPS))
        assert len(charts) == 1 and charts[0]["overlaps"] == []


PHONE_CHARTS = """JSON.stringify(Array.from(document.querySelectorAll('svg.timeline-svg'))
    .filter(svg => getComputedStyle(svg).display !== 'none').map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const sizes = Array.from(svg.querySelectorAll('text')).map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const links = Array.from(svg.querySelectorAll('.link-label')).map(t => t.getBoundingClientRect())
    .map(r => ({left: r.left, right: r.right}));
  return {figure: svg.closest('figure').id, left: box.left, right: box.right, smallest: Math.min(...sizes), links: links};
}))"""


def assert_timelines_are_readable_at_phone_width(browser, corpus: str, tmp_path: Path) -> None:
    """Of the page loaded at 390 x 844 (test_summary_and_what_needs_review_are_on_the_first_screen, phone)."""
    charts = json.loads(browser.evaluate(PHONE_CHARTS))
    assert charts
    for chart in charts:
        assert chart["left"] >= 0 and chart["right"] <= 390, chart  # no sideways scrolling to find the change
        assert chart["smallest"] >= 11.5, chart  # chart text at a legible size, not scaled down
        for link in chart["links"]:  # the key change (an arrow or a contradiction) and its label are on screen
            assert link["left"] >= 0 and link["right"] <= 390, chart
    if os.environ.get("FACTCHECK_SCREENSHOTS"):  # for a person to look at: ~0.3 s a chart
        folder = screenshot_dir(tmp_path)
        for chart in charts:
            browser.screenshot_element(f"#{chart['figure']}", folder / f"{corpus}-phone-{chart['figure']}.png")
            assert (folder / f"{corpus}-phone-{chart['figure']}.png").stat().st_size > 1000


FOLDED = """JSON.stringify(Array.from(document.querySelectorAll('article.finding.compact')).map(a => ({
  kind: a.dataset.kind, height: a.getBoundingClientRect().height,
  line: parseFloat(getComputedStyle(a.querySelector('summary')).lineHeight),
  open: a.querySelector('details').open})))"""


def assert_corroborations_take_one_line_each_until_opened(browser) -> None:
    """Of the page loaded at 1280 x 900 (test_summary_and_what_needs_review_are_on_the_first_screen, desktop)."""
    folded = json.loads(browser.evaluate(FOLDED))
    assert "corroborated" in {f["kind"] for f in folded}
    for finding in folded:
        assert not finding["open"]
        assert finding["height"] < 2 * finding["line"] + 16, finding  # one line, its border and padding


def test_a_folded_finding_opens_without_javascript(browser, pages) -> None:
    browser.open(page_of(pages, "fixture"), javascript=False)
    try:
        folded = "document.querySelector('#cor-895cdc317c')"
        shown = f"{folded}.querySelector('.positions').checkVisibility()"
        height = f"{folded}.getBoundingClientRect().height"
        assert browser.evaluate(shown) is False
        closed = browser.evaluate(height)
        browser.evaluate(f"{folded}.querySelector('summary').click()")  # the browser's own toggle, no script of ours
        assert browser.evaluate(f"{folded}.querySelector('details').open") is True
        assert browser.evaluate(shown) is True and browser.evaluate(height) > closed + 100
    finally:
        browser.open(page_of(pages, "fixture"))
