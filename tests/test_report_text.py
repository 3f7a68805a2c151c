"""`factcheck report` and the listings, exact output through the CLI.

Each case runs a command in tests/fixtures/report/ at a fixed width and
compares stdout with tests/fixtures/report/expected/<case>.txt. The fixture
corpus is a small invented story with every kind of finding: contradictions
(one with an attribution on each side from a single source, one with
different units), a condition (until / condition / none stated), a change
over time (`since`), corroboration, and an undated source.

After an intended change, rewrite the expected files with
`.venv/bin/python -m pytest tests/test_report_text.py --update-snapshots`
(refused when CI=true) and review `git diff` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "report"
EXPECTED = FIXTURES / "expected"

runner = CliRunner()


def run(args: list[str], columns: int = 80, **env: str):
    environment = {"COLUMNS": str(columns), "NO_COLOR": None, "FORCE_COLOR": None, "TERM": None, **env}
    return runner.invoke(app, args, env=environment)


@pytest.fixture(autouse=True)
def in_fixtures(monkeypatch):
    """Paths in the output are relative to the fixture folder, wherever pytest runs."""
    monkeypatch.chdir(FIXTURES)


# (case name, arguments, columns, expected exit code)
CASES = [
    ("report-80", ["report", "corpus"], 80, 0),
    ("report-200", ["report", "corpus"], 200, 0),
    ("report-50", ["report", "corpus"], 50, 0),
    ("report-verbose", ["report", "corpus", "--verbose", "--topic", "people"], 80, 0),
    ("report-kind", ["report", "corpus", "--kind", "contradiction", "--kind", "superseded"], 80, 0),
    ("report-topic", ["report", "corpus", "--topic", "Deal Terms"], 80, 0),
    ("report-subject", ["report", "corpus", "--subject", "globex"], 80, 0),
    ("report-source", ["report", "corpus", "--source", "staff-memo"], 80, 0),
    ("report-since", ["report", "corpus", "--since", "2025-09"], 80, 0),
    ("report-nothing", ["report", "corpus", "--since", "2030"], 80, 0),
    ("report-invalid", ["report", "invalid"], 80, 1),
    ("report-markdown", ["report", "corpus", "--format", "markdown"], 80, 0),
    ("report-markdown-verbose", ["report", "corpus", "-f", "markdown", "-v", "--topic", "people"], 80, 0),
    ("report-markdown-invalid", ["report", "invalid", "-f", "markdown"], 80, 1),
    ("timeline-subject", ["timeline", "Acme Corp", "--path", "corpus"], 80, 0),
    ("timeline-property", ["timeline", "globex", "head count", "-p", "corpus"], 80, 0),
    ("sources", ["sources", "corpus"], 80, 0),
    ("topics", ["topics", "corpus"], 80, 0),
]


@pytest.mark.parametrize(("name", "args", "columns", "exit_code"), CASES, ids=[c[0] for c in CASES])
def test_exact_output(name, args, columns, exit_code, snapshots):
    result = run(args, columns)
    assert result.exit_code == exit_code, result.output
    assert "\x1b" not in result.stdout
    snapshots.assert_match(result.stdout, EXPECTED / f"{name}.txt")


def test_every_expected_file_belongs_to_a_case():
    """A snapshot no case reads would go stale unnoticed."""
    assert sorted(p.name for p in EXPECTED.iterdir()) == sorted(f"{case[0]}.txt" for case in CASES)


def test_report_shows_every_kind_most_serious_first():
    lines = run(["report", "corpus"]).stdout.splitlines()
    titles = [line.split("  ")[0] for line in lines if line.isupper() or line.split("  ")[0].isupper()]
    kinds = [t for t in titles if t in {"CONTRADICTION", "CONDITION", "SUPERSEDED", "CORROBORATED"}]
    # What needs review first (3 contradictions, then the condition), then per topic:
    # deal terms (superseded, folded corroboration), people (folded corroboration).
    assert kinds == ["CONTRADICTION", "CONTRADICTION", "CONTRADICTION", "CONDITION", "SUPERSEDED", "CORROBORATED",
                     "CORROBORATED"]
    assert [line for line in lines if line.endswith("────") and not line.startswith(" ")][:3] == [
        "needs review " + "─" * 67, "deal terms " + "─" * 69, "people " + "─" * 73]
    assert lines[3] == "needs review: 3 contradictions, 1 condition"


def test_report_shows_what_a_reviewer_needs():
    out = run(["report", "corpus"]).stdout
    assert "3 contradictions · 1 condition · 1 superseded · 4 corroborated" in out
    assert "4 sources · 17 claims · published 2025-03-10 to 2025-09-15, 1 undated" in out
    assert "according to people familiar with the" in out          # attribution
    assert "since 2025-09-01" in out and "as of 2025-03" in out     # dates beyond publication
    assert "note: different units (EUR vs USD)" in out              # Finding.note
    assert "▸ exclusive — no condition stated" in out               # a position without qualifier
    assert "2025-09-01 (since)  →  60%  Wire Service" in out        # the compact timeline
    assert "Staff memo (unverified) · undated" in out               # undated source
    for finding_id in ("con-2fc4110a0e", "cnd-446d0cb4f1", "sup-c7453e14f0", "cor-b03a7ad5b9"):
        assert finding_id in out                                    # ids for `factcheck resolve`


def test_corroborated_findings_fold_unless_verbose():
    folded = run(["report", "corpus", "--topic", "people"]).stdout
    full = run(["report", "corpus", "--topic", "people", "--verbose"]).stdout
    assert "✓ Acme · chief executive: Dana Reyes (Harbor Times, Wire Service)" in folded
    assert "Dana Reyes leads Acme as chief executive." not in folded
    assert "Dana Reyes leads Acme as chief executive." in full
    assert "corpus/harbor-times.yaml:33" in full  # verbose says where each claim is


def test_invalid_file_exits_1_and_problems_come_last_one_per_line():
    result = run(["report", "invalid"], columns=60)
    assert result.exit_code == 1
    lines = result.stdout.rstrip("\n").splitlines()
    assert lines[-3].startswith("problems ─")
    assert lines[-2] == "invalid/bad.yaml:5:19: source.published: impossible date '2025-13-01': month 13 is not 1 to 12 [bad-date]"
    assert lines[-1].startswith("invalid/_notes.yaml:1:1: warning: unknown settings file _notes.yaml")
    assert "1 error, 1 warning (listed at the end)" in result.stdout
    assert "CONTRADICTION  Acme · purchase price" in result.stdout  # the valid files are still reported


def test_every_line_fits_the_width():
    for columns in (40, 50, 80, 120):
        out = run(["report", "corpus"], columns).stdout
        assert max(len(line) for line in out.splitlines()) <= columns, columns


def test_wide_terminals_get_a_readable_width():
    out = run(["report", "corpus"], 200).stdout
    assert max(len(line) for line in out.splitlines()) == 120


def test_width_follows_columns():
    narrow = run(["report", "corpus"], 60).stdout
    assert "deal terms " + "─" * 49 + "\n" in narrow


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "corpus", "--kind", "contradicts"], "--kind 'contradicts': choose from contradiction, condition, superseded, revised, corroborated; did you mean 'contradiction'?"),
        (["report", "corpus", "--kind", "everything"], "--kind 'everything': choose from contradiction, condition, superseded, revised, corroborated"),
        (["report", "corpus", "--since", "2025-13"], "--since: impossible date '2025-13': month 13 is not 1 to 12"),
        (["report", "corpus", "--format", "pdf"], "--format 'pdf': choose from text, json, markdown, html"),
        (["report", "no-such-folder"], "no such file or folder: no-such-folder (the corpus found from here is ../../../claims)"),
        (["timeline", "Acme", "-p", "corpus", "-f", "yaml"], "--format 'yaml': choose from text, json"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\n"


def test_filters_that_match_nothing_are_flagged_on_stderr():
    result = run(["report", "corpus", "--source", "daily-ledger", "--topic", "peple", "--topic", "deal",
                  "--subject", "acm", "--subject", "Acme Corp", "--source", "zzz"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "warning: --topic 'peple' matches nothing in the corpus; did you mean 'people'? (see `factcheck topics`)",
        # `Deal terms` and `deal terms` are one topic: one suggestion, in its most common wording
        "warning: --topic 'deal' matches nothing in the corpus; did you mean 'deal terms'? (see `factcheck topics`)",
        # `Acme Corp` matches (it is `Acme`); `acm` suggests the subject once, not each spelling
        "warning: --subject 'acm' matches nothing in the corpus; did you mean 'Acme'? (see `factcheck timeline`)",
        "warning: --source 'daily-ledger' matches nothing in the corpus; did you mean 'daily-ledger-2025-03-10'? "
        "(see `factcheck sources`)",
        "warning: --source 'zzz' matches nothing in the corpus (see `factcheck sources`)",
    ]
    assert "No findings match the filters." in result.stdout


def test_output_file(tmp_path):
    target = tmp_path / "report.txt"
    result = run(["report", "corpus", "-o", str(target)], FORCE_COLOR="1")
    assert result.exit_code == 0
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written == (EXPECTED / "report-80.txt").read_text(encoding="utf-8")  # no colour in files


def test_json_format_still_follows_the_contract():
    import json

    data = json.loads(run(["report", "corpus", "--format", "json", "--kind", "condition"]).stdout)
    assert [f["kind"] for f in data["findings"]] == ["condition"]
    assert [p["qualifier"] for p in data["findings"][0]["positions"]] == [
        "until 2030", "until 2030; or until regulators object, whichever comes first", None]


# --- timeline, sources, topics --------------------------------------------------


def test_timeline_is_in_date_order_with_undated_last():
    out = run(["timeline", "Globex", "-p", "corpus"]).stdout
    dates = [line.split("  ")[0] for line in out.splitlines()[1:] if line and not line.startswith(" ")]
    assert dates == ["2025-03-10"] * 3 + ["2025-06-02"] * 2 + ["2025-09-15"] * 3 + ["undated"] * 2
    assert out.startswith("Globex: 10 claims from 4 sources\n")


def test_timeline_suggests_close_subjects():
    result = run(["timeline", "Globx", "-p", "corpus"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "no claims about 'Globx'; did you mean 'Globex'?\n"


def test_timeline_lists_properties_when_the_property_is_unknown():
    result = run(["timeline", "Acme", "chairman", "-p", "corpus"])
    assert result.exit_code == 1
    assert result.stderr == ("no claims about 'chairman' of 'Acme'; its properties: 'chief executive', "
                             "'purchase price for Globex', 'stake in Globex'\n")


def test_timeline_json():
    import json

    data = json.loads(run(["timeline", "acme", "stake", "-p", "corpus", "-f", "json"]).stdout)
    assert [(c["ref"], c["value"], c["since"]) for c in data["claims"]] == [
        ("daily-ledger-2025-03-10/stake", "49%", None),
        ("harbor-times-2025-06-02/stake", "49%", None),
        ("wire-service-2025-09-15/stake", "60%", "2025-09-01"),
    ]
    assert {c["property"] for c in data["claims"]} == {"stake in Globex"}


def test_sources_and_topics_json():
    import json

    sources = json.loads(run(["sources", "corpus", "-f", "json"]).stdout)["sources"]
    assert [(s["id"], s["published"], s["claims"], s["contradictions"]) for s in sources] == [
        ("daily-ledger-2025-03-10", "2025-03-10", 5, 2),
        ("harbor-times-2025-06-02", "2025-06-02", 5, 2),
        ("wire-service-2025-09-15", "2025-09-15", 5, 1),
        ("staff-memo", "unknown", 2, 0),
    ]
    topics = json.loads(run(["topics", "corpus", "-f", "json"]).stdout)["topics"]
    assert [(t["topic"], t["claims"], t["findings"]["contradiction"]) for t in topics] == [
        ("deal terms", 10, 2), ("finances", 2, 1), ("people", 5, 0)]


def test_listings_report_invalid_files_on_stderr():
    result = run(["sources", "invalid"])
    assert result.exit_code == 1
    assert "good-a" in result.stdout and "bad" not in result.stdout.split()
    assert result.stderr.splitlines()[0] == (
        "invalid/bad.yaml:5:19: source.published: impossible date '2025-13-01': month 13 is not 1 to 12 [bad-date]")


@pytest.mark.parametrize("command", ["report", "timeline", "sources", "topics"])
def test_every_command_explains_itself(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert "Usage: factcheck " + command in " ".join(result.output.split())
    assert "--format" in result.output


@pytest.mark.parametrize("spelling", ["contradictions", "Contradiction", "CONTRADICTIONS", " contradiction "])
def test_kind_takes_any_case_singular_or_plural(spelling):
    assert run(["report", "corpus", "--kind", spelling]).stdout == run(["report", "corpus", "--kind", "contradiction"]).stdout
