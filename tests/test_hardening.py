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


# Says "started" once factcheck's first SIGINT handler is in place: Python's own start-up (site
# and so on) comes before it and is not ours to change.
ANNOUNCE_FIRST_HANDLER = """
import sys, _signal
_install = _signal.signal
def _announcing(signum, handler):
    _signal.signal = _install
    previous = _install(signum, handler)
    sys.stderr.write("started\\n")
    sys.stderr.flush()
    return previous
_signal.signal = _announcing
"""


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.5])
def test_ctrl_c_never_prints_a_traceback(delay):
    """From the moment factcheck's code runs (Python's own start-up is before it), at varying delays."""
    started = ANNOUNCE_FIRST_HANDLER + "from factcheck.launch import main; main()"
    process = subprocess.Popen([sys.executable, "-c", started, "report", str(SEED_CLAIMS), "-f", "json"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=subprocess_env())
    assert process.stderr.readline() == b"started\n"
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

    from checkhelpers import console_main

    monkeypatch.setattr(cli, "_finish_output", interrupted, raising=False)
    assert console_main(monkeypatch, "--version") == 130


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

    import factcheck.reviewfile
    from checkhelpers import corpus

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    claims = corpus(tmp_path, "base")
    monkeypatch.setattr(factcheck.reviewfile, "write_review", full)
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
        "inside the corpus folder claims; refused (with --articles DIR, its file name is looked up in DIR) "
        "[text-outside-corpus]")


# --- rows 3 and 4: pull-request mode cannot be bypassed ------------------------------------


