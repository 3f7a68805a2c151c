"""Possible matches: groups that may be about the same thing but were not matched.

Matching joins two names only on strong evidence (`factcheck.matching`). Every
other pair of groups that looks alike is scored here and, above
`matching.propose` (default `DEFAULT_PROPOSE_THRESHOLD`), listed in the report
with its evidence, so that nothing is merged on a guess and nothing is lost
without a trace. A curator accepts one (an alias in `_aliases.yaml`) or
dismisses it (`distinct:` in the same file): `factcheck matches`.

The score (0-100) adds up, with these weights:
- names (45): rapidfuzz similarity of the two names as matching reads them
  (word sets) and as written; for a pair whose subjects and properties both
  differ, of the subject and property together;
- values (30): same kind; numbers in the same unit score by how close they
  are (agreeing values score fully), texts by similarity, dates and booleans
  when equal;
- subject (10): the same subject (1), a shared word (1/2);
- topic (10): the same topic;
- dates (5): dated within a month of each other.

Which pairs are scored at all, and what that costs: `factcheck.possible_pairs`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Sequence

from rapidfuzz import fuzz

from .identity import remember
from .matching import Group, NameMatching
from .model import Claim
from .possible_pairs import apart, candidate_pairs
from .settings import Settings
from .values.text import normalise

_topic_key = lru_cache(maxsize=4096)(normalise)

WEIGHTS = {"names": 45, "values": 30, "subject": 10, "topic": 10, "dates": 5}


@dataclass(frozen=True, slots=True)
class PossibleMatch:
    """Two groups that may be about the same thing; `names` are the wordings that differ."""

    id: str
    kind: str                               # "subject", "property" or "subject and property"
    names: tuple[str, str]
    subject: str | None                     # the shared subject of a property pair
    property: str | None                    # the shared property of a subject pair
    sides: tuple[tuple[str, ...], tuple[str, ...]]   # claim refs of each group
    score: float
    evidence: tuple[tuple[str, str], ...]   # (what, how it compares), e.g. ("values", "equal: 4.2 million")

    @property
    def alias(self) -> tuple[str, str] | None:
        """What accepting it writes to `_aliases.yaml`; None when both subject and property differ."""
        return None if self.kind == "subject and property" else self.names


def match_id(kind: str, names: tuple[str, str]) -> str:
    """Stable across runs and file order: the two wordings, in either order."""
    a, b = sorted(n.casefold() for n in names)
    digest = hashlib.sha256(f"{kind}\x1f{a}\x1f{b}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"pm-{digest[:10]}"


class _once:
    """A property worked out on first use and then kept in the instance: functools.cached_property
    without the lock Python 3.11 takes on each first use (a tenth of the whole work here)."""

    def __init__(self, work_out) -> None:
        self.work_out, self.name = work_out, work_out.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.work_out(instance)
        return value


@dataclass(eq=False)
class _Info:
    """One group as scoring reads it. Blocking reads the fields of every group; the cached
    properties are worked out only for the few groups that a candidate pair reaches."""

    group: Group
    subject_key: frozenset[str]
    property_key: frozenset[str]
    cluster: int
    words: frozenset[str]
    property_text: str      # property words, for blocking within a subject
    names: frozenset[str]   # proper nouns and numbers: a different one on each side keeps groups apart
    known: frozenset[str]   # words and names

    @_once
    def text(self) -> str:
        """Subject and property words, for blocking across subjects."""
        return " ".join(sorted(self.words))

    @_once
    def subject_text(self) -> str:
        return " ".join(sorted(self.subject_key))

    @_once
    def topics(self) -> frozenset[str]:
        return frozenset(map(_topic_key, set(map(_TOPIC, self.group.claims))))

    @_once
    def values(self) -> tuple:
        """The first four claims' values, each object once (the same value twice scores the same)."""
        return tuple({id(v): v for v in map(_VALUE, self.group.claims[:4])}.values())

    @_once
    def days(self) -> tuple[int, ...]:
        """The claims' dates as day numbers (date.toordinal)."""
        return tuple(sorted({d.toordinal() for d in map(_day, self.group.claims) if d is not None}))


