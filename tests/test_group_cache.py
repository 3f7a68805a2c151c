"""The cache of each group's findings (and of their JSON text) never changes a result.

After every kind of change (a claim inside one group, a claim moving to
another group, an alias, a setting, a review) the report equals an uncached
one byte for byte, in every format; only the groups whose claims changed are
compared again. Damaged or planted packs are ignored and rewritten; runs at
once each get what an uncached run gets.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import factcheck.engine
from factcheck.cache import CACHE_DIR_NAME, PACK_MAGIC, FileCache, GroupCache, sealed, unsealed

from cachehelpers import noted_calls, run, seed_corpus_in

ROOT = Path(__file__).parent.parent


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return seed_corpus_in(tmp_path, monkeypatch, bad_file=False)


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list:
    """The groups compared (not taken from the cache), by (subject, property), as runs go."""
    return noted_calls(monkeypatch, (factcheck.engine,), "findings_for_group", lambda g: (g.subject, g.property))


def forget_results() -> None:
    """Drop the cache of whole reports, so that a run goes through the group cache."""
    shutil.rmtree(Path(CACHE_DIR_NAME) / "results", ignore_errors=True)


def pack(kind: str) -> Path:
    (found,) = (Path(CACHE_DIR_NAME) / kind).iterdir()
    return found


def same_as_uncached(command: tuple[str, ...], compared: list | None = None) -> tuple:
    """The output of `command` uncached; asserted equal through the cache, cold for the group
    cache's entries of this state, then warm. `compared` keeps the groups the cached runs compared."""
    uncached = run(*command, "--no-cache", "claims")
    if compared is not None:
        compared.clear()
    forget_results()
    assert run(*command, "claims") == uncached
    forget_results()
    assert run(*command, "claims") == uncached
    return uncached


def groups_of_file(name: str) -> set[tuple[str, str]]:
    from factcheck.workspace import load_workspace

    analysis = load_workspace("claims").analyse()
    return {(t.subject, t.property) for t in analysis.timelines if any(c.source.path.endswith(name) for c in t.claims)}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_a_value(corpus: Path) -> None:
    """A value inside one group: the groups of that file's claims change, no other."""
    edit(corpus / "nyt-summary.yaml", "    value: non-exclusive", "    value: exclusive")


def move_a_claim_to_another_group(corpus: Path) -> None:
    edit(corpus / "nyt-summary.yaml", "    property: license to OpenAI IP, exclusivity", "    property: stake in OpenAI")


def move_every_claim_of_a_file_down_a_line(corpus: Path) -> None:
    edit(corpus / "rewrite-brief.yaml", "source:", "# one line more\nsource:")


def add_an_alias(corpus: Path) -> None:
    (corpus / "_aliases.yaml").write_text((corpus / "_aliases.yaml").read_text(encoding="utf-8")
                                          + "aliases:\n  - [stake in OpenAI, value of stake in OpenAI]\n",
                                          encoding="utf-8")


def change_a_setting(corpus: Path) -> None:
    (corpus / "_settings.yaml").write_text("numbers:\n  approx_margin: 0.3\n", encoding="utf-8")


def add_a_review(corpus: Path) -> None:
    edit(corpus / "_resolutions.yaml", "verdict: open", "verdict: both-hold")


EVERY_KIND_OF_CHANGE = (change_a_value, move_a_claim_to_another_group, move_every_claim_of_a_file_down_a_line,
                        add_an_alias, change_a_setting, add_a_review)


def analysed(cached: bool):
    from factcheck.workspace import load_workspace

    return load_workspace("claims", cache=FileCache(Path(CACHE_DIR_NAME)) if cached else None).analyse()


def test_every_kind_of_change_gives_the_uncached_analysis(corpus: Path) -> None:
    """What every format renders (findings, timelines, possible matches, positions): through the
    group cache, cold for each state's entries and then warm, equal to an uncached analysis. The
    formats are functions of it; the tests below run JSON and HTML through the whole sequence, and
    text and Markdown through one change."""
    for change in (None, *EVERY_KIND_OF_CHANGE):
        if change is not None:
            change(corpus)
        uncached = analysed(False)
        assert analysed(True) == uncached, change
        assert analysed(True) == uncached, change


