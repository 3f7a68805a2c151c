"""Load a corpus folder into Sources and Claims, with located diagnostics.

A bad file never stops the others. Problems are returned as Diagnostics
(`file:line:column: message`); nothing here prints or raises on bad input.

What survives a problem:
- a file that cannot be read or parsed (syntax, tags, duplicate keys,
  aliases, nesting) contributes nothing;
- a file whose `source` block is invalid contributes nothing;
- otherwise each valid claim is kept and each invalid claim is dropped.
Every problem is reported either way.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

from . import codes
from .dates import EXPECTED as DATE_EXPECTED, DateError, PartialDate, parse_date
from .model import Claim, Corpus, Diagnostic, Severity, Source
from .values import Value, ValueError_, parse_value
from .values.number import UnitConflict
from .bulk import collector_paused
from .cache import FileCache
from .yamlread import (IRREGULAR, MAP, MAP_TAGS, PLAIN, SCALAR, SEQ, SEQ_TAGS, TEXT_TAGS, Node, compose,
                       plain_scalar, read_yaml, tagged_at, visible)

MAX_FILE_BYTES = 2 * 1024 * 1024  # a claim file holds one article's claims
MAX_TEXT_CHARS = 2000  # statements are the curator's summary, not the article
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: str  # "slug", "text", "date", "published", "value", "bool"
    required: bool = False


SOURCE_FIELDS = {
    f.name: f
    for f in (
        FieldSpec("id", "slug", True),
        FieldSpec("outlet", "text", True),
        FieldSpec("title", "text", True),
        FieldSpec("published", "published", True),
        FieldSpec("url", "text"),
        FieldSpec("author", "text"),
        FieldSpec("text", "text"),
    )
}
CLAIM_FIELDS = {
    f.name: f
    for f in (
        FieldSpec("id", "slug", True),
        FieldSpec("topic", "text", True),
        FieldSpec("subject", "text", True),
        FieldSpec("property", "text", True),
        FieldSpec("value", "value", True),
        FieldSpec("unit", "text"),
        FieldSpec("approx", "bool"),
        FieldSpec("as_of", "date"),
        FieldSpec("since", "date"),
        FieldSpec("until", "date"),
        FieldSpec("condition", "text"),
        FieldSpec("attribution", "text"),
        FieldSpec("revises", "bool"),
        FieldSpec("statement", "text", True),
        FieldSpec("quote", "text"),
    )
}
TOP_FIELDS = ("source", "claims")


@dataclass(slots=True)
class FileResult:
    """What one claim file yields."""

    path: str
    source: Source | None = None
    claims: list[Claim] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


# --- reading bytes --------------------------------------------------------


def decode(path: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Bytes to text, refusing binary files and invalid UTF-8 with a position."""
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        return None, Diagnostic(path, line, column, codes.BINARY_FILE, "binary file (NUL byte); a claim file is UTF-8 text")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + bom
        line, column = _byte_position(data, offset)
        return None, Diagnostic(
            path, line, column, codes.NOT_UTF8,
            f"invalid UTF-8 (byte 0x{data[offset]:02x}); save the file as UTF-8",
        )
    return text, None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    line_text = before[line_start:]
    if line_text.startswith(b"\xef\xbb\xbf"):
        line_text = line_text[3:]
    column = len(line_text.decode("utf-8", errors="replace")) + 1
    return line, column


def _too_large(display: str, size: int) -> Diagnostic:
    return Diagnostic(
        display, 1, 1, codes.FILE_TOO_LARGE,
        f"file is {size / 1024 / 1024:.1f} MiB, over the {MAX_FILE_BYTES // 1024 // 1024} MiB "
        "limit for one claim file; split it, or shorten long fields",
    )


# Non-blocking: opening a FIFO must not wait for a writer (the flags are POSIX-only).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def read_text(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    """Read a regular file, bounded in size, as UTF-8 text (see `read_bytes`)."""
    data, problem = read_bytes(path, display)
    if problem is not None:
        return None, problem
    assert data is not None
    return decode(display, data)


