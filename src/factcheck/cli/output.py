"""Standard output and error as the command line writes them.

- A reader that leaves early (`factcheck report | head`) is not an error: the
  rest of the output is dropped silently and the command keeps its verdict.
- A write that fails otherwise (stdout closed, disk full) is an `OutputError`:
  one line on stderr and exit code 3, distinct from invalid files (1) and
  usage errors (2).
- A stream that cannot encode our own glyphs (`PYTHONIOENCODING=ascii`, a C
  locale) gets ASCII stand-ins (`-` for `─` and `·`, `...` for `…`); other
  text is written as `\\xe9`-style escapes, never as a crash.
"""

from __future__ import annotations

import codecs
import io
import os
import sys

EXIT_OUTPUT = 3
ASCII_ERRORS = "factcheck-ascii"

# The formatters' own glyphs, and common typography, as ASCII.
_ASCII_STAND_INS = {
    "─": "-", "━": "-", "│": "|", "·": "-", "•": "*", "…": "...", "→": "->", "←": "<-",
    "✓": "v", "✔": "v", "✕": "x", "✗": "x", "◐": "~", "—": "--", "–": "-", "−": "-",
    "‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "\u00a0": " ", "×": "x", "≈": "~",
    "≥": ">=", "≤": "<=", "␛": "\\x1b",
}


def _ascii_stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    piece = error.object[error.start:error.end]
    shown = "".join(_ASCII_STAND_INS.get(ch) or ch.encode("ascii", "backslashreplace").decode("ascii") for ch in piece)
    return shown, error.end


codecs.register_error(ASCII_ERRORS, _ascii_stand_in)


class OutputError(Exception):
    """Output could not be written (not a problem of the corpus)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"cannot write to {where}: {reason}")


def reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def report_output_error(error: OutputError) -> int:
    try:
        sys.stderr.write(f"factcheck: {error}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return EXIT_OUTPUT


class _GuardedStream(io.TextIOBase):
    """A text stream that turns a broken pipe into silence and other failures into OutputError.

    It has no `buffer`, so click writes through it rather than around it.
    """

    def __init__(self, stream, name: str, closed: bool = False) -> None:
        self._stream = stream
        self._name = name
        self._closed_at_start = closed
        self._reader_left = False

    @property
    def encoding(self) -> str:
        return self._stream.encoding

    @property
    def errors(self) -> str:
        return self._stream.errors

    def isatty(self) -> bool:
        return not self._reader_left and not self._closed_at_start and self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    def _failed(self, error: OSError) -> None:
        if isinstance(error, BrokenPipeError):
            self._reader_left = True
            try:  # what is still buffered would fail again at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())
            except OSError:
                pass
            return
        raise OutputError(self._name, reason(error)) from None

    def write(self, text: str) -> int:
        if self._reader_left:
            return len(text)
        if self._closed_at_start:
            raise OutputError(self._name, "it is closed")
        try:
            return self._stream.write(text)
        except OSError as error:
            self._failed(error)
            return len(text)

    def flush(self) -> None:
        if self._reader_left or self._closed_at_start:
            return
        try:
            self._stream.flush()
        except OSError as error:
            self._failed(error)

    def write_utf8(self, data: bytes) -> None:
        """UTF-8 text already encoded: straight to the bytes underneath when the stream writes
        UTF-8 (after what its text layer holds), else decoded and written as text."""
        binary = getattr(self._stream, "buffer", None)
        if binary is None or (self._stream.encoding or "").lower().replace("_", "-") not in ("utf-8", "utf8"):
            self.write(data.decode("utf-8", "surrogatepass"))
            return
        if self._reader_left:
            return
        if self._closed_at_start:
            raise OutputError(self._name, "it is closed")
        try:
            self._stream.flush()
            binary.write(data)
        except OSError as error:
            self._failed(error)


def _reopen_on_devnull(fd: int) -> None:
    """Occupy a closed standard descriptor, so no file we open (or git inherits) takes its number."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _can_encode_our_glyphs(stream) -> bool:
    try:
        "─·…→✓".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def guard_standard_streams() -> None:
    """Install the guards on sys.stdout and sys.stderr (the console entry point only)."""
    closed = {fd: not _is_open(fd) for fd in (0, 1, 2)}
    for fd, is_closed in closed.items():
        if is_closed:
            _reopen_on_devnull(fd)
    from ..writes import standard_stream

    if sys.stdout is None or closed[1]:
        sys.stdout = standard_stream(1)
    if sys.stderr is None or closed[2]:
        sys.stderr = standard_stream(2)
    for stream in (sys.stdout, sys.stderr):
        if not _can_encode_our_glyphs(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=ASCII_ERRORS)
    sys.stdout = _GuardedStream(sys.stdout, "standard output", closed=closed[1])
    sys.stderr = _GuardedStream(sys.stderr, "standard error")
