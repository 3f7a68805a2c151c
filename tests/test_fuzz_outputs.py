"""Property-based: hostile text in every field reaches no output raw (issue 14).

Random strings drawn from control characters, bidi marks, zero-width and
line-separator characters, rich markup, Markdown, HTML and GitHub syntax are
written into every text field of a small corpus (two contradicting sources,
a review, an article), then rendered through every output of every command:
report and check in every format (and the step summary), verify, timeline,
sources, topics, export and validate. None may carry a character a terminal
would act on, and each medium's own syntax must arrive escaped.

`make test` runs a few examples; `make fuzz` (FACTCHECK_FUZZ=1) runs many more.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.textsafe import ZWSP, is_unsafe

FUZZ = os.environ.get("FACTCHECK_FUZZ") == "1"

FRAGMENTS = [
    "\x1b[2J", "\x1b]0;PWNED\x07", "\x1b]8;;https://evil.example\x1b\\", "\x9b31m", "\r", "\x07", "\x00", "\x7f",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\u2028", "\u2029",
    "\x85", "\x0b", "\x0c",
    "[bold]", "[/]", "[link=https://evil.example]", ":smile:", "[red]x[/red]",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "<!--", "\"'",
    "|", "*", "_", "`", "```", "~~", "$x^2$", "#12", "GH-12", "@octocat", "www.evil.example",
    "phish@evil.example", "https://evil.example", "[a](https://evil.example)", "![i](x.png)", "deadbeefcafe1234",
    "- ", "1. ", "> ", "=== ", "::error::injected", "::set-output name=x::y", "%0A::warning::x", "%25", ",", ":",
    "\\", "\t",
]
HOSTILE = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map(lambda parts: "Z" + "".join(parts))

# What would be markup, a tag or a link if it reached GitHub's Markdown raw. ZWSP inside the
# pattern (www\u200b.evil) or a backslash before it defuses it.
MARKDOWN_RAW = [r"(?<!\\)<", r"(?<!\\)\$", r"www\.evil", r"@evil", r"@octocat", r"(?<!\\)#12", r"\bGH-12",
                r"\bdeadbeefcafe1234\b", r"(?<!\\)\]\(", r"https://evil", r"(?<!\\)\[(bold|red|link)", r":smile:"]

# Lines of a GitHub log that may start with `::`: only the commands factcheck itself writes.
OUR_COMMANDS = re.compile(
    r"::(error|warning|notice) file=[^:,]*(,line=\d+)?(,col=\d+)?,title=[^:,]*::.*"
    r"|::stop-commands::factcheck-[0-9a-f]{32}|::factcheck-[0-9a-f]{32}::"
)


def yaml_text(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def write_corpus(folder: Path, hostile: str) -> None:
    claims = folder / "claims"
    claims.mkdir()
    q = yaml_text(hostile)
    for number, value in ((1, 10), (2, 20)):
        (claims / f"s{number}.yaml").write_text(
            f"source:\n  id: s{number}\n  outlet: {q}\n  title: {q}\n  published: 2026-01-0{number}\n"
            f"  text: article.txt\n"
            f"claims:\n"
            f"  - id: c\n    topic: {q}\n    subject: {q}\n    property: {q}\n    value: {value}\n"
            f"    statement: {q}\n    quote: {q}\n    attribution: {q}\n"
            f"  - id: d\n    topic: {q}\n    subject: {q}\n    property: other\n    value: 5\n"
            f"    condition: {q}\n    statement: {q}\n",
            encoding="utf-8",
        )
    (claims / "article.txt").write_text(f"{hostile} happened in 2026 with 10 and 20 people counted.\n",
                                        encoding="utf-8", errors="surrogatepass")


def invoke(args: list[str], cwd: Path, env: dict | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, env={"_TYPER_FORCE_DISABLE_TERMINAL": "1", "COLUMNS": "100",
                                                    "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None,
                                                    **(env or {})})
    finally:
        os.chdir(old)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        (args, result.exception)
    assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)
    return result


def add_review(folder: Path, hostile: str) -> None:
    checked = json.loads(invoke(["check", "claims", "-f", "json"], folder).stdout)
    ids = checked["check"]["unresolved"]
    entries = "".join(
        f"  - id: {finding_id}\n    verdict: open\n    note: {yaml_text(hostile)}\n    by: {yaml_text(hostile)}\n"
        "    date: 2026-02-01\n" for finding_id in ids)
    stale = (f"  - id: {yaml_text(hostile)}\n    verdict: open\n    note: {yaml_text(hostile)}\n"
             f"    by: me\n    date: 2026-02-01\n    claims: [{yaml_text(hostile)}]\n")  # matches nothing
    (folder / "claims" / "_resolutions.yaml").write_text(f"resolutions:\n{entries}{stale}", encoding="utf-8")


def outputs(folder: Path, hostile: str) -> dict[str, tuple[str, str]]:
    """Every output of every command: name -> (text, medium)."""
    shown: dict[str, tuple[str, str]] = {}

    def record(name: str, args: list[str], stdout_medium: str, env: dict | None = None) -> None:
        result = invoke(args, folder, env)
        shown[f"{name} stdout"] = (result.stdout, stdout_medium)
        shown[f"{name} stderr"] = (result.stderr, "terminal")

    for fmt, medium in (("text", "terminal"), ("json", "json"), ("markdown", "markdown"), ("html", "html")):
        record(f"report {fmt}", ["report", "claims", "-f", fmt, "--verbose"], medium)
    summary = folder / "summary.md"
    for fmt, medium in (("text", "terminal"), ("github", "github"), ("json", "json"), ("sarif", "json"),
                        ("markdown", "markdown")):
        record(f"check {fmt}", ["check", "claims", "-f", fmt], medium, {"GITHUB_STEP_SUMMARY": str(summary)})
    shown["step summary"] = (summary.read_text(encoding="utf-8") if summary.exists() else "", "markdown")
    for fmt, medium in (("text", "terminal"), ("json", "json"), ("github", "github")):
        record(f"verify {fmt}", ["verify", "claims", "--coverage", "-f", fmt], medium)
    for fmt, medium in (("text", "terminal"), ("json", "json")):
        record(f"timeline {fmt}", ["timeline", hostile, "-p", "claims", "-f", fmt], medium)
        record(f"timeline-miss {fmt}", ["timeline", hostile + "?", "-p", "claims", "-f", fmt], medium)
        record(f"sources {fmt}", ["sources", "claims", "-f", fmt], medium)
        record(f"topics {fmt}", ["topics", "claims", "-f", fmt], medium)
        record(f"vocabulary {fmt}", ["vocabulary", "claims", "-f", fmt], medium)
        record(f"matches {fmt}", ["matches", "claims", "-f", fmt], medium)
    record("validate", ["validate", "claims"], "terminal")
    add_review(folder, hostile)
    record("export", ["export", "claims", "--url", "https://example.org/r.html"], "json")
    record("check reviewed text", ["check", "claims", "--strict"], "terminal")
    record("check reviewed github", ["check", "claims", "-f", "github"], "github")
    record("validate reviewed", ["validate", "claims"], "terminal")
    record("report reviewed markdown", ["report", "claims", "-f", "markdown"], "markdown")
    record("report reviewed html", ["report", "claims", "-f", "html"], "html")
    record("report reviewed text", ["report", "claims"], "terminal")
    return shown


def assert_nothing_raw(name: str, text: str, medium: str) -> None:
    allowed = {ZWSP} if medium == "markdown" else set()  # ours: what defuses GitHub's autolinks
    raw = sorted({ch for ch in text if is_unsafe(ch) and ch not in allowed})
    assert not raw, f"{name}: raw {raw!r}"
    if medium == "json":
        json.loads(text)
    if medium == "markdown":
        for line in markdown_prose(text):
            for pattern in MARKDOWN_RAW:
                assert not re.search(pattern, line), f"{name}: {pattern!r} survives in {line!r}"
    if medium == "html":
        assert "<script>alert" not in text and "<img src=x" not in text and "<!--" not in text.replace("<!-- ", "")
    if medium == "github":
        for line in text.splitlines():
            if line.strip().startswith("::"):
                assert OUR_COMMANDS.fullmatch(line), f"{name}: {line!r} could be read as a workflow command"


def markdown_prose(text: str):
    """The lines GitHub renders as Markdown: fenced code blocks dropped, code spans removed."""
    fence = None
    for line in text.splitlines():
        opening = re.match(r"\s*(`{3,})", line)
        if fence is None and opening:
            fence = opening.group(1)
            continue
        if fence is not None:
            if line.strip() == fence:
                fence = None
            continue
        yield re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", line)


@settings(max_examples=100 if FUZZ else 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(HOSTILE)
def test_hostile_text_survives_no_output_raw(hostile: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_corpus(folder, hostile)
        for output, (text, medium) in outputs(folder, hostile).items():
            assert_nothing_raw(output, text, medium)


def test_the_checks_can_fail() -> None:
    """The assertions above catch what they are meant to catch."""
    import pytest

    for text, medium in (("a\x1b[2J", "terminal"), ("a\u202e", "json"), ("see <b>", "markdown"),
                         ("at www.evil.example", "markdown"), ("<script>alert(1)", "html"),
                         ("x\n::error::y", "github")):
        with pytest.raises(AssertionError):
            assert_nothing_raw("sample", text, medium)
