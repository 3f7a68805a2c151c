"""Property-based tests: whatever the input, loading and analysing return
Diagnostics and never raise.

`make test` runs few examples; `make fuzz` (FACTCHECK_FUZZ=1) runs many more.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.engine import analyse
from factcheck.formatters import RenderOptions, get_formatter
from factcheck.loader import check_tree, decode, load_corpus
from factcheck.model import Diagnostic
from factcheck.report import Filters, build_report
from factcheck.yamlread import read_yaml

FUZZ = os.environ.get("FACTCHECK_FUZZ") == "1"
settings.register_profile("quick", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("fuzz" if FUZZ else "quick")

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def assert_well_formed(diagnostics) -> None:
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert diagnostic.message and not CONTROL.search(diagnostic.message), diagnostic
        assert not CONTROL.search(diagnostic.path)


def load_texts(files: dict[str, bytes]):
    """Write files into a fresh corpus folder; load, analyse and render it as JSON."""
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            Path(folder, name).write_bytes(data)
        corpus = load_corpus(folder)
    assert_well_formed(corpus.diagnostics)
    analysis = analyse(corpus)
    assert_well_formed(analysis.diagnostics)
    report = build_report(analysis, Filters())
    data = json.loads(get_formatter("json")(report, RenderOptions()))
    assert data["schema"] == "factcheck.report/1"
    assert data["corpus"] == {"sources": len(report.sources), "claims": len(report.claims)}
    assert [f["id"] for f in data["findings"]] == [f.id for f in report.findings]
    assert [(e["file"], e["line"], e["column"], e["code"]) for e in data["errors"] + data["warnings"]] == [
        (d.path, d.line, d.column, d.code) for d in (*report.errors, *report.warnings)]
    return corpus


# --- raw text and bytes ---------------------------------------------------

# Fragments that stress the YAML grammar and our own checks more than random characters do.
FRAGMENTS = [
    "source:", "claims:", "id:", "value:", "published:", "as_of:", "until:", "statement:", "vaule:",
    "\n", "\n  ", "\n    ", "  ", "- ", "\t", ": ", "? ", "&a ", "*a", "&b ", "*b", "<<: ", "---\n", "...\n",
    "[", "]", "{", "}", ",", "'", '"', "|\n", ">-\n", "#", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
    "!!python/object/apply:os.system ['true']", "!!str ", "!!int ", "!foo ", "!!binary ",
    "2026-13-45", "2026-02-30", "2032", "1e999", "1e-7", "NO", "yes", "~", "null", "true", ".inf",
    "27%", "$135 billion", "non-exclusive", "x" * 50, "9" * 40, "\\x1b", "\x1b[2J", "é", "\u202e", "\ufeff",
    "\x00", "\x07", "\r", "\x85",
]
yaml_like_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)


@given(yaml_like_text)
def test_yaml_like_text_never_raises(text: str) -> None:
    tree, problems = read_yaml("fuzz.yaml", text)
    assert_well_formed(problems)
    if tree is not None:
        assert_well_formed(check_tree("fuzz.yaml", tree).diagnostics)


@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data: bytes) -> None:
    text, problem = decode("fuzz.yaml", data)
    assert (text is None) == (problem is not None)
    load_texts({"fuzz.yaml": data})


@given(st.lists(yaml_like_text.map(lambda t: t.encode("utf-8", "surrogatepass")), min_size=1, max_size=3))
def test_corpus_of_yaml_like_files_never_raises(texts: list[bytes]) -> None:
    load_texts({f"f{i}.yaml": data for i, data in enumerate(texts)})


# --- structured documents -------------------------------------------------

tricky_text = st.sampled_from([
    "NO", "yes", "on", "2026", "2026-04", "2026-04-24", "2026-13-45", "2026-02-30", "unknown", "27%", "27 percent",
    "$135 billion", "€4.2bn", "1,200", "3.5 million", "1e-7", "1e999", "9" * 400, "-0", "exclusive",
    "non-exclusive", "not exclusive", "[bold red]x[/]", "\x1b[2J", "::error::x", "<script>x</script>", "",
    " ", "Stake_1", "good-a", "a-b", "x" * 2100,
]) | st.text(max_size=20)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | tricky_text
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(tricky_text | st.sampled_from(["source", "claims"]), inner, max_size=4),
    max_leaves=20,
)


# Settings files are read by the same loader, then by their own readers.
FILE_NAMES = st.sampled_from(["doc.yaml", "_aliases.yaml", "_settings.yaml", "_resolutions.yaml", "_other.yml"])


@given(documents, FILE_NAMES)
def test_random_yaml_documents_never_raise(document: object, name: str) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    load_texts({name: text.encode("utf-8", "surrogatepass")})





field_value = scalars | st.lists(scalars, max_size=2) | st.dictionaries(st.text(max_size=5), scalars, max_size=2)


def mostly(valid, chaos=field_value):
    """Valid seven times in eight, so whole claims load and reach the engine."""
    return st.integers(0, 7).flatmap(lambda n: chaos if n == 0 else valid)


VALUES = st.sampled_from([
    "27%", "28%", "roughly 27%", "27 percent", "$135 billion", "€4.2bn", "135 billion dollars", "1,200", "3.5 million",
    "exclusive", "non-exclusive", "not exclusive", "no longer exclusive", "2032", 2032, 2031, 27, 27.5, 1e-7, 1e300,
    "2026-04", "2026-04-24", "2025", True, False, "NO", "yes",
])
DATES = st.sampled_from(["2026", "2026-04", "2026-04-24", "2025-01-21", "2032", 2032, 2026])
SLUGS = mostly(st.sampled_from(["a", "b", "c", "stake"]), st.just("Bad Id"))


def claim_strategy():
    return mostly(st.fixed_dictionaries({
        "id": SLUGS,
        "topic": st.sampled_from(["ownership", "Ownership!", "licensing"]),
        "subject": st.sampled_from(["Acme", "Acme Corp.", "Widgets"]),
        "property": st.sampled_from(["stake", "stake in Widgets", "exclusivity"]),
        "value": mostly(VALUES, tricky_text | scalars),
        "statement": st.sampled_from(["s", "a statement", "[bold]x[/] \x1b[2J"]),
    }, optional={
        "unit": mostly(st.sampled_from(["%", "USD", "dollars"]), st.sampled_from(["", "\x1b", "EUR"])),
        "approx": mostly(st.booleans(), tricky_text),
        "as_of": mostly(DATES, tricky_text | st.integers(0, 3000)),
        "since": mostly(DATES, tricky_text | st.integers(0, 3000)),
        "until": mostly(DATES, tricky_text | st.integers(0, 3000)),
        "condition": mostly(st.sampled_from(["or until AGI", "if approved"]), tricky_text),
        "attribution": mostly(st.sampled_from(["Acme", "Widgets"]), tricky_text),
    }) | st.fixed_dictionaries({"id": SLUGS, "vaule": field_value}))


def source_strategy(source_id):
    return mostly(st.fixed_dictionaries({
        "id": source_id,
        "outlet": st.sampled_from(["Example Wire", "x"]),
        "title": st.just("t"),
        "published": mostly(st.sampled_from(["2026-04-24", "2026", "unknown", 2026]), tricky_text),
    }, optional={"url": tricky_text, "text": tricky_text}))


claim_files = st.fixed_dictionaries({
    "source": source_strategy(st.sampled_from(["s1", "s2", "s3", "s4"])),
    "claims": mostly(st.lists(claim_strategy(), min_size=1, max_size=5)),
})


@given(st.lists(claim_files, min_size=1, max_size=4))
def test_random_claim_structures_never_raise(files: list[dict]) -> None:
    texts = {f"f{i}.yaml": yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass")
             for i, data in enumerate(files)}
    load_texts(texts)


settings_documents = st.fixed_dictionaries({}, optional={
    "aliases": st.lists(st.lists(tricky_text, max_size=3) | scalars, max_size=3) | scalars,
    "matching": st.dictionaries(st.sampled_from(["threshold", "token_threshold", "other"]), scalars, max_size=3) | scalars,
    "numbers": st.dictionaries(st.sampled_from(["approx_margin", "other"]), scalars, max_size=2) | scalars,
})


@given(settings_documents, st.sampled_from(["_aliases.yaml", "_settings.yaml"]), st.lists(claim_files, max_size=2))
def test_random_settings_never_raise(document: dict, name: str, files: list[dict]) -> None:
    texts = {f"f{i}.yaml": yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass")
             for i, data in enumerate(files)}
    texts[name] = yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass")
    load_texts(texts)


any_value = (st.integers(-10**40, 10**40) | st.floats(allow_nan=False, allow_infinity=False) | st.booleans()
             | st.sampled_from(["27%", "$135 billion", "€4.2bn", "2026-04", "non-exclusive"]) | st.text(max_size=12))


@given(any_value, st.booleans())
def test_every_value_agrees_with_itself(raw: object, approx: bool) -> None:
    from factcheck.values import ValueError_, compare, parse_value

    text = repr(raw) if isinstance(raw, float) else str(raw)
    try:
        value = parse_value(raw, text, None, approx)
    except ValueError_:
        return  # refused with a message (e.g. out of range), which is fine
    assert compare(value, value).agree, value


# --- the fast loading path agrees with the full one --------------------------


def _both_paths_agree(text: str) -> None:
    from factcheck.loader import load_irregular, load_text
    from tests.test_yaml_paths import snapshot

    assert snapshot(load_text("f.yaml", text)) == snapshot(load_irregular("f.yaml", text))


@given(claim_files)
def test_fast_path_agrees_on_random_claim_files(data: dict) -> None:
    _both_paths_agree(yaml.safe_dump(data, allow_unicode=True))


@given(yaml_like_text)
def test_fast_path_agrees_on_yaml_like_text(text: str) -> None:
    _both_paths_agree(text)
