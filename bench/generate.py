"""Synthetic claim corpora that look like real ones, for the benchmark.

A corpus is built from *facts* (one subject, one property, one true value).
Each fact is reported by several sources, each in its own wording:

- subjects are invented company names, written with or without a corporate
  suffix (`Quorvent`, `Quorvent Inc.`);
- properties come from a shared vocabulary with place, product and partner
  words that must never be merged (`headcount in Germany` is not
  `headcount in France`), worded in several ways that do match
  (`Germany headcount`, British and American spelling, plurals);
- values are numbers (units, thousands separators, scale words, hedges),
  dates of different precision, text (with negation) and booleans.

Every fact follows one scenario, so the corpus yields findings of every kind:
all sources agree (corroborated), one source states another value
(contradiction), a later source reports a change with `since` (superseded),
or one source adds an `until`/`condition` (condition). Some sources are
undated (`published: unknown`); a few facts are reported by very many sources
(a big group) and a few subjects are very popular (many properties).

Claims are shuffled into source files of 5 to 20 claims. The output depends
only on the size and the seed.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from factcheck.writes import atomic_write

PLACES = (
    "Germany", "France", "Spain", "Italy", "Poland", "Sweden", "Norway", "Denmark", "Finland",
    "Austria", "Australia", "Ireland", "Portugal", "Greece", "Japan", "Korea", "India", "Brazil",
    "Mexico", "Canada", "Chile", "Peru", "Kenya", "Nigeria", "Egypt", "Turkey", "Vietnam",
    "Indonesia", "Singapore", "Texas", "Ohio", "Bavaria", "Scotland", "Wales", "Quebec", "Ontario",
)
CITIES = (
    "Berlin", "Lyon", "Austin", "Osaka", "Toronto", "Dublin", "Lisbon", "Seoul", "Denver",
    "Munich", "Leeds", "Porto", "Nairobi", "Boston", "Oslo", "Krakow",
)
FIRST_NAMES = ("Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jon", "Kira", "Luis", "Mara", "Nils")
LAST_NAMES = ("Adler", "Baptiste", "Chen", "Duarte", "Eriksen", "Fischer", "Okafor", "Haas", "Ivanova", "Kowalski", "Moreau", "Nakamura")
_SYLLABLES = ("ka", "lo", "ver", "dra", "mi", "nex", "tor", "qua", "zen", "bri", "sol", "vy", "ran", "tek", "om", "pha", "lu", "cor")
_SUFFIXES = ("", "", "", " Inc.", " Corp.", " Ltd", " Holdings", " plc")


@dataclass(frozen=True)
class Template:
    """A property of the shared vocabulary, worded several ways that all match."""

    topic: str
    wordings: tuple[str, ...]       # `{x}` is a place, product or partner name
    slot: str | None                # "place", "product", "partner" or None
    kind: str                       # "count", "money", "percent", "date", "person", "city", "exclusivity", "bool"


TEMPLATES = (
    Template("workforce", ("headcount in {x}", "{x} headcount", "Headcount in {x}"), "place", "count"),
    Template("workforce", ("job cuts in {x}", "{x} job cuts", "job cut in {x}"), "place", "count"),
    Template("operations", ("data centres in {x}", "{x} data centres", "data centre in {x}"), "place", "small"),
    Template("operations", ("headquarters city", "headquarters, city", "Headquarters city"), None, "city"),
    Template("finance", ("annual revenue", "revenue, annual", "annual revenues"), None, "money"),
    Template("finance", ("valuation", "Valuation"), None, "money"),
    Template("finance", ("operating margin", "margin, operating", "operating margins"), None, "percent"),
    Template("finance", ("stake in {x}", "{x} stake", "stake in {x}"), "partner", "percent"),
    Template("markets", ("market share in {x}", "{x} market share", "share of the {x} market"), "place", "percent"),
    Template("products", ("launch date of {x}", "{x} launch date", "launch date for {x}"), "product", "date"),
    Template("products", ("price of {x}", "{x} price", "price for {x}"), "product", "money"),
    Template("leadership", ("chief executive", "Chief Executive"), None, "person"),
    Template("leadership", ("chief financial officer", "Chief Financial Officer"), None, "person"),
    Template("partnerships", ("cloud licence with {x}, exclusivity", "exclusivity of the {x} cloud license",
                              "cloud license with {x}, exclusivity"), "partner", "exclusivity"),
    Template("regulation", ("antitrust probe in {x}, open", "open antitrust probe in {x}"), "place", "bool"),
)

SCENARIOS = (("agree", 50), ("contradiction", 20), ("superseded", 15), ("condition", 15))


@dataclass
class ClaimSpec:
    topic: str
    subject: str
    property: str
    value: object
    statement: str
    unit: str | None = None
    approx: bool = False
    as_of: str | None = None
    since: str | None = None
    until: str | None = None
    condition: str | None = None
    attribution: str | None = None
    fact: tuple = ()  # the fact it reports (subject, property, slot): not written to the file


@dataclass
class SourceSpec:
    id: str
    outlet: str
    title: str
    published: str
    claims: list[ClaimSpec] = field(default_factory=list)


def _company(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if name not in taken and len(name) >= 4:
            taken.add(name)
            return name


def _product(rng: random.Random, company: str) -> str:
    return f"{company} {rng.choice(('Nova', 'Atlas', 'Pulse', 'Vertex', 'Echo', 'Orbit'))} {rng.randint(2, 19)}"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


class _Fact:
    """One subject, one property and the values sources will report."""

    def __init__(self, rng: random.Random, template: Template, subject: str, slot_value: str) -> None:
        self.rng = rng
        self.template = template
        self.subject = subject
        self.slot_value = slot_value
        self.key = (subject, template.wordings[0], slot_value)
        self.base = self._base_value()

    def property_text(self) -> str:
        return self.rng.choice(self.template.wordings).replace("{x}", self.slot_value)

    def subject_text(self) -> str:
        return self.subject + self.rng.choice(_SUFFIXES)

    def _base_value(self) -> object:
        rng, kind = self.rng, self.template.kind
        if kind == "small":
            return rng.randint(1, 40)
        if kind == "count":
            return rng.choice((rng.randint(2, 90), rng.randint(1, 60) * 100, rng.randint(1, 40) * 1000))
        if kind == "money":
            return round(rng.uniform(0.2, 90.0), 1)  # billions
        if kind == "percent":
            return rng.randint(2, 60)
        if kind == "date":
            return _day(rng, date(2024, 1, 1), date(2027, 12, 31))
        if kind == "person":
            return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if kind == "city":
            return rng.choice(CITIES)
        if kind == "exclusivity":
            return rng.random() < 0.5  # True: exclusive
        return rng.random() < 0.5  # bool

    def other_value(self) -> object:
        """A value that clearly disagrees with the base value."""
        rng, kind, base = self.rng, self.template.kind, self.base
        if kind in ("count", "small"):
            return base * 2 + 7 if base < 100 else base + max(200, base // 2)
        if kind == "money":
            return round(base * 1.5 + 1, 1)
        if kind == "percent":
            return base + rng.randint(6, 15)
        if kind == "date":
            return base + timedelta(days=rng.randint(70, 400))
        if kind == "person":
            while True:
                other = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                if other != base:
                    return other
        if kind == "city":
            return rng.choice([c for c in CITIES if c != base])
        return not base

    def write(self, value: object) -> tuple[object, str | None, bool, str]:
        """One source's wording of a value: (YAML value, unit, approx, text for the statement)."""
        rng, kind = self.rng, self.template.kind
        if kind in ("count", "small"):
            style = rng.random()
            if style < 0.3:
                return value, None, False, f"{value:,}"
            if style < 0.6:
                return f"{value:,}", None, False, f"{value:,}"
            if style < 0.8 and value >= 1000 and value % 1000 == 0:
                return f"{value // 1000} thousand", None, False, f"{value // 1000} thousand"
            return value, None, True, f"about {value:,}"
        if kind == "money":
            style = rng.random()
            if style < 0.4:
                return f"${value} billion", None, False, f"${value} billion"
            if style < 0.7:
                return f"{value}bn", "USD", False, f"{value} billion dollars"
            if style < 0.85:
                return f"{value * 1000:,.0f} million", "$", False, f"${value * 1000:,.0f} million"
            return f"${value} billion", None, True, f"roughly ${value} billion"
        if kind == "percent":
            style = rng.random()
            if style < 0.5:
                return f"{value}%", None, False, f"{value}%"
            if style < 0.8:
                return value, "percent", False, f"{value} percent"
            return f"{value}%", None, True, f"around {value}%"
        if kind == "date":
            assert isinstance(value, date)
            style = rng.random()
            if style < 0.6:
                return value, None, False, value.strftime("%d %B %Y").lstrip("0")
            return f"{value.year}-{value.month:02d}", None, False, value.strftime("%B %Y")
        if kind in ("person", "city"):
            return value, None, False, str(value)
        if kind == "exclusivity":
            if value:
                text = rng.choice(("exclusive", "exclusive", "remains exclusive"))
            else:
                text = rng.choice(("non-exclusive", "not exclusive", "no longer exclusive", "nonexclusive"))
            return text, None, False, text
        return bool(value), None, False, "yes" if value else "no"

    def statement(self, subject: str, prop: str, shown: str) -> str:
        return f"The {prop} of {subject} is {shown}."


