"""Writing a review into `_resolutions.yaml` (what `factcheck resolve` does).

`write_review` records one review: under an exclusive lock, read the file
afresh, edit it as text (an entry for the same id is replaced in place, a new
one goes before the first larger id, every other line stays as it was), read
the result back to prove nothing else changed, then replace the file
atomically. Reading and applying reviews is `resolutions.py`'s.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import codes
from .model import Diagnostic, Resolution
from .resolutions import RESOLUTIONS_FILE, parse_resolutions
from .writes import atomic_write, is_special
from .yamledit import corpus_lock, yaml_scalar

HEADER = (
    "# Reviews of factcheck findings. `factcheck check` fails only on contradictions not reviewed here.\n"
    "# Written by `factcheck resolve FINDING_ID --verdict VERDICT --note NOTE`: one entry per finding,\n"
    "# sorted by id. Verdicts: superseded, source-error (name the wrong source with source:), both-hold, open.\n"
)


class ResolutionsFileError(Exception):
    """The review file cannot be edited safely; `diagnostic` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


@dataclass(frozen=True, slots=True)
class Review:
    """A verdict to record (what `factcheck resolve` writes)."""

    finding_id: str
    verdict: str
    note: str
    by: str
    date: str
    source: str | None = None
    claims: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    path: str
    updated: bool                 # an entry for this id existed and was replaced
    removed: tuple[str, ...]      # outdated entries this review replaces


def resolutions_path(folder: str | os.PathLike[str]) -> Path:
    """The review file of a corpus folder: an existing `_resolutions.yml`, else `_resolutions.yaml`."""
    folder = Path(folder)
    legacy = folder / "_resolutions.yml"
    return legacy if legacy.exists() and not (folder / RESOLUTIONS_FILE).exists() else folder / RESOLUTIONS_FILE


def write_review(path: str | os.PathLike[str], review: Review, replaces: Iterable[str] = ()) -> WriteOutcome:
    """Record `review` in the review file at `path`, safely.

    Under an exclusive lock on the folder, the file is read afresh, edited as
    text (other entries keep their exact lines and comments), checked by
    reading it back, and replaced atomically. Entries whose ids are in
    `replaces` (outdated reviews of the same claims) are removed.
    """
    target = Path(path)
    replaces = tuple(r for r in replaces if r != review.finding_id)
    with corpus_lock(target.parent):
        if is_special(target):  # reading a FIFO would wait (under the lock) for a writer that never comes
            raise ResolutionsFileError(Diagnostic(
                str(path), 1, 1, codes.NOT_REGULAR_FILE,
                "not a regular file (a pipe, device or socket); the review file must be a text file"))
        try:
            text = target.read_bytes().decode("utf-8") if target.exists() else None  # bytes: keep CRLF
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise ResolutionsFileError(Diagnostic(str(path), 1, 1, codes.UNREADABLE, f"cannot read: {reason}")) from None
        before = _parse_text(str(path), text) if text is not None else []
        existing = {r.finding_id for r in before}
        removed = tuple(r for r in replaces if r in existing)
        new_text = _edited(str(path), text, review, removed)
        after = _parse_text(str(path), new_text)
        expected = {_fields(r) for r in before if r.finding_id not in removed and r.finding_id != review.finding_id}
        expected.add(_fields(review))
        if {_fields(r) for r in after} != expected or len(after) != len(expected):
            raise ResolutionsFileError(Diagnostic(
                str(path), 1, 1, codes.UNSAFE_EDIT,
                "could not record the review without disturbing other entries; the file was left unchanged "
                "(please report this with the file)",
            ))
        atomic_write(target, new_text)
    return WriteOutcome(str(path), review.finding_id in existing, removed)


def _fields(entry: Resolution | Review) -> tuple:
    return (entry.finding_id, entry.verdict, entry.note, entry.by, entry.date, entry.source or None, tuple(entry.claims))


def _parse_text(path: str, text: str) -> list[Resolution]:
    """Entries of a review file; refuses a file with problems (it is not ours to guess)."""
    from .yamlread import read_yaml

    tree, problems = read_yaml(path, text)
    if not problems and tree is None:
        return []
    if not problems:
        found, problems = parse_resolutions(path, tree)
    if problems:
        first = problems[0]
        raise ResolutionsFileError(Diagnostic(
            first.path, first.line, first.column, first.code,
            f"{first.message} (fix the review file before recording another review)",
        ))
    return found


# Text editing. Each entry is a block of lines from its `- ` to the line before
# the next line indented no deeper than its dash (comments and blank lines
# between entries stay where they are).


def _edited(path: str, text: str | None, review: Review, removed: tuple[str, ...]) -> str:
    if text is not None and "\r\n" in text:  # keep a Windows-edited file's line endings
        return _edited_lf(path, text.replace("\r\n", "\n"), review, removed).replace("\n", "\r\n")
    return _edited_lf(path, text, review, removed)


