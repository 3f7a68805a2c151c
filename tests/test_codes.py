"""The registry of diagnostic codes: the only place a code is spelled."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from factcheck import codes
from factcheck.model import Diagnostic, Severity

SOURCE = Path(codes.__file__).parent
MAKERS = {"Diagnostic", "error", "YamlProblem", "EntryReader", "problem"}


def test_modules_name_codes_through_the_registry():
    spelled = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in MAKERS:
                    spelled += [f"{path.name}:{arg.lineno}: {arg.value}" for arg in node.args
                                if isinstance(arg, ast.Constant) and arg.value in codes.CODES]
    assert spelled == []


def test_an_unregistered_code_is_refused():
    with pytest.raises(KeyError, match="unregistered diagnostic code 'no-such-code'"):
        Diagnostic("a.yaml", 1, 1, "no-such-code", "m")


def test_severity_defaults_to_the_codes():
    assert Diagnostic("a.yaml", 1, 1, codes.UNKNOWN_FIELD, "m").severity is Severity.ERROR
    assert Diagnostic("a.yaml", 1, 1, codes.NO_TEXT, "m").severity is Severity.WARNING
    assert Diagnostic("a.yaml", 1, 1, codes.STALE_REVIEW, "m", Severity.ERROR).is_error  # --strict


def test_codes_are_kebab_case_and_titles_short():
    for code, entry in codes.CODES.items():
        assert code == entry.code and code.replace("-", "").isalnum() and code.islower(), code
        assert len(entry.title) <= 40 and entry.title[0].isupper(), code
        assert entry.sarif_rule()["id"] == code


def test_text_shows_the_code_at_the_end():
    problem = Diagnostic("a.yaml", 3, 5, codes.BAD_DATE, "source.published: impossible date")
    assert str(problem) == "a.yaml:3:5: source.published: impossible date [bad-date]"
