"""The cache's folder, its safe pickles, and the per-file entries (`FileCache`).

A claim file's Source, Claims and diagnostics are stored under a hash of its
bytes, its path as shown and the code that read it (`code_fingerprint`).
Entries are pickles read through an unpickler that builds only factcheck's
data classes, so a planted entry can run no code.
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
import shutil
import sys
from dataclasses import is_dataclass
from enum import Enum
from operator import attrgetter
from pathlib import Path

from ..bulk import draft_of
from ..writes import replace_cache_entry

CACHE_DIR_NAME = ".factcheck_cache"
SCHEMA = 4  # bump when what an entry holds changes shape
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file marks a cache folder made by factcheck.\n"
_ALLOWED_MODULES = ("factcheck.model", "factcheck.dates", "factcheck.values")


def default_dir() -> Path:
    return Path.cwd() / CACHE_DIR_NAME


@functools.cache  # once a process: the code it runs does not change under it (a run asked 3 or 4 times)
def code_fingerprint() -> bytes:
    """What the cached results depend on besides the file: the code that read it."""
    import yaml

    from .. import __version__

    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).parent.parent  # the whole factcheck package
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
    """A function that sets each field in turn, written out (as dataclasses writes __init__).

    A frozen class's fields are each set by a call of `object.__setattr__`. Where the class
    keeps its fields in slots, they are set on an object of an unfrozen class with the same
    slots (a plain store each) that is then given the real class, as Python allows between
    classes of one layout: restoring a large corpus takes half the time."""
    names = _field_names(cls)
    if names is None:
        raise pickle.UnpicklingError(f"{cls!r} cannot be restored from a cache entry")
    unpacked = "".join(f"v{i}, " for i in range(len(names)))
    draft = draft_of(cls, names)
    if draft is not None:
        lines = ["def restore(values):", "    made = draft()", f"    ({unpacked}) = values"]
        lines += [f"    made.{name} = v{i}" for i, name in enumerate(names)]
        lines += ["    made.__class__ = cls", "    return made"]
    else:
        lines = ["def restore(values):", "    made = new(cls)", f"    ({unpacked}) = values"]
        lines += [f"    set(made, {name!r}, v{i})" for i, name in enumerate(names)]
        lines.append("    return made")
    scope: dict = {"new": object.__new__, "set": object.__setattr__, "cls": cls, "draft": draft}
    exec("\n".join(lines), scope)  # noqa: S102 - our own field names, from dataclasses.fields
    restore = scope["restore"]
    return _shared(restore) if cls.__module__ == "factcheck.dates" or cls.__module__.startswith("factcheck.values") \
        else restore


def _shared(restore):
    """One object per distinct date or value: a corpus of 100,000 claims has a few hundred dates
    (the loader makes one object per date, and the formatters keep one text per date object, not
    per claim) and 6,000 distinct values, which each file's entry would otherwise build again.
    Both are immutable and compared by value; a value's text is among its fields, and its other
    fields are read from that text, so equal fields are the same value (never 0.0 for -0.0)."""
    made: dict[tuple, object] = {}

    def restore_shared(values: tuple) -> object:
        try:
            return made[values]
        except KeyError:
            found = made[values] = restore(values)
            return found
        except TypeError:  # a field that cannot be hashed: not shared
            return restore(values)

    return restore_shared


_GETTERS: dict[type, object] = {}


def _getter_of(cls: type):
    """A function from one of our data classes to its field values (a tuple), in C; None otherwise."""
    names = _field_names(cls)
    if names is None:
        getter = None
    elif len(names) > 1:
        getter = attrgetter(*names)
    else:  # attrgetter of one name gives the value, not a tuple
        getter = lambda obj, names=names: tuple([getattr(obj, name) for name in names])  # noqa: E731
    _GETTERS[cls] = getter
    return getter


class _EntryPickler(pickle.Pickler):
    def reducer_override(self, obj: object) -> object:
        cls = type(obj)  # a class itself is of `type` (or EnumType): not ours, pickled by name
        try:
            get = _GETTERS[cls]
        except KeyError:
            get = _getter_of(cls)
        if get is None:
            return NotImplemented
        return _restore, (cls, get(obj))  # type: ignore[operator]


def _entry_bytes(value: object) -> bytes:
    buffer = io.BytesIO()
    _EntryPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def entry_bytes(value: tuple) -> bytes:
    """(source, claims, diagnostics) of one file as an entry keeps them (what a child sends back)."""
    return _entry_bytes(value)


def entry_of(data: bytes) -> tuple:
    """The (source, claims, diagnostics) of `entry_bytes`; ValueError for anything else."""
    value = _SafeUnpickler(io.BytesIO(data)).load()
    if not _is_entry(value):
        raise ValueError("not a claim file's entry")
    return value


_POSITIONS = frozenset(("line", "column", "field_positions"))


def without_positions(item: object) -> tuple:
    """A claim (or source) as what it says, leaving out where in its file it says it."""
    names = _field_names(type(item)) or ()
    return tuple(without_positions(getattr(item, name)) if name == "source" else getattr(item, name)
                 for name in names if name not in _POSITIONS)


class _SafeUnpickler(pickle.Unpickler):
    """Builds factcheck's own data classes and enums, nothing else."""

    def find_class(self, module: str, name: str) -> object:
        try:
            return _FOUND[module, name]  # each entry names the same few classes: checked once a run
        except KeyError:
            pass
        if module == __name__ and name == "_restore":
            found = _restore
        elif module in _ALLOWED_MODULES or module.startswith("factcheck.values."):
            found = getattr(sys.modules.get(module), name, None)
            if not (isinstance(found, type) and (is_dataclass(found) or issubclass(found, Enum))):
                found = None
        else:
            found = None
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
        _FOUND[module, name] = found
        return found


