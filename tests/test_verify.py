"""`factcheck verify`: quotes, figures and coverage checked against articles.

The fixture corpora under tests/fixtures/verify are small invented articles:
- corpus-ok: every quote and figure is found (exactly, normalised, fuzzily, in
  other forms), one sentence is left uncovered, and one source has no text;
- corpus-bad: a missing quote, a figure absent from the article (in the value
  and in a statement);
- corpus-outside: a `text:` path that leaves the corpus folder;
- articles: the explicit --articles folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.formatters.ghactions import annotation
from factcheck.textsafe import github_data as escape_data, github_log_line as plain_line, github_property as escape_property
from factcheck.provenance import (
    QUOTE_THRESHOLD,
    Article,
    QuoteStatus,
    find_figures,
    find_quote,
    normalise,
)
from factcheck.loader import load_corpus
from factcheck.provenance import verify as verify_corpus
from factcheck.workspace import load_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "verify"
REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def verify(root, articles=None):
    """verify() on the corpus at `root`, loaded as `factcheck verify` loads it."""
    workspace = load_workspace(root)
    return verify_corpus(workspace.corpus, articles, explanations=workspace.explanations,
                         settings_problems=workspace.settings_problems)


def test_verify_receives_the_corpus_and_never_loads_one(monkeypatch):
    import factcheck.loader

    corpus = load_corpus("corpus-ok")
    monkeypatch.setattr(factcheck.loader, "load_corpus", lambda *a, **k: pytest.fail("verify loaded a corpus"))
    result = verify_corpus(corpus)
    assert (result.root, result.source_count, result.claim_count) == ("corpus-ok", len(corpus.sources), len(corpus.claims))


@pytest.fixture(autouse=True)
def in_fixtures(monkeypatch):
    """Paths in messages are relative to the working directory: run from the fixtures."""
    monkeypatch.chdir(FIXTURES)
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")


def run(*args: str):
    return CliRunner().invoke(app, ["verify", *args])


def diagnostics(result) -> list[tuple[str, int, int, str]]:
    return [(d.path, d.line, d.column, d.code) for d in result.diagnostics]


# --- quotes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim_id", "status"),
    [
        ("vote-date", QuoteStatus.EXACT),
        ("cost", QuoteStatus.EXACT),
        ("terminal", QuoteStatus.NORMALISED),   # straight apostrophe, curly in the article
        ("berthing", QuoteStatus.NORMALISED),   # extra spaces
        ("capacity", QuoteStatus.FUZZY),        # "per cent" for "percent"
    ],
)
def test_quotes_are_found_exactly_normalised_or_fuzzily(claim_id, status):
    result = verify("corpus-ok")
    checks = {q.claim.id: q for q in result.quotes}
    check = checks[claim_id]
    assert check.status is status
    assert check.found
    if status is QuoteStatus.FUZZY:
        assert QUOTE_THRESHOLD <= check.score < 100
    else:
        assert check.score == 100


def test_a_normalised_match_points_at_the_article_text():
    check = {q.claim.id: q for q in verify("corpus-ok").quotes}["terminal"]
    assert (check.passage.line, check.passage.column) == (4, 16)
    assert check.passage.text == "the port\u2019s new container terminal"


def test_a_missing_quote_is_located_with_the_closest_passage():
    result = verify("corpus-bad")
    missing = [d for d in result.diagnostics if d.code == "quote-missing"]
    assert [(d.path, d.line, d.column) for d in missing] == [("corpus-bad/ferry.yaml", 35, 12)]
    check = {q.claim.id: q for q in result.quotes}["route-closure"]
    assert check.status is QuoteStatus.MISSING
    assert check.passage.text == "The coastal route will close in winter"
    assert (check.passage.line, check.passage.column) == (3, 1)
    assert 50 < check.score < QUOTE_THRESHOLD
    assert missing[0].message == (
        "isles-post-2026-01-10/route-closure: quote 'the harbour route will shut next winter' not found in "
        f"corpus-bad/texts/ferry.txt; closest passage (score {check.score:.0f}, needs 90) at "
        "corpus-bad/texts/ferry.txt:3:1: 'The coastal route will close in winter'"
    )


def test_a_fuzzy_match_never_changes_a_number():
    article = Article("a.txt", "The island ferry service will raise fares by 12% from March 2026.")
    status, score, passage = find_quote("raise fares by 15% from March", article)
    assert status is QuoteStatus.MISSING
    assert score >= QUOTE_THRESHOLD
    assert passage.text == "raise fares by 12% from March"
    assert find_quote("raise fares by 12 % from March", article)[0] is QuoteStatus.FUZZY


def test_short_quotes_must_match_once_normalised():
    article = Article("a.txt", "Fares rise by 12% in March.")
    assert find_quote("fares rose", article)[0] is QuoteStatus.MISSING
    assert find_quote("FARES  RISE", article)[0] is QuoteStatus.NORMALISED


def test_normalise_folds_case_space_quotes_and_dashes():
    assert normalise("  It\u2019s  \u201cTwo\u201d\u2014Three\n") == "it's \"two\"-three"


# --- figures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("rose by 27 percent", [("27 percent", 27.0, "%")]),
        ("rose 27% in a year", [("27%", 27.0, "%")]),
        ("worth $135 billion", [("$135 billion", 135e9, "USD")]),
        ("worth 135 billion dollars", [("135 billion dollars", 135e9, "USD")]),
        ("cut 1,200 jobs in 15 months", [("1,200", 1200.0, None), ("15", 15.0, None)]),
        ("runs until 2032.", [("2032", 2032.0, None)]),
        ("GPT-5.5 and COVID-19 [3] are names and markers", []),
    ],
)
def test_numbers_in_text(text, found):
    assert [(m.text, m.number.magnitude, m.number.unit) for m in find_figures(text)] == found


@pytest.mark.parametrize(
    ("text", "date"),
    [("on January 21, 2025,", "2025-01-21"), ("on 21 January 2025", "2025-01-21"),
     ("on 2025-01-21", "2025-01-21"), ("in Jan. 2025", "2025-01"), ("by March 2026", "2026-03")],
)
def test_dates_in_text(text, date):
    mentions = find_figures(text)
    assert [str(m.date) for m in mentions] == [date]


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("reopens on Aug. 19 after", "2026-04-27", "2026-08-19"),
        ("reopens on August 19.", "2026-04-27", "2026-08-19"),
        ("ends on 3 September", "2026-04-27", "2026-09-03"),
        ("signed on December 30", "2026-01-05", "2025-12-30"),   # the nearest December 30 is last year's
        ("due on January 4", "2025-12-20", "2026-01-04"),        # and the nearest January 4 next year's
        ("on August 19", "2026", "2026-08-19"),                  # only the year known: that year
        ("on August 19, 2024", "2026-04-27", "2024-08-19"),      # a year written is kept
        ("on February 30", "2026-04-27", None),                  # no such day
        ("it may 5 times", "2026-04-27", None),                  # not a month name
    ],
)
def test_dates_without_a_year_are_read_against_the_publication_date(text, published, date):
    from factcheck.dates import parse_date

    dates = [str(m.date) for m in find_figures(text, parse_date(published)) if m.date is not None]
    assert dates == ([date] if date else [])


def test_dates_without_a_year_need_a_publication_date():
    assert [m for m in find_figures("reopens on Aug. 19") if m.date is not None] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("six million users", [("six million", 6e6, 5.5e6, None)]),
        ("four sites", [("four", 4, 3.5, None)]),
        ("twenty-five percent of it", [("twenty-five percent", 25, 24.5, "%")]),
        ("a dozen deals", [("a dozen", 12, 11.5, None)]),
        ("Three hundred and twelve staff", [("Three hundred and twelve", 312, 311.5, None)]),
        ("2.5 billion and two billion dollars", [("2.5 billion", 2.5e9, 2.45e9, None),
                                                 ("two billion dollars", 2e9, 1.5e9, "USD")]),
        ("a four-year deal", [("four", 4, 3.5, None)]),           # as `a 4-year deal` reads 4
        ("ten and eleven", [("ten", 10, 9.5, None), ("eleven", 11, 10.5, None)]),
        ("one of the firms; the new one", []),                    # "one" alone is a pronoun here
        ("a million", [("a million", 1e6, 0.5e6, None)]),
        ("millions of users", []),
    ],
)
def test_numbers_written_in_words(text, found):
    mentions = find_figures(text, spelled="all")
    assert [(m.text, m.number.magnitude, m.number.low, m.number.unit) for m in mentions] == found


def test_in_claim_statements_only_scaled_number_words_are_figures():
    assert [m.text for m in find_figures("the two firms paid six million euros")] == ["six million euros"]


def test_verify_finds_figures_in_words_and_dates_without_a_year():
    """Every figure and date the claims state is found, though the article spells numbers out and omits years."""
    result = verify("corpus-words")
    assert result.errors == ()
    assert sorted((f.claim.id, f.figure, f.field) for f in result.figures if f.found) == [
        ("archive-move", "2026-09-03", "value"),
        ("heritage-share", "25%", "value"),
        ("heritage-share", "six million euros", "statement"),
        ("reading-rooms", "4", "value"),
        ("refit-cost", "6 million euros", "value"),
        ("reopening-date", "2026-08-19", "value"),
        ("roof-end", "2026-08-20", "value"),
        ("study-booths", "12", "value"),
        ("volunteers", "300", "value"),
    ]
    assert all(f.found for f in result.figures)
    assert all(q.status is QuoteStatus.EXACT for q in result.quotes)


def test_comment_lines_at_the_top_of_an_article_are_not_article_text(tmp_path):
    (tmp_path / "a.txt").write_text("# saved on 2031-03-09 from example.org\n#\nThe fund paid 40% of the cost.\n")
    (tmp_path / "a.yaml").write_text(
        "source: {id: a, outlet: A, title: t, published: 2026-01-02, text: a.txt}\n"
        "claims:\n"
        "  - {id: paid, topic: t, subject: fund, property: share, value: 40%, statement: s, quote: paid 40%}\n"
        "  - {id: saved, topic: t, subject: file, property: saved, value: 2031-03-09, statement: s, quote: saved on}\n")
    result = verify(tmp_path)
    assert {(d.line, d.code) for d in result.errors} == {(4, "quote-missing"), (4, "figure-missing")}
    [article] = result.articles
    assert [s.passage.line for s in article.sentences] == [3]  # the comment is no sentence to cover either
    assert article.quotes[0].passage.line == 3 and article.quotes[0].passage.column == 10


def test_a_hash_line_below_the_article_text_is_text():
    article = Article("a.txt", "Results\n# 1 in sales: 40%\n")
    assert [m.text for m in article.figures] == ["1", "40%"]


@pytest.mark.parametrize(
    ("claimed", "article", "found"),
    [
        ("$4.2 billion", "paid $4.2bn", True),
        ("$4.2 billion", "paid $4.5 billion", False),
        ("27%", "27 per cent of staff", True),
        ("27%", "the 27 members", False),          # a claimed percentage must appear as one
        ("in 2025-01", "on January 21, 2025", True),  # the article names a day inside the claimed month
        ("on 2025-01-21", "in January 2025", False),  # the article never names the day
        ("by 2032", "through 2032", True),
        ("by 2031", "through 2032", False),
    ],
)
def test_figure_matching_rules(claimed, article, found):
    from factcheck.provenance import figure_found

    (mention,) = find_figures(claimed)
    assert figure_found(mention, find_figures(article)) is found


def test_figures_are_found_in_other_forms():
    result = verify("corpus-ok")
    figures = {(f.claim.id, f.figure, f.field, f.found) for f in result.figures}
    assert figures == {
        ("vote-date", "2025-01-21", "value", True),     # "January 21, 2025"; the statement repeats it
        ("cost", "135 billion dollars", "value", True),  # "$135 billion"
        ("capacity", "27%", "value", True),              # "27 percent"
        ("berthing", "2032", "statement", True),
    }


def test_a_figure_absent_from_the_article_is_an_error_at_its_field():
    result = verify("corpus-bad")
    missing = [(d.path, d.line, d.column, d.message) for d in result.diagnostics if d.code == "figure-missing"]
    assert missing == [
        ("corpus-bad/ferry.yaml", 20, 12, "isles-post-2026-01-10/passengers: figure '430000' (value) "
         "appears nowhere in corpus-bad/texts/ferry.txt in any form"),
        ("corpus-bad/ferry.yaml", 28, 16, "isles-post-2026-01-10/new-ferry: figure '2027' (statement) "
         "appears nowhere in corpus-bad/texts/ferry.txt in any form"),
    ]


# --- coverage and unverifiable sources ----------------------------------------------


def test_uncovered_sentences_are_listed_with_their_facts():
    (article,) = verify("corpus-ok").articles
    assert [(s.passage.line, s.passage.column, s.facts) for s in article.uncovered] == [(6, 1, ("no longer",))]
    assert len(article.sentences) == 4
    assert article.coverage == 0.75
    covered = {s.passage.line: s.covered_by for s in article.sentences if s.covered}
    assert covered[3] == ("aldwin-gazette-2025-01-22/vote-date", "aldwin-gazette-2025-01-22/cost")


def test_coverage_option_prints_the_to_do_list():
    result = run("corpus-ok", "--coverage")
    assert result.exit_code == 0
    assert "corpus-ok/texts/harbour.txt (aldwin-gazette-2025-01-22): 3 of 4 checkable sentences covered (75%)" \
        in result.output
    assert "  corpus-ok/texts/harbour.txt:6:1: not covered [no longer]: Fishing crews will no longer use the " \
        "north quay once the works begin." in result.output
    assert "not covered" not in run("corpus-ok").output


def test_a_source_without_text_is_unverifiable_not_an_error():
    result = verify("corpus-ok")
    assert [s.id for s in result.unverifiable] == ["aldwin-radio-2025-01-23"]
    assert diagnostics(result) == [("corpus-ok/notext.yaml", 2, 3, "no-text")]
    assert not result.errors
    output = run("corpus-ok").output
    assert "corpus-ok/notext.yaml:2:3: warning: source 'aldwin-radio-2025-01-23' has no text: field; " \
        "its 1 claim cannot be checked" in output


# --- paths -------------------------------------------------------------------------


def test_a_text_path_leaving_the_corpus_is_refused_at_the_text_field():
    result = run("corpus-outside")
    assert result.exit_code == 1
    assert result.output.startswith(
        "corpus-outside/lighthouse.yaml:6:9: error: source.text: '../articles/lighthouse.txt' leaves the corpus "
        "folder corpus-outside; refused (with --articles DIR, its file name is looked up in DIR) [text-outside-corpus]\n"
    )


def test_with_an_articles_folder_only_the_file_name_is_looked_up_there():
    result = run("corpus-outside", "--articles", "articles")
    assert result.exit_code == 0, result.output
    checked = verify("corpus-outside", "articles")
    assert [a.path for a in checked.articles] == ["articles/lighthouse.txt"]
    assert [q.status for q in checked.quotes] == [QuoteStatus.EXACT]


CLAIM_FILE = """\
source:
  id: s
  outlet: O
  title: T
  published: 2026
  text: {text}