def possible_matches(groups: Sequence[Group], claims: Sequence[Claim], matching: NameMatching,
                     settings: Settings) -> tuple[PossibleMatch, ...]:
    candidates = candidate_pairs(infos := _infos(groups, claims, matching))
    dismissed = {frozenset(n.casefold() for n in pair) for pair in settings.distinct}
    found: dict[str, PossibleMatch] = {}
    for a, b in sorted(candidates):
        match = _score(infos[a], infos[b], settings)
        if match is None or match.score < settings.propose_threshold:
            continue
        if frozenset(n.casefold() for n in match.names) in dismissed:
            continue
        kept = found.get(match.id)
        if kept is None or (match.score, match.sides) > (kept.score, kept.sides):
            found[match.id] = match
    return tuple(sorted(found.values(), key=lambda m: (-m.score, m.names[0].casefold(), m.names[1].casefold(), m.id)))


def _infos(groups: Sequence[Group], claims: Sequence[Claim], matching: NameMatching) -> list[_Info]:
    index_of = dict(zip(map(id, claims), range(len(claims))))
    subject_names, property_names = _NamesOf(matching, subject=True), _NamesOf(matching, subject=False)
    subject_keys, property_keys, clusters = matching.subject_key, matching.property_key, matching.subject_cluster
    spelled: dict[frozenset[str], str] = {}  # a key's words in order, once per key (groups share them)
    infos: list[_Info] = []
    for group in groups:
        members = group.claims
        first = index_of[id(members[0])]
        skey, pkey = subject_keys[first], property_keys[first]
        property_text = spelled.get(pkey)
        if property_text is None:
            property_text = spelled[pkey] = " ".join(sorted(pkey))
        words = skey | pkey
        names = frozenset().union(*map(subject_names.__getitem__, set(map(_SUBJECT, members))),
                                  *map(property_names.__getitem__, set(map(_PROPERTY, members))))
        infos.append(_Info(group, skey, pkey, clusters[first], words, property_text, names, words | names))
    return infos


class _NamesOf(dict):
    """The names in each subject's (or property's) wording, worked out once per wording."""

    def __init__(self, matching: NameMatching, subject: bool) -> None:
        super().__init__()
        self.normaliser, self.subject = matching.normaliser, subject

    def __missing__(self, text: str) -> frozenset[str]:
        names = self[text] = self.normaliser.name(text, subject=self.subject).names
        return names


_TOPIC, _SUBJECT, _PROPERTY, _VALUE = attrgetter("topic"), attrgetter("subject"), attrgetter("property"), attrgetter("value")


def _day(claim: Claim) -> date | None:
    moment = claim.as_of
    if moment is None:
        moment = claim.source.published  # the claim's effective_as_of
        if moment is None:
            return None
    found = _DAYS.get(id(moment))  # once per date object: a corpus shares one per distinct date
    if found is None:
        return remember(_DAYS, moment, None if moment.precision == "year" else moment.first_day)
    return found[1]


_DAYS: dict[int, tuple] = {}


