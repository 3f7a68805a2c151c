"""Each command imports only what it uses, so start-up stays short (issue 17).

A fresh process runs the console entry point and reports the modules it
imported; heavy libraries (templates, the terminal renderer, the JSON and
fuzzy-matching extensions) and other commands' modules must not be among
them. The table of command modules matches what the modules register.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checkhelpers import subprocess_env

ROOT = Path(__file__).parent.parent

# Runs the console entry point as `factcheck ARGS`; at exit, writes the names of the imported modules to a file.
AS_FACTCHECK = "import sys; sys.argv[0] = 'factcheck'; from factcheck.launch import main; main()"
RECORDING_MODULES = """
import atexit, json, sys
record = sys.argv.pop(1)
atexit.register(lambda: open(record, "w").write(json.dumps(sorted(sys.modules))))
""" + AS_FACTCHECK

HEAVY = ("jinja2", "markupsafe", "rich", "orjson", "lemminflect", "numpy", "pkg_resources", "importlib.metadata")
ANALYSIS = ("rapidfuzz", "factcheck.engine", "factcheck.gate", "factcheck.matching", "factcheck.workspace",
            "factcheck.values", "factcheck.yamlread", "factcheck.loader.corpus")  # a warm run only finds and reads files
OTHER_COMMANDS = ("factcheck.cli.report", "factcheck.cli.listings", "factcheck.cli.verify", "factcheck.cli.matches",
                  "factcheck.cli.export", "factcheck.cli.new", "factcheck.cli.schema", "factcheck.cli.validate")


def imported(*args: str, cwd: Path) -> tuple[int, set[str]]:
    record = cwd / "modules.json"
    done = subprocess.run([sys.executable, "-c", RECORDING_MODULES, str(record), *args], cwd=cwd, env=subprocess_env(),
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return done.returncode, set(json.loads(record.read_text()))


def among(names: set[str], prefixes: tuple[str, ...]) -> set[str]:
    return {n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    return tmp_path


def test_check_imports_no_heavy_library_nor_another_command_and_a_warm_one_no_analysis_at_all(corpus: Path) -> None:
    code, cold = imported("check", "claims", cwd=corpus)  # also stores the output
    assert code == 0
    assert "factcheck.gate" in cold and "factcheck.cli.check" in cold  # it did run the check
    assert among(cold, HEAVY + OTHER_COMMANDS) == set()
    code, warm = imported("check", "claims", cwd=corpus)
    assert code == 0
    assert among(warm, HEAVY + ANALYSIS + OTHER_COMMANDS + ("typer",)) == set()  # answered before typer loads


def test_version_imports_no_command_line_library(corpus: Path) -> None:
    code, names = imported("--version", cwd=corpus)
    assert code == 0
    assert among(names, ("typer", "factcheck.cli") + HEAVY) == set()


def test_a_text_report_uses_the_terminal_renderer_but_no_templates(corpus: Path) -> None:
    code, names = imported("report", "claims", "--no-cache", cwd=corpus)
    assert code == 0
    assert "rich" in names
    assert among(names, ("jinja2", "markupsafe", "factcheck.formatters.html", "factcheck.cli.verify")) == set()


def test_the_table_of_command_modules_is_what_the_modules_register() -> None:
    from factcheck.cli import COMMAND_MODULES, app
    from typer.main import get_command, get_command_name

    registered = {(info.name or get_command_name(info.callback.__name__)): info.callback.__module__
                  for info in app.registered_commands}
    registered.update({group.name: group.typer_instance.registered_commands[0].callback.__module__
                       for group in app.registered_groups})
    assert {name: f"factcheck.cli.{module}" for name, module in COMMAND_MODULES.items()} == registered
    assert list(COMMAND_MODULES) == list(get_command(app).commands)  # the order --help lists them in


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["cache", "--help"], ["chek"], ["report", "-f", "x"]])
def test_a_command_loaded_alone_behaves_as_in_the_whole_app(args: list[str], corpus: Path) -> None:
    env = {**subprocess_env(), "COLUMNS": "80", "_TYPER_FORCE_DISABLE_TERMINAL": "1", "TERM": "dumb"}
    alone = subprocess.run([sys.executable, "-c", AS_FACTCHECK, *args], cwd=corpus, env=env, capture_output=True, text=True)
    from factcheck.cli import app

    whole = CliRunner(env={"COLUMNS": "80", "_TYPER_FORCE_DISABLE_TERMINAL": "1", "TERM": "dumb"}).invoke(
        app, args, prog_name="factcheck")
    assert (alone.returncode, alone.stdout, alone.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


def test_the_loader_package_gives_every_name_it_lists() -> None:
    import factcheck.loader

    for name in factcheck.loader.__all__:
        assert getattr(factcheck.loader, name) is not None
    with pytest.raises(AttributeError):
        factcheck.loader.no_such_name  # noqa: B018
