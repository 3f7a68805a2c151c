"""The fast loading path (libyaml's composer, validated on its nodes) and the full
path (the event reader and the tree checker) give identical results.

The fast path only takes files with nothing to report; everything else,
and anything unusual (tags, aliases, deep nesting), goes the full way. Every
stored YAML fixture, the seed corpus and the malformed cases run both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck.loader.corpus
from factcheck import yamlread
from factcheck.cli import app
from factcheck.loader import FileResult, decode, load_irregular, load_regular, load_text
from factcheck.yamlread import MAX_DEPTH
from test_malformed import CASES, GOOD_CORPUS

ROOT = Path(__file__).parent.parent
YAML_FILES = sorted(
    path for folder in (ROOT / "tests" / "fixtures", ROOT / "claims", ROOT.parent / "shared")
    if folder.is_dir() for path in folder.rglob("*.y*ml")
)


def snapshot(result: FileResult) -> tuple:
    """Everything a file contributes, positions included (they do not take part in ==)."""
    def positions(item: object) -> list:
        return sorted(item.field_positions.items()) if item is not None else []
    return (result.path, repr(result.source), positions(result.source),
            [(repr(c), positions(c)) for c in result.claims], result.diagnostics)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_both_paths_agree_on_every_stored_file(path: Path) -> None:
    text, problem = decode(path.name, path.read_bytes())
    if problem is not None:
        pytest.skip("not UTF-8: neither path sees it")
    full = load_irregular(path.name, text)
    fast = load_regular(path.name, text)
    if fast is not None:
        assert not full.diagnostics
        assert snapshot(fast) == snapshot(full)
    else:
        assert full.diagnostics or full.source is None or path.name.startswith("_")
    assert snapshot(load_text(path.name, text)) == snapshot(full)


def test_the_good_files_take_the_fast_path() -> None:
    for path in sorted(GOOD_CORPUS.glob("*.yaml")):
        assert load_regular(path.name, path.read_text()) is not None, path


UNUSUAL = {
    "alias": "source: &s\n  id: a\n  outlet: O\n  title: T\n  published: 2026\nclaims:\n  - id: c\n    topic: t\n"
             "    subject: S\n    property: p\n    value: 1\n    statement: x\n    attribution: *s\n",
    "bang tag on a number": "source:\n  id: a\n  outlet: O\n  title: T\n  published: 2026\nclaims:\n  - id: c\n"
                            "    topic: t\n    subject: S\n    property: p\n    value: ! 12\n    statement: x\n",
    "str tag": "source:\n  id: a\n  outlet: O\n  title: !!str T\n  published: 2026\nclaims:\n  - id: c\n"
               "    topic: t\n    subject: S\n    property: p\n    value: 12\n    statement: x\n",
    "a number that reads as 0": "source:\n  id: a\n  outlet: O\n  title: T\n  published: 2026\nclaims:\n"
                                "  - id: c\n    topic: t\n    subject: S\n    property: p\n    value: 1e-400\n    statement: x\n",
    "a revision": "source:\n  id: a\n  outlet: O\n  title: T\n  published: 2026\nclaims:\n  - id: c\n"
                  "    topic: t\n    subject: S\n    property: p\n    value: 12\n    revises: true\n    statement: x\n",
    "anchored scalar, no alias": "source:\n  id: a\n  outlet: &o O\n  title: T\n  published: 2026\nclaims:\n"
                                "  - id: c\n    topic: t\n    subject: S\n    property: p\n    value: 12\n    statement: x\n",
}


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_unusual_but_valid_files_load_the_same(name: str) -> None:
    text = UNUSUAL[name]
    assert snapshot(load_text("f.yaml", text)) == snapshot(load_irregular("f.yaml", text))


def test_a_number_that_reads_as_0_is_reported_either_way() -> None:
    text = UNUSUAL["a number that reads as 0"]
    assert load_regular("f.yaml", text) is None
    assert [d.code for d in load_text("f.yaml", text).diagnostics] == ["bad-value"]


def test_every_claim_field_survives_the_fast_path() -> None:
    result = load_regular("f.yaml", UNUSUAL["a revision"])
    assert result is not None and [c.revises for c in result.claims] == [True]


def test_a_bang_tag_keeps_a_number_as_text() -> None:
    result = load_text("f.yaml", UNUSUAL["bang tag on a number"])
    assert load_regular("f.yaml", UNUSUAL["bang tag on a number"]) is None
    assert [c.raw_value for c in result.claims] == ["12"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_malformed_case_reports_the_same_without_the_fast_path(case, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if "duplicate-source" in case.name:
        pytest.skip("needs the good file it duplicates")
    monkeypatch.chdir(tmp_path)
    Path(case.name).write_bytes(case.data)
    runner = CliRunner(env={"_TYPER_FORCE_DISABLE_TERMINAL": "1", "COLUMNS": "200"})
    args = ["report", "--format", "json", "--no-cache", case.name]
    with_fast = runner.invoke(app, args, catch_exceptions=False)
    monkeypatch.setattr(factcheck.loader.corpus, "load_regular", lambda display, text: None)
    without = runner.invoke(app, args, catch_exceptions=False)
    assert (with_fast.exit_code, with_fast.stdout, with_fast.stderr) == (without.exit_code, without.stdout, without.stderr)
    assert '"errors": []' not in with_fast.stdout


def _events_or_error(text: str, loader_class: type) -> list:
    """Every event with its marks and fields, or the error (message and marks) that ends the stream."""
    import yaml

    found: list = []
    try:
        loader = loader_class(text)  # the reader refuses some characters at once
    except yaml.YAMLError as error:
        return [("error", type(error).__name__, str(error))]
    try:
        while loader.check_event():
            event = loader.get_event()
            found.append((type(event).__name__, str(event.start_mark), str(event.end_mark),
                          *(getattr(event, name, None) for name in ("anchor", "tag", "implicit", "value", "style",
                                                                    "flow_style", "explicit"))))
    except yaml.YAMLError as error:
        found.append(("error", type(error).__name__, str(error)))
    finally:
        loader.dispose()
    return found


# Simple keys every way the scanner meets them: resolved, stale by length or line, required, in flow
# and block context, nested, and levels left with a key pending.
SIMPLE_KEYS = {
    "deep brackets": "[" * 500 + "]" * 500,
    "deep braces with keys": "{a: " * 300 + "}" * 300,
    "many open levels, then a long scalar": "[" * 300 + "x" * 800 + "]" * 300 + "\n",
    "many open levels over two lines": "[" * 200 + "\n" + "]" * 200 + "\n",
    "flow keys at many levels": "[[a]: b, {c: [d, [e]: f]}: g, [h, [i]]: j]\n",
    "a flow key too long": "[" + "x" * 1030 + ": y]\n",
    "a flow key just short enough": "[" + "x" * 1020 + ": y]\n",
    "a key over two lines": "[a\n: b]\n",
    "a required block key missing its colon": "a: 1\nb\nc: 3\n",
    "a block key too long": "x" * 1100 + ": 1\n",
    "keys left pending in closed levels": "[[a, [b, [c]]], d: e, [f]: [g, h: i]]\n",
    "alternating depth": "[" + "[a], " * 300 + "[" * 200 + "]" * 201 + "\n",
    "a complex key": "? [a, b]\n: c\n? {d: e}\n: f\n",
    "flow in block": "k: [a, {b: c}, [d]: e]\nl:\n  - [f: g]\n  - {h: [i: j]}\n",
}


@pytest.mark.parametrize("name", sorted(SIMPLE_KEYS))
def test_the_fallback_loader_reads_as_pyyaml_does(name: str) -> None:
    """FallbackLoader only walks its possible simple keys in less time: the same events and errors."""
    import yaml

    from factcheck.yamlfallback import FallbackLoader

    text = SIMPLE_KEYS[name]
    assert _events_or_error(text, FallbackLoader) == _events_or_error(text, yaml.SafeLoader)


MALFORMED_FILES = sorted((ROOT / "tests" / "fixtures" / "malformed").glob("*.yaml"))


@pytest.mark.parametrize("path", MALFORMED_FILES, ids=lambda p: p.name)
def test_the_fallback_loader_reads_every_malformed_fixture_as_pyyaml_does(path: Path) -> None:
    """The odd files (the pure-Python loader reads the seed corpus at ~0.1 s a file: these suffice)."""
    import yaml

    from factcheck.yamlfallback import FallbackLoader

    text, problem = decode(path.name, path.read_bytes())
    if problem is not None:
        pytest.skip("not UTF-8: neither loader sees it")
    assert _events_or_error(text, FallbackLoader) == _events_or_error(text, yaml.SafeLoader)


@pytest.mark.skipif(not hasattr(yamlread, "_DepthCountingComposer"), reason="needs libyaml")
def test_the_composer_for_an_older_libyaml_stops_at_our_depth_and_reads_good_files_alike(monkeypatch) -> None:
    """With a libyaml older than 0.2.6 (no nesting limit of its own), the composer counts the
    depth itself; the installed libyaml takes the other composer, so this one is tried here."""
    deep = "[" * 900 + "]" * 900
    assert yamlread.compose(deep) is not yamlread.IRREGULAR  # libyaml composes it whole
    good = sorted(GOOD_CORPUS.glob("*.yaml"))
    fast = [snapshot(load_regular(path.name, path.read_text())) for path in good]
    monkeypatch.setattr(yamlread, "_Composer", yamlread._DepthCountingComposer)
    assert yamlread.compose(deep) is yamlread.IRREGULAR
    assert yamlread.compose("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not yamlread.IRREGULAR
    assert yamlread.compose("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) is yamlread.IRREGULAR
    assert [snapshot(load_regular(path.name, path.read_text())) for path in good] == fast
