"""Read YAML into a small tree that remembers where every value came from.

We build the tree from libyaml's event stream ourselves rather than letting
PyYAML construct Python objects, because that lets us:
- keep 1-based line and column for every key and value;
- report duplicate keys (PyYAML silently keeps the last one);
- never construct anything from a tag (`!!python/object` is an error);
- type scalars by our own rule: only `true`/`false` are booleans, so `NO`
  stays the text "NO", and `2026-04-24` stays text until a date field reads
  it with its precision;
- bound nesting depth, alias use and alias expansion without recursion,
  and refuse an alias inside its own anchor (a loop).

Messages quote user text through `visible()`, so a key such as
`"\x1b]0;pwned\x07"` reaches a terminal as visible escapes, never raw.
"""

from __future__ import annotations

import re
from typing import Iterator

import yaml

from . import codes
from .model import Diagnostic
from .yamlerrors import reader_diagnostic, syntax_diagnostic, visible
from .yamlfallback import FallbackLoader

try:  # libyaml is much faster; the pure-Python parser is the fallback.
    from yaml import CSafeLoader as _Loader
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = FallbackLoader  # type: ignore[assignment, misc]
    _CParser = None
_PURE_PYTHON = (FallbackLoader, yaml.SafeLoader)  # `_Loader` is neither when libyaml reads

MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_ALIAS_EXPANSION = 10_000  # nodes that aliases may add when expanded (billion laughs)
MAX_INT_DIGITS = 1_000  # longer digit runs stay text (Python refuses int() past 4,300)

MAP, SEQ, SCALAR = "mapping", "list", "scalar"

_INT_RE = re.compile(r"[-+]?[0-9]+")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
# The plain scalars that are not text: nulls and the booleans (only true and false)...
_WORDS: dict[str, object] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_STARTS = frozenset("+-.0123456789")  # ... and numbers, which start with one of these
_STR_TAG = "tag:yaml.org,2002:str"


class Node:
    """A YAML value with its position. `value` is:
    - mapping: dict of key text -> (key Node, value Node), in file order;
    - list: list of Nodes;
    - scalar: None, bool, int, float or str (see `text` for the original).
    """

    __slots__ = ("kind", "value", "text", "line", "column", "duplicates", "style")

    def __init__(self, kind: str, value: object, line: int, column: int, text: str = "") -> None:
        self.kind = kind
        self.value = value
        self.text = text
        self.line = line
        self.column = column
        self.duplicates: list[Node] | None = None
        self.style = ""  # a scalar's quotes: "", "'" or '"' (its text starts one column later)

    def describe(self) -> str:
        """What a user would call this value, for 'expected X, got Y' messages."""
        if self.kind != SCALAR:
            return "a mapping" if self.kind == MAP else "a list"
        value = self.value
        if value is None:
            return "null"
        if isinstance(value, bool):
            return f"the boolean {self.text}"
        if isinstance(value, (int, float)):
            return f"the number {self.text}"
        return "text"

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self.kind}, {self.value!r}, {self.line}:{self.column})"


def plain_scalar(text: str) -> object:
    """Type a plain (unquoted) scalar: YAML 1.2 core types, booleans only true/false."""
    if text[:1] not in _NUMBER_STARTS:  # most text: no pattern to try
        return _WORDS.get(text, text)
    if _INT_RE.fullmatch(text):
        return int(text) if len(text) <= MAX_INT_DIGITS else text
    if _FLOAT_RE.fullmatch(text):
        return float(text)
    return text


