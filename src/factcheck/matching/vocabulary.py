"""The word lists matching reads names with: stop, measuring, corporate, company and scope words, synonyms."""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    "a an the of to for in on at by with from and or its it is are as per into about over was were be been "
    "so far this that".split()
)
# Words that say how a quantity is measured, not what: `number of employees` is `employees`.
MEASURE_WORDS = frozenset("number count amount total tally figure overall estimated person".split())
CORPORATE_SUFFIXES = frozenset(
    "corp corporation inc incorporated ltd limited llc plc co company gmbh ag sa nv bv holdings holding group "
    "se spa".split()
)
# Words that complete a company's name: `Vantor` may be short for `Vantor Energy`.
COMPANY_WORDS = frozenset(
    "energy power telecom telecommunications communications technologies technology tech systems solutions "
    "networks financial capital partners industries international global labs motors airlines airways "
    "pharmaceuticals pharma health healthcare media entertainment foods resources mining oil gas petroleum "
    "electric utilities insurance brands retail software semiconductor therapeutics biotech ventures "
    "enterprises bank mobile".split()
)
# Words that narrow a quantity's scope: never dropped, never an "extra word".
SCOPE_WORDS = frozenset(
    "additional extra new former previous prior current net gross operating annual quarterly monthly weekly "
    "daily hourly prepaid postpaid initial final interim planned proposed expected projected forecast target "
    "remaining outstanding cumulative average median maximum minimum peak domestic international foreign "
    "local regional national global first second third fourth last next phase stage tranche round half "
    "quarter insured uninsured paid unpaid added lost gained not non no without only adult child male female "
    "hot cold direct indirect public private".split()
)
# A small, domain-neutral synonym table for the nouns news claims use most:
# each word on the right is read as the word on the left. Extend per corpus in `_aliases.yaml`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "person": ("people", "individual", "victim", "persons"),
    "employee": ("staff", "workforce", "headcount", "worker", "staffer"),
    "seller": ("vendor",),
    "price": ("pricetag",),
    "stake": ("holding", "shareholding"),
    "revenue": ("sales", "turnover", "sale"),
    "customer": ("client", "customer base", "client base"),
    "subscriber": ("subscriber base",),
    "user": ("user base",),
    "ceo": ("chief executive officer", "chief executive", "chief exec"),
    "cfo": ("chief financial officer",),
    "fine": ("penalty",),
    "death": ("fatality", "dead", "killed", "death toll", "toll"),
    "injury": ("injured",),
    "layoff": ("job cut", "cut job", "job to be cut"),
    "acquisition": ("takeover",),
    "loss": ("losses",),
    "damage": ("damages",),
    "affected": ("hit", "impacted"),
}
# Every single word the synonym table reads, either side.
SYNONYM_WORDS = frozenset(v for variants in SYNONYMS.values() for v in variants if " " not in v) | frozenset(SYNONYMS)
# A year in a name (`2024 Acme data breach`) keeps it apart like a scope word.
YEAR_RE = re.compile(r"(?:19|20)\d\d")
