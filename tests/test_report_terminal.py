"""What the terminal gets: colour, width, the progress notice, reviewed findings."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.cli.report import SlowWorkNotice, output_width, use_color
from factcheck.engine import analyse
from factcheck.formatters import RenderOptions
from factcheck.formatters import markdown, text
from factcheck.loader import load_corpus
from factcheck.model import FindingKind, Resolution
from factcheck.report import Filters, build_report

CORPUS = Path(__file__).parent / "fixtures" / "report" / "corpus"
runner = CliRunner()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "CI"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# --- colour and width ------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "tty", "output", "color"),
    [
        ({}, True, None, True),
        ({}, False, None, False),                            # piped: plain
        ({"NO_COLOR": "1"}, True, None, False),
        ({"NO_COLOR": ""}, True, None, True),                # no-color.org: only a non-empty value counts
        ({"FORCE_COLOR": "1"}, False, None, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, None, False),
        ({"TERM": "dumb"}, True, None, False),
        ({"CI": "true"}, True, None, False),                 # a CI log: plain unless forced
        ({"CI": "true", "FORCE_COLOR": "1"}, True, None, True),
        ({"CI": "false"}, True, None, True),
        ({}, True, Path("out.txt"), False),                  # a file never gets colour
        ({"FORCE_COLOR": "1"}, True, Path("out.txt"), False),
    ],
)
def test_colour_decision(clean_env, env, tty, output, color):
    for name, value in env.items():
        clean_env.setenv(name, value)
    stream = Terminal() if tty else io.StringIO()
    assert use_color(stream, output) is color


def test_width_decision(clean_env):
    assert output_width(io.StringIO(), None) is None                 # piped: the formatter's 80
    clean_env.setenv("COLUMNS", "132")
    assert output_width(io.StringIO(), None) == 132
    assert output_width(Terminal(), Path("out.txt")) == 132
    clean_env.setenv("COLUMNS", "wide")
    assert output_width(io.StringIO(), None) is None


def run(*args: str, **env: str):
    environment = {"COLUMNS": "80", "NO_COLOR": None, "FORCE_COLOR": None, "TERM": None, "CI": None, **env}
    return runner.invoke(app, ["report", str(CORPUS), *args], env=environment)


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, {"TERM": "dumb"}])
def test_piped_or_no_color_output_has_no_escape_byte(env):
    result = run(**env)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())  # no padding left behind


def test_force_color_colours_the_kinds():
    out = run(FORCE_COLOR="1").stdout
    assert "\x1b[1;31mCONTRADICTION\x1b[0m" in out
    assert "\x1b[1;32mCORROBORATED\x1b[0m" in out


# --- the progress notice -----------------------------------------------------------


def test_progress_notice_stays_silent_off_a_terminal():
    stream = io.StringIO()
    with SlowWorkNotice("working", stream=stream, delay=0):
        pass
    assert stream.getvalue() == ""


def test_progress_notice_stays_silent_for_quick_work():
    stream = Terminal()
    with SlowWorkNotice("working", stream=stream, delay=3600):
        pass  # ends long before the delay
    assert stream.getvalue() == ""


def test_progress_notice_shows_slow_work_on_stderr_and_erases_itself():
    shown = threading.Event()

    class Watched(Terminal):
        def write(self, text: str) -> int:
            if "working" in text or "stage two" in text:
                shown.set()
            return super().write(text)

    stream = Watched()
    with SlowWorkNotice("working", stream=stream, delay=0, interval=0.01) as notice:
        assert shown.wait(10)
        shown.clear()
        notice.stage("stage two")
        assert shown.wait(10)
    written = stream.getvalue()
    assert written.startswith("\r\x1b[2K⠋ working")
    assert "stage two" in written
    assert written.endswith("\r\x1b[2K")  # the line is cleared: the notice is transient


def test_report_keeps_stderr_clean_when_not_a_terminal():
    result = run()
    assert result.stderr == ""


# --- reviewed findings -----------------------------------------------------------------


@pytest.fixture(scope="module")
def reviewed():
    analysis = analyse(load_corpus(CORPUS))
    resolutions = [
        Resolution("con-2fc4110a0e", "source-error", "The [bold]Ledger[/bold] misread the filing.", "J. Doe",
                   "2025-10-01", "corpus/_resolutions.yaml", 2, 5, source="daily-ledger-2025-03-10"),
        Resolution("cor-b03a7ad5b9", "open", "Check the filings.", "J. Doe", "2025-10-02",
                   "corpus/_resolutions.yaml", 8, 5),
    ]
    filters = Filters(topics=("deal terms", "people"), kinds=(FindingKind.CONTRADICTION, FindingKind.CORROBORATED))
    return build_report(analysis, filters, resolutions)


def test_resolved_findings_are_marked_with_their_verdict(reviewed):
    lines = text.render(reviewed, RenderOptions(width=100)).splitlines()
    # The corroboration reviewed `open` is not counted as resolved
    assert lines[2] == "2 contradictions (1 resolved) · 0 conditions · 0 superseded · 4 corroborated (1 open)"
    assert lines[3] == "needs review: 2 contradictions, 1 condition (1 shown)"  # the corpus's; 1 passes the filters
    title = lines.index("CONTRADICTION · RESOLVED  Acme · purchase price for Globex" + " " * 28 + "con-2fc4110a0e")
    assert lines[title + 1] == ("  resolved: source-error (wrong source: daily-ledger-2025-03-10) by J. Doe on "
                                "2025-10-01: The")
    assert lines[title + 2] == "  [bold]Ledger[/bold] misread the filing."
    assert any(line.startswith("CONTRADICTION  Globex · deal closing date") for line in lines)  # unresolved
    folded = lines.index("✓ Acme · chief executive: Dana Reyes (Harbor Times, Wire Service) left open"
                         + " " * 11 + "cor-b03a7ad5b9")
    assert folded > title


def test_resolved_findings_in_markdown(reviewed):
    out = markdown.render(reviewed, RenderOptions())
    assert "#### Contradiction: Acme · purchase price for Globex (resolved)\n" in out
    assert ("**Resolved: source-error** (wrong source: daily-ledger-2025-03-10) by J. Doe on 2025-10-01: "
            "The \\[bold\\]Ledger\\[/bold\\] misread the filing.\n") in out
    assert "`cor-b03a7ad5b9` left open\n" in out
    assert "#### Contradiction: Globex · deal closing date\n" in out


def test_a_format_not_installed_is_a_usage_error(monkeypatch):
    from factcheck import formatters

    monkeypatch.setitem(formatters.FORMATTERS, "html", "factcheck.formatters.not_installed")
    result = run("--format", "html")
    assert result.exit_code == 2
    assert result.stderr == "error: --format html: not available in this installation\n"