class YamlProblem(Exception):
    """Raised inside the reader; turned into a Diagnostic at the boundary."""

    def __init__(self, line: int, column: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.code, self.message = line, column, code, message


def read_yaml(path: str, text: str) -> tuple[Node | None, list[Diagnostic]]:
    """Parse one YAML document. Returns the tree (None if unusable) and problems.

    Duplicate keys are recorded on their mapping node (`duplicates`) and
    reported here too; the tree is still returned so later checks can run.
    """
    problems: list[Diagnostic] = []
    try:
        root = _build(_events(text), problems, path)
    except YamlProblem as problem:
        problems.append(Diagnostic(path, problem.line, problem.column, problem.code, problem.message))
        return None, problems
    except yaml.MarkedYAMLError as error:
        if _Loader not in _PURE_PYTHON and "nesting depth" in str(error.problem):
            # libyaml's own depth limit (1,000 levels in 0.2.6, none before) can fire while it
            # scans ahead, before our walker sees level MAX_DEPTH + 1. The pure-Python parser
            # has no such limit and keeps no recursion, so it finds our limit at its real place.
            return _read_with_python_parser(path, text)
        problems.append(syntax_diagnostic(path, text, error))
        return None, problems
    except yaml.reader.ReaderError as error:
        problems.append(reader_diagnostic(path, text, error, counts_bytes=_Loader not in _PURE_PYTHON))
        return None, problems
    except yaml.YAMLError as error:  # pragma: no cover - every known error is one of the above
        problems.append(Diagnostic(path, 1, 1, codes.YAML_SYNTAX, f"YAML error: {visible(str(error))}"))
        return None, problems
    return root, problems


class _Irregular:
    """What `compose` returns for a document the event reader must read."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "IRREGULAR"


IRREGULAR = _Irregular()
# Tags our resolver gives untagged nodes; a space never occurs in a real (URI) tag.
PLAIN, QUOTED, MAP_TAG, SEQ_TAG = " plain", " text", " map", " seq"
TEXT_TAGS = frozenset({QUOTED, _STR_TAG})
MAP_TAGS = frozenset({MAP_TAG, "tag:yaml.org,2002:map"})
SEQ_TAGS = frozenset({SEQ_TAG, "tag:yaml.org,2002:seq"})


class _TooDeep(Exception):
    pass


if _CParser is not None:
    class _DepthCountingComposer(_CParser):  # type: ignore[misc, valid-type]
        """libyaml's C composer with a resolver that constructs nothing: an untagged
        node gets a marker tag (plain, quoted, mapping, list), and composing stops
        past MAX_DEPTH levels (the composer recurses in C)."""

        def __init__(self, text: str) -> None:
            super().__init__(text)
            self.depth = 0

        def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                return PLAIN if implicit[0] else QUOTED
            return MAP_TAG if kind is yaml.MappingNode else SEQ_TAG

        def descend_resolver(self, parent: object, index: object) -> None:
            self.depth += 1
            if self.depth > MAX_DEPTH:  # counts scalars too: stricter than the reader, never looser
                raise _TooDeep

        def ascend_resolver(self) -> None:
            self.depth -= 1

    class _BoundedComposer(_DepthCountingComposer):
        """For libyaml 0.2.6 or newer, which refuses nesting past 1,000 levels itself (an error,
        so IRREGULAR): that bounds the C recursion, and our own limit is the reader's, since the
        fast path takes nothing deeper than a claim's fields. Two C callables instead of two
        Python calls for every node: a fifth of composing."""

        descend_resolver = staticmethod({}.get)  # type: ignore[assignment]
        ascend_resolver = staticmethod({}.clear)  # type: ignore[assignment]

    _Composer = _BoundedComposer if yaml._yaml.get_version() >= (0, 2, 6) else _DepthCountingComposer


def compose(text: str) -> yaml.Node | None | _Irregular:
    """The document through libyaml's C composer, or IRREGULAR.

    The composer gives every node its line and column and constructs nothing;
    an untagged node's tag is one of the markers PLAIN, QUOTED, MAP_TAG and
    SEQ_TAG. IRREGULAR: no libyaml, more than one document, any error, more
    than MAX_DEPTH levels (with a libyaml older than 0.2.6; newer ones stop at
    1,000 levels themselves, and the fast path takes nothing deeper than a
    claim's fields). The caller must still refuse other tags, aliases
    (a node met twice), duplicate keys and a `!`-tagged plain scalar (see
    `tagged_at`); `read_yaml` reports all of these.
    """
    if _CParser is None or not issubclass(_Loader, _CParser):  # no libyaml, or a test's stand-in
        return IRREGULAR
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    except Exception:  # noqa: BLE001 - any trouble at all: read_yaml says what it is
        return IRREGULAR
    finally:
        composer.dispose()


def tagged_at(lines: list[str], mark: yaml.Mark) -> bool:
    """Whether a composed node starts with a tag (its mark is where the tag begins).
    Our resolver cannot tell `! 12` (text) from `12` (a number); this can."""
    return lines[mark.line][mark.column:mark.column + 1] == "!"


def _read_with_python_parser(path: str, text: str) -> tuple[Node | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    try:
        root = _build(_events(text, FallbackLoader), problems, path)
    except YamlProblem as problem:
        problems.append(Diagnostic(path, problem.line, problem.column, problem.code, problem.message))
        return None, problems
    except yaml.MarkedYAMLError as error:
        problems.append(syntax_diagnostic(path, text, error))
        return None, problems
    return root, problems


def _events(text: str, loader_class: type | None = None) -> Iterator[yaml.Event]:
    loader = (loader_class or _Loader)(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _build(events: Iterator[yaml.Event], problems: list[Diagnostic], path: str) -> Node | None:
    """Assemble Nodes from events with an explicit stack (no recursion)."""
    anchors: dict[str, Node] = {}
    sizes: dict[int, int] = {}  # id(anchored node) -> nodes it holds when expanded
    aliases = 0
    expanded = 0  # nodes added by aliases
    nodes = 0
    documents = 0
    root: Node | None = None
    # Stack entries: [container Node, pending key Node or None, anchored?, count when opened]
    stack: list[list] = []

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        container = frame[0]
        if container.kind == SEQ:
            container.value.append(node)
            return
        key = frame[1]
        if key is None:
            if node.kind != SCALAR:
                raise YamlProblem(node.line, node.column, codes.YAML_KEY, "a mapping key must be plain text, not a mapping or list")
            frame[1] = node
            return
        frame[1] = None
        name = key.text
        if name in container.value:
            first = container.value[name][0]
            if container.duplicates is None:
                container.duplicates = []
            container.duplicates.append(key)
            problems.append(
                Diagnostic(
                    path, key.line, key.column, codes.DUPLICATE_KEY,
                    f"duplicate key '{visible(name)}' (first at line {first.line}); "
                    "YAML would silently keep only the last value",
                )
            )
            return
        container.value[name] = (key, node)

    for event in events:
        cls = type(event)
        if cls is yaml.ScalarEvent:
            nodes += 1
            mark = event.start_mark
            node = Node(SCALAR, None, mark.line + 1, mark.column + 1, event.value)
            node.style = event.style or ""
            tag = event.tag
            if tag is not None and tag != "!" and tag != _STR_TAG:
                raise YamlProblem(
                    node.line, node.column, codes.YAML_TAG,
                    f"tag '{visible(tag)}' is not allowed: factcheck never constructs objects from tags",
                )
            if tag is None and event.implicit[0] and not event.style:  # libyaml gives "" for plain
                node.value = plain_scalar(event.value)
            else:
                node.value = event.value
            if event.anchor is not None:
                anchors[event.anchor] = node
                sizes[id(node)] = 1
            attach(node)
        elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
            mark = event.start_mark
            if event.tag is not None and event.tag not in ("!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                raise YamlProblem(
                    mark.line + 1, mark.column + 1, codes.YAML_TAG,
                    f"tag '{visible(event.tag)}' is not allowed: factcheck never constructs objects from tags",
                )
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    mark.line + 1, mark.column + 1, codes.YAML_DEPTH,
                    f"nesting deeper than {MAX_DEPTH} levels; a claim file is at most a few levels deep",
                )
            if cls is yaml.MappingStartEvent:
                node = Node(MAP, {}, mark.line + 1, mark.column + 1)
            else:
                node = Node(SEQ, [], mark.line + 1, mark.column + 1)
            nodes += 1
            if event.anchor is not None:
                anchors[event.anchor] = node
            attach(node)
            # [container, pending key, anchored?, nodes+expanded when it opened]
            stack.append([node, None, event.anchor is not None, nodes + expanded])
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            frame = stack.pop()
            if frame[2]:
                sizes[id(frame[0])] = nodes + expanded - frame[3] + 1
        elif cls is yaml.AliasEvent:
            mark = event.start_mark
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlProblem(
                    mark.line + 1, mark.column + 1, codes.YAML_ALIASES,
                    f"more than {MAX_ALIASES} aliases; refusing a possible alias bomb",
                )
            target = anchors.get(event.anchor)
            if target is None:  # libyaml reports this itself; kept for the pure parser
                raise YamlProblem(mark.line + 1, mark.column + 1, codes.YAML_SYNTAX,
                                  f"unknown alias '*{visible(event.anchor)}'")
            if id(target) not in sizes:  # its anchor is still open: the alias would make a loop
                raise YamlProblem(mark.line + 1, mark.column + 1, codes.YAML_ALIASES,
                                  f"alias '*{visible(event.anchor)}' is inside its own anchor; that makes a loop")
            expanded += sizes[id(target)]
            if expanded > MAX_ALIAS_EXPANSION:
                raise YamlProblem(
                    mark.line + 1, mark.column + 1, codes.YAML_ALIASES,
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values; refusing a possible alias bomb",
                )
            attach(target)
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise YamlProblem(
                    mark.line + 1, mark.column + 1, codes.YAML_DOCUMENTS,
                    "more than one YAML document ('---'); a claim file holds exactly one",
                )
    return root
