"""The page's repeated pieces are built once and reused (`html_cards.Cards`): a claim's item in
every card it appears in, a source's outlet, date and title in every claim it holds. Each reuse
must show the text escaped exactly as its first use did.
"""

from __future__ import annotations

from factcheck.dates import PartialDate
from factcheck.formatters.html import clean, render
from factcheck.model import Analysis, Claim, Corpus, Finding, FindingKind, Position, Source, Timeline
from factcheck.report import build_report
from factcheck.values import parse_value

from test_html import parse

STATEMENT = "Says <script>document.title='pwned'</script> & \"quotes\" \x1b[31m \u202e"
OUTLET = "Evil \"Outlet\" <img src=x onerror=\"document.title='pwned'\">"
TITLE = "</title><script>alert(1)</script>"


def _report():
    """One hostile claim in two findings (a contradiction and an agreement), its source holding two claims."""
    hostile = Source("h", OUTLET, TITLE, PartialDate(2026, 1, 2), "h.yaml", 1, 1, url="https://x.org/<h>")
    other = Source("o", "Other", "Other", PartialDate(2026, 3), "o.yaml", 1, 1)
    said = Claim(hostile, "a", "<t>", "<s>", "<p>", parse_value("10"), STATEMENT, 3, 5)
    agreeing = Claim(other, "b", "<t>", "<s>", "<p>", parse_value("10"), "Agrees.", 3, 5)
    second = Claim(hostile, "c", "<t>", "<s>", "<p>", parse_value("20"), STATEMENT + " again", 9, 5)
    contradiction = Finding("con-0123456789", FindingKind.CONTRADICTION, "<t>", "<s>", "<p>",
                            (Position("10", (said, agreeing)), Position("20", (second,))))
    agreement = Finding("cor-0123456789", FindingKind.CORROBORATED, "<t>", "<s>", "<p>", (Position("10", (said, agreeing)),))
    corpus = Corpus("claims", (hostile, other), (said, agreeing, second), ())
    timeline = Timeline("<t>", "<s>", "<p>", (said, agreeing, second))
    return build_report(Analysis(corpus, (contradiction, agreement), (timeline,), ()))


def test_a_claim_in_two_cards_is_escaped_in_both() -> None:
    page = render(_report())
    doc = parse(page)
    cards = [doc.find("article", id="con-0123456789"), doc.find("article", id="cor-0123456789")]
    statements = [[p.text for p in card.find_all("p", class_="statement")] for card in cards]
    assert statements == [[clean(STATEMENT), "Agrees.", clean(STATEMENT + " again")], [clean(STATEMENT), "Agrees."]]
    assert page.count("Says &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &amp; &#34;quotes&#34;") == 3 + 2 * 2  # cards; charts' point titles
    assert len(doc.find_all("script")) == 1 and not doc.find_all("img")


def test_a_sources_outlet_and_title_are_escaped_in_each_of_its_claims() -> None:
    doc = parse(render(_report()))
    claims = [item for item in doc.find_all("li", class_="claim") if item.find("dd").text == OUTLET]
    assert len(claims) == 3  # both of its claims in the contradiction, one in the agreement
    for item in claims:
        assert item.find("a").attrs == {"href": "https://x.org/<h>", "rel": "noreferrer noopener"}
        assert item.find("span", class_="title").text == TITLE
        assert item.find("dd").text == OUTLET
