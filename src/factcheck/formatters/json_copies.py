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
from .json import _BATCH, DateTexts, _item_texts, finding_json, resolution_json

def findings_copied(report: Report, key: str, fragments, written: int, utf8: bool = False):
    """The findings' part of the text as `render_chunks` writes it, each finding's text copied
    from `fragments` when it has it, else rendered (a batch at a time) and recorded there; each
    batch as UTF-8 bytes with `utf8`. Returns the bytes written so far, this part included."""
    opening = f"{{\n  {json.dumps(key)}: [\n"
    findings = report.findings
    if not findings:
        yield opening[2:-2] + "[]"
        return written + len(opening) - 4 + 2
    yield opening[2:]
    written += len(opening) - 2
    margin = report.analysis.approx_margin
    dates = DateTexts()
    sent_by_child = fragments.sent if isinstance(fragments, SplitFragments) else None
    for first in range(0, len(findings), _BATCH):
        batch = findings[first:first + _BATCH]
        texts: list = []
        shown = []  # each finding's (replaced_by, review): what its text shows besides the finding
        missing = []
        for number, finding in enumerate(batch, first):
            sent = sent_by_child(number) if sent_by_child is not None else None
            if sent is not None:  # a child forked from this report worked out what it shows
                about, stored = sent
            else:
                replaced_by, resolution, about = shown_with(report, finding)
                stored = fragments.text(finding, *about)
                if stored is None:
                    missing.append((len(texts), finding_json(finding, resolution, replaced_by, margin, dates)))
            shown.append(about)
            texts.append(stored)
        if missing:
            for (index, _), text in zip(missing, _item_texts(key, [item for _, item in missing])):
                texts[index] = text
        if first:
            yield ",\n"
            written += 2
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


def findings_texts(items: list) -> list[bytes]:
    """Each finding's text (UTF-8), from its `finding_json`, as the report writes it."""
    texts: list[bytes] = []
    for first in range(0, len(items), _BATCH):
        texts.extend(_item_texts("findings", items[first:first + _BATCH]))
    return texts


def split_fragments(report: Report, fragments=None):
    """`fragments` (or none), with the texts of the last findings written by children when the
    report is large enough and nothing is copied from an earlier report; else `fragments` as given."""
    if fragments is not None and getattr(fragments, "copies", True):  # copies, or may: left as it is
        return fragments
    findings = report.findings
    sharing = parallel.share([4 + len(finding.claims) for finding in findings], parallel.MIN_WRITE_WEIGHT,
                             partial(_written, report))
    return fragments if sharing is None else SplitFragments(report, fragments, sharing)


def _written(report: Report, chunk: range) -> bytes:
    """In a child: the texts of the findings in `chunk`, after what each shows besides the finding."""
    dates = DateTexts()
    margin = report.analysis.approx_margin
    shown, items = [], []
    for finding in report.findings[chunk.start:chunk.stop]:
        replaced_by, resolution, about = shown_with(report, finding)
        shown.append(about)
        items.append(finding_json(finding, resolution, replaced_by, margin, dates))
    texts = findings_texts(items)
    shown = [(*about, zlib.crc32(text)) for about, text in zip(shown, texts)]  # the CRC the index keeps
    return parallel.packed([pickle.dumps(shown, protocol=pickle.HIGHEST_PROTOCOL), *texts])


class SplitFragments:
    """`render_chunks`' fragments: the children's texts (`sent`), then those of `inner` (if any),
    which is also told where each text is written.

    The findings are asked for in order: each chunk of them is this process's to write (taken
    from `parallel.Sharing` as the writing reaches it) or a child's, whose texts are read then,
    with what each shows besides the finding and its CRC-32 (worked out there: a child is a copy
    of this process, with the same report)."""

    def __init__(self, report: Report, inner, sharing: parallel.Sharing) -> None:
        self.inner, self._sharing = inner, sharing
        self.copies = inner is not None and getattr(inner, "copies", True)
        self._chunks = sharing.in_order()
        self._chunk = range(0)
        self._texts: list | None = None  # the current chunk's (what it shows, text, CRC) when a child wrote it
        self._known_crc = getattr(inner, "known_crc", None)

    def _reach(self, number: int) -> None:
        """Make the chunk holding finding `number` the current one (none later is taken yet)."""
        while number >= self._chunk.stop:
            chunk, data = next(self._chunks, (None, None))
            if chunk is None:
                return
            self._chunk, self._texts = chunk, _received(data, len(chunk))

    def sent(self, number: int) -> tuple[tuple, bytes] | None:
        """What a child sent for the report's finding `number`: (what its text shows besides the
        finding, the text); None when it is to be written here."""
        self._reach(number)
        if self._texts is None or number not in self._chunk:
            return None
        about, text, crc = self._texts[number - self._chunk.start]
        if self._known_crc is not None:
            self._known_crc(text, crc)
        return about, text

    def text(self, finding, replaced_by: str | None, review: str | None) -> bytes | None:
        return self.inner.text(finding, replaced_by, review) if self.inner is not None else None

    def record(self, finding, replaced_by: str | None, review: str | None, start: int, data: bytes) -> None:
        if self.inner is not None:
            self.inner.record(finding, replaced_by, review, start, data)

    def rendered(self, length: int) -> None:
        if self.inner is not None:
            self.inner.rendered(length)

    def stop(self) -> None:
        """Stop any child still at work (the report was written, or given up)."""
        self._chunks.close()
        self._sharing.close()


def _received(data: bytes | None, count: int) -> list | None:
    """A child's texts of `count` findings, each after what it shows; None when written here."""
    pieces = parallel.unpacked(data, count + 1)
    if pieces is None:
        return None
    try:
        shown = plain_value(pieces[0])
    except Exception:  # noqa: BLE001 - written here instead
        return None
    if type(shown) is not list or len(shown) != count or not all(type(about) is tuple and len(about) == 3
                                                                 for about in shown):
        return None
    return [((replaced_by, review), text, crc) for (replaced_by, review, crc), text in zip(shown, pieces[1:])]
