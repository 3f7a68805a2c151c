"""`factcheck check`: exit codes, every output format, reviews that apply, change or go stale."""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

import pytest

from checkhelpers import BASE_CONDITION, BASE_CONTRADICTION, FIXTURES, corpus, run

from factcheck.codes import CODES

SCHEMA_PATH = Path(__file__).parent.parent.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

BASE_ERROR = (
    f"::error file=claims/wire.yaml,line=11,col=12,title=Unresolved contradiction {BASE_CONTRADICTION}::"
    f"unresolved contradiction {BASE_CONTRADICTION}: Microsoft · license to OpenAI IP, exclusivity: "
    "'non-exclusive' here (wire-2026-04-25, 2026-04-25) contradicts 'exclusive' in ledger-2026-04-24 "
    f"(2026-04-24) at claims/ledger.yaml:11. Review it: factcheck resolve {BASE_CONTRADICTION} "
    "--verdict VERDICT --note NOTE"
)
BASE_WARNING = (
    f"::warning file=claims/wire.yaml,line=19,col=16,title=Condition differs {BASE_CONDITION}::"
    f"condition {BASE_CONDITION}: Microsoft · stake in OpenAI: the sources agree on '27%25' but not on its "
    "terms: 'until 2032; or until AGI is verified' here vs 'until 2032' in ledger-2026-04-24 (2026-04-24) "
    "at claims/ledger.yaml:17"
)
BASE_PLAIN = [
    f"claims/wire.yaml:11:12: error: unresolved contradiction {BASE_CONTRADICTION}: Microsoft · license to "
    "OpenAI IP, exclusivity: 'non-exclusive' here (wire-2026-04-25, 2026-04-25) contradicts 'exclusive' in "
    "ledger-2026-04-24 (2026-04-24) at claims/ledger.yaml:11. Review it: factcheck resolve "
    f"{BASE_CONTRADICTION} --verdict VERDICT --note NOTE",
    f"claims/wire.yaml:19:16: warning: condition {BASE_CONDITION}: Microsoft · stake in OpenAI: the sources "
    "agree on '27%' but not on its terms: 'until 2032; or until AGI is verified' here vs 'until 2032' in "
    "ledger-2026-04-24 (2026-04-24) at claims/ledger.yaml:17",
]
BASE_SUMMARY = "factcheck check failed: 1 unresolved contradiction, 1 warning"
# The text format: `file:line:column: code message`, as linters print problems.
BASE_LINT = (
    f"claims/wire.yaml:11:12: contradiction {BASE_CONTRADICTION}: Microsoft · license to OpenAI IP, exclusivity: "
    "'non-exclusive' here (wire-2026-04-25, 2026-04-25) contradicts 'exclusive' in ledger-2026-04-24 (2026-04-24) "
    f"at claims/ledger.yaml:11. Review it: factcheck resolve {BASE_CONTRADICTION} --verdict VERDICT --note NOTE"
)
BASE_LINT_CONDITION = (
    f"claims/wire.yaml:19:16: condition {BASE_CONDITION}: Microsoft · stake in OpenAI: the sources agree on '27%' "
    "but not on its terms: 'until 2032; or until AGI is verified' here vs 'until 2032' in ledger-2026-04-24 "
    "(2026-04-24) at claims/ledger.yaml:17"
)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def reviews(folder: Path, text: str) -> None:
    (folder / "_resolutions.yaml").write_text(text, encoding="utf-8")


REVIEWED_BOTH = f"""\
resolutions:
  - id: {BASE_CONTRADICTION}
    verdict: superseded
    note: The April deal ended exclusivity; the Ledger described the earlier terms.
    by: Test Reviewer
    date: 2026-11-01
    claims: [ledger-2026-04-24/ip-licence, wire-2026-04-25/ip-licence]
  - id: {BASE_CONDITION}
    verdict: both-hold
    note: The AGI clause is an extra condition, not a different stake.
    by: Test Reviewer
    date: 2026-11-01
"""


# --- exit codes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "args", "code"),
    [
        ("clean", [], 0),                  # superseded and corroborated never fail
        ("base", [], 1),                   # an unreviewed contradiction
        ("invalid", [], 1),                # an invalid file, no contradiction
        ("clean", ["--format", "yaml"], 2),
        ("clean", ["--bogus-option"], 2),
        ("clean", ["--changed-since", "main"], 2),   # tmp_path is not a git repository
    ],
)
def test_exit_codes(in_tmp, fixture, args, code):
    corpus(in_tmp, fixture)
    result = run(["check", "claims", *args])
    assert result.exit_code == code, result.output


