"""A long report written by this process and children, block by block, in order.

A formatter lists its blocks (each with a weight, about the claims it shows,
and a function that writes it) without writing them; `written` shares them
with children (`parallel`, on idle CPUs only): this process writes chunks from
the front as it reaches them, children write chunks from the back, and every
block's text comes out in order. What a failed child took is written here:
the text is the same either way."""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterator, Sequence

from .. import parallel

Block = tuple[int, Callable[[], str]]  # (weight, write)


def written(blocks: Sequence[Block]) -> Iterator[str]:
    """Each block's text in order; shared with children when the blocks weigh
    `parallel.MIN_WRITE_WEIGHT` or more."""
    sharing = parallel.share([weight for weight, _ in blocks], parallel.MIN_WRITE_WEIGHT,
                             partial(_written_elsewhere, blocks))
    if sharing is None:
        for _, write in blocks:
            yield write()
        return
    with sharing:
        for chunk, data in sharing.in_order():
            if data is None:  # this process's, or a child failed
                for i in chunk:
                    yield blocks[i][1]()
            else:
                yield data.decode("utf-8", "surrogatepass")


def _written_elsewhere(blocks: Sequence[Block], chunk: range) -> bytes:
    return "".join(blocks[i][1]() for i in chunk).encode("utf-8", "surrogatepass")