def read_bytes(path: Path, display: str) -> tuple[bytes | None, Diagnostic | None]:
    """Read a regular file, bounded in size.

    Opened non-blocking and checked on the open descriptor, so a FIFO or a
    device named `.yaml` is refused instead of hanging or reading forever.
    """
    try:
        handle = os.open(path, _READ_FLAGS)
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                return None, Diagnostic(display, 1, 1, codes.UNREADABLE,
                                        "not a regular file (a pipe, device or socket); a claim file is a text file")
            if info.st_size > MAX_FILE_BYTES:
                return None, _too_large(display, info.st_size)
            with os.fdopen(handle, "rb", closefd=False) as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(handle)
    except OSError as error:
        reason = error.strerror or str(error)
        return None, Diagnostic(display, 1, 1, codes.UNREADABLE, f"cannot read file: {reason.lower()}")
    if len(data) > MAX_FILE_BYTES:  # it grew after fstat
        return None, _too_large(display, len(data))
    return data, None


# --- validating the tree --------------------------------------------------


class _Checker:
    """Validates one parsed file and builds its Source and Claims."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def error(self, line: int, column: int, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, column, code, message))

    def fields(self, node: Node, where: str, specs: dict[str, FieldSpec]) -> dict[str, tuple[Node, Node]] | None:
        """Check a mapping's keys: unknown and missing fields. None if not a mapping."""
        if node.kind != MAP:
            self.error(node.line, node.column, codes.WRONG_TYPE, f"{where}: expected a mapping, got {node.describe()}")
            return None
        entries: dict[str, tuple[Node, Node]] = node.value  # type: ignore[assignment]
        ok = not node.duplicates
        previous: tuple[str, Node] | None = None
        for name, (key, value) in entries.items():
            if name == "<<":
                self.error(key.line, key.column, codes.UNKNOWN_FIELD,
                           f"{_join(where, name)}: merge keys are not supported; write the fields out in full")
                ok = False
            elif name not in specs:
                hint = difflib.get_close_matches(name, list(specs), n=1, cutoff=0.6)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; known fields: {', '.join(specs)}"
                split = _split_by_comma(previous, name)
                if split:
                    suggestion = split
                what = "unknown section" if not where else "unknown field"
                self.error(key.line, key.column, codes.UNKNOWN_FIELD, f"{_join(where, visible(name))}: {what}{suggestion}")
                ok = False
            if name in specs:
                previous = (name, value)
        for spec in specs.values():
            if spec.required and spec.name not in entries:
                message = f"{where}: missing required field '{spec.name}'" if where else f"missing required section '{spec.name}'"
                self.error(node.line, node.column, codes.MISSING_FIELD, message)
                ok = False
        return entries if ok else None

    def scalar(self, node: Node, where: str, expected: str) -> bool:
        if node.kind != SCALAR:
            self.error(node.line, node.column, codes.WRONG_TYPE, f"{where}: expected {expected}, got {node.describe()}")
            return False
        return True

    def read_field(self, spec: FieldSpec, node: Node, where: str) -> tuple[bool, object]:
        """Returns (ok, python value) for one field."""
        kind = spec.kind
        if kind == "value":
            if not self.scalar(node, where, "a string, number, boolean or date"):
                return False, None
            if node.value is None:
                self.error(node.line, node.column, codes.WRONG_TYPE, f"{where}: expected a string, number, boolean or date, got null")
                return False, None
            if len(node.text) > MAX_TEXT_CHARS:
                self.error(node.line, node.column, codes.TOO_LONG, f"{where}: {len(node.text):,} characters, over the limit of {MAX_TEXT_CHARS:,}")
                return False, None
            return True, node.value
        if kind == "bool":
            if node.kind == SCALAR and isinstance(node.value, bool):
                return True, node.value
            got = _quoted(node.text) if node.kind == SCALAR else node.describe()
            self.error(node.line, node.column, codes.WRONG_TYPE, f"{where}: expected true or false, got {got}")
            return False, None
        if not self.scalar(node, where, _EXPECTED[kind]):
            return False, None
        if node.value is None:
            if spec.required:
                self.error(node.line, node.column, codes.WRONG_TYPE, f"{where}: expected {_EXPECTED[kind]}, got null")
                return False, None
            return True, None
        text = node.text if not isinstance(node.value, str) else node.value
        if kind in ("date", "published"):
            if kind == "published" and text.strip() == "unknown":
                return True, None
            if isinstance(node.value, (bool, float)):
                self.error(node.line, node.column, codes.BAD_DATE, f"{where}: expected {_EXPECTED[kind]}, got {_quoted(node.text)}")
                return False, None
            try:
                return True, parse_date(text)
            except DateError as error:
                message = visible(str(error), None)
                if kind == "published" and message.startswith("expected "):
                    message = message.replace("expected a date", "expected the word unknown or a date", 1)
                column = node.column + _offset_in_file(node, error.offset)
                self.error(node.line, column, codes.BAD_DATE, f"{where}: {message}")
                return False, None
        if isinstance(node.value, bool):
            self.error(node.line, node.column, codes.WRONG_TYPE, f"{where}: expected {_EXPECTED[kind]}, got {node.describe()}; quote it if it is text")
            return False, None
        if len(text) > MAX_TEXT_CHARS:
            self.error(node.line, node.column, codes.TOO_LONG, f"{where}: {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,}")
            return False, None
        if kind == "slug":
            if not SLUG_RE.fullmatch(text):
                self.error(node.line, node.column, codes.BAD_SLUG,
                           f"{where}: {_quoted(text)} is not a slug (lowercase letters, digits and hyphens, starting with a letter or digit)")
                return False, None
            return True, text
        if not text.strip():
            if spec.required:
                self.error(node.line, node.column, codes.WRONG_TYPE, f"{where}: must not be empty")
                return False, None
            return True, None
        return True, text

    def source(self, node: Node) -> Source | None:
        entries = self.fields(node, "source", SOURCE_FIELDS)
        if entries is None and node.kind != MAP:
            return None
        values, ok = self._values(node, "source", SOURCE_FIELDS)
        if entries is None or not ok:
            return None
        positions = {name: (value.line, value.column) for name, (_key, value) in entries.items()}
        return build_source(self.path, values, node.line, node.column, positions)

    def _values(self, node: Node, where: str, specs: dict[str, FieldSpec]) -> tuple[dict, bool]:
        values: dict[str, object] = {}
        ok = True
        for name, (_key, value_node) in node.value.items():  # type: ignore[union-attr]
            spec = specs.get(name)
            if spec is None:
                continue
            field_ok, value = self.read_field(spec, value_node, _join(where, name))
            ok = ok and field_ok
            values[name] = value
        return values, ok

    def claim(self, node: Node, where: str, source: Source | None) -> Claim | None:
        entries = self.fields(node, where, CLAIM_FIELDS)
        if node.kind != MAP:
            return None
        values, ok = self._values(node, where, CLAIM_FIELDS)
        if entries is None or not ok or source is None:
            return None
        value_node = entries["value"][1]
        value, problem = claim_value(values, value_node.text)
        if problem is not None:
            self.error(value_node.line, value_node.column, codes.BAD_VALUE, f"{_join(where, 'value')}: {problem}")
            return None
        positions = {name: (value.line, value.column) for name, (_key, value) in entries.items()}
        return build_claim(source, values, value, node.line, node.column, positions)


