"""The cache of whole reports never changes a result, and a warm run does no analysis.

Every report format gives byte-identical output (and exit code, and
warnings) with --no-cache, cold, warm, after one claim file or one settings
file changed, and after a change to factcheck's code. Damaged entries are
ignored and rewritten; an entry is kept only when the run went through whole.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck.cache
import factcheck.engine
from factcheck.cache import CACHE_DIR_NAME, RESULTS_KEPT, ResultCache

from cachehelpers import BAD_FILE, refuse_analysis, run, seed_corpus_in

ROOT = Path(__file__).parent.parent
FORMATS = ["json", "text", "markdown", "html"]


def results() -> list[Path]:
    folder = Path(CACHE_DIR_NAME) / "results"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed corpus plus one invalid file: exit code 1, and its problems in every report."""
    return seed_corpus_in(tmp_path, monkeypatch)


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_is_byte_identical_cold_warm_and_after_each_kind_of_change(
        format: str, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = ("report", "--format", format, "--topic", "no such topic", "--topic", "licensing")
    uncached = run(*command, "--no-cache", "claims")
    assert uncached[0] == 1 and "matches nothing" in uncached[2]  # exit code and warning are part of the result
    assert not Path(CACHE_DIR_NAME).exists()  # --no-cache writes nothing
    assert run(*command, "claims") == uncached  # cold
    assert len(results()) == 1
    with monkeypatch.context() as patched:
        refuse_analysis(patched, "report")
        assert run(*command, "claims") == uncached  # warm: the stored report

    claim_file = corpus / "nyt-summary.yaml"
    claim_file.write_text(claim_file.read_text().replace("claims:", "claims:\n  # a comment moves every line below", 1)
                          .replace("outlet: Unnamed AI-tools site", "outlet: Renamed AI-tools site", 1))
    after_claim = run(*command, "--no-cache", "claims")
    assert after_claim != uncached
    assert run(*command, "claims") == after_claim
    assert run(*command, "claims") == after_claim

    settings = corpus / "_resolutions.yaml"
    settings.write_text(settings.read_text().replace("verdict: open", "verdict: both-hold"))
    after_settings = run(*command, "--no-cache", "claims")
    assert after_settings != after_claim
    assert run(*command, "claims") == after_settings
    assert run(*command, "claims") == after_settings

    real = factcheck.cache.code_fingerprint()
    monkeypatch.setattr(factcheck.cache.entries, "code_fingerprint", lambda: real + b"another build")
    stored = len(results())
    assert run(*command, "claims") == after_settings  # new code: a miss, recomputed
    assert len(results()) == stored + 1


def test_options_are_part_of_the_key(corpus: Path) -> None:
    plain = run("report", "--format", "text", "claims")
    verbose = run("report", "--format", "text", "--verbose", "claims")
    assert verbose != plain
    assert run("report", "--format", "text", "claims") == plain
    assert run("report", "--format", "text", "--verbose", "claims") == verbose
    assert run("report", "--format", "text", "--kind", "corroborated", "claims") == \
        run("report", "--format", "text", "--kind", "corroborated", "--no-cache", "claims")


def test_a_new_file_or_a_removed_one_is_a_miss(corpus: Path) -> None:
    run("report", "--format", "json", "claims")
    (corpus / "bad.yaml").unlink()
    without = run("report", "--format", "json", "--no-cache", "claims")
    assert run("report", "--format", "json", "claims") == without
    shutil.copy(BAD_FILE, corpus / "sub-bad.yaml")
    assert run("report", "--format", "json", "claims") == run("report", "--format", "json", "--no-cache", "claims")


@pytest.mark.parametrize("damage", ["empty", "cut short", "one byte changed", "another key", "trailer lies"])
def test_damaged_entries_are_ignored_and_rewritten(damage: str, corpus: Path) -> None:
    cold = run("report", "--format", "html", "claims")
    (entry,) = results()
    data = entry.read_bytes()
    middle = len(data) // 2
    entry.write_bytes({
        "empty": b"",
        "cut short": data[:middle],
        "one byte changed": data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:],
        "another key": data.replace(entry.name.encode(), b"0" * 40, 1),
        "trailer lies": data[:-8] + (len(data)).to_bytes(8, "big"),
    }[damage])
    assert run("report", "--format", "html", "claims") == cold
    assert results()[0].read_bytes() == data  # rewritten whole


