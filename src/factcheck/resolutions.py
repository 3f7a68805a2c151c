"""Reviews of findings: `claims/_resolutions.yaml`.

A reviewed finding is recorded by id, with a verdict, a note, who and when:

    resolutions:
      - id: con-683ca3138e
        verdict: superseded          # superseded | source-error | both-hold | open
        note: The April rewrite ended exclusivity; the older claims were true when made.
        by: Jane Doe
        date: 2026-11-22
        claims: [daily-2026/lic, blog/lic]   # written by `factcheck resolve`
      - id: con-a070929be8
        verdict: source-error
        source: blog                 # with source-error: the source that is wrong
        note: ...
        by: ...
        date: ...

`claims` records which claims were reviewed, so that when a claim changes
(and with it the finding's id) `check` can say which review no longer applies.
"""

from __future__ import annotations

from .dates import DateError, parse_date
from .model import Corpus, Diagnostic, Resolution
from .yamlread import MAP, SCALAR, SEQ, Node

RESOLUTIONS_FILE = "_resolutions.yaml"
VERDICTS = {
    "superseded": "one source is outdated: the value changed over time",
    "source-error": "one source is wrong (name it with `source:`)",
    "both-hold": "both hold: a difference of scope or definition",
    "open": "known and accepted as unresolved",
}
ENTRY_FIELDS = ("id", "verdict", "note", "by", "date", "source", "claims")
REQUIRED_FIELDS = ("id", "verdict", "note", "by", "date")


def read_resolutions(corpus: Corpus) -> tuple[list[Resolution], list[Diagnostic]]:
    """The reviews recorded in the corpus's `_resolutions.yaml`, with any problems in it."""
    entry = corpus.settings_files.get(RESOLUTIONS_FILE) or corpus.settings_files.get("_resolutions.yml")
    if entry is None:
        return [], []
    path, tree = entry  # type: ignore[misc]
    return parse_resolutions(path, tree)


def parse_resolutions(path: str, tree: Node | None) -> tuple[list[Resolution], list[Diagnostic]]:
    problems: list[Diagnostic] = []
    if tree is None:
        return [], []

    def problem(node: Node, message: str) -> None:
        problems.append(Diagnostic(path, node.line, node.column, "bad-resolution", message))

    if tree.kind != MAP or "resolutions" not in tree.value:
        problem(tree, "expected a mapping with a 'resolutions' list")
        return [], problems
    entries = tree.value["resolutions"][1]
    if entries.kind == SCALAR and entries.value is None:
        return [], problems
    if entries.kind != SEQ:
        problem(entries, f"resolutions: expected a list, got {entries.describe()}")
        return [], problems
    found: list[Resolution] = []
    seen: dict[str, Resolution] = {}
    for index, node in enumerate(entries.value):
        where = f"resolutions[{index}]"
        if node.kind != MAP:
            problem(node, f"{where}: expected a mapping, got {node.describe()}")
            continue
        fields: dict[str, tuple[Node, Node]] = node.value
        ok = True
        for name, (key, _value) in fields.items():
            if name not in ENTRY_FIELDS:
                problem(key, f"{where}.{name}: unknown field; known fields: {', '.join(ENTRY_FIELDS)}")
                ok = False
        for name in REQUIRED_FIELDS:
            if name not in fields:
                problem(node, f"{where}: missing required field '{name}'")
                ok = False
        values: dict[str, object] = {}
        for name in ("id", "verdict", "note", "by", "date", "source"):
            if name not in fields:
                continue
            value = fields[name][1]
            if value.kind != SCALAR or value.value is None or isinstance(value.value, bool):
                problem(value, f"{where}.{name}: expected text, got {value.describe()}")
                ok = False
                continue
            values[name] = value.text if not isinstance(value.value, str) else value.value
        verdict = values.get("verdict")
        if verdict is not None and verdict not in VERDICTS:
            node_v = fields["verdict"][1]
            problem(node_v, f"{where}.verdict: {verdict!r} is not a verdict; choose from {', '.join(VERDICTS)}")
            ok = False
        if "date" in values:
            try:
                parse_date(values["date"])
            except DateError as error:
                problem(fields["date"][1], f"{where}.date: {error}")
                ok = False
        if verdict == "source-error" and not values.get("source"):
            problem(node, f"{where}: a source-error verdict names the wrong source with 'source:'")
            ok = False
        claims: tuple[str, ...] = ()
        if "claims" in fields:
            claims_node = fields["claims"][1]
            if claims_node.kind != SEQ or any(item.kind != SCALAR for item in claims_node.value):
                problem(claims_node, f"{where}.claims: expected a list of claim refs (source-id/claim-id)")
                ok = False
            else:
                claims = tuple(item.text for item in claims_node.value)
        if not ok:
            continue
        resolution = Resolution(
            finding_id=str(values["id"]), verdict=str(verdict), note=str(values["note"]),
            by=str(values["by"]), date=str(values["date"]), path=path, line=node.line,
            column=node.column, source=values.get("source"), claims=claims,  # type: ignore[arg-type]
        )
        first = seen.get(resolution.finding_id)
        if first is not None:
            problem(fields["id"][1], f"{where}.id: '{resolution.finding_id}' is already reviewed at line {first.line}")
            continue
        seen[resolution.finding_id] = resolution
        found.append(resolution)
    return found, problems
