"""`factcheck new ARTICLE`: a claim file skeleton that validates once filled and whose quotes verify finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.loader import load_corpus
from factcheck.provenance import QuoteStatus, verify
from factcheck.skeleton import QUOTE_WORDS, candidates, find_title, skeleton

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_ARTICLES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
runner = CliRunner()

EMPTY_FIELD = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<name>[a-z_]+):[ \t]*(?:#.*)?$")
FILLING = {"outlet": "Example Outlet", "title": "A title", "published": "2026-04-27", "url": "https://example.org/a",
           "author": "A. Writer", "topic": "topic", "subject": "Subject", "property": "property", "value": "a value",
           "statement": "A statement in the curator's words."}


def fill_placeholders(text: str, *, uncomment: bool = False) -> str:
    """What a curator does: fill each empty field (and keep every candidate, when `uncomment`)."""
    lines = []
    claim_number = 0
    for line in text.splitlines():
        if uncomment and line.startswith("  # ") and re.match(r"  # (- |  )[a-z_]+:", line):
            line = "  " + line[4:]
        match = EMPTY_FIELD.match(line)
        if match and match["name"] not in ("source", "claims"):
            name = match["name"]
            if name == "id":
                claim_number += 1
                value = "source-a" if claim_number == 1 else f"claim-{claim_number - 1}"
            else:
                value = FILLING[name]
            line = f"{match['lead']}{name}: {value}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def run_new(article: Path, output: Path):
    return runner.invoke(app, ["new", str(article), "-o", str(output)])


@pytest.mark.skipif(not SEED_ARTICLES, reason="the seed articles (../shared/seeds) are not beside the clone")
@pytest.mark.parametrize("article", SEED_ARTICLES, ids=lambda p: p.name)
def test_the_skeleton_of_each_seed_article_validates_once_filled_and_its_quotes_are_found(tmp_path, article):
    corpus = tmp_path / "claims"
    corpus.mkdir()
    output = corpus / "new.yaml"
    result = run_new(article, output)
    assert result.exit_code == 0, result.output
    written = output.read_text(encoding="utf-8")
    assert "  text: " in written and re.search(r"(?m)^  # - id:$", written)  # candidates, commented out

    before = runner.invoke(app, ["validate", str(corpus)])
    assert before.exit_code == 1  # the empty fields are named until they are filled
    assert "source: missing" not in before.output and "missing required field 'id'" not in before.output

    output.write_text(fill_placeholders(written), encoding="utf-8")
    filled = runner.invoke(app, ["validate", str(corpus)])
    assert filled.exit_code == 0, filled.output

    output.write_text(fill_placeholders(written, uncomment=True), encoding="utf-8")
    assert load_corpus(corpus).diagnostics == ()
    checked = verify(load_corpus(corpus), SEEDS)
    assert len(checked.quotes) == len(candidates(article.read_text(encoding="utf-8"))) > 0
    assert [q.claim.quote for q in checked.quotes if q.status is not QuoteStatus.EXACT] == []
    for check in checked.quotes:
        assert len(check.claim.quote.split()) <= QUOTE_WORDS + 3  # a few words, never the sentence
    assert [f.figure for f in checked.figures if not f.found and f.field == "value"] == []


def test_never_overwrites_a_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Acme Corp sells its widget unit\n\nAcme sold 40% of its widget unit on 3 May 2026.\n")
    output = tmp_path / "a.yaml"
    output.write_text("mine\n")
    result = run_new(article, output)
    assert result.exit_code == 2
    assert "the file exists; factcheck new never overwrites a file" in result.stderr
    assert output.read_text() == "mine\n"


def test_writes_to_stdout_without_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Acme Corp sells its widget unit\n\nAcme sold 40% of its widget unit on 3 May 2026.\n")
    result = runner.invoke(app, ["new", "a.txt"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# A claim file started by `factcheck new`.")
    assert '  title: "Acme Corp sells its widget unit"   # found in the article: check it' in result.stdout
    assert '  text: "a.txt"' in result.stdout
    assert '    value: "40%"' in result.stdout and '    quote: "Acme sold 40% of its widget"' in result.stdout


def test_a_missing_article_is_a_usage_error(tmp_path):
    result = run_new(tmp_path / "nope.txt", tmp_path / "a.yaml")
    assert result.exit_code == 2 and "no such article file" in result.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_a_binary_article_is_refused_at_its_position(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Title\n\x00")
    result = run_new(tmp_path / "a.txt", tmp_path / "a.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'a.txt'}:2:1: binary file")


def test_the_editor_schema_line_points_at_the_repositorys_schema(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "claims.schema.json").write_text("{}")
    (tmp_path / "claims").mkdir()
    (tmp_path / "a.txt").write_text("Acme sold 40% of its widget unit.\n")
    assert run_new(tmp_path / "a.txt", tmp_path / "claims" / "a.yaml").exit_code == 0
    first = (tmp_path / "claims" / "a.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/claims.schema.json"


@pytest.mark.parametrize(("text", "title"), [
    ("Acme Corp sells its widget unit\nbody", "Acme Corp sells its widget unit"),
    ("# saved from example.org\nAcme Corp sells its widget unit\n", "Acme Corp sells its widget unit"),
    ("By A. Writer and B. Writer, Springfield\nAcme Corp sells its widget unit\n", None),  # a byline first
    ("Acme Corp sold its widget unit on Monday.\n", None),                                   # a sentence
    ("319\nAudio & Video\n", None),
])
def test_the_title_is_the_first_line_when_it_reads_as_a_headline(text, title):
    assert find_title(text.split("\n", 1)[1] if text.startswith("#") else text) == title or (
        text.startswith("#") and title in skeleton(text, "a.txt"))


def test_candidates_quote_a_few_words_around_the_fact_exactly():
    text = ("Acme Corp sells its widget unit\n"
            "After a long review that took most of the year, the board agreed on Friday to sell "
            "exactly 40% of the widget unit to Globex for about $4.2 billion in cash and shares.\n")
    [candidate] = candidates(text)
    assert candidate.line == 2 and candidate.facts == ("40%", "$4.2 billion")
    assert candidate.quote == "sell exactly 40% of the widget"  # two words before the fact, six in all
    assert candidate.quote in text and candidate.value == "40%"


def test_an_article_without_facts_still_gets_one_claim_to_fill():
    text = skeleton("Nothing checkable here at all\n", "a.txt")
    assert "  # no sentence with a figure" in text and "\n  - id:" in text


def test_a_dateline_near_the_top_is_a_hint_for_published_never_a_value():
    text = skeleton("By A. Writer, Springfield – March 3, 2026 — Acme sold 40% of its widget unit.\n", "a.txt")
    assert "  published:          # required: YYYY, YYYY-MM, YYYY-MM-DD, or unknown (near the top: 2026-03-03)" in text
    assert "(near the top" not in skeleton("Acme sold 40% of its widget unit in 2026.\n", "a.txt")
