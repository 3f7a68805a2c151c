"""The benchmark's generator and pipeline, at a tiny size (no timing asserts)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench.generate import PLACES, build_corpus, source_yaml, write_corpus
from bench.run import OTHER_FORMATS, format_formats_table, format_table, main, pipeline_stages
from factcheck.engine import analyse
from factcheck.loader import load_corpus
from factcheck.matching import group_claims

SIZE = 400


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "claims"
    write_corpus(folder, SIZE, seed=3)
    return folder


@pytest.fixture(scope="module")
def loaded(corpus_dir: Path):
    """The generated corpus loaded once; the tests below only read it (the loader returns immutable data)."""
    return load_corpus(corpus_dir)


@pytest.fixture(scope="module")
def analysed(loaded):
    return analyse(loaded)


def test_generated_corpus_is_valid(loaded) -> None:
    corpus = loaded
    assert corpus.diagnostics == ()
    assert len(corpus.claims) == SIZE
    sizes = [sum(1 for c in corpus.claims if c.source is s) for s in corpus.sources]
    assert min(sizes) >= 1 and max(sizes) <= 20
    assert any(s.published is None for s in corpus.sources) or SIZE < 500  # undated sources appear at scale


def test_generated_corpus_yields_every_kind_of_finding(analysed) -> None:
    kinds = {f.kind.value for f in analysed.findings}
    assert kinds == {"contradiction", "superseded", "condition", "corroborated"}


def test_generated_corpus_has_every_kind_of_value(loaded) -> None:
    kinds = {c.value.kind for c in loaded.claims}
    assert kinds == {"number", "date", "text", "boolean"}


def test_every_wording_of_a_fact_groups_together_and_places_stay_apart(loaded) -> None:
    """Matching on the generated corpus gives exactly the generator's facts."""
    facts = {}
    for source in build_corpus(SIZE, seed=3):
        for index, claim in enumerate(source.claims, 1):
            facts[f"{source.id}/claim-{index:02d}"] = claim.fact
    groups = group_claims(loaded.claims)
    got = sorted(sorted(c.ref for c in g.claims) for g in groups)
    by_fact = defaultdict(list)
    for ref, fact in facts.items():
        by_fact[fact].append(ref)
    assert got == sorted(sorted(refs) for refs in by_fact.values())
    for group in groups:  # a group never mixes `headcount in Germany` with `headcount in France`
        places = {p for c in group.claims for p in PLACES if p in c.property}
        assert len(places) <= 1


def test_generator_is_deterministic() -> None:
    first = [source_yaml(s) for s in build_corpus(120, seed=7)]
    assert first == [source_yaml(s) for s in build_corpus(120, seed=7)]
    assert first != [source_yaml(s) for s in build_corpus(120, seed=8)]


def test_generated_text_that_needs_quotes_is_quoted(tmp_path: Path) -> None:
    corpus = build_corpus(60, seed=1)
    corpus[0].claims[0].statement = "a: colon, # hash and \"quotes\""
    corpus[0].claims[0].value = "yes"
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "one.yaml").write_text(source_yaml(corpus[0]), encoding="utf-8")
    loaded = load_corpus(folder)
    assert loaded.diagnostics == ()
    assert loaded.claims[0].statement == "a: colon, # hash and \"quotes\""
    assert loaded.claims[0].raw_value == "yes"


def test_pipeline_stages_report_each_stage(corpus_dir: Path) -> None:
    figures = pipeline_stages(corpus_dir)
    assert {"load", "match", "compare", "render"} <= figures.keys()
    assert all(figures[stage] >= 0 for stage in ("load", "match", "compare", "render"))
    assert figures["claims"] == SIZE and figures["errors"] == 0
    assert set(figures["findings"]) == {"contradiction", "superseded", "condition", "corroborated"}


