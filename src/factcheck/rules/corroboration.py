"""Corroborated findings: two or more sources agree on a value."""

from __future__ import annotations

from typing import Sequence

from ..model import Claim


def corroborates(agreeing: Sequence[Claim]) -> bool:
    return len({claim.source.id for claim in agreeing}) >= 2
