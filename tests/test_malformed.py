"""Malformed claim files: each gets exact `file:line:column: message [code]` errors,
exit 1, and the other files' claims are still reported.

Each case in `fixtures/malformed/*.yaml` states what it expects in header
comments (they count as lines, so positions include them):

    # expect: 12:5: claims[0].vaule: unknown field; did you mean 'value'? [unknown-field]
    # kept: 1 source, 0 claims       (what the bad file still contributes; default none)

The code, line and column are always exact. So is the message, except that a
message ending in `...` checks only our words before it: the rest is the YAML
parser's, and its wording differs between libyaml versions and the
pure-Python parser.

Cases too big or too odd to store (20,000 levels of nesting, 5 MB lines, a
zero-byte file) are generated below. Every case is placed beside the two
good files of `fixtures/malformed/corpus/` and run through each command of
COMMANDS.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.loader import MAX_FILE_BYTES, MAX_TEXT_CHARS
from factcheck.yamlread import MAX_DEPTH

FIXTURES = Path(__file__).parent / "fixtures" / "malformed"
GOOD_CORPUS = FIXTURES / "corpus"
GOOD_SOURCES, GOOD_CLAIMS = 2, 4
# The good files disagree on exclusivity; that finding must survive any bad neighbour.
GOOD_CONTRADICTION = {"good-a/exclusivity", "good-b/exclusivity"}
# Nothing but text and newlines may reach a terminal.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Case:
    name: str  # the file name inside the corpus
    data: bytes
    expected: tuple[str, ...]  # "line:column: message [code]", in order
    kept_sources: int = 0
    kept_claims: int = 0


def fixture_case(path: Path) -> Case:
    data = path.read_bytes()
    expected, kept = [], (0, 0)
    for line in data.split(b"\n"):
        text = line.decode("utf-8", "replace")
        if text.startswith("# expect: "):
            expected.append(text.removeprefix("# expect: "))
        elif text.startswith("# kept: "):
            kept = tuple(int(n) for n in re.findall(r"\d+", text))  # type: ignore[assignment]
        else:
            break
    return Case(path.name, data, tuple(expected), *kept)


def _claim_file(statement: str) -> bytes:
    return (
        "source:\n  id: long-one\n  outlet: Example Post\n  title: Long\n  published: 2026\n"
        "claims:\n  - id: stake\n    topic: ownership\n    subject: Acme\n"
        f"    property: stake in Widgets Inc\n    value: 27%\n    statement: {statement}\n"
    ).encode()


_LONG_STATEMENT = MAX_FILE_BYTES - 4096  # one line, under the file bound, far over the field bound
_DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels; a claim file is at most a few levels deep [yaml-depth]"
GENERATED = [
    Case("zero-bytes.yaml", b"", ("1:1: empty file; a claim file needs a 'source' mapping and a 'claims' list [empty-file]",)),
    Case("deep-flow-lists.yaml", b"[" * 20_000 + b"]" * 20_000, (f"1:{MAX_DEPTH + 1}: {_DEPTH_MESSAGE}",)),
    Case("deep-flow-mappings.yaml", b"{a: " * 20_000 + b"}" * 20_000, (f"1:{4 * MAX_DEPTH + 1}: {_DEPTH_MESSAGE}",)),
    Case("deep-block-lists.yaml", b"- " * 20_000 + b"x\n", (f"1:{2 * MAX_DEPTH + 1}: {_DEPTH_MESSAGE}",)),
    # Under libyaml's own limit of 1,000 levels: it composes these whole, and our reader must still stop at ours.
    Case("deep-flow-lists-libyaml-composes.yaml", b"[" * 900 + b"]" * 900, (f"1:{MAX_DEPTH + 1}: {_DEPTH_MESSAGE}",)),
    Case("deep-block-lists-libyaml-composes.yaml", b"- " * 900 + b"x\n", (f"1:{2 * MAX_DEPTH + 1}: {_DEPTH_MESSAGE}",)),
    # Root, claims, a claim: the statement's list opens level 4 at column 16.
    Case("deep-statement-libyaml-composes.yaml", _claim_file("[" * 900 + "]" * 900),
         (f"12:{16 + MAX_DEPTH - 3}: {_DEPTH_MESSAGE}",)),
    Case("five-megabyte-statement.yaml", _claim_file("x" * 5_000_000),
         ("1:1: file is 4.8 MiB, over the 2 MiB limit for one claim file; split it, or shorten long fields "
          "[file-too-large]",)),
    Case("long-statement.yaml", _claim_file("x" * _LONG_STATEMENT),
         (f"12:16: claims[0].statement: {_LONG_STATEMENT:,} characters, over the limit of {MAX_TEXT_CHARS:,} [too-long]",),
         kept_sources=1),
    Case("long-key.yaml", b"source:\n  " + b"k" * 1100 + b": 1\n",
         ("2:3: a mapping key longer than 1,024 characters; YAML allows no longer key on one line "
          "(the field names here are short) [yaml-key-length]",)),
    Case("bom-then-invalid-utf8.yaml", b"\xef\xbb\xbfsource:\n  outlet: caf\xe9\n",
         ("2:14: invalid UTF-8 (byte 0xe9); save the file as UTF-8 [not-utf8]",)),
]
CASES = [fixture_case(path) for path in sorted(FIXTURES.glob("*.yaml"))] + GENERATED

_PROBLEM = re.compile(r"(?P<where>.*?:\d+:\d+): (?P<message>.*) \[(?P<code>[a-z0-9-]+)\]")


def assert_problems(got: list[str], expected: list[str]) -> None:
    """Each `file:line:column: message [code]` as expected: place and code exact, and our words."""
    def parts(line: str) -> tuple[str, str, str]:
        match = _PROBLEM.fullmatch(line)
        assert match, f"not `file:line:column: message [code]`: {line!r}"
        return match["where"], match["code"], match["message"]

    assert len(got) == len(expected), (got, expected)
    for line, wanted in zip(got, expected):
        (where, code, message), (want_where, want_code, want_message) = parts(line), parts(wanted)
        assert (where, code) == (want_where, want_code), line
        if want_message.endswith(" ..."):
            assert message.startswith(want_message.removesuffix("...")), line
        else:
            assert message == want_message, line


@dataclass(frozen=True)
class Outcome:
    errors: list[str]  # "file:line:column: message [code]" as the command reports them
    sources: int
    claims: int
    finding_refs: list[set[str]]  # claim refs of each finding, when the command reports findings


def _validate_outcome(stdout: str, stderr: str) -> Outcome:
    summary = re.match(r"(\d+) valid source files?, (\d+) claims", stderr)
    assert summary, stderr
    return Outcome(stdout.splitlines(), int(summary[1]), int(summary[2]), [])


def _json_outcome(stdout: str, stderr: str) -> Outcome:
    document = json.loads(stdout)  # stays valid JSON whatever the input
    errors = [f"{e['file']}:{e['line']}:{e['column']}: {e['message']} [{e['code']}]" for e in document["errors"]]
    refs = [{c["ref"] for p in f["positions"] for c in p["claims"]} for f in document["findings"]]
    return Outcome(errors, document["corpus"]["sources"], document["corpus"]["claims"], refs)


@dataclass(frozen=True)
class Command:
    args: tuple[str, ...]
    outcome: Callable[[str, str], Outcome]
    exit_code: int = 1
    clean_exit_code: int = 0  # on the good files alone

    @property
    def name(self) -> str:
        return self.args[0]


# Every command that loads a corpus must honour the same contract.
COMMANDS = [
    Command(("validate",), _validate_outcome),
    Command(("report", "--format", "json"), _json_outcome),
    # The good files hold a contradiction nobody has reviewed: check fails on it, and only on it.
    Command(("check", "--format", "json"), _json_outcome, clean_exit_code=1),
]


def run(args: tuple[str, ...], *paths: str):
    runner = CliRunner(env={"_TYPER_FORCE_DISABLE_TERMINAL": "1", "COLUMNS": "200"})
    return runner.invoke(app, [*args, *paths], catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus folder `claims/` holding the good files; paths display as `claims/...`."""
    shutil.copytree(GOOD_CORPUS, tmp_path / "claims")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "claims"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file_is_reported_and_the_rest_still_counts(case: Case, command: Command, corpus: Path) -> None:
    assert case.expected, f"{case.name} states no `# expect:` line"
    (corpus / case.name).write_bytes(case.data)
    result = run(command.args, "claims")
    assert result.exit_code == command.exit_code, result.output
    outcome = command.outcome(result.stdout, result.stderr)
    assert_problems(outcome.errors, [f"claims/{case.name}:{line}" for line in case.expected])
    assert (outcome.sources, outcome.claims) == (GOOD_SOURCES + case.kept_sources, GOOD_CLAIMS + case.kept_claims)
    if command.outcome is _json_outcome:
        assert GOOD_CONTRADICTION in outcome.finding_refs
    assert not CONTROL.search(result.stdout + result.stderr)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file_alone_gives_the_same_errors(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Validating just that file (as an editor would) reports the same positions."""
    if "duplicate-source" in case.name:
        pytest.skip("needs the good file it duplicates")
    monkeypatch.chdir(tmp_path)
    Path(case.name).write_bytes(case.data)
    result = run(("validate",), case.name)
    assert result.exit_code == 1
    assert_problems(result.stdout.splitlines(), [f"{case.name}:{line}" for line in case.expected])


def test_good_corpus_alone_is_clean(corpus: Path) -> None:
    for command in COMMANDS:
        result = run(command.args, "claims")
        assert result.exit_code == command.clean_exit_code, result.output
        outcome = command.outcome(result.stdout, result.stderr)
        assert (outcome.errors, outcome.sources, outcome.claims) == ([], GOOD_SOURCES, GOOD_CLAIMS)


PYTHON_TAG_CASES = sorted(p.name for p in FIXTURES.glob("python-*.yaml"))


@pytest.mark.parametrize("name", PYTHON_TAG_CASES)
def test_python_tags_are_live_traps_for_an_unsafe_loader(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proves the next test can fail: an unsafe loader does run these tags."""
    monkeypatch.chdir(tmp_path)
    if name == "python-name.yaml":
        assert yaml.unsafe_load((FIXTURES / name).read_text())["claims"][0]["value"].__name__ == "system"
        return
    try:
        yaml.unsafe_load((FIXTURES / name).read_text())
    except Exception:  # the object it builds is not a valid claim file; the damage is done
        pass
    assert sorted(p.name for p in tmp_path.glob("pwned-*"))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
@pytest.mark.parametrize("name", PYTHON_TAG_CASES)
def test_python_tags_run_nothing(name: str, command: Command, corpus: Path) -> None:
    shutil.copy(FIXTURES / name, corpus / name)
    result = run(command.args, "claims")
    assert result.exit_code == 1
    assert sorted(p.name for p in corpus.parent.rglob("pwned-*")) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_pure_python_parser_fallback_reports_the_same(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml (the pure-Python loader, as factcheck uses it then), the same codes at the same
    positions, with the same words of ours."""
    if "duplicate-source" in case.name:
        pytest.skip("needs the good file it duplicates")
    import factcheck.yamlread
    from factcheck.yamlfallback import FallbackLoader

    monkeypatch.setattr(factcheck.yamlread, "_Loader", FallbackLoader)
    monkeypatch.chdir(tmp_path)
    Path(case.name).write_bytes(case.data)
    result = run(("validate",), case.name)
    assert result.exit_code == 1
    assert_problems(result.stdout.splitlines(), [f"{case.name}:{line}" for line in case.expected])


@pytest.mark.parametrize("case", [c for c in GENERATED if c.name.startswith("deep-")], ids=lambda c: c.name)
def test_libyaml_depth_limit_reports_our_code_at_our_place(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml 0.2.6 stops at 1,000 levels while it scans ahead, before our walker sees level 65.

    Simulated whichever libyaml is installed: a loader that raises libyaml's error at once.
    """
    import yaml

    import factcheck.yamlread

    class LibyamlWithDepthLimit(yaml.SafeLoader):
        def check_event(self, *choices):
            mark = yaml.Mark(self.name, 1000, 0, 1000, None, None)
            raise yaml.parser.ParserError(None, None, "exceeded maximum nesting depth", mark)

    monkeypatch.setattr(factcheck.yamlread, "_Loader", LibyamlWithDepthLimit)
    monkeypatch.chdir(tmp_path)
    Path(case.name).write_bytes(case.data)
    result = run(("validate",), case.name)
    assert result.exit_code == 1
    assert_problems(result.stdout.splitlines(), [f"{case.name}:{line}" for line in case.expected])
