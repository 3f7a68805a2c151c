"""Data flows down only: formatters render what they are given and import no module that judges,
reads reviews or reads articles. Checked on the source, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "factcheck"
FORMATTERS = sorted((PACKAGE / "formatters").rglob("*.py"))
# The CI gate, the ClaimReview export, the review file and verify's article reader.
FORBIDDEN = ("gate", "claimreview", "resolutions", "provenance")


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
def test_formatters_import_no_gate_reviews_or_provenance(path):
    names = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    assert forbidden_in(names) == set(), (
        f"{path.name} imports the gate, reviews or provenance; have it receive what it needs as data "
        "(Report.problems, factcheck.verdicts)")


FORMATTER_PACKAGE = ["factcheck", "formatters"]


@pytest.mark.parametrize(("source", "found"), [
    ("from ..gate import problems_of", {"factcheck.gate", "factcheck.gate.problems_of"}),
    ("from .. import gate", {"factcheck.gate"}),
    ("def f():\n    from ..claimreview import VERDICT_WORDS",
     {"factcheck.claimreview", "factcheck.claimreview.VERDICT_WORDS"}),
    ("import factcheck.provenance.quotes", {"factcheck.provenance.quotes"}),
    ("from ..report import Report\nfrom . import RenderOptions\nfrom ..gates import x\nimport gate", set()),
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


def test_check_reaches_formatters_only_through_the_registry():
    """`factcheck check` names no formatter module: it asks `get_check_formatter` by name."""
    path = PACKAGE / "cli" / "check.py"
    modules = {p.stem for p in (PACKAGE / "formatters").glob("*.py")} - {"__init__"}
    names = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    assert {n for n in names if n.split(".")[-1] in modules and n.startswith("factcheck.formatters.")} == set()
    assert "factcheck.formatters.get_check_formatter" in names