_FOUND: dict[tuple[str, str], object] = {}


class FileCache:
    """Entries of loaded claim files, kept in one pack per corpus (`packs.Pack`).

    `open(root)` before `get`/`put` by `key`, `save()` when the corpus is loaded:
    the pack is read with one open and written once, not a file per entry."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_dir()
        self.fingerprint = code_fingerprint()
        self.pack = None
        # The key of each file this run read, by its path as shown: a claim's file key and its
        # line and column say exactly what the claim is (GroupCache keys groups by them).
        self.keys: dict[str, str] = {}
        # Entries this process loaded, pickled only when saved: by a child (`background`), while
        # this process goes on matching names on the other CPU.
        self._unpickled: dict[str, tuple] = {}
        self.background = False  # save() may leave the writing to a child; then call wait()

    def open(self, root: str) -> None:
        """Use the pack of the corpus at `root` (seen from the working folder)."""
        import os

        from .packs import Pack, pack_name

        self.pack = Pack(self.folder, LOADED_KIND, pack_name(LOADED_KIND, root, os.getcwd()),
                         unpickler=_SafeUnpickler, max_bytes=LOADED_BYTES_KEPT)

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.blake2b(self.fingerprint, digest_size=20)
        digest.update(display.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        key = self.keys[display] = digest.hexdigest()
        return key

    @property
    def hits(self) -> int:
        return self.pack.hits if self.pack is not None else 0

    @property
    def misses(self) -> int:
        return self.pack.misses if self.pack is not None else 0

    def get(self, key: str) -> tuple | None:
        """(source, claims, diagnostics) kept for `key`, or None (missing, damaged, planted)."""
        if self.pack is None:
            self.open("")
        value = self.pack.get(key, _is_entry)
        return value

    def stored(self, key: str) -> tuple | None:
        """The entry kept for `key` when the pack was read (also one this run no longer uses), or
        None; counts nothing."""
        return self.pack.peek(key, _is_entry) if self.pack is not None else None

    def holds(self, key: str) -> bool:
        """An entry is kept for `key` (it may still turn out damaged when read)."""
        if self.pack is None:
            self.open("")
        return self.pack.holds(key)

    def put_pickled(self, key: str, data: bytes, display: str | None = None) -> None:
        """An entry as `entry_bytes` made it, for a file this run loaded (a miss); `display`: the
        file's path as shown, when its key was made elsewhere (a child), not by `key` here."""
        if self.pack is None:
            self.open("")
        if display is not None:
            self.keys[display] = key
        self.pack.misses += 1
        self.pack.put_pickled(key, data)

    def holds_any(self) -> bool:
        """Any file's entry is kept: when none is, every file is parsed, and its key can be made
        where it is parsed."""
        if self.pack is None:
            self.open("")
        return self.pack.holds_any()

    def put(self, key: str, value: tuple) -> None:
        if self.pack is None:
            self.open("")
        self._unpickled[key] = value

    def save(self) -> None:
        """Write the pack with the entries this run used (nothing when it holds exactly them); with
        `background`, in a child when a CPU is idle (`wait()` for it)."""
        if self.pack is None:
            return
        made = {key: functools.partial(_entry_bytes, value) for key, value in self._unpickled.items()}
        self._unpickled = {}
        self.pack.save_made(made, self.background)
        _remove_per_file_entries(self.folder)

    def wait(self) -> None:
        """The pack is written: the child writing it (if any) has ended."""
        if self.pack is not None:
            self.pack.wait()


LOADED_KIND = "loaded"  # the packs of loaded claim files
LOADED_BYTES_KEPT = 256 * 1024 * 1024  # between them (100k claims take about 40 MB)


def _is_entry(value: object) -> bool:
    """(Source or None, claims, diagnostics), as `put` keeps them: anything else is a miss."""
    from ..model import Claim, Diagnostic, Source

    return (type(value) is tuple and len(value) == 3 and (value[0] is None or type(value[0]) is Source)
            and type(value[1]) is tuple and set(map(type, value[1])) <= {Claim}
            and type(value[2]) is tuple and set(map(type, value[2])) <= {Diagnostic})


def _remove_per_file_entries(folder: Path) -> None:
    """An older factcheck kept a file per entry in `files/`: nothing reads them now."""
    old = folder / "files"
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)


def prepare(folder: Path) -> None:
    """Make the cache folder, tagged (CACHEDIR.TAG) and ignored by git, if it is not yet."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# made by factcheck\n*\n")):
        marker = folder / name
        if not marker.exists():
            replace_cache_entry(marker, text.encode("utf-8"))


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
