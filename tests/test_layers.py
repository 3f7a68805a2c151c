"""Data flows down only: formatters render what they are given and import no module that judges,
reads reviews or reads articles. Checked on the source, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "factcheck"
FORMATTERS = sorted((PACKAGE / "formatters").rglob("*.py"))
# The commands, the CI gate, the ClaimReview export, the review file and verify's article reader.
FORBIDDEN = ("cli", "gate", "claimreview", "resolutions", "provenance")


def imported_modules(source: str, package: list[str]) -> set[str]:
    """Every module the source imports, as absolute dotted names (`from .. import gate` gives
    both `factcheck` and `factcheck.gate`)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def forbidden_in(names: set[str]) -> set[str]:
    return {name for name in names
            if any(name == f"factcheck.{f}" or name.startswith(f"factcheck.{f}.") for f in FORBIDDEN)}


def package_of(path: Path) -> list[str]:
    return ["factcheck", *path.parent.relative_to(PACKAGE).parts]


@pytest.mark.parametrize("path", FORMATTERS, ids=[str(p.relative_to(PACKAGE)) for p in FORMATTERS])
def test_formatters_import_no_command_gate_reviews_or_provenance(path):
    names = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    assert forbidden_in(names) == set(), (
        f"{path.name} imports a command, the gate, reviews or provenance; have it receive what it needs as data "
        "(Report.problems, factcheck.verdicts, factcheck.verify_results, factcheck.listing_rows)")


# The data types formatters may name in place of the modules that make them: they must not lead back.
FORMATTER_DATA = ("verify_results.py", "listing_rows.py", "possible.py")


@pytest.mark.parametrize("name", FORMATTER_DATA)
def test_the_data_formatters_receive_imports_none_of_the_forbidden_modules(name):
    path = PACKAGE / name
    assert forbidden_in(imported_modules(path.read_text(encoding="utf-8"), package_of(path))) == set()


def test_verify_results_are_the_data_provenance_returns():
    import factcheck.provenance as provenance
    import factcheck.verify_results as results

    assert provenance.Verification is results.Verification and provenance.QuoteCheck is results.QuoteCheck


FORMATTER_PACKAGE = ["factcheck", "formatters"]


@pytest.mark.parametrize(("source", "found"), [
    ("from ..gate import problems_of", {"factcheck.gate", "factcheck.gate.problems_of"}),
    ("from .. import gate", {"factcheck.gate"}),
    ("def f():\n    from ..claimreview import VERDICT_WORDS",
     {"factcheck.claimreview", "factcheck.claimreview.VERDICT_WORDS"}),
    ("import factcheck.provenance.quotes", {"factcheck.provenance.quotes"}),
    ("from ..cli.common import write_output", {"factcheck.cli.common", "factcheck.cli.common.write_output"}),
    ("from ..report import Report\nfrom . import RenderOptions\nfrom ..gates import x\nimport gate\n"
     "from ..verify_results import Verification\nfrom ..clippy import y", set()),
])
def test_the_check_sees_every_form_of_import(source, found):
    assert forbidden_in(imported_modules(source, FORMATTER_PACKAGE)) == found


@pytest.mark.parametrize("name", ["github", "sarif"])
def test_problem_formats_refuse_a_report_the_gate_has_not_judged(name):
    from factcheck.engine import analyse
    from factcheck.formatters import get_formatter
    from factcheck.loader import load_corpus
    from factcheck.report import build_report

    report = build_report(analyse(load_corpus(Path(__file__).parent / "fixtures" / "check" / "base")))
    with pytest.raises(ValueError, match=r"gate\.with_problems"):
        get_formatter(name)(report, None)


# The core (loading, matching, rules, reviews, verify) returns data: it never prints, never exits and
# never renders, so it imports neither the command line nor the formatters nor the terminal library.
ENTRY_POINTS = {"launch.py", "__main__.py"}
CORE = sorted(p for p in PACKAGE.rglob("*.py")
              if p.relative_to(PACKAGE).parts[0] not in {"cli", "formatters"} and p.name not in ENTRY_POINTS)
PRESENTATION = ("factcheck.cli", "factcheck.formatters", "typer", "rich", "click")