def test_table_has_one_row_per_size() -> None:
    row = {"size": 1000, "files": 80, "findings": {"contradiction": 3}, "load": 1.0, "match": 0.5,
           "compare": 0.25, "render": 0.25, "report": 3.0, "warm": 1.0, "changed": 1.5, "libyaml": 2.5,
           "libyaml_nogc": 2.0, "report_cpu": 2.5, "warm_cpu": 0.5, "changed_cpu": 1.0, "libyaml_nogc_cpu": 2.0,
           "peak": 100.0}
    table = format_table([row, {**row, "size": 10000}]).splitlines()
    assert len(table) == 4
    assert table[2] == ("| 1,000 | 80 | 3 | 1.00 | 0.50 | 0.25 | 0.25 | 3.00 | 1.00 | 1.50 | 2.50 | 2.00 "
                        "| 1.50 | 0.50 | 0.75 | 1.25 | 0.25 | 0.50 | 100 |")


def test_make_bench_runs_end_to_end_at_a_tiny_size(tmp_path: Path, capsys, monkeypatch) -> None:
    """Every section of `make bench`, as subprocesses, with as few of them as prove it: one size
    (the growth between sizes and the table of every format are tested below), one other format,
    the one-group case at one size (one group, and spread over three)."""
    monkeypatch.chdir(tmp_path)  # no claims/ here: start-up uses a generated 50-claim corpus
    assert main(["--sizes", "200", "--out", str(tmp_path / "out"), "--startup-runs", "1", "--repeat", "1",
                 "--one-group", "60", "--formats", "validate", "--yamllint", ""]) == 0
    output = capsys.readouterr().out
    assert "| 200 | 16 |" in output  # the row of the table: claims, files
    assert "| 60 | 1 | distinct |" in output and "| 60 | 1 | agreeing |" in output
    assert "| 60 | 3 | distinct |" in output and "| 60 | 3 | agreeing |" in output  # spread, 20 a group
    assert "one group of 60 distinct claims: " in output
    assert "one group of 60 agreeing claims / the same claims over 3 groups: " in output
    assert "report --format json at 200 claims, cold / libyaml parse without GC" in output
    assert "every format at 200 claims" in output and "`validate` |" in output
    assert "`report --format html` |" not in output  # only the formats asked for
    assert "200 claims, warm / libyaml parse without GC" in output
    assert "200 claims, one file changed / libyaml parse without GC" in output
    assert not (tmp_path / "out" / ".factcheck_cache").exists()  # emptied after the runs
    assert "factcheck --version / python -c pass" in output
    assert "a generated 50-claim corpus" in output
    assert (tmp_path / "out" / "claims-200.stamp").exists()


def test_sizes_are_timed_in_rounds_and_other_formats_at_the_largest_size_only(tmp_path: Path, monkeypatch) -> None:
    """Every size in each round (a busy spell lands on all sizes alike), then the other formats once."""
    import bench.run

    timed: list = []
    monkeypatch.setattr(bench.run, "prepare_size", lambda out, size: {"size": size})
    monkeypatch.setattr(bench.run, "measure_round", lambda out, row: timed.append(row["size"]))
    monkeypatch.setattr(bench.run, "time_formats", lambda out, row, formats: timed.append((row["size"], formats)))
    monkeypatch.setattr(bench.run, "format_table", lambda rows: 1 / 0)  # stop after the sizes
    with pytest.raises(ZeroDivisionError):
        main(["--sizes", "20,200", "--out", str(tmp_path), "--formats", "html,validate", "--repeat", "2"])
    assert timed == [20, 200, 20, 200, (200, ("html", "validate"))]
    timed.clear()
    with pytest.raises(ZeroDivisionError):
        main(["--sizes", "20", "--out", str(tmp_path)])
    assert timed == [20, 20, (20, tuple(OTHER_FORMATS))]  # every format by default; 2 rounds by default


