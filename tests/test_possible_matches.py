"""Possible matches through the CLI: listing, accepting, dismissing, the alias file's safety."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from typer.testing import CliRunner

from factcheck.aliasfile import add_entry
from factcheck.cli import app

runner = CliRunner()

SOURCE = """source:
  id: {id}
  outlet: Outlet
  title: Title
  published: 2026-03-0{day}
claims:
  - id: c1
    topic: jobs
    subject: Vantor
    property: {prop}
    value: 1200
    statement: Vantor cuts jobs.
"""


def corpus(tmp_path: Path, aliases: str | None = None) -> Path:
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a.yaml").write_text(SOURCE.format(id="a", day=1, prop="job cuts"), encoding="utf-8")
    (folder / "b.yaml").write_text(SOURCE.format(id="b", day=2, prop="positions eliminated"), encoding="utf-8")
    if aliases is not None:
        (folder / "_aliases.yaml").write_text(aliases, encoding="utf-8")
    return folder


def report_json(folder: Path) -> dict:
    result = runner.invoke(app, ["report", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_report_lists_the_possible_match_with_claims_score_and_evidence(tmp_path):
    data = report_json(corpus(tmp_path))
    assert data["findings"] == []
    (match,) = data["possible_matches"]
    assert match["kind"] == "property"
    assert match["names"] == ["job cuts", "positions eliminated"]
    assert match["claims"] == ["a/c1", "b/c1"]
    assert match["evidence"]["values"] == "equal (1200)"
    assert match["id"].startswith("pm-") and 65 <= match["score"] <= 100
    text = runner.invoke(app, ["report", str(tmp_path / "claims")], env={"COLUMNS": "80"}).stdout
    assert "1 possible match not made: factcheck matches" in text
    markdown = runner.invoke(app, ["report", str(tmp_path / "claims"), "--format", "markdown"]).stdout
    assert "1 possible match not made: `factcheck matches`" in markdown
    html = runner.invoke(app, ["report", str(tmp_path / "claims"), "--format", "html"]).stdout
    assert "<dt>Possible matches</dt><dd>1 not made: <code>factcheck matches</code></dd>" in html


def test_accept_writes_an_alias_keeping_other_lines_and_the_claims_then_match(tmp_path):
    original = "# ours\naliases:\n  - [headquarters, head office]   # keep me\n\n# trailing comment\n"
    folder = corpus(tmp_path, original)
    listing = runner.invoke(app, ["matches", str(folder)])
    assert listing.exit_code == 0
    assert "1. " in listing.stdout and "job cuts" in listing.stdout
    result = runner.invoke(app, ["matches", str(folder), "--accept", "1"])
    assert result.exit_code == 0, result.output
    assert (folder / "_aliases.yaml").read_text() == (
        "# ours\naliases:\n  - [headquarters, head office]   # keep me\n  - [job cuts, positions eliminated]\n"
        "\n# trailing comment\n")
    data = report_json(folder)
    assert data["possible_matches"] == []
    assert [f["kind"] for f in data["findings"]] == ["corroborated"]


def test_dismiss_records_the_pair_and_it_is_not_proposed_again(tmp_path):
    folder = corpus(tmp_path)
    match_id = report_json(folder)["possible_matches"][0]["id"]
    result = runner.invoke(app, ["matches", str(folder), "--dismiss", match_id])
    assert result.exit_code == 0, result.output
    assert "distinct:\n  - [job cuts, positions eliminated]\n" in (folder / "_aliases.yaml").read_text()
    assert report_json(folder)["possible_matches"] == []
    again = runner.invoke(app, ["matches", str(folder), "--dismiss", "1"])
    assert again.exit_code == 2
    assert "no possible match 1: there are 0" in again.stderr


def test_unknown_match_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["matches", str(corpus(tmp_path)), "--accept", "pm-nothere"])
    assert result.exit_code == 2
    assert "no possible match 'pm-nothere'" in result.stderr


def test_malformed_alias_file_is_reported_and_never_rewritten(tmp_path):
    bad = "aliases:\n  - [only one]\n  - not a list\n"
    folder = corpus(tmp_path, bad)
    result = runner.invoke(app, ["report", str(folder), "--format", "json"])
    assert result.exit_code == 1
    messages = [(e["line"], e["message"]) for e in json.loads(result.stdout)["errors"]]
    assert messages[0][0] == 2 and "an alias group is a list of two or more names" in messages[0][1]
    accept = runner.invoke(app, ["matches", str(folder), "--accept", "1"])
    assert accept.exit_code == 1
    assert accept.stderr.startswith(f"{folder / '_aliases.yaml'}:2:5: an alias group is a list")
    assert (folder / "_aliases.yaml").read_text() == bad


def _add(args: tuple[str, int]) -> bool:
    path, number = args
    return add_entry(path, "aliases", (f"name {number}", f"other {number}"))


def test_concurrent_writers_each_add_their_entry(tmp_path):
    path = tmp_path / "_aliases.yaml"
    path.write_text("aliases:\n  - [a, b]\n", encoding="utf-8")
    with multiprocessing.get_context("fork").Pool(4) as pool:
        assert all(pool.map(_add, [(str(path), n) for n in range(12)]))
    lines = path.read_text().splitlines()
    assert lines[:2] == ["aliases:", "  - [a, b]"]
    assert sorted(lines[2:]) == sorted(f"  - [name {n}, other {n}]" for n in range(12))


def test_vocabulary_lists_names_with_counts_and_files(tmp_path):
    result = runner.invoke(app, ["vocabulary", str(corpus(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    (subject,) = json.loads(result.stdout)["subjects"]
    assert subject["subject"] == "Vantor" and subject["claims"] == 2
    assert [(p["property"], p["claims"], [Path(f).name for f in p["files"]]) for p in subject["properties"]] == [
        ("job cuts", 1, ["a.yaml"]), ("positions eliminated", 1, ["b.yaml"])]


def test_validate_hints_at_a_name_that_nearly_matches(tmp_path):
    folder = corpus(tmp_path)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{folder / 'a.yaml'}:10:15: hint: 'job cuts' nearly matches "
                                    "'positions eliminated' (1 claim)")


def test_the_propose_threshold_is_a_corpus_setting(tmp_path):
    folder = corpus(tmp_path)
    (folder / "_settings.yaml").write_text("matching:\n  propose: 99\n", encoding="utf-8")
    assert report_json(folder)["possible_matches"] == []
    (folder / "_settings.yaml").write_text("matching:\n  propose: 101\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(folder), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"][0]["message"] == "matching.propose: expected a number from 0 to 100"


def test_text_values_that_are_opposites_are_shown_as_such(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    for day, (prop, value) in enumerate([("cloud exclusivity for training", "exclusive"),
                                         ("cloud exclusivity for inference", "non-exclusive")], 1):
        text = SOURCE.format(id=f"s{day}", day=day, prop=prop).replace("value: 1200", f"value: {value}")
        (folder / f"s{day}.yaml").write_text(text, encoding="utf-8")
    (match,) = report_json(folder)["possible_matches"]
    assert match["names"] == ["cloud exclusivity for inference", "cloud exclusivity for training"]
    assert match["evidence"]["values"] == "opposite (non-exclusive / exclusive)"


def test_subject_filter_finds_a_group_by_any_of_its_wordings(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    for day, subject in enumerate(["Vantor", "Vantor", "Vantor Energy"], 1):
        text = SOURCE.format(id=f"s{day}", day=day, prop="job cuts").replace("subject: Vantor", f"subject: {subject}")
        (folder / f"s{day}.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", str(folder), "--format", "json", "--subject", "Vantor Energy"])
    assert result.exit_code == 0, result.output
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["subject"] == "Vantor" and len(finding["positions"][0]["claims"]) == 3


def test_a_pair_differing_in_subject_and_property_is_proposed_but_cannot_be_an_alias(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    for day, (subject, prop) in enumerate([("Acme", "customers affected by the breach"),
                                           ("Acme breach", "customers affected")], 1):
        text = SOURCE.format(id=f"s{day}", day=day, prop=prop).replace("subject: Vantor", f"subject: {subject}")
        (folder / f"s{day}.yaml").write_text(text, encoding="utf-8")
    (match,) = report_json(folder)["possible_matches"]
    assert match["kind"] == "subject and property"
    assert match["names"] == ["Acme breach · customers affected", "Acme · customers affected by the breach"]
    result = runner.invoke(app, ["matches", str(folder), "--accept", "1"])
    assert result.exit_code == 2
    assert "differs in both subject and property" in result.stderr
    assert not (folder / "_aliases.yaml").exists()


def test_matches_finds_the_corpus_when_no_path_is_given(tmp_path, monkeypatch):
    folder = corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    listing = runner.invoke(app, ["matches"])
    assert listing.exit_code == 0, listing.output
    assert listing.stdout.startswith("1 possible match not made")
    result = runner.invoke(app, ["matches", "--accept", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "claims/_aliases.yaml: alias 'job cuts' / 'positions eliminated' added\n"
    assert (folder / "_aliases.yaml").read_text().endswith("aliases:\n  - [job cuts, positions eliminated]\n")
