"""A content-addressed cache of loaded claim files, as ruff and mypy keep one.

Per claim file, what loading it yields (its Source, Claims and diagnostics)
is stored under a hash of the file's bytes, its path as shown, and the code
that read it (factcheck's version, a fingerprint of its source files, PyYAML's
and Python's versions, `SCHEMA`). A hit skips parsing and validation; any
change to any of these is a miss. So the cache never changes a result: a
stale entry cannot be found, only recomputed.

It lives in `.factcheck_cache/` in the working directory (where paths are
shown relative to, so one corpus seen from two folders never shares entries),
with a `CACHEDIR.TAG` and a `.gitignore` of `*`, so backups and git skip it.

Safe under concurrent runs: an entry is written to a temporary file and
renamed into place (atomic), so a reader sees a whole entry or none; an entry
that cannot be read, is cut short, or holds anything but our own types is
ignored and rewritten. Entries are pickles read through an unpickler that
builds only factcheck's data classes, so a planted entry can run no code.
Any failure to read or write the cache is silent: it only costs time.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import sys
import time
from dataclasses import is_dataclass
from enum import Enum
from pathlib import Path

from .writes import STALE_TEMPORARY_SECONDS, StreamedCacheEntry, replace_cache_entry

CACHE_DIR_NAME = ".factcheck_cache"
SCHEMA = 4  # bump when what an entry holds changes shape
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file marks a cache folder made by factcheck.\n"
_ALLOWED_MODULES = ("factcheck.model", "factcheck.dates", "factcheck.values")


def default_dir() -> Path:
    return Path.cwd() / CACHE_DIR_NAME


def code_fingerprint() -> bytes:
    """What the cached results depend on besides the file: the code that read it."""
    import yaml

    from . import __version__

    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):  # a development checkout changes without a new version
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            pass
    libyaml = getattr(getattr(yaml, "_yaml", None), "get_version_string", lambda: "")()
    header = f"{SCHEMA}\0{__version__}\0{yaml.__version__}\0{libyaml}\0{sys.version}\0"
    digest.update(header.encode())
    return digest.digest()


def _allowed_class(cls: type) -> bool:
    module = cls.__module__
    return module in _ALLOWED_MODULES or module.startswith("factcheck.values.")


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of one of our frozen data classes, in order; None for anything else."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        from dataclasses import fields

        names = tuple(f.name for f in fields(cls)) if is_dataclass(cls) and _allowed_class(cls) else None
        _FIELD_NAMES[cls] = names
        return names


_RESTORERS: dict[type, object] = {}


def _restore(cls: type, values: tuple) -> object:
    """One of our data classes from its field values, as pickle's default would, without
    looking the fields up again for every object (loading a large corpus builds 200,000)."""
    try:
        restorer = _RESTORERS[cls]
    except KeyError:
        restorer = _RESTORERS[cls] = _restorer_of(cls)
    return restorer(values)  # type: ignore[operator]


def _restorer_of(cls: type):
    """A function that sets each field in turn, written out (as dataclasses writes __init__)."""
    names = _field_names(cls)
    if names is None:
        raise pickle.UnpicklingError(f"{cls!r} cannot be restored from a cache entry")
    unpacked = "".join(f"v{i}, " for i in range(len(names)))
    lines = ["def restore(values):", "    made = new(cls)", f"    ({unpacked}) = values"]
    lines += [f"    set(made, {name!r}, v{i})" for i, name in enumerate(names)]
    lines.append("    return made")
    scope: dict = {"new": object.__new__, "set": object.__setattr__, "cls": cls}
    exec("\n".join(lines), scope)  # noqa: S102 - our own field names, from dataclasses.fields
    return scope["restore"]


class _EntryPickler(pickle.Pickler):
    def reducer_override(self, obj: object) -> object:
        cls = type(obj)
        names = _field_names(cls) if not isinstance(obj, type) else None
        if names is None:
            return NotImplemented
        return _restore, (cls, tuple([getattr(obj, name) for name in names]))


def _entry_bytes(value: object) -> bytes:
    buffer = io.BytesIO()
    _EntryPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


_POSITIONS = frozenset(("line", "column", "field_positions"))


def without_positions(item: object) -> tuple:
    """A claim (or source) as what it says, leaving out where in its file it says it."""
    names = _field_names(type(item)) or ()
    return tuple(without_positions(getattr(item, name)) if name == "source" else getattr(item, name)
                 for name in names if name not in _POSITIONS)


class _SafeUnpickler(pickle.Unpickler):
    """Builds factcheck's own data classes and enums, nothing else."""

    def find_class(self, module: str, name: str) -> object:
        if module == __name__ and name == "_restore":
            return _restore
        if module in _ALLOWED_MODULES or module.startswith("factcheck.values."):
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type) and (is_dataclass(found) or issubclass(found, Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


class FileCache:
    """Entries of loaded claim files in one folder. Construct, then `get`/`put` by `key`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_dir()
        self.fingerprint = code_fingerprint()
        self._ready = False
        self.hits = self.misses = 0
        # The key of each file this run read, by its path as shown: a claim's file key and its
        # line and column say exactly what the claim is (GroupCache keys groups by them).
        self.keys: dict[str, str] = {}
        self._folders: set[str] = set()  # entry folders made (or found) by this run

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.blake2b(self.fingerprint, digest_size=20)
        digest.update(display.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        key = self.keys[display] = digest.hexdigest()
        return key

    def _path(self, key: str) -> Path:
        return self.folder / "files" / key[:2] / key

    def get(self, key: str) -> object | None:
        value = self.stored(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def stored(self, key: str) -> object | None:
        """The entry kept for `key`, or None (missing, cut short, planted); counts nothing."""
        try:
            with open(self._path(key), "rb") as handle:
                stored_key, value = _SafeUnpickler(io.BytesIO(handle.read())).load()
        except Exception:  # noqa: BLE001 - missing, cut short, planted: a miss either way
            return None
        return value if stored_key == key else None

    def put(self, key: str, value: object) -> None:
        path = self._path(key)
        try:
            self._prepare()
            if key[:2] not in self._folders:  # once per folder, not per entry
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(key[:2])
            replace_cache_entry(path, _entry_bytes((key, value)))
        except Exception:  # noqa: BLE001 - a read-only folder, a full disk: just no cache
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# made by factcheck\n*\n")):
            marker = self.folder / name
            if not marker.exists():
                replace_cache_entry(marker, text.encode("utf-8"))
        self._ready = True


def is_cache_dir(folder: Path) -> bool:
    """Only a folder that factcheck tagged is ever removed."""
    try:
        return (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == _TAG
    except OSError:
        return False


def clean(folder: Path | None = None) -> bool:
    """Remove the cache folder; False when there was none (or it is not ours)."""
    target = folder if folder is not None else default_dir()
    if not target.is_dir() or not is_cache_dir(target):
        return False
    shutil.rmtree(target)
    return True


# --- whole results -------------------------------------------------------------------------------

RESULT_MAGIC = b"factcheck-result 1\n"
RESULTS_KEPT = 16  # the most recently used results; older ones are removed after a write
_TRAILER = 24      # a 16-byte digest of the body and its 8-byte length end every entry
_BLOCK = 1 << 20


def inputs_digest(root: Path, display) -> bytes | None:
    """A digest of everything a run reads from the corpus: which claim and settings files there
    are, as shown, and their bytes (or why they cannot be read). None when `root` does not exist."""
    from .loader import discover, read_bytes

    if not root.exists():
        return None
    files = discover(root, display)
    digest = hashlib.blake2b(digest_size=20)
    for group, entries in ((b"claims", files.claim_files), (b"settings", files.settings_files)):
        digest.update(group + b"\0")
        for path, shown in entries:
            data, problem = read_bytes(path, shown)
            digest.update(shown.encode("utf-8", "surrogatepass") + b"\0")
            if data is None:
                digest.update(b"!" + repr(problem).encode("utf-8", "surrogatepass"))
            else:
                digest.update(b"%d\0" % len(data))
                digest.update(data)
            digest.update(b"\0")
    for problem in files.diagnostics:
        digest.update(b"?" + repr(problem).encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()


class ResultCache:
    """Whole outputs of a command, keyed by every input, the command's options and the code.

    A hit costs reading and hashing the corpus files, then copying the entry
    out: no parsing, matching, rules or rendering. An entry is the magic line,
    the key, a JSON line of what the command needs besides its text (exit
    code, warnings), the UTF-8 text, then a digest and length of that text:
    an entry cut short or altered fails the check and is a miss, before any
    of it is written out. Written as the output is produced (a large page is
    never held whole) to a temporary file, renamed into place when complete.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_dir()
        self.fingerprint = code_fingerprint()
        self._files = FileCache(self.folder)  # for the folder's tags
        self._files.fingerprint = self.fingerprint

    def key(self, inputs: bytes, options: dict) -> str:
        import json

        digest = hashlib.blake2b(self.fingerprint, digest_size=20)
        digest.update(inputs)
        digest.update(json.dumps(options, sort_keys=True, ensure_ascii=True).encode("ascii"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / "results" / key

    def get(self, key: str):
        """(meta, pieces of the text) for a whole, checked entry; None otherwise."""
        import json

        path = self._path(key)
        try:
            handle = open(path, "rb")
        except OSError:
            return None
        try:
            if handle.readline() != RESULT_MAGIC or handle.readline() != key.encode("ascii") + b"\n":
                raise ValueError("not this entry")
            meta = json.loads(handle.readline())
            start = handle.tell()
            size = os.fstat(handle.fileno()).st_size
            handle.seek(size - _TRAILER)
            trailer = handle.read(_TRAILER)
            length = int.from_bytes(trailer[16:], "big")
            if start + length + _TRAILER != size:
                raise ValueError("cut short")
            handle.seek(start)
            digest = hashlib.blake2b(digest_size=16)
            left = length
            while left:
                block = handle.read(min(_BLOCK, left))
                if not block:
                    raise ValueError("cut short")
                digest.update(block)
                left -= len(block)
            if digest.digest() != trailer[:16] or not isinstance(meta, dict):
                raise ValueError("altered")
        except Exception:  # noqa: BLE001 - cut short, altered, planted: a miss
            handle.close()
            return None
        try:
            os.utime(path)  # recently used: kept by pruning
        except OSError:
            pass
        return meta, self._pieces(handle, start, length)

    @staticmethod
    def _pieces(handle, start: int, length: int):
        import codecs

        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        with handle:
            handle.seek(start)
            left = length
            while left:
                block = handle.read(min(_BLOCK, left))
                left -= len(block)
                yield decoder.decode(block, final=not left)

    def recording(self, key: str, meta: dict, pieces, still_valid=lambda: True):
        """`pieces`, passed on unchanged, and written to an entry as they go.

        The entry is kept only if every piece went through and `still_valid()`
        (the inputs did not change while the run read them); any failure to
        write it is silent and only means no entry.
        """
        import json

        entry = None
        try:
            self._files._prepare()
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            entry = StreamedCacheEntry(path)
            entry.write(RESULT_MAGIC + key.encode("ascii") + b"\n")
            entry.write(json.dumps(meta, sort_keys=True).encode("utf-8") + b"\n")
        except Exception:  # noqa: BLE001
            entry = self._discard(entry)
        digest = hashlib.blake2b(digest_size=16)
        length = 0
        complete = False
        try:
            for piece in pieces:
                if entry is not None:
                    try:
                        for start in range(0, len(piece), _BLOCK):  # a large piece is not copied whole
                            data = piece[start:start + _BLOCK].encode("utf-8", "surrogatepass")
                            entry.write(data)
                            digest.update(data)
                            length += len(data)
                    except Exception:  # noqa: BLE001
                        entry = self._discard(entry)
                yield piece
            complete = True
        finally:
            if entry is not None:
                try:
                    if not complete or not still_valid():
                        raise ValueError("not kept")
                    entry.write(digest.digest() + length.to_bytes(8, "big"))
                    entry.commit()
                    self._prune(entry.target.parent)
                except Exception:  # noqa: BLE001
                    self._discard(entry)

    @staticmethod
    def _discard(entry) -> None:
        if entry is not None:
            entry.discard()
        return None

    @staticmethod
    def _prune(folder: Path, kept: int = RESULTS_KEPT) -> None:
        """Keep the most recently used entries; a removed one is only a miss for its next run."""
        try:
            entries, now = [], time.time()
            for entry in os.scandir(folder):
                if not entry.name.startswith("."):
                    entries.append(entry)
                elif now - entry.stat().st_mtime > STALE_TEMPORARY_SECONDS:  # a killed run's temporary
                    os.unlink(entry.path)
            entries.sort(key=lambda e: e.stat().st_mtime, reverse=True)
            for entry in entries[kept:]:
                os.unlink(entry.path)
        except OSError:
            pass


# --- packs of small entries ----------------------------------------------------------------------

PACK_MAGIC = b"factcheck-pack 2\n"
PACKS_KEPT = 16  # per kind: the most recently used packs (one per corpus and working folder)


class _PlainUnpickler(pickle.Unpickler):
    """Builds only built-in values (tuples, strings, numbers): a pack holds nothing else."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pack")


class Pack:
    """Many small content-addressed entries of one corpus, kept in one file.

    One file rather than one per entry: a corpus has tens of thousands of
    groups, and opening as many files would cost more than the work they save.
    Entries are still found by content (a key that hashes everything the entry
    depends on); the pack is only where they are kept. It is read whole at the
    first `get`, checked (a digest and length end it, as in ResultCache: cut
    short or altered, it is empty), and rewritten by `save` with exactly the
    entries this run used, renamed into place: concurrent runs each write a
    whole pack and the last rename wins; a reader sees one whole pack.
    """

    def __init__(self, folder: Path, kind: str, name: str) -> None:
        self.path = folder / kind / name
        self._root = folder
        self._stored: dict | None = None
        self.used: dict = {}
        self.hits = self.misses = 0

    def _load(self) -> dict:
        if self._stored is None:
            self._stored = {}
            try:
                data = self.path.read_bytes()
                body = data[len(PACK_MAGIC):-_TRAILER]
                trailer = data[-_TRAILER:]
                if (not data.startswith(PACK_MAGIC) or int.from_bytes(trailer[16:], "big") != len(body)
                        or hashlib.blake2b(body, digest_size=16).digest() != trailer[:16]):
                    raise ValueError("cut short or altered")
                stored = _PlainUnpickler(io.BytesIO(body)).load()
                if isinstance(stored, dict):
                    self._stored = stored
            except Exception:  # noqa: BLE001 - missing, cut short, planted: every entry a miss
                pass
        return self._stored

    def get(self, key: str) -> object | None:
        packed = self._load().get(key)
        try:
            value = _PlainUnpickler(io.BytesIO(packed)).load() if isinstance(packed, bytes) else None
        except Exception:  # noqa: BLE001 - damaged or planted: a miss
            value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self.used[key] = packed
        return value

    def put(self, key: str, value: object) -> None:
        # Kept pickled until saved: bytes take a fraction of the memory of as many small tuples.
        self.used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def forget(self, key: str) -> None:
        """An entry found but unusable (damaged): not written back."""
        self.used.pop(key, None)

    def save(self) -> None:
        """Write the entries used by this run, unless the pack holds exactly them already."""
        if self.misses == 0 and len(self.used) == len(self._load()):
            try:
                os.utime(self.path)  # recently used: kept by pruning
            except OSError:
                pass
            return
        try:
            FileCache(self._root)._prepare()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            body = pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL)
            self.used = {}
            trailer = hashlib.blake2b(body, digest_size=16).digest() + len(body).to_bytes(8, "big")
            entry = StreamedCacheEntry(self.path)
            try:
                for piece in (PACK_MAGIC, body, trailer):  # not joined: no second copy of the body
                    entry.write(piece)
                entry.commit()
            except BaseException:
                entry.discard()
                raise
            ResultCache._prune(self.path.parent, PACKS_KEPT)
        except Exception:  # noqa: BLE001 - a read-only folder, a full disk: just no cache
            pass


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
        from .matching import Group
        from .possible import PossibleMatch

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
            possible = tuple(PossibleMatch(*row) for row in possible_stored)
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
        from dataclasses import fields

        index = {id(c): i for i, c in enumerate(corpus.claims)}
        self.pack.put(key, (self._file_keys(corpus),
                            tuple((g.subject, g.property, tuple(index[id(c)] for c in g.claims)) for g in groups),
                            tuple(tuple(getattr(m, f.name) for f in fields(m)) for m in possible)))

    def key(self, group, topic: str, settings) -> str | None:
        """None when a claim did not come through the file cache (then nothing is cached)."""
        keys = self.files.keys
        digest = hashlib.blake2b(self.files.fingerprint, digest_size=20)
        parts = [repr(settings), topic, group.subject, group.property]
        try:
            parts.extend(f"{keys[c.source.path]}:{c.line}:{c.column}" for c in group.claims)
        except KeyError:
            return None
        digest.update("\0".join(parts).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def findings(self, key: str, group, topic: str) -> tuple[list, tuple] | None:
        """The group's findings and its claims in time order, as stored for `key`; None if absent."""
        from .model import Finding, FindingKind, Position

        stored = self.pack.get(key)
        if stored is None:
            return None
        claims = group.claims
        try:
            stored, order = stored
            in_time = tuple([claims[i] for i in order])
            if len(in_time) != len(claims):
                raise ValueError("not every claim of the group")
            found = [Finding(finding_id, FindingKind(kind), topic, group.subject, group.property,
                            tuple(Position(value, tuple(claims[i] for i in indexes), qualifier)
                                  for value, qualifier, indexes in positions), note)
                     for finding_id, kind, note, positions in stored]
        except Exception:  # noqa: BLE001 - an entry of the wrong shape: recomputed
            self.pack.forget(key)
            self.pack.misses += 1
            return None
        return found, in_time

    def store(self, key: str, group, findings, in_time) -> None:
        index = {id(c): i for i, c in enumerate(group.claims)}
        self.pack.put(key, (tuple(
            (f.id, f.kind.value, f.note,
             tuple((p.value, p.qualifier, tuple(index[id(c)] for c in p.claims)) for p in f.positions))
            for f in findings), tuple(index[id(c)] for c in in_time)))

    def save(self) -> None:
        self.pack.save()
