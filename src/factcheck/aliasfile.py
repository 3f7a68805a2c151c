"""Recording a curator's answer to a possible match in `_aliases.yaml`.

Accepting adds an alias group `- [a, b]` under `aliases:`; dismissing adds a
pair under `distinct:` so it is not proposed again. As `factcheck resolve`
does for `_resolutions.yaml`: under an exclusive lock on the corpus folder the
file is read afresh, one line is inserted after the last entry of its list
(every other byte stays as it was), the result is read back to prove that only
that entry was added, and the file is replaced atomically.
"""

from __future__ import annotations

from pathlib import Path

from . import codes
from .model import Diagnostic
from .writes import atomic_write
from .yamledit import corpus_lock, yaml_scalar
from .yamlread import MAP, SCALAR, SEQ, read_yaml

ALIASES_FILE = "_aliases.yaml"
HEADER = (
    "# Names that mean the same thing (first one shown), and possible matches dismissed as different.\n"
    "# Written by `factcheck matches --accept N` and `--dismiss N`; edit freely.\n"
)


class AliasFileError(Exception):
    """The alias file cannot be edited safely; `diagnostic` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def aliases_path(folder: str | Path) -> Path:
    folder = Path(folder)
    legacy = folder / "_aliases.yml"
    return legacy if legacy.exists() and not (folder / ALIASES_FILE).exists() else folder / ALIASES_FILE


def add_entry(path: str | Path, section: str, names: tuple[str, ...]) -> bool:
    """Add `names` to `section` ("aliases" or "distinct"); False when the file already has it."""
    target = Path(path)
    with corpus_lock(target.parent):
        try:
            text = target.read_bytes().decode("utf-8") if target.exists() else None
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise AliasFileError(Diagnostic(str(path), 1, 1, codes.UNREADABLE, f"cannot read: {reason}")) from None
        before = _entries(str(path), text)
        wanted = tuple(names)
        if any(tuple(n.casefold() for n in group) == tuple(n.casefold() for n in wanted)
               for group in before.get(section, ())):
            return False
        new_text = _edited(str(path), text, section, wanted)
        after = _entries(str(path), new_text)
        expected = dict(before)
        expected[section] = tuple(before.get(section, ())) + (wanted,)
        if {k: tuple(v) for k, v in after.items()} != {k: tuple(v) for k, v in expected.items() if v}:
            raise AliasFileError(Diagnostic(
                str(path), 1, 1, codes.UNSAFE_ALIAS_EDIT,
                f"could not add to '{section}:' without disturbing other entries; the file was left unchanged "
                "(add the line by hand)"))
        atomic_write(target, new_text)
    return True


def _entries(path: str, text: str | None) -> dict[str, tuple]:
    """The file's groups; refuses a file with problems (it is not ours to guess)."""
    from .settings import aliases_of

    if text is None or not text.strip():
        return {}
    tree, problems = read_yaml(path, text)
    found = aliases_of(path, tree, problems) if not problems and tree is not None else {}
    if problems:
        first = problems[0]
        raise AliasFileError(Diagnostic(first.path, first.line, first.column, first.code,
                                        f"{first.message} (fix the alias file first)"))
    return {k: v for k, v in found.items() if v}


def _line(names: tuple[str, ...], indent: str) -> str:
    return f"{indent}- [{', '.join(yaml_scalar(n, flow=True) for n in names)}]\n"


def _edited(path: str, text: str | None, section: str, names: tuple[str, ...]) -> str:
    if text is not None and "\r\n" in text:  # keep a Windows-edited file's line endings
        return _edited(path, text.replace("\r\n", "\n"), section, names).replace("\n", "\r\n")
    if text is None or not text.strip():
        return HEADER + f"{section}:\n" + _line(names, "  ")
    if not text.endswith("\n"):
        text += "\n"
    lines = text.splitlines(keepends=True)
    tree, _problems = read_yaml(path, text)
    if tree is None or tree.kind != MAP:
        raise AliasFileError(Diagnostic(path, 1, 1, codes.BAD_SETTINGS, "expected a mapping with 'aliases:'"))
    if section not in tree.value:
        return text + f"{section}:\n" + _line(names, "  ")
    key, listing = tree.value[section]
    if listing.kind == SCALAR and listing.value is None:
        lines[key.line - 1:key.line] = [f"{section}:\n", _line(names, "  ")]
        return "".join(lines)
    if listing.kind != SEQ or not listing.value or listing.line == key.line:
        raise AliasFileError(Diagnostic(path, listing.line, listing.column, codes.UNSAFE_ALIAS_EDIT,
                                        f"'{section}:' is not a block list (one '- [a, b]' per line); "
                                        "add the entry by hand"))
    first = lines[listing.value[0].line - 1]
    indent = first[:len(first) - len(first.lstrip(" "))]
    # The list ends before the next top-level key (or at the end), less trailing blanks and comments.
    later = [k.line for k, _v in tree.value.values() if k.line > key.line]
    end = (min(later) - 1) if later else len(lines)
    while end > listing.value[-1].line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    lines[end:end] = [_line(names, indent)]
    return "".join(lines)
