"""The snapshot option itself: CI never rewrites what a person has to review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_update_snapshots_is_refused_in_ci():
    environment = {**os.environ, "CI": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--update-snapshots", "--collect-only",
         "tests/test_snapshots.py"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 4  # pytest's usage error
    assert "--update-snapshots is refused when CI=true" in result.stderr


def test_a_missing_snapshot_fails_and_says_how_to_make_it(snapshots, tmp_path):
    snapshots.update = False
    missing = tmp_path / "never-written.txt"
    with pytest.raises(AssertionError, match="no snapshot .*--update-snapshots"):
        snapshots.assert_match("output\n", missing)
    assert not missing.exists()
