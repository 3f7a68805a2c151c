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
import pickle
import shutil
import sys
from dataclasses import is_dataclass
from enum import Enum
from pathlib import Path

from .writes import replace_cache_entry

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
