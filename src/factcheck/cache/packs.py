"""Packs of small entries, and the per-group findings cache built on them (`GroupCache`)."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import zlib
from pathlib import Path
from typing import Iterator

from ..writes import StreamedCacheEntry
from .entries import FileCache, without_positions
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
    check, index, offset = 0, {}, 0
    for key in sorted(entries):  # the same file whatever order the entries came in (children send theirs as they end)
        data = entries[key]
        index[key] = (offset, offset + len(data))
        offset += len(data)
        check = zlib.crc32(data, check)
        yield data
    packed_index = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    ending = packed_index + len(packed_index).to_bytes(8, "big")
    yield ending
    yield check_bytes(zlib.crc32(ending, check)) + (offset + len(ending)).to_bytes(8, "big")


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
        used, self.used = self.used, {}
        # Copied out: a view would keep the whole file's bytes.
        self._stored = {key: bytes(value) for key, value in stored.items() if key not in used}

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


def possible_rows(possible) -> tuple:
    """Possible matches as plain rows (their fields in order): how the cache keeps them, and how a
    child process sends them back."""
    from dataclasses import fields

    return tuple(tuple(getattr(m, f.name) for f in fields(m)) for m in possible)


def possible_of_rows(rows) -> tuple:
    from ..possible import PossibleMatch

    return tuple(PossibleMatch(*row) for row in rows)


def group_entry(group, findings, in_time) -> tuple:
    """A group's findings and its claims in time order as plain values: each claim an index into
    the group (how the group cache keeps them, and how a child process sends them back)."""
    index = {id(c): i for i, c in enumerate(group.claims)}
    return (tuple((f.id, f.kind.value, f.note,
                   tuple((p.value, p.qualifier, tuple(index[id(c)] for c in p.claims)) for p in f.positions))
                  for f in findings), tuple(index[id(c)] for c in in_time))


def findings_from_entry(entry, group, topic: str) -> tuple[list, tuple]:
    """The findings and claims in time order of `group_entry`, built on the group's claims; raises
    for an entry of another shape or another group."""
    from ..model import Finding, Position

    stored, order = entry
    claims = group.claims
    claim = claims.__getitem__  # mapped in C over each list of indexes
    in_time = tuple(map(claim, order))
    if len(in_time) != len(claims):
        raise ValueError("not every claim of the group")
    kinds = _kinds()  # a look-up, not an enum call per finding
    subject, prop = group.subject, group.property
    found = [Finding(finding_id, kinds[kind], topic, subject, prop,
                     tuple([Position(value, tuple(map(claim, indexes)), qualifier)
                            for value, qualifier, indexes in positions]), note)
             for finding_id, kind, note, positions in stored]
    return found, in_time


@functools.cache
def _kinds() -> dict:
    """Each finding kind by its value, made once (not once per group: 25,000 enum walks)."""
    from ..model import FindingKind

    return {kind.value: kind for kind in FindingKind}


def pack_name(*parts: str) -> str:
    """A pack per corpus and working folder, so two corpora never push each other's entries out."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


