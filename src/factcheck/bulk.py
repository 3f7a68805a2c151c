"""Bulk construction without the cyclic garbage collector in the way.

Loading and analysing a corpus create hundreds of thousands of small objects
that form no reference cycles. While they pile up, the collector would scan
the whole growing heap again and again for nothing (a fifth of the time at
100,000 claims), so it is paused for the duration and restored after.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
