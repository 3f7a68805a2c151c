"""Every file factcheck writes is replaced atomically: old or new, never torn."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _temporary_copy(target: Path, text: str) -> str:
    """`text` in a new temporary file beside `target`, flushed to disk; its path."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def atomic_write(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to a temporary file beside `path`, flush it to disk, rename it over `path`."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    temporary = _temporary_copy(target, text)
    try:
        try:
            os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


def append_text(path: str | os.PathLike[str], text: str) -> None:
    """Append to a file another program owns and reads after us (GitHub's step summary).

    Appending, not replacing, is that file's protocol; one write call keeps the
    addition whole.
    """
    with open(path, "a", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
        stream.flush()


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