def test_the_summary_compares_each_size_with_the_one_a_tenth_of_it(tmp_path: Path, monkeypatch, capsys) -> None:
    """main() on figures made up here (no process runs): the growth line the end-to-end run has
    no second size for."""
    import bench.run

    def measured(out, size, repeat, formats=()):
        return {"size": size, "files": size // 10, "findings": {"contradiction": 3}, "load": 0.01 * size,
                "match": 0.0, "compare": 0.0, "render": 0.0, "json_bytes": 1000, "peak": 50.0, "formats": {},
                **{name: 0.01 * size for name in ("report", "warm", "changed", "libyaml", "libyaml_nogc")},
                **{f"{name}_cpu": 0.01 * size for name in ("report", "warm", "changed", "libyaml_nogc")}}

    monkeypatch.setattr(bench.run, "measure_sizes", lambda out, sizes, repeat, formats=():
                        [measured(out, size, repeat) for size in sizes])
    monkeypatch.setattr(bench.run, "run_measured", lambda command, **options: (0.02, 10.0, 0, "", 0.02))
    monkeypatch.chdir(tmp_path)
    assert main(["--sizes", "20,200", "--out", str(tmp_path / "out"), "--startup-runs", "1", "--one-group", "",
                 "--yamllint", ""]) == 0
    assert "  [met] 200 / 20 claims: report 10.00x wall, 10.00x CPU; stages 10.00x (target <= 11.0x)" \
        in capsys.readouterr().out