def build_source(path: str, values: dict, line: int, column: int, positions: dict[str, tuple[int, int]]) -> Source:
    """A Source from its checked fields: both loading paths build it here, so they agree."""
    return Source(
        id=values["id"], outlet=values["outlet"], title=values["title"],
        published=values["published"], path=path, line=line, column=column,
        url=values.get("url"), author=values.get("author"), text=values.get("text"),
        field_positions=positions,
    )


def build_claim(source: Source, values: dict, value: Value, line: int, column: int,
                positions: dict[str, tuple[int, int]]) -> Claim:
    """A Claim from its checked fields: both loading paths build it here, so they agree."""
    return Claim(
        source=source, id=values["id"], topic=values["topic"], subject=values["subject"],
        property=values["property"], value=value, statement=values["statement"],
        line=line, column=column, approx=bool(values.get("approx")),
        as_of=values.get("as_of"), since=values.get("since"), until=values.get("until"),
        condition=values.get("condition"), attribution=values.get("attribution"),
        quote=values.get("quote"), raw_value=values["value"], field_positions=positions,
        revises=bool(values.get("revises")),
    )


def claim_value(values: dict[str, object], written: str) -> tuple[Value | None, str | None]:
    """A claim's typed value from its checked fields, or why it has none (the message
    after `claims[i].value: `). Both loading paths call this, so they agree."""
    try:
        value = parse_value(values["value"], written, values.get("unit"), bool(values.get("approx")))  # type: ignore[arg-type]
    except (ValueError_, UnitConflict) as error:
        return None, visible(str(error), None)
    if value.kind == "number" and not all(map(math.isfinite, (value.magnitude, value.low, value.high))):
        return None, f"{_quoted(written)} is too large to compare as a number"
    if value.kind == "number" and value.magnitude == 0 and _nonzero(written):
        return None, f"{_quoted(written)} is too small to compare as a number (it would read as 0)"
    return value, None


