"""A JSON report's findings whose texts come from elsewhere: the last report, or children.

`render_chunks` takes a finding's text from its `fragments` when they have it:
`cache.JsonFragments` copies it from the last report where unchanged, and
`SplitFragments` from children (`parallel`), which write the texts of chunks
of a large report's findings from the back while this process writes chunks
from the front, until the two meet. A text is
taken only for what it was written for (the same finding, replaced by the same
finding, with the same review); anything else, or a child that failed, is
written here. The bytes are the same either way.
"""

from __future__ import annotations

import json
import pickle
import zlib
from functools import partial

from .. import parallel
from ..cache.packs import plain_value
from ..model import Finding
from ..report import Report
from .json import _BATCH, DateTexts, finding_json, resolution_json
from .json_encoding import _item_texts, items_body

def findings_copied(report: Report, key: str, fragments, written: int, utf8: bool = False):
    """The findings' part of the text as `render_chunks` writes it, each finding's text copied
    from `fragments` when it has it, else rendered (a batch at a time) and recorded there; a
    child's chunk of texts (`SplitFragments`) as it sent them, joined. Each piece as UTF-8 bytes
    with `utf8`. Returns the bytes written so far, this part included."""
    opening = f"{{\n  {json.dumps(key)}: [\n"
    findings = report.findings
    if not findings:
        yield opening[2:-2] + "[]"
        return written + len(opening) - 4 + 2
    yield opening[2:]
    written += len(opening) - 2
    margin = report.analysis.approx_margin
    dates = DateTexts()
    parts = fragments.parts(len(findings)) if isinstance(fragments, SplitFragments) else ((range(len(findings)), None),)
    for part, sent in parts:
        if part.start:
            yield ",\n"
            written += 2
        if sent is not None:  # a child's texts: one piece, and where each one is, for the index
            spans, joined = sent
            fragments.record_spans(spans, written)
            written += len(joined)
            yield joined if utf8 else joined.decode("utf-8", "surrogatepass")
            continue
        for first in range(part.start, part.stop, _BATCH):
            batch = findings[first:min(first + _BATCH, part.stop)]
            texts: list = []
            shown = []  # each finding's (replaced_by, review): what its text shows besides the finding
            missing = []
            for finding in batch:
                replaced_by, resolution, about = shown_with(report, finding)
                stored = fragments.text(finding, *about)
                if stored is None:
                    missing.append((len(texts), finding_json(finding, resolution, replaced_by, margin, dates)))
                shown.append(about)
                texts.append(stored)
            if first != part.start:
                yield ",\n"
                written += 2
            if len(missing) == len(batch):  # all made here (a cold run): written as orjson wrote them
                body, starts, ends = items_body(key, [item for _, item in missing], dates)
                view = memoryview(body)
                for finding, about, start, end in zip(batch, shown, starts, ends):
                    fragments.record(finding, *about, written + start, view[start:end])
                written += len(body)
                yield body if utf8 else body.decode("utf-8", "surrogatepass")
                continue
            if missing:
                for (index, _), text in zip(missing, _item_texts(key, [item for _, item in missing])):
                    texts[index] = text
            for number, (finding, text, about) in enumerate(zip(batch, texts, shown)):
                if number:
                    written += 2
                fragments.record(finding, *about, written, text)
                written += len(text)
            joined = b",\n".join(texts)
            yield joined if utf8 else joined.decode("utf-8", "surrogatepass")
    yield "\n  ]"
    return written + 4


def shown_with(report: Report, finding: Finding) -> tuple:
    """What a finding's text shows besides the finding: the finding that replaced it and its review,
    and both as `fragments` compare them (an id and a repr, or None)."""
    replaced_by, resolution = report.replaced_by(finding), report.resolution(finding)
    return replaced_by, resolution, (replaced_by.id if replaced_by is not None else None,
                                     repr(resolution_json(resolution)) if resolution is not None else None)


def findings_body(items: list, dates: DateTexts) -> tuple[bytes, list[tuple[int, int]]]:
    """The findings' texts joined as the report writes them, and where each one starts and ends."""
    bodies, spans, offset = [], [], 0
    for first in range(0, len(items), _BATCH):
        body, starts, ends = items_body("findings", items[first:first + _BATCH], dates)
        bodies.append(body)
        spans.extend((offset + start, offset + end) for start, end in zip(starts, ends))
        offset += len(body) + 2
    return b",\n".join(bodies), spans


