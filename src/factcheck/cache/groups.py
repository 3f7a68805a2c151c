"""The findings of each group, kept in a pack (`GroupCache`), and the plain values they are kept as
(also what a child process sends back)."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from functools import partial

from .entries import FileCache, without_positions
from .packs import Pack, pack_name


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
    at = dict(zip(map(id, group.claims), range(len(group.claims)))).__getitem__  # each list mapped in C
    return (tuple([(f.id, f.kind.value, f.note,
                    tuple([(p.value, p.qualifier, tuple(map(at, map(id, p.claims)))) for p in f.positions]))
                   for f in findings]), tuple(map(at, map(id, in_time))))


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


def _pickled(make) -> bytes:
    return pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)


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
        # The corpus's entry when no child made it (`store_corpus`), built when the pack is written:
        # by a child (`background`) while this process writes the report. Each group's entry is
        # pickled as it is stored, where it was compared (here or in a child), so that a cold run
        # needs no child holding this process's memory: after a fork, each page this process then
        # writes to is first copied (making the report took 0.1 s longer at 100k claims).
        self._unsaved: dict[str, partial] = {}
        self.background = False  # save() may leave the writing to a child; then call wait()

    def settle(self) -> None:
        """Wait for the claim files' pack to be written (a child may be writing it), before work
        that shares every CPU with children."""
        self.files.wait()

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
        self._unsaved[key] = partial(self._corpus_value, corpus, groups, possible)

    def corpus_entry_bytes(self, corpus, groups, possible) -> bytes:
        """The corpus's entry (`store_corpus`), pickled: what a child sends."""
        return _pickled(partial(self._corpus_value, corpus, groups, possible))

    def store_corpus_pickled(self, key: str, data: bytes) -> None:
        """The corpus's entry as `corpus_entry_bytes` made it (in a child)."""
        self.pack.put_pickled(key, data)

    def _corpus_value(self, corpus, groups, possible) -> tuple:
        at = dict(zip(map(id, corpus.claims), range(len(corpus.claims)))).__getitem__
        return (self._file_keys(corpus),
                tuple([(g.subject, g.property, tuple(map(at, map(id, g.claims)))) for g in groups]),
                possible_rows(possible))

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

    def holds_any(self) -> bool:
        """Any group's entry is kept: when none is, every group is compared, and its key can be
        made where it is compared."""
        return self.pack.holds_any()

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
        self.pack.put_pickled(key, pickle.dumps(group_entry(group, findings, in_time), protocol=pickle.HIGHEST_PROTOCOL))

    def store_pickled(self, key: str, group, findings, data: bytes) -> None:
        """The findings of a group compared elsewhere, and their entry as sent (a pickle of `group_entry`)."""
        self._note(key, findings)
        self.pack.misses += 1
        self.pack.put_pickled(key, data)

    def save(self) -> None:
        """Write the pack with the entries this run used; with `background` and the corpus's entry
        still to build (no child made it: a corpus too small to share), in a child when a CPU is
        idle (`wait()` for it), which builds and pickles it there."""
        made = {key: partial(_pickled, value) for key, value in self._unsaved.items()}
        self._unsaved = {}
        self.pack.save_made(made, self.background)

    def wait(self) -> None:
        """The pack is written: the child writing it (if any) has ended."""
        self.pack.wait()
