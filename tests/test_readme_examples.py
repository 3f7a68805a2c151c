"""The README's console examples are what the commands print.

Each ```console block in README.md runs: every `$ factcheck ...` line is
invoked (in process, at 80 columns unless told otherwise) and what it prints,
stdout and stderr as a terminal shows them, must be the lines under it. A line
`...` alone stands for any number of lines, so an example may be an excerpt.

A comment on the line before the fence sets the block up:

    <!-- readme-example cwd=tests/fixtures/verify -->          run there (default: the repository)
    <!-- readme-example copy=tests/fixtures/check/base:claims --> run in a fresh folder holding a copy
                                     (several: copy=A:claims,B/broken.yaml:claims/broken.yaml)
    <!-- readme-example empty=/tmp -->                         `cd /tmp` goes to a fresh empty folder
    <!-- readme-example columns=100 -->                         the terminal width
    <!-- readme-example skip="installs and runs the suite" -->  not run (say why)

A command may start with `cd DIR && `; the folder it goes to stays, as in a
shell. A block with no `$ ` line must say `skip=`. After an intended change,
`.venv/bin/python -m pytest tests/test_readme_examples.py --update-snapshots`
rewrites the examples from the commands' output (an excerpt keeps as many
first lines as it shows; one with `...` in the middle is edited by hand);
review `git diff README.md` before committing.
"""

from __future__ import annotations

import difflib
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
ELLIPSIS = "..."
BLOCK_RE = re.compile(r"^(?:<!-- readme-example (?P<options>.*?) -->\n)?```console\n(?P<body>.*?)^```$",
                      re.MULTILINE | re.DOTALL)
UPDATE_HINT = ("if the change is intended, run `.venv/bin/python -m pytest tests/test_readme_examples.py "
               "--update-snapshots` (an excerpt with `...` in the middle is edited by hand) and review "
               "`git diff README.md`")


@dataclass
class Command:
    text: str                        # the command, continuation lines joined
    raw: str                         # as the README shows it, `$ ` and continuation lines included
    expected: list[str] = field(default_factory=list)


@dataclass
class Example:
    line: int                        # of the ```console fence
    block: str                       # the whole match, to rewrite it in place
    options: dict[str, str]
    commands: list[Command]

    @property
    def name(self) -> str:
        return f"README.md:{self.line}"


def parse_examples(text: str) -> list[Example]:
    examples = []
    for match in BLOCK_RE.finditer(text):
        options = dict(item.split("=", 1) for item in shlex.split(match["options"] or ""))
        fence = text.count("\n", 0, match.start("body"))  # the fence is the line before the body
        commands: list[Command] = []
        pending, raw = "", ""
        for line in match["body"].splitlines():
            if pending or line.startswith("$ "):
                pending += line.removeprefix("$ ") if not pending else " " + line.strip()
                raw += line + "\n"
                if pending.endswith("\\"):
                    pending = pending[:-1].rstrip()
                    continue
                commands.append(Command(pending, raw))
                pending, raw = "", ""
            elif commands:
                commands[-1].expected.append(line.rstrip())
            elif line.strip():
                commands = []
                break  # text before any `$ `: a block of commands to type, not an example
        examples.append(Example(fence, match.group(0), options, commands))
    return examples


