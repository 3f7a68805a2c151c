"""What a run reads from a corpus, read once: its files, each file's bytes, and a digest of them all.

The cache of whole outputs is keyed by the digest, and the loader parses the
very same bytes, so an output is always stored under the key of what it was
made from, even when a file changes while the run reads: nothing is found or
read a second time to compare.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import Diagnostic
from .discovery import CorpusFiles, discover, display_path
from .reading import read_bytes


@dataclass(frozen=True, slots=True)
class FileBytes:
    """One file as read: its bytes, or why it could not be read."""
    path: Path
    shown: str
    data: bytes | None
    problem: Diagnostic | None


@dataclass(frozen=True, slots=True)
class CorpusInputs:
    """Every claim and settings file under a corpus folder, found and read once."""
    root: Path
    files: CorpusFiles
    claims: tuple[FileBytes, ...]
    settings: tuple[FileBytes, ...]
    display: Callable[[Path], str]

    def digest(self) -> bytes:
        """Which claim and settings files there are, as shown, and their bytes (or why they cannot
        be read), and the problems met finding them."""
        digest = hashlib.blake2b(digest_size=20)
        for group, read in ((b"claims", self.claims), (b"settings", self.settings)):
            digest.update(group + b"\0")
            for file in read:
                digest.update(file.shown.encode("utf-8", "surrogatepass") + b"\0")
                if file.data is None:
                    digest.update(b"!" + repr(file.problem).encode("utf-8", "surrogatepass"))
                else:
                    digest.update(b"%d\0" % len(file.data))
                    digest.update(file.data)
                digest.update(b"\0")
        for problem in self.files.diagnostics:
            digest.update(b"?" + repr(problem).encode("utf-8", "surrogatepass") + b"\0")
        return digest.digest()


def read_inputs(root: Path, display: Callable[[Path], str] = display_path) -> CorpusInputs | None:
    """Find and read every file under `root`; None when `root` does not exist."""
    if not root.exists():
        return None
    files = discover(root, display)
    return CorpusInputs(root, files, read_files(files.claim_files), read_files(files.settings_files), display)


def read_files(found: tuple[tuple[Path, str], ...]) -> tuple[FileBytes, ...]:
    """Each (path, name as shown) read."""
    return tuple(FileBytes(path, shown, *read_bytes(path, shown)) for path, shown in found)
