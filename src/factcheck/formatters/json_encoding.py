"""The report's JSON text: `json.dumps(document, ensure_ascii=False, indent=2)`, byte for byte,
made by orjson (several times faster, in C), escaped for a terminal (`textsafe.json_text`)."""

from __future__ import annotations

import json
import re

import orjson

from ..textsafe import json_text

_ITEM_START = b",\n    {\n"  # between two items of a top-level list: only there is a line "    {"


def _item_texts(key: str, items: list) -> list[bytes]:
    """Each item's text (UTF-8) as `{key: items}` is dumped, one by one."""
    body, starts, ends = items_body(key, items)
    view = memoryview(body)
    return [bytes(view[start:end]) for start, end in zip(starts, ends)]


def items_body(key: str, items: list, dates=None) -> tuple[bytes, list[int], list[int]]:
    """The items' texts as `{key: items}` dumps them, joined by ",\n" as the report writes them (one
    piece, not a copy per item), and where each item's text starts and ends in it. `dates`: the
    memo the items' claims were made with (`json.DateTexts`: it says whether one held a float orjson
    writes otherwise), when nothing but claims' documents can hold a float."""
    prefix = len(f"{{\n  {json.dumps(key)}: [\n".encode("utf-8"))
    body = _text_bytes({key: items}, floats_seen=dates is not None and not dates.tiny_floats)[prefix:-6]
    starts, ends = [0], []
    find, at = body.find, 0
    while (at := find(_ITEM_START, at)) != -1:
        ends.append(at)
        at += 2  # the item starts after ",\n"
        starts.append(at)
    ends.append(len(body))
    if len(starts) != len(items):  # cannot happen (see _ITEM_START); if it did, one at a time is right too
        texts = [_text_bytes({key: [item]})[prefix:-6] for item in items]
        body, starts, ends, at = b",\n".join(texts), [], [], 0
        for text in texts:
            starts.append(at)
            ends.append(at + len(text))
            at += len(text) + 2
    return body, starts, ends


def _text(document: object) -> str:
    """`dumps(document)`, safe for a terminal (`json_text`)."""
    encoded = _encoded(document)
    text = encoded.decode("utf-8", "surrogatepass")
    if _unsafe(encoded):
        text = json_text(text)
    return text


def _text_bytes(document: object, floats_seen: bool = False) -> bytes:
    """`_text(document)` as UTF-8; `floats_seen`: no float in it is one orjson writes otherwise
    (its text is not searched for one)."""
    encoded = _encoded(document, floats_seen)
    if _unsafe(encoded):
        return json_text(encoded.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")
    return encoded


def _unsafe(encoded: bytes) -> bool:
    # json_text changes only DEL (the one control character that neither encoder escapes) and runs of
    # other characters that are not printable: look at those alone (dropping ASCII bytes keeps UTF-8 whole;
    # an all-ASCII text, found in C at once, has none).
    if b"\x7f" in encoded:
        return True
    return not encoded.isascii() and not encoded.translate(None, _ASCII).decode("utf-8", "surrogatepass").isprintable()


_ASCII = bytes(range(128))


def _encoded(document: object, floats_seen: bool = False) -> bytes:
    """`dumps(document)` as UTF-8 (lone surrogates kept, as json.dumps keeps them); `floats_seen`:
    no float in it is one orjson writes otherwise (else its text is searched for one)."""
    try:
        encoded = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError, OverflowError):
        encoded = None
    if encoded is None or (not floats_seen and _float_written_otherwise(encoded)):
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass")
    return encoded


# --- json.dumps(ensure_ascii=False, indent=2), byte for byte, but faster ----
# orjson writes the same text several times faster, and in C, so the report's
# text is not built from a million small Python strings. It writes a float with
# a one-digit negative exponent without the standard library's padding zero
# (`1e-7`, not `1e-07`) and one from 1e-5 to 1e-4 in decimals (`0.00001`, not
# `1e-05`), and refuses integers beyond 64 bits, non-text keys and lone
# surrogates: those documents (rare) take the standard library's encoder.
# Non-finite floats (which orjson writes as null) never get here: the loader
# refuses them, so every float in a report is finite.

_UNPADDED_EXPONENT = re.compile(rb"e-[0-9](?![0-9])")  # after a digit; may also match in text: then we just fall back


def _float_written_otherwise(encoded: bytes) -> bool:
    """A float orjson may have written otherwise than json.dumps: a one-digit exponent (`1e-7`), or
    a number from 1e-5 to 1e-4 in decimals (`0.00001`). Text that looks so only costs json.dumps."""
    return b"0.0000" in encoded or _unpadded_exponent(encoded)


def _unpadded_exponent(encoded: bytes) -> bool:
    # The pattern starts with its literal, which the regex engine finds fast; the digit before is checked here.
    return any(match.start() and 48 <= encoded[match.start() - 1] <= 57
               for match in _UNPADDED_EXPONENT.finditer(encoded))