@pytest.mark.parametrize("path", CORE, ids=[str(p.relative_to(PACKAGE)) for p in CORE])
def test_the_core_imports_no_command_line_or_formatter(path):
    names = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    found = {n for n in names if any(n == p or n.startswith(p + ".") for p in PRESENTATION)}
    assert found == set(), f"{path.name} imports {sorted(found)}; the core returns data for the CLI to show"


def test_every_check_format_is_in_the_registry_and_loads():
    from factcheck.cli.check import CHECK_FORMATS
    from factcheck.formatters import CHECK_FORMATTERS, get_check_formatter

    assert CHECK_FORMATS == ("auto", *CHECK_FORMATTERS)
    loaded = {name: get_check_formatter(name) for name in CHECK_FORMATTERS}
    assert all(callable(formatter.render) for formatter in loaded.values())
    assert {name for name, formatter in loaded.items() if formatter.step_summary} == {"github"}
    assert {name for name, formatter in loaded.items() if formatter.log} == {"markdown"}
    with pytest.raises(KeyError, match="unknown format 'yaml'; choose from text, github, json, sarif, markdown"):
        get_check_formatter("yaml")


# What a command may take from the formatters: the registries' look-ups and the options they receive.
REGISTRY = {"factcheck.formatters", "factcheck.formatters.RenderOptions", "factcheck.formatters.get_formatter",
            "factcheck.formatters.get_chunked_formatter", "factcheck.formatters.get_check_formatter",
            "factcheck.formatters.get_command_formatter"}
COMMANDS = sorted((PACKAGE / "cli").glob("*.py"))


@pytest.mark.parametrize("path", COMMANDS, ids=[p.name for p in COMMANDS])
def test_commands_reach_formatters_only_through_the_registry(path):
    """A command names no formatter module or function: it asks a registry by name and writes the text."""
    names = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    formatters = {n for n in names if n == "factcheck.formatters" or n.startswith("factcheck.formatters.")}
    assert formatters - REGISTRY == set()


@pytest.mark.parametrize(("source", "outside"), [
    ("from ..formatters import RenderOptions, get_command_formatter", set()),
    ("def f():\n    from ..formatters.json import claim_json",
     {"factcheck.formatters.json", "factcheck.formatters.json.claim_json"}),
    ("from ..formatters import ghactions", {"factcheck.formatters.ghactions"}),
    ("import factcheck.formatters.text_listing", {"factcheck.formatters.text_listing"}),
])
def test_the_registry_check_sees_every_form_of_import(source, outside):
    names = imported_modules(source, ["factcheck", "cli"])
    assert {n for n in names if n.startswith("factcheck.formatters")} - REGISTRY == outside


def test_check_asks_the_check_registry():
    path = PACKAGE / "cli" / "check.py"
    assert "factcheck.formatters.get_check_formatter" in imported_modules(path.read_text(encoding="utf-8"),
                                                                           package_of(path))


@pytest.mark.parametrize(("module", "formats", "commands"), [
    ("listings", "LISTING_FORMATS", ("timeline", "sources", "topics", "matches", "vocabulary")),
    ("verify", "VERIFY_FORMATS", ("verify",)),
])
def test_every_command_format_is_in_the_registry_and_loads(module, formats, commands):
    import importlib

    from factcheck.formatters import command_formats, get_command_formatter

    offered = getattr(importlib.import_module(f"factcheck.cli.{module}"), formats)
    for command in commands:
        assert command_formats(command) == offered
        assert all(callable(get_command_formatter(command, name)) for name in offered)


def test_the_command_registry_names_its_choices():
    from factcheck.formatters import COMMAND_FORMATTERS, get_command_formatter

    assert {command for command, _format in COMMAND_FORMATTERS} == {
        "timeline", "sources", "topics", "matches", "vocabulary", "verify"}
    with pytest.raises(KeyError, match="unknown format 'html' for verify; choose from text, json, github"):
        get_command_formatter("verify", "html")


MODULE_LINES = 400  # a module a newcomer reads in one sitting; past it, split by concern


def test_no_module_is_longer_than_a_newcomer_reads_at_once():
    longer = {str(path.relative_to(PACKAGE)): lines for path in sorted(PACKAGE.rglob("*.py"))
              if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES}
    assert longer == {}
