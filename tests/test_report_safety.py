"""Claim text is data: markup, escape sequences and very long words show literally.

tests/fixtures/report/hostile/ holds claims whose outlet, topic, subject,
value, attribution and statement try to be rich markup, terminal commands
(clear screen, window title, OSC 8 hyperlink, bell, carriage return), a bidi
override, emoji codes, Markdown/HTML, and words longer than any column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.formatters.markdown import code, inline
from factcheck.textsafe import visible

HOSTILE = Path(__file__).parent / "fixtures" / "report" / "hostile"
runner = CliRunner()


def report(*args: str, columns: int = 80, **env: str):
    environment = {"COLUMNS": str(columns), "NO_COLOR": None, "FORCE_COLOR": None, "TERM": None, **env}
    return runner.invoke(app, ["report", str(HOSTILE), *args], env=environment)


# --- textsafe -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),                          # clear screen
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),                      # window title, bell
        ("\x1b]8;;https://x.example\x1b\\a\x1b]8;;\x1b\\", "\\x1b]8;;https://x.example\\x1b\\a\\x1b]8;;\\x1b\\"),
        ("safe\rEVIL", "safe\\x0dEVIL"),                                 # carriage return overwrite
        ("\x9b31m", "\\x9b31m"),                                         # 8-bit CSI
        ("abc\u202edcba", "abc\\u202edcba"),                             # right-to-left override
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("line\u2028break", "line\\u2028break"),
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
        ("two\nlines\tand  tab", "two lines and  tab"),                  # one line by default
        ("family \U0001f468\u200d\U0001f469", "family \U0001f468\u200d\U0001f469"),  # emoji joiner kept
        ("café 中文 ü", "café 中文 ü"),
    ],
)
def test_visible_escapes_what_a_terminal_would_obey(raw, shown):
    assert visible(raw) == shown


def test_visible_can_keep_line_breaks_but_never_carriage_returns():
    assert visible("a\r\nb\tc", keep_newlines=True) == "a\\x0d\nb c"


# --- the text report -----------------------------------------------------------


def test_hostile_text_shows_literally():
    result = report()
    assert result.exit_code == 0, result.output
    out = result.stdout
    for literal in [
        "  topic: [bold red]alarm[/bold red]\n",        # a topic is not markup (under "needs review")
        "CONTRADICTION  Acme :smile: · motto",        # no emoji
        "[blink]yes[/blink]",
        "according to <script>alert(1)</script>",
        "Clear \\x1b[2J\\x1b[H the screen",
        "\\x1b]0;pwned\\x07",
        "A [dim]plain[/dim] denial",
        "\\u202eevil\\u202c with :thumbs_up: and",
        "[link=file:///etc/passwd]click[/link]",
        "[link=https://evil.example]Trusted",
    ]:
        assert literal in out, literal
    for byte in ("\x1b", "\x07", "\r", "\u202e", "\x9b"):
        assert byte not in out


def test_hostile_text_keeps_the_table_intact():
    out = report().stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    # Every row of each side-by-side table keeps the gutter between the two columns empty.
    rules = [i for i, line in enumerate(lines) if re.fullmatch(r"  ─+   ─+", line)]
    assert len(rules) == 2
    for start in rules:
        gutter = lines[start].index("   ", 2)
        row = start + 1
        while row < len(lines) and lines[row]:
            assert lines[row][gutter:gutter + 3].strip() == "", lines[row]
            row += 1
        assert row - start > 3
    # The long words are folded inside their column, every piece kept in order.
    left = "".join(line[2:gutter].strip() for line in lines[rules[1] + 2:] if line)
    assert "Supercalifragilisticexpialidocious-extraordinarily-long-unbroken-word-that-does-not-fit-in-" \
           "any-column-at-all-whatsoever-xxxxxxxxxxxxxxxxxxxx ends here." in left


def test_colour_output_only_carries_our_own_styles():
    out = report(FORCE_COLOR="1").stdout
    assert "\x1b[" in out                                    # colour is on ...
    assert re.sub(r"\x1b\[[0-9;]*m", "", out).count("\x1b") == 0  # ... and only as SGR styles
    assert "\x07" not in out and "\x1b]" not in out


# --- markdown ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("$4.2 billion", "\\$4.2 billion"),                               # no GitHub math
        ("a | b", "a \\| b"),                                             # no broken table
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),             # no HTML
        ("[click](https://x.example)", "\\[click\\](https:\u200b//x.example)"),  # no link
        ("![img](x)", "!\\[img\\](x)"),
        ("**b** _i_ `c` ~~s~~", "\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~"),
        ("&amp; &#x41;", "\\&amp; \\&\\#\u200bx41;"),                     # entities stay literal
        ("- item", "\\- item"),                                          # no list
        ("1. first", "1\\. first"),
        ("# heading", "\\# heading"),
        ("@octocat #12 :smile:", "@\u200boctocat \\#\u200b12 :\u200bsmile:"),  # no mention, ref, emoji
        ("www.x.example a@b.example", "www\u200b.x.example a@\u200bb.example"),
        ("back\\slash", "back\\\\slash"),
        ("esc \x1b[31m red", "esc \\\\x1b\\[31m red"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_inline_escapes(raw, escaped):
    assert inline(raw) == escaped


def test_markdown_code_span_cannot_be_closed_early():
    assert code("con-1") == "`con-1`"
    assert code("a``b") == "```a``b```"
    assert code("`x") == "`` `x ``"


def test_hostile_markdown_keeps_every_table_row_whole():
    out = report("--format", "markdown").stdout
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) == 2 * 4
    for row in rows:
        # 4 columns: 5 unescaped pipes per row, whatever the claim text holds.
        assert len(re.findall(r"(?<!\\)\|", row)) == 5, row
    assert "<script>" not in out and "](" not in out.replace("\\](", "")
    assert "\x1b" not in out
