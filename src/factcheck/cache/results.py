"""Whole results (`ResultCache`): a command's whole output, keyed by every input it reads.

A warm run with nothing changed writes the stored output and stops.
"""

from __future__ import annotations

import hashlib
import os
import time
import zlib
from pathlib import Path

from ..writes import STALE_TEMPORARY_SECONDS, StreamedCacheEntry
from . import entries
from .entries import default_dir, prepare

RESULT_MAGIC = b"factcheck-result 2\n"
RESULTS_KEPT = 16  # the most recently used results; older ones are removed after a write
RESULTS_BYTES_KEPT = 512 * 1024 * 1024  # and no more than this between them (a 100k report is 141 MB)
# A CRC-32 of the body (4 bytes) and its length (8 bytes) end every entry. A check against an entry cut
# short or damaged, not a key (keys are BLAKE2): CRC-32 reads 141 MB in 0.04 s, BLAKE2 in 0.3 s.
_CHECK = 4
_TRAILER = _CHECK + 8
_BLOCK = 1 << 20


def check_bytes(crc: int) -> bytes:
    """A running `zlib.crc32` as the trailer holds it."""
    return crc.to_bytes(_CHECK, "big")


def entry_layout(handle, key: str) -> tuple[bytes, int, int, bytes]:
    """The parts of the stored entry for `key` open as `handle`: its meta line, where its text
    starts, the text's length and its CRC-32 (unchecked). ValueError (or OSError) when the file
    is not that entry or is cut short."""
    if handle.readline() != RESULT_MAGIC or handle.readline() != key.encode("ascii") + b"\n":
        raise ValueError("not this entry")
    meta_line = handle.readline()
    start = handle.tell()
    size = os.fstat(handle.fileno()).st_size
    handle.seek(size - _TRAILER)
    trailer = handle.read(_TRAILER)
    length = int.from_bytes(trailer[_CHECK:], "big")
    if start + length + _TRAILER != size:
        raise ValueError("cut short")
    return meta_line, start, length, trailer[:_CHECK]


class ResultCache:
    """Whole outputs of a command, keyed by every input, the command's options and the code.

    A hit costs reading and hashing the corpus files, then copying the entry
    out: no parsing, matching, rules or rendering. An entry is the magic line,
    the key, a JSON line of what the command needs besides its text (exit
    code, warnings), the UTF-8 text, then a CRC-32 and length of that text:
    an entry cut short or altered fails the check and is a miss, before any
    of it is written out. Written as the output is produced (a large page is
    never held whole) to a temporary file, renamed into place when complete.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_dir()
        self.fingerprint = entries.code_fingerprint()

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
            meta_line, start, length, stored_check = entry_layout(handle, key)
            meta = json.loads(meta_line)
            handle.seek(start)
            check = 0
            left = length
            while left:
                block = handle.read(min(_BLOCK, left))
                if not block:
                    raise ValueError("cut short")
                check = zlib.crc32(block, check)
                left -= len(block)
            if check_bytes(check) != stored_check or not isinstance(meta, dict):
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

    def recording(self, key: str, meta: dict, pieces):
        """`pieces`, passed on unchanged, and written to an entry as they go.

        The entry is kept only if every piece went through (the run loads the
        very bytes its key was made from, so nothing can change under it); any
        failure to write it is silent and only means no entry.
        """
        import json

        entry = None
        try:
            prepare(self.folder)
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            entry = StreamedCacheEntry(path)
            entry.write(RESULT_MAGIC + key.encode("ascii") + b"\n")
            entry.write(json.dumps(meta, sort_keys=True).encode("utf-8") + b"\n")
        except Exception:  # noqa: BLE001
            entry = self._discard(entry)
        check = length = 0
        complete = False
        try:
            for piece in pieces:
                if entry is not None:
                    try:
                        if isinstance(piece, bytes):  # UTF-8 already
                            entry.write(piece)
                            check = zlib.crc32(piece, check)
                            length += len(piece)
                        else:
                            for start in range(0, len(piece), _BLOCK):  # a large piece is not copied whole
                                data = piece[start:start + _BLOCK].encode("utf-8", "surrogatepass")
                                entry.write(data)
                                check = zlib.crc32(data, check)
                                length += len(data)
                    except Exception:  # noqa: BLE001
                        entry = self._discard(entry)
                yield piece
            complete = True
        finally:
            if entry is not None:
                try:
                    if not complete:
                        raise ValueError("not kept")
                    entry.write(check_bytes(check) + length.to_bytes(8, "big"))
                    entry.commit()
                    self._prune(entry.target.parent, RESULTS_KEPT, RESULTS_BYTES_KEPT)
                except Exception:  # noqa: BLE001
                    self._discard(entry)

    @staticmethod
    def _discard(entry) -> None:
        if entry is not None:
            entry.discard()
        return None

    @staticmethod
    def _prune(folder: Path, kept: int = RESULTS_KEPT, max_bytes: int | None = None) -> None:
        """Keep the `kept` most recently used entries, within `max_bytes` between them (the newest is
        always kept); a removed one is only a miss for its next run."""
        try:
            entries, now = [], time.time()
            for entry in os.scandir(folder):
                if not entry.name.startswith("."):
                    entries.append(entry)
                elif now - entry.stat().st_mtime > STALE_TEMPORARY_SECONDS:  # a killed run's temporary
                    os.unlink(entry.path)
            entries.sort(key=lambda e: e.stat().st_mtime, reverse=True)
            total = 0
            for rank, entry in enumerate(entries):
                total += entry.stat().st_size
                if rank >= kept or (rank > 0 and max_bytes is not None and total > max_bytes):
                    os.unlink(entry.path)
        except OSError:
            pass
