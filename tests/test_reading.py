"""Reading a claim file's bytes: as much as fstat says it holds, and whatever it holds beyond that."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck import codes
from factcheck.loader import reading
from factcheck.loader.reading import MAX_FILE_BYTES, read_bytes


def _says_it_holds(monkeypatch, size: int) -> None:
    """fstat understates the size, as for a file that grows after it, or a special file that says 0."""
    real = os.fstat

    def understated(handle: int) -> os.stat_result:
        info = real(handle)
        return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid, info.st_gid,
                               size, info.st_atime, info.st_mtime, info.st_ctime))

    monkeypatch.setattr(reading.os, "fstat", understated)


@pytest.mark.parametrize("stated", [0, 10, 4095])
def test_a_file_holding_more_than_fstat_says_is_read_whole(tmp_path: Path, monkeypatch, stated: int) -> None:
    path = tmp_path / "grown.yaml"
    path.write_bytes(b"x" * 100_000)
    _says_it_holds(monkeypatch, stated)
    assert read_bytes(path, "grown.yaml") == (b"x" * 100_000, None)


def test_a_file_grown_past_the_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "grown.yaml"
    path.write_bytes(b"x" * (MAX_FILE_BYTES + 10))
    _says_it_holds(monkeypatch, 10)
    data, problem = read_bytes(path, "grown.yaml")
    assert data is None and problem is not None
    assert (problem.path, problem.line, problem.column, problem.code) == ("grown.yaml", 1, 1, codes.FILE_TOO_LARGE)
    assert problem.message.startswith("file is 2.0 MiB, over the 2 MiB limit")


def test_a_file_as_large_as_allowed_is_read(tmp_path: Path) -> None:
    path = tmp_path / "full.yaml"
    path.write_bytes(b"y" * MAX_FILE_BYTES)
    assert read_bytes(path, "full.yaml") == (b"y" * MAX_FILE_BYTES, None)
