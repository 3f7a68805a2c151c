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


# --- rows 11-14: the console entry point: encodings, stdout failures, Ctrl-C, bad arguments ---

import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from checkhelpers import REPO, subprocess_env  # noqa: E402

SEED_CLAIMS = REPO / "claims"


def factcheck(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The real console entry point in a child process (stdout and stderr as bytes)."""
    return subprocess.run([sys.executable, "-c", "from factcheck.launch import main; main()", *args],
                          env={**subprocess_env(), **(env or {})}, capture_output=kwargs.pop("capture", True),
                          **kwargs)


def test_ascii_only_stdout_falls_back_to_ascii():
    done = factcheck("report", str(SEED_CLAIMS), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
    done.stdout.decode("ascii")  # nothing but ASCII
    assert b" - " in done.stdout and b"-----" in done.stdout


def test_reader_that_leaves_early_is_not_an_error():
    """`factcheck check | head -1` keeps check's verdict (1 here), silently."""
    process = subprocess.Popen([sys.executable, "-c", "from factcheck.launch import main; main()",
                                "report", str(SEED_CLAIMS), "-f", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env())
    process.stdout.close()  # the reader leaves before the first byte (`| true`)
    stderr = process.stderr.read()
    assert process.wait() == 0
    assert stderr == b""


@pytest.mark.parametrize("fixture, verdict", [("clean", 0), ("base", 1)])
def test_reader_that_leaves_keeps_the_verdict(tmp_path, fixture, verdict):
    from checkhelpers import corpus

    corpus(tmp_path, fixture)
    process = subprocess.Popen([sys.executable, "-c", "from factcheck.launch import main; main()",
                                "check", str(tmp_path / "claims"), "-f", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env())
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == verdict, stderr
    assert b"Traceback" not in stderr and b"internal error" not in stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_is_a_write_failure_with_its_own_message_and_exit_code():
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-c", "from factcheck.launch import main; main()",
                               "report", str(SEED_CLAIMS)], stdout=full, stderr=subprocess.PIPE, env=subprocess_env())
    assert (done.returncode, done.stderr) == (3, b"factcheck: cannot write to standard output: no space left on device\n")


def test_closed_stdout_is_a_write_failure():
    done = subprocess.run(["sh", "-c", f'"{sys.executable}" -c "from factcheck.launch import main; main()" '
                                       f'report "{SEED_CLAIMS}" >&-'],
                          stderr=subprocess.PIPE, env=subprocess_env())
    assert (done.returncode, done.stderr) == (3, b"factcheck: cannot write to standard output: it is closed\n")


@pytest.mark.parametrize("delay", [0.0, 0.1, 0.3, 0.6])
def test_ctrl_c_never_prints_a_traceback(delay):
    process = subprocess.Popen([sys.executable, "-c", "from factcheck.launch import main; main()",
                                "report", str(SEED_CLAIMS), "-f", "json"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=subprocess_env())
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    stderr = process.stderr.read()
    code = process.wait()
    assert b"Traceback" not in stderr and b"internal error" not in stderr, stderr
    assert code in (0, 130, -signal.SIGINT), code  # finished first, or interrupted


def test_ctrl_c_at_the_end_exits_130(monkeypatch):
    from factcheck import cli

    def interrupted() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)

    monkeypatch.setattr(sys, "argv", ["factcheck", "--version"])
    monkeypatch.setattr(cli, "_finish_output", interrupted, raising=False)
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert exit_.value.code == 130


@pytest.mark.parametrize("option", ["--note", "--by"])
def test_non_utf8_note_or_by_is_a_usage_error(tmp_path, option):
    from checkhelpers import corpus

    claims = corpus(tmp_path, "base")
    before = sorted(p.name for p in claims.iterdir())
    args = ["resolve", "con-76356fd8f7", str(claims), "--verdict", "open", "--note", "why", "--by", "me"]
    args[args.index(option) + 1] = "caf\udce9"
    result = run(args)
    assert result.exit_code == 2
    assert result.stderr == f"error: {option}: not valid UTF-8 (byte 0xe9 at character 4); give the text in UTF-8\n"
    assert sorted(p.name for p in claims.iterdir()) == before


# --- smaller points: write failures of -o and resolve exit 3, not 2 ------------------------


def test_output_file_write_failure_exits_3(in_tmp, monkeypatch):
    import errno

    import factcheck.writes

    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    contradicting(in_tmp / "claims")
    monkeypatch.setattr(factcheck.writes, "atomic_write", full)
    result = run(["report", "claims", "-o", "out.txt"])
    assert (result.exit_code, result.stderr) == (3, "error: cannot write -o out.txt: no space left on device\n")


def test_resolve_write_failure_exits_3(tmp_path, monkeypatch):
    import errno

    import factcheck.resolutions
    from checkhelpers import corpus

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    claims = corpus(tmp_path, "base")
    monkeypatch.setattr(factcheck.resolutions, "write_review", full)
    result = run(["resolve", "con-76356fd8f7", str(claims), "--verdict", "open", "--note", "n", "--by", "me"])
    assert result.exit_code == 3
    assert result.stderr == f"error: cannot write {claims / '_resolutions.yaml'}: no space left on device\n"


# --- row 7 and the absolute-path message: verify's text: ----------------------------------


def with_text(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.yaml").write_text(
        f"source:\n  id: s\n  outlet: O\n  title: T\n  published: 2026-01-01\n  text: \"{text}\"\n"
        "claims:\n  - id: c\n    topic: t\n    subject: A\n    property: p\n    value: 1\n    statement: S.\n"
        "    quote: hello\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_nul_byte_in_text_is_a_diagnostic(in_tmp, fmt):
    with_text(in_tmp / "claims", "article\\0.txt")
    result = run(["verify", "claims", "-f", fmt])
    assert result.exit_code == 1
    assert "internal error" not in result.output
    shown = result.stdout.replace("\\\\", "\\")  # JSON doubles the backslash
    assert "source.text: 'article\\x00.txt' holds a NUL character; no file has such a name" in shown


def test_absolute_text_path_message_reads_well(in_tmp):
    with_text(in_tmp / "claims", "/etc/hostname")
    result = run(["verify", "claims"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "claims/a.yaml:6:9: error: source.text: '/etc/hostname' is an absolute path; articles are read from "
        "inside the corpus folder claims; refused (with --articles DIR, its file name is looked up in DIR)")
