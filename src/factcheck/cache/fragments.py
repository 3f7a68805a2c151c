"""The JSON text of each finding, found again in the last JSON report (`JsonFragments`).

After one file changed, most findings are those of groups the change did not
touch, and their JSON text is the same as in the report the run before wrote.
That report is still in the cache of whole outputs (`results/`), so nothing
is stored twice: an index says where each finding's text is in it, by the
finding's group key (`GroupCache.key`: its claims' files, positions, topic
and names, the settings and the code) and id, with what else the text shows
(the finding that replaced it, its review) and a CRC-32 of the bytes. A run
copies those bytes instead of building and encoding the finding again. Any
doubt (an index or report gone, cut short, altered, another review) is a
miss for that finding, which is then rendered as without the cache.
"""

from __future__ import annotations

import io
import os
import pickle
import zlib

from ..writes import replace_cache_entry
from .groups import GroupCache
from .packs import PACKS_KEPT, _PlainUnpickler, pack_name, sealed, unsealed
from .results import ResultCache, entry_layout

FRAGMENTS_KIND = "fragments"
_VERSION = 1
_BUFFER = 1 << 20


class JsonFragments:
    """Where this run's JSON report can copy each finding's text from, and where it writes it.

    `text` gives the bytes of a finding as the last report wrote them (checked),
    or None; `record` notes where this run writes each finding; `rendered` marks
    the text complete, and `save` keeps the index once the whole report is stored
    under its key in the cache of whole outputs (the report the next run reads)."""

    def __init__(self, groups: GroupCache, root: str) -> None:
        self.groups = groups
        folder = groups.files.folder
        self.path = folder / FRAGMENTS_KIND / pack_name(FRAGMENTS_KIND, root, os.getcwd())
        self.results = folder / "results"
        self._spans: dict = {}
        self._handle = None
        self._body = 0
        self._written: dict = {}
        self._length: int | None = None
        self._checked: dict[int, tuple[bytes, int]] = {}  # texts copied and not yet recorded, with their CRC
        self.copied = 0
        self._open()

    def _open(self) -> None:
        """The last report and its index, if both are there and agree; else nothing is copied."""
        try:
            (stored,) = unsealed(self.path.read_bytes()).values()
            version, result_key, length, spans = _PlainUnpickler(io.BytesIO(stored)).load()
            if version != _VERSION or type(spans) is not dict or type(length) is not int:
                return
            handle = open(self.results / result_key, "rb", buffering=_BUFFER)
        except Exception:  # noqa: BLE001 - missing, damaged, planted: nothing to copy
            return
        try:
            _meta, body, stored_length, _check = entry_layout(handle, result_key)
            if stored_length != length:
                raise ValueError("another report")
        except Exception:  # noqa: BLE001
            handle.close()
            return
        self._handle, self._body, self._spans = handle, body, spans

    @property
    def copies(self) -> bool:
        """Texts may be copied: the last report and its index were found and agree."""
        return self._handle is not None

    def _group_key(self, finding) -> str | None:
        entry = self.groups.finding_keys.get(id(finding))
        return entry[0] if entry is not None and entry[1] is finding else None

    def text(self, finding, replaced_by: str | None, review: str | None) -> bytes | None:
        """The finding's JSON text (UTF-8) as the last report wrote it, if that is what this run
        writes: the same group key and id, replaced by the same finding, the same review."""
        if self._handle is None:
            return None
        key = self._group_key(finding)
        stored = self._spans.get(key + finding.id) if key is not None else None
        if stored is None:
            return None
        try:
            start, length, crc, was_replaced_by, was_review = stored
            if was_replaced_by != replaced_by or was_review != review:
                return None
            self._handle.seek(self._body + start)
            data = self._handle.read(length)
        except Exception:  # noqa: BLE001 - a span of the wrong shape, a read that fails
            return None
        if len(data) != length or zlib.crc32(data) != crc:
            return None
        self.copied += 1
        self.known_crc(data, crc)
        return data

    def known_crc(self, data: bytes, crc: int) -> None:
        """A text about to be recorded whose CRC-32 is already known (copied, or worked out by a
        child): not computed again."""
        self._checked[id(data)] = (data, crc)

    def record_key(self, finding) -> str | None:
        """What `record` keeps the finding's span under; None when it keeps none (no group key)."""
        key = self._group_key(finding)
        return key + finding.id if key is not None else None

    def record_spans(self, spans: list, start: int) -> None:
        """Texts written one after another from byte `start`, as a child worked them out: each as
        (`record_key`, where it starts from `start`, its length, CRC-32, replaced by, review)."""
        written = self._written
        for key, offset, length, crc, replaced_by, review in spans:
            if key is not None:
                written[key] = (start + offset, length, crc, replaced_by, review)

    def record(self, finding, replaced_by: str | None, review: str | None, start: int, data: bytes) -> None:
        """This run writes the finding's text `data` (bytes, or a view of them) at byte `start` of its report."""
        key = self._group_key(finding)
        if key is not None:
            checked = self._checked.pop(id(data), None)
            crc = checked[1] if checked is not None and checked[0] is data else zlib.crc32(data)
            self._written[key + finding.id] = (start, len(data), crc, replaced_by, review)

    def rendered(self, length: int) -> None:
        """The report is complete: `length` bytes of UTF-8."""
        self._length = length

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def save(self, result_key: str | None) -> None:
        """Keep the index of this run's report, once it is stored whole under `result_key`."""
        self.close()
        if result_key is None or self._length is None or not self._written:
            return
        try:
            with open(self.results / result_key, "rb") as handle:  # stored whole, and this run's length
                if entry_layout(handle, result_key)[2] != self._length:
                    return
            index = pickle.dumps((_VERSION, result_key, self._length, self._written), protocol=pickle.HIGHEST_PROTOCOL)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_cache_entry(self.path, sealed({result_key: index}))
            ResultCache._prune(self.path.parent, PACKS_KEPT)
        except Exception:  # noqa: BLE001 - a read-only folder, a full disk: just nothing to copy next time
            pass