def test_an_unknown_format_is_refused(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--sizes", "20", "--out", str(tmp_path), "--formats", "validate,pdf"])
    assert exit_.value.code == 2
    assert "--formats: unknown pdf (known: text, markdown, html, check, validate)" in capsys.readouterr().err


def test_every_format_bench_times_is_a_command_factcheck_accepts(tmp_path: Path) -> None:
    """What the end-to-end run above leaves out: each other command, in process, on a generated corpus
    (40 claims: what is checked is that the command line is accepted, not the corpus)."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    write_corpus(tmp_path / "claims", 40, seed=3)
    for args in OTHER_FORMATS.values():
        result = CliRunner().invoke(app, [*args, "--no-cache", str(tmp_path / "claims")])
        assert result.exit_code in (0, 1), (args, result.output)  # 2: a usage error, as `run_factcheck` refuses


def test_the_table_of_every_format_has_a_row_each() -> None:
    row = {"size": 1000, "libyaml_nogc": 0.5, "libyaml_nogc_cpu": 0.25, "report": 1.0, "report_cpu": 0.5, "peak": 80.0,
           "formats": {" ".join(args): (1.5, 0.75, 90.0) for args in OTHER_FORMATS.values()}}
    table = format_formats_table(row).splitlines()
    assert table[0] == "every format at 1,000 claims, cold, once (floor: libyaml without GC, 0.50 s wall, 0.25 s CPU):"
    assert table[4:] == ["| `report --format json` | 1.00 | 2.00 | 0.50 | 2.00 | 80 |",
                         "| `report --format text` | 1.50 | 3.00 | 0.75 | 3.00 | 90 |",
                         "| `report --format markdown` | 1.50 | 3.00 | 0.75 | 3.00 | 90 |",
                         "| `report --format html` | 1.50 | 3.00 | 0.75 | 3.00 | 90 |",
                         "| `check --format text` | 1.50 | 3.00 | 0.75 | 3.00 | 90 |",
                         "| `validate` | 1.50 | 3.00 | 0.75 | 3.00 | 90 |"]


def test_each_size_is_compared_with_the_size_a_tenth_of_it() -> None:
    from bench.run import growth_targets

    def row(size, report, report_cpu, stages):
        return {"size": size, "report": report, "report_cpu": report_cpu, "load": stages, "match": 0.0,
                "compare": 0.0, "render": 0.0}

    rows = [row(1000, 1.0, 0.5, 0.25), row(5000, 9.0, 9.0, 9.0), row(10000, 8.0, 5.0, 2.5), row(100000, 120.0, 60.0, 30.0)]
    assert growth_targets(rows) == [
        ("10,000 / 1,000 claims: report 8.00x wall, 10.00x CPU; stages 10.00x (target <= 11.0x)", True),
        ("100,000 / 10,000 claims: report 15.00x wall, 12.00x CPU; stages 12.00x (target <= 11.0x)", False),
    ]
    assert growth_targets(rows[:1]) == []


def test_one_group_targets_compare_with_the_spread_claims_and_the_smaller_size() -> None:
    from bench.run import one_group_targets

    def row(claims, groups, values, cpu, peak):
        return {"claims": claims, "groups": groups, "values": values, "report": cpu * 2, "cpu": cpu, "peak": peak}

    rows = [row(4000, 1, "distinct", 1.0, 100.0), row(20000, 1, "distinct", 6.0, 300.0),
            row(20000, 1000, "distinct", 1.5, 200.0), row(20000, 1, "agreeing", 3.0, 150.0),
            row(20000, 1000, "agreeing", 0.5, 140.0)]
    assert one_group_targets(rows) == [
        ("one group of 20,000 distinct claims / the same claims over 1,000 groups: 4.00x wall, 4.00x CPU "
         "(target < 5x, judged on CPU)", True),
        ("one group of 20,000 agreeing claims / the same claims over 1,000 groups: 6.00x wall, 6.00x CPU "
         "(target < 5x, judged on CPU)", False),
        ("one group of distinct claims, peak memory: 100 MiB at 4,000, 300 MiB at 20,000 (3.00x for 5x the "
         "claims, 12.5 MiB per 1,000 more; target: grows no faster than the claims)", True),
    ]


def test_the_spread_corpus_has_the_one_groups_claims_in_many_groups(tmp_path: Path) -> None:
    from bench.generate import write_groups

    assert write_groups(tmp_path / "g", 250, 10, distinct=False) == 3
    claims = load_corpus(tmp_path / "g").claims
    assert len(claims) == 250 and {c.raw_value for c in claims} == {4200}
    groups = group_claims(claims)
    assert [len(g.claims) for g in groups] == [25] * 10
    assert {g.property for g in groups} == {"headcount"}


@pytest.mark.parametrize("a, b", [("data centres in Germany", "data centre in Germany"),
                                  ("theatres", "theater"), ("Germany data centres", "data centers in Germany")])
def test_plural_of_a_british_spelling_matches_its_singular(a: str, b: str) -> None:
    from factcheck.matching import names_match

    assert names_match(a, b)


@pytest.mark.parametrize("distinct, kinds", [(True, {"contradiction": 1}), (False, {"corroborated": 1})])
def test_one_group_is_one_finding(tmp_path: Path, distinct: bool, kinds: dict) -> None:
    """Every claim on one subject and property: all disagree (one finding with a
    position per value) or all agree (one corroboration)."""
    from bench.generate import write_one_group

    assert write_one_group(tmp_path / "g", 250, distinct) == 3
    stages = pipeline_stages(tmp_path / "g")
    assert stages["claims"] == 250 and stages["errors"] == 0
    assert stages["findings"] == kinds


# Non-finite floats never reach the encoder: the loader refuses them (test_loader).
EDGE_DOCUMENTS = [
    {"a": [1.5, -0.0, 1e300, True, None, [], {}, "é\u2028\"\\\n\x01</script>", 10**30],
     "b": {"x": 1.0, "z": "\u00e9", "w": None}, "c": [[]], "d": {"e": {}}},
    [], {}, "x", 3, 2.5, None, [1, [2, {"k": [3], "n": 4}]], {1: "int key"}, ("tuple", 1),
    {"small": [1.5e-7, 1e-05, 2.5e-10, -3e-9], "text with 1e-5 in it": "9e-1x"}, [2**64, -2**63 - 1, 2**63],
    {"lone surrogate": "\udc80"}, {"big": 1e16, "bigger": 1.5e+22, "tiny": 5e-324},
    {"between 1e-5 and 1e-4": 2.5e-05}, [1e-05, -9.99e-05, 0.0001, 1e-10],  # orjson writes 0.000025
]


@pytest.mark.parametrize("document", EDGE_DOCUMENTS, ids=range(len(EDGE_DOCUMENTS)))
def test_fast_json_is_byte_for_byte_json_dumps(document) -> None:
    import json

    assert _encoded_text(document) == json.dumps(document, ensure_ascii=False, indent=2)


def _encoded_text(document) -> str:
    """What the report's encoder writes for `document` (`json_encoding._encoded`), as text."""
    from factcheck.formatters.json_encoding import _encoded

    return _encoded(document).decode("utf-8", "surrogatepass")


def test_fast_json_report_equals_json_dumps_on_a_generated_corpus(analysed) -> None:
    import json

    from factcheck.formatters.json import report_json
    from factcheck.report import build_report

    document = report_json(build_report(analysed))
    assert _encoded_text(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_fast_json_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        _encoded_text({"a": {"b": object()}})
    with pytest.raises(TypeError):
        _encoded_text({"a": [object()]})


def test_version_is_answered_without_importing_the_cli() -> None:
    import subprocess
    import sys

    from typer.testing import CliRunner

    from factcheck.cli import app

    script = ("import sys; sys.argv = ['factcheck', '--version']; from factcheck.launch import main; main(); "
              "print('typer' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    expected = CliRunner().invoke(app, ["--version"]).stdout
    assert done.stdout == expected + "False\n"


def test_other_arguments_go_to_the_cli(monkeypatch, capsys) -> None:
    import sys

    from factcheck.launch import main

    monkeypatch.setattr(sys, "argv", ["factcheck", "report", "--format", "nope"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert "--format 'nope'" in capsys.readouterr().err


def test_a_subject_with_many_properties_still_merges_extra_word_variants(loaded) -> None:
    from dataclasses import replace

    base = loaded.claims[0]
    filler = [replace(base, id=f"f{i}", subject="Mono", property=f"metric number {i} of segment {i % 7}")
              for i in range(1500)]
    pair = [replace(base, id="a", subject="Mono", property="cloud licence exclusivity"),
            replace(base, id="b", subject="Mono", property="cloud licence exclusivity terms"),
            replace(base, id="c", subject="Mono", property="cloud licence exclusivity in Germany")]
    groups = group_claims(filler + pair)
    by_id = {c.id: g for g in groups for c in g.claims}
    assert by_id["a"] is by_id["b"]          # extra ordinary word, close wording: one thing
    assert by_id["c"] is not by_id["a"]      # extra place name: kept apart
    assert len(groups) == 1500 + 2


@pytest.mark.parametrize("distinct", [True, False])
def test_one_group_compares_values_a_near_linear_number_of_times(tmp_path: Path, monkeypatch, distinct: bool) -> None:
    """Issue 14, row 10: 3,000 claims on one subject and property. Values are compared per
    distinct value and only with values they could agree with, never pair by pair (main
    compared 4.5 million pairs here and held an n x n matrix)."""
    from factcheck import engine
    from bench.generate import write_one_group
    from factcheck.loader import load_corpus
    from factcheck.rules import relations

    calls = {"compare": 0}
    real = relations.compare

    def counting(*args, **kwargs):
        calls["compare"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(relations, "compare", counting)
    write_one_group(tmp_path / "g", 3000, distinct)
    analysis = engine.analyse(load_corpus(tmp_path / "g"))
    assert [f.kind.value for f in analysis.findings] == (["contradiction"] if distinct else ["corroborated"])
    assert len(analysis.findings[0].positions) == (3000 if distinct else 1)
    assert calls["compare"] <= 3 * 3000


@pytest.mark.parametrize("kind, jobs", [("stages", "1"), ("libyaml", None)])
def test_the_stages_are_timed_without_children(monkeypatch, kind: str, jobs) -> None:
    """Each stage's cost as work done, not as split over children on idle CPUs."""
    import bench.run

    seen = {}

    def measured(command, **options):
        seen.update(options["env"])
        return 0.01, 10.0, 0, "{}", 0.01

    monkeypatch.delenv("FACTCHECK_JOBS", raising=False)
    monkeypatch.setattr(bench.run, "run_measured", measured)
    bench.run.worker(kind, Path("corpus"))
    assert seen.get("FACTCHECK_JOBS") == jobs
