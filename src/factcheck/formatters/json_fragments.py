"""The JSON report assembled from cached pieces: each finding's text kept per group.

Rendering is most of a run once loading and comparing come from the cache: a
corpus of 100,000 claims writes about 140 MB of JSON, nearly all of it the
findings. A finding's JSON depends only on the finding (its group's key in
`GroupCache` and its place in that group's list say exactly which), its review,
the finding that replaced it (from the same group: findings about one subject
and property are one group's) and the formatter's code. So each group's
findings are kept as text, keyed by the group's key and the reviews of its
findings, and a report is the document without its findings with their texts
put in their place: byte for byte what `formatters.json.render` writes
(tests/test_cache.py compares them). Everything else in the document
(needs_review, possible matches, single-source claims, dates, problems) is
rendered afresh from the whole corpus each time.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Iterator

from ..cache import GroupCache, Pack, pack_name
from ..report import Report

_FINDINGS_EMPTY = '\n  "findings": [],\n'
_INDENT = "    "  # a finding sits two levels deep: the document, then its findings list


class FragmentCache:
    """The JSON text of each group's findings, in one pack per corpus and working folder."""

    def __init__(self, groups: GroupCache, root: str) -> None:
        import os

        self.groups = groups
        self.pack = Pack(groups.files.folder, "fragments", pack_name("json", root, os.getcwd()))

    def save(self) -> None:
        self.pack.save()


def json_chunks(report: Report, fragments: FragmentCache) -> Iterator[str]:
    """`formatters.json.render(report)`, in pieces, each group's findings taken from the cache when there."""
    from ..bulk import collector_paused
    from . import json as formatter
    from ..textsafe import json_text

    with collector_paused():
        outline = dataclasses.replace(report, findings=())
        document = formatter.report_json(outline)
        # What report_json takes from the findings shown, from the real ones.
        document["needs_review"] = formatter.needs_review_ids(report)
        document["dates"] = formatter.dates_json(report)
        text = json_text(formatter.dumps(document, end="\n"))
        at = text.find(_FINDINGS_EMPTY)
        if not report.findings:
            yield text
            return
        if at < 0:  # not the layout this was written for: the formatter, as it is
            yield formatter.render(report)
            return
        yield text[:at] + '\n  "findings": [\n'
        texts = _finding_texts(report, fragments)
        pending: list[str] = []
        size = 0
        for number, finding in enumerate(report.findings):
            piece = texts[id(finding)]
            pending.append(piece if number == 0 else ",\n" + piece)
            size += len(piece)
            if size >= 1 << 16:
                yield "".join(pending)
                pending, size = [], 0
        pending.append("\n  ],\n")
        yield "".join(pending)
        yield text[at + len(_FINDINGS_EMPTY):]
    fragments.save()


def _finding_texts(report: Report, fragments: FragmentCache) -> dict[int, str]:
    """Each finding shown, as its text in the document, by id()."""
    from . import json as formatter
    from ..textsafe import json_text

    margin = report.analysis.approx_margin
    origin = fragments.groups.origin
    by_group: dict[str, list] = {}
    texts: dict[int, str] = {}
    for finding in report.findings:
        where = origin.get(id(finding))
        if where is None:  # not from the group cache: rendered, not kept
            texts[id(finding)] = _indented(json_text(formatter.dumps(finding_document(report, finding, margin))))
            continue
        by_group.setdefault(where[0], where[1])
    for group_key, findings in by_group.items():
        digest = hashlib.blake2b(group_key.encode("ascii"), digest_size=20)
        for finding in findings:
            digest.update(repr(report.resolution(finding)).encode("utf-8", "surrogatepass") + b"\0")
        key = digest.hexdigest()
        stored = fragments.pack.get(key)
        if not (isinstance(stored, tuple) and len(stored) == len(findings)
                and all(isinstance(piece, str) for piece in stored)):
            if stored is not None:
                fragments.pack.forget(key)
                fragments.pack.misses += 1
            stored = tuple(_indented(json_text(formatter.dumps(finding_document(report, f, margin))))
                           for f in findings)
            fragments.pack.put(key, stored)
        for finding, piece in zip(findings, stored):
            texts[id(finding)] = piece
    return texts


def finding_document(report: Report, finding, margin: float) -> dict:
    from . import json as formatter

    return formatter.finding_json(finding, report.resolution(finding), report.replaced_by(finding), margin)


def _indented(text: str) -> str:
    return _INDENT + text.replace("\n", "\n" + _INDENT)
