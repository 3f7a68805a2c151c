"""A report run from the console entry point ends without freeing its results one by one
(`launch.keep_until_exit`): its output and exit code are still exactly the command's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import launch

from cachehelpers import run, seed_corpus_in

MAIN = "import sys; sys.argv[0] = 'factcheck'; from factcheck.launch import main; main()"


@pytest.mark.parametrize("args", [("report", "--format", "json"), ("report", "--format", "markdown"),
                                  ("report", "--format", "json", "--no-cache")])
def test_the_console_entry_point_writes_the_whole_report_and_the_commands_exit_code(
        args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_corpus_in(tmp_path, monkeypatch)  # with one invalid file: exit 1
    expected = run(*args, "claims")
    assert expected[0] == 1
    for _ in range(2):  # cold, then answered from the cache of whole outputs
        done = subprocess.run([sys.executable, "-c", MAIN, *args, "claims"], capture_output=True, text=True,
                              env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})
        assert (done.returncode, done.stdout) == expected[:2]
    written = tmp_path / "out.json"
    done = subprocess.run([sys.executable, "-c", MAIN, *args, "claims", "-o", str(written)], capture_output=True,
                          text=True, env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1 and written.read_text(encoding="utf-8") == expected[1]


def test_nothing_is_kept_outside_the_console_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_corpus_in(tmp_path, monkeypatch, bad_file=False)
    assert run("report", "--format", "json", "claims")[0] == 0
    assert launch._kept is None
    launch.keep_until_exit(object())
    assert launch._kept is None
