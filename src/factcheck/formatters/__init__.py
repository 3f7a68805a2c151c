"""Formatters keyed by name. Each module has `render(report, options) -> str`;
one that can also yield its output in pieces (a large page) has
`render_chunks(report, options) -> Iterator[str]`, whose pieces join to `render`'s text.
`factcheck check`'s formats are keyed apart (`CHECK_FORMATTERS`): each renders the
gate's result, given as data. The other commands' formats are keyed by (command, format)
(`COMMAND_FORMATTERS`): each receives the data its command built (rows, entries, results).

Modules load only when used, so rich is imported only by the text formatter.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..report import Report

FORMATTERS: dict[str, str] = {
    "text": "factcheck.formatters.text",
    "json": "factcheck.formatters.json",
    "markdown": "factcheck.formatters.markdown",
    "github": "factcheck.formatters.github",
    "sarif": "factcheck.formatters.sarif",
    "html": "factcheck.formatters.html",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    width: int | None = None   # text: columns; None lets rich decide
    color: bool = False        # text: ANSI styles
    verbose: bool = False      # expand corroborated findings


def get_formatter(name: str) -> Callable[[Report, RenderOptions], str]:
    try:
        module = FORMATTERS[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r}; choose from {', '.join(FORMATTERS)}") from None
    return importlib.import_module(module).render


@dataclass(frozen=True, slots=True)
class CheckFormat:
    """Where a `factcheck check` format lives: `module:function` names, loaded when used."""

    render: str                       # (result, options) -> the output (stdout or --output)
    log: str | None = None            # (result) -> lines for stderr beside the output
    step_summary: str | None = None   # (result) -> Markdown for GitHub's $GITHUB_STEP_SUMMARY


# The result is gate.CheckResult, received as data: formatters never import the gate.
CHECK_FORMATTERS: dict[str, CheckFormat] = {
    "text": CheckFormat("factcheck.formatters.check:render_text"),
    "github": CheckFormat("factcheck.formatters.github:render_check",
                          step_summary="factcheck.formatters.github:summary_markdown"),
    "json": CheckFormat("factcheck.formatters.check:render_json"),
    "sarif": CheckFormat("factcheck.formatters.sarif:render_check"),
    "markdown": CheckFormat("factcheck.formatters.check:render_markdown", log="factcheck.formatters.check:problem_log"),
}


@dataclass(frozen=True, slots=True)
class CheckFormatter:
    render: Callable[..., str]
    log: Callable[..., str] | None = None
    step_summary: Callable[..., str] | None = None


def get_check_formatter(name: str) -> CheckFormatter:
    try:
        entry = CHECK_FORMATTERS[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r}; choose from {', '.join(CHECK_FORMATTERS)}") from None
    return CheckFormatter(_loaded(entry.render), _loaded(entry.log), _loaded(entry.step_summary))


def _loaded(where: str | None) -> Callable[..., str] | None:
    if where is None:
        return None
    module, _, function = where.partition(":")
    return getattr(importlib.import_module(module), function)


# (command, format) -> `module:function`. The command builds plain data (formatters.listing's
# docstrings say what each receives; verify's is verify_results.Verification) and writes the text.
COMMAND_FORMATTERS: dict[tuple[str, str], str] = {
    ("timeline", "text"): "factcheck.formatters.listing:timeline_text",
    ("timeline", "json"): "factcheck.formatters.listing:timeline_json",
    ("sources", "text"): "factcheck.formatters.listing:sources_text",
    ("sources", "json"): "factcheck.formatters.listing:sources_json",
    ("topics", "text"): "factcheck.formatters.listing:topics_text",
    ("topics", "json"): "factcheck.formatters.listing:topics_json",
    ("matches", "text"): "factcheck.formatters.listing:matches_text",
    ("matches", "json"): "factcheck.formatters.listing:matches_json",
    ("vocabulary", "text"): "factcheck.formatters.listing:vocabulary_text",
    ("vocabulary", "json"): "factcheck.formatters.listing:vocabulary_json",
    ("verify", "text"): "factcheck.formatters.verify:render_text",
    ("verify", "json"): "factcheck.formatters.verify:render_json",
    ("verify", "github"): "factcheck.formatters.verify:render_github",
}


def command_formats(command: str) -> tuple[str, ...]:
    return tuple(name for (each, name) in COMMAND_FORMATTERS if each == command)


def get_command_formatter(command: str, name: str) -> Callable[..., str]:
    try:
        where = COMMAND_FORMATTERS[command, name]
    except KeyError:
        raise KeyError(f"unknown format {name!r} for {command}; choose from {', '.join(command_formats(command))}") from None
    return _loaded(where)


CHUNK_CHARS = 1 << 16  # pieces are gathered to about this size before a write


def get_chunked_formatter(name: str) -> Callable[[Report, RenderOptions], Iterator[str]]:
    """`render_chunks` of the format, or its `render` as a single piece.

    Keyword arguments go to `render_chunks` (json's `fragments`: its findings' texts as the last
    report wrote them)."""
    try:
        module = FORMATTERS[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r}; choose from {', '.join(FORMATTERS)}") from None
    loaded = importlib.import_module(module)
    chunks = getattr(loaded, "render_chunks", None)
    if chunks is not None:
        return lambda report, options, **extra: gathered(chunks(report, options, **extra))
    return lambda report, options: iter((loaded.render(report, options),))


def gathered(pieces: Iterable[str], size: int = CHUNK_CHARS) -> Iterator[str]:
    """Small pieces joined into chunks of about `size` characters: fewer, larger writes."""
    pending: list[str] = []
    length = 0
    for piece in pieces:
        if isinstance(piece, bytes):  # UTF-8 already (a JSON report's findings): passed on as it is
            if pending:
                yield "".join(pending)
                pending, length = [], 0
            yield piece
            continue
        pending.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(pending)
            pending, length = [], 0
    if pending:
        yield "".join(pending)
