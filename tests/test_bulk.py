"""`bulk.maker` builds exactly what the data class's own constructor builds, and
`build_source` and `build_claim` (which pass every field by position) put each field in its place."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.bulk import maker
from factcheck.dates import PartialDate
from factcheck.loader.checking import build_claim, build_source
from factcheck.model import Claim, FieldPositions, Source
from factcheck.values import parse_value


def _fields(made: object) -> list[tuple[str, object, type]]:
    return [(f.name, getattr(made, f.name), type(getattr(made, f.name))) for f in dataclasses.fields(made)]


def test_a_made_claim_is_the_claim_its_constructor_makes() -> None:
    source = Source(id="s", outlet="O", title="T", published=PartialDate(2026), path="s.yaml", line=1, column=1)
    given = dict(source=source, id="c", topic="t", subject="S", property="p", value=parse_value("12", "12"),
                 statement="x", line=7, column=5, approx=True, as_of=PartialDate(2026, 4), since=None, until=None,
                 condition="if so", attribution=None, quote="q", raw_value=12, revises=True,
                 field_positions={"id": (7, 9), "value": (10, 12)})
    made, built = maker(Claim)(*given.values()), Claim(**given)
    assert type(made) is Claim and made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert _fields(made) == _fields(built) and made.ref == "s/c"
    assert type(made.field_positions) is FieldPositions and dict(made.field_positions) == given["field_positions"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.id = "d"  # type: ignore[misc]


def test_a_missing_field_is_refused_as_the_constructor_refuses_it() -> None:
    with pytest.raises(TypeError):
        maker(Claim)(id="c")


def test_build_claim_puts_each_checked_field_in_its_place() -> None:
    source = Source(id="s", outlet="O", title="T", published=None, path="s.yaml", line=1, column=1)
    values = {"id": "c", "topic": "t", "subject": "S", "property": "p", "value": "12", "unit": "m",
              "approx": True, "as_of": PartialDate(2024), "since": PartialDate(2025), "until": PartialDate(2026),
              "condition": "cond", "attribution": "attr", "revises": True, "statement": "st", "quote": "q"}
    value = parse_value("12", "12", "m")
    positions = {name: (n, n + 1) for n, name in enumerate(values, 2)}
    built = build_claim(source, values, value, 2, 3, positions)
    expected = Claim(source=source, id="c", topic="t", subject="S", property="p", value=value, statement="st",
                     line=2, column=3, approx=True, as_of=PartialDate(2024), since=PartialDate(2025),
                     until=PartialDate(2026), condition="cond", attribution="attr", quote="q", raw_value="12",
                     revises=True, field_positions=positions)
    assert _fields(built) == _fields(expected)


def test_build_source_puts_each_checked_field_in_its_place() -> None:
    values = {"id": "s", "outlet": "O", "title": "T", "published": PartialDate(2026, 4), "url": "https://x.test/a",
              "author": "A", "text": "body"}
    positions = {name: (n, n + 1) for n, name in enumerate(values, 2)}
    expected = Source(id="s", outlet="O", title="T", published=PartialDate(2026, 4), path="s.yaml", line=1,
                      column=3, url="https://x.test/a", author="A", text="body", field_positions=positions)
    assert _fields(build_source("s.yaml", values, 1, 3, positions)) == _fields(expected)
