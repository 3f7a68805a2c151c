"""Work split over forked children: the same results with any number of jobs, and when a child fails."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.generate import write_corpus
from factcheck import engine, parallel
from factcheck.cache import FileCache
from factcheck.formatters import RenderOptions, get_formatter
from factcheck.loader import corpus as loading
from factcheck.loader import load_corpus
from factcheck.report import build_report

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="children are forked on Linux only")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parallel") / "claims"
    write_corpus(folder, 600, seed=5)
    return folder


@pytest.fixture
def small_shares(monkeypatch):
    """Any work is worth sharing, and children do part of it: this process takes its first chunk
    only once a child has taken one (so a fast parent cannot take everything on a small corpus).
    The children started are counted."""
    monkeypatch.setattr(parallel, "MIN_PARSE_BYTES", 1)
    monkeypatch.setattr(parallel, "MIN_COMPARE_CLAIMS", 1)
    started: list[int] = []
    make, take = parallel.Sharing.__init__, parallel.Sharing._take

    def counted(self, *args, **kwargs):
        make(self, *args, **kwargs)
        started.extend(worker.pid for worker in self._workers)

    def after_a_child(self, front):
        if front and not getattr(self, "waited", False):
            self.waited = True
            deadline = time.monotonic() + 20  # a child that never takes one: go on without it
            while parallel._BOUNDS.unpack_from(self._bounds, 0)[1] == len(self._weights) \
                    and time.monotonic() < deadline:
                time.sleep(0.001)
        return take(self, front)

    monkeypatch.setattr(parallel.Sharing, "__init__", counted)
    monkeypatch.setattr(parallel.Sharing, "_take", after_a_child)
    return started


def json_report(folder: Path, cache: FileCache | None = None) -> str:
    corpus = load_corpus(folder, cache=cache)
    group_cache = None
    if cache is not None:
        from factcheck.cache import GroupCache

        group_cache = GroupCache(cache, corpus.root)
    analysis = engine.analyse(corpus, cache=group_cache)
    return get_formatter("json")(build_report(analysis), RenderOptions())


@contextmanager
def one_job():
    previous = os.environ.get(parallel.JOBS_VARIABLE)
    os.environ[parallel.JOBS_VARIABLE] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ[parallel.JOBS_VARIABLE]
        else:
            os.environ[parallel.JOBS_VARIABLE] = previous


@pytest.fixture(scope="module")
def alone(corpus_dir: Path) -> str:
    """The report made in this process alone."""
    with one_job():
        return json_report(corpus_dir)


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_children_give_the_same_report(corpus_dir, alone, small_shares, monkeypatch, jobs) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
    assert json_report(corpus_dir) == alone
    assert len(small_shares) == 2 * (int(jobs) - 1)  # loading, then comparing
    assert json.loads(alone)["possible_matches"]  # found by a child, and compared
    assert all(pid > 0 for pid in small_shares)


def test_children_fill_the_cache_as_this_process_would(corpus_dir, alone, small_shares, monkeypatch,
                                                        tmp_path) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    cache = FileCache(tmp_path / "cache")
    assert json_report(corpus_dir, cache) == alone
    assert len(small_shares) == 2
    warm = FileCache(tmp_path / "cache")
    assert json_report(corpus_dir, warm) == alone
    assert len(small_shares) == 2  # nothing left to split: every file and group came from the cache
    assert warm.misses == 0 and warm.hits == len(list(corpus_dir.rglob("*.yaml"))) == 53


def test_a_cold_run_makes_keys_where_files_are_parsed_and_groups_compared(corpus_dir, alone, small_shares,
                                                                         monkeypatch, tmp_path) -> None:
    """With nothing kept, a child makes the keys of the files it parses and the groups it compares:
    not every key here, and the same keys, so the next run finds every file and group."""
    from factcheck.cache import GroupCache

    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    made_here, files_keyed_here = [], []
    key, file_key = GroupCache.key, FileCache.key
    monkeypatch.setattr(GroupCache, "key", lambda self, *args: made_here.append(1) or key(self, *args))
    monkeypatch.setattr(FileCache, "key", lambda self, *args: files_keyed_here.append(1) or file_key(self, *args))
    assert json_report(corpus_dir, FileCache(tmp_path / "cache")) == alone
    assert len(small_shares) == 2
    assert 0 < len(files_keyed_here) < 53  # this process's share of the files
    made_in_this_process = len(made_here)  # its share of the groups
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    files = FileCache(tmp_path / "cache")
    corpus = load_corpus(corpus_dir, cache=files)
    group_cache = GroupCache(files, corpus.root)
    analysis = engine.analyse(corpus, cache=group_cache)
    assert 0 < made_in_this_process < len(analysis.timelines)
    assert group_cache.pack.misses == 0 and group_cache.pack.hits == len(analysis.timelines) + 1  # and the corpus's
    assert files.misses == 0 and files.hits == 53


def _fails_in_a_child(function):
    parent = os.getpid()

    def work(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("a child that fails")
        return function(*args, **kwargs)

    return work


def test_a_failed_child_share_is_done_here(corpus_dir, alone, small_shares, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(loading, "_entries_of", _fails_in_a_child(loading._entries_of))
    monkeypatch.setattr(engine, "_compared_elsewhere", _fails_in_a_child(engine._compared_elsewhere))
    assert json_report(corpus_dir, FileCache(tmp_path / "cache")) == alone
    assert len(small_shares) == 2
    assert json_report(corpus_dir, FileCache(tmp_path / "cache")) == alone  # and what it kept is whole


def test_nothing_is_split_below_the_thresholds(corpus_dir, alone, monkeypatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(parallel, "Sharing", lambda *args: pytest.fail("a child was started"))
    assert json_report(corpus_dir) == alone  # 600 claims: under both thresholds


def _numbers(chunk: range) -> bytes:
    return " ".join(map(str, chunk)).encode() + b"." * 70_000  # more than a pipe holds at once


def _slow_numbers(chunk: range) -> bytes:
    time.sleep(0.003)  # children at work as long as this process: each side takes some chunks
    return _numbers(chunk)


def _worked(events) -> list:
    """The events, this process taking its time over each of its own chunks (so children take some)."""
    seen = []
    for chunk, data in events:
        if data is None:
            time.sleep(0.005)
        seen.append((chunk, data))
    return seen


def _tiles(chunks, count: int) -> bool:
    """Each item in exactly one chunk."""
    return sorted(i for chunk in chunks for i in chunk) == list(range(count))


@pytest.mark.parametrize("children", [1, 2])
def test_every_chunk_comes_once_from_a_child_or_to_do_here(children) -> None:
    with parallel.Sharing([1] * 3_000, children, _slow_numbers, head=lambda: b"head work") as sharing:
        assert sharing.started == children
        events = _worked(sharing.events())
    assert _tiles([chunk for chunk, _ in events], 3_000)
    assert all(data is None or data == _numbers(chunk) for chunk, data in events)
    assert 0 < len([data for _, data in events if data is not None]) < len(events)
    assert sharing.head_result == b"head work"


def test_in_order_gives_the_chunks_in_the_items_order() -> None:
    with parallel.Sharing([3, 1, 2] * 1_000, 2, _slow_numbers) as sharing:
        events = _worked(sharing.in_order())
    chunks = [chunk for chunk, _ in events]
    assert any(data is not None for _, data in events)
    assert chunks[0].start == 0 and all(a.stop == b.start for a, b in zip(chunks, chunks[1:]))
    assert chunks[-1].stop == 3_000


def test_this_process_takes_chunks_of_about_a_share_over_the_chunks_per_job() -> None:
    with parallel.Sharing([1] * 2560, 0, _numbers) as sharing:  # no child: every chunk here, in order
        events = list(sharing.events())
    assert [chunk for chunk, _ in events] == [range(n, n + 20) for n in range(0, 2560, 20)]  # 2560 / (128 * 1)
    assert all(data is None for _, data in events)
    with parallel.Sharing([1] * 32 + [400] + [1] * 16, 0, _numbers) as sharing:  # 448 / 128: chunks of 3 or more
        assert [chunk for chunk, _ in sharing.events()] == [
            *(range(n, n + 3) for n in range(0, 30, 3)), range(30, 33), *(range(n, n + 3) for n in range(33, 48, 3)),
            range(48, 49)]  # the heavy item (32) ends its chunk


def _exits(chunk: range) -> bytes:
    os._exit(3)


@pytest.mark.parametrize("work", [lambda chunk: 1 / 0, _exits, lambda chunk: "not bytes"],
                         ids=["raises", "exits", "not-bytes"])
def test_what_a_failed_child_took_is_done_here(work) -> None:
    with parallel.Sharing([1] * 3_000, 1, work, head=lambda: 1 / 0) as sharing:
        events = _worked(sharing.events())
    assert _tiles([chunk for chunk, _ in events], 3_000)
    assert all(data is None for _, data in events)
    assert sharing.head_result is None  # the head work failed: done here


def test_a_child_that_fails_halfway_sent_what_it_finished() -> None:
    parent = os.getpid()
    sent: list[range] = []

    def second_fails(chunk: range) -> bytes:
        if os.getpid() != parent and sent:
            raise RuntimeError("a child that fails")
        sent.append(chunk)  # in the child's memory only
        return _numbers(chunk)

    with parallel.Sharing([1] * 3_000, 1, second_fails) as sharing:
        events = _worked(sharing.events())
    assert _tiles([chunk for chunk, _ in events], 3_000)
    assert len([data for _, data in events if data is not None]) == 1


@pytest.mark.parametrize("asked, expected", [("1", 1), ("3", 3), ("0", 1), ("many", 1), (" 2 ", 2)])
def test_jobs_as_asked(monkeypatch, asked, expected) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, asked)
    assert parallel.jobs() == expected


def test_jobs_default_to_the_idle_cpus(monkeypatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    cpus = len(os.sched_getaffinity(0))
    monkeypatch.setattr(parallel, "others_running", lambda: 0)
    assert parallel.jobs() == cpus
    monkeypatch.setattr(parallel, "others_running", lambda: 1)
    assert parallel.jobs() == max(1, cpus - 1)
    monkeypatch.setattr(parallel, "others_running", lambda: cpus + 5)
    assert parallel.jobs() == 1
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(parallel, "others_running", lambda: 0)
    assert parallel.jobs() == 1


@pytest.mark.parametrize("text, expected", [("0.50 0.40 0.30 1/180 4242\n", 0), ("2.9 2.9 2.2 4/92 18835\n", 3),
                                            ("garbage", 0), ("", 0)])
def test_others_running_reads_the_runnable_count(monkeypatch, tmp_path, text, expected) -> None:
    fake = tmp_path / "loadavg"
    fake.write_text(text, encoding="ascii")
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: real_open(fake if path == "/proc/loadavg" else path,
                                                                         *a, **k))
    assert parallel.others_running() == expected



# --- a JSON report's findings written by children ---------------------------------------------


@pytest.fixture(scope="module")
def report_and_text(corpus_dir: Path):
    """A report, and its JSON text written in this process alone."""
    with one_job():
        report = build_report(engine.analyse(load_corpus(corpus_dir)))
        return report, get_formatter("json")(report, RenderOptions())


def json_text(report) -> str:
    return get_formatter("json")(report, RenderOptions())


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_children_write_the_last_findings_the_same(report_and_text, small_shares, monkeypatch, jobs) -> None:
    from factcheck.formatters import json_copies

    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 1)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
    report, text = report_and_text
    assert len(report.findings) > 100
    copied = []  # for each finding, in order: whether a child wrote its text
    parts = json_copies.SplitFragments.parts

    def counted(self, count):
        for part, sent in parts(self, count):
            copied.extend([sent is not None] * len(part))
            yield part, sent

    monkeypatch.setattr(json_copies.SplitFragments, "parts", counted)
    assert json_text(report) == text
    assert len(small_shares) == int(jobs) - 1
    assert 0 < sum(copied) < len(report.findings) == len(copied)  # some written by children, some here
    assert copied == sorted(copied)  # this process's from the front, the children's from the back


def test_a_failed_writer_leaves_its_findings_to_this_process(report_and_text, small_shares, monkeypatch) -> None:
    from factcheck.formatters import json_copies

    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 1)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(json_copies, "_written", _fails_in_a_child(json_copies._written))
    report, text = report_and_text
    assert json_text(report) == text
    assert len(small_shares) == 1


def test_no_children_when_texts_are_copied_from_the_last_report(report_and_text, monkeypatch) -> None:
    from factcheck.formatters import json_copies

    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 1)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(parallel, "Sharing", lambda *args: pytest.fail("a child was started"))

    class Copying:
        copies = True

    copying = Copying()
    assert json_copies.split_fragments(report_and_text[0], copying) is copying
    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 10 ** 9)
    assert json_copies.split_fragments(report_and_text[0], None) is None


# --- through the command line ------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("report", "--format", "json"),
    ("report", "--format", "text"),
    ("report", "--format", "json", "--no-cache"),
    ("check", "--format", "text"),
    ("validate",),
], ids=["json", "text", "json-no-cache", "check", "validate"])
def test_commands_say_the_same_with_children(corpus_dir, small_shares, monkeypatch, tmp_path, args) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app

    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 1)
    monkeypatch.chdir(tmp_path)  # the cache lands here
    said = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(app, [*args, str(corpus_dir)],
                                    env={"FACTCHECK_JOBS": jobs, "COLUMNS": "80", "GITHUB_ACTIONS": None, "CI": None})
        said[jobs] = (result.exit_code, result.stdout, result.stderr)
        shutil.rmtree(tmp_path / ".factcheck_cache", ignore_errors=True)
    assert said["2"] == said["1"]
    assert said["1"][0] in (0, 1) and said["1"][1]
    assert small_shares  # children did part of the work


# --- a text report's last blocks written by children -------------------------------------------


@pytest.mark.parametrize("options", [RenderOptions(width=80), RenderOptions(width=40, verbose=True),
                                     RenderOptions(width=120, color=True)], ids=["plain", "narrow-verbose", "colour"])
@pytest.mark.parametrize("jobs", ["2", "3"])
@pytest.mark.parametrize("format", ["text", "markdown"])
def test_children_write_the_last_blocks_the_same(report_and_text, small_shares, monkeypatch, jobs, options,
                                                  format) -> None:
    from factcheck.formatters import get_chunked_formatter

    report = report_and_text[0]
    with one_job():
        expected = get_formatter(format)(report, options)
    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 1)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
    assert "".join(get_chunked_formatter(format)(report, options)) == expected
    assert len(small_shares) == int(jobs) - 1


def test_a_failed_text_writer_leaves_its_blocks_to_this_process(report_and_text, small_shares,
                                                                monkeypatch) -> None:
    from factcheck.formatters import shares

    report = report_and_text[0]
    with one_job():
        expected = get_formatter("text")(report, RenderOptions())
    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 1)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(shares, "_written_elsewhere", _fails_in_a_child(shares._written_elsewhere))
    assert get_formatter("text")(report, RenderOptions()) == expected
    assert len(small_shares) == 1


def test_no_children_for_little_work(monkeypatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "8")
    assert parallel.share([1, 1], 3, _numbers) is None  # less than the minimum
    assert parallel.share([10 ** 9], 1, _numbers) is None  # one large file: parsed here
    with parallel.share([1], 1, _numbers, head=lambda: b"", head_weight=10) as sharing:  # one group, and other work
        assert sharing.started == 7
    with parallel.share([1, 1], 3, _numbers, head=lambda: b"", head_weight=1) as sharing:  # the head counts
        assert sharing.started == 7
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert parallel.share([1, 1], 1, _numbers) is None


def test_an_index_recorded_with_children_lets_the_next_report_copy_their_texts(tmp_path, small_shares,
                                                                                 monkeypatch) -> None:
    """Children send each text's CRC-32 for the index of the report's fragments: the next report
    copies the untouched findings, those children wrote included (a wrong CRC renders them again)."""
    from cachehelpers import noted_calls, run, seed_corpus_in
    from test_group_cache import groups_of_file, move_every_claim_of_a_file_down_a_line

    from factcheck.formatters import json as json_formatter
    from factcheck.formatters import json_copies

    corpus = seed_corpus_in(tmp_path, monkeypatch, bad_file=False)
    monkeypatch.setattr(parallel, "MIN_WRITE_WEIGHT", 1)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    sent = []
    parts = json_copies.SplitFragments.parts

    def noted(self, count):
        for part, by_child in parts(self, count):
            sent.append(by_child is not None)
            yield part, by_child

    monkeypatch.setattr(json_copies.SplitFragments, "parts", noted)
    first = run("report", "--format", "json", "claims")
    assert any(sent)  # children wrote some of the texts
    move_every_claim_of_a_file_down_a_line(corpus)
    uncached = run("report", "--format", "json", "--no-cache", "claims")
    rendered = noted_calls(monkeypatch, (json_formatter, json_copies), "finding_json", lambda finding: finding.id)
    after = run("report", "--format", "json", "claims")
    assert after == uncached
    groups = groups_of_file("rewrite-brief.yaml")
    touched = {f["id"] for f in json.loads(after[1])["findings"] if (f["subject"], f["property"]) in groups}
    assert set(rendered) == touched and len(json.loads(first[1])["findings"]) > len(touched)


def test_a_files_pack_written_by_a_child_is_the_one_written_here(corpus_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    here = FileCache(tmp_path / "here")
    here.background = True  # but no idle CPU: written here
    load_corpus(corpus_dir, cache=here)
    assert here.pack.saver is None
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    elsewhere = FileCache(tmp_path / "elsewhere")
    elsewhere.background = True
    load_corpus(corpus_dir, cache=elsewhere)
    assert elsewhere.pack.saver is not None  # a child writes it while this process goes on
    elsewhere.wait()
    (written_here,), (written_elsewhere,) = ((tmp_path / side / "loaded").iterdir() for side in ("here", "elsewhere"))
    from factcheck.cache import unsealed
    from factcheck.cache.entries import entry_of

    def entries(pack: Path) -> dict:  # (pickles may share strings differently, the second load in a process)
        return {key: entry_of(bytes(data)) for key, data in unsealed(pack.read_bytes()).items()}

    assert entries(written_elsewhere) == entries(written_here) and len(entries(written_here)) == 53
    warm = FileCache(tmp_path / "elsewhere")
    load_corpus(corpus_dir, cache=warm)
    assert warm.misses == 0 and warm.hits == 53


def analysed_with_group_cache(corpus_dir: Path, folder: Path):
    """The corpus analysed through a file and group cache in `folder`, the groups' pack left to a
    background child where one may write it; the group cache."""
    from factcheck.cache import GroupCache

    files = FileCache(folder)
    corpus = load_corpus(corpus_dir, cache=files)
    groups = GroupCache(files, corpus.root)
    groups.background = True
    engine.analyse(corpus, cache=groups)
    return groups


def groups_pack_entries(folder: Path) -> dict:
    """The entries of the one groups' pack in the cache `folder`, as plain values."""
    from factcheck.cache import unsealed
    from factcheck.cache.packs import plain_value

    (pack,) = (folder / "groups").iterdir()
    return {key: plain_value(bytes(data)) for key, data in unsealed(pack.read_bytes()).items()}


