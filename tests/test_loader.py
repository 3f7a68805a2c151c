"""The loader beyond single malformed files: the corpus folder (links, pipes,
permissions, missing paths), dates and booleans as YAML would mistype them,
and user text quoted in messages."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from factcheck.dates import PartialDate
from factcheck.loader import load_corpus
from factcheck.yamlread import visible

from test_malformed import COMMANDS, GOOD_CLAIMS, GOOD_CONTRADICTION, GOOD_SOURCES, Command, assert_problems, run
from test_malformed import corpus  # noqa: F401  (the fixture: good files in claims/, cwd beside it)


def assert_reported(command: Command, expected: list[str]) -> None:
    """The command lists exactly these problems, exits 1, and still reports the good files."""
    result = run(command.args, "claims")
    assert result.exit_code == 1, result.output
    outcome = command.outcome(result.stdout, result.stderr)
    assert_problems(outcome.errors, expected)
    assert (outcome.sources, outcome.claims) == (GOOD_SOURCES, GOOD_CLAIMS)
    if outcome.finding_refs:
        assert GOOD_CONTRADICTION in outcome.finding_refs


# --- the corpus folder ------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_folder_symlink_loop_is_visited_once(command: Command, corpus: Path) -> None:
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to("..")
    assert_reported(command, ["claims/sub/up:1:1: folder already visited (a symlink loop or a second link to it); skipped [symlink-loop]"])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_file_symlink_loop_and_broken_link(command: Command, corpus: Path) -> None:
    (corpus / "loop.yaml").symlink_to("loop.yaml")
    (corpus / "gone.yaml").symlink_to("nowhere.yaml")
    assert_reported(command, [
        "claims/gone.yaml:1:1: cannot read file: broken symbolic link [unreadable]",
        "claims/loop.yaml:1:1: cannot read: ... [unreadable]",  # the OS words the reason
    ])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_named_pipe_is_refused_without_hanging(command: Command, corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.yaml")

    def hung(*_args: object) -> None:
        raise AssertionError("reading a FIFO blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        assert_reported(command, [
            "claims/pipe.yaml:1:1: not a regular file (a pipe, device or socket); a claim file is a text file [unreadable]",
        ])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _deny(monkeypatch: pytest.MonkeyPatch, name: str, denied: Path) -> None:
    """Make os.<name> fail with EACCES for one path, as chmod 000 would for a non-root user."""
    real = getattr(os, name)

    def fake(path, *args, **kwargs):
        if Path(path).resolve() == denied.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_unreadable_file_simulated(command: Command, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(corpus / "0-good-a.yaml", corpus / "secret.yaml")
    _deny(monkeypatch, "open", corpus / "secret.yaml")
    assert_reported(command, ["claims/secret.yaml:1:1: cannot read file: permission denied [unreadable]"])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_unreadable_folder_simulated(command: Command, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus / "private").mkdir()
    _deny(monkeypatch, "scandir", corpus / "private")
    assert_reported(command, ["claims/private:1:1: cannot read folder: permission denied [unreadable]"])


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading "
                    "(test_unreadable_file_simulated covers the same path)")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_unreadable_file_for_real(command: Command, corpus: Path) -> None:
    secret = corpus / "secret.yaml"
    shutil.copy(corpus / "0-good-a.yaml", secret)
    secret.chmod(0)
    try:
        assert_reported(command, ["claims/secret.yaml:1:1: cannot read file: permission denied [unreadable]"])
    finally:
        secret.chmod(0o644)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_missing_corpus_path_is_a_usage_error(command: Command, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(command.args, "nowhere")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: no such file or folder: nowhere\n"


def test_missing_corpus_path_in_the_library(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path / "nowhere")
    assert [(d.code, d.line, d.column) for d in corpus.diagnostics] == [("no-such-path", 1, 1)]
    assert corpus.sources == () and corpus.claims == ()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_hidden_files_and_folders_are_not_claim_files(command: Command, corpus: Path) -> None:
    (corpus / ".0-good-a.yaml.swp.yaml").write_text("not: [valid")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "broken.yaml").write_text("not: [valid")
    result = run(command.args, "claims")
    assert result.exit_code == command.clean_exit_code, result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_broken_settings_file_is_reported(command: Command, corpus: Path) -> None:
    (corpus / "_aliases.yaml").write_text("aliases:\n\t- [a, b]\n")
    assert_reported(command, ["claims/_aliases.yaml:2:1: tab character in indentation; YAML indents with spaces only [yaml-tab]"])


# --- dates and booleans ---------------------------------------------------------

CLAIM = """\
source:
  id: dated
  outlet: Example
  title: Dates
  published: {published}
