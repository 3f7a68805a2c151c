"""Formatters keyed by name. Each module has `render(report, options) -> str`.

Modules load only when used, so rich is imported only by the text formatter.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

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
