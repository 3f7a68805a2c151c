"""Every file factcheck writes is replaced atomically: old or new, never torn.

- A regular file (or a missing one) is written to a hidden temporary file
  beside it, flushed and renamed over it.
- A symlink is followed: the file it points to is replaced, the link stays.
- A target that is not a regular file (a device such as /dev/null or
  /dev/stdout, a FIFO) is written through, never replaced.
- A temporary left by a killed run (`.name.*.tmp`, older than a minute) is
  removed by the next write beside it.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable

STALE_TEMPORARY_SECONDS = 60  # a live write finishes long before; a killed one leaves its file


class NotRegularFile(OSError):
    """A file we must read or append to is a pipe, a device or a socket (it could block forever)."""


def real_target(path: str | os.PathLike[str]) -> Path:
    """Where a write to `path` lands: a symlink's final target (a dangling one too)."""
    target = Path(path)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def is_special(path: str | os.PathLike[str]) -> bool:
    """An existing target that is neither a regular file nor a folder (a device, a FIFO, a socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _temporary_copy(target: Path, text: str | Iterable[str]) -> str:
    """`text` (a string, or its pieces) in a new temporary file beside `target`, flushed to disk; its path."""
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(folder, target.name)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in _pieces(text):
                stream.write(_utf8(piece))
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove_if_there(temporary)
        raise
    return temporary


def _remove_if_there(temporary: str | os.PathLike[str]) -> None:
    """A failed write's temporary goes; one already gone (renamed or removed) is not a second error."""
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass


def replace_cache_entry(path: str | os.PathLike[str], data: bytes) -> None:
    """A cache entry: `data` in a temporary beside `path`, renamed over it.

    Atomic like `atomic_write` (a reader sees the old entry, the new one, or
    none), but not flushed to disk: an entry lost or emptied by a crash is
    only a cache miss, and a flush per entry would cost more than the parse
    it saves. The temporary's name is unique to this process and write
    (not `mkstemp`'s search: a cold run writes thousands of entries).
    Raises OSError; the caller (the cache) ignores it.
    """
    target = os.fspath(path)
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}-{next(_WRITES)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        _remove_if_there(temporary)
        raise


_WRITES = itertools.count()


def _pieces(text: str | Iterable[str | bytes]) -> Iterable[str | bytes]:
    return (text,) if isinstance(text, str) else text


def _utf8(piece: str | bytes) -> bytes:
    """A piece as the file holds it: text encoded (strictly, as a UTF-8 text file would), bytes as given."""
    return piece if isinstance(piece, bytes) else piece.encode("utf-8")


class StreamedCacheEntry:
    """A cache entry written piece by piece, like `replace_cache_entry`: a temporary
    beside `path`, renamed over it by `commit()`, removed by `discard()`. Raises OSError."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.target = Path(path)
        handle, self.temporary = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.stream = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        self.stream.close()
        os.replace(self.temporary, self.target)

    def discard(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass
        try:
            os.unlink(self.temporary)
        except FileNotFoundError:
            pass


def atomic_write(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write `text` to a temporary file beside `path`, flush it to disk, rename it over `path`.

    `text` may come in pieces (an iterable of strings): they are written as they
    come, and the file appears, whole, only after the last one. A failure while
    they are produced leaves the old file as it was.
    A symlink is followed (the link stays a link); a device or FIFO is written through.
    """
    if is_special(path):
        _write_through(path, text)
        return
    target = real_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    temporary = _temporary_copy(target, text)
    try:
        try:
            os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        _remove_if_there(temporary)
        raise
    try:  # make the rename itself durable
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


def _write_through(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    with open(path, "wb") as stream:
        for piece in _pieces(text):
            stream.write(_utf8(piece))
        stream.flush()


def remove_stale_temporaries(folder: str | os.PathLike[str], name: str) -> None:
    """Remove `.name.*.tmp` files that a killed writer left in `folder` (older than a minute)."""
    pattern = re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]+\.tmp")
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                os.unlink(entry.path)
        except OSError:
            pass


def append_text(path: str | os.PathLike[str], text: str) -> None:
    """Append to a file another program owns and reads after us (GitHub's step summary).

    Appending, not replacing, is that file's protocol. The addition is all or
    nothing: a failed write (a full disk) truncates the file back to where it
    was. A FIFO, device or socket is refused (NotRegularFile): it could block forever.
    """
    data = text.encode("utf-8")
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags, 0o644)
    except OSError as error:
        if is_special(path):
            raise NotRegularFile(error.errno, "not a regular file (a pipe, device or socket)") from None
        raise
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(0, "not a regular file (a pipe, device or socket)")
        start = info.st_size
        try:
            written = 0
            while written < len(data):
                written += os.write(handle, data[written:])
            os.fsync(handle)
        except BaseException:
            try:
                os.ftruncate(handle, start)
            except OSError:
                pass
            raise
    finally:
        os.close(handle)


def create_new(path: str | os.PathLike[str], text: str) -> None:
    """Write a new file, whole, and never over an existing one (FileExistsError).

    The text goes to a temporary file first; a hard link then gives it its name,
    which fails if the name is taken, even by a file created a moment ago.
    """
    temporary = _temporary_copy(Path(path), text)
    try:
        os.chmod(temporary, 0o644)
        os.link(temporary, path)
    finally:
        os.unlink(temporary)


def standard_stream(fd: int):
    """A UTF-8 text stream on a standard descriptor (1 or 2) that Python left without one."""
    import io

    return io.TextIOWrapper(open(fd, "wb", closefd=False), encoding="utf-8", line_buffering=True)