def test_a_groups_pack_written_by_a_child_is_the_one_written_here(corpus_dir, tmp_path, monkeypatch) -> None:
    from factcheck.cache import GroupCache

    def analysed(folder: Path, jobs: str) -> GroupCache:
        monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
        return analysed_with_group_cache(corpus_dir, folder)

    here = analysed(tmp_path / "here", "1")
    assert here.pack.saver is None  # no idle CPU: written here
    elsewhere = analysed(tmp_path / "elsewhere", "2")
    assert elsewhere.pack.saver is not None  # a child writes it while this process goes on
    elsewhere.wait()

    assert groups_pack_entries(tmp_path / "elsewhere") == groups_pack_entries(tmp_path / "here") \
        and len(groups_pack_entries(tmp_path / "here")) > 100
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    warm = FileCache(tmp_path / "elsewhere")
    corpus = load_corpus(corpus_dir, cache=warm)
    groups = GroupCache(warm, corpus.root)
    assert json.loads(get_formatter("json")(build_report(engine.analyse(corpus, cache=groups)), RenderOptions())) \
        == json.loads(get_formatter("json")(build_report(engine.analyse(load_corpus(corpus_dir))), RenderOptions()))
    assert groups.pack.misses == 0 and groups.pack.hits > 100  # every group from the pack the child wrote


