"""Every file factcheck writes is replaced atomically: a reader (or a crash)
sees the old file or the new one, never a torn one, and a temporary file
left by a crash is never mistaken for a claim file."""

from __future__ import annotations

import ast
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from factcheck.loader import load_corpus
from factcheck.writes import atomic_write

from test_malformed import GOOD_CORPUS, run

SRC = Path(__file__).parent.parent / "src" / "factcheck"
OLD = (GOOD_CORPUS / "0-good-a.yaml").read_text()
# Big enough that a write takes a while; still under the loader's file bound.
NEW = OLD.replace("Deal terms reported", "Deal terms, second edition") + ("# padding\n" * 150_000)


def test_atomic_write_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text(OLD)
    target.chmod(0o640)
    atomic_write(target, NEW)
    assert target.read_text() == NEW
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


def test_atomic_write_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text(OLD)
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "half written \udcff")
    assert target.read_text() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


CHILD = textwrap.dedent("""
    import os, sys, time
    from factcheck.writes import atomic_write
    target, new, mode = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
    if mode == "before-rename":  # hold still with the data written but not yet renamed
        real_fsync = os.fsync
        def fsync(fd):
            real_fsync(fd)
            print("ready", flush=True)
            time.sleep(60)
        os.fsync = fsync
    else:
        print("ready", flush=True)
    while True:
        atomic_write(target, new)
""")


def _kill_writer(tmp_path: Path, mode: str, delay: float = 0.0) -> Path:
    """Start a process that writes NEW over claims/claims.yaml, SIGKILL it, return the folder."""
    folder = tmp_path / "claims"
    folder.mkdir(exist_ok=True)
    target = folder / "claims.yaml"
    target.write_text(OLD)
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(new_file), mode],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(delay)  # somewhere inside one of the writes of the loop
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return folder


def _assert_old_or_new_and_loadable(folder: Path) -> None:
    text = (folder / "claims.yaml").read_text()
    assert text in (OLD, NEW), f"torn file: {len(text)} characters"
    strays = [p.name for p in folder.iterdir() if p.name != "claims.yaml"]
    assert all(name.startswith(".") and not name.endswith((".yaml", ".yml")) for name in strays), strays
    corpus = load_corpus(folder)
    assert corpus.diagnostics == ()
    assert [s.id for s in corpus.sources] == ["good-a"]


def test_kill_before_rename_leaves_the_old_file(tmp_path: Path) -> None:
    folder = _kill_writer(tmp_path, "before-rename")
    assert (folder / "claims.yaml").read_text() == OLD
    strays = [p.name for p in folder.iterdir() if p.name != "claims.yaml"]
    assert len(strays) == 1 and strays[0].startswith(".claims.yaml.") and strays[0].endswith(".tmp")
    assert (folder / strays[0]).read_text() == NEW  # the new text was complete, just never renamed
    _assert_old_or_new_and_loadable(folder)
    result = run(("validate",), str(folder))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("seed", range(5))
def test_kill_at_a_random_moment_leaves_old_or_new(tmp_path: Path, seed: int) -> None:
    folder = _kill_writer(tmp_path, "loop", delay=random.Random(seed).uniform(0.0, 0.3))
    _assert_old_or_new_and_loadable(folder)


def test_report_output_file_goes_through_atomic_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.writes

    calls: list[Path] = []
    real = factcheck.writes.atomic_write

    def spy(path, text):
        calls.append(Path(path))
        real(path, text)

    monkeypatch.setattr(factcheck.writes, "atomic_write", spy)
    monkeypatch.chdir(tmp_path)
    result = run(("report", "--format", "json", "-o", "out.json"), str(GOOD_CORPUS))
    assert result.exit_code == 0, result.output
    assert calls == [Path("out.json")]
    assert (tmp_path / "out.json").read_text() == run(("report", "--format", "json"), str(GOOD_CORPUS)).stdout


WRITE_CALLS = {"write_text", "write_bytes", "mkstemp", "NamedTemporaryFile"}
OS_WRITE_CALLS = {"replace", "rename", "renames"}
WRITE_MODE = re.compile(r"[rbt+]*[wax][rbt+]*")


def _direct_writes(path: Path) -> list[str]:
    """Calls that write files without atomic_write: open(..., 'w'/'a'/'x'), Path.write_*, os renames."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        on_os = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "os"
        modes = [a.value for a in [*node.args, *(k.value for k in node.keywords)]
                 if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        opens_for_writing = name in ("open", "fdopen") and any(WRITE_MODE.fullmatch(m) for m in modes)
        if name in WRITE_CALLS or (on_os and name in OS_WRITE_CALLS) or opens_for_writing:
            found.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}")
    return found


def test_only_writes_py_writes_files() -> None:
    offenders = [hit for path in sorted(SRC.rglob("*.py")) if path.name != "writes.py" for hit in _direct_writes(path)]
    assert offenders == [], "write through factcheck.writes.atomic_write instead"


def test_the_write_scanner_sees_direct_writes() -> None:
    """Proves the test above can fail."""
    sample = SRC / "writes.py"
    assert sorted(hit.rsplit(": ", 1)[1] for hit in _direct_writes(sample)) == ["fdopen"] * 3 + ["mkstemp"] * 2 + ["open"] * 2 + ["replace"] * 3
