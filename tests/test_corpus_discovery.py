"""Without a PATH, commands find the corpus as git and ruff find their roots."""

from __future__ import annotations

import pytest

from checkhelpers import corpus, run

BASE_SUMMARY = "1 problem: 1 unresolved contradiction (1 condition)"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder (a git repository) with claims/ and a nested source folder."""
    (tmp_path / ".git").mkdir()
    corpus(tmp_path, "base")
    (tmp_path / "src" / "deep").mkdir(parents=True)
    return tmp_path


def test_claims_here_is_used_without_a_word(project, monkeypatch):
    monkeypatch.chdir(project)
    result = run(["check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == BASE_SUMMARY
    assert result.stdout.startswith("claims/wire.yaml:11:12: contradiction ")
    assert result.stderr == ""


def test_claims_in_a_parent_folder_is_found_and_named(project, monkeypatch):
    monkeypatch.chdir(project / "src" / "deep")
    result = run(["check"])
    assert result.exit_code == 1
    assert result.stderr == "factcheck: using the corpus at ../../claims (the nearest claims/ folder, in a parent folder)\n"
    assert result.stdout.startswith("../../claims/wire.yaml:11:12: contradiction ")


def test_inside_the_corpus_folder_it_is_used(project, monkeypatch):
    monkeypatch.chdir(project / "claims")
    result = run(["check"])
    assert result.stderr == "factcheck: using the corpus at . (this folder holds claim files)\n"
    assert result.stdout.startswith("wire.yaml:11:12: contradiction ")


def test_a_folder_under_the_corpus_finds_the_whole_corpus(project, monkeypatch):
    (project / "claims" / "more").mkdir()
    (project / "claims" / "ledger.yaml").rename(project / "claims" / "more" / "ledger.yaml")
    monkeypatch.chdir(project / "claims" / "more")
    result = run(["check"])
    assert result.stderr == "factcheck: using the corpus at .. (the corpus this folder is in)\n"
    assert result.stdout.splitlines()[-1] == BASE_SUMMARY


def test_a_corpus_with_another_name_is_used_from_inside(tmp_path, monkeypatch):
    folder = corpus(tmp_path, "base", name="stories")
    monkeypatch.chdir(folder)
    assert run(["check"]).stdout.splitlines()[-1] == BASE_SUMMARY


def test_a_settings_file_alone_makes_a_corpus(tmp_path, monkeypatch):
    (tmp_path / "_aliases.yaml").write_text("aliases: {}\n")
    monkeypatch.chdir(tmp_path)
    result = run(["check"])
    assert result.stderr == "factcheck: using the corpus at . (this folder holds claim files)\n"


def test_no_corpus_is_a_clear_usage_error(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "notes.yaml").write_text("title: not a claim file\n")
    monkeypatch.chdir(tmp_path)
    result = run(["report"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no corpus found: no claims/ folder here or in a parent folder, and no claim files in this "
        "folder; give the corpus folder as PATH (e.g. factcheck check path/to/claims)\n")


def test_the_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    corpus(tmp_path, "base")  # outside the repository below: never picked
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    assert run(["topics"]).exit_code == 2


@pytest.mark.parametrize("args", [["report"], ["topics"], ["sources"], ["validate"], ["timeline", "Microsoft"],
                                  ["export"], ["verify"]])
def test_every_command_finds_it(project, monkeypatch, args):
    monkeypatch.chdir(project / "src")
    result = run(args)
    assert result.exit_code != 2, result.output
    assert result.stderr.startswith("factcheck: using the corpus at ../claims (the nearest claims/ folder")


def test_an_explicit_path_is_taken_as_given(project, monkeypatch):
    monkeypatch.chdir(project / "src")
    result = run(["check", "claims"])
    assert (result.exit_code, result.stderr) == (
        2, "error: no such file or folder: claims (the corpus found from here is ../claims)\n")


def test_a_yaml_file_that_is_not_a_claim_file_makes_no_corpus(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "ci.yaml").write_text("source:\n  - kk: 1\n")  # a `source:` key alone is not a claim file
    monkeypatch.chdir(tmp_path)
    assert run(["check"]).exit_code == 2


def test_the_home_folder_is_never_guessed_to_be_a_corpus(tmp_path, monkeypatch):
    """A corpus is read recursively: a whole home folder is never taken by guessing."""
    from factcheck.cli import common

    corpus(tmp_path, "base", name="stories")
    monkeypatch.setattr(common, "_TOO_BROAD", frozenset({(tmp_path / "stories").absolute()}))
    monkeypatch.chdir(tmp_path / "stories")
    assert run(["check"]).exit_code == 2
