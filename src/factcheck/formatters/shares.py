"""A long report written by this process and children, block by block, in order.

A formatter lists its blocks (each with a weight, about the claims it shows,
and a function that writes it) without writing them; `written` writes the
first share here while children (`parallel`) write the others, on idle CPUs
only, and gives every block's text in order. A child that fails leaves its
share to this process: the text is the same either way.
"""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from .. import parallel

Block = tuple[int, Callable[[], str]]  # (weight, write)


def written(blocks: Sequence[Block]) -> Iterator[str]:
    """Each block's text in order; the last shares written by children when the blocks weigh
    `parallel.MIN_WRITE_WEIGHT` or more."""
    mine, *theirs = parallel.split(range(len(blocks)), lambda i: blocks[i][0], parallel.MIN_WRITE_WEIGHT)
    children = [parallel.start(lambda share=share: _written_elsewhere(blocks, share)) for share in theirs]
    try:
        for i in mine:
            yield blocks[i][1]()
        for share, child in zip(theirs, children):
            data = child.result() if child is not None else None
            if data is None:  # failed: written here
                for i in share:
                    yield blocks[i][1]()
            else:
                yield data.decode("utf-8", "surrogatepass")
    finally:
        for child in children:
            if child is not None:
                child.close()


def _written_elsewhere(blocks: Sequence[Block], share: range) -> bytes:
    return "".join(blocks[i][1]() for i in share).encode("utf-8", "surrogatepass")