_EXPECTED = {
    "slug": "an id (a slug)",
    "text": "text",
    "date": DATE_EXPECTED,
    "published": f"the word unknown or {DATE_EXPECTED}",
}


def _offset_in_file(node: Node, offset: int) -> int:
    """Where character `offset` of a scalar's text sits, counted from the scalar's first column.

    Exact for plain and single-quoted scalars on one line; a double-quoted one
    may hold escapes, so a problem inside it is shown at its start."""
    if offset == 0 or "\n" in node.text or node.style == '"' or (node.style == "'" and "'" in node.text):
        return 0
    return offset + (1 if node.style else 0)


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _nonzero(written: str) -> bool:
    """A number as written that is not zero (1e-400 underflows to 0.0 as a float)."""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(written.strip()) != 0
    except (InvalidOperation, ValueError):
        return False


def _quoted(text: str) -> str:
    """User text inside a message: quoted, cut short, control characters escaped."""
    return f"'{visible(text)}'"


def check_tree(path: str, root: Node | None) -> FileResult:
    """Validate a parsed claim file: one source and its claims."""
    result = FileResult(path)
    checker = _Checker(path)
    if root is None:
        checker.error(1, 1, codes.EMPTY_FILE, "empty file; a claim file needs a 'source' mapping and a 'claims' list")
        result.diagnostics = checker.diagnostics
        return result
    if root.kind != MAP:
        checker.error(root.line, root.column, codes.NOT_MAPPING,
                      f"the top level must be a mapping with 'source' and 'claims', got {root.describe()}")
        result.diagnostics = checker.diagnostics
        return result
    checker.fields(root, "", {name: FieldSpec(name, "", True) for name in TOP_FIELDS})
    entries: dict[str, tuple[Node, Node]] = root.value  # type: ignore[assignment]
    source = checker.source(entries["source"][1]) if "source" in entries else None
    if "claims" in entries:
        claims_node = entries["claims"][1]
        if claims_node.kind != SEQ:
            checker.error(claims_node.line, claims_node.column, codes.WRONG_TYPE,
                          f"claims: expected a list of claims, got {claims_node.describe()}")
        elif not claims_node.value:
            checker.error(claims_node.line, claims_node.column, codes.EMPTY_CLAIMS, "claims: the list is empty; add at least one claim")
        else:
            seen: dict[str, Claim] = {}
            for index, claim_node in enumerate(claims_node.value):  # type: ignore[arg-type]
                claim = checker.claim(claim_node, f"claims[{index}]", source)
                if claim is None:
                    continue
                first = seen.get(claim.id)
                if first is not None:
                    line, column = claim.position_of("id")
                    checker.error(line, column, codes.DUPLICATE_ID,
                                  f"claims[{index}].id: duplicate claim id '{claim.id}' (first at line {first.line})")
                    continue
                seen[claim.id] = claim
                result.claims.append(claim)
    result.source = source
    result.diagnostics = checker.diagnostics
    return result


