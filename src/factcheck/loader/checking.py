"""The full path: validate a parsed tree (yamlread's Nodes) field by field, with every diagnostic,
and build the Source and Claims. The fast path builds them with the same functions."""

from __future__ import annotations

import difflib
import math

from .. import codes
from ..bulk import maker
from ..dates import EXPECTED as DATE_EXPECTED, DateError, parse_date
from ..model import Claim, Diagnostic, Source
from ..values import Value, ValueError_, parse_value
from ..values.number import UnitConflict
from ..yamlread import MAP, SCALAR, SEQ, Node, visible
from .fields import CLAIM_FIELDS, MAX_TEXT_CHARS, SLUG_RE, SOURCE_FIELDS, TOP_FIELDS, FieldSpec, FileResult


class Checker:
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
    get = values.get
    return _new_source(  # every field, by position in Source's order (a test checks each one's place)
        values["id"], values["outlet"], values["title"], values["published"], path, line, column,
        get("url"), get("author"), get("text"), positions,
    )


_new_source = maker(Source)  # Source(...), without a frozen __init__'s cost: one per file


def build_claim(source: Source, values: dict, value: Value, line: int, column: int,
                positions: dict[str, tuple[int, int]]) -> Claim:
    """A Claim from its checked fields: both loading paths build it here, so they agree."""
    get = values.get
    return _new_claim(  # every field, by position in Claim's order (a test checks each one's place)
        source, values["id"], values["topic"], values["subject"], values["property"], value,
        values["statement"], line, column, bool(get("approx")), get("as_of"), get("since"), get("until"),
        get("condition"), get("attribution"), get("quote"), values["value"], bool(get("revises")), positions,
    )


_new_claim = maker(Claim)  # Claim(...), without a frozen __init__'s cost: loading builds one per claim


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
    checker = Checker(path)
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