def test_groups_compared_by_children_leave_nothing_to_a_background_child(corpus_dir, small_shares, tmp_path,
                                                                          monkeypatch) -> None:
    """Each group's entry is pickled where it is compared, and the corpus's entry by the child that
    finds the possible matches: the pack is written here, with no child holding this process's
    memory while the report is made, and holds what one process alone writes."""
    from factcheck.cache import GroupCache

    def analysed(folder: Path, jobs: str) -> GroupCache:
        monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
        return analysed_with_group_cache(corpus_dir, folder)

    background = parallel.in_background
    monkeypatch.setattr(parallel, "in_background", lambda work: pytest.fail("a background child was started"))
    shared = analysed(tmp_path / "shared", "2")
    assert len(small_shares) == 2 and shared.pack.saver is None
    monkeypatch.setattr(parallel, "in_background", background)
    analysed(tmp_path / "alone", "1")

    assert groups_pack_entries(tmp_path / "shared") == groups_pack_entries(tmp_path / "alone") \
        and len(groups_pack_entries(tmp_path / "alone")) > 100


def test_report_waits_for_the_packs_written_in_the_background(corpus_dir, monkeypatch, tmp_path) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app

    monkeypatch.chdir(tmp_path)
    started = []
    background = parallel.in_background
    monkeypatch.setattr(parallel, "in_background", lambda work: started.append(pid := background(work)) or pid)
    result = CliRunner().invoke(app, ["report", "--format", "json", str(corpus_dir)],
                                env={"FACTCHECK_JOBS": "2", "GITHUB_ACTIONS": None, "CI": None})
    assert result.exit_code in (0, 1)
    assert len(started) == 2 and all(started)  # the files' pack, then the groups' pack
    assert not parallel._BACKGROUND  # both waited for: no child left behind
    written = {p.name for p in (tmp_path / ".factcheck_cache").iterdir() if p.is_dir() and any(p.iterdir())}
    assert {"groups", "loaded"} <= written


def test_our_background_children_do_not_count_as_busy_cpus(monkeypatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    cpus = len(os.sched_getaffinity(0))
    monkeypatch.setattr(parallel, "others_running", lambda: 1)  # what /proc/loadavg shows: the child below
    pid = os.fork()
    if pid == 0:
        time.sleep(5)
        os._exit(0)
    try:
        monkeypatch.setitem(parallel._BACKGROUND, pid, None)
        assert parallel.jobs() == cpus  # our own, still at work
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    monkeypatch.setitem(parallel._BACKGROUND, pid, 0)  # ended
    assert parallel.jobs() == max(1, cpus - 1)