def test_an_entry_is_kept_only_when_the_run_went_through_whole(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")

    def failing():
        yield "start"
        raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError):
        list(cache.recording("b" * 40, {"exit": 0, "warnings": []}, failing()))
    assert cache.get("b" * 40) is None
    assert list(cache.recording("c" * 40, {"exit": 1, "warnings": ["w"]}, iter(["é", "\u2028", ""]))) == ["é", "\u2028", ""]
    meta, pieces = cache.get("c" * 40)
    assert meta == {"exit": 1, "warnings": ["w"]} and "".join(pieces) == "é\u2028"
    assert sorted(p.name for p in (tmp_path / "cache" / "results").iterdir()) == ["c" * 40]  # no temporaries


def test_only_the_most_recently_used_entries_are_kept(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    for number in range(RESULTS_KEPT + 3):
        list(cache.recording(f"{number:040d}", {"exit": 0, "warnings": []}, iter(["x"])))
    assert len(list((tmp_path / "cache" / "results").iterdir())) == RESULTS_KEPT


def test_kept_entries_stay_within_their_byte_budget_newest_first(tmp_path: Path, monkeypatch) -> None:
    import os
    import time

    import factcheck.cache.results as results

    monkeypatch.setattr(results, "RESULTS_BYTES_KEPT", 2_500)
    cache = ResultCache(tmp_path / "cache")
    folder = tmp_path / "cache" / "results"
    for number in range(4):  # about 1,000 bytes each, each newer than the last
        list(cache.recording(f"{number:040d}", {"exit": 0, "warnings": []}, iter(["x" * 1_000])))
        past = time.time() - 100 + number
        for entry in folder.iterdir():
            if entry.name == f"{number:040d}":
                os.utime(entry, (past, past))
    assert sorted(p.name for p in folder.iterdir()) == [f"{n:040d}" for n in (2, 3)]
    monkeypatch.setattr(results, "RESULTS_BYTES_KEPT", 10)
    list(cache.recording("9" * 40, {"exit": 0, "warnings": []}, iter(["y" * 1_000])))
    assert [p.name for p in folder.iterdir()] == ["9" * 40]  # the newest stays, even over the budget


def test_an_unwritable_cache_folder_costs_nothing_but_time(corpus: Path) -> None:
    Path(CACHE_DIR_NAME).write_text("a file where the folder would be")
    uncached = run("report", "--format", "html", "--no-cache", "claims")
    assert run("report", "--format", "html", "claims") == uncached
    assert run("report", "--format", "html", "claims") == uncached


def test_a_warm_report_to_o_is_written_whole(corpus: Path) -> None:
    expected = run("report", "--format", "html", "--no-cache", "claims")[1]
    for _ in range(2):  # cold, then warm
        assert run("report", "--format", "html", "-o", "page.html", "claims")[0] == 1
        assert Path("page.html").read_text(encoding="utf-8") == expected


def test_a_report_reads_each_file_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key of the whole output is made from the bytes the run loads: no file is read again."""
    import factcheck.loader.corpus
    import factcheck.loader.inputs

    reads: list[str] = []
    for module in (factcheck.loader.inputs, factcheck.loader.corpus):
        real = module.read_bytes
        monkeypatch.setattr(module, "read_bytes", lambda path, shown, real=real: reads.append(shown) or real(path, shown))
    files = sorted(f"claims/{p.name}" for p in corpus.iterdir() if p.suffix == ".yaml")
    for _ in range(2):  # cold, then warm
        reads.clear()
        assert run("report", "--format", "json", "claims") == run("report", "--format", "json", "--no-cache", "claims")
        assert sorted(reads[:len(files)]) == files and len(reads) == 2 * len(files)  # and once by --no-cache


def test_a_corpus_found_without_path_is_named_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    for _ in range(2):  # cold, then warm: the look-up in the cache finds the corpus too
        code, _out, err = run("report", "--format", "json")
        assert (code, err) == (1, "factcheck: using the corpus at . (this folder holds claim files)\n")
