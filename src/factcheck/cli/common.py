"""Shared pieces of the commands: loading, output, exit codes.

typer is imported only where it is used: a warm `factcheck check` is answered
from the cache of whole outputs before typer is loaded (see `shortcut`).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Iterable, Sequence

# No PATH given: the corpus is found (see `find_corpus`), as git and ruff find their roots.
DEFAULT_CORPUS: Path | None = None
CORPUS_FOLDER = "claims"

# Exit codes, spec §6.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3  # output could not be written: not the corpus's fault, not a usage error

PATH_HELP = ("Corpus folder (searched recursively for *.yaml and *.yml) or a single claim file. "
             "Default: the claims/ folder here or in the nearest parent folder, or this folder "
             "when it holds claim files.")
# What makes a folder a corpus: a settings file, or a claim file (top-level `source:` and `claims:`).
SETTINGS_FILES = frozenset(f"_{name}.{ext}" for name in ("resolutions", "aliases", "settings", "coverage")
                           for ext in ("yaml", "yml"))
_SNIFF_BYTES = 4096
_SNIFF_FILES = 50
NO_CACHE_HELP = "Read every claim file afresh; neither use nor update .factcheck_cache/ (see factcheck cache)."


def file_cache(no_cache: bool):
    """The cache of loaded claim files in the working directory, unless --no-cache."""
    if no_cache:
        return None
    from ..cache import FileCache

    return FileCache()


class OutputCache:
    """The cache of whole outputs (`.factcheck_cache/results/`) for one run of a command.

    The key covers the names and bytes of every claim and settings file, the
    corpus path, the working folder, what `described` says (command, format,
    options) and the code, so a stored output is exactly what this run would
    write. Disabled (never read nor written) with --no-cache or `enabled=False`.
    `inputs` are the files as read for the key (`CorpusInputs`): the command
    loads them (`take_inputs`), so its output belongs to the key.
    """

    def __init__(self, corpus: Path, described: dict, enabled: bool = True) -> None:
        self.corpus = corpus
        self.described = {"root": str(corpus), "cwd": os.getcwd(), **described}
        self.results = self.key = self.inputs = None
        if enabled:
            from ..cache import ResultCache

            self.results = ResultCache()
            self.inputs = _HANDED_OVER.pop((self.described["root"], self.described["cwd"]), None) or self._inputs()
            self.key = None if self.inputs is None else self.results.key(self.inputs.digest(), self.described)

    def _inputs(self):
        from ..loader import read_inputs

        return read_inputs(self.corpus)

    def take_inputs(self):
        """The files as read for the key, for the command to load (then no longer held here)."""
        inputs, self.inputs = self.inputs, None
        return inputs

    def replay(self, output: Path | None) -> int | None:
        """On a hit: the stored output, written as the run would write it; its exit code. None on a miss."""
        hit = self.results.get(self.key) if self.key is not None else None
        if hit is None:
            return None
        meta, pieces = hit
        write_output(pieces, output, corpus=self.corpus)
        return meta["exit"]

    def hand_over(self) -> None:
        """A miss seen before typer was loaded: the command that runs next in this process reuses the
        files as read instead of reading and hashing them again."""
        if self.inputs is not None:
            _HANDED_OVER[(self.described["root"], self.described["cwd"])] = self.inputs

    def record(self, text: "str | Iterable[str]", exit_code: int,
               warnings: Sequence[str] = ()) -> "str | Iterable[str]":
        """`text`, passed on, and stored as it goes (with the exit code and the warnings to repeat)."""
        if self.key is None:
            return text
        pieces = (text,) if isinstance(text, str) else text
        return self.results.recording(self.key, {"exit": exit_code, "warnings": list(warnings)}, pieces)


_HANDED_OVER: dict[tuple[str, str], object] = {}


def check_outputs(corpus: Path, format: str, strict: bool, verbose: bool, enabled: bool = True) -> OutputCache:
    """`factcheck check`'s entry in the cache of whole outputs: the options its output depends on."""
    return OutputCache(corpus, {"command": "check", "format": format, "strict": strict, "verbose": verbose,
                                "width": stdout_width() if verbose else None}, enabled=enabled)


def corpus_path(path: Path | None) -> Path:
    """The corpus to load: PATH as given (missing: a usage error, exit 2), or the one found."""
    if path is None:
        return find_corpus_or_fail()
    if not path.exists() and not path.is_symlink():
        found = None if path.is_absolute() else find_corpus(Path.cwd())  # a typo'd or misplaced relative path
        hint = f" (the corpus found from here is {os.path.relpath(found)})" if found is not None else ""
        fail_usage(f"no such file or folder: {path}{hint}")
    return path


def find_corpus_or_fail(start: Path | None = None) -> Path:
    """The corpus found from `start` (default: the current folder); where, on stderr, unless `./claims`."""
    from ..textsafe import visible

    start = Path.cwd() if start is None else start
    found = find_corpus(start)
    if found is None:
        fail_usage(f"no corpus found: no {CORPUS_FOLDER}/ folder here or in a parent folder, and no claim "
                   "files in this folder; give the corpus folder as PATH (e.g. factcheck check path/to/claims)")
    shown = Path(os.path.relpath(found, start))
    if shown != Path(CORPUS_FOLDER):
        if found == start.absolute():
            why = "this folder holds claim files"
        elif start.absolute().is_relative_to(found):
            why = "the corpus this folder is in"
        else:
            why = f"the nearest {CORPUS_FOLDER}/ folder, in a parent folder"
        import typer

        typer.echo(visible(f"factcheck: using the corpus at {shown} ({why})"), err=True)
    return shown


