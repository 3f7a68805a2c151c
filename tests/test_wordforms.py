"""Our reader of lemminflect's table answers as lemminflect itself does."""

from __future__ import annotations

import gzip
import random

from factcheck.wordforms import _resources, all_lemmas


def test_answers_equal_lemminflect_on_a_sample_of_its_table_and_our_words():
    import lemminflect  # here, not at collection: it loads numpy (0.15 s) in every worker that collects this file

    table = gzip.decompress((_resources() / "lemma_lu.csv.gz").read_bytes()).decode("utf-8")
    # matching asks about lower-case words only (lemminflect lower-cases what it is asked)
    words = sorted({w for w in (line.split(",", 1)[0] for line in table.splitlines()) if w == w.lower()})
    sample = random.Random(18).sample(words, 3000) + [
        "companies", "losses", "sharing", "sold", "paid", "people", "news", "data", "all", "another",
        "licensee", "wales", "nosuchword", "affected", "frozen"]
    for word in sample:
        assert all_lemmas(word) == lemminflect.getAllLemmas(word), word


def test_an_unknown_word_has_no_lemmas():
    assert all_lemmas("exclusivty") == {}


def test_the_table_is_in_order_of_word_so_bisection_finds_every_row():
    """all_lemmas finds a word's rows by bisection: a lemminflect whose table is not sorted by
    word would lose rows silently."""
    from itertools import pairwise

    from factcheck.wordforms import _table

    words = [line.partition(",")[0] for line in _table()[0]]
    assert len(words) > 80_000
    assert all(a <= b for a, b in pairwise(words))