# --- the fast path: a file without problems, on libyaml's composed nodes -----


class _NotRegular(Exception):
    """Something the full path must read and report."""


class _RegularReader:
    """Validates libyaml's composed nodes directly, for a file with nothing to report.

    It accepts exactly what `read_yaml` + `check_tree` accept without a
    diagnostic, and builds the same Source and Claims (the field checks are
    `_Checker.read_field` itself); at the first thing that would be a
    diagnostic, or anything unusual (tags, aliases), it gives up, and the full
    path reads the file again and reports. So every diagnostic comes from one
    place, and a test runs every fixture both ways.
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.seen: set[int] | None = set() if "&" in text else None  # only an anchored node can repeat
        self.bangs = "!" in text
        self.lines: list[str] | None = None
        self.checker = _Checker(path)

    def visit(self, node: object) -> None:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:  # an alias
                raise _NotRegular
            seen.add(id(node))

    def entries(self, node: object, specs: dict[str, FieldSpec]) -> dict[str, tuple[object, object]]:
        self.visit(node)
        if type(node) is not yaml.MappingNode or node.tag not in MAP_TAGS:
            raise _NotRegular
        entries: dict[str, tuple[object, object]] = {}
        for key, value in node.value:
            self.visit(key)
            if type(key) is not yaml.ScalarNode or (key.tag != PLAIN and key.tag not in TEXT_TAGS):
                raise _NotRegular
            name = key.value
            if name not in specs or name in entries:
                raise _NotRegular
            entries[name] = (key, value)
        for spec in specs.values():
            if spec.required and spec.name not in entries:
                raise _NotRegular
        return entries

    def scalar(self, node: object) -> Node:
        self.visit(node)
        if type(node) is not yaml.ScalarNode:
            raise _NotRegular
        tag, text, mark = node.tag, node.value, node.start_mark
        if tag == PLAIN:
            value = plain_scalar(text)
            if value.__class__ is not str and self.bangs:
                if self.lines is None:
                    self.lines = self.text.splitlines()
                if tagged_at(self.lines, mark):
                    raise _NotRegular
        elif tag in TEXT_TAGS:
            value = text
        else:
            raise _NotRegular
        scalar = Node(SCALAR, value, mark.line + 1, mark.column + 1, text)
        scalar.style = node.style or ""
        return scalar

    def values(self, entries: dict[str, tuple[object, object]], specs: dict[str, FieldSpec]) -> tuple[dict, dict]:
        values: dict[str, object] = {}
        positions: dict[str, tuple[int, int]] = {}
        read_field = self.checker.read_field
        for name, (_key, value_node) in entries.items():
            node = self.scalar(value_node)
            ok, value = read_field(specs[name], node, name)
            if not ok:
                raise _NotRegular
            values[name] = value
            positions[name] = (node.line, node.column)
        return values, positions

    def file(self, root: object) -> FileResult:
        top = self.entries(root, _TOP_SPECS)
        source_node = top["source"][1]
        values, positions = self.values(self.entries(source_node, SOURCE_FIELDS), SOURCE_FIELDS)
        mark = source_node.start_mark
        source = build_source(self.path, values, mark.line + 1, mark.column + 1, positions)
        claims_node = top["claims"][1]
        self.visit(claims_node)
        if type(claims_node) is not yaml.SequenceNode or claims_node.tag not in SEQ_TAGS or not claims_node.value:
            raise _NotRegular
        claims: list[Claim] = []
        ids: set[str] = set()
        for claim_node in claims_node.value:
            entries = self.entries(claim_node, CLAIM_FIELDS)
            values, positions = self.values(entries, CLAIM_FIELDS)
            value, problem = claim_value(values, entries["value"][1].value)
            if problem is not None:
                raise _NotRegular
            if values["id"] in ids:
                raise _NotRegular
            ids.add(values["id"])
            mark = claim_node.start_mark
            claims.append(build_claim(source, values, value, mark.line + 1, mark.column + 1, positions))
        return FileResult(self.path, source, claims, [])


_TOP_SPECS = {name: FieldSpec(name, "", True) for name in TOP_FIELDS}


def load_regular(display: str, text: str) -> FileResult | None:
    """A file with nothing to report, validated on libyaml's composed nodes; None for
    any other file (`load_file` then reads it through `read_yaml` and `check_tree`)."""
    root = compose(text)
    if root is IRREGULAR or root is None:
        return None
    try:
        return _RegularReader(display, text).file(root)
    except _NotRegular:
        return None


def load_text(display: str, text: str) -> FileResult:
    """Parse and validate one claim file's text: the fast path, else the full one."""
    return load_regular(display, text) or load_irregular(display, text)


