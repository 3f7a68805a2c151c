"""`factcheck resolve`: recording reviews safely, and `check` passing once they are recorded."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from checkhelpers import BASE_CONDITION, BASE_CONTRADICTION, FIXTURES, corpus, run, subprocess_env
from factcheck.reviewfile import HEADER, Review, ResolutionsFileError, write_review

TODAY = datetime.datetime.now(datetime.timezone.utc).date().isoformat()

NEW_SOURCE = """\
source:
  id: herald-2026-05-02
  outlet: The Herald
  title: A different figure
  published: 2026-05-02
claims:
  - id: revenue-share
    topic: money
    subject: OpenAI
    property: revenue share paid to Microsoft
    value: 8%
    statement: OpenAI's payments to Microsoft fall to 8 percent of revenue.
"""


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_contradicting_file_fails_then_passes_after_resolve(in_tmp):
    folder = corpus(in_tmp, "clean")
    assert run(["check", "claims"]).exit_code == 0
    (folder / "herald.yaml").write_text(NEW_SOURCE)
    failing = run(["check", "claims", "--format", "github"])
    assert failing.exit_code == 1
    annotation = failing.stdout.splitlines()[0]
    assert annotation.startswith("::error file=claims/herald.yaml,line=11,col=12,title=Unresolved contradiction con-")
    assert "'8%25' here (herald-2026-05-02, 2026-05-02) contradicts '20%25' in ledger-2025-10-28 (2025-10-28) " \
           "at claims/ledger.yaml:17; '20%25' in wire-2026-04-25 (2026-04-25) at claims/wire.yaml:18" in annotation
    finding_id = annotation.split("title=Unresolved contradiction ")[1].split("::")[0]

    resolved = run(["resolve", finding_id, "claims", "--verdict", "source-error", "--source", "herald-2026-05-02",
                    "--note", "The Herald confused the revenue share with the stake change.", "--by", "Ada Reviewer"])
    assert resolved.exit_code == 0, resolved.output
    assert resolved.stdout == f"recorded contradiction {finding_id} as source-error in claims/_resolutions.yaml\n"
    assert (folder / "_resolutions.yaml").read_text() == HEADER + (
        "resolutions:\n"
        f"  - id: {finding_id}\n"
        "    verdict: source-error\n"
        "    source: herald-2026-05-02\n"
        "    note: The Herald confused the revenue share with the stake change.\n"
        "    by: Ada Reviewer\n"
        f"    date: {TODAY}\n"
        "    claims: [herald-2026-05-02/revenue-share, ledger-2025-10-28/revenue-share, wire-2026-04-25/revenue-share]\n"
    )
    passing = run(["check", "claims", "--format", "github"])
    assert passing.exit_code == 0
    assert passing.stdout == "factcheck check passed: 0 unresolved contradictions, 1 reviewed\n"


def test_report_json_carries_the_resolution(in_tmp):
    corpus(in_tmp, "base")
    run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", "Waiting for the filing.", "--by", "Q"])
    data = json.loads(run(["report", "claims", "--format", "json"]).stdout)
    by_id = {f["id"]: f["resolution"] for f in data["findings"]}
    assert by_id[BASE_CONTRADICTION] == {"verdict": "open", "note": "Waiting for the filing.", "by": "Q", "date": TODAY}
    assert by_id[BASE_CONDITION] is None


def test_resolving_again_updates_the_entry_and_keeps_the_others_verbatim(in_tmp):
    folder = corpus(in_tmp, "base")
    hand_written = (
        "# Our reviews; keep this comment.\n"
        "resolutions:\n"
        "    # the stake's AGI clause\n"
        f"    - id: {BASE_CONDITION}\n"
        "      verdict: both-hold\n"
        "      note: >-\n"
        "        A folded note\n"
        "        over two lines.\n"
        "      by: Hand Writer\n"
        "      date: 2026-10-01   # before the rewrite\n"
        "\n"
        "    - id: con-ffffffffff\n"
        "      verdict: open\n"
        "      note: a review of claims since deleted\n"
        "      by: Hand Writer\n"
        "      date: 2026-10-02\n"
    )
    (folder / "_resolutions.yaml").write_text(hand_written)
    args = ["resolve", BASE_CONTRADICTION, "claims", "--note", "First look.", "--by", "R"]
    assert run([*args, "--verdict", "open"]).exit_code == 0
    entry = (
        f"    - id: {BASE_CONTRADICTION}\n"
        "      verdict: {verdict}\n"
        "      note: {note}\n"
        "      by: R\n"
        f"      date: {TODAY}\n"
        "      claims: [ledger-2026-04-24/ip-licence, wire-2026-04-25/ip-licence]\n"
    )
    head, tail = hand_written.split("    - id: con-ffffffffff\n")
    expected = head + entry.format(verdict="open", note="First look.") + "\n    - id: con-ffffffffff\n" + tail
    assert (folder / "_resolutions.yaml").read_text() == expected  # inserted in id order, nothing else moved

    again = run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "superseded", "--note", "Checked: it changed.",
                 "--by", "R"])
    assert again.exit_code == 0
    assert again.stdout.startswith(f"updated contradiction {BASE_CONTRADICTION} as superseded")
    updated = head + entry.format(verdict="superseded", note="'Checked: it changed.'") + "\n    - id: con-ffffffffff\n" + tail
    assert (folder / "_resolutions.yaml").read_text() == updated


def test_resolving_a_changed_finding_replaces_its_outdated_review(in_tmp):
    folder = corpus(in_tmp, "base")
    run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", "n", "--by", "R"])
    run(["resolve", BASE_CONDITION, "claims", "--verdict", "both-hold", "--note", "n", "--by", "R"])
    wire = folder / "wire.yaml"
    wire.write_text(wire.read_text().replace("value: non-exclusive", "value: not exclusive"))
    old = run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", "n", "--by", "R"])
    assert old.exit_code == 2
    new_id = old.stderr.split("the finding is now ")[1].strip()
    assert old.stderr == f"error: unknown finding id '{BASE_CONTRADICTION}': its claims changed; the finding is now {new_id}\n"
    result = run(["resolve", new_id, "claims", "--verdict", "superseded", "--note", "n", "--by", "R"])
    assert result.stdout.splitlines()[1] == f"replaced the outdated review of {BASE_CONTRADICTION} (its claims changed)"
    text = (folder / "_resolutions.yaml").read_text()
    assert BASE_CONTRADICTION not in text and new_id in text and BASE_CONDITION in text
    assert "\n\n\n" not in text
    assert run(["check", "claims", "--strict"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["con-76356fd8f"], "error: unknown finding id 'con-76356fd8f'; did you mean 'con-76356fd8f7'?"),
        (["con-zzzzzzzzzz"], "error: unknown finding id 'con-zzzzzzzzzz'; did you mean 'con-76356fd8f7', 'cor-6e49e80041' or 'cnd-bbbddb6d3d'?"),
        ([BASE_CONTRADICTION, "--verdict", "wrong"],
         "error: --verdict 'wrong': choose from superseded, source-error, both-hold, open"),
        ([BASE_CONTRADICTION, "--verdict", "source-error"],
         "error: --verdict source-error needs --source SOURCE_ID: the source that is wrong"),
        ([BASE_CONTRADICTION, "--verdict", "source-error", "--source", "nobody"],
         "error: --source 'nobody' is not part of con-76356fd8f7; its sources: ledger-2026-04-24, wire-2026-04-25"),
        ([BASE_CONTRADICTION, "--verdict", "open", "--source", "nobody"],
         "error: --source goes with --verdict source-error, not open"),
        ([BASE_CONTRADICTION, "--note", "  "], "error: --note: say why (it is what a later reader has to trust the verdict)"),
    ],
)
def test_resolve_usage_errors(in_tmp, args, message):
    folder = corpus(in_tmp, "base")
    full = ["resolve", *args, "claims", "--by", "R"]
    if "--verdict" not in args:
        full += ["--verdict", "open"]
    if "--note" not in args:
        full += ["--note", "n"]
    result = run(full)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    assert not (folder / "_resolutions.yaml").exists()


def test_by_defaults_to_git_user_then_user(in_tmp):
    corpus(in_tmp, "base")
    subprocess.run(["git", "init", "-q", str(in_tmp)], check=True)
    subprocess.run(["git", "config", "user.name", "Git Person"], cwd=in_tmp, check=True)
    run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", "n"])
    assert "    by: Git Person\n" in (in_tmp / "claims" / "_resolutions.yaml").read_text()


def test_by_falls_back_to_user(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus(tmp_path, "base")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", "n"], env={"USER": "shell-user"})
    assert result.exit_code == 0, result.output
    assert "    by: shell-user\n" in (tmp_path / "claims" / "_resolutions.yaml").read_text()


def test_broken_review_file_is_left_alone(in_tmp):
    folder = corpus(in_tmp, "base")
    broken = "resolutions:\n  - id: x\n    verdict: [\n"
    (folder / "_resolutions.yaml").write_text(broken)
    result = run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", "n", "--by", "R"])
    assert result.exit_code == 1
    assert result.stderr.startswith("claims/_resolutions.yaml:4:1: YAML syntax error: ")  # the rest is the parser's
    assert result.stderr.splitlines()[0].endswith("(fix the review file before recording another review) [yaml-syntax]")
    assert (folder / "_resolutions.yaml").read_text() == broken


@pytest.mark.parametrize("start", ["resolutions: []\n", "resolutions:\n", "# just a comment\nresolutions:\n"])
def test_resolve_into_an_empty_list(in_tmp, start):
    folder = corpus(in_tmp, "base")
    (folder / "_resolutions.yaml").write_text(start)
    assert run(["resolve", BASE_CONDITION, "claims", "--verdict", "both-hold", "--note", "n", "--by", "R"]).exit_code == 0
    text = (folder / "_resolutions.yaml").read_text()
    assert text.startswith(start.replace("resolutions: []\n", "resolutions:\n"))
    assert run(["check", "claims", "--format", "json"]).stdout.count('"both-hold"') == 1


def test_hostile_note_round_trips(in_tmp):
    folder = corpus(in_tmp, "base")
    note = "line one\n::error::two # not a comment\u2028 'quoted' \"double\" - [x]: {y}"
    assert run(["resolve", BASE_CONTRADICTION, "claims", "--verdict", "open", "--note", note, "--by", "R: a, b"]).exit_code == 0
    data = json.loads(run(["report", "claims", "--format", "json"]).stdout)
    resolution = next(f["resolution"] for f in data["findings"] if f["id"] == BASE_CONTRADICTION)
    assert (resolution["note"], resolution["by"]) == (note, "R: a, b")
    assert len((folder / "_resolutions.yaml").read_text().splitlines()) == 4 + 6  # header, key, one line per field


def test_concurrent_resolves_lose_nothing(tmp_path):
    """Two `factcheck resolve` processes at once: both entries land (read-merge-write under a lock)."""
    folder = corpus(tmp_path, "base")
    commands = [
        [sys.executable, "-m", "factcheck", "resolve", finding, str(folder), "--verdict", "open",
         "--note", f"review of {finding}", "--by", "R"]
        for finding in (BASE_CONTRADICTION, BASE_CONDITION)
    ]
    processes = [subprocess.Popen(c, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    text = (folder / "_resolutions.yaml").read_text()
    assert f"id: {BASE_CONTRADICTION}" in text and f"id: {BASE_CONDITION}" in text


def test_many_concurrent_writers_lose_nothing(tmp_path):
    """Threads hold separate lock handles, so they contend like processes; every review must land."""
    target = tmp_path / "_resolutions.yaml"
    ids = [f"con-{n:010d}" for n in range(40)]
    failures: list[BaseException] = []

    def writer(chunk: list[str]) -> None:
        try:
            for finding_id in chunk:
                write_review(target, Review(finding_id, "open", f"note {finding_id}", "T", "2026-01-01"))
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(ids[n::8],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    from factcheck.reviewfile import _parse_text

    entries = _parse_text(str(target), target.read_text())
    assert [e.finding_id for e in entries] == ids  # all there, and in id order


def test_write_review_refuses_a_file_it_cannot_parse(tmp_path):
    target = tmp_path / "_resolutions.yaml"
    target.write_text("reviews: []\n")
    with pytest.raises(ResolutionsFileError) as caught:
        write_review(target, Review("con-0000000000", "open", "n", "T", "2026-01-01"))
    assert str(caught.value.diagnostic) == (
        f"{target}:1:1: expected a mapping with a 'resolutions' list (fix the review file before recording another review) [bad-resolution]")
    assert target.read_text() == "reviews: []\n"


def test_resolve_needs_a_folder(in_tmp):
    corpus(in_tmp, "base")
    result = run(["resolve", BASE_CONTRADICTION, "claims/wire.yaml", "--verdict", "open", "--note", "n", "--by", "R"])
    assert result.exit_code == 2
    assert result.stderr == "error: claims/wire.yaml: reviews are recorded per corpus; give the corpus folder, not a file\n"


def test_fixture_folder_untouched():
    assert not (FIXTURES / "base" / "_resolutions.yaml").exists()
    assert not any(Path(FIXTURES).rglob(".*.tmp"))


def test_windows_line_endings_are_kept(tmp_path):
    target = tmp_path / "_resolutions.yaml"
    target.write_bytes(b"resolutions:\r\n  - id: con-0000000002\r\n    verdict: open\r\n    note: n\r\n"
                       b"    by: T\r\n    date: 2026-01-01\r\n")
    write_review(target, Review("con-0000000001", "open", "m", "T", "2026-01-02"))
    assert target.read_bytes() == (
        b"resolutions:\r\n  - id: con-0000000001\r\n    verdict: open\r\n    note: m\r\n    by: T\r\n"
        b"    date: 2026-01-02\r\n\r\n  - id: con-0000000002\r\n    verdict: open\r\n    note: n\r\n"
        b"    by: T\r\n    date: 2026-01-01\r\n")


def test_registry_formatters_render_a_plain_report(tmp_path):
    """github and sarif also render a Report from the registry, once the gate has attached its problems."""
    import json

    from factcheck.engine import analyse
    from factcheck.formatters import get_formatter
    from factcheck.gate import with_problems
    from factcheck.loader import load_corpus
    from factcheck.report import build_report

    report = with_problems(build_report(analyse(load_corpus(FIXTURES / "base"))))
    lines = get_formatter("github")(report, None).splitlines()
    assert [line.split(" ")[0] for line in lines if line.startswith("::")][:2] == ["::error", "::warning"]
    document = json.loads(get_formatter("sarif")(report, None))
    assert [r["ruleId"] for r in document["runs"][0]["results"]] == ["contradiction", "condition"]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 9), _texts, _texts), min_size=1, max_size=6))
def test_any_note_and_name_round_trip(tmp_path, writes):
    """Whatever the note or reviewer, what resolve writes reads back as exactly that, others untouched."""
    target = tmp_path / "_resolutions.yaml"
    target.unlink(missing_ok=True)
    expected: dict[str, tuple[str, str]] = {}
    for number, note, by in writes:
        finding_id = f"con-{number:010d}"
        write_review(target, Review(finding_id, "open", note, by, "2026-01-01"))
        expected[finding_id] = (note, by)
    from factcheck.reviewfile import _parse_text

    entries = _parse_text(str(target), target.read_bytes().decode())
    assert {e.finding_id: (e.note, e.by) for e in entries} == expected
    assert [e.finding_id for e in entries] == sorted(expected)
