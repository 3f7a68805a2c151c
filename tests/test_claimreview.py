"""`factcheck export --format claimreview`: schema.org ClaimReview JSON-LD.

The structure is checked against the fields schema.org defines and Google's
ClaimReview profile requires or recommends (encoded below; nothing is fetched).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.claimreview import BEST_RATING, WORST_RATING, claim_reviews, to_json
from factcheck.cli import app
from factcheck.engine import analyse
from factcheck.loader import load_corpus
from factcheck.resolutions import read_resolutions

CORPUS = Path(__file__).parent / "fixtures" / "html" / "corpus"
BASE_URL = "https://factcheck.example.org/report.html"
ENV = {"_TYPER_FORCE_DISABLE_TERMINAL": "1"}

# Google's ClaimReview profile (developers.google.com/search/docs/appearance/structured-data/factcheck).
GOOGLE_REQUIRED = {
    "ClaimReview": {"claimReviewed", "reviewRating", "url"},
    "Rating": {"alternateName"},
}
GOOGLE_RECOMMENDED = {
    "ClaimReview": {"author", "datePublished", "itemReviewed"},
    "Claim": {"appearance", "author", "datePublished", "firstAppearance"},
    "Rating": {"bestRating", "name", "ratingValue", "worstRating"},
}
# Properties schema.org defines on each type (the ones an export may use), and the types they expect.
SCHEMA_ORG_PROPERTIES = {
    "ClaimReview": {"@type", "name", "identifier", "claimReviewed", "itemReviewed", "author", "datePublished",
                    "reviewBody", "reviewRating", "url"},
    "Claim": {"@type", "author", "datePublished", "appearance", "firstAppearance"},
    "Rating": {"@type", "alternateName", "name", "ratingValue", "bestRating", "worstRating"},
    "CreativeWork": {"@type", "url", "headline"},
    "Organization": {"@type", "name"},
    "Person": {"@type", "name"},
}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def run(*args: str):
    return CliRunner().invoke(app, ["export", *args], env=ENV)


def export(corpus: Path = CORPUS, url: str | None = BASE_URL) -> tuple[dict, object]:
    result = run(str(corpus), *(["--url", url] if url else []))
    return json.loads(result.stdout), result


def check_item(item: dict, expected_type: str) -> None:
    assert item["@type"] == expected_type
    assert set(item) <= SCHEMA_ORG_PROPERTIES[expected_type], set(item) - SCHEMA_ORG_PROPERTIES[expected_type]


def check_claim_review(review: dict, with_url: bool = True) -> None:
    check_item(review, "ClaimReview")
    required = GOOGLE_REQUIRED["ClaimReview"] - (set() if with_url else {"url"})
    assert required <= set(review), required - set(review)
    assert GOOGLE_RECOMMENDED["ClaimReview"] <= set(review)
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    assert ISO_DATE.fullmatch(review["datePublished"])
    check_item(review["author"], "Person")
    assert review["author"]["name"]

    claim = review["itemReviewed"]
    check_item(claim, "Claim")
    assert {"author", "datePublished"} <= set(claim)
    check_item(claim["author"], "Organization")
    assert ISO_DATE.fullmatch(claim["datePublished"])
    for work in claim.get("appearance", []):
        check_item(work, "CreativeWork")
        assert work["url"].startswith(("https://", "http://"))
    if "appearance" in claim:
        assert claim["firstAppearance"] == claim["appearance"][0]

    rating = review["reviewRating"]
    check_item(rating, "Rating")
    assert GOOGLE_REQUIRED["Rating"] | GOOGLE_RECOMMENDED["Rating"] <= set(rating)
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert (rating["worstRating"], rating["bestRating"]) == (WORST_RATING, BEST_RATING)


def test_every_review_has_the_fields_schema_org_and_google_require() -> None:
    document, result = export()
    assert document["@context"] == "https://schema.org"
    assert set(document) == {"@context", "@graph"}
    assert len(document["@graph"]) == 6
    for review in document["@graph"]:
        check_claim_review(review)


# One ClaimReview per claim the verdict is about: the wrong source's claims, the
# outdated side of a change, every claim when both hold or it stays open.
EXPECTED = {
    "con-41b25d0527:blog-2026-05/stake": ("False", 1, "Tech Blog", "2026-05", None),
    "sup-52707c2cdc:daily-2025-10-28/ip-exclusivity":
        ("Outdated", 2, "The Daily Ledger", "2025-10-28", "https://example.org/daily/partnership-terms"),
    "cnd-d327cc76a5:daily-2025-10-28/revenue-share":
        ("Both hold (different scope)", 4, "The Daily Ledger", "2025-10-28", "https://example.org/daily/partnership-terms"),
    "cnd-d327cc76a5:wire-2026-04-27/revenue-share":
        ("Both hold (different scope)", 4, "Wire Service", "2026-04-27", "https://example.org/wire/licence"),
    "con-cf3ba91a30:hostile/script-value": ("Unresolved", 3, None, "2026-03-01", None),
    "con-cf3ba91a30:hostile/other-value": ("Unresolved", 3, None, "2026-03-01", None),
}


def test_which_claims_are_reviewed_and_how_they_are_rated() -> None:
    document, _ = export()
    reviews = {r["identifier"]: r for r in document["@graph"]}
    assert set(reviews) == set(EXPECTED)
    for identifier, (words, value, outlet, published, url) in EXPECTED.items():
        review = reviews[identifier]
        assert review["reviewRating"]["alternateName"] == words
        assert review["reviewRating"]["ratingValue"] == value
        if outlet:
            assert review["itemReviewed"]["author"]["name"] == outlet
        assert review["itemReviewed"]["datePublished"] == published
        if url:
            assert review["itemReviewed"]["appearance"] == [
                {"@type": "CreativeWork", "url": url, "headline": review["itemReviewed"]["appearance"][0]["headline"]}]
        else:
            assert "appearance" not in review["itemReviewed"]  # no URL, or not a web address (javascript:)
        assert review["url"] == f"{BASE_URL}#{identifier.split(':')[0]}"


def test_review_author_date_and_note_come_from_the_resolution() -> None:
    document, _ = export()
    review = next(r for r in document["@graph"] if r["identifier"].startswith("sup-"))
    assert review["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert review["datePublished"] == "2026-05-11"
    assert review["reviewBody"] == "The April rewrite ended exclusivity; the older claim was true when made."
    assert review["claimReviewed"] == "Microsoft holds an exclusive licence to OpenAI's IP."
    assert review["name"] == "Microsoft · license to OpenAI IP, exclusivity"


def test_counts_and_problems_go_to_stderr() -> None:
    _, result = export()
    assert result.exit_code == 1  # bad.yaml is invalid; the rest is exported
    lines = result.stderr.splitlines()
    assert "tests/fixtures/html/corpus/bad.yaml:5:22: source.published: impossible date '2026-02-30': February 2026 has 28 days [bad-date]" in lines
    assert "6 ClaimReviews from 4 reviewed findings." in lines
    assert ("tests/fixtures/html/corpus/_resolutions.yaml:23:5: review of con-0000000000 matches no current "
            "finding; left out") in lines
    assert not any("unreviewed" in line for line in lines)  # only corroborated findings lack a review


@pytest.fixture
def partly_reviewed(tmp_path: Path) -> Path:
    """The fixture corpus without the invalid file and with only the change reviewed."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "bad.yaml").unlink()
    (corpus / "_resolutions.yaml").write_text(
        "resolutions:\n"
        "  - id: sup-52707c2cdc\n    verdict: superseded\n    note: Changed in April.\n"
        "    by: Jane Doe\n    date: 2026-05-11\n"
    )
    return corpus


