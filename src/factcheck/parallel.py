"""Work shared with forked child processes, where the machine has idle cores.

A child starts as a copy of this process (fork), so nothing is sent to it: the
items are already in its memory. This process takes chunks of them from the
front and the children from the back, until the two meet, so whoever runs
faster does more and all end together. A child writes each chunk's results (plain
bytes) to a file of its own and a notice down a pipe; this process reads them
between its own chunks, while the children still work. A child ends with
`os._exit` (no clean-up, no buffered output of the parent's written twice).
Whatever goes wrong in a child (it raises, it is killed, it sends less than it
should) only means that this process does what that child took: the results are
the same either way, only the time differs.

Only on Linux, where fork is the default way to start a process, and only on
CPUs that are idle as the work starts: elsewhere (and with FACTCHECK_JOBS=1)
everything is done in this process.
"""

from __future__ import annotations

import fcntl
import mmap
import os
import pickle
import select
import signal
import struct
import sys
from typing import Callable, Iterator, Sequence

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
    return max(1, cpus - max(0, others_running() - _background_running()))


def others_running() -> int:
    """Processes (and threads) running or ready to run now besides this one: the kernel's count in
    /proc/loadavg ("2/180": two runnable, this one among them); 0 when it cannot be read."""
    try:
        with open("/proc/loadavg", encoding="ascii") as loadavg:
            runnable = loadavg.read().split()[3].split("/")[0]
        return max(0, int(runnable) - 1)
    except (OSError, IndexError, ValueError):
        return 0


# Each process takes about this many chunks, and all end within a chunk of each other: at 100,000
# claims a chunk is 10 to 25 ms of work, and taking one costs a lock, a notice and a pickle.
CHUNKS_PER_JOB = 128


