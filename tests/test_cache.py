"""The cache of loaded claim files never changes a result, and is used.

Every format of `report`, and `check` and `validate`, give byte-identical
output with and without the cache: cold (empty cache), warm (every entry
hit) and after one file changed. The entries of a corpus are kept in one
pack; a broken or planted pack or entry is ignored and rewritten.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import factcheck.loader.corpus
from factcheck.bulk import draft_of
from factcheck.cache import CACHE_DIR_NAME, LOADED_KIND, FileCache, sealed, unsealed

from cachehelpers import run, seed_corpus_in

ROOT = Path(__file__).parent.parent
COMMANDS = [
    ("report", "--format", "json"), ("report", "--format", "text"), ("report", "--format", "markdown"),
    ("report", "--format", "html"), ("check", "--format", "json"), ("validate",),
]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed corpus plus one invalid file (its diagnostics are cached too)."""
    return seed_corpus_in(tmp_path, monkeypatch)


def packs(folder: Path) -> list[Path]:
    """The packs of loaded files, and any temporary beside them."""
    return sorted((folder / CACHE_DIR_NAME / LOADED_KIND).iterdir())


def entries(folder: Path) -> dict:
    """The entries of the one pack of loaded files, by key, unpickled."""
    (pack,) = packs(folder)
    return {key: pickle.loads(value) for key, value in unsealed(pack.read_bytes()).items()}


def forget_results() -> None:
    """Drop the cache of whole reports (test_result_cache.py), so a run goes through the file cache."""
    shutil.rmtree(Path(CACHE_DIR_NAME) / "results", ignore_errors=True)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_output_is_byte_identical_cold_warm_and_after_a_change(command: tuple[str, ...], corpus: Path) -> None:
    uncached = run(*command, "--no-cache", "claims")
    assert not (corpus.parent / CACHE_DIR_NAME).exists()  # --no-cache writes nothing
    assert run(*command, "claims") == uncached  # cold: fills the cache
    assert len(entries(corpus.parent)) == 6  # one pack, an entry per claim file
    assert run(*command, "claims") == uncached  # warm
    forget_results()
    assert run(*command, "claims") == uncached  # warm, every file from the file cache
    changed = corpus / "nyt-summary.yaml"
    changed.write_text(changed.read_text().replace("claims:", "claims:\n  # a comment moves every line below", 1))
    (corpus / "bad.yaml").write_text("# moves its problems a line down\n" + (corpus / "bad.yaml").read_text())
    after = run(*command, "--no-cache", "claims")
    assert after != uncached
    assert run(*command, "claims") == after


