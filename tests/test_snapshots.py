"""The snapshot option itself: CI never rewrites what a person has to review."""

from __future__ import annotations

import pytest

import conftest


class FakeConfig:
    """What pytest_configure reads: the option, and where it keeps the rewritten files."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def getoption(self, name: str) -> bool:
        assert name == "--update-snapshots"
        return self.update


@pytest.mark.parametrize("ci", ["true", "1", "TRUE"])
def test_update_snapshots_is_refused_in_ci(ci, monkeypatch):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.UsageError, match="--update-snapshots is refused when CI=true"):
        conftest.pytest_configure(FakeConfig(update=True))


def test_without_the_option_ci_runs_as_usual(monkeypatch):
    monkeypatch.setenv("CI", "true")
    config = FakeConfig(update=False)
    conftest.pytest_configure(config)
    assert config.rewritten_snapshots == []


def test_a_missing_snapshot_fails_and_says_how_to_make_it(snapshots, tmp_path):
    snapshots.update = False
    missing = tmp_path / "never-written.txt"
    with pytest.raises(AssertionError, match="no snapshot .*--update-snapshots"):
        snapshots.assert_match("output\n", missing)
    assert not missing.exists()
