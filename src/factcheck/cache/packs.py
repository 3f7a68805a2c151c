"""Packs of small entries: many content-addressed entries of one corpus in one file."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import zlib
from itertools import accumulate
from pathlib import Path
from typing import Iterator

from ..writes import StreamedCacheEntry
from .results import _CHECK, _TRAILER, ResultCache, check_bytes

PACK_MAGIC = b"factcheck-pack 4\n"
PACKS_KEPT = 16  # per kind: the most recently used packs (one per corpus and working folder)


class _PlainUnpickler(pickle.Unpickler):
    """Builds only built-in values (tuples, strings, numbers): a pack holds nothing else."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pack")


def sealed_pieces(entries: dict) -> Iterator[bytes]:
    """A pack file of `entries` (key: pickled bytes), in pieces, never joined into one copy: the
    magic; a body of each entry's bytes one after the other, an index (a pickle of
    {key: (start, end)}) and its length (8 bytes); then the body's CRC-32 and length (as in
    ResultCache)."""
    yield PACK_MAGIC
    keys = sorted(entries)  # the same file whatever order the entries came in (children send theirs as they end)
    blobs = list(map(entries.__getitem__, keys))
    ends = list(accumulate(map(len, blobs)))
    index = dict(zip(keys, zip([0, *ends[:-1]], ends)))  # in C: a pack holds tens of thousands of entries
    check = 0
    for first in range(0, len(blobs), _JOINED):  # a few thousand entries a piece, not a write each
        piece = b"".join(blobs[first:first + _JOINED])
        check = zlib.crc32(piece, check)
        yield piece
    packed_index = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    ending = packed_index + len(packed_index).to_bytes(8, "big")
    yield ending
    yield check_bytes(zlib.crc32(ending, check)) + ((ends[-1] if ends else 0) + len(ending)).to_bytes(8, "big")


_JOINED = 2048


def sealed(entries: dict) -> bytes:
    """A whole pack file of `entries`, as `Pack.save` writes it."""
    return b"".join(sealed_pieces(entries))


def unsealed(data: bytes) -> dict:
    """The entries of a pack file (key: a view of its bytes, not a copy); ValueError when it is cut
    short, altered or not a pack."""
    body = memoryview(data)[len(PACK_MAGIC):-_TRAILER]
    trailer = data[-_TRAILER:]
    if (not data.startswith(PACK_MAGIC) or int.from_bytes(trailer[_CHECK:], "big") != len(body)
            or check_bytes(zlib.crc32(body)) != trailer[:_CHECK]):
        raise ValueError("cut short or altered")
    index_length = int.from_bytes(body[-8:], "big")
    blobs = len(body) - 8 - index_length
    if blobs < 0:
        raise ValueError("not a pack")
    index = _PlainUnpickler(io.BytesIO(body[blobs:-8])).load()
    if not isinstance(index, dict):
        raise ValueError("not a pack")
    entries = {}
    for key, (start, end) in index.items():
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= blobs):
            raise ValueError("not a pack")
        entries[key] = body[start:end]
    return entries


