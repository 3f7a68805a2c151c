"""JSON Schemas for editors, generated from the loaders' own field tables.

The loader (`SOURCE_FIELDS`, `CLAIM_FIELDS`), the review and coverage readers
(`ENTRY_FIELDS`) and the settings reader (`_NUMERIC`) are the one source of
truth: a field added there appears here. The committed copies in `schema/`
are checked by a test to equal what this module generates.

A schema catches what an editor can show while typing (unknown and missing
fields, types, slugs, date shapes, verdicts). What needs the whole file or the
corpus (duplicate ids, impossible days, unit conflicts) stays the loader's:
`factcheck validate` remains the authority.
"""

from __future__ import annotations

import json

from .loader import CLAIM_FIELDS, MAX_TEXT_CHARS, SOURCE_FIELDS, FieldSpec
from .settings import _NUMERIC

BASE_URL = "https://factcheck.invalid/schema/"  # an id, never fetched: editors are pointed at the file
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The loader reads any scalar but a boolean or null as text: `title: 2026` is the text "2026".
_TEXT = {"type": ["string", "number"], "maxLength": MAX_TEXT_CHARS}
_REQUIRED_TEXT = {"type": ["string", "number"], "maxLength": MAX_TEXT_CHARS, "pattern": r"\S"}
_PLAIN_DATE = r"[0-9]{4}(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12][0-9]|3[01]))?)?"
_EDTF_DATE = r"[0-9X]{4}(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12][0-9]|3[01]|XX))?)?[?~%]?"  # EDTF level 1: qualifiers, X digits
_DATE_PATTERN = (rf"^\s*({_PLAIN_DATE}|{_EDTF_DATE}|({_EDTF_DATE}|\.\.)?/({_EDTF_DATE}|\.\.)?)\s*$")
_DATE = {
    "description": "YYYY, YYYY-MM or YYYY-MM-DD, or EDTF level 1 (2026-04-27?, 2026-04~, 2026-04-06/2026-04-27)",
    "anyOf": [
        {"type": "string", "pattern": _DATE_PATTERN},
        {"type": "integer", "minimum": 1, "maximum": 9999},
    ],
}
_KIND_SCHEMAS: dict[str, dict] = {
    "slug": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$", "maxLength": MAX_TEXT_CHARS,
             "description": "a slug: lowercase letters, digits and hyphens"},
    "date": _DATE,
    "published": {
        "description": "YYYY, YYYY-MM or YYYY-MM-DD, EDTF level 1, or the word unknown",
        "anyOf": [*_DATE["anyOf"], {"const": "unknown"}],
    },
    "value": {"type": ["string", "number", "boolean"], "maxLength": MAX_TEXT_CHARS,
              "description": "text, a number (with a unit: 27%, $135 billion), true/false or a date"},
    "bool": {"type": "boolean"},
}


def _field_schema(spec: FieldSpec) -> dict:
    if spec.kind == "text":
        schema = dict(_REQUIRED_TEXT if spec.required else _TEXT)
    else:
        schema = dict(_KIND_SCHEMAS[spec.kind])
    if not spec.required and spec.kind not in ("bool", "value", "slug"):
        # an optional field left empty (`url:`) is allowed and means "not given"
        schema = {"anyOf": [schema, {"type": "null"}]} if "anyOf" not in schema else {
            **schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return schema


def _object(fields: dict[str, FieldSpec]) -> dict:
    return {
        "type": "object",
        "properties": {name: _field_schema(spec) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def claims_schema() -> dict:
    """A claim file: one `source` mapping and a non-empty `claims` list."""
    return {
        "$schema": DRAFT,
        "$id": BASE_URL + "claims.schema.json",
        "title": "factcheck claim file",
        "description": "One source and the claims curated from it. `factcheck validate` checks the rest.",
        "type": "object",
        "properties": {
            "source": _object(SOURCE_FIELDS),
            "claims": {"type": "array", "minItems": 1, "items": _object(CLAIM_FIELDS)},
        },
        "required": ["source", "claims"],
        "additionalProperties": False,
    }


def _entry_list(name: str, section: str, fields: dict[str, dict], required: tuple[str, ...], description: str) -> dict:
    return {
        "$schema": DRAFT,
        "$id": BASE_URL + f"{name}.schema.json",
        "title": f"factcheck _{name}.yaml",
        "description": description,
        "type": "object",
        "properties": {section: {"type": ["array", "null"], "items": {
            "type": "object", "properties": fields, "required": list(required), "additionalProperties": False}}},
        "required": [section],
        "additionalProperties": False,
    }


def resolutions_schema() -> dict:
    from .resolutions import ENTRY_FIELDS, REQUIRED_FIELDS, VERDICTS

    fields: dict[str, dict] = {name: dict(_REQUIRED_TEXT) for name in ENTRY_FIELDS}
    fields["verdict"] = {"enum": list(VERDICTS)}
    fields["date"] = _DATE
    fields["claims"] = {"type": "array", "items": {"type": "string"}}
    return _entry_list("resolutions", "resolutions", fields, REQUIRED_FIELDS,
                       "Reviews of findings, written by `factcheck resolve`.")


def coverage_schema() -> dict:
    from .explanations import ENTRY_FIELDS

    fields = {name: dict(_REQUIRED_TEXT) for name in ENTRY_FIELDS}
    return _entry_list("coverage", "explained", fields, ENTRY_FIELDS,
                       "Article sentences that need no claim, and why (`factcheck verify --coverage`).")


def aliases_schema() -> dict:
    return {
        "$schema": DRAFT,
        "$id": BASE_URL + "aliases.schema.json",
        "title": "factcheck _aliases.yaml",
        "description": "Groups of names that mean the same thing, first one canonical; "
                       "and pairs of names dismissed as possible matches (`factcheck matches --dismiss`).",
        "type": "object",
        "properties": {
            "aliases": {"type": ["array", "null"], "items": {
                "type": "array", "minItems": 2, "items": {"type": ["string", "number", "boolean"]}}},
            "distinct": {"type": ["array", "null"], "items": {
                "type": "array", "minItems": 2, "maxItems": 2, "items": {"type": ["string", "number", "boolean"]}}},
        },
        "additionalProperties": False,
        "anyOf": [{"required": ["aliases"]}, {"required": ["distinct"]}],
    }


def settings_schema() -> dict:
    sections: dict[str, dict] = {}
    for (section, name), (_attribute, low, high) in _NUMERIC.items():
        entry = sections.setdefault(section, {"type": "object", "properties": {}, "additionalProperties": False})
        entry["properties"][name] = {"type": "number", "minimum": low, "maximum": high}
    return {
        "$schema": DRAFT,
        "$id": BASE_URL + "settings.schema.json",
        "title": "factcheck _settings.yaml",
        "description": "Overrides of the documented matching and number defaults.",
        "type": "object",
        "properties": sections,
        "additionalProperties": False,
    }


SCHEMAS = {
    "claims": claims_schema,
    "resolutions": resolutions_schema,
    "coverage": coverage_schema,
    "aliases": aliases_schema,
    "settings": settings_schema,
}


def schema_text(name: str) -> str:
    """The schema as the committed file holds it: 2-space JSON, keys in table order, final newline."""
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"