def load_irregular(display: str, text: str) -> FileResult:
    """The full path: the event reader and the tree checker, with every diagnostic."""
    root, problems = read_yaml(display, text)
    if root is None and problems:
        return FileResult(display, diagnostics=problems)
    result = check_tree(display, root)
    if problems:  # duplicate keys: report everything, keep nothing from this file
        result.diagnostics = problems + result.diagnostics
        result.source, result.claims = None, []
    result.diagnostics.sort(key=lambda d: (d.line, d.column))  # read top to bottom, like the file
    return result


def load_file(path: Path, display: str, cache: FileCache | None = None) -> FileResult:
    """Read, parse and validate one claim file; through `cache` when given."""
    data, problem = read_bytes(path, display)
    if problem is not None:
        return FileResult(display, diagnostics=[problem])
    assert data is not None
    key = None
    if cache is not None:
        key = cache.key(display, data)
        stored = cache.get(key)
        if stored is not None:
            source, claims, diagnostics = stored  # type: ignore[misc]
            return FileResult(display, source, list(claims), list(diagnostics))
    text, problem = decode(display, data)
    result = FileResult(display, diagnostics=[problem]) if problem is not None else load_text(display, text or "")
    if key is not None:
        cache.put(key, (result.source, tuple(result.claims), tuple(result.diagnostics)))  # type: ignore[union-attr]
    return result


# --- walking the corpus ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusFiles:
    claim_files: tuple[tuple[Path, str], ...]
    settings_files: tuple[tuple[Path, str], ...]
    diagnostics: tuple[Diagnostic, ...]