def lines_match(expected: list[str], actual: list[str]) -> bool:
    """`...` alone on a line matches any number of lines; every other line matches itself."""
    if not expected:
        return not actual
    if expected[0] == ELLIPSIS:
        return any(lines_match(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and lines_match(expected[1:], actual[1:])


def printed_lines(output: str) -> list[str]:
    lines = [line.rstrip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def rewritten(expected: list[str], actual: list[str]) -> list[str] | None:
    """The example updated from the output: all of it, or as many first lines as an excerpt shows."""
    if ELLIPSIS not in expected:
        return actual
    if expected.index(ELLIPSIS) == len(expected) - 1:
        return actual[:len(expected) - 1] + [ELLIPSIS]
    return None


EXAMPLES = parse_examples(README.read_text(encoding="utf-8"))


def test_every_console_block_runs_or_says_why_not():
    unexplained = [e.name for e in EXAMPLES if not e.commands and "skip" not in e.options]
    assert unexplained == [], (
        "console blocks with no `$ factcheck ...` line to run: write the command with its output, or put "
        '`<!-- readme-example skip="why" -->` on the line before the fence')
    assert len([e for e in EXAMPLES if e.commands]) >= 5  # the parser still finds the examples


def run_in(example: Example, tmp_path: Path, monkeypatch) -> None:
    folder = ROOT / example.options.get("cwd", ".")
    if "copy" in example.options:
        for item in example.options["copy"].split(","):
            source, _, target = item.partition(":")
            copy = shutil.copytree if (ROOT / source).is_dir() else shutil.copyfile
            (tmp_path / (target or Path(source).name)).parent.mkdir(parents=True, exist_ok=True)
            copy(ROOT / source, tmp_path / (target or Path(source).name))
        folder = tmp_path
    monkeypatch.chdir(folder)


def change_folder(command: str, example: Example, tmp_path: Path, monkeypatch) -> str:
    """`cd DIR && factcheck ...`: go to DIR (for good, as a shell does) and return the rest."""
    if not command.startswith("cd "):
        return command
    target, _, rest = command[3:].partition(" && ")
    if target == example.options.get("empty"):
        empty = tmp_path / "empty"
        empty.mkdir(exist_ok=True)
        target = str(empty)
    monkeypatch.chdir(Path.cwd() / target)
    return rest


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.commands and "skip" not in e.options],
                         ids=lambda e: e.name)
def test_console_example_prints_what_the_readme_shows(example, tmp_path, monkeypatch, request):
    run_in(example, tmp_path, monkeypatch)
    environment = {"COLUMNS": example.options.get("columns", "80"), "NO_COLOR": None, "FORCE_COLOR": None,
                   "TERM": None, "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None}
    problems = []
    for command in example.commands:
        program, *args = shlex.split(change_folder(command.text, example, tmp_path, monkeypatch))
        assert program == "factcheck", f"{example.name}: only `factcheck` commands run here: {command.text}"
        actual = printed_lines(CliRunner().invoke(app, args, env=environment).output)
        if lines_match(command.expected, actual):
            continue
        if request.config.getoption("--update-snapshots"):
            update = rewritten(command.expected, actual)
            if update is not None:
                command.expected = update
                continue
        diff = "\n".join(difflib.unified_diff(command.expected, actual, "README.md", "printed", lineterm=""))
        problems.append(f"$ {command.text}\n{diff}")
    if request.config.getoption("--update-snapshots") and not problems:
        rewrite_block(example, request)
    assert not problems, f"{example.name}: the example is not what the command prints; {UPDATE_HINT}\n\n" + \
        "\n\n".join(problems)


def rewrite_block(example: Example, request) -> None:
    body = "".join(c.raw + "".join(f"{line}\n" for line in c.expected) for c in example.commands)
    fence_at = example.block.index("```console\n") + len("```console\n")
    block = example.block[:fence_at] + body + "```"
    if block == example.block:
        return
    text = README.read_text(encoding="utf-8")
    assert text.count(example.block) == 1, f"{example.name}: the block appears twice; edit it by hand"
    README.write_text(text.replace(example.block, block), encoding="utf-8")
    request.config.rewritten_snapshots.append(f"{README} (the example at line {example.line})")


# --- the mechanism itself ----------------------------------------------------------------------


@pytest.mark.parametrize(("expected", "actual", "matches"), [
    (["a", "b"], ["a", "b"], True),
    (["a", "b"], ["a", "b", "c"], False),
    (["a", "..."], ["a", "b", "c"], True),
    (["a", "...", "c"], ["a", "c"], True),
    (["a", "...", "c"], ["a", "b", "x", "c"], True),
    (["a", "...", "c"], ["a", "b", "x"], False),
    (["...", "z"], ["a", "z", "q"], False),
])
def test_an_ellipsis_line_stands_for_any_lines(expected, actual, matches):
    assert lines_match(expected, actual) is matches


def test_examples_are_parsed_with_their_set_up_and_continuation_lines():
    text = ('Text.\n\n<!-- readme-example cwd=tests copy=a/b:claims -->\n```console\n'
            '$ factcheck check \\\n    claims\nline one\n...\n$ factcheck topics x\n```\n\n'
            '```console\nmake test  # a command to type\n```\n')
    first, second = parse_examples(text)
    assert (first.line, first.options) == (4, {"cwd": "tests", "copy": "a/b:claims"})
    assert [(c.text, c.expected) for c in first.commands] == [
        ("factcheck check claims", ["line one", "..."]), ("factcheck topics x", [])]
    assert first.commands[0].raw == "$ factcheck check \\\n    claims\n"
    assert (second.line, second.commands) == (12, [])


def test_an_update_keeps_an_excerpt_an_excerpt():
    assert rewritten(["a", "b"], ["x", "y", "z"]) == ["x", "y", "z"]
    assert rewritten(["a", "..."], ["x", "y", "z"]) == ["x", "..."]
    assert rewritten(["a", "...", "b"], ["x", "y", "z"]) is None  # edited by hand
