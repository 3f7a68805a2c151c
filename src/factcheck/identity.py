"""Memos keyed by object identity, for what is worked out from one immutable object.

A corpus shares one object per distinct date and value (the loader, the parsers' caches and
the cache's restorers make them so), and hashing one of our frozen data classes runs Python
code (the generated `__hash__`), while `id()` does not. A memo is a dict from `id(obj)` to
`(obj, result)`: each entry keeps its object alive, so that no other object can take its id
while the entry is there. Equal objects that are not the same one each get their own entry,
with the same result.

    entry = MEMO.get(id(obj))
    result = entry[1] if entry is not None else remember(MEMO, obj, work_out(obj))
"""

from __future__ import annotations

from typing import TypeVar

LIMIT = 1 << 16  # entries kept; then the memo starts afresh (far more than a corpus's distinct dates)

Result = TypeVar("Result")


def remember(memo: dict[int, tuple[object, Result]], obj: object, result: Result) -> Result:
    """Keep `result` for `obj` in `memo`, and return it."""
    if len(memo) >= LIMIT:
        memo.clear()
    memo[id(obj)] = (obj, result)
    return result