def git(cwd, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose `main` holds a clean corpus (one reviewed contradiction)."""
    from checkhelpers import BASE_CONTRADICTION, corpus

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Test")
    git(tmp_path, "config", "user.email", "test@example.org")
    claims = corpus(tmp_path, "base")
    (claims / "_resolutions.yaml").write_text(
        f"resolutions:\n  - id: {BASE_CONTRADICTION}\n    verdict: open\n    note: known\n    by: me\n"
        "    date: 2026-01-01\n")
    git(tmp_path, "add", "claims")
    git(tmp_path, "commit", "-q", "-m", "claims")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    assert run(["check", "claims"]).exit_code == 0
    return tmp_path


def test_user_diff_relative_config_cannot_hide_changes(repo):
    contradicting(repo / "claims", "Acme")
    git(repo, "add", "claims")
    git(repo, "commit", "-q", "-m", "contradiction")
    (repo / "global-config").write_text("[diff]\n\trelative = true\n[core]\n\tquotepath = true\n")
    result = run(["check", "claims", "--changed-since", "main"])
    assert result.exit_code == 1, result.stderr
    assert "1 unresolved contradiction" in result.output


def test_file_with_a_non_ascii_name_counts_as_changed(repo):
    contradicting(repo / "claims" / "régions", "Acme")
    git(repo, "add", "claims")
    git(repo, "commit", "-q", "-m", "contradiction")
    (repo / "global-config").write_text("[core]\n\tquotepath = true\n")
    assert run(["check", "claims", "--changed-since", "main"]).exit_code == 1


@pytest.mark.parametrize("change", [
    lambda claims: (claims / "_resolutions.yaml").write_text("resolutions: []\n"),
    lambda claims: (claims / "_resolutions.yaml").unlink(),
    lambda claims: (claims / "_settings.yaml").write_text("matching:\n  threshold: 99\n"),
], ids=["emptied", "deleted", "settings"])
def test_a_settings_change_widens_pull_request_mode(repo, change):
    change(repo / "claims")
    git(repo, "add", "-A", "claims")
    git(repo, "commit", "-q", "-m", "settings")
    full = run(["check", "claims"])
    pull_request = run(["check", "claims", "--changed-since", "main"])
    assert pull_request.exit_code == full.exit_code
    note, _, rest = pull_request.stderr.partition("\n")
    assert note.startswith("note: claims/_") and note.endswith(" changed since main: every finding is judged")
    assert rest == full.stderr


def test_an_alias_group_widens_pull_request_mode(repo):
    (repo / "claims" / "_aliases.yaml").write_text("aliases:\n  - [Microsoft, Acme]\n")
    git(repo, "add", "claims")
    git(repo, "commit", "-q", "-m", "aliases")
    from factcheck.gate import changed_settings
    from factcheck.git import changed_files

    changed = changed_files(repo / "claims", "main")
    assert changed_settings(changed, "claims") == ((repo / "claims" / "_aliases.yaml").resolve(),)


# --- row 5: -o never replaces what it should not ----------------------------------------


@pytest.mark.parametrize("target", ["claims/s1.yaml", "claims/new.yaml", "claims/_resolutions.yaml"])
def test_output_refuses_an_input_of_the_run(in_tmp, target):
    contradicting(in_tmp / "claims")
    before = {p.name: p.read_bytes() for p in (in_tmp / "claims").iterdir()}
    result = run(["report", "claims", "-o", target])
    assert result.exit_code == 2
    assert "is an input (a claim or settings file); write the output elsewhere" in result.stderr
    assert {p.name: p.read_bytes() for p in (in_tmp / "claims").iterdir()} == before


def test_output_refuses_the_claim_file_it_reads(in_tmp):
    contradicting(in_tmp / "claims")
    before = (in_tmp / "claims" / "s1.yaml").read_bytes()
    result = run(["report", "claims/s1.yaml", "-o", "claims/s1.yaml"])
    assert (result.exit_code, result.stderr) == (
        2, "error: -o claims/s1.yaml: that is the claim file being read; write the output elsewhere\n")
    assert (in_tmp / "claims" / "s1.yaml").read_bytes() == before


def test_output_through_a_symlink_keeps_the_link(in_tmp):
    contradicting(in_tmp / "claims")
    (in_tmp / "out").mkdir()
    (in_tmp / "report.json").symlink_to("out/real.json")
    result = run(["report", "claims", "-f", "json", "-o", "report.json"])
    assert result.exit_code == 0
    assert (in_tmp / "report.json").is_symlink()
    assert (in_tmp / "out" / "real.json").read_text().startswith("{")


def test_output_to_a_device_writes_through(in_tmp, monkeypatch):
    """`-o /dev/null` (or /dev/stdout) must write to the device, never rename a file over it."""
    import factcheck.writes

    def no_rename(*args):
        raise AssertionError("a device was replaced")

    monkeypatch.setattr(factcheck.writes.os, "replace", no_rename)
    contradicting(in_tmp / "claims")
    assert run(["report", "claims", "-o", "/dev/null"]).exit_code == 0
    assert Path("/dev/null").is_char_device()


def test_resolve_keeps_a_symlinked_review_file_a_symlink(tmp_path):
    from checkhelpers import BASE_CONTRADICTION, corpus

    claims = corpus(tmp_path, "base")
    (tmp_path / "reviews.yaml").write_text("resolutions: []\n")
    (claims / "_resolutions.yaml").symlink_to(tmp_path / "reviews.yaml")
    result = run(["resolve", BASE_CONTRADICTION, str(claims), "--verdict", "open", "--note", "n", "--by", "me"])
    assert result.exit_code == 0, result.stderr
    assert (claims / "_resolutions.yaml").is_symlink()
    assert BASE_CONTRADICTION in (tmp_path / "reviews.yaml").read_text()


# --- row 6: a FIFO never hangs ---------------------------------------------------------------


def run_with_timeout(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from factcheck.launch import main; main()", *args],
                          cwd=cwd, env={**subprocess_env(), **(env or {})}, capture_output=True, text=True,
                          timeout=60)


def test_fifo_review_file_is_refused_not_waited_on(tmp_path):
    from checkhelpers import BASE_CONTRADICTION, corpus

    claims = corpus(tmp_path, "base")
    os.mkfifo(claims / "_resolutions.yaml")
    done = run_with_timeout(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", "n",
                             "--by", "me"], tmp_path)
    assert done.returncode == 1
    assert ("claims/_resolutions.yaml:1:1: not a regular file (a pipe, device or socket); "
            "the review file must be a text file") in done.stderr


def test_fifo_step_summary_is_refused_not_waited_on(tmp_path):
    contradicting(tmp_path / "claims")
    os.mkfifo(tmp_path / "summary")
    done = run_with_timeout(["check", "claims", "-f", "github"], tmp_path,
                            {"GITHUB_STEP_SUMMARY": str(tmp_path / "summary")})
    assert done.returncode == 1
    assert "warning: cannot append to GITHUB_STEP_SUMMARY" in done.stderr
    assert "not a regular file" in done.stderr


# --- row 8: which settings files count -------------------------------------------------------


def test_nested_settings_file_is_ignored_and_reported(tmp_path):
    from checkhelpers import BASE_CONTRADICTION, corpus

    claims = corpus(tmp_path, "base")
    (claims / "_resolutions.yaml").write_text(
        f"resolutions:\n  - id: {BASE_CONTRADICTION}\n    verdict: open\n    note: known\n    by: me\n"
        "    date: 2026-01-01\n")
    (claims / "archive").mkdir()
    (claims / "archive" / "_resolutions.yaml").write_text("resolutions: []\n")
    result = run(["check", str(claims)])
    assert result.exit_code == 0, result.stderr
    nested = claims / "archive" / "_resolutions.yaml"
    assert (f"{nested}:1:1: nested-settings settings files count only in the corpus folder itself ({claims}); "
            "this one is ignored (move it there or rename it without the leading '_')") in result.output
    shown = run(["validate", str(claims)])
    assert "settings files count only in the corpus folder itself" in shown.stdout + shown.stderr


def test_yml_twin_of_a_settings_file_is_an_error(tmp_path):
    from checkhelpers import corpus

    claims = corpus(tmp_path, "clean")
    (claims / "_resolutions.yaml").write_text("resolutions: []\n")
    (claims / "_resolutions.yml").write_text("resolutions: []\n")
    result = run(["validate", str(claims)])
    assert result.exit_code == 1
    assert (f"{claims / '_resolutions.yml'}:1:1: _resolutions.yaml is beside it and is the one read; this file "
            "is ignored (merge it into _resolutions.yaml and delete it)") in result.stdout + result.stderr


# --- row 9: resolve never drops comments silently ---------------------------------------------


@pytest.mark.parametrize("layout", [
    "# reviewed by the desk\nresolutions:\n-\n  id: con-0000000000\n  verdict: open\n  note: kept\n  by: me\n"
    "  date: 2026-01-01\n",
    "resolutions: [{id: con-0000000000, verdict: open, note: kept, by: me, date: 2026-01-01}]  # flow\n",
])
def test_resolve_refuses_to_drop_comments(tmp_path, layout):
    from checkhelpers import BASE_CONTRADICTION, corpus

    claims = corpus(tmp_path, "base")
    (claims / "_resolutions.yaml").write_text(layout)
    result = run(["resolve", BASE_CONTRADICTION, str(claims), "--verdict", "open", "--note", "n", "--by", "me"])
    assert result.exit_code == 1
    assert "rewriting it would drop this comment; the file was left unchanged" in result.stderr
    assert "recorded" not in result.stdout
    assert (claims / "_resolutions.yaml").read_text() == layout


def test_resolve_rewrites_another_layout_without_comments(tmp_path):
    from checkhelpers import BASE_CONTRADICTION, corpus

    claims = corpus(tmp_path, "base")
    (claims / "_resolutions.yaml").write_text(
        "resolutions: [{id: con-0000000000, verdict: open, note: kept, by: me, date: 2026-01-01}]\n")
    result = run(["resolve", BASE_CONTRADICTION, str(claims), "--verdict", "open", "--note", "n", "--by", "me"])
    assert result.exit_code == 0
    text = (claims / "_resolutions.yaml").read_text()
    assert "con-0000000000" in text and BASE_CONTRADICTION in text


# --- row 15 and the leftover temporaries -----------------------------------------------------


def test_step_summary_append_is_all_or_nothing(tmp_path, monkeypatch):
    import errno

    import factcheck.writes
    from factcheck.writes import append_text

    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    real_write = os.write
    calls = []

    def disk_fills_up(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, data[:5])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(factcheck.writes.os, "write", disk_fills_up)
    with pytest.raises(OSError):
        append_text(summary, "### factcheck check failed\n| a | b |\n")
    assert summary.read_text() == "earlier step\n"


def test_killed_resolve_leaves_no_temporary_behind(tmp_path):
    from checkhelpers import BASE_CONTRADICTION, corpus

    claims = corpus(tmp_path, "base")
    leftover = claims / "._resolutions.yaml.abc123_x.tmp"
    leftover.write_text("half")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    fresh = claims / "._resolutions.yaml.def456.tmp"  # another resolve may be writing it right now
    fresh.write_text("half")
    result = run(["resolve", BASE_CONTRADICTION, str(claims), "--verdict", "open", "--note", "n", "--by", "me"])
    assert result.exit_code == 0
    assert not leftover.exists() and fresh.exists()


# --- smaller points: real paths in JSON, 1e-400 ------------------------------------------------


@pytest.mark.parametrize("name", [b"\x1b[2Jevil.yaml", b"line\nbreak.yaml", b"caf\xe9.yaml"], ids=repr)
@pytest.mark.parametrize("command", [["report", "-f", "json"], ["check", "-f", "json"], ["verify", "-f", "json"]])
def test_json_error_file_is_the_real_path(in_tmp, name, command):
    import json

    contradicting(in_tmp / "claims")
    with open(os.path.join(b"claims", name), "wb") as broken:
        broken.write(b"just text\n")
    result = run([command[0], "claims", *command[1:]])
    document = json.loads(result.stdout)
    files = [error["file"] for error in document["errors"]]
    assert files == [os.fsdecode(os.path.join(b"claims", name))]
    assert Path(files[0]).read_bytes() == b"just text\n"  # a script can open it
    assert "\x1b" not in result.stdout and "\udce9" not in result.stdout  # written as JSON escapes


def test_a_number_too_small_to_compare_is_an_error_not_zero(in_tmp):
    contradicting(in_tmp / "claims")
    text = (in_tmp / "claims" / "s1.yaml").read_text().replace("value: 10", "value: 1e-400")
    (in_tmp / "claims" / "s1.yaml").write_text(text)
    result = run(["validate", "claims"])
    assert result.exit_code == 1
    assert result.stdout == ("claims/s1.yaml:11:12: claims[0].value: '1e-400' is too small to compare as a number "
                             "(it would read as 0) [bad-value]\n")


def test_output_to_a_pipe_whose_reader_left_is_not_an_error():
    """`factcheck report -o /dev/stdout | true`: as on stdout, silently, with the command's verdict."""
    process = subprocess.Popen([sys.executable, "-c", "from factcheck.launch import main; main()",
                                "report", str(SEED_CLAIMS), "-f", "json", "-o", "/dev/stdout"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env())
    process.stdout.close()
    stderr = process.stderr.read()
    assert (process.wait(), stderr) == (0, b"")


def test_every_command_that_reads_a_corpus_protects_it_from_o():
    """A new `write_output` call must say which corpus it read (only `schema` reads none)."""
    import ast

    cli = Path(__file__).parent.parent / "src" / "factcheck" / "cli"
    unprotected = []
    for path in sorted(cli.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "write_output" \
                    and not any(k.arg == "corpus" for k in node.keywords):
                unprotected.append(path.name)
    assert unprotected == ["schema.py"]


def test_new_write_failure_exits_3(in_tmp, monkeypatch):
    import errno

    import factcheck.writes

    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    (in_tmp / "article.txt").write_text("Acme had 10 staff in 2026.\n")
    monkeypatch.setattr(factcheck.writes, "create_new", full)
    result = run(["new", "article.txt", "-o", "acme.yaml"])
    assert (result.exit_code, result.stderr) == (3, "error: cannot write -o acme.yaml: no space left on device\n")