claims:
  - id: c
    topic: t
    subject: s
    property: p
    value: {value}
    statement: s
"""


def load_one(tmp_path: Path, published: str = "2026-04-24", value: str = "x", extra: str = ""):
    path = tmp_path / "one.yaml"
    path.write_text(CLAIM.format(published=published, value=value) + extra)
    return load_corpus(path)


@pytest.mark.parametrize("written, expected", [
    ("2026-04-24", PartialDate(2026, 4, 24)),
    ("'2026-04-24'", PartialDate(2026, 4, 24)),
    ('"2026-04-24"', PartialDate(2026, 4, 24)),
    ("2026-04", PartialDate(2026, 4)),
    ("2026", PartialDate(2026)),
    ("'2026'", PartialDate(2026)),
    ("unknown", None),
])
def test_published_keeps_its_precision_whatever_yaml_types(tmp_path: Path, written: str, expected) -> None:
    corpus = load_one(tmp_path, published=written)
    assert corpus.diagnostics == ()
    assert corpus.sources[0].published == expected


@pytest.mark.parametrize("field, written, expected", [
    ("until", "2032", PartialDate(2032)),
    ("until", "'2032'", PartialDate(2032)),
    ("as_of", "2026-04-24", PartialDate(2026, 4, 24)),
    ("since", "2025-01", PartialDate(2025, 1)),
])
def test_claim_dates_keep_their_precision(tmp_path: Path, field: str, written: str, expected: PartialDate) -> None:
    corpus = load_one(tmp_path, extra=f"    {field}: {written}\n")
    assert corpus.diagnostics == ()
    assert getattr(corpus.claims[0], field) == expected


EXPECTED_DATE = "a date (YYYY, YYYY-MM, YYYY-MM-DD or EDTF, e.g. 2026-04-27?)"


@pytest.mark.parametrize("written, position, message", [
    ("2026-04-24.5", (13, 22), f"claims[0].until: expected {EXPECTED_DATE}, got '2026-04-24.5'"),
    ("2026.5", (13, 12), f"claims[0].until: expected {EXPECTED_DATE}, got '2026.5'"),
    ("true", (13, 12), f"claims[0].until: expected {EXPECTED_DATE}, got 'true'"),
    ("2026-02-29", (13, 20), "claims[0].until: impossible date '2026-02-29': February 2026 has 28 days"),
    # EDTF level 1: the column points at the character that is wrong, quoted or not.
    ("2026-02-30?", (13, 20), "claims[0].until: impossible date '2026-02-30?': February 2026 has 28 days"),
    ("'2026-02-30?'", (13, 21), "claims[0].until: impossible date '2026-02-30?': February 2026 has 28 days"),
    ("2026-4-27?", (13, 18), "claims[0].until: '2026-4-27?': in EDTF, months and days are two digits (e.g. 2026-04-07?)"),
    ("2026-04-27/2026-04-01", (13, 23), "claims[0].until: '2026-04-27/2026-04-01': the interval ends before it starts"),
    ("2026-04-27/2026-13", (13, 28), "claims[0].until: impossible date '2026-04-27/2026-13': month 13 is not 1 to 12"),
    ("2026-21", (13, 17), "claims[0].until: impossible date '2026-21': month 21 is not 1 to 12"),
    ("2026-21~", (13, 17), "claims[0].until: '2026-21~': seasons (EDTF 21 to 24) are not supported; write the months, e.g. 2026-03/2026-05"),
    ("20X6", (13, 14), "claims[0].until: '20X6': unspecified digits (X) come last in the year, e.g. 201X"),
    ("/", (13, 12), "claims[0].until: '/': an interval needs at least one known end"),
    ("2026-04-27 ?", (13, 22), f"claims[0].until: expected {EXPECTED_DATE}, got '2026-04-27 ?'"),
])
def test_bad_claim_dates(tmp_path: Path, written: str, position: tuple[int, int], message: str) -> None:
    corpus = load_one(tmp_path, extra=f"    until: {written}\n")
    assert [(d.code, d.line, d.column, d.message) for d in corpus.diagnostics] == [("bad-date", *position, message)]


@pytest.mark.parametrize("written, kind, display", [
    ("NO", "text", "NO"), ("yes", "text", "yes"), ("on", "text", "on"), ("off", "text", "off"),
    ("y", "text", "y"), ("Yes", "text", "Yes"),
    ("true", "boolean", "true"), ("false", "boolean", "false"), ("True", "boolean", "true"),
    ("'true'", "text", "true"),
])
def test_only_true_and_false_are_booleans(tmp_path: Path, written: str, kind: str, display: str) -> None:
    corpus = load_one(tmp_path, value=written)
    assert corpus.diagnostics == ()
    assert (corpus.claims[0].value.kind, corpus.claims[0].value.display) == (kind, display)


@pytest.mark.parametrize("written, display", [("1e-7", "0.0000001"), ("1e3", "1000.0"), ("2.50", "2.50")])
def test_yaml_floats_are_numbers(tmp_path: Path, written: str, display: str) -> None:
    corpus = load_one(tmp_path, value=written)
    assert corpus.diagnostics == ()
    assert (corpus.claims[0].value.kind, corpus.claims[0].value.display) == ("number", display)


@pytest.mark.parametrize("written", ["1e999", "-1e999"])
def test_out_of_range_float_is_an_error(tmp_path: Path, written: str) -> None:
    corpus = load_one(tmp_path, value=written)
    assert [(d.line, d.column, d.message) for d in corpus.diagnostics] == [
        (11, 12, f"claims[0].value: '{written}' is out of range for a number")]


# --- user text in messages ----------------------------------------------------


@pytest.mark.parametrize("text, shown", [
    ("plain text", "plain text"),
    ("\x1b[2J", "\\x1b[2J"),
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "\\x1b]8;;https://example.org\\x1b\\link\\x1b]8;;\\x1b\\"),
    ("line\nbreak\ttab\rreturn", "line\\nbreak\\ttab\\rreturn"),
    ("\x9b31m", "\\x9b31m"),
    ("\u202eevil", "\\u202eevil"),
    ("\udcff", "\\udcff"),
    ("café ✓", "café ✓"),
])
def test_visible_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert visible(text, None) == shown


def test_visible_cuts_long_text() -> None:
    assert visible("a" * 100, 10) == "a" * 10 + "…"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_hostile_file_name_is_shown_escaped(command: Command, corpus: Path) -> None:
    """Escaped where it is shown; JSON holds the real name (as a \\u001b escape), so a script can open it."""
    (corpus / "\x1b[2Jevil.yaml").write_text("just text\n")
    name = "claims/\x1b[2Jevil.yaml" if "json" in command.args else "claims/\\x1b[2Jevil.yaml"
    assert_reported(command, [
        f"{name}:1:1: the top level must be a mapping with 'source' and 'claims', got text [not-mapping]"])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_hostile_values_in_messages_are_escaped(command: Command, corpus: Path) -> None:
    text = CLAIM.format(published='"\\e]0;title\\a"', value="x")
    text = text.replace("id: dated", 'id: "\\e[31mred"').replace("    statement: s\n", '    statement: s\n    "\\e[2J": x\n')
    (corpus / "hostile.yaml").write_text(text)
    assert_reported(command, [
        "claims/hostile.yaml:2:7: source.id: '\\x1b[31mred' is not a slug (lowercase letters, digits and hyphens, "
        "starting with a letter or digit) [bad-slug]",
        "claims/hostile.yaml:5:14: source.published: expected the word unknown or a date (YYYY, YYYY-MM, YYYY-MM-DD or EDTF, e.g. 2026-04-27?), "
        "got '\\x1b]0;title\\x07' [bad-date]",
        "claims/hostile.yaml:13:5: claims[0].\\x1b[2J: unknown field; known fields: id, topic, subject, property, value, "
        "unit, approx, as_of, since, until, condition, attribution, revises, statement, quote [unknown-field]",
    ])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_hostile_settings_keys_are_escaped(command: Command, corpus: Path) -> None:
    (corpus / "_settings.yaml").write_text('matching:\n  "\\e]0;title\\a": 90\n')
    assert_reported(command, [
        "claims/_settings.yaml:2:3: matching.\\x1b]0;title\\x07: unknown setting; known: matching.threshold, "
        "matching.token_threshold, matching.propose, numbers.approx_margin [bad-settings]"])
