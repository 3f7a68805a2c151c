"""Corpus text made safe for HTML: control and bidi-override characters visible, then escaped."""

from __future__ import annotations

import html
import re

# C0/C1 controls (but tab and newline), and the bidi controls that can reorder
# what a reader sees ("Trojan Source"); lone surrogates cannot be encoded.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    if char < "\x20":
        return chr(0x2400 + ord(char))  # ␛ for ESC, ␇ for BEL: visible, inert
    if char == "\x7f":
        return "\u2421"
    return "\ufffd"


def clean(value: object) -> str:
    """Text with control and bidi-override characters made visible and inert."""
    return _UNSAFE_RE.sub(_placeholder, str(value))


def text(value: object) -> str:
    """Corpus text, safe in element content and in quoted attributes."""
    return html.escape(clean(value), quote=True)