def test_unreviewed_findings_are_left_out_and_counted(partly_reviewed: Path) -> None:
    document, result = export(partly_reviewed)
    assert result.exit_code == 0
    assert [r["identifier"] for r in document["@graph"]] == ["sup-52707c2cdc:daily-2025-10-28/ip-exclusivity"]
    assert result.stderr.splitlines() == [
        "1 ClaimReview from 1 reviewed finding.",
        "3 unreviewed findings left out (record a verdict in _resolutions.yaml to export them).",
    ]


def test_without_url_reviews_have_no_url_and_a_note_says_google_wants_one(partly_reviewed: Path) -> None:
    document, result = export(partly_reviewed, url=None)
    assert result.exit_code == 0
    for review in document["@graph"]:
        assert "url" not in review
        check_claim_review(review, with_url=False)
    assert result.stderr.splitlines()[-1] == (
        "note: no --url given, so the reviews have no 'url' (Google's ClaimReview profile requires one)")


def test_no_reviews_gives_an_empty_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("_resolutions.yaml", "bad.yaml"))
    document, result = export(corpus)
    assert result.exit_code == 0
    assert document == {"@context": "https://schema.org", "@graph": []}
    assert result.stderr.splitlines() == [
        "0 ClaimReviews from 0 reviewed findings.",
        "4 unreviewed findings left out (record a verdict in _resolutions.yaml to export them).",
    ]


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "reviews.jsonld"
    result = run(str(CORPUS), "--url", BASE_URL, "-o", str(out))
    assert result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["@graph"]) == 6


def test_claim_text_cannot_close_a_script_element() -> None:
    result = run(str(CORPUS), "--url", BASE_URL)
    assert "<" not in result.stdout and ">" not in result.stdout and "&" not in result.stdout
    document = json.loads(result.stdout)
    texts = [r["claimReviewed"] for r in document["@graph"]]
    assert any("<script>document.title='pwned'</script>" in t for t in texts)  # the value is intact
    assert any("\x1b[31m" in t for t in texts)  # control characters are JSON-escaped, not lost


def test_to_json_escapes_line_separators() -> None:
    assert to_json({"a": "x\u2028y</script>"}) == '{\n  "a": "x\\u2028y\\u003c/script\\u003e"\n}\n'


@pytest.mark.parametrize("args, message", [
    (["--format", "csv"], "error: --format 'csv': choose from claimreview"),
    (["--url", "ftp://x"], "error: --url 'ftp://x': give an http(s) address"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(str(CORPUS), *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert result.stdout == ""


def test_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: no such file or folder: {tmp_path / 'nope'}"


def test_library_use_matches_the_command() -> None:
    corpus = load_corpus(CORPUS)
    resolutions, _ = read_resolutions(corpus)
    export_data = claim_reviews(analyse(corpus), resolutions, BASE_URL)
    document, _ = export()
    assert export_data.document == document
    assert [f.id for f in export_data.reviewed] == ["con-cf3ba91a30", "con-41b25d0527", "cnd-d327cc76a5",
                                                   "sup-52707c2cdc"]
    assert [r.finding_id for r in export_data.stale] == ["con-0000000000"]


def test_help_names_the_format() -> None:
    result = CliRunner().invoke(app, ["export", "--help"], env=ENV)
    assert result.exit_code == 0
    assert "ClaimReview" in result.stdout and "--url" in result.stdout
