"""The JSON report written in pieces is `json.dumps(..., ensure_ascii=False, indent=2)` of the
whole document, byte for byte (unsafe characters escaped, a final newline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.engine import analyse
from factcheck.formatters import RenderOptions, get_chunked_formatter
from factcheck.formatters import json as json_format
from factcheck.formatters.json import _text, render, render_chunks, report_json
from factcheck.loader import load_corpus
from factcheck.report import Filters, build_report
from factcheck.resolutions import read_resolutions
from factcheck.textsafe import json_text

ROOT = Path(__file__).parent.parent
CORPORA = [ROOT / "claims", ROOT / "tests" / "fixtures" / "html" / "corpus",
           ROOT / "tests" / "fixtures" / "report" / "corpus", ROOT / "tests" / "fixtures" / "report" / "hostile",
           ROOT / "tests" / "fixtures" / "json" / "tiny-floats", ROOT / "tests" / "fixtures" / "json" / "tiny-intervals"]
CORPORA += sorted(p for p in (ROOT / "tests" / "fixtures" / "engine").iterdir() if p.is_dir())


def _report(corpus: Path, filters: Filters = Filters()):
    analysis = analyse(load_corpus(corpus))
    resolutions, problems = read_resolutions(analysis.corpus)
    return build_report(analysis, filters, resolutions, problems)


def _whole(report) -> str:
    return json_text(json.dumps(report_json(report), ensure_ascii=False, indent=2)) + "\n"


@pytest.mark.parametrize("batch", [1, 2, 64])
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_streamed_json_equals_the_document_dumped_whole(corpus: Path, batch: int, monkeypatch) -> None:
    monkeypatch.setattr(json_format, "_BATCH", batch)
    report = _report(corpus)
    pieces = list(render_chunks(report))
    assert len(pieces) > 1
    assert "".join(pieces) == render(report) == _whole(report)
    assert "".join(get_chunked_formatter("json")(report, RenderOptions())) == _whole(report)


def test_empty_lists_stream_as_json_dumps_writes_them() -> None:
    report = _report(ROOT / "claims", Filters(topics=("no such topic",)))
    assert not report.findings and not report.single_source
    text = render(report)
    assert '"findings": [],' in text and '"single_source": [],' in text
    assert text == _whole(report)


@pytest.mark.parametrize("item", [
    {"low": 1.5e-7, "text": "1e-5 in words", "k": [2.5e-10, {"e": {}}, []]},  # orjson's exponents: json.dumps
    {"words": "one-e-5 re-8", "first": "e-5 at the start"},                  # `e-5` not after a digit: orjson
    {"lone surrogate": "\udc80", "big": 2 ** 64},                             # what orjson refuses: json.dumps
    {"bidi": "a\u202eb", "del": "x\x7fy", "fine": "café — 1,200 €"},          # escaped for a terminal
    {"low": 2.5e-05, "high": -1e-05, "text": "0.00001"},                       # orjson's 0.000025: json.dumps
])
def test_an_item_dumped_alone_is_json_dumps_escaped(item) -> None:
    document = {"findings": [item, item]}
    assert _text(document) == json_text(json.dumps(document, ensure_ascii=False, indent=2))


class _Fragments:
    """A stand-in for `cache.JsonFragments`: copies the texts it is given, records where each goes."""

    def __init__(self, stored: dict | None = None) -> None:
        self.stored = stored or {}
        self.written: dict = {}
        self.length = None

    def text(self, finding, replaced_by, review):
        return self.stored.get((finding.id, replaced_by, review))

    def record(self, finding, replaced_by, review, start, data) -> None:
        self.written[(finding.id, replaced_by, review)] = (start, bytes(data))  # bytes-like: a view of the text

    def rendered(self, length: int) -> None:
        self.length = length


@pytest.mark.parametrize("batch", [1, 3, 64])
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_findings_copied_or_rendered_give_the_same_text_and_their_place_in_it(corpus: Path, batch: int,
                                                                               monkeypatch) -> None:
    """Each finding's recorded bytes are where it says in the UTF-8 text; copying them back (all, or
    every other one) writes the same text again."""
    monkeypatch.setattr(json_format, "_BATCH", batch)
    report = _report(corpus)
    fresh = _Fragments()
    text = "".join(render_chunks(report, RenderOptions(), fresh))
    assert text == _whole(report)
    data = text.encode("utf-8", "surrogatepass")
    assert fresh.length == len(data)
    assert len(fresh.written) == len(report.findings)
    for start, piece in fresh.written.values():
        assert data[start:start + len(piece)] == piece and piece.startswith(b"    {\n") and piece.endswith(b"    }")
    every = {key: piece for key, (_, piece) in fresh.written.items()}
    half = dict(list(every.items())[::2])
    for stored in (every, half):
        again = _Fragments(stored)
        assert "".join(render_chunks(report, RenderOptions(), again)) == text
        assert again.written == fresh.written
