"""The HTML page written in pieces is the page rendered whole, byte for byte.

`render_chunks` (what `report --format html` writes, piece by piece, to stdout
or atomically to -o) must join to `render`'s text on every fixture corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.engine import analyse
from factcheck.formatters import gathered, get_chunked_formatter
from factcheck.formatters.html import render, render_chunks
from factcheck.loader import load_corpus
from factcheck.report import Filters, build_report
from factcheck.resolutions import read_resolutions

ROOT = Path(__file__).parent.parent
CORPORA = [ROOT / "claims", ROOT / "tests" / "fixtures" / "html" / "corpus",
           ROOT / "tests" / "fixtures" / "report" / "corpus", ROOT / "tests" / "fixtures" / "report" / "hostile"]
CORPORA += sorted(p for p in (ROOT / "tests" / "fixtures" / "engine").iterdir() if p.is_dir())


def _report(corpus: Path, verbose: bool = False):
    analysis = analyse(load_corpus(corpus))
    resolutions, problems = read_resolutions(analysis.corpus)
    return build_report(analysis, Filters(), resolutions, problems, verbose=verbose)


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_streamed_page_equals_the_page_rendered_whole(corpus: Path) -> None:
    report = _report(corpus)
    pieces = list(render_chunks(report))
    assert len(pieces) > 1  # really in pieces
    assert "".join(pieces) == render(report)
    assert "".join(get_chunked_formatter("html")(report, None)) == render(report)


def test_gathered_joins_small_pieces_into_chunks_of_about_the_size() -> None:
    assert list(gathered(["ab", "cd", "e", "fgh", "i"], size=4)) == ["abcd", "efgh", "i"]
    assert list(gathered([], size=4)) == []


def test_a_format_without_pieces_is_one_piece() -> None:
    from factcheck.formatters import RenderOptions
    from factcheck.formatters.sarif import render as render_sarif
    from factcheck.gate import with_problems

    report = with_problems(_report(ROOT / "claims"))
    assert list(get_chunked_formatter("sarif")(report, RenderOptions())) == [render_sarif(report, RenderOptions())]


def test_the_cli_writes_the_streamed_page_to_stdout_and_to_o(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = ROOT / "claims"
    whole = render(_report(corpus))
    runner = CliRunner(env={"_TYPER_FORCE_DISABLE_TERMINAL": "1"})
    result = runner.invoke(app, ["report", str(corpus), "--format", "html", "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == whole
    target = tmp_path / "page.html"
    result = runner.invoke(app, ["report", str(corpus), "--format", "html", "--no-cache", "-o", str(target)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert target.read_bytes() == whole.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary left behind


def test_a_failure_while_streaming_to_o_leaves_the_old_file(tmp_path: Path) -> None:
    from factcheck.writes import atomic_write

    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")

    def pieces():
        yield "new start"
        raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError):
        atomic_write(target, pieces())
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
