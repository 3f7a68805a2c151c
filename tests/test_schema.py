"""The published JSON Schemas: generated from the loader's field tables, committed, and true to the loader."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.loader import CLAIM_FIELDS, SOURCE_FIELDS, load_file
from factcheck.schema import SCHEMAS, schema_text
from factcheck.yamlread import MAP, SEQ, Node, read_yaml

ROOT = Path(__file__).parent.parent
CLAIMS = ROOT / "claims"
MALFORMED = Path(__file__).parent / "fixtures" / "malformed"
runner = CliRunner()

# Fixtures whose problem a schema cannot see, and why. Every other fixture must be rejected.
NOT_FOR_A_SCHEMA = {
    "alias-bomb.yaml": "YAML reader limit",
    "alias-loop.yaml": "YAML reader limit",
    "binary-tag.yaml": "tags are refused by the reader",
    "binary.yaml": "not text",
    "control-character.yaml": "not valid YAML",
    "duplicate-claim-id.yaml": "uniqueness of a field across list items",
    "duplicate-key.yaml": "the YAML reader's job",
    "duplicate-source-id.yaml": "uniqueness across files",
    "impossible-date-day.yaml": "days in a month need a calendar",
    "invalid-utf8.yaml": "not text",
    "key-not-text.yaml": "not valid for the reader",
    "number-too-large.yaml": "the size of a number written as text",
    "python-name.yaml": "tags are refused by the reader",
    "python-object-apply-open.yaml": "tags are refused by the reader",
    "python-object-apply.yaml": "tags are refused by the reader",
    "syntax-error.yaml": "not valid YAML",
    "tab-indent.yaml": "not valid YAML",
    "too-many-aliases.yaml": "YAML reader limit",
    "two-documents.yaml": "the YAML reader's job",
}


def plain(node: Node | None) -> object:
    """The data an editor's YAML 1.2 reader sees, typed by the project's own reader."""
    if node is None:
        return None
    if node.kind == MAP:
        return {name: plain(value) for name, (_key, value) in node.value.items()}
    if node.kind == SEQ:
        return [plain(item) for item in node.value]
    return node.value


def data_of(path: Path) -> object:
    root, problems = read_yaml(str(path), path.read_text(encoding="utf-8"))
    assert problems == [], problems
    return plain(root)


@functools.cache  # checking a schema against the metaschema is most of the cost; validators keep no state
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_the_generated_one(name):
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), f"run: factcheck schema {name} -o schema/{name}.schema.json"


def test_schema_command_prints_the_claims_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema_text("claims")
    assert runner.invoke(app, ["schema", "_resolutions.yaml"]).stdout == schema_text("resolutions")


def test_schema_command_refuses_an_unknown_name():
    result = runner.invoke(app, ["schema", "claim-files"])
    assert result.exit_code == 2
    assert "no schema named 'claim-files'; choose from claims, resolutions, coverage, aliases, settings" in result.stderr


def test_schema_fields_are_the_loaders_fields():
    schema = SCHEMAS["claims"]()
    source, claims = schema["properties"]["source"], schema["properties"]["claims"]["items"]
    assert list(source["properties"]) == list(SOURCE_FIELDS)
    assert list(claims["properties"]) == list(CLAIM_FIELDS)
    assert claims["required"] == [name for name, spec in CLAIM_FIELDS.items() if spec.required]
    assert "statement" in claims["required"]


@pytest.mark.parametrize("path", sorted(str(p.relative_to(CLAIMS)) for p in CLAIMS.rglob("*.y*ml")))
def test_schema_accepts_every_file_in_the_corpus(path):
    name = {"_resolutions": "resolutions", "_coverage": "coverage",
            "_aliases": "aliases", "_settings": "settings"}.get(Path(path).stem, "claims")
    errors = [e.message for e in validator(name).iter_errors(data_of(CLAIMS / path))]
    assert errors == []


def malformed_fixtures() -> list[str]:
    return sorted(p.name for p in MALFORMED.glob("*.yaml"))


def test_every_malformed_fixture_is_classified():
    assert set(NOT_FOR_A_SCHEMA) <= set(malformed_fixtures())


@pytest.mark.parametrize("name", [n for n in malformed_fixtures() if n not in NOT_FOR_A_SCHEMA])
def test_schema_rejects_malformed_fixture(name):
    path = MALFORMED / name
    assert load_file(path, name).diagnostics, "the loader rejects it too"
    errors = list(validator("claims").iter_errors(data_of(path)))
    assert errors, f"{name} passes the schema"


@pytest.mark.parametrize("name", sorted(NOT_FOR_A_SCHEMA))
def test_fixtures_beyond_a_schema_are_still_caught_by_the_loader(tmp_path, name):
    from factcheck.loader import load_corpus

    for path in [MALFORMED / name, *sorted((MALFORMED / "corpus").glob("*.yaml"))]:
        (tmp_path / path.name).write_bytes(path.read_bytes())  # duplicate ids need the other files
    problems = [d for d in load_corpus(tmp_path).diagnostics if d.path.endswith(name)]
    assert problems


@pytest.mark.parametrize("settings_file, text", [
    ("resolutions", "resolutions:\n  - id: con-1\n    verdict: maybe\n    note: x\n    by: me\n    date: 2026-01-01\n"),
    ("resolutions", "resolutions:\n  - id: con-1\n    verdict: open\n"),
    ("coverage", "explained: 3\n"),
    ("aliases", "aliases:\n  - [HQ]\n"),
    ("settings", "matching:\n  threshold: 120\n"),
    ("settings", "numbers:\n  margin: 0.1\n"),
])
def test_settings_schemas_reject_what_the_readers_reject(tmp_path, settings_file, text):
    from factcheck.loader import load_corpus
    from factcheck.explanations import read_explanations
    from factcheck.resolutions import read_resolutions
    from factcheck.settings import settings_from_corpus

    (tmp_path / f"_{settings_file}.yaml").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    problems = settings_from_corpus(corpus)[1] + read_resolutions(corpus)[1] + read_explanations(corpus)[1]
    assert problems
    root, _ = read_yaml("x", text)
    assert list(validator(settings_file).iter_errors(plain(root)))


def test_the_readme_example_and_a_filled_in_skeleton_pass_the_schema():
    import re

    from factcheck.skeleton import skeleton

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if b.startswith("source:"))
    root, _ = read_yaml("README.md", example)
    assert list(validator("claims").iter_errors(plain(root))) == []
    filled = skeleton("Acme Corp sells its widget unit\n\nAcme sold 40% of its widget unit.\n", "a.txt")
    for name, value in (("id", "acme-1"), ("outlet", "Acme News"), ("published", "2026-01-02"), ("topic", "t"),
                        ("subject", "Acme"), ("property", "p"), ("statement", "s"), ("url", "https://x.org"),
                        ("author", "A")):
        filled = re.sub(rf"(?m)^(\s*(?:- )?){name}:[ \t]*(#.*)?$", rf"\g<1>{name}: {value}", filled, count=2)
    root, problems = read_yaml("new.yaml", filled)
    assert problems == [] and list(validator("claims").iter_errors(plain(root))) == []
