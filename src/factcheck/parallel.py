"""Large shares of work done in forked child processes, where the machine has the cores.

A child starts as a copy of this process (fork), so nothing is sent to it: it
does its share of work already in memory and sends back plain bytes through a
pipe, then ends with `os._exit` (no clean-up, no buffered output of the
parent's written twice). Whatever goes wrong in a child (it raises, it is
killed, it sends less than it should) only means that the parent does that
share itself: the results are the same either way, only the time differs.

Only on Linux, where fork is the default way to start a process, and only on
CPUs that are idle as the run starts: elsewhere (and with FACTCHECK_JOBS=1)
everything is done in this process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")

JOBS_VARIABLE = "FACTCHECK_JOBS"
# Less work than this (in bytes of claim files, or in claims to compare) is done in this process:
# starting a child and reading its results back would cost more than the share it takes.
MIN_PARSE_BYTES = 1024 * 1024
MIN_COMPARE_CLAIMS = 10_000
MIN_WRITE_WEIGHT = 20_000  # a report's findings: their claims, and 4 for each finding


def jobs() -> int:
    """How many processes may work at once: FACTCHECK_JOBS when set (1 for none beside this one),
    else the CPUs this process may run on that nothing else is running on as it asks; always 1
    where fork is not the way to start one.

    Idle CPUs only: on cores already busy, a child only adds the cost of sending its results back
    (a quarter more CPU), and makes the run slower, not faster."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return 1
    asked = os.environ.get(JOBS_VARIABLE, "").strip()
    if asked:
        try:
            return max(1, int(asked))
        except ValueError:
            return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, cpus - others_running())


def others_running() -> int:
    """Processes (and threads) running or ready to run now besides this one: the kernel's count in
    /proc/loadavg ("2/180": two runnable, this one among them); 0 when it cannot be read."""
    try:
        with open("/proc/loadavg", encoding="ascii") as loadavg:
            runnable = loadavg.read().split()[3].split("/")[0]
        return max(0, int(runnable) - 1)
    except (OSError, IndexError, ValueError):
        return 0


def shares(weights: Sequence[int], count: int, head_start: int = 0) -> list[range]:
    """`count` consecutive ranges of indexes into `weights`: this process's first, then each child's,
    sized so that all end at about the same time.

    A child works a little slower than this process, and this process spends about a seventh of a
    child's share again reading its results back. The last child's is smaller by `head_start`: weight it spends on other work."""
    children = count - 1
    total = sum(weights) + head_start
    child = total / (CHILD_SLOWER + children - RESTORE_COST * children)
    targets = [total - child * children + child * n for n in range(children)]  # where each share ends
    bounds, running, start = [], 0, 0
    for target in targets:
        end = start
        while end < len(weights) and running + weights[end] / 2 <= target:  # most of the item before the end
            running += weights[end]
            end += 1
        bounds.append(range(start, end))
        start = end
    bounds.append(range(start, len(weights)))
    return bounds


# Measured at 100,000 claims (CPU of each process, 2 jobs, several runs): a child's share takes
# about 1.15 times as long as the same share here (it copies the pages it touches), and reading its
# results back costs about a seventh of doing its share.
CHILD_SLOWER = 1.15
RESTORE_COST = 0.15


class Child:
    """A forked process running `work()`, whose bytes `result()` returns (None if it failed)."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        read_end, write_end = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if self.pid == 0:  # the child: never returns from here
            status = 1
            try:
                os.close(read_end)
                data = work()
                _send(write_end, len(data).to_bytes(8, "big"))
                _send(write_end, data)
                os.close(write_end)
                status = 0
            except BaseException:  # noqa: BLE001 - the parent does this share itself
                pass
            finally:
                os._exit(status)
        os.close(write_end)
        self._pipe = open(read_end, "rb", closefd=True)
        self._status: int | None = None  # the exit code once reaped

    def result(self) -> bytes | None:
        """The child's bytes once it has ended; None when it failed or sent less."""
        try:
            header = self._pipe.read(8)
            size = int.from_bytes(header, "big") if len(header) == 8 else -1
            data = self._pipe.read(size) if size >= 0 else b""
            if self._pipe.read(1) == b"":  # the child closed its end: it is ending, wait for it
                try:
                    self._reap(os.waitpid(self.pid, 0)[1])
                except OSError:  # reaped by someone else: its status is unknown
                    self._status = -1
        finally:
            self.close()
        return data if size >= 0 and len(data) == size and self._status == 0 else None

    def close(self) -> None:
        """Stop waiting: the pipe is closed and the child reaped (stopped first if still at work)."""
        self._pipe.close()
        if self._status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                self._reap(os.waitpid(self.pid, 0)[1])
            except OSError:
                self._status = -1

    def _reap(self, status: int) -> None:
        self._status = os.waitstatus_to_exitcode(status)


def _send(pipe: int, data: bytes) -> None:
    """All of `data` down a pipe (a write may take only part)."""
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]


def start(work: Callable[[], bytes]) -> Child | None:
    """`work` in a child process; None when no child can be started (then do it here)."""
    try:
        return Child(work)
    except OSError:
        return None


def packed(pieces: Sequence[bytes]) -> bytes:
    """A list of byte strings as one (what a child sends back)."""
    return pickle.dumps(list(pieces), protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(data: bytes | None, count: int) -> list[bytes] | None:
    """The `count` byte strings of `packed`, or None (the child failed: do its share here)."""
    if data is None:
        return None
    from .cache.packs import plain_value  # the reader of pickles that may hold built-in values only

    try:
        pieces = plain_value(data)
    except Exception:  # noqa: BLE001
        return None
    if type(pieces) is not list or len(pieces) != count or not all(type(p) is bytes for p in pieces):
        return None
    return pieces


def split(items: Sequence[Item], weight: Callable[[Item], int], minimum: int,
          head_start: int = 0) -> list[Sequence[Item]]:
    """`items` in shares: the first for this process, one for each child. One share (all of them)
    when there is one job, less than `minimum` weight in all, or one item and no other work."""
    count = jobs()
    weights = [weight(item) for item in items]
    if count < 2 or sum(weights) < minimum or (len(items) < 2 and not head_start):  # one item: nothing to share
        return [items]
    mine, *theirs = shares(weights, count, head_start)
    # A child with nothing to do is not started (but the last, when it also does the head start's work).
    theirs = [r for r in theirs[:-1] if r] + [r for r in theirs[-1:] if r or head_start]
    return [items[r.start:r.stop] for r in (mine, *theirs)]