def split_fragments(report: Report, fragments=None):
    """`fragments` (or none), with the texts of the last findings written by children when the
    report is large enough and nothing is copied from an earlier report; else `fragments` as given."""
    if fragments is not None and getattr(fragments, "copies", True):  # copies, or may: left as it is
        return fragments
    findings = report.findings
    sharing = parallel.share([4 + len(finding.claims) for finding in findings], parallel.MIN_WRITE_WEIGHT,
                             partial(_written, report, fragments))
    return fragments if sharing is None else SplitFragments(report, fragments, sharing)


def _written(report: Report, index, chunk: range) -> bytes:
    """In a child: the texts of the findings in `chunk`, joined as the report writes them, after
    where each one is in them and what the index (`index`, when there is one) keeps of it."""
    dates = DateTexts()
    margin = report.analysis.approx_margin
    shown, items = [], []
    for finding in report.findings[chunk.start:chunk.stop]:
        replaced_by, resolution, about = shown_with(report, finding)
        shown.append((index.record_key(finding) if index is not None else None, *about))
        items.append(finding_json(finding, resolution, replaced_by, margin, dates))
    joined, where = findings_body(items, dates)
    view = memoryview(joined)
    spans = [(record_key, start, end - start, zlib.crc32(view[start:end]) if record_key is not None else 0,
              replaced_by, review)  # the CRC only of what the index keeps
             for (record_key, replaced_by, review), (start, end) in zip(shown, where)]
    return parallel.packed([pickle.dumps(spans, protocol=pickle.HIGHEST_PROTOCOL), joined])


class SplitFragments:
    """`render_chunks`' fragments: the children's texts (`parts`), then those of `inner` (if any),
    which is also told where each text is written.

    The findings come in chunks, in order: each one this process's to write (taken from
    `parallel.Sharing` as the writing reaches it) or a child's, whose texts come joined, with
    where each one is and what the index keeps of it (worked out there: a child is a copy of
    this process, with the same report). A child's chunk is then one piece, not a text per
    finding: after the two ends meet, this process only passes the children's chunks on."""

    def __init__(self, report: Report, inner, sharing: parallel.Sharing) -> None:
        self.inner, self._sharing = inner, sharing
        self.copies = inner is not None and getattr(inner, "copies", True)
        self._chunks = sharing.in_order()

    def parts(self, count: int):
        """(chunk, None) for each chunk of the `count` findings to write here, (chunk, (spans,
        joined texts)) for one a child wrote; every finding once, in order."""
        position = 0
        for chunk, data in self._chunks:
            if chunk.start != position:  # never, as `in_order` goes: left to the end, written here
                break
            position = chunk.stop
            yield chunk, (_received(data, len(chunk)) if data is not None else None)
        if position < count:
            yield range(position, count), None

    def text(self, finding, replaced_by: str | None, review: str | None) -> bytes | None:
        return self.inner.text(finding, replaced_by, review) if self.inner is not None else None

    def record(self, finding, replaced_by: str | None, review: str | None, start: int, data: bytes) -> None:
        if self.inner is not None:
            self.inner.record(finding, replaced_by, review, start, data)

    def record_spans(self, spans: list, start: int) -> None:
        if self.inner is not None:
            self.inner.record_spans(spans, start)

    def rendered(self, length: int) -> None:
        if self.inner is not None:
            self.inner.rendered(length)

    def stop(self) -> None:
        """Stop any child still at work (the report was written, or given up)."""
        self._chunks.close()
        self._sharing.close()


def _received(data: bytes, count: int) -> tuple[list, bytes] | None:
    """A child's texts of `count` findings, joined, after where each one is; None when written here."""
    pieces = parallel.unpacked(data, 2)
    if pieces is None:
        return None
    try:
        spans = plain_value(pieces[0])
    except Exception:  # noqa: BLE001 - written here instead
        return None
    joined = pieces[1]
    if (type(spans) is not list or len(spans) != count
            or not all(type(span) is tuple and len(span) == 6 for span in spans)
            or spans[-1][1] + spans[-1][2] != len(joined)):
        return None
    return spans, joined