def test_a_warm_run_parses_nothing(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = run("report", "--format", "json", "claims")

    def refuse(*args: object) -> object:
        raise AssertionError("parsed a file the cache holds")

    monkeypatch.setattr(factcheck.loader.corpus, "load_text", refuse)
    forget_results()
    assert run("report", "--format", "json", "claims") == cold


def test_claims_from_the_cache_share_one_object_per_date_as_parsed_ones_do(corpus: Path) -> None:
    """The formatters keep one text per date object (a corpus of 100,000 claims has a few hundred
    dates): claims read back from the pack must share their dates across files as parsed ones do."""
    from factcheck.workspace import load_workspace

    def dates(cached: bool) -> tuple[int, int]:
        claims = load_workspace("claims", cache=FileCache(Path(CACHE_DIR_NAME)) if cached else None).corpus.claims
        shown = [d for c in claims for d in (c.source.published, c.as_of, c.since, c.until) if d is not None]
        return len(set(shown)), len({id(d) for d in shown})

    parsed = dates(cached=False)
    assert parsed[0] == parsed[1] > 1  # one object per distinct date
    dates(cached=True)  # cold: fills the pack
    assert dates(cached=True) == parsed  # warm: read back from it


def test_entries_read_back_are_the_objects_loaded(corpus: Path) -> None:
    """Claims, sources, values and dates are read back as objects of their own classes with the
    same fields, most of them through a draft class with the same slots (see `_restorer_of`)."""
    from factcheck.cache import entries
    from factcheck.loader import load_corpus
    from factcheck.model import Claim, Source

    loaded = load_corpus("claims")
    by_file: dict = {}
    for claim in loaded.claims:
        by_file.setdefault(claim.source.path, []).append(claim)
    for source in loaded.sources:
        value = (source, tuple(by_file.get(source.path, ())), ())
        back = entries.entry_of(entries.entry_bytes(value))
        assert back == value
        assert [type(c) for c in back[1]] == [Claim] * len(value[1]) and type(back[0]) is Source
        assert [type(c.value) for c in back[1]] == [type(c.value) for c in value[1]]
        assert [dict(c.field_positions) for c in back[1]] == [dict(c.field_positions) for c in value[1]]  # not compared by ==
    assert draft_of(Claim, entries._field_names(Claim)) is not None  # the fast way applies


def test_a_changed_path_or_code_is_a_miss(tmp_path: Path) -> None:
    cache = FileCache(tmp_path / "c")
    key = cache.key("claims/a.yaml", b"source: x\n")
    assert key != cache.key("other/a.yaml", b"source: x\n")
    assert key != cache.key("claims/a.yaml", b"source: y\n")
    other = FileCache(tmp_path / "c")
    other.fingerprint = b"another build"
    assert other.key("claims/a.yaml", b"source: x\n") != key


def _sealed(entries: dict) -> bytes:
    """A whole, well-formed pack of these entries (each pickled on its own)."""
    return sealed({key: pickle.dumps(value) for key, value in entries.items()})


@pytest.mark.parametrize("damage", ["empty", "cut short", "garbage", "planted code", "not an entry",
                                    "claims of another type"])
def test_broken_or_planted_entries_are_ignored_and_rewritten(damage: str, corpus: Path) -> None:
    cold = run("report", "--format", "json", "claims")
    kept = entries(corpus.parent)
    (pack,) = packs(corpus.parent)
    data = pack.read_bytes()
    trap = corpus.parent / "pwned"
    pack.write_bytes({
        "empty": b"",
        "cut short": data[: len(data) // 2],
        "garbage": b"\x80\x05not a pickle",
        "planted code": _sealed({key: _Trap(str(trap)) for key in kept}),
        "not an entry": _sealed({key: value[1] for key, value in kept.items()}),
        "claims of another type": _sealed({key: (value[0], tuple(map(repr, value[1])), value[2])
                                           for key, value in kept.items()}),
    }[damage])
    forget_results()
    assert run("report", "--format", "json", "claims") == cold
    assert not trap.exists()
    assert entries(corpus.parent) == kept  # rewritten whole
    forget_results()
    assert run("report", "--format", "json", "claims") == cold


class _Trap:
    """Unpickles as a call to `open(path, "w")`, if an unpickler lets it."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_an_unwritable_cache_folder_costs_nothing_but_time(corpus: Path) -> None:
    (corpus.parent / CACHE_DIR_NAME).write_text("a file where the folder would be")
    uncached = run("report", "--format", "json", "--no-cache", "claims")
    assert run("report", "--format", "json", "claims") == uncached


def test_cache_clean_removes_only_our_folder(corpus: Path) -> None:
    assert run("cache", "clean") == (0, "", "no .factcheck_cache/ here; nothing to remove\n")
    run("validate", "claims")
    folder = corpus.parent / CACHE_DIR_NAME
    assert (folder / "CACHEDIR.TAG").exists() and (folder / ".gitignore").read_text().endswith("*\n")
    assert run("cache", "clean") == (0, "", "removed .factcheck_cache/\n")
    assert not folder.exists()
    folder.mkdir()
    (folder / "mine.txt").write_text("not factcheck's")
    code, _out, err = run("cache", "clean")
    assert code == 1 and "was not made by factcheck" in err
    assert (folder / "mine.txt").exists()


def test_runs_sharing_one_cache_at_once_load_the_same(corpus: Path) -> None:
    """Four loads at once fill and read one cache; each gets exactly what an uncached load gets."""
    from concurrent.futures import ThreadPoolExecutor

    from factcheck.loader import load_corpus

    def outcome(cache: FileCache | None) -> tuple:
        loaded = load_corpus("claims", cache=cache)
        return (loaded.sources, loaded.claims, loaded.diagnostics,
                [sorted(c.field_positions.items()) for c in loaded.claims])

    expected = outcome(None)
    folder = corpus.parent / CACHE_DIR_NAME
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: outcome(FileCache(folder)), range(8)))
    assert all(result == expected for result in results)
    assert len(packs(corpus.parent)) == 1  # one whole pack (the last written), no temporary left behind
    assert len(entries(corpus.parent)) == 6
