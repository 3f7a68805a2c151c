"""Reading one file: bounded in size, regular files only, UTF-8 with positions for bad bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .. import codes
from ..model import Diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024  # a claim file holds one article's claims


def decode(path: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Bytes to text, refusing binary files and invalid UTF-8 with a position."""
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        return None, Diagnostic(path, line, column, codes.BINARY_FILE, "binary file (NUL byte); a claim file is UTF-8 text")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + bom
        line, column = _byte_position(data, offset)
        return None, Diagnostic(
            path, line, column, codes.NOT_UTF8,
            f"invalid UTF-8 (byte 0x{data[offset]:02x}); save the file as UTF-8",
        )
    return text, None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    line_text = before[line_start:]
    if line_text.startswith(b"\xef\xbb\xbf"):
        line_text = line_text[3:]
    column = len(line_text.decode("utf-8", errors="replace")) + 1
    return line, column


def _too_large(display: str, size: int) -> Diagnostic:
    return Diagnostic(
        display, 1, 1, codes.FILE_TOO_LARGE,
        f"file is {size / 1024 / 1024:.1f} MiB, over the {MAX_FILE_BYTES // 1024 // 1024} MiB "
        "limit for one claim file; split it, or shorten long fields",
    )


# Non-blocking: opening a FIFO must not wait for a writer (the flags are POSIX-only).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def read_text(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    """Read a regular file, bounded in size, as UTF-8 text (see `read_bytes`)."""
    data, problem = read_bytes(path, display)
    if problem is not None:
        return None, problem
    assert data is not None
    return decode(display, data)


def read_bytes(path: Path, display: str) -> tuple[bytes | None, Diagnostic | None]:
    """Read a regular file, bounded in size.

    Opened non-blocking and checked on the open descriptor, so a FIFO or a
    device named `.yaml` is refused instead of hanging or reading forever.
    """
    try:
        handle = os.open(path, _READ_FLAGS)
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                return None, Diagnostic(display, 1, 1, codes.UNREADABLE,
                                        "not a regular file (a pipe, device or socket); a claim file is a text file")
            if info.st_size > MAX_FILE_BYTES:
                return None, _too_large(display, info.st_size)
            # As much as it holds and one byte more: asking for the most allowed each time would
            # allocate 2 MiB per file (3 times slower over a large corpus).
            data = _read_all(handle, info.st_size + 1)
            if len(data) > info.st_size:  # it grew after fstat (or says 0, as some special files do)
                data += _read_all(handle, MAX_FILE_BYTES + 1 - len(data))
        finally:
            os.close(handle)
    except OSError as error:
        reason = error.strerror or str(error)
        return None, Diagnostic(display, 1, 1, codes.UNREADABLE, f"cannot read file: {reason.lower()}")
    if len(data) > MAX_FILE_BYTES:  # it grew after fstat
        return None, _too_large(display, len(data))
    return data, None


def _read_all(handle: int, limit: int) -> bytes:
    """Up to `limit` bytes from a descriptor, without a buffered stream around it (a corpus has
    thousands of files); a short read (a file growing meanwhile) is followed by another."""
    pieces = []
    left = limit
    while left > 0:
        piece = os.read(handle, left)
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)