class Sharing:
    """Items worked on a chunk at a time, by this process from the front and by children from the
    back, until the two meet.

    `events()` gives (chunk, None) for each chunk to do here (this process's own, and any a child
    took but never sent back) and (chunk, bytes) for each chunk a child did: what `work(chunk)`
    returned there. The first child does `head()` before any chunk; its bytes are `head_result`
    once `events()` is done (None when that failed: do it here)."""

    def __init__(self, weights: Sequence[int], children: int, work: Callable[[range], bytes],
                 head: Callable[[], bytes] | None = None) -> None:
        self._weights = weights
        self._chunk_weight = max(1, sum(weights) // (CHUNKS_PER_JOB * (children + 1)))
        self._bounds = mmap.mmap(-1, _BOUNDS.size)  # shared: the front's next item, the back's last taken
        _BOUNDS.pack_into(self._bounds, 0, 0, len(weights))
        self._lock = _scratch_file("factcheck-lock")
        self._workers: list[_Worker] = []
        self._delivered: list[range] = []
        self.head_result: bytes | None = None
        for number in range(children):
            try:
                self._workers.append(_Worker(self, work, head if number == 0 else None))
            except OSError:  # no more processes: their part is done here
                break

    def __enter__(self) -> Sharing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def started(self) -> int:
        """How many children were started."""
        return len(self._workers)

    def events(self) -> Iterator[tuple[range, bytes | None]]:
        """Every chunk once, in the order they come: this process's own as it takes them, each
        followed by the children's sent meanwhile; once the front meets the back, the children's
        last; then any a child left undone."""
        while (chunk := self._take(front=True)) is not None:
            yield chunk, None
            yield from self._arrived(wait=False)
        yield from self._arrived(wait=True)
        for chunk in self._undelivered():
            yield chunk, None

    def in_order(self) -> Iterator[tuple[range, bytes | None]]:
        """`events()` in the items' order, for results written one after another: this process's
        chunks as it takes them (they come first), then the children's."""
        waiting: dict[int, tuple[range, bytes | None]] = {}
        position = 0
        for chunk, data in self.events():
            waiting[chunk.start] = chunk, data
            while position in waiting:
                chunk, data = waiting.pop(position)
                position = chunk.stop
                yield chunk, data

    def close(self) -> None:
        """Every child reaped (stopped first if still at work), every file closed."""
        for worker in self._workers:
            worker.close()
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1
        if not self._bounds.closed:
            self._bounds.close()

    def _take(self, front: bool) -> range | None:
        """The next chunk from the front (this process's) or the back (a child's); None once they meet."""
        weights, limit = self._weights, self._chunk_weight
        fcntl.lockf(self._lock, fcntl.LOCK_EX)  # a record lock: held by one process, released if it dies
        try:
            first, end = _BOUNDS.unpack_from(self._bounds, 0)
            if first >= end:
                return None
            taken = 0
            if front:
                stop = first
                while stop < end and taken < limit:
                    taken += weights[stop]
                    stop += 1
                chunk, first = range(first, stop), stop
            else:
                start = end
                while start > first and taken < limit:
                    start -= 1
                    taken += weights[start]
                chunk, end = range(start, end), start
            _BOUNDS.pack_into(self._bounds, 0, first, end)
            return chunk
        finally:
            fcntl.lockf(self._lock, fcntl.LOCK_UN)

    def _arrived(self, wait: bool) -> Iterator[tuple[range, bytes]]:
        """The children's chunks sent since last asked; with `wait`, all of them until every child
        has ended."""
        while busy := [worker for worker in self._workers if not worker.ended]:
            if wait:
                select.select([worker.pipe for worker in busy], [], [])
            sent = False
            for worker in busy:
                for chunk, data in worker.sent():
                    sent = True
                    if chunk is None:
                        self.head_result = data
                    else:
                        self._delivered.append(chunk)
                        yield chunk, data
            if not wait and not sent:
                return

    def _undelivered(self) -> list[range]:
        """What children took and never sent: the gaps in the back part (from where the two met)."""
        missing, position = [], _BOUNDS.unpack_from(self._bounds, 0)[0]
        for chunk in sorted(self._delivered, key=lambda r: r.start):
            if chunk.start > position:
                missing.append(range(position, chunk.start))
            position = max(position, chunk.stop)
        if position < len(self._weights):
            missing.append(range(position, len(self._weights)))
        return missing


_BOUNDS = struct.Struct("=qq")
_NOTICE = struct.Struct("=qqq")  # a chunk's start and stop, and how many bytes it wrote to its file
_HEAD, _DONE = -1, -2  # a notice's start for the head work, and for "all sent" (the pipe's end follows)


class _Worker:
    """A forked child taking chunks from the back of a `Sharing` until the front reaches it. Its
    results go to a file of its own, not down the pipe: a pipe holds 64 KiB, and this process
    reads only between its own chunks."""

    def __init__(self, sharing: Sharing, work: Callable[[range], bytes],
                 head: Callable[[], bytes] | None) -> None:
        self.ended = False
        self._file = _scratch_file("factcheck-results")
        read_end, write_end = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:
            for fd in (read_end, write_end, self._file):
                os.close(fd)
            raise
        if self.pid == 0:  # the child: never returns from here
            status = 1
            try:
                os.close(read_end)
                if head is not None:
                    self._send(write_end, _HEAD, _HEAD, head())
                while (chunk := sharing._take(front=False)) is not None:
                    self._send(write_end, chunk.start, chunk.stop, work(chunk))
                _write_all(write_end, _NOTICE.pack(_DONE, _DONE, 0))
                status = 0
            except BaseException:  # noqa: BLE001 - the parent does what this child took
                pass
            finally:
                os._exit(status)
        os.close(write_end)
        os.set_blocking(read_end, False)
        self.pipe = read_end
        self._unread = b""
        self._offset = 0  # where the next chunk's bytes start in the file

    def _send(self, pipe: int, start: int, stop: int, data: bytes) -> None:
        _write_all(self._file, data)
        _write_all(pipe, _NOTICE.pack(start, stop, len(data)))

    def sent(self) -> list[tuple[range | None, bytes]]:
        """The chunks (None: the head work) whose notices came since last asked; at the pipe's end
        the child is reaped and `ended`."""
        try:
            data = os.read(self.pipe, 1 << 16)
        except BlockingIOError:
            return []
        if not data:
            self.close()
            return []
        self._unread += data
        found: list[tuple[range | None, bytes]] = []
        while len(self._unread) >= _NOTICE.size:
            start, stop, length = _NOTICE.unpack_from(self._unread, 0)
            self._unread = self._unread[_NOTICE.size:]
            if start == _DONE:
                continue
            data = os.pread(self._file, length, self._offset) if length else b""
            self._offset += length
            if len(data) == length:
                found.append((None if start == _HEAD else range(start, stop), data))
        return found

    def close(self) -> None:
        if self.ended:
            return
        self.ended = True
        os.close(self.pipe)
        os.close(self._file)
        try:
            os.kill(self.pid, signal.SIGKILL)  # ended already, or given up on: what it took is done here
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:  # reaped by someone else
            pass


def _scratch_file(name: str) -> int:
    """A file descriptor for a file that only this process and its children see (in memory on Linux)."""
    try:
        return os.memfd_create(name)
    except (AttributeError, OSError):
        import tempfile

        with tempfile.TemporaryFile() as handle:  # already unlinked: the copy keeps it
            return os.dup(handle.fileno())


def _write_all(fd: int, data: bytes) -> None:
    """All of `data` (a write may take only part)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def share(weights: Sequence[int], minimum: int, work: Callable[[range], bytes],
          head: Callable[[], bytes] | None = None, head_weight: int = 0) -> Sharing | None:
    """Items (by their `weights`) shared with children doing `work` on chunks of them, the first
    doing `head()` (which weighs `head_weight`) before; None (do everything here) with one job,
    less than `minimum` weight in all, one item and no head, or no child started."""
    count = jobs()
    if count < 2 or sum(weights) + head_weight < minimum or (len(weights) < 2 and head is None):
        return None
    sharing = Sharing(weights, count - 1, work, head)
    if not sharing.started:
        sharing.close()
        return None
    return sharing

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


# This process's children at work in the background (`in_background`): not counted as others
# running when `jobs()` looks for idle CPUs, since they end soon and share out nothing.
_BACKGROUND: dict[int, int | None] = {}  # pid: its exit code once it has ended


def _background_running() -> int:
    running = 0
    for pid, code in _BACKGROUND.items():
        if code is None:
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except OSError:  # reaped elsewhere
                done, status = pid, 1 << 8
            if done:
                _BACKGROUND[pid] = os.waitstatus_to_exitcode(status)
                continue
            running += 1
    return running


def in_background(work: Callable[[], None]) -> int | None:
    """`work()` in a forked child while this process goes on, on an idle CPU: its pid (give it to
    `wait_for`), or None when there is none (then do the work here)."""
    if jobs() < 2:
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: never returns from here
        status = 1
        try:
            work()
            status = 0
        except BaseException:  # noqa: BLE001 - nothing to report to: the work is only a cache
            pass
        finally:
            os._exit(status)
    _BACKGROUND[pid] = None
    return pid


def wait_for(pid: int) -> bool:
    """Whether the child `in_background` started ended well (waiting for it to end)."""
    code = _BACKGROUND.pop(pid, None)
    if code is not None:  # seen to end already
        return code == 0
    try:
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    except OSError:  # reaped already
        return False