def _score(a: _Info, b: _Info, settings: Settings) -> PossibleMatch | None:
    ga, gb = a.group, b.group
    if apart(a, b):
        return None
    if a.cluster == b.cluster:
        kind = "property"
        similarity = _similarity(a.property_text, b.property_text, ga.property, gb.property)
        subject_score = 1.0
    elif a.property_key == b.property_key:
        kind = "subject"
        similarity = _similarity(a.subject_text, b.subject_text, ga.subject, gb.subject)
        subject_score = 0.5 if a.subject_key & b.subject_key else 0.0
    else:
        kind = "subject and property"
        similarity = _similarity(a.text, b.text, f"{ga.subject} {ga.property}", f"{gb.subject} {gb.property}")
        related = a.subject_key & b.subject_key or (a.subject_key & b.words) or (b.subject_key & a.words)
        if not related:
            return None  # unrelated subjects and different properties: nothing suggests one thing
        subject_score = 0.5
    topic_score = 1.0 if a.topics & b.topics else 0.0
    partial = WEIGHTS["names"] * similarity + WEIGHTS["subject"] * subject_score + WEIGHTS["topic"] * topic_score
    if partial + WEIGHTS["values"] + WEIGHTS["dates"] < settings.propose_threshold:
        return None  # cannot reach the threshold even with equal values and dates
    date_score, date_note = _dates(a.days, b.days)
    partial += WEIGHTS["dates"] * date_score
    if partial + WEIGHTS["values"] < settings.propose_threshold:
        return None  # cannot reach the threshold even with equal values: skip the value work
    value_score, best = _values(a.values, b.values, settings)
    total = partial + WEIGHTS["values"] * value_score
    if total < settings.propose_threshold:
        return None
    if kind == "property":
        names = (ga.property, gb.property)
        subject_note = f"the same subject ({ga.subject})"
    elif kind == "subject":
        names = (ga.subject, gb.subject)
        shared = a.subject_key & b.subject_key
        subject_note = "subjects share " + ", ".join(sorted(shared)) if shared else "different subjects"
    else:
        names = (f"{ga.subject} · {ga.property}", f"{gb.subject} · {gb.property}")
        shared = a.subject_key & b.subject_key
        subject_note = ("subjects share " + ", ".join(sorted(shared))) if shared else \
            "one subject is named in the other's property"
    if names[0].casefold() == names[1].casefold() and kind != "subject and property":
        return None
    ordered = sorted([(names[0], ga), (names[1], gb)], key=lambda item: (item[0].casefold(), item[1].claims[0].ref))
    if best and ordered[0][1] is not ga:
        best = (best[1], best[0])  # the evidence reads in the order the names are listed
    value_note = _value_note(*best, settings) if best else "different kinds of value"
    evidence = (("names", f"{round(similarity * 100)}% similar"), ("values", value_note),
                ("subject", subject_note), ("topic", "the same topic" if topic_score else "different topics"),
                ("dates", date_note))
    return PossibleMatch(
        id=match_id(kind, names), kind=kind, names=(ordered[0][0], ordered[1][0]),
        subject=ga.subject if kind == "property" else None,
        property=ga.property if kind == "subject" else None,
        sides=(tuple(c.ref for c in ordered[0][1].claims), tuple(c.ref for c in ordered[1][1].claims)),
        score=round(total, 1), evidence=evidence)


def _similarity(key_a: str, key_b: str, text_a: str, text_b: str) -> float:
    return max(fuzz.token_set_ratio(key_a, key_b), fuzz.ratio(key_a, key_b),
               fuzz.token_sort_ratio(text_a.casefold(), text_b.casefold())) / 100


def _values(left: tuple, right: tuple, settings: Settings) -> tuple[float, tuple | None]:
    """The best score over the two groups' values, and the pair of values that gave it."""
    best, pair = 0.0, None
    for x in left:
        for y in right:
            score = _value_score(x, y, settings)
            if score > best or pair is None and x.kind == y.kind:
                best, pair = max(best, score), (x, y)
    return best, pair


def _value_score(x, y, settings: Settings) -> float:
    if x.kind != y.kind:
        return 0.0
    if x.kind == "number":
        if x.unit != y.unit:
            return 0.2
        if x.magnitude == y.magnitude:
            return 1.0
        if x.compare(y, settings.approx_margin).agree:
            return 0.8  # agreeing within a hedge or rounding is weaker evidence than the same figure
        low, high = sorted((abs(x.magnitude), abs(y.magnitude)))
        return 0.7 * (low / high if high else 1.0)
    if x.kind == "text":
        if x.key == y.key:
            return 1.0
        return 0.7 * fuzz.token_set_ratio(x.core, y.core) / 100
    if x.key == y.key:
        return 1.0 if x.kind == "date" else 0.3  # yes/no agree by chance
    return 0.2


def _value_note(x, y, settings: Settings) -> str:
    shown = f"{x.display} / {y.display}"
    if x.kind == "number":
        if x.unit != y.unit:
            return f"numbers in different units ({shown})"
        if x.compare(y, settings.approx_margin).agree:
            return f"equal ({x.display})" if x.display == y.display else f"agree ({shown})"
        low, high = sorted((abs(x.magnitude), abs(y.magnitude)))
        return f"numbers {round((low / high if high else 1.0) * 100)}% alike ({shown})"
    if x.kind == "text" and x.key != y.key:
        if x.core == y.core:
            return f"opposite ({shown})"
        return f"texts {round(fuzz.token_set_ratio(x.core, y.core))}% alike ({shown})"
    return f"equal ({x.display})" if x.key == y.key else f"differ ({shown})"


def _dates(left: tuple[int, ...], right: tuple[int, ...]) -> tuple[float, str]:
    """`left` and `right`: day numbers."""
    if not left or not right:
        return 0.0, "undated"
    gap = min(abs(x - y) for x in left for y in right)
    if gap <= 31:
        return 1.0, "dated within a month" if gap else "the same date"
    return 0.0, f"dated {gap} days apart"