def _claims_for_fact(fact: _Fact, scenario: str, reports: int, rng: random.Random) -> list[tuple[ClaimSpec, str]]:
    """The claims of one fact, each tagged with the date its source must not precede (or "")."""
    out: list[tuple[ClaimSpec, str]] = []
    template = fact.template
    held = _day(rng, date(2024, 1, 1), date(2025, 6, 30))
    changed = held + timedelta(days=rng.randint(60, 300))
    odd_one = rng.randrange(reports)
    for index in range(reports):
        value = fact.base
        spec_kwargs: dict = {}
        if scenario == "contradiction" and index == odd_one:
            value = fact.other_value()
        if scenario == "superseded":
            if index < max(1, reports // 2):
                spec_kwargs["as_of"] = f"{held.year}-{held.month:02d}"
            else:
                value = fact.other_value()
                spec_kwargs["since"] = changed.isoformat()
        if scenario == "condition" and index == odd_one:
            if rng.random() < 0.5:
                spec_kwargs["until"] = str(rng.randint(2027, 2035))
            else:
                spec_kwargs["condition"] = rng.choice((
                    "subject to regulatory approval", "unless the partner is acquired",
                    "if the board approves the plan", "pending a court ruling"))
        if rng.random() < 0.1:
            spec_kwargs["attribution"] = rng.choice(("a company spokesperson", "two people familiar with the matter",
                                                     "a regulatory filing", "the chief executive"))
        raw, unit, approx, shown = fact.write(value)
        subject, prop = fact.subject_text(), fact.property_text()
        claim = ClaimSpec(template.topic, subject, prop, raw, fact.statement(subject, prop, shown),
                          unit=unit, approx=approx, fact=fact.key, **spec_kwargs)
        out.append((claim, spec_kwargs.get("since", "")))
    return out


def build_corpus(claims: int, seed: int = 1) -> list[SourceSpec]:
    """The sources of a corpus of about `claims` claims (exactly, when claims >= 20)."""
    rng = random.Random(seed)
    taken: set[str] = set()
    subject_count = max(4, claims // 45)
    subjects = [_company(rng, taken) for _ in range(subject_count)]
    partners = [_company(rng, taken) for _ in range(max(4, subject_count // 10))]
    products = {s: [_product(rng, s) for _ in range(3)] for s in subjects}
    # A few very popular subjects (Zipf-like), most with a handful of facts.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(subject_count)]
    used: set[tuple] = set()
    pending: list[tuple[ClaimSpec, str]] = []
    scenario_names = [s for s, _ in SCENARIOS]
    scenario_weights = [w for _, w in SCENARIOS]
    big_groups = max(1, claims // 20000)
    while len(pending) < claims:
        subject = rng.choices(subjects, weights)[0]
        template = rng.choice(TEMPLATES)
        slot = {"place": lambda: rng.choice(PLACES), "partner": lambda: rng.choice(partners),
                "product": lambda: rng.choice(products[subject]), None: lambda: ""}[template.slot]()
        key = (subject, template.wordings[0], slot)
        if key in used:
            continue
        used.add(key)
        fact = _Fact(rng, template, subject, slot)
        scenario = rng.choices(scenario_names, scenario_weights)[0]
        reports = rng.randint(2, 6)
        if big_groups and claims >= 1000:
            reports, big_groups = 150, big_groups - 1
        pending.extend(_claims_for_fact(fact, scenario, reports, rng))
    del pending[claims:]
    rng.shuffle(pending)

    outlets = ("Reuters", "Bloomberg", "Financial Times", "The Verge", "Handelsblatt", "Le Monde", "Nikkei",
               "TechCrunch", "The Information", "Wired", "El País", "Trade Weekly", "Company filing", "Press release")
    sources: list[SourceSpec] = []
    position = 0
    while position < len(pending):
        size = rng.randint(5, 20)
        chunk = pending[position:position + size]
        position += size
        number = len(sources) + 1
        latest_since = max((since for _c, since in chunk), default="")
        if rng.random() < 0.04 and not latest_since:
            published = "unknown"
        else:
            day = _day(rng, date(2024, 1, 1), date(2026, 12, 31))
            if latest_since and day.isoformat() < latest_since:
                day = date.fromisoformat(latest_since) + timedelta(days=rng.randint(0, 30))
            published = day.isoformat()
        outlet = rng.choice(outlets)
        slug = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")
        source = SourceSpec(f"{slug}-{number:06d}", outlet, f"Industry roundup number {number}", published,
                            [claim for claim, _since in chunk])
        sources.append(source)
    return sources


# --- writing YAML by hand: the way curators write it, and fast --------------

_PLAIN_RE = re.compile(r"[A-Za-z0-9$€][A-Za-z0-9 ,.%$€()'-]*[A-Za-z0-9.%)]|[A-Za-z0-9]")


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_RE.fullmatch(text) and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "~"):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def source_yaml(source: SourceSpec) -> str:
    lines = [
        "source:",
        f"  id: {source.id}",
        f"  outlet: {_scalar(source.outlet)}",
        f"  title: {_scalar(source.title)}",
        f"  published: {source.published}",
        "claims:",
    ]
    for index, claim in enumerate(source.claims, 1):
        lines.append(f"  - id: claim-{index:02d}")
        lines.append(f"    topic: {claim.topic}")
        lines.append(f"    subject: {_scalar(claim.subject)}")
        lines.append(f"    property: {_scalar(claim.property)}")
        lines.append(f"    value: {_scalar(claim.value)}")
        for name in ("unit", "as_of", "since", "until", "condition", "attribution"):
            field_value = getattr(claim, name)
            if field_value is not None:
                lines.append(f"    {name}: {_scalar(field_value)}")
        if claim.approx:
            lines.append("    approx: true")
        lines.append(f"    statement: {_scalar(claim.statement)}")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, claims: int, seed: int = 1) -> int:
    """Write a corpus of `claims` claims into `folder` (emptied first). Returns the number of files."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sources = build_corpus(claims, seed)
    for source in sources:
        year = source.published[:4] if source.published != "unknown" else "undated"
        target = folder / year
        target.mkdir(exist_ok=True)
        atomic_write(target / f"{source.id}.yaml", source_yaml(source))
    return len(sources)


# --- one big group, or the same claims spread over many -------------------

ONE_GROUP_PER_FILE = 100  # 20,000 claims in one file would pass the 2 MiB limit


def write_one_group(folder: Path, claims: int, distinct: bool, seed: int = 1) -> int:
    """`claims` claims on one subject and property, 100 to a file: all distinct
    numbers (every pair disagrees) or all the same number (every pair agrees).
    Sources are published on days spread over two years. Returns the number of files."""
    return write_groups(folder, claims, 1, distinct, seed)


def write_groups(folder: Path, claims: int, groups: int, distinct: bool, seed: int = 1) -> int:
    """As `write_one_group`, with claim i on the subject of group i mod `groups` (invented
    company names, all different; the property is always `headcount`): the same files,
    values and dates, so a run on one group compares with a run on many."""
    rng = random.Random(seed)
    names = random.Random(seed + 1)  # its own stream: one group's files stay as they were
    taken: set[str] = set()
    subjects = ["Quorvent"] if groups == 1 else [_company(names, taken) for _ in range(groups)]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = 0
    for start in range(0, claims, ONE_GROUP_PER_FILE):
        files += 1
        day = _day(rng, date(2024, 1, 1), date(2025, 12, 31))
        lines = ["source:", f"  id: wire-{files:06d}", "  outlet: Wire", f"  title: Roundup {files}",
                 f"  published: {day.isoformat()}", "claims:"]
        for index in range(start, min(claims, start + ONE_GROUP_PER_FILE)):
            value = 1000 + 10 * index if distinct else 4200
            subject = subjects[index % groups]
            lines += [f"  - id: claim-{index:06d}", "    topic: workforce", f"    subject: {subject}",
                      "    property: headcount", f"    value: {value}",
                      f"    statement: {subject} employs {value} people"]
        atomic_write(folder / f"wire-{files:06d}.yaml", "\n".join(lines) + "\n")
    return files
