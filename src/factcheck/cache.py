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
SCHEMA = 1  # bump when what an entry holds changes shape
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


class _SafeUnpickler(pickle.Unpickler):
    """Builds factcheck's own data classes and enums, nothing else."""

    def find_class(self, module: str, name: str) -> object:
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

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.blake2b(self.fingerprint, digest_size=20)
        digest.update(display.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / "files" / key[:2] / key

    def get(self, key: str) -> object | None:
        try:
            with open(self._path(key), "rb") as handle:
                stored_key, value = _SafeUnpickler(io.BytesIO(handle.read())).load()
        except Exception:  # noqa: BLE001 - missing, cut short, planted: a miss either way
            self.misses += 1
            return None
        if stored_key != key:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        path = self._path(key)
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_cache_entry(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
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
    def _prune(folder: Path) -> None:
        """Keep the most recently used entries; a removed one is only a miss for its next run."""
        try:
            entries, now = [], time.time()
            for entry in os.scandir(folder):
                if not entry.name.startswith("."):
                    entries.append(entry)
                elif now - entry.stat().st_mtime > STALE_TEMPORARY_SECONDS:  # a killed run's temporary
                    os.unlink(entry.path)
            entries.sort(key=lambda e: e.stat().st_mtime, reverse=True)
            for entry in entries[RESULTS_KEPT:]:
                os.unlink(entry.path)
        except OSError:
            pass