@pytest.mark.parametrize("format", ["json", "html"])
def test_every_kind_of_change_gives_the_uncached_report(format: str, corpus: Path, compared: list) -> None:
    command = ("report", "--format", format)
    first = same_as_uncached(command, compared)
    groups = len(set(compared))
    compared.clear()
    forget_results()
    assert run(*command, "claims") == first
    assert compared == []  # warm: no group compared again

    # A value inside one group: the groups of that file's claims are compared again, no other
    # (a claim is named by its file's bytes and its position).
    change_a_value(corpus)
    changed = same_as_uncached(command, compared)
    assert changed != first
    recomputed = set(compared)
    assert 0 < len(recomputed) < groups
    assert recomputed == groups_of_file("nyt-summary.yaml")

    # A claim moves to another group (a new property): both groups change.
    move_a_claim_to_another_group(corpus)
    assert same_as_uncached(command) != changed

    # A comment moves every claim of a file down a line: positions are shown, so its groups are new.
    move_every_claim_of_a_file_down_a_line(corpus)
    same_as_uncached(command, compared)
    assert 0 < len(set(compared)) < groups

    # Settings: aliases, a margin, a review (only the JSON text of findings depends on it).
    add_an_alias(corpus)
    same_as_uncached(command)
    change_a_setting(corpus)
    same_as_uncached(command)
    add_a_review(corpus)
    same_as_uncached(command, compared)
    assert compared == []  # a review changes no finding


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_a_change_gives_the_uncached_report_in_the_other_formats(format: str, corpus: Path, compared: list) -> None:
    command = ("report", "--format", format)
    first = same_as_uncached(command, compared)
    groups = len(set(compared))
    change_a_value(corpus)
    assert same_as_uncached(command, compared) != first
    assert 0 < len(set(compared)) < groups


def test_filtered_json_reports_use_the_same_entries(corpus: Path) -> None:
    for options in (("--kind", "contradiction"), ("--needs-review",), ("--topic", "licensing"), ()):
        command = ("report", "--format", "json", *options)
        same_as_uncached(command)


def _sealed_body(body: bytes) -> bytes:
    """A pack file of exactly this body, its CRC-32 and length right."""
    import zlib

    return PACK_MAGIC + body + zlib.crc32(body).to_bytes(4, "big") + len(body).to_bytes(8, "big")


def _with_index(index: object, blobs: bytes = b"") -> bytes:
    packed = pickle.dumps(index)
    return _sealed_body(blobs + packed + len(packed).to_bytes(8, "big"))


