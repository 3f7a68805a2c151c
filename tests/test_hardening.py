"""Issue 14, hardening round two: each row of the red-team table, reproduced.

Every test here failed before its fix (see the commit that adds it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checkhelpers import run

HOSTILE_SUBJECT = "Acme\\e]0;PWNED\\a\\e[2J\\u202e\\u2028\\x9b"
RAW_DANGER = ("\x1b", "\x07", "\u202e", "\u2028", "\x9b")


def contradicting(folder: Path, subject: str = "Acme", prop: str = "employees", extra: str = "") -> Path:
    """Two sources that contradict each other on `subject` · `prop`."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (day, value) in enumerate([("2026-01-01", 10), ("2026-01-02", 20)], start=1):
        (folder / f"s{number}.yaml").write_text(
            f"source:\n  id: s{number}\n  outlet: Outlet {number}\n  title: T\n  published: {day}\n{extra}"
            f"claims:\n  - id: c\n    topic: t\n    subject: \"{subject}\"\n    property: \"{prop}\"\n"
            f"    value: {value}\n    statement: S.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- row 1: check's problem lines are escaped in every format -------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "github"])
def test_check_problem_lines_never_carry_terminal_escapes(in_tmp, fmt):
    contradicting(in_tmp / "claims", HOSTILE_SUBJECT, HOSTILE_SUBJECT)
    summary = in_tmp / "summary.md"
    result = run(["check", "claims", "-f", fmt], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    shown = result.stdout + result.stderr + (summary.read_text() if summary.exists() else "")
    assert "PWNED" in shown and "\\x1b]0;PWNED\\x07" in shown.replace("\\\\", "\\")
    for char in RAW_DANGER:
        assert char not in shown, repr(char)


def test_both_github_escapers_agree_on_line_separators():
    from factcheck.formatters import ghactions, github
    from factcheck.gate import Problem

    message = "a\u2028b\u2029c\x1bd"
    problem = Problem("contradiction", "error", "f.yaml", 1, 1, "t", message)
    from_check = github.annotation(problem).split("::", 2)[2]
    from_verify = ghactions.annotation("error", "f.yaml", 1, 1, "t", message).split("::", 2)[2]
    assert from_check == from_verify == "a\\u2028b\\u2029c\\x1bd"


def test_one_rule_for_unsafe_characters_in_every_target():
    from factcheck import textsafe

    for char in ["\x1b", "\x9b", "\u202e", "\u2066", "\u200e", "\u061c", "\u2028", "\ufeff", "\ud800"]:
        for target in (textsafe.terminal, textsafe.quoted, textsafe.markdown, textsafe.html_text,
                       textsafe.github_data, textsafe.github_property, textsafe.github_log_line):
            assert char not in target(f"a{char}b"), (target.__name__, repr(char))


# --- row 2: the step summary defuses what GitHub links -----------------------------------------


@pytest.mark.parametrize("text, raw", [
    ("see www.evil.example now", "www.evil"),
    ("mail phish@evil.example", "@evil"),
    ("price $x^2$ math", "$x"),
    ("issue #12 and GH-12", "#12"),
    ("issue GH-12", "GH-12"),
    ("commit deadbeefcafe1234 here", "deadbeefcafe"),
    ("https://evil.example/x", "https://"),
])
def test_step_summary_defuses_autolinks(in_tmp, text, raw):
    contradicting(in_tmp / "claims", f"Acme {text}")
    summary = in_tmp / "summary.md"
    result = run(["check", "claims", "-f", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    table = summary.read_text()
    assert "Acme" in table and raw not in table.replace("\\$", "")  # an escaped $ is literal


def test_markdown_keeps_finding_ids_and_numbers_copyable():
    from factcheck.textsafe import markdown

    assert markdown("con-4ef20b8650 and 12345678") == "con-4ef20b8650 and 12345678"
