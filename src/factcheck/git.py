"""Git access: the files changed since a ref (`check --changed-since`) and the reviewer's name.

Every call runs `git` with options that no user or repository config can
change, and never takes optional locks. Nothing here prints or exits: failures
are `GitError`s whose message is shown to the user as is.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    """Why the changed files could not be listed; shown to the user as is."""


def changed_files(folder: str | os.PathLike[str], ref: str) -> set[Path]:
    """Files changed since `ref`, as absolute resolved paths.

    Changed means: committed on this branch since it left `ref` (the merge
    base, as `git diff REF...` does), plus staged, unstaged and untracked
    (not ignored) files, so a new claim file counts before it is committed.
    """
    cwd = Path(folder)
    cwd = cwd if cwd.is_dir() else cwd.parent
    top = _git(cwd, "rev-parse", "--show-toplevel", failure=f"{folder} is not in a git repository").strip()
    if ref.startswith("-"):
        raise GitError(f"--changed-since {ref!r}: not a git ref")
    _git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}",
         failure=f"--changed-since {ref!r}: unknown git ref (fetch it first, e.g. git fetch origin main)")
    base = _git(cwd, "merge-base", ref, "HEAD",
                failure=f"--changed-since {ref!r}: no common history with HEAD").strip()
    # Explicit options, so no user or repository config changes what "changed" means: diff.relative
    # would list paths relative to the corpus folder (and miss the rest), an external diff or
    # textconv driver would run a program, renames are listed as a deletion and an addition.
    names = _git(cwd, "diff", "--no-relative", "--no-ext-diff", "--no-textconv", "--name-only", "-z",
                 "--no-renames", base, "--").split("\0")
    names += _git(cwd, "ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/").split("\0")
    root = Path(top)
    return {(root / name).resolve() for name in names if name}


_GIT_CONFIG = ("-c", "diff.relative=false", "-c", "core.quotepath=off", "-c", "core.fsmonitor=false",
               "-c", "status.relativePaths=false")


def _git(cwd: Path, *args: str, failure: str = "git failed") -> str:
    try:
        done = subprocess.run(["git", *_GIT_CONFIG, *args], cwd=cwd, capture_output=True, text=True, check=False,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not installed") from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        expected = not detail or "not a git repository" in detail[-1] or args[:2] == ("rev-parse", "--verify")
        raise GitError(failure if expected else f"{failure} (git: {detail[-1].removeprefix('fatal: ')})")
    return done.stdout


def user_name(folder: Path) -> str:
    """`git config user.name` as seen from `folder`, or "" (no git, no repository, not set)."""
    try:
        done = subprocess.run(["git", "config", "user.name"], cwd=folder, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
