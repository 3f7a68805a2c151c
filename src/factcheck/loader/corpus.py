"""One file through the cache and the fast or full path; every file into one Corpus."""

from __future__ import annotations

import os
from pathlib import Path
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .. import codes, parallel
from ..bulk import collector_paused
from ..model import Claim, Corpus, Diagnostic, Source
from ..yamlread import read_yaml, visible
from .checking import check_tree
from .discovery import CorpusFiles, discover, display_path
from .fastpath import load_regular
from .fields import FileResult
from .inputs import CorpusInputs, FileBytes, read_files
from .reading import decode, read_bytes

if TYPE_CHECKING:  # the cache is passed in; loading without one never imports it
    from ..cache import FileCache


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
    return load_bytes(display, data, problem, cache)


def load_bytes(display: str, data: bytes | None, problem: Diagnostic | None = None,
               cache: FileCache | None = None, key: str | None = None) -> FileResult:
    """Parse and validate one claim file's bytes (or report why it could not be read); through `cache`
    (under `key` when already computed)."""
    if problem is not None:
        return FileResult(display, diagnostics=[problem])
    assert data is not None
    if cache is not None:
        key = key or cache.key(display, data)
        stored = cache.get(key)
        if stored is not None:
            source, claims, diagnostics = stored  # type: ignore[misc]
            return FileResult(display, source, list(claims), list(diagnostics))
    text, problem = decode(display, data)
    result = FileResult(display, diagnostics=[problem]) if problem is not None else load_text(display, text or "")
    if key is not None:
        cache.put(key, (result.source, tuple(result.claims), tuple(result.diagnostics)))  # type: ignore[union-attr]
    return result


def load_corpus(root: str | os.PathLike[str], *, display: Callable[[Path], str] | None = None,
                cache: FileCache | None = None, inputs: CorpusInputs | None = None) -> Corpus:
    """Load every claim file under `root` (a folder, or one file), through `cache` when given.

    `inputs`: the files under `root` already found and read with the same `display`
    (`read_inputs`), so that nothing is read twice.
    Never raises for bad input: problems come back as `Corpus.diagnostics`.
    A missing root is reported as a diagnostic with code `no-such-path`.
    """
    root_path = Path(root)
    show = display or display_path
    if inputs is None and not root_path.exists():
        shown = visible(str(root), None)
        diag = Diagnostic(shown, 1, 1, codes.NO_SUCH_PATH, f"no such file or folder: {shown}")
        return Corpus(str(root), (), (), (diag,))
    if inputs is not None and (inputs.root != root_path or inputs.display is not show):
        raise ValueError("inputs read from another root, or shown otherwise")
    files = inputs.files if inputs is not None else discover(root_path, show)
    if cache is not None:
        cache.open(str(root))
    with collector_paused():
        if inputs is not None:
            results = load_all(inputs.claims, cache)
            settings = inputs.settings
        else:
            results = load_all(read_files(files.claim_files), cache)
            settings = read_files(files.settings_files)
        if cache is not None:
            cache.save()  # once, every entry of the corpus in one file
        return assemble(str(root), results, files, settings)


def load_all(files: Sequence[FileBytes], cache: FileCache | None = None) -> list[FileResult]:
    """Each file's result, in order, through `cache`; the files to parse are shared between this
    process and children (`parallel`), which send back what the cache would keep of each."""
    # With nothing kept (a cold run), every file is parsed: each one's key is made where it is, in
    # a child too, not every key here first (hashing 21 MB at 100k claims, with the other CPU idle).
    keyed_later = cache is not None and not cache.holds_any()
    if cache is None or keyed_later:
        keys: list = [None] * len(files)
        to_parse = [i for i, file in enumerate(files) if file.data is not None]
    else:
        keys = [cache.key(file.shown, file.data) if file.data is not None else None for file in files]
        to_parse = [i for i, file in enumerate(files)
                    if file.data is not None and (keys[i] is None or not cache.holds(keys[i]))]
    sharing = parallel.share([len(files[i].data) for i in to_parse], parallel.MIN_PARSE_BYTES,  # type: ignore[arg-type]
                             partial(_entries_of, files, to_parse, cache if keyed_later else None))
    if sharing is None:
        return [load_bytes(file.shown, file.data, file.problem, cache, keys[i]) for i, file in enumerate(files)]
    results: list = [None] * len(files)
    with sharing:
        parsed = set(to_parse)
        for i, file in enumerate(files):
            if i not in parsed:  # from the cache, or unreadable
                results[i] = load_bytes(file.shown, file.data, file.problem, cache, keys[i])
        for chunk, data in sharing.events():
            share = to_parse[chunk.start:chunk.stop]
            pieces = parallel.unpacked(data, len(share) + keyed_later)
            sent_keys = _keys_sent(pieces, len(share)) if keyed_later and pieces is not None else None
            if keyed_later and sent_keys is None:
                pieces = None  # all parsed here
            for n, i in enumerate(share):
                file = files[i]
                results[i] = (_from_entry(file.shown, pieces[n], cache, sent_keys[n] if sent_keys else keys[i])
                              if pieces is not None
                              else load_bytes(file.shown, file.data, file.problem, cache, keys[i]))
    return results


def _entries_of(files: Sequence[FileBytes], to_parse: Sequence[int], cache: FileCache | None, chunk: range) -> bytes:
    """In a child: each file of `chunk` (positions in `to_parse`) loaded, as the cache keeps it; with
    `cache`, then each file's key in it (a pickled list)."""
    import pickle

    from ..cache.entries import entry_bytes

    pieces = []
    share = to_parse[chunk.start:chunk.stop]
    for i in share:
        result = load_bytes(files[i].shown, files[i].data)
        pieces.append(entry_bytes((result.source, tuple(result.claims), tuple(result.diagnostics))))
    if cache is not None:
        keys = [cache.key(files[i].shown, files[i].data) for i in share]
        pieces.append(pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL))
    return parallel.packed(pieces)


def _keys_sent(pieces: list, count: int) -> list | None:
    """The `count` keys a child sent after its entries; None when they are not that."""
    from ..cache.packs import plain_value

    try:
        keys = plain_value(pieces[-1])
    except Exception:  # noqa: BLE001 - parsed here instead
        return None
    return keys if type(keys) is list and len(keys) == count and all(type(key) is str for key in keys) else None


def _from_entry(display: str, entry: bytes, cache: FileCache | None, key: str | None) -> FileResult:
    """A file's result from what a child sent (kept in the cache as it is, when there is one)."""
    from ..cache.entries import entry_of

    source, claims, diagnostics = entry_of(entry)
    if cache is not None and key is not None:
        cache.put_pickled(key, entry, display)
    return FileResult(display, source, list(claims), list(diagnostics))


def assemble(root: str, results: Iterable[FileResult], files: CorpusFiles,
             settings_read: Iterable[FileBytes]) -> Corpus:
    """Combine per-file results (duplicate source ids across files are refused) and the settings
    files as read."""
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
    for file in settings_read:
        text, problem = (None, file.problem) if file.problem is not None else decode(file.shown, file.data or b"")
        if problem is not None:
            diagnostics.append(problem)
            continue
        tree, problems = read_yaml(file.shown, text or "")
        diagnostics.extend(problems)
        if not problems:
            settings[file.path.name] = (file.shown, tree)
    return Corpus(root, tuple(sources), tuple(claims), tuple(diagnostics), settings)
