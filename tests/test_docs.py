"""The docs are checked: the README's example parses, every command explains itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.loader import load_corpus

README = Path(__file__).parent.parent / "README.md"
runner = CliRunner()


def readme_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_example_claim_file_is_valid(tmp_path):
    example = next(block for block in readme_blocks("yaml") if block.startswith("source:"))
    (tmp_path / "daily-2026-04-27.yaml").write_text(example, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.diagnostics == ()
    assert [c.ref for c in corpus.claims] == ["daily-2026-04-27/licence-exclusivity", "daily-2026-04-27/stake"]


def test_readme_settings_examples_are_valid(tmp_path):
    from factcheck.settings import settings_from_corpus

    aliases = next(b for b in readme_blocks("yaml") if "aliases:" in b)
    settings = next(b for b in readme_blocks("yaml") if b.startswith("matching:"))
    (tmp_path / "_aliases.yaml").write_text(re.sub(r"(?m)^  ", "", aliases))
    (tmp_path / "_settings.yaml").write_text(settings)
    (tmp_path / "a.yaml").write_text(next(b for b in readme_blocks("yaml") if b.startswith("source:")))
    loaded, problems = settings_from_corpus(load_corpus(tmp_path))
    assert problems == []
    assert loaded.aliases == (("headquarters", "head office", "HQ"),)
    assert (loaded.match_threshold, loaded.token_threshold, loaded.approx_margin) == (85, 90, 0.10)


def commands() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)


def test_main_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in commands():
        assert name in result.output


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help(name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    summary = result.output.split("Usage:", 1)[1]
    assert len(summary.strip().splitlines()) > 2, f"{name} --help explains nothing"


# What typer 0.28 and later print beside options unless told otherwise: Python type names.
PYTHON_TYPE_NAME = re.compile(r"<(?:bool|str|int|float|path|file|list\[[^>]*\]|[a-z]+ range)>")


@pytest.mark.parametrize("args", [[], *([name] for name in commands())], ids=lambda a: a[0] if a else "factcheck")
def test_help_shows_no_python_type_names_on_any_typer(args):
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert not PYTHON_TYPE_NAME.search(result.output), result.output
    usage = result.output.split("Usage:", 1)[1].splitlines()[0]
    assert re.fullmatch(r" factcheck[a-z ]* \[OPTIONS\]( \[?[A-Z_]+\]?)*( COMMAND \[ARGS\]\.\.\.)?\s*", usage), usage
    for line in result.output.splitlines():
        flag = re.match(r"│ +(?:\* +)?(--help|--verbose|--strict|--coverage|--version)\b(.*)", line)
        if flag:  # a flag takes no value: nothing between its names and its help
            assert re.match(r"( +-[a-z])? +[A-Z]", flag[2]), line


@pytest.mark.parametrize("name", commands())
def test_every_command_is_documented_in_the_readme(name):
    assert f"factcheck {name}" in README.read_text(encoding="utf-8")


def test_validate_checks_settings_files_too(tmp_path):
    (tmp_path / "a.yaml").write_text(next(b for b in readme_blocks("yaml") if b.startswith("source:")))
    (tmp_path / "_resolutions.yaml").write_text("resolutions:\n  - id: con-1\n    verdict: maybe\n")
    (tmp_path / "_coverage.yaml").write_text("explained: 3\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{tmp_path}/_resolutions.yaml:2:5: resolutions[0]: missing required field 'note' [bad-resolution]" in lines
    assert f"{tmp_path}/_resolutions.yaml:3:14: resolutions[0].verdict: 'maybe' is not a verdict; choose from superseded, source-error, both-hold, open [bad-resolution]" in lines
    assert f"{tmp_path}/_coverage.yaml:1:12: explained: expected a list, got the number 3 [bad-coverage-settings]" in lines


def test_every_registered_code_is_in_the_readme_table_and_only_those():
    from factcheck.codes import CODES

    section = README.read_text(encoding="utf-8").split("## Diagnostic codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ([^|]+) \| ([^|]+) \|", section, re.M)
    assert [code for code, _severity, _title in rows] == list(CODES)
    for code, severity, title in rows:
        assert severity.split()[0] == CODES[code].severity, code
        assert title.strip() == CODES[code].title, code


def _code_layout_names() -> set[str]:
    section = README.read_text(encoding="utf-8").split("## Code layout", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"[a-z_]+", " ".join(re.findall(r"`([^`]+)`", section))))


def test_code_layout_names_every_module_and_only_real_ones():
    package = Path(__file__).parent.parent / "src" / "factcheck"
    modules = {p.stem for p in package.rglob("*.py") if p.stem != "__init__"}
    modules |= {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    named = _code_layout_names()
    assert sorted(modules - named) == [], "modules the README's Code layout does not name"
    listed_files = {n for n in named if (package / f"{n}.py").exists() or any(package.rglob(f"{n}.py"))
                    or (package / n).is_dir()}
    unknown = {n for n in re.findall(r"`([a-z_]+)\.py`", README.read_text(encoding="utf-8").split(
        "## Code layout", 1)[1].split("\n## ", 1)[0])} - listed_files
    assert sorted(unknown) == [], "files the README's Code layout names that do not exist"