claims:
  - id: c
    topic: t
    subject: s
    property: p
    value: 12%
    statement: twelve percent
    quote: {quote}
"""


def write_corpus(folder: Path, text: str, quote: str = "rose by 12%") -> Path:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "s.yaml").write_text(CLAIM_FILE.format(text=text, quote=quote), encoding="utf-8")
    return corpus


@pytest.mark.parametrize("text", ["../../../../../../etc/passwd", "/etc/passwd", "link.txt", "sub/../../secret.txt"])
def test_hostile_text_paths_are_refused(tmp_path, text):
    (tmp_path / "secret.txt").write_text("Prices rose by 12% in the year.\n", encoding="utf-8")
    corpus = write_corpus(tmp_path, text)
    (corpus / "link.txt").symlink_to(tmp_path / "secret.txt")  # a symlink escaping the corpus
    result = verify(corpus)
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(6, 9, "text-outside-corpus")]
    assert result.articles == ()


def test_with_articles_a_hostile_path_is_only_a_file_name_in_that_folder(tmp_path):
    corpus = write_corpus(tmp_path, "../../../../../../etc/passwd")
    articles = tmp_path / "articles"
    articles.mkdir()
    result = verify(corpus, articles)
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(6, 9, "article-not-found")]
    (articles / "passwd").write_text("Prices rose by 12% in the year.\n", encoding="utf-8")
    result = verify(corpus, articles)
    assert result.diagnostics == ()
    assert [Path(a.path).resolve() for a in result.articles] == [(articles / "passwd").resolve()]


def test_a_symlink_in_the_articles_folder_may_not_escape_it(tmp_path):
    (tmp_path / "secret.txt").write_text("Prices rose by 12% in the year.\n", encoding="utf-8")
    corpus = write_corpus(tmp_path, "../outside/a.txt")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").symlink_to(tmp_path / "secret.txt")
    assert [d.code for d in verify(corpus, articles).diagnostics] == ["article-not-found"]


def test_a_text_path_inside_the_corpus_that_does_not_exist(tmp_path):
    corpus = write_corpus(tmp_path, "texts/none.txt")
    result = verify(corpus)
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(6, 9, "article-not-found")]


def test_a_symlink_loop_as_text_is_an_error_at_the_text_field(tmp_path):
    corpus = write_corpus(tmp_path, "loop.txt")
    (corpus / "loop.txt").symlink_to("loop.txt")
    problems = [(d.line, d.column, d.code, d.message) for d in verify(corpus).diagnostics if d.path.endswith("s.yaml")]
    assert problems == [(6, 9, "article-not-found", "source.text: 'loop.txt' cannot be resolved (a symlink loop?)")]


def test_an_article_that_is_not_utf8_is_reported_at_the_bad_byte(tmp_path):
    corpus = write_corpus(tmp_path, "a.txt")
    (corpus / "a.txt").write_bytes(b"Prices rose\nby 12% \xff in the year.\n")
    result = verify(corpus)
    (problem,) = result.diagnostics
    assert (Path(problem.path).name, problem.line, problem.column, problem.code) == ("a.txt", 2, 8, "not-utf8")
    assert run(str(corpus)).exit_code == 1


# --- exit codes and formats ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["corpus-ok"], 0),
        (["corpus-bad"], 1),
        (["corpus-outside"], 1),
        (["corpus-outside", "--articles", "articles"], 0),
        (["no-such-folder"], 2),
        (["corpus-ok", "--articles", "no-such-folder"], 2),
        (["corpus-ok", "--format", "sarif"], 2),
    ],
)
def test_exit_codes(args, code):
    assert run(*args).exit_code == code


def test_json_lists_checks_and_errors_with_positions():
    result = run("corpus-bad", "--format", "json", "--coverage")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["schema"] == "factcheck.verify/1"
    assert document["corpus"] == {"sources": 1, "claims": 4}
    (article,) = document["articles"]
    assert article["article"] == "corpus-bad/texts/ferry.txt"
    missing = [q for q in article["quotes"] if q["status"] == "missing"]
    assert missing == [{
        "ref": "isles-post-2026-01-10/route-closure", "file": "corpus-bad/ferry.yaml", "line": 35, "column": 12,
        "quote": "the harbour route will shut next winter", "status": "missing", "score": missing[0]["score"],
        "passage": {"text": "The coastal route will close in winter", "line": 3, "column": 1},
    }]
    assert [(e["line"], e["column"], e["code"]) for e in document["errors"]] == [
        (20, 12, "figure-missing"), (28, 16, "figure-missing"), (35, 12, "quote-missing")]
    assert article["unquoted"] == ["isles-post-2026-01-10/new-ferry"]
    assert article["uncovered"] == []


def test_github_annotations_are_escaped_and_hostile_text_runs_nothing(tmp_path):
    hostile = '"rose by 50%\\n::error::pwned, a:b\\r::add-mask::x"'
    corpus = write_corpus(tmp_path, "a.txt", quote=hostile)
    (corpus / "a.txt").write_text("Prices rose by 12% in the year.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", str(corpus), "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.strip().startswith("::")]
    assert len(commands) == 1
    assert re.match(r"::error file=[^,:]+,line=14,col=12,title=Quote not found in article \(quote-missing\)::s/c: quote ", commands[0])
    assert "quote 'rose by 50%25\\n::error::pwned, a:b\\r::add-mask::x' not found" in commands[0]
    plain = [line for line in lines if not line.startswith("::")]
    assert any(line.endswith("1 missing; figures: 1 found, 0 missing; 1 error") for line in plain)
    assert any("quote 'rose by 50%\\n::error::pwned, a:b\\r::add-mask::x' not found" in line for line in plain)


def test_text_output_shows_control_characters_as_escapes(tmp_path):
    corpus = write_corpus(tmp_path, "a.txt", quote='"rose \\e[2J\\e]0;title\\a by 12%"')
    (corpus / "a.txt").write_text("Prices rose by 12% in the year.\n", encoding="utf-8")
    output = CliRunner().invoke(app, ["verify", str(corpus)]).stdout
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b[2J\\x1b]0;title\\x07" in output


# --- the GitHub escaping helpers ------------------------------------------------------


def test_github_escaping_helpers():
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert annotation("warning", "claims/a,b.yaml", 3, 5, "T: x", "m\n::error::y") == \
        "::warning file=claims/a%2Cb.yaml,line=3,col=5,title=T%3A x::m%0A::error::y"
    assert plain_line("::error::x\nmore") == "\\::error::x\\nmore"
    assert plain_line("  ::x") == "\\  ::x"
    assert plain_line("a: b") == "a: b"
    with pytest.raises(ValueError):
        annotation("fatal", "f", 1, 1, "t", "m")


# --- the seed corpus -------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed articles at {SEEDS}")
def test_every_quote_of_the_seed_corpus_is_found():
    claims = REPO / "claims"
    if not claims.is_dir() or not any(p.suffix in (".yaml", ".yml") for p in claims.rglob("*")):
        pytest.skip(f"{claims} holds no claim files yet (the seed corpus is curated separately)")
    result = verify(claims, SEEDS)
    assert result.quotes, "the seed corpus quotes nothing"
    missing = [str(d) for d in result.diagnostics if d.code in ("quote-missing", "article-not-found", "text-outside-corpus")]
    assert missing == []


def test_sentences_split_after_citations_and_citation_numbers_are_not_facts():
    from factcheck.provenance import sentence_facts, split_sentences

    text = "Fares rose by 12% in 2025. (example.com 2) The line shuts in May 2026.[3] Nothing else."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Fares rose by 12% in 2025. (example.com 2)", "The line shuts in May 2026.[3]", "Nothing else."]
    figures = find_figures(text)
    assert [sentence_facts(text, a, b, figures) for a, b in spans] == [("12%", "2025"), ("May 2026",), ()]


def test_invalid_claim_files_are_listed_and_fail(tmp_path):
    corpus = write_corpus(tmp_path, "a.txt")
    (corpus / "a.txt").write_text("Prices rose by 12% in the year.\n", encoding="utf-8")
    (corpus / "broken.yaml").write_text("source: [unclosed\n", encoding="utf-8")
    result = verify(corpus)
    assert [(Path(d.path).name, d.line, d.code) for d in result.errors] == [("broken.yaml", 2, "yaml-syntax")]
    assert [q.status for q in result.quotes] == [QuoteStatus.EXACT]
    assert run(str(corpus)).exit_code == 1


# --- explained sentences: _coverage.yaml ---------------------------------------------------
# corpus-explained: a headline, a photo credit and a forecast are explained, one sentence
# is left to do, and five entries are stale (no match, several matches, a second entry for
# one sentence, a sentence a claim now covers, an article no source has).
# corpus-explained-bad: the same article with invalid entries.


def test_explained_sentences_are_handled_and_kept_apart_from_the_to_do_list():
    (article,) = verify("corpus-explained").articles
    assert [(s.passage.line, s.explanation.reason) for s in article.explained] == [
        (1, "headline; its fact is the reopening claim"), (4, "photo credit, not a claim"), (6, "a forecast")]
    assert [s.passage.line for s in article.uncovered] == [5]
    assert [s.passage.line for s in article.covered] == [3]
    assert article.coverage == 0.8


def test_stale_explanations_are_warnings_at_their_phrase():
    result = verify("corpus-explained")
    stale = [(d.line, d.column, d.message.split(" in ")[0]) for d in result.diagnostics]
    assert stale == [
        (13, 13, "phrase 'lock keepers went on strike' matches no checkable sentence"),
        (16, 13, "phrase 'Bramley canal reopen' matches 2 sentences"),
        (19, 13, "phrase 'first time since 2019': its sentence"),
        (22, 13, "phrase 'cost $4 million': its sentence"),
        (24, 14, "article 'towpath.txt' is not the text of any source"),
    ]
    assert {(d.path, d.code, d.is_error) for d in result.diagnostics} == {
        ("corpus-explained/_coverage.yaml", "explanation-stale", False)}
    assert "already explained by the entry at line 6" in result.diagnostics[2].message
    assert "is covered by bramley-courier-2026-03-04/reopened, bramley-courier-2026-03-04/repair-cost" \
        in result.diagnostics[3].message


def test_coverage_option_lists_explained_sentences_with_their_reason():
    result = run("corpus-explained", "--coverage")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    start = lines.index("corpus-explained/texts/canal.txt (bramley-courier-2026-03-04): "
                        "1 of 5 checkable sentences covered, 3 explained (80% handled)")
    assert lines[start + 1:start + 5] == [
        "  corpus-explained/texts/canal.txt:5:1: not covered [12,000, first]: "
        "Barges carried 12,000 tonnes in the first week.",
        "  corpus-explained/texts/canal.txt:1:1: explained (headline; its fact is the reopening claim): "
        "Bramley canal reopens for the first time since 2019",
        "  corpus-explained/texts/canal.txt:4:1: explained (photo credit, not a claim): Photo: Bramley Archive 2019",
        "  corpus-explained/texts/canal.txt:6:1: explained (a forecast): "
        "Boaters expect traffic on the canal to double by 2030.",
    ]
    assert lines[-1].endswith("; 3 sentences explained in _coverage.yaml; no errors")
    assert "corpus-explained/_coverage.yaml:13:13: warning: phrase 'lock keepers went on strike' " \
        "matches no checkable sentence" in result.output
    assert "explained (" not in run("corpus-explained").output


def test_json_counts_and_lists_explained_sentences():
    document = json.loads(run("corpus-explained", "--format", "json", "--coverage").stdout)
    (article,) = document["articles"]
    assert article["coverage"] == {"checkable": 5, "covered": 1, "explained": 3, "ratio": 0.8}
    assert [s["line"] for s in article["uncovered"]] == [5]
    assert article["explained"][1] == {
        "line": 4, "column": 1, "text": "Photo: Bramley Archive 2019", "facts": ["2019"],
        "reason": "photo credit, not a claim",
        "explanation": {"file": "corpus-explained/_coverage.yaml", "line": 3, "column": 5},
    }
    assert [(w["line"], w["code"]) for w in document["warnings"]] == [
        (13, "explanation-stale"), (16, "explanation-stale"), (19, "explanation-stale"),
        (22, "explanation-stale"), (24, "explanation-stale")]
    assert document["errors"] == []


def test_invalid_coverage_entries_are_errors_at_their_position_and_fail():
    result = verify("corpus-explained-bad")
    assert [(d.line, d.column, d.message) for d in result.errors] == [
        (2, 5, "explained[0]: expected a mapping with article, phrase and reason, got text"),
        (3, 5, "explained[1]: missing required field 'reason'"),
        (9, 13, "explained[3].phrase: 'Expect  traffic' in canal.txt is already explained at line 5"),
        (12, 13, "explained[4].phrase: expected text, got the boolean true"),
        (13, 13, "explained[4].reason: expected text, got a list"),
        (14, 5, "explained[4].note: unknown field; known fields: article, phrase, reason"),
        (15, 1, "notes: unknown key; the only key is 'explained'"),
    ]
    assert {(d.path, d.code) for d in result.errors} == {("corpus-explained-bad/_coverage.yaml", "bad-coverage-settings")}
    (article,) = result.articles
    assert [s.passage.line for s in article.explained] == [6]  # the valid entry still applies
    assert run("corpus-explained-bad").exit_code == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a list\n", "expected a mapping with an 'explained' list"),
        ("explained: 3\n", "explained: expected a list, got the number 3"),
        ("explained:\n  - {article: a.txt, phrase: '  ', reason: r}\n", "explained[0].phrase: is empty"),
    ],
)
def test_a_coverage_file_of_the_wrong_shape_is_an_error(tmp_path, text, message):
    corpus = write_corpus(tmp_path, "a.txt")
    (corpus / "a.txt").write_text("Prices rose by 12% in the year.\n", encoding="utf-8")
    (corpus / "_coverage.yaml").write_text(text, encoding="utf-8")
    result = verify(corpus)
    assert [d.message for d in result.errors] == [message]
    assert [d.code for d in result.errors] == ["bad-coverage-settings"]


def test_the_coverage_file_is_a_known_settings_file():
    result = CliRunner().invoke(app, ["validate", "corpus-explained"])
    assert result.exit_code == 0
    assert "unknown settings file" not in result.output