class _Trap:
    """Unpickles as a call to `open(path, "w")`, if an unpickler lets it."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


DAMAGED_PACK_COMMAND = ("report", "--format", "json")


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, tuple]:
    """The seed corpus with both packs written and read back (a cold and a warm run, each equal to the
    uncached report), made once for the damaged-pack cases: (working folder, a pristine copy of it,
    the uncached report). A pack is named after the working folder, so each case runs in that folder,
    restored from the copy first."""
    base = tmp_path_factory.mktemp("packed")
    with pytest.MonkeyPatch.context() as patch:
        seed_corpus_in(base / "work", patch, bad_file=False)
        uncached = same_as_uncached(DAMAGED_PACK_COMMAND)
    shutil.copytree(base / "work", base / "pristine", symlinks=True)
    return base / "work", base / "pristine", uncached


@pytest.mark.parametrize("kind", ["groups", "loaded"])
@pytest.mark.parametrize("damage", ["empty", "cut short", "one byte changed", "trailer lies", "planted code",
                                    "planted index", "index out of bounds", "wrong shapes"])
def test_damaged_or_planted_packs_are_ignored_and_rewritten(kind: str, damage: str, packed: tuple,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    work, pristine, uncached = packed
    shutil.rmtree(work)
    shutil.copytree(pristine, work, symlinks=True)
    monkeypatch.chdir(work)
    corpus = work / "claims"
    command = DAMAGED_PACK_COMMAND
    entry = pack(kind)
    data = entry.read_bytes()
    middle = len(data) // 2
    trap = corpus.parent / "pwned"
    stored = unsealed(data)
    entry.write_bytes({
        "empty": b"",
        "cut short": data[:middle],
        "one byte changed": data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:],
        "trailer lies": data[:-8] + len(data).to_bytes(8, "big"),
        "planted code": sealed({key: pickle.dumps(_Trap(str(trap))) for key in stored}),
        "planted index": _with_index(_Trap(str(trap))),
        "index out of bounds": _with_index({key: (0, 10**6) for key in stored}, b"x" * 100),
        "wrong shapes": sealed({key: pickle.dumps((("x", "no-such-kind", None, ((1, None, (99,)),)),))
                                for key in stored}),
    }[damage])
    forget_results()
    assert run(*command, "claims") == uncached
    assert not trap.exists()
    rewritten = unsealed(pack(kind).read_bytes())
    assert {key: pickle.loads(value) for key, value in rewritten.items()} == \
        {key: pickle.loads(value) for key, value in stored.items()}  # rewritten whole


def test_runs_at_once_each_get_the_uncached_findings(corpus: Path) -> None:
    """Eight analyses at once fill and read one group cache; each finds what an uncached one finds."""
    from concurrent.futures import ThreadPoolExecutor

    from factcheck.engine import analyse
    from factcheck.loader import load_corpus

    def findings(use_cache: bool) -> tuple:
        files = FileCache(corpus.parent / CACHE_DIR_NAME) if use_cache else None
        loaded = load_corpus("claims", cache=files)
        groups = GroupCache(files, loaded.root) if files is not None else None
        return analyse(loaded, cache=groups).findings

    expected = findings(False)
    with ThreadPoolExecutor(4) as pool:
        assert all(result == expected for result in pool.map(lambda _: findings(True), range(8)))
    assert findings(True) == expected
    assert not [p for p in (corpus.parent / CACHE_DIR_NAME).rglob(".*") if p.name.endswith(".tmp")]


def test_no_cache_writes_no_pack(corpus: Path) -> None:
    run("report", "--format", "json", "--no-cache", "claims")
    run("check", "--no-cache", "claims")
    assert not (corpus.parent / CACHE_DIR_NAME).exists()


def test_groups_and_possible_matches_are_kept_while_only_positions_change(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A comment moves claims, not names, values or dates: the corpus is not matched again."""
    matched: list = []
    real = factcheck.engine.match_names
    monkeypatch.setattr(factcheck.engine, "match_names", lambda *args: matched.append(1) or real(*args))
    command = ("report", "--format", "json")
    same_as_uncached(command)
    matched.clear()
    edit(corpus / "rewrite-brief.yaml", "source:", "# one line more\nsource:")
    same_as_uncached(command)
    assert matched == [1]  # the uncached run only
    edit(corpus / "rewrite-brief.yaml", "# one line more\n", "")
    edit(corpus / "nyt-summary.yaml", "    value: non-exclusive", "    value: exclusive")
    matched.clear()
    same_as_uncached(command)
    assert matched == [1, 1]  # a value changed: matched again (possible matches compare values)


def test_a_margin_that_changes_a_finding_is_not_answered_from_the_old_margin(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed corpus has no pair of figures that a margin decides; this one does. "about 30%" and
    27% agree at the default margin (10%: 27-33%) and disagree at 1% (29.7-30.3%): a group cache
    keyed without the settings would keep the first answer."""
    corpus = tmp_path / "claims"
    corpus.mkdir()
    for source, value, approx in (("first", "30%", "true"), ("second", "27%", "false")):
        (corpus / f"{source}.yaml").write_text(
            f"source:\n  id: {source}\n  outlet: {source.title()} Outlet\n  title: Acme results\n  published: 2026-03-01\n"
            f"claims:\n  - id: share\n    topic: money\n    subject: Acme\n    property: revenue share\n"
            f"    value: {value}\n    approx: {approx}\n    statement: Acme keeps a share of {value}.\n",
            encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def kinds(cached: bool) -> list[str]:
        return sorted(f.kind.value for f in analysed(cached).findings)

    assert kinds(True) == kinds(False) == ["corroborated"]
    (corpus / "_settings.yaml").write_text("numbers:\n  approx_margin: 0.01\n", encoding="utf-8")
    assert kinds(False) == ["contradiction"]
    assert kinds(True) == ["contradiction"]


def test_the_pack_is_written_before_the_collector_may_run(corpus: Path, monkeypatch, tmp_path: Path) -> None:
    """Written with the collector on, the pack's allocations set off a full collection over every
    claim (0.9 s at 100k claims, in library use where the collector is on)."""
    import gc

    from factcheck.loader import load_corpus

    states = []
    save = GroupCache.save
    monkeypatch.setattr(GroupCache, "save", lambda self: (states.append(gc.isenabled()), save(self))[1])
    files = FileCache(tmp_path / "cache")
    loaded = load_corpus(corpus / "claims", cache=files)
    was_enabled = gc.isenabled()
    gc.enable()  # as in library use (the console entry point turns it off for the whole command)
    try:
        factcheck.engine.analyse(loaded, cache=GroupCache(files, loaded.root))
        assert gc.isenabled()  # and on again after
    finally:
        if not was_enabled:
            gc.disable()
    assert states == [False]
