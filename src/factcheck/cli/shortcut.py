"""A warm `factcheck check [PATH]`, answered before typer is imported.

Importing typer (and the click it vendors) is a third of a warm check's
time, and pre-commit runs `factcheck check` on every commit. When the command
line is exactly `check` or `check PATH`, the result is the one `check` would
look up itself: the format is text (not in GitHub Actions), PATH exists and
is readable (what typer requires of it), or, without PATH, the corpus found
is `./claims` (so there is no notice to print). The stored output is looked
up under the key `check` uses (`common.check_outputs`); a hit is written out
and its exit code returned. Anything else returns None, and the command runs
through typer as usual (on a miss, without hashing the files again).
"""

from __future__ import annotations

import os
from pathlib import Path


def stored_check(arguments: list[str]) -> int | None:
    """The exit code of `check ARGUMENTS` answered from the cache of whole outputs; None: run it."""
    if len(arguments) > 1 or os.environ.get("GITHUB_ACTIONS") == "true":
        return None
    from .common import CORPUS_FOLDER, check_outputs, find_corpus

    if arguments:
        given = arguments[0]
        if not given or given.startswith("-"):
            return None
        try:
            os.stat(given)
        except (OSError, ValueError):
            return None
        if not os.access(given, os.R_OK):
            return None
        path = Path(given)
    else:
        found = find_corpus(Path.cwd())
        if found is None or Path(os.path.relpath(found)) != Path(CORPUS_FOLDER):
            return None
        path = Path(CORPUS_FOLDER)
    outputs = check_outputs(path, "text", strict=False, verbose=False)
    code = outputs.replay(None)
    if code is None:
        outputs.hand_over()
    return code