def display_path(path: Path) -> str:
    """Paths as the user would type them: relative to the working directory when
    inside it. The real name, so a script can open it: a file name can hold any
    byte, and every output escapes it for its own medium (see textsafe)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def discover(root: Path, display: Callable[[Path], str] | None = None) -> CorpusFiles:
    """Find claim and settings files under `root`, following links but not loops."""
    show = display or str
    if root.is_file():
        return CorpusFiles(((root, show(root)),), (), ())
    claims: list[tuple[Path, str]] = []
    settings: list[tuple[Path, str]] = []
    problems: list[Diagnostic] = []
    seen_dirs: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            info = folder.stat()
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs:
                problems.append(Diagnostic(show(folder), 1, 1, codes.SYMLINK_LOOP,
                                           "folder already visited (a symlink loop or a second link to it); skipped"))
                continue
            seen_dirs.add(key)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            problems.append(Diagnostic(show(folder), 1, 1, codes.UNREADABLE, f"cannot read folder: {reason}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError as error:
                reason = (error.strerror or str(error)).lower()
                problems.append(Diagnostic(show(path), 1, 1, codes.UNREADABLE, f"cannot read: {reason}"))
                continue
            if entry.name.startswith("."):  # hidden: editor backups, our own temporary files
                continue
            if is_dir:
                pending.append(path)
                continue
            if not entry.name.endswith(YAML_SUFFIXES):
                continue
            if entry.is_symlink() and not path.exists():
                problems.append(Diagnostic(show(path), 1, 1, codes.UNREADABLE, "cannot read file: broken symbolic link"))
                continue
            if not entry.name.startswith("_"):
                claims.append((path, show(path)))
            elif folder != root:
                problems.append(Diagnostic(
                    show(path), 1, 1, codes.NESTED_SETTINGS,
                    f"settings files count only in the corpus folder itself ({show(root)}); this one is ignored "
                    "(move it there or rename it without the leading '_')"))
            else:
                settings.append((path, show(path)))
    claims.sort(key=lambda item: item[1])
    settings.sort(key=lambda item: item[1])
    return CorpusFiles(tuple(claims), tuple(_without_twins(settings, problems)), tuple(problems))


def _without_twins(settings: list[tuple[Path, str]], problems: list[Diagnostic]) -> list[tuple[Path, str]]:
    """`_x.yaml` and `_x.yml` side by side: `.yaml` is read; the `.yml` twin is an error, never merged."""
    names = {path.name for path, _shown in settings}
    kept = []
    for path, shown in settings:
        twin = path.stem + ".yaml"
        if path.suffix == ".yml" and twin in names:
            problems.append(Diagnostic(
                shown, 1, 1, codes.DUPLICATE_SETTINGS,
                f"{twin} is beside it and is the one read; this file is ignored (merge it into {twin} and delete it)"))
            continue
        kept.append((path, shown))
    return kept


def load_corpus(root: str | os.PathLike[str], *, display: Callable[[Path], str] | None = None,
                cache: FileCache | None = None) -> Corpus:
    """Load every claim file under `root` (a folder, or one file), through `cache` when given.

    Never raises for bad input: problems come back as `Corpus.diagnostics`.
    A missing root is reported as a diagnostic with code `no-such-path`.
    """
    root_path = Path(root)
    show = display or display_path
    if not root_path.exists():
        shown = visible(str(root), None)
        diag = Diagnostic(shown, 1, 1, codes.NO_SUCH_PATH, f"no such file or folder: {shown}")
        return Corpus(str(root), (), (), (diag,))
    files = discover(root_path, show)
    with collector_paused():
        results = [load_file(path, shown, cache) for path, shown in files.claim_files]
        return assemble(str(root), results, files)


def assemble(root: str, results: Iterable[FileResult], files: CorpusFiles) -> Corpus:
    """Combine per-file results: duplicate source ids across files are refused."""
    diagnostics: list[Diagnostic] = list(files.diagnostics)
    sources: list[Source] = []
    claims: list[Claim] = []
    owners: dict[str, Source] = {}
    for result in results:
        diagnostics.extend(result.diagnostics)
        source = result.source
        if source is None:
            continue
        first = owners.get(source.id)
        if first is not None:
            line, column = source.position_of("id")
            first_line, first_column = first.position_of("id")
            diagnostics.append(Diagnostic(
                source.path, line, column, codes.DUPLICATE_SOURCE,
                f"source.id: '{source.id}' is already the id of {first.path}:{first_line}:{first_column}; "
                "source ids must be unique in the corpus",
            ))
            continue
        owners[source.id] = source
        sources.append(source)
        claims.extend(result.claims)
    settings: dict[str, object] = {}
    for path, shown in files.settings_files:
        text, problem = read_text(path, shown)
        if problem is not None:
            diagnostics.append(problem)
            continue
        tree, problems = read_yaml(shown, text or "")
        diagnostics.extend(problems)
        if not problems:
            settings[path.name] = (shown, tree)
    return Corpus(root, tuple(sources), tuple(claims), tuple(diagnostics), settings)


__all__ = ["load_corpus", "load_file", "discover", "check_tree", "FileResult", "CorpusFiles",
           "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "Severity", "PartialDate"]


def _split_by_comma(previous: "tuple[str, Node] | None", name: str) -> str | None:
    """In a flow mapping (`{value: $270,000}`) a comma ends the value: `$270` and a field `000`.
    Said plainly, with the fix, when an unknown field of digits follows a value ending in a digit."""
    if previous is None or not name[:1].isdigit():
        return None
    field, value = previous
    text = value.text if value.kind == SCALAR and isinstance(value.text, str) else None
    if not text or not text[-1].isdigit():
        return None
    whole = visible(f"{text},{name}")
    return (f"; in a {{ }} mapping a comma ends a value, so `{field}: {whole}` was read as "
            f"{visible(text)!r} and a field {visible(name)!r}: quote the value (`{field}: \"{whole}\"`)")
