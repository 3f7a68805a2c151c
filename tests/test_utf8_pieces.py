"""A JSON report's findings travel as the UTF-8 bytes they are made as: to stdout, to `-o`, into the
cache of whole outputs, and back. Every way gives the bytes that writing the text would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from factcheck.cli.output import _GuardedStream
from factcheck.formatters import RenderOptions, gathered, get_chunked_formatter, get_formatter
from factcheck.writes import atomic_write

TEXT = "a “quoted” – line\n"


def test_gathered_passes_bytes_on_between_joined_text() -> None:
    pieces = ["a", "b", TEXT.encode(), "c", "d"]
    assert list(gathered(pieces, size=100)) == ["ab", TEXT.encode(), "cd"]


def _stdout(encoding: str) -> tuple[_GuardedStream, io.BytesIO]:
    raw = io.BytesIO()
    return _GuardedStream(io.TextIOWrapper(raw, encoding=encoding, errors="backslashreplace"), "standard output"), raw


def test_utf8_bytes_go_under_the_text_layer_in_order() -> None:
    stream, raw = _stdout("utf-8")
    stream.write("text first, ")
    stream.write_utf8(TEXT.encode())
    stream.write("then text")
    stream.flush()
    assert raw.getvalue() == ("text first, " + TEXT + "then text").encode()


def test_utf8_bytes_to_another_encoding_are_written_as_its_text() -> None:
    stream, raw = _stdout("ascii")
    stream.write_utf8(TEXT.encode())
    stream.flush()
    assert raw.getvalue() == TEXT.encode("ascii", "backslashreplace")


def test_a_reader_gone_is_silence_for_bytes_too() -> None:
    class Gone(io.BytesIO):
        def write(self, data) -> int:
            raise BrokenPipeError

    wrapper = io.TextIOWrapper(Gone(), encoding="utf-8")
    stream = _GuardedStream(wrapper, "standard output")
    stream.write_utf8(b"lost")  # no error
    stream.write_utf8(b"and more")  # the reader has left: nothing more is tried
    assert stream.isatty() is False


def test_a_file_takes_text_and_bytes_pieces_alike(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write(target, iter(["{", TEXT.encode(), "}"]))
    assert target.read_bytes() == ("{" + TEXT + "}").encode()


@pytest.fixture(scope="module")
def report():
    from factcheck.engine import analyse
    from factcheck.loader import load_corpus
    from factcheck.report import build_report

    return build_report(analyse(load_corpus(Path(__file__).parent.parent / "claims")))


def test_json_chunks_as_utf8_join_to_the_report_text(report) -> None:
    class Recording:  # fragments that copy nothing: every finding rendered, recorded, in bytes
        copies = False

        def text(self, *args):
            return None

        def record(self, *args):
            pass

        def rendered(self, length):
            self.length = length

    fragments = Recording()
    pieces = list(get_chunked_formatter("json")(report, RenderOptions(), fragments=fragments, utf8=True))
    assert any(isinstance(piece, bytes) for piece in pieces)
    data = b"".join(piece if isinstance(piece, bytes) else piece.encode() for piece in pieces)
    assert data.decode() == get_formatter("json")(report, RenderOptions())
    assert fragments.length == len(data)