def test_missing_corpus_is_a_usage_error(in_tmp):
    result = run(["check", "nowhere"])
    assert result.exit_code == 2
    assert result.stderr == "error: no such file or folder: nowhere\n"


def test_reviewed_contradiction_passes_and_conditions_stay_warnings(in_tmp):
    reviews(corpus(in_tmp, "base"), REVIEWED_BOTH)
    result = run(["check", "claims", "--format", "github"])
    assert result.exit_code == 0
    assert result.stdout == "factcheck check passed: 0 unresolved contradictions, 2 reviewed\n"


def test_condition_alone_is_a_warning_not_a_failure(in_tmp):
    reviews(corpus(in_tmp, "base"), REVIEWED_BOTH.split(f"  - id: {BASE_CONDITION}")[0])
    result = run(["check", "claims", "--format", "github"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == BASE_WARNING


def test_open_verdict_passes_but_is_not_counted_as_reviewed(in_tmp):
    reviews(corpus(in_tmp, "base"), REVIEWED_BOTH.replace("verdict: superseded", "verdict: open"))
    result = run(["check", "claims"])
    assert result.exit_code == 0
    assert result.stdout == "no problems (1 reviewed, 1 kept open)\n"
    github = run(["check", "claims", "--format", "github"])
    assert github.stdout == "factcheck check passed: 0 unresolved contradictions, 1 reviewed, 1 kept open\n"
    data = json.loads(run(["check", "claims", "--format", "json"]).stdout)
    assert (data["check"]["reviewed"], data["check"]["open"]) == ([BASE_CONTRADICTION, BASE_CONDITION], [BASE_CONTRADICTION])
    assert data["needs_review"] == [BASE_CONTRADICTION]  # left open: it still needs a decision


def test_invalid_review_file_fails_with_its_position(in_tmp):
    reviews(corpus(in_tmp, "clean"), "resolutions:\n  - id: con-1\n    verdict: maybe\n    note: n\n    by: b\n    date: 2026-01-01\n")
    result = run(["check", "claims", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=claims/_resolutions.yaml,line=3,col=14,title=Invalid review (bad-resolution)::resolutions[0].verdict: "
        "'maybe' is not a verdict; choose from superseded, source-error, both-hold, open"
    )


# --- formats -------------------------------------------------------------------


def test_github_format_exact(in_tmp):
    corpus(in_tmp, "base")
    result = run(["check", "claims", "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    token = lines[2].removeprefix("::stop-commands::")
    assert re.fullmatch(r"factcheck-[0-9a-f]{32}", token)
    assert lines == [BASE_ERROR, BASE_WARNING, f"::stop-commands::{token}", *BASE_PLAIN, f"::{token}::", BASE_SUMMARY]
    assert result.stderr == ""


def test_github_paths_relative_to_the_workspace(tmp_path, monkeypatch):
    corpus(tmp_path, "base")
    monkeypatch.chdir(tmp_path / "claims")
    result = run(["check", ".", "--format", "github"], env={"GITHUB_WORKSPACE": str(tmp_path)})
    assert result.stdout.startswith("::error file=claims/wire.yaml,line=11,col=12,")


def test_auto_format_follows_github_actions(in_tmp):
    corpus(in_tmp, "base")
    on_github = run(["check", "claims"], env={"GITHUB_ACTIONS": "true"})
    assert on_github.stdout.splitlines()[0] == BASE_ERROR
    elsewhere = run(["check", "claims"])
    assert elsewhere.stdout == f"{BASE_LINT}\n1 problem: 1 unresolved contradiction (1 condition)\n"


def test_text_format_is_the_problem_lines_and_a_summary(in_tmp):
    """What pre-commit shows: the problems, one line each, and a count; nothing else."""
    folder = corpus(in_tmp, "base")
    shutil.copy(FIXTURES / "invalid" / "broken.yaml", folder / "broken.yaml")
    result = run(["check", "claims", "--format", "text"])
    assert result.exit_code == 1
    assert result.stdout == "\n".join([
        "claims/broken.yaml:5:19: bad-date source.published: impossible date '2026-13-40': month 13 is not 1 to 12",
        "claims/broken.yaml:7:5: missing-field claims[0]: missing required field 'property'",
        "claims/broken.yaml:7:5: missing-field claims[0]: missing required field 'statement'",
        "claims/broken.yaml:7:5: missing-field claims[0]: missing required field 'subject'",
        "claims/broken.yaml:7:5: missing-field claims[0]: missing required field 'value'",
        BASE_LINT,
        "6 problems: 1 unresolved contradiction, 5 errors in 1 invalid file (1 condition)",
    ]) + "\n"
    assert result.stderr == ""


def test_text_summary_counts_what_it_does_not_list(in_tmp):
    reviews(corpus(in_tmp, "base"), REVIEWED_BOTH.split(f"  - id: {BASE_CONDITION}")[0])
    (in_tmp / "claims" / "odd.yaml").write_text("source: [\n")
    result = run(["check", "claims"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 problem: 1 invalid file (1 reviewed, 1 condition)"


def test_verbose_text_is_the_report_then_every_problem(in_tmp, snapshots):
    corpus(in_tmp, "base")
    result = run(["check", "claims", "--verbose"])
    assert result.exit_code == 1
    snapshots.assert_match(result.stdout, FIXTURES / "expected" / "check-verbose.txt")
    assert result.stdout.endswith(f"\n{BASE_LINT}\n{BASE_LINT_CONDITION}\n"
                                  "2 problems: 1 unresolved contradiction, 1 condition\n")


def test_problem_line_names_each_claim_with_its_own_value(in_tmp):
    """Two sources agree on 1,200 in different words: each is named with the words it used."""
    corpus(in_tmp, "wordings")
    result = run(["check", "claims"])
    line = result.stdout.splitlines()[0]
    assert line.startswith("claims/courier.yaml:11:12: contradiction con-")
    assert ("'3000' here (courier-2026-03-03, 2026-03-02) contradicts '1,200' in atlas-2026-03-02 (2026-03-02) "
            "at claims/atlas.yaml:11; '~1200' in bulletin-2026-03-02 (2026-03-02) at claims/bulletin.yaml:11. "
            "Review it:") in line


def test_findings_at_one_claim_say_so(in_tmp):
    """A contradiction and a condition reported at the same claim: neither line hides the other."""
    corpus(in_tmp, "shared")
    lines = run(["check", "claims", "--verbose"]).stdout.splitlines()[-3:]
    contradiction, condition = (re.search(r"(con|cnd)-[0-9a-f]{10}", line).group(0) for line in lines[:2])
    assert [line.split(": ")[0] for line in lines[:2]] == ["claims/courier.yaml:11:12"] * 2
    assert lines[0].endswith(f"at claims/atlas.yaml:11 (this claim is in 2 findings; also {condition}). "
                             f"Review it: factcheck resolve {contradiction} --verdict VERDICT --note NOTE")
    assert lines[1].endswith(f"(this claim is in 2 findings; also {contradiction})")
    assert lines[2] == "2 problems: 1 unresolved contradiction, 1 condition"


def test_markdown_format(in_tmp):
    corpus(in_tmp, "base")
    result = run(["check", "claims", "--format", "markdown"])
    assert result.exit_code == 1
    assert BASE_CONTRADICTION in result.stdout
    assert result.stderr.splitlines()[-1] == BASE_SUMMARY


def test_json_format_is_the_report_plus_check_keys(in_tmp):
    reviews(corpus(in_tmp, "base"), REVIEWED_BOTH.split(f"  - id: {BASE_CONDITION}")[0])
    result = run(["check", "claims", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "factcheck.report/1"
    assert [f["id"] for f in data["findings"]] == [BASE_CONTRADICTION, BASE_CONDITION]
    assert data["findings"][0]["resolution"] == {
        "verdict": "superseded", "by": "Test Reviewer", "date": "2026-11-01",
        "note": "The April deal ended exclusivity; the Ledger described the earlier terms.",
    }
    assert data["findings"][1]["resolution"] is None
    assert data["check"] == {"passed": True, "unresolved": [], "conditions": [BASE_CONDITION],
                             "reviewed": [BASE_CONTRADICTION], "open": [], "outdated": [], "stale": []}


def sarif_of(args: list[str]) -> dict:
    result = run(["check", "claims", "--format", "sarif", *args])
    return result.exit_code, json.loads(result.stdout)


@functools.cache  # checking the schema against its metaschema costs more than a validation; once a worker
def _sarif_validator():
    from jsonschema.validators import validator_for

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def validate_sarif(document: dict, *, skip_without_schema: bool = False) -> None:
    """Against the OASIS schema in ../shared (beside the repository, as in CI)."""
    if not SCHEMA_PATH.exists():
        if skip_without_schema:
            pytest.skip(f"no SARIF schema at {SCHEMA_PATH} (CI has ../shared beside the clone)")
        return  # the caller's own assertions still run
    errors = sorted(_sarif_validator().iter_errors(document), key=str)
    assert not errors, "\n".join(str(e) for e in errors[:3])


@pytest.mark.parametrize("fixture", ["base", "clean", "invalid", "hostile"])
def test_sarif_validates_against_the_schema(in_tmp, fixture):
    corpus(in_tmp, fixture)
    _code, document = sarif_of([])
    validate_sarif(document, skip_without_schema=True)


def test_sarif_results(in_tmp):
    reviews(corpus(in_tmp, "base"), REVIEWED_BOTH.split(f"  - id: {BASE_CONDITION}")[0]
            + "  - id: con-0000000000\n    verdict: open\n    note: gone\n    by: t\n    date: 2026-01-01\n")
    code, document = sarif_of([])
    validate_sarif(document)
    assert code == 0
    run_ = document["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert rule_ids == list(CODES)  # one rule per registered code
    assert rule_ids[:5] == ["contradiction", "condition", "superseded", "revised", "corroborated"]
    summary = [(r["ruleId"], r["level"], r["partialFingerprints"].get("factcheckFindingId/v1"),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]) for r in run_["results"]]
    assert summary == [
        ("stale-review", "warning", None, "claims/_resolutions.yaml", {"startLine": 8, "startColumn": 5}),
        ("condition", "warning", BASE_CONDITION, "claims/wire.yaml", {"startLine": 19, "startColumn": 16}),
        ("contradiction", "note", BASE_CONTRADICTION, "claims/wire.yaml", {"startLine": 11, "startColumn": 12}),
    ]
    reviewed = run_["results"][2]
    assert reviewed["suppressions"][0]["kind"] == "external"
    assert reviewed["suppressions"][0]["justification"].startswith("superseded: The April deal ended exclusivity")
    assert reviewed["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 11, "startColumn": 12}
    assert reviewed["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "claims/ledger.yaml"


def test_sarif_unresolved_contradiction_is_an_error(in_tmp):
    corpus(in_tmp, "base")
    code, document = sarif_of([])
    assert code == 1
    first = document["runs"][0]["results"][0]
    assert (first["ruleId"], first["level"], first["partialFingerprints"]) == (
        "contradiction", "error", {"factcheckFindingId/v1": BASE_CONTRADICTION})
    assert "suppressions" not in first


# --- reviews that no longer apply ----------------------------------------------------


def test_changed_claim_invalidates_its_review(in_tmp):
    folder = corpus(in_tmp, "base")
    reviews(folder, REVIEWED_BOTH)
    wire = folder / "wire.yaml"
    wire.write_text(wire.read_text().replace("value: non-exclusive", "value: not exclusive"))
    result = run(["check", "claims", "--format", "github"])
    assert result.exit_code == 1
    plain = [line for line in result.stdout.splitlines() if line.startswith("claims/")]
    new_id = re.search(r"unresolved contradiction (con-[0-9a-f]{10})", plain[0]).group(1)
    assert new_id != BASE_CONTRADICTION
    assert f"Its review {BASE_CONTRADICTION} at claims/_resolutions.yaml:2:5 no longer applies: the claims changed" in plain[0]
    assert plain[1] == (
        f"claims/_resolutions.yaml:2:5: warning: the review of {BASE_CONTRADICTION} no longer applies: its claims "
        f"changed, and they are now in contradiction {new_id}; review that one (factcheck resolve {new_id} "
        "replaces this entry) [outdated-review]"
    )
    strict = run(["check", "claims", "--format", "json", "--strict"])
    assert json.loads(strict.stdout)["check"]["outdated"] == [
        {"id": BASE_CONTRADICTION, "file": "claims/_resolutions.yaml", "line": 2, "column": 5, "now": new_id}]


def test_stale_entry_is_a_warning_and_an_error_when_strict(in_tmp):
    reviews(corpus(in_tmp, "clean"), "resolutions:\n  - id: con-0123456789\n    verdict: open\n    note: n\n"
            "    by: b\n    date: 2026-01-01\n    claims: [gone/claim, also-gone/claim]\n")
    stale = ("claims/_resolutions.yaml:2:5: {level}: the review of con-0123456789 matches no finding (its claims "
             "were removed or no longer disagree); delete this entry [stale-review]")
    lenient = run(["check", "claims", "--format", "github"])
    assert lenient.exit_code == 0
    assert lenient.stdout.splitlines()[2:] == [stale.format(level="warning"),
                                               lenient.stdout.splitlines()[3],
                                               "factcheck check passed: 0 unresolved contradictions, 1 warning"]
    strict = run(["check", "claims", "--strict", "--format", "github"])
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[-1] == "factcheck check failed: 0 unresolved contradictions, 1 review error"
    text = ("claims/_resolutions.yaml:2:5: stale-review the review of con-0123456789 matches no finding (its claims "
            "were removed or no longer disagree); delete this entry")
    assert run(["check", "claims"]).stdout == f"{text}\n1 problem: 1 stale review\n"
    assert run(["check", "claims", "--strict"]).stdout == f"{text}\n1 problem: 1 stale review\n"


# --- hostile claim text --------------------------------------------------------------


def test_claim_text_cannot_start_a_workflow_command(in_tmp):
    corpus(in_tmp, "hostile")
    result = run(["check", "claims", "--format", "github"])
    assert result.exit_code == 1
    out = result.stdout
    assert out.split("\n") == out.splitlines() + [""]  # no CR, U+2028 or other line break inside a line
    lines = out.splitlines()
    token = lines[1].removeprefix("::stop-commands::")
    commands = [line for line in lines if line.startswith("::")]
    assert [c.split(" ")[0].split("::")[1] for c in commands] == ["error", "stop-commands", token]
    error = lines[0]
    assert error.startswith("::error file=claims/second.yaml,line=11,col=12,title=Unresolved contradiction ")
    message = error.split("::", 2)[2]
    assert "::set-output name=leak::yes%0A::error::from the subject" in message  # newline escaped
    assert "status%250A::error file=x::injected" in message                     # a literal %0A stays literal
    assert "closed\\u2028::error::after a line separator" in message            # U+2028 shown, not kept
    # Between the markers, no line is a command, and every line starts with a file path.
    inside = lines[lines.index(f"::stop-commands::{token}") + 1:lines.index(f"::{token}::")]
    assert [line.split(":")[0] for line in inside] == ["claims/second.yaml"]


def test_hostile_file_name_is_escaped_in_properties(in_tmp):
    folder = corpus(in_tmp, "base")
    (folder / "wire.yaml").rename(folder / "odd, name::error.yaml")
    result = run(["check", "claims", "--format", "github"])
    assert result.stdout.splitlines()[0].startswith(
        "::error file=claims/odd%2C name%3A%3Aerror.yaml,line=11,col=12,title=Unresolved contradiction ")


def test_step_summary_is_appended(in_tmp):
    corpus(in_tmp, "hostile")
    summary = in_tmp / "summary.md"
    summary.write_text("earlier step\n")
    result = run(["check", "claims", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text()
    assert text.startswith("earlier step\n### factcheck check failed: 1 unresolved contradiction\n")
    row = next(line for line in text.splitlines() if line.startswith("| error |"))
    assert row.startswith("| error | `claims/second.yaml:11:12` | unresolved contradiction con-4ef20b8650: "
                          "::\u200bset-output name=leak::\u200byes ::\u200berror::\u200bfrom the subject")
    assert "<" not in row.replace(r"\<", "") and row.count(" | ") == 2  # claim text cannot open HTML or a cell


def test_fixture_ids_are_the_stable_ids():
    """The ids hard-coded above are what the engine computes (if this fails, ids changed)."""
    from factcheck.engine import analyse
    from factcheck.loader import load_corpus

    ids = {f.id for f in analyse(load_corpus(FIXTURES / "base")).findings}
    assert {BASE_CONTRADICTION, BASE_CONDITION} <= ids


def test_text_lines_show_claim_text_as_data(in_tmp):
    """Line breaks and separators in claim text never start a new line in the text format."""
    corpus(in_tmp, "hostile")
    out = run(["check", "claims"]).stdout
    assert out.split("\n") == out.splitlines() + [""]
    lines = out.splitlines()
    assert len(lines) == 2 and lines[-1] == "1 problem: 1 unresolved contradiction"
    assert "::set-output name=leak::yes ::error::from the subject" in lines[0]  # the newline made a space
    assert "closed\\u2028::error::after a line separator" in lines[0]