class Pack:
    """Many small content-addressed entries of one corpus, kept in one file.

    One file rather than one per entry: a corpus has thousands of files and
    tens of thousands of groups, and opening as many files would cost more
    than the work they save. Entries are still found by content (a key that
    hashes everything the entry depends on); the pack is only where they are
    kept. It is read whole at the first `get`, checked (a CRC-32 and length
    end it, as in ResultCache: cut short or altered, it is empty), and
    rewritten by `save` with exactly the entries this run used, renamed into
    place: concurrent runs each write a whole pack and the last rename wins;
    a reader sees one whole pack. Each entry is a pickle of its own, read by
    `unpickler` when it is asked for (the pack itself holds only bytes).
    """

    def __init__(self, folder: Path, kind: str, name: str, unpickler: type[pickle.Unpickler] | None = None,
                 max_bytes: int | None = None) -> None:
        self.path = folder / kind / name
        self._root = folder
        self._unpickler = unpickler or _PlainUnpickler
        self._max_bytes = max_bytes
        self._stored: dict | None = None
        self.used: dict = {}
        self.saver: int | None = None  # the child writing this pack (`save_made`), until waited for
        self._handed_over: tuple | None = None  # what it writes the pack from, kept until it ends
        self.hits = self.misses = 0

    def _load(self) -> dict:
        if self._stored is None:
            self._stored = {}
            try:
                self._stored = unsealed(self.path.read_bytes())  # views into the file's bytes: one copy
            except Exception:  # noqa: BLE001 - missing, cut short, planted: every entry a miss
                pass
        return self._stored

    def _value(self, key: str, valid) -> object | None:
        packed = self._load().get(key)
        try:
            value = self._unpickler(io.BytesIO(packed)).load() if packed is not None else None
        except Exception:  # noqa: BLE001 - damaged or planted: a miss
            return None
        return value if valid is None or valid(value) else None

    def get(self, key: str, valid=None) -> object | None:
        """The entry kept for `key` (when `valid(value)`, if given), counted as a hit, and kept by `save`;
        None, counted as a miss."""
        value = self._value(key, valid)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self.used[key] = self._stored[key]  # type: ignore[index]
        return value

    def holds(self, key: str) -> bool:
        """An entry is kept for `key`, read or not."""
        return key in self._load()

    def holds_any(self) -> bool:
        """Any entry is kept (false for a pack not yet written)."""
        return bool(self._load())

    def peek(self, key: str, valid=None) -> object | None:
        """The entry kept for `key` when the pack was read, counting nothing and keeping nothing."""
        return self._value(key, valid)

    def put(self, key: str, value: object) -> None:
        # Kept pickled until saved: bytes take a fraction of the memory of as many small tuples.
        self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, data: bytes) -> None:
        """An entry already pickled (read back by this pack's unpickler)."""
        self.used[key] = data

    def forget(self, key: str) -> None:
        """An entry found but unusable (damaged): not written back."""
        self.used.pop(key, None)

    def save(self) -> None:
        """Write the entries used by this run, unless the pack holds exactly them already.

        Afterwards only the entries this run did not use stay in memory (for `peek`)."""
        stored = self._load()
        if self.misses == 0 and len(self.used) == len(stored):
            try:
                os.utime(self.path)  # recently used: kept by pruning
            except OSError:
                pass
        else:
            self._write()
        self.saved()

    def saved(self) -> None:
        """After a save: only the entries this run did not use stay, for `peek`."""
        stored = self._load()
        used, self.used = self.used, {}
        # Copied out: a view would keep the whole file's bytes.
        self._stored = {key: bytes(value) for key, value in stored.items() if key not in used}

    def save_made(self, made: dict, background: bool = False) -> None:
        """`save`, with `made` (key: a function that makes an entry's pickle) added first; with
        `background`, left to a forked child on an idle CPU if there is one (`wait()` for it)."""
        if background and made:
            self.saver = self._save_elsewhere(made)
            if self.saver is not None:
                return
        self._add_made(self.used, made)
        self.save()

    def wait(self) -> None:
        """The pack is written: the child writing it (if any) has ended."""
        if self.saver is not None:
            from .. import parallel

            parallel.wait_for(self.saver)
            self.saver = self._handed_over = None

    def _save_elsewhere(self, made: dict) -> int | None:
        """The writing left to a forked child: the entries this run used, and `made`, made there.
        This process goes on as if saved; the child's pid, or None (nothing done: save here).

        Everything this process changes is changed before the fork, and what the child writes
        from is kept until it has ended: after a fork, each page this process writes to (a
        count of references is a write) is first copied, which cost 0.1 s at 100k claims."""
        from .. import parallel

        used, stored = self.used, self._stored
        self.used = dict.fromkeys(used) | dict.fromkeys(made)
        self.saved()
        pid = parallel.in_background(functools.partial(self._write_made, used, made))
        if pid is None:
            self.used, self._stored = used, stored
            return None
        self._handed_over = (used, made)
        return pid

    def _write_made(self, used: dict, made: dict) -> None:
        """In a child: the pack of `used` and `made`, whatever this run read of it."""
        self._add_made(used, made)
        self.used = used
        self._write()

    @staticmethod
    def _add_made(used: dict, made: dict) -> None:
        for key, make in made.items():
            try:
                used[key] = make()
            except Exception:  # noqa: BLE001 - an entry that cannot be kept: just no cache for it
                pass

    def _write(self) -> None:
        try:
            from .entries import prepare

            prepare(self._root)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            entry = StreamedCacheEntry(self.path)
            try:
                for piece in sealed_pieces(self.used):
                    entry.write(piece)
                entry.commit()
            except BaseException:
                entry.discard()
                raise
            ResultCache._prune(self.path.parent, PACKS_KEPT, self._max_bytes)
        except Exception:  # noqa: BLE001 - a read-only folder, a full disk: just no cache
            pass


def plain_value(data: bytes) -> object:
    """A pickle of built-in values only (a pack entry, or what a child sends back)."""
    return _PlainUnpickler(io.BytesIO(data)).load()


def pack_name(*parts: str) -> str:
    """A pack per corpus and working folder, so two corpora never push each other's entries out."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()
