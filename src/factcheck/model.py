"""The plain, immutable data that loading and analysis return.

Nothing here prints, exits or does I/O. The CLI and the formatters turn these
objects into text; a Python user can consume them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from itertools import chain
from typing import TYPE_CHECKING, Iterator, Mapping

from . import verdicts

from .codes import lookup

if TYPE_CHECKING:
    from .dates import Period as PartialDate
    from .values import Value


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, located in a file: 1-based line and column.

    `code` is registered in `codes` (it must be); `severity` defaults to the code's.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = None  # type: ignore[assignment]  # None: the code's own severity

    def __post_init__(self) -> None:
        entry = lookup(self.code)
        if self.severity is None:
            object.__setattr__(self, "severity", Severity(entry.severity))

    def __str__(self) -> str:
        """One line for a terminal or log: the path and message with unsafe characters escaped."""
        from .textsafe import terminal

        return terminal(f"{self.path}:{self.line}:{self.column}: {self.message} [{self.code}]")

    @property
    def coded_message(self) -> str:
        """The message with its code, as text output shows it: `message [code]`."""
        return f"{self.message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True, slots=True, eq=False)
class FieldPositions(Mapping):
    """Where each field's value starts, by field name: (line, column).

    Packed, since a corpus holds one per claim: the field names are a tuple
    shared by every claim that has the same fields, and the positions one flat
    tuple of integers (a dict of tuples per claim was a third of a large
    corpus's memory). Read-only, like the dict it replaces."""

    names: tuple[str, ...]
    lines_columns: tuple[int, ...]  # the line and column of names[0], then of names[1], ...

    @classmethod
    def of(cls, positions: Mapping[str, tuple[int, int]]) -> FieldPositions:
        if isinstance(positions, FieldPositions):
            return positions
        return cls.packed(tuple(positions), tuple(chain.from_iterable(positions.values())))

    @classmethod
    def packed(cls, names: tuple[str, ...], lines_columns: tuple[int, ...]) -> FieldPositions:
        """From the names and the flat lines and columns, as a loader gathers them (no dict)."""
        packed = object.__new__(cls)  # what the frozen __init__ does, at half its cost: one per claim
        _SET_NAMES(packed, _FIELD_NAMES.setdefault(names, names))
        _SET_LINES_COLUMNS(packed, lines_columns)
        return packed

    def __getitem__(self, name: str) -> tuple[int, int]:
        try:
            index = self.names.index(name) * 2
        except ValueError:
            raise KeyError(name) from None
        return (self.lines_columns[index], self.lines_columns[index + 1])

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


_FIELD_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}  # each set of field names, once
_SET_NAMES = FieldPositions.names.__set__  # type: ignore[attr-defined]  # the slots' own setters
_SET_LINES_COLUMNS = FieldPositions.lines_columns.__set__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Source:
    """One article, filing or press release: one claim file."""

    id: str
    outlet: str
    title: str
    published: PartialDate | None  # None: the file says `unknown`
    path: str
    line: int
    column: int
    url: str | None = None
    author: str | None = None
    text: str | None = None
    # Where each field's value starts, so a problem can point at `text:` (given as a dict: kept packed).
    field_positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if type(self.field_positions) is not FieldPositions:  # as loading gives them: kept as they are
            object.__setattr__(self, "field_positions", FieldPositions.of(self.field_positions))

    def position_of(self, field_name: str) -> tuple[int, int]:
        return self.field_positions.get(field_name, (self.line, self.column))


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement curated from a source."""

    source: Source
    id: str
    topic: str
    subject: str
    property: str
    value: Value
    statement: str
    line: int
    column: int
    approx: bool = False
    as_of: PartialDate | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    condition: str | None = None
    attribution: str | None = None
    quote: str | None = None
    raw_value: object = None  # `value` as the YAML file holds it (string, number or boolean)
    revises: bool = False  # the source presents the value as a revision of an earlier figure
    # Where each field's value starts, so a finding can point at `value:` (given as a dict: kept packed).
    field_positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    # The global reference `<source.id>/<claim.id>`: made once, since sorting, ids and every
    # output read it many times per claim.
    ref: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ref", f"{self.source.id}/{self.id}")
        if type(self.field_positions) is not FieldPositions:  # as loading gives them: kept as they are
            object.__setattr__(self, "field_positions", FieldPositions.of(self.field_positions))

    @property
    def effective_as_of(self) -> PartialDate | None:
        """When the source says the value holds: `as_of`, else the publication date."""
        return self.as_of if self.as_of is not None else self.source.published

    @property
    def timeline_date(self) -> PartialDate | None:
        """Where the claim sits on a timeline: when its value took effect (`since`), else `effective_as_of`."""
        return self.since or self.effective_as_of

    def position_of(self, field_name: str) -> tuple[int, int]:
        return self.field_positions.get(field_name, (self.line, self.column))


class Diagnosed:
    """Errors and warnings, derived from a `diagnostics` tuple (corpus, analysis, report, ...)."""

    __slots__ = ()
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


@dataclass(frozen=True, slots=True)
class Corpus(Diagnosed):
    """Everything loaded from one corpus folder."""

    root: str
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    diagnostics: tuple[Diagnostic, ...]
    settings_files: Mapping[str, object] = field(default_factory=dict, compare=False)


class FindingKind(str, Enum):
    """The five kinds of finding, most serious first."""

    CONTRADICTION = "contradiction"
    CONDITION = "condition"
    SUPERSEDED = "superseded"
    REVISED = "revised"
    CORROBORATED = "corroborated"

    @property
    def is_timeline(self) -> bool:
        """Superseded and revised findings tell a story in time: not errors."""
        return self in (FindingKind.SUPERSEDED, FindingKind.REVISED)

    @property
    def rank(self) -> int:
        return _KIND_RANK[self]

    def in_summary(self, count: int) -> bool:
        """Header counts name every kind, except `revised` when there is none: it is rare,
        and one more `0 …` would wrap the line at 80 columns."""
        return count > 0 or self is not FindingKind.REVISED

    def counted(self, count: int) -> str:
        """`1 contradiction`, `3 contradictions`, `2 superseded`: for headers and summaries."""
        plural = count != 1 and self.value in ("contradiction", "condition")
        return f"{count} {self.value}{'s' if plural else ''}"


_KIND_RANK = {kind: rank for rank, kind in enumerate(FindingKind)}


@dataclass(frozen=True, slots=True)
class Position:
    """Claims that agree with each other; a finding sets positions against each other."""

    value: str
    claims: tuple[Claim, ...]
    qualifier: str | None = None  # condition findings: the `until`/`condition` this side states


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    kind: FindingKind
    topic: str
    subject: str
    property: str
    positions: tuple[Position, ...]
    note: str | None = None
    # Every claim of every position, in order: gathered once, since reports read it several times.
    claims: tuple[Claim, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        positions = self.positions
        object.__setattr__(self, "claims", positions[0].claims if len(positions) == 1  # a corroboration
                           else tuple(c for p in positions for c in p.claims))

    @property
    def anchor(self) -> Claim:
        """The claim a finding is reported at: the newest one (the one that brought it)."""
        return max(self.claims, key=_recency_key)


def _recency_key(claim: Claim) -> tuple:
    date = claim.timeline_date
    return (date.end if date else -1, claim.ref)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A reviewer's verdict on a finding, from `_resolutions.yaml`."""

    finding_id: str
    verdict: str            # superseded | source-error | both-hold | open
    note: str
    by: str
    date: str
    path: str
    line: int
    column: int
    source: str | None = None        # with `source-error`: the source that is wrong
    claims: tuple[str, ...] = ()     # the claim refs reviewed, to explain a changed id

    @property
    def left_open(self) -> bool:
        """Reviewed but not resolved: the finding still needs a decision."""
        return self.verdict == verdicts.OPEN


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every claim about one subject and property, in time order (undated last)."""

    topic: str
    subject: str
    property: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Analysis(Diagnosed):
    corpus: Corpus
    findings: tuple[Finding, ...]
    timelines: tuple[Timeline, ...]
    diagnostics: tuple[Diagnostic, ...]  # the corpus's, plus problems in settings files
    # Groups that may be about the same thing but were not matched (factcheck.possible.PossibleMatch).
    possible_matches: tuple = ()
    # The margin values were compared with, so a report can show the intervals (keyword-only:
    # fields added later stay positional).
    approx_margin: float = field(default=0.10, kw_only=True)
