"""What the curator's YAML files are edited with (`_resolutions.yaml` by `factcheck resolve`,
`_aliases.yaml` by `factcheck matches`): a lock that serialises the writers of one corpus, and
scalars written so that they read back as exactly the text given."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def corpus_lock(folder: Path) -> Iterator[None]:
    """Serialise writers of one corpus: flock the folder itself (no lock file to commit by mistake)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock on this platform: atomic replace still holds
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # some file systems refuse locks on folders: use a lock file beside
            os.close(handle)
            handle = os.open(folder / ".factcheck-resolutions.lock", os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def yaml_scalar(text: str, flow: bool = False) -> str:
    """One line of YAML that reads back as exactly `text`: plain when safe, else quoted."""
    import yaml  # loaded only when a file is edited

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # our reader keeps dates as text; no need for quotes
    dumped = yaml.safe_dump(text, allow_unicode=True, width=2**31, default_flow_style=True)
    dumped = dumped.removesuffix("\n").removesuffix("\n...").rstrip("\n")
    if "\n" in dumped or not text.isprintable() or (flow and any(ch in text for ch in "[],{}#")):
        dumped = yaml.safe_dump(text, allow_unicode=True, width=2**31, default_style='"').rstrip("\n")
    return dumped
