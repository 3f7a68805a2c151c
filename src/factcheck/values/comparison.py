"""The outcome of comparing two values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Comparison:
    agree: bool
    note: str | None = None  # why two values could not be compared like for like


# Most comparisons say only yes or no: one shared, immutable outcome each, not a new object per pair.
AGREE = Comparison(True)
DISAGREE = Comparison(False)
