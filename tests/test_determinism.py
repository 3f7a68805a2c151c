"""The same corpus gives the same bytes in every process.

Set and dict order can follow string hashing, which Python randomises per
process (PYTHONHASHSEED), so running twice in one process proves nothing: each
case runs the installed command in fresh processes with different seeds and
compares their output byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
# The seed corpus: the most findings, topics and sources, so the most orders that could vary.
CORPORA = {"seed corpus": ROOT / "claims"}
FORMATS = ["json", "html"]
# Two different random string orders (a seed of 0 would turn randomisation off).
HASH_SEEDS = ["1", "2718281"]


def start(corpus: Path, output_format: str, seed: str) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "80"}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.Popen(
        # --no-cache: a run that read the report another seed's run cached would prove nothing
        [sys.executable, "-m", "factcheck", "report", str(corpus), "--format", output_format, "--no-cache"],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


RUNNING: dict[tuple[str, str, str], subprocess.Popen] = {}
RUN_LAST = True  # conftest.py: the processes start before the first test and are read after the last


def start_early() -> None:
    """Called by conftest.py before the first test, so these processes overlap the rest of the suite."""
    if not RUNNING:
        RUNNING.update({(name, fmt, seed): start(path, fmt, seed)
                        for name, path in CORPORA.items() for fmt in FORMATS for seed in HASH_SEEDS})


@pytest.fixture(scope="module")
def outputs() -> dict:
    start_early()
    results = {}
    for key, process in RUNNING.items():
        stdout, stderr = process.communicate(timeout=300)
        results[key] = (process.returncode, stdout, stderr)
    return results


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_output_is_byte_identical_across_hash_seeds(outputs, corpus, output_format):
    runs = [outputs[corpus, output_format, seed] for seed in HASH_SEEDS]
    code, stdout, stderr = runs[0]
    assert code in (0, 1), stderr.decode()
    assert len(stdout) > 1000  # a whole report, not an error
    for seed, other in zip(HASH_SEEDS[1:], runs[1:]):
        assert other == runs[0], f"PYTHONHASHSEED={seed} differs from PYTHONHASHSEED={HASH_SEEDS[0]}"