def find_corpus(start: Path) -> Path | None:
    """`claims/` in `start` or its nearest parent; or `start` itself when it holds claim or settings files.

    The search stops at the top of a git repository, so a stray `claims/` above
    the project is never picked. Inside a corpus (or a folder under one), the
    topmost folder that still holds claim files is the corpus.
    """
    start = start.absolute()
    for folder in (start, *start.parents):
        if (folder / CORPUS_FOLDER).is_dir():
            return folder / CORPUS_FOLDER
        if folder == start and folder not in _TOO_BROAD and _holds_claims(folder):
            while (folder.parent not in _TOO_BROAD and _holds_claims(folder.parent)
                   and not (folder / ".git").exists()):
                folder = folder.parent
            return folder
        if (folder / ".git").exists():
            break
    return None


# Folders never taken as a corpus by guessing (a corpus is loaded recursively): give PATH.
_TOO_BROAD = frozenset({Path.home().absolute(), Path("/")})
_TOP_LEVEL = re.compile(rb"^(source|claims)\s*:", re.MULTILINE)


def _holds_claims(folder: Path) -> bool:
    try:
        names = sorted(entry.name for entry in os.scandir(folder)
                       if entry.name.endswith((".yaml", ".yml")) and entry.is_file())
    except OSError:
        return False
    if any(name in SETTINGS_FILES for name in names):
        return True
    for name in names[:_SNIFF_FILES]:
        try:
            with open(folder / name, "rb") as file:
                head = file.read(_SNIFF_BYTES)
        except OSError:
            continue
        if {match.group(1) for match in _TOP_LEVEL.finditer(head)} == {b"source", b"claims"}:
            return True
    return False


def fail_output(target: object, error: OSError) -> None:
    """A file or stream we had to write could not be written (exit 3)."""
    import typer

    from ..textsafe import visible

    typer.echo(f"error: cannot write {visible(str(target))}: {(error.strerror or str(error)).lower()}", err=True)
    raise typer.Exit(EXIT_OUTPUT)


def fail_usage(message: str) -> None:
    import typer

    from ..textsafe import visible

    typer.echo(f"error: {visible(message)}", err=True)  # it may quote a path or value the user typed
    raise typer.Exit(EXIT_USAGE)


def utf8_option(name: str, value: str | None) -> str | None:
    """Text typed on the command line that goes into a file must be valid UTF-8 (else a usage error).

    Python keeps undecodable bytes of the arguments as lone surrogates (U+DC80-U+DCFF).
    """
    if value is None:
        return None
    bad = next((ch for ch in value if "\udc80" <= ch <= "\udcff"), None)
    if bad is not None:
        fail_usage(f"{name}: not valid UTF-8 (byte 0x{ord(bad) - 0xdc00:02x} at character "
                   f"{value.index(bad) + 1}); give the text in UTF-8")
    return value


def write_output(text: "str | Iterable[str | bytes]", output: Path | None, *,
                 corpus: str | os.PathLike[str] | None = None) -> None:
    """To stdout, or atomically to the file the user named (never over an input of the run).

    `text` may be a string or its pieces (written as they come; with -o the
    file appears whole after the last one). A piece may also be UTF-8 bytes.

    `corpus`: the corpus folder or file the command read (every command that
    reads one passes it; `schema` reads none). `-o` may not name it,
    nor a `.yaml`/`.yml` file inside it (a claim or settings file, or one the
    next run would read as such). A device or FIFO is written through, a
    symlink keeps pointing where it did.
    """
    if output is None:
        as_utf8 = getattr(sys.stdout, "write_utf8", None)  # the guarded stdout of the console entry
        for piece in (text,) if isinstance(text, str) else text:
            if isinstance(piece, str):
                sys.stdout.write(piece)
            elif as_utf8 is not None:
                as_utf8(piece)
            else:
                sys.stdout.write(piece.decode("utf-8", "surrogatepass"))
        sys.stdout.flush()
        return
    from ..writes import atomic_write

    if output.is_dir():
        fail_usage(f"-o {output}: is a folder; name a file")
    if not output.parent.exists():
        fail_usage(f"-o {output}: folder {output.parent} does not exist")
    if corpus is not None:
        refuse_input_as_output(output, corpus)
    try:
        atomic_write(output, text)
    except BrokenPipeError:  # -o /dev/stdout into `| head`: the reader left, as on stdout
        return
    except OSError as error:
        fail_output(f"-o {output}", error)


def refuse_input_as_output(output: Path, corpus: str | os.PathLike[str]) -> None:
    written = Path(os.path.realpath(output))
    root = Path(os.path.realpath(corpus))
    if written == root:
        fail_usage(f"-o {output}: that is the claim file being read; write the output elsewhere")
    if root.is_dir() and written.is_relative_to(root) and written.suffix.lower() in (".yaml", ".yml"):
        fail_usage(f"-o {output}: a .yaml file inside the corpus folder {corpus} is an input (a claim or "
                   "settings file); write the output elsewhere")


def stdout_width() -> int | None:
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def choices(names: Sequence[str]) -> str:
    return "|".join(names)


def did_you_mean(query: str, names: Iterable[str], limit: int = 3, cutoff: float = 60) -> str:
    """`; did you mean 'ownership and money'?` for the names nearest the query (a clear best, or a tie)."""
    from rapidfuzz import fuzz, process, utils

    close = process.extract(query, list(names), scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff,
                            processor=utils.default_process)
    close = [name for name, score, _index in close if score >= close[0][1] - 5]
    return f"; did you mean {either(close)}?" if close else ""


def either(names: Sequence[str]) -> str:
    """'a', 'b' or 'c'."""
    quoted = [repr(name) for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