def _edited_lf(path: str, text: str | None, review: Review, removed: tuple[str, ...]) -> str:
    if text is None or not text.strip():
        return HEADER + "resolutions:\n" + "".join(_render(review, "  "))
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    layout = _layout(path, "".join(lines))
    if layout is None:
        _refuse_to_drop_comments(path, "".join(lines))
        return _rewritten(path, "".join(lines), review, removed)
    for finding_id in removed:  # one at a time, re-reading the layout: indices move
        block = next(b for b in layout.blocks if b.finding_id == finding_id)
        start, end = block.start, block.end
        if end < len(lines) and not lines[end].strip():
            end += 1
        elif start > 0 and not lines[start - 1].strip():
            start -= 1
        del lines[start:end]
        layout = _layout(path, "".join(lines))
        if layout is None:
            _refuse_to_drop_comments(path, "".join(lines))
            return _rewritten(path, "".join(lines), review, ())
    if not layout.blocks:
        lines[layout.key_line:layout.key_line + 1] = ["resolutions:\n"]
        lines[layout.key_line + 1:layout.key_line + 1] = _render(review, "  ")
        return "".join(lines)
    indent = layout.blocks[0].indent
    same = next((b for b in layout.blocks if b.finding_id == review.finding_id), None)
    if same is not None:
        lines[same.start:same.end] = _render(review, same.indent)
        return "".join(lines)
    later = next((b for b in layout.blocks if b.finding_id > review.finding_id), None)
    if later is not None:
        at = later.start
        while at > 0 and lines[at - 1].lstrip().startswith("#") and _indent(lines[at - 1]) <= len(later.indent):
            at -= 1  # keep a comment above an entry with that entry
        lines[at:at] = _render(review, indent) + ["\n"]
    else:
        at = layout.blocks[-1].end
        lines[at:at] = ["\n"] + _render(review, indent)
    return "".join(lines)


@dataclass(frozen=True, slots=True)
class _Block:
    finding_id: str
    start: int      # 0-based index of the line holding `- `
    end: int        # exclusive; trailing blank lines and outdented comments excluded
    indent: str     # the spaces before the dash


@dataclass(frozen=True, slots=True)
class _Layout:
    key_line: int   # 0-based line of `resolutions:`
    blocks: tuple[_Block, ...]


def _layout(path: str, text: str) -> _Layout | None:
    """Where each entry's lines are; None when the layout is not plain block style."""
    from .yamlread import MAP, SCALAR, SEQ, read_yaml

    tree, _problems = read_yaml(path, text)
    if tree is None or tree.kind != MAP or "resolutions" not in tree.value:
        return None
    key, entries = tree.value["resolutions"]
    lines = text.splitlines()
    if entries.kind == SCALAR:
        return _Layout(key.line - 1, ()) if entries.value is None else None
    if entries.kind != SEQ:
        return None
    if not entries.value:
        return _Layout(key.line - 1, ()) if key.line == entries.line else None
    blocks: list[_Block] = []
    for index, node in enumerate(entries.value):
        start = node.line - 1
        prefix = lines[start][: node.column - 1]
        dash = prefix.rstrip()
        if node.kind != MAP or not dash.endswith("-") or dash[:-1].strip() or "id" not in node.value:
            return None
        indent = dash[:-1]
        end = start + 1
        while end < len(lines):
            line = lines[end]
            if line.strip() and not line.lstrip().startswith("#") and _indent(line) <= len(indent):
                break
            end += 1
        while end > start + 1 and (not lines[end - 1].strip()
                                   or (lines[end - 1].lstrip().startswith("#") and _indent(lines[end - 1]) <= len(indent))):
            end -= 1
        next_start = entries.value[index + 1].line - 1 if index + 1 < len(entries.value) else len(lines)
        if end > next_start:
            return None
        id_node = node.value["id"][1]
        blocks.append(_Block(id_node.text, start, end, indent))
    return _Layout(key.line - 1, tuple(blocks))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _refuse_to_drop_comments(path: str, text: str) -> None:
    """A file in another layout is re-rendered, which would drop its comments: refuse instead."""
    where = _first_comment(text)
    if where is not None:
        raise ResolutionsFileError(Diagnostic(
            path, where[0], where[1], codes.UNSAFE_EDIT,
            "this review file is not in block style (one '- id: …' entry per block under 'resolutions:'), "
            "and rewriting it would drop this comment; the file was left unchanged (put it in block style, "
            "or record the review by hand)"))


def _first_comment(text: str) -> tuple[int, int] | None:
    """Line and column of the first YAML comment: a `#` outside every token the scanner reads."""
    import yaml

    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return (1, 1) if "#" in text else None
    spans.sort()
    span = 0
    for match in re.finditer(r"(?:^|(?<=[ \t]))#", text, re.MULTILINE):
        at = match.start()
        while span < len(spans) and spans[span][1] <= at:
            span += 1
        if span < len(spans) and spans[span][0] <= at < spans[span][1]:
            continue
        line = text.count("\n", 0, at) + 1
        return line, at - (text.rfind("\n", 0, at) + 1) + 1
    return None


def _rewritten(path: str, text: str, review: Review, removed: tuple[str, ...]) -> str:
    """Fallback for a file not in plain block style: re-render every entry (comments are lost)."""
    kept = [r for r in _parse_text(path, text) if r.finding_id not in removed and r.finding_id != review.finding_id]
    entries = sorted([*kept, review], key=lambda r: r.finding_id)
    body = "\n".join("".join(_render(r, "  ")) for r in entries)
    return HEADER + "resolutions:\n" + body


def _render(entry: Resolution | Review, indent: str) -> list[str]:
    inner = indent + "  "
    lines = [f"{indent}- id: {yaml_scalar(entry.finding_id)}\n", f"{inner}verdict: {yaml_scalar(entry.verdict)}\n"]
    if entry.source:
        lines.append(f"{inner}source: {yaml_scalar(entry.source)}\n")
    lines += [f"{inner}note: {yaml_scalar(entry.note)}\n", f"{inner}by: {yaml_scalar(entry.by)}\n",
              f"{inner}date: {yaml_scalar(entry.date)}\n"]
    if entry.claims:
        lines.append(f"{inner}claims: [{', '.join(yaml_scalar(ref, flow=True) for ref in entry.claims)}]\n")
    return lines