class GroupCache:
    """The findings of each group of claims, keyed by what they depend on.

    A group's findings depend only on its claims (each named by its file's
    key in the FileCache, which hashes the file's bytes, path and the code,
    and its line and column: what the claim says and where), the topic and
    names it is shown under, and the settings. A group none of whose claims
    changed is not compared again; one that gained, lost or moved a claim
    has a new key. An entry holds each finding as plain values, its claims
    as indexes into the group, so no claim is stored twice.
    """

    def __init__(self, files: FileCache, root: str) -> None:
        self.files = files
        self.pack = Pack(files.folder, "groups", pack_name("groups", root, os.getcwd()))
        self._settings = self._base = None
        # Each finding of this run (by id) with its group's key: what its JSON text depends on
        # (`fragments.JsonFragments`). The finding is kept beside it, so an id is never reused.
        self.finding_keys: dict[int, tuple[str, object]] = {}

    def corpus_key(self, corpus, settings) -> str | None:
        """Where what is decided over the whole corpus from names, values and dates (which claims
        form each group, and the possible matches) is kept: one entry per corpus, its files and
        the settings. None when a file was not read through the file cache."""
        keys = self.files.keys
        if any(source.path not in keys for source in corpus.sources):
            return None
        digest = hashlib.blake2b(self.files.fingerprint, digest_size=20)
        digest.update(repr(settings).encode("utf-8", "surrogatepass") + b"\0")
        for source in corpus.sources:
            digest.update(source.path.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(b"%d" % len(corpus.claims))
        return "corpus-" + digest.hexdigest()

    def corpus_entry(self, key: str, corpus) -> tuple | None:
        """(groups, possible matches) as stored for `key`, built on this run's claims; None if absent
        or if a file now says something else than when they were stored.

        The entry names the file keys it was made from. A file whose key changed is compared
        with its earlier entry in the file cache, without positions: a comment that moves every
        claim of a file down a line changes no name, value or date, so the corpus is not matched
        again. Only changed files are compared: a cold run computes nothing for this."""
        from ..matching import Group

        stored = self.pack.get(key)
        if stored is None:
            return None
        claims = corpus.claims
        try:
            file_keys, groups_stored, possible_stored = stored
            if not self._says_the_same(file_keys, corpus):
                self.pack.forget(key)
                self.pack.misses += 1
                return None
            groups = [Group(subject, prop, tuple(claims[i] for i in indexes)) for subject, prop, indexes in groups_stored]
            possible = possible_of_rows(possible_stored)
            if sorted(i for _s, _p, indexes in groups_stored for i in indexes) != list(range(len(claims))):
                raise ValueError("not every claim in one group")
        except Exception:  # noqa: BLE001 - an entry of the wrong shape: recomputed
            self.pack.forget(key)
            self.pack.misses += 1
            return None
        if tuple(file_keys) != self._file_keys(corpus):  # kept under this run's file keys
            self.pack.put(key, (self._file_keys(corpus), groups_stored, possible_stored))
            self.pack.misses += 1  # the pack is rewritten
        return groups, possible

    def _file_keys(self, corpus) -> tuple[str, ...]:
        return tuple(self.files.keys[source.path] for source in corpus.sources)

    def _says_the_same(self, file_keys, corpus) -> bool:
        now = self._file_keys(corpus)
        if len(file_keys) != len(now):
            return False
        changed = {source.path: old for source, old, new in zip(corpus.sources, file_keys, now) if old != new}
        if not changed:
            return True
        claims_now: dict[str, list] = {path: [] for path in changed}
        for claim in corpus.claims:
            found = claims_now.get(claim.source.path)
            if found is not None:
                found.append(claim)
        sources_now = {source.path: source for source in corpus.sources if source.path in changed}
        for path, old_key in changed.items():
            earlier = self.files.stored(old_key)
            if not isinstance(earlier, tuple) or len(earlier) < 2:
                return False
            old_source, old_claims = earlier[0], earlier[1]
            if (without_positions(old_source) != without_positions(sources_now[path])
                    or [without_positions(c) for c in old_claims] != [without_positions(c) for c in claims_now[path]]):
                return False
        return True

    def store_corpus(self, key: str, corpus, groups, possible) -> None:
        index = {id(c): i for i, c in enumerate(corpus.claims)}
        self.pack.put(key, (self._file_keys(corpus),
                            tuple((g.subject, g.property, tuple(index[id(c)] for c in g.claims)) for g in groups),
                            possible_rows(possible)))

    def key(self, group, topic: str, settings) -> str | None:
        """None when a claim did not come through the file cache (then nothing is cached)."""
        keys = self.files.keys
        if self._settings is not settings:  # the settings are hashed once per run, not once per group
            self._settings = settings
            self._base = hashlib.blake2b(self.files.fingerprint, digest_size=20)
            self._base.update(repr(settings).encode("utf-8", "surrogatepass") + b"\0")
        digest = self._base.copy()
        parts = [topic, group.subject, group.property]
        try:
            parts.extend([f"{keys[c.source.path]}:{c.line}:{c.column}" for c in group.claims])  # what and where
        except KeyError:
            return None
        digest.update("\0".join(parts).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def holds(self, key: str) -> bool:
        """An entry is kept for `key` (it may still turn out damaged when read)."""
        return self.pack.holds(key)

    def findings(self, key: str, group, topic: str) -> tuple[list, tuple] | None:
        """The group's findings and its claims in time order, as stored for `key`; None if absent."""
        stored = self.pack.get(key)
        if stored is None:
            return None
        try:
            found, in_time = findings_from_entry(stored, group, topic)
        except Exception:  # noqa: BLE001 - an entry of the wrong shape: recomputed
            self.pack.forget(key)
            self.pack.misses += 1
            return None
        self._note(key, found)
        return found, in_time

    def _note(self, key: str, findings) -> None:
        keys = self.finding_keys
        for finding in findings:
            keys[id(finding)] = (key, finding)

    def store(self, key: str, group, findings, in_time) -> None:
        self._note(key, findings)
        self.pack.put(key, group_entry(group, findings, in_time))

    def store_pickled(self, key: str, group, findings, data: bytes) -> None:
        """The findings of a group compared elsewhere, and their entry as sent (a pickle of `group_entry`)."""
        self._note(key, findings)
        self.pack.misses += 1
        self.pack.put_pickled(key, data)

    def save(self) -> None:
        self.pack.save()
