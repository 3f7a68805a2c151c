"""`factcheck check` keeps its whole text, JSON and SARIF output in the cache of whole outputs.

Its output and exit code are byte-identical with --no-cache, cold, warm (no
analysis at all) and after a claim or review file changed; every option that
changes the output is part of the key; the formats with side effects or
stderr output (github, markdown) and pull-request mode are never stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.cache import CACHE_DIR_NAME

from cachehelpers import refuse_analysis, run, seed_corpus_in

ROOT = Path(__file__).parent.parent


def stored() -> int:
    folder = Path(CACHE_DIR_NAME) / "results"
    return len([p for p in folder.iterdir() if not p.name.startswith(".")]) if folder.is_dir() else 0


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed corpus plus one invalid file: check fails (exit 1) with a file problem."""
    return seed_corpus_in(tmp_path, monkeypatch)


@pytest.mark.parametrize("options", [("--format", "text"), ("--format", "json"), ("--format", "sarif"), ("--verbose",),
                                     ("--strict",)])
def test_check_output_is_identical_cold_warm_and_after_a_change(
        options: tuple[str, ...], corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = ("check", *options)
    uncached = run(*command, "--no-cache", "claims")
    assert uncached[0] == 1 and "bad.yaml" in uncached[1] and uncached[2] == ""
    assert not Path(CACHE_DIR_NAME).exists()  # --no-cache writes nothing
    assert run(*command, "claims") == uncached  # cold: computed and stored
    assert stored() == 1
    with monkeypatch.context() as patched:
        refuse_analysis(patched, "check output")
        assert run(*command, "claims") == uncached  # warm: the stored output and exit code

    (corpus / "bad.yaml").unlink()
    fixed = run(*command, "--no-cache", "claims")
    assert fixed[0] == 0 and fixed != uncached
    assert run(*command, "claims") == fixed
    assert run(*command, "claims") == fixed

    reviews = corpus / "_resolutions.yaml"
    reviews.write_text(reviews.read_text().replace("verdict: open", "verdict: both-hold"))
    reviewed = run(*command, "--no-cache", "claims")
    assert reviewed != fixed
    assert run(*command, "claims") == reviewed
    assert run(*command, "claims") == reviewed


def test_options_that_change_the_output_are_part_of_the_key(corpus: Path) -> None:
    for command in (("check",), ("check", "--strict"), ("check", "--format", "json"), ("check", "--verbose")):
        assert run(*command, "claims") == run(*command, "--no-cache", "claims")
    assert stored() == 4
    wide = run("check", "--verbose", "claims", columns="140")
    assert wide == run("check", "--verbose", "--no-cache", "claims", columns="140")
    assert wide != run("check", "--verbose", "claims")  # the report in front follows the width
    assert stored() == 5
    run("check", "claims", columns="140")  # the lint lines do not depend on the width: the same entry
    assert stored() == 5


@pytest.mark.parametrize("format", ["github", "markdown"])
def test_formats_with_side_effects_or_stderr_are_not_stored(format: str, corpus: Path) -> None:
    assert run("check", "--format", format, "claims") == run("check", "--format", format, "--no-cache", "claims")
    assert stored() == 0


def test_the_stored_formats_are_those_whose_output_is_only_stdout() -> None:
    from factcheck.cli.check import CACHED_FORMATS
    from factcheck.formatters import CHECK_FORMATTERS

    assert set(CACHED_FORMATS) == {name for name, entry in CHECK_FORMATTERS.items()
                                   if entry.log is None and entry.step_summary is None}


# --- the start-up shortcut: a warm `factcheck check [PATH]` answered before typer is imported ---------

AS_FACTCHECK = "import sys; sys.argv[0] = 'factcheck'; from factcheck.launch import main; main()"


def started(*args: str, cwd: Path, **env: str):
    """`factcheck ARGS` in a fresh process, as the console script runs it."""
    import subprocess
    import sys

    from checkhelpers import subprocess_env

    done = subprocess.run([sys.executable, "-c", AS_FACTCHECK, *args], cwd=cwd, capture_output=True, text=True,
                          env={**subprocess_env(), "COLUMNS": "100", "_TYPER_FORCE_DISABLE_TERMINAL": "1", **env})
    return done.returncode, done.stdout, done.stderr


def entered(*args: str, cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """`factcheck ARGS` through the console entry point's `main` (the shortcut, then typer's run),
    in this process: what `started` checks, without a process each (a fresh process is what
    test_startup and the GitHub Actions test below are about)."""
    from checkhelpers import console_main

    with monkeypatch.context() as patched:
        patched.chdir(cwd)
        patched.setenv("COLUMNS", "100")
        patched.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
        patched.delenv("GITHUB_ACTIONS", raising=False)
        capsys.readouterr()
        code = console_main(patched, *args)
        out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("where, args", [
    (".", ("check", "claims")),
    (".", ("check",)),                          # the corpus found is ./claims: nothing to say about it
    ("claims", ("check",)),                     # found from inside: typer's run says which corpus it uses
    (".", ("check", "claims/nyt-summary.yaml")),
    (".", ("check", "no-such-folder")),         # a usage error, from typer's run
    (".", ("check", "claims", "--strict")),     # options: typer's run
])
def test_the_shortcut_answers_as_the_command_does(where: str, args: tuple[str, ...], corpus: Path,
                                                  monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    cwd = corpus.parent / where
    for _ in range(2):  # cold, then warm
        assert entered(*args, cwd=cwd, monkeypatch=monkeypatch, capsys=capsys) == run_in(cwd, *args)


def test_a_warm_check_in_a_fresh_process_answers_as_the_command_does(corpus: Path) -> None:
    """One case as the console script runs it, a process each time: cold, warm (the shortcut)."""
    for _ in range(2):
        assert started("check", "claims", cwd=corpus.parent) == run("check", "claims")


def test_the_shortcut_is_not_taken_in_github_actions(corpus: Path) -> None:
    run("check", "claims")  # stores the text output
    code, stdout, _stderr = started("check", "claims", cwd=corpus.parent, GITHUB_ACTIONS="true")
    assert code == 1 and stdout.startswith("::error file=")


def test_a_damaged_entry_is_recomputed_by_the_command(corpus: Path) -> None:
    expected = run("check", "claims")
    (entry,) = [p for p in (Path(CACHE_DIR_NAME) / "results").iterdir() if not p.name.startswith(".")]
    entry.write_bytes(entry.read_bytes().replace(b"bad.yaml", b"bad.yml!"))
    assert started("check", "claims", cwd=corpus.parent) == expected


def test_a_miss_reads_each_file_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut's look-up reads the files; the command it hands over to loads those bytes."""
    import factcheck.loader.corpus
    import factcheck.loader.inputs
    from checkhelpers import console_main

    reads: list[str] = []
    for module in (factcheck.loader.inputs, factcheck.loader.corpus):
        real = module.read_bytes
        monkeypatch.setattr(module, "read_bytes", lambda path, shown, real=real: reads.append(shown) or real(path, shown))
    assert console_main(monkeypatch, "check", "claims") == 1
    files = sorted(str(p) for p in corpus.relative_to(corpus.parent).iterdir() if p.suffix == ".yaml")
    assert sorted(reads) == files


def run_in(cwd: Path, *args: str):
    import os

    before = os.getcwd()
    os.chdir(cwd)
    try:
        return run(*args)
    finally:
        os.chdir(before)
