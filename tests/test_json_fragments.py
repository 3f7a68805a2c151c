"""A JSON report copies each unchanged finding's text from the last one, and never a stale one.

After a change, the findings of untouched groups are copied from the report
the run before stored (`cache.JsonFragments`), the others rendered. Every
state below keeps the earlier reports in the cache (so copying happens), and
the output must equal an uncached run's byte for byte: a copied text that is
stale (a changed statement, a finding moved to another group, a new margin or
review) fails the comparison.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import factcheck.formatters.json as json_formatter
import factcheck.formatters.json_copies as json_copies
from factcheck.cache import CACHE_DIR_NAME, FRAGMENTS_KIND, sealed, unsealed

from cachehelpers import noted_calls, run, seed_corpus_in
from test_group_cache import (EVERY_KIND_OF_CHANGE, _Trap, add_a_review, add_an_alias, change_a_setting, change_a_value, edit, groups_of_file,
                              move_a_claim_to_another_group, move_every_claim_of_a_file_down_a_line)

JSON = ("report", "--format", "json")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return seed_corpus_in(tmp_path, monkeypatch, bad_file=False)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list:
    """The ids of the findings whose JSON text was built (not copied), as runs go (json_copies builds
    them when the report has fragments)."""
    return noted_calls(monkeypatch, (json_formatter, json_copies), "finding_json", lambda finding: finding.id)


def cached_equals_uncached(command: tuple[str, ...], rendered: list) -> tuple[tuple, list]:
    """`command` through the cache (earlier reports kept) equals it uncached; (the output, the ids
    of the findings the cached run rendered rather than copied)."""
    uncached = run(*command, "--no-cache", "claims")
    rendered.clear()
    cached = run(*command, "claims")
    assert cached == uncached
    return cached, list(rendered)


def finding_ids(output: tuple) -> list[str]:
    import json

    return [f["id"] for f in json.loads(output[1])["findings"]]


def fragments_index() -> Path:
    (found,) = (Path(CACHE_DIR_NAME) / FRAGMENTS_KIND).iterdir()
    return found


def test_a_change_copies_the_untouched_findings_and_renders_the_rest(corpus: Path, rendered: list) -> None:
    first, built = cached_equals_uncached(JSON, rendered)
    everything = finding_ids(first)
    assert sorted(built) == sorted(everything)  # cold: every finding rendered
    move_every_claim_of_a_file_down_a_line(corpus)
    after, built = cached_equals_uncached(JSON, rendered)
    assert 0 < len(built) < len(everything)
    # The findings rendered again are exactly those of the groups with a claim of the changed file.
    import json

    groups = groups_of_file("rewrite-brief.yaml")
    touched = {f["id"] for f in json.loads(after[1])["findings"] if (f["subject"], f["property"]) in groups}
    assert set(built) == touched


@pytest.mark.parametrize("change", EVERY_KIND_OF_CHANGE, ids=lambda c: c.__name__)
def test_every_kind_of_change_after_a_report_gives_the_uncached_report(change, corpus: Path, rendered: list) -> None:
    first, _ = cached_equals_uncached(JSON, rendered)
    change(corpus)
    after, built = cached_equals_uncached(JSON, rendered)
    assert after != first
    if change in (add_an_alias, change_a_setting):  # the settings are in every group's key: nothing is copied
        assert sorted(built) == sorted(finding_ids(after))
    else:
        assert len(built) < len(finding_ids(after))


def test_a_changed_statement_is_never_copied_stale(corpus: Path, rendered: list) -> None:
    first, _ = cached_equals_uncached(JSON, rendered)
    old, new = "The headline says Microsoft has lost its exclusive access to OpenAI.", "A new wording of it."
    assert old in first[1]
    edit(corpus / "rewrite-brief.yaml", old, new)  # no line moves: only the file's bytes tell
    after, built = cached_equals_uncached(JSON, rendered)
    assert old not in after[1] and new in after[1]
    assert built and len(built) < len(finding_ids(after))


def test_a_sequence_of_changes_each_equals_the_uncached_report(corpus: Path, rendered: list) -> None:
    """Each report copies from the one before, itself partly copied."""
    outputs = [cached_equals_uncached(JSON, rendered)[0]]
    for change in (change_a_value, move_a_claim_to_another_group, move_every_claim_of_a_file_down_a_line,
                   change_a_setting, add_a_review):
        change(corpus)
        outputs.append(cached_equals_uncached(JSON, rendered)[0])
    assert len(set(outputs)) == len(outputs)


def test_a_review_renders_its_finding_again(corpus: Path, rendered: list) -> None:
    """A review changes no finding and no group key, only the finding's text: that one is rendered."""
    cached_equals_uncached(JSON, rendered)
    add_a_review(corpus)
    after, built = cached_equals_uncached(JSON, rendered)
    assert len(built) == 1


def test_filtered_reports_copy_from_the_full_one_and_back(corpus: Path, rendered: list) -> None:
    cached_equals_uncached(JSON, rendered)
    for options in (("--kind", "contradiction"), ("--topic", "licensing"), ()):
        move_every_claim_of_a_file_down_a_line(corpus)
        cached_equals_uncached((*JSON, *options), rendered)


@pytest.mark.parametrize("damage", ["a byte of each finding changed", "report cut short", "report gone", "index damaged",
                                    "planted index", "index of the wrong shape"])
def test_a_damaged_report_or_index_is_rendered_again(damage: str, corpus: Path, rendered: list) -> None:
    first, _ = cached_equals_uncached(JSON, rendered)
    index = fragments_index()
    ((result_key, stored),) = unsealed(index.read_bytes()).items()
    report = Path(CACHE_DIR_NAME) / "results" / result_key
    data = report.read_bytes()
    trap = corpus.parent / "pwned"
    if damage == "a byte of each finding changed":  # same length: only each text's CRC tells
        assert data.count(b'      "kind": ') == len(finding_ids(first))
        report.write_bytes(data.replace(b'      "kind": ', b'      "kiNd": '))
    elif damage == "report cut short":
        report.write_bytes(data[:len(data) // 2])
    elif damage == "report gone":
        report.unlink()
    elif damage == "index damaged":
        raw = index.read_bytes()
        index.write_bytes(raw[:40] + bytes([raw[40] ^ 1]) + raw[41:])
    elif damage == "planted index":
        index.write_bytes(sealed({result_key: pickle.dumps(_Trap(str(trap)))}))
    else:
        index.write_bytes(sealed({result_key: pickle.dumps((1, result_key, 0, {"x": "y"}))}))
    move_every_claim_of_a_file_down_a_line(corpus)
    after, built = cached_equals_uncached(JSON, rendered)
    assert not trap.exists()
    assert sorted(built) == sorted(finding_ids(after))
    rendered.clear()
    move_every_claim_of_a_file_down_a_line(corpus)
    cached_equals_uncached(JSON, rendered)  # the index was rewritten: copying again
    assert len(rendered) < len(finding_ids(after))


def test_only_json_reports_through_the_cache_keep_an_index(corpus: Path) -> None:
    run(*JSON, "--no-cache", "claims")
    run("report", "--format", "html", "claims")
    run("report", "--format", "text", "claims")
    assert not (Path(CACHE_DIR_NAME) / FRAGMENTS_KIND).exists()
    run(*JSON, "claims")
    assert fragments_index().exists()
