"""Precision and recall of the matcher on the labelled pairs, across thresholds.

    .venv/bin/python tests/matching_eval.py

The defaults in factcheck.settings were chosen from this table: the highest
recall that keeps every trap apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from factcheck.matching import names_match
from factcheck.settings import Settings

PAIRS = Path(__file__).parent / "fixtures" / "matching" / "pairs.yaml"


def load_pairs(path: Path = PAIRS) -> list[tuple[str, str, str, bool]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(kind, str(a), str(b), bool(same)) for kind, a, b, same in data["pairs"]]


def evaluate(settings: Settings, pairs=None) -> tuple[float, float, list[tuple]]:
    """Returns precision, recall and the mistakes (pair, predicted)."""
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


def main() -> int:
    pairs = load_pairs()
    print(f"{len(pairs)} labelled pairs ({sum(p[3] for p in pairs)} same, {sum(not p[3] for p in pairs)} traps)")
    print(f"{'token_threshold':>15} {'match_threshold':>15} {'precision':>9} {'recall':>7}")
    for token in (80, 85, 88, 90, 92, 95):
        for match in (80, 85, 90, 95):
            precision, recall, _ = evaluate(Settings(match_threshold=match, token_threshold=token), pairs)
            marker = "  <- default" if (token, match) == (Settings().token_threshold, Settings().match_threshold) else ""
            print(f"{token:>15} {match:>15} {precision:>9.3f} {recall:>7.3f}{marker}")
    precision, recall, mistakes = evaluate(Settings(), pairs)
    print(f"\ndefaults: precision {precision:.3f}, recall {recall:.3f}; mistakes:")
    for (kind, a, b, same), predicted in mistakes:
        print(f"  {kind}: {a!r} vs {b!r}: labelled {'same' if same else 'apart'}, matcher says {'same' if predicted else 'apart'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
