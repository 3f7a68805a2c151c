"""Date values (a closing date, a launch month): agreement is containment."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import PartialDate
from .comparison import AGREE, DISAGREE


@dataclass(frozen=True, slots=True)
class DateValue:
    date: PartialDate
    text: str
    kind = "date"

    @property
    def display(self) -> str:
        return str(self.date)

    @property
    def key(self) -> str:
        return str(self.date)

    def compare(self, other: "DateValue", approx_margin: float = 0.0):
        return AGREE if self.date.agrees(other.date) else DISAGREE
