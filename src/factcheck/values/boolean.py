"""Boolean values: only YAML's `true` and `false` are booleans."""

from __future__ import annotations

from dataclasses import dataclass

from .comparison import AGREE, DISAGREE


@dataclass(frozen=True, slots=True)
class Boolean:
    value: bool
    kind = "boolean"

    @property
    def display(self) -> str:
        return "true" if self.value else "false"

    @property
    def key(self) -> str:
        return self.display

    def compare(self, other: "Boolean", approx_margin: float = 0.0):
        return AGREE if self.value == other.value else DISAGREE
