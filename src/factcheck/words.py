"""Counts in words, with the plural every output uses ("1 finding", "2 possible matches")."""

from __future__ import annotations


def counted(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"
