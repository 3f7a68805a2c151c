"""How well factcheck connects claims that curators worded differently.

    make eval            (or .venv/bin/python tests/matching_eval.py)

Two labelled sets, both run through the code the report uses:

- `fixtures/matching/stories/*.yaml`: invented news stories, each curated
  from six articles in each article's own words. Every claim carries the fact
  it states; two claims with the same fact are a pair that should match, and
  each `traps` entry names two facts whose claims look alike but must stay
  apart. Each story is analysed as one corpus with `factcheck.engine.analyse`:
  a pair is *matched* when both claims land in one group, *proposed* when a
  possible match (the report's `possible_matches`) joins their groups.
- `fixtures/matching/pairs.yaml`: single pairs of names, checked with
  `factcheck.matching.names_match` (two claims grouped by `group_claims`).

Printed: precision of automatic matching (over every pair the matcher joined),
whether any trap was joined, recall of automatic matching, and recall of
"matched or proposed". The thresholds in factcheck.settings were chosen here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path

import yaml

from factcheck.dates import parse_date
from factcheck.engine import analyse
from factcheck.matching import names_match
from factcheck.model import Claim, Corpus, Source
from factcheck.settings import Settings
from factcheck.values import ValueError_, parse_value
from factcheck.values.text import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "matching"
PAIRS = FIXTURES / "pairs.yaml"
STORIES = FIXTURES / "stories"


def load_pairs(path: Path = PAIRS) -> list[tuple[str, str, str, bool]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(kind, str(a), str(b), bool(same)) for kind, a, b, same in data["pairs"]]


@dataclass
class Story:
    name: str
    path: Path
    claims: list[tuple[str, Claim]]             # (fact, claim)
    traps: list[tuple[str, str]]
    aliases: tuple[tuple[str, ...], ...] = ()


def load_story(path: Path) -> Story:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources: dict[str, Source] = {}
    claims = []
    for index, (fact, day, topic, subject, prop, raw) in enumerate(data["claims"]):
        day = str(day)
        if day not in sources:
            number = int(day.lstrip("d"))
            sources[day] = Source(id=f"{path.stem}-{day}", outlet=f"Outlet {day}", title=data["story"],
                                  published=parse_date(f"2026-03-{number:02d}"), path=str(path), line=1, column=1)
        try:
            value = parse_value(raw, str(raw))
        except ValueError_:
            value = parse_text(str(raw))
        claims.append((str(fact), Claim(source=sources[day], id=f"c{index + 1}", topic=str(topic),
                                        subject=str(subject), property=str(prop), value=value,
                                        statement=f"{subject} {prop} {raw}", line=index + 1, column=1,
                                        raw_value=raw)))
    traps = [(str(a), str(b)) for a, b in data.get("traps") or ()]
    aliases = tuple(tuple(str(n) for n in group) for group in data.get("aliases") or ())
    return Story(data["story"], path, claims, traps, aliases)


def load_stories(folder: Path = STORIES) -> list[Story]:
    return [load_story(path) for path in sorted(folder.glob("*.yaml"))]


@dataclass
class Scores:
    same_pairs: int = 0
    trap_pairs: int = 0
    matched_same: int = 0
    proposed_same: int = 0
    proposals: int = 0
    joined_other: int = 0       # joined pairs whose facts differ
    joined_traps: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        joined = self.matched_same + self.joined_other
        return self.matched_same / joined if joined else 1.0

    @property
    def recall(self) -> float:
        return self.matched_same / self.same_pairs if self.same_pairs else 1.0

    @property
    def reach(self) -> float:
        """Recall of matched or proposed."""
        return (self.matched_same + self.proposed_same) / self.same_pairs if self.same_pairs else 1.0

    @property
    def trap_precision(self) -> float:
        return 1.0 - self.joined_traps / self.trap_pairs if self.trap_pairs else 1.0


def _describe(claim: Claim) -> str:
    return f"{claim.subject} · {claim.property}"


def score_story(story: Story, settings: Settings, scores: Scores) -> Scores:
    settings = replace(settings, aliases=settings.aliases + story.aliases)
    claims = tuple(claim for _fact, claim in story.claims)
    corpus = Corpus(root=str(story.path), sources=tuple({c.source.id: c.source for c in claims}.values()),
                    claims=claims, diagnostics=())
    analysis = analyse(corpus, settings)
    group_of = {c.ref: index for index, timeline in enumerate(analysis.timelines) for c in timeline.claims}
    proposed: set[frozenset[int]] = set()
    scores.proposals += len(getattr(analysis, "possible_matches", ()))
    for match in getattr(analysis, "possible_matches", ()):
        sides = [{group_of[ref] for ref in side} for side in match.sides]
        proposed.update(frozenset((a, b)) for a in sides[0] for b in sides[1])
    fact_of = {c.ref: fact for fact, c in story.claims}
    traps = {frozenset(t) for t in story.traps}
    for (fact_a, a), (fact_b, b) in combinations(story.claims, 2):
        joined = group_of[a.ref] == group_of[b.ref]
        if fact_a == fact_b:
            scores.same_pairs += 1
            if joined:
                scores.matched_same += 1
            elif frozenset((group_of[a.ref], group_of[b.ref])) in proposed:
                scores.proposed_same += 1
            else:
                scores.missed.append(f"{story.path.stem}: {_describe(a)!r} / {_describe(b)!r}")
            continue
        is_trap = frozenset((fact_a, fact_b)) in traps
        scores.trap_pairs += is_trap
        if joined:
            scores.joined_other += 1
            scores.joined_traps += is_trap
            scores.wrong.append(f"{story.path.stem}: {_describe(a)!r} joined with {_describe(b)!r}"
                                f"{' (trap)' if is_trap else ''}")
    del fact_of
    return scores


def evaluate_stories(settings: Settings = Settings(), stories: list[Story] | None = None) -> Scores:
    scores = Scores()
    for story in stories if stories is not None else load_stories():
        score_story(story, settings, scores)
    return scores


def evaluate(settings: Settings, pairs=None) -> tuple[float, float, list[tuple]]:
    """On the name pairs: precision, recall and the mistakes (pair, predicted)."""
    pairs = pairs if pairs is not None else load_pairs()
    true_pos = false_pos = false_neg = 0
    mistakes = []
    for kind, a, b, same in pairs:
        predicted = names_match(a, b, settings, subject=kind == "subject")
        if predicted and same:
            true_pos += 1
        elif predicted and not same:
            false_pos += 1
        elif same:
            false_neg += 1
        if predicted != same:
            mistakes.append(((kind, a, b, same), predicted))
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, mistakes


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    stories = load_stories()
    scores = evaluate_stories(Settings(), stories)
    pairs = load_pairs()
    print(f"{len(stories)} stories, {sum(len(s.claims) for s in stories)} claims: "
          f"{scores.same_pairs} pairs that should match, {scores.trap_pairs} trap pairs; "
          f"{len(pairs)} name pairs")
    print(f"stories, automatic: precision {scores.precision:.3f}, traps kept apart "
          f"{scores.trap_pairs - scores.joined_traps}/{scores.trap_pairs}, recall {scores.recall:.3f}")
    print(f"stories, matched or proposed: recall {scores.reach:.3f}")
    print(f"possible matches listed: {scores.proposals}")
    print(f"{'matching.threshold':>18} {'matching.propose':>16} {'precision':>9} {'recall':>6} "
          f"{'matched or proposed':>19} {'listed':>6}")
    for match in (75, 80, 85, 90):
        for propose in (45, 50, 55, 60, 65, 70):
            row = evaluate_stories(Settings(match_threshold=match, propose_threshold=propose), stories)
            marker = "  <- default" if (match, propose) == (Settings().match_threshold,
                                                            Settings().propose_threshold) else ""
            print(f"{match:>18} {propose:>16} {row.precision:>9.3f} {row.recall:>6.3f} {row.reach:>19.3f} "
                  f"{row.proposals:>6}{marker}")
    precision, recall, mistakes = evaluate(Settings(), pairs)
    traps_joined = sum(1 for (_pair, predicted) in mistakes if predicted)
    print(f"name pairs: precision {precision:.3f}, recall {recall:.3f}, traps joined {traps_joined}")
    if verbose:
        for line in scores.wrong:
            print(f"  joined wrongly: {line}")
        for line in scores.missed:
            print(f"  missed: {line}")
        for (kind, a, b, same), predicted in mistakes:
            print(f"  {kind}: {a!r} vs {b!r}: labelled {'same' if same else 'apart'}, "
                  f"matcher says {'same' if predicted else 'apart'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
