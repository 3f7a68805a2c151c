"""`factcheck report`: the main job.

The command decides what the terminal can take (width, colour) and passes it
to the formatter as `RenderOptions`; formatters never look at the terminal.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import IO, Iterable, List, Optional

import typer

from .root import app
from .common import (DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, NO_CACHE_HELP, PATH_HELP, OutputCache, corpus_path,
                     did_you_mean, fail_usage, file_cache, stdout_width, write_output)

REPORT_FORMATS = ("text", "json", "markdown", "html")
# Work that ends sooner than this shows no progress display at all.
PROGRESS_DELAY = 1.0


def use_color(stream: IO[str], output: Path | None) -> bool:
    """Colour only on a terminal, unless NO_COLOR or FORCE_COLOR says otherwise.

    NO_COLOR (any non-empty value, no-color.org) wins over FORCE_COLOR; a file
    named with -o never gets colour; neither does TERM=dumb or a CI job (CI
    set), whose log may not be a terminal even when stdout claims to be.
    """
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb" or in_ci():
        return False
    return is_terminal(stream)


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


def output_width(stream: IO[str], output: Path | None) -> int | None:
    """COLUMNS when set, else the terminal's width, else None (the formatter's default)."""
    width = stdout_width()
    if width is not None:
        return width
    if output is None and is_terminal(stream):
        import shutil

        return shutil.get_terminal_size().columns
    return None


DEFAULT_PAGER = "less -FRX"  # as git: quit if one screen, keep colours, leave the text on screen


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def may_page(stream: IO[str], output: Path | None, no_pager: bool) -> bool:
    """Paging is possible: a terminal, and no -o, --no-pager, TERM=dumb or CI."""
    return not (output is not None or no_pager or in_ci() or os.environ.get("TERM") == "dumb"
                or not is_terminal(stream))


def wants_pager(stream: IO[str], text: str, output: Path | None, no_pager: bool) -> bool:
    """Page as git does: only on a terminal, never with -o, --no-pager, TERM=dumb or in CI,
    and only when the text is longer than the screen."""
    if not may_page(stream, output, no_pager):
        return False
    import shutil

    return text.count("\n") >= shutil.get_terminal_size().lines


def page(text: str) -> bool:
    """Show `text` through $PAGER (default `less -FRX`); False when there is no pager to run.

    PAGER is run by the shell, as git runs it; an empty PAGER or `cat` means no
    pager. LESS defaults to FRX, as git sets it, so `PAGER=less` behaves alike.
    """
    import signal
    import subprocess

    command = os.environ.get("PAGER", DEFAULT_PAGER).strip()
    if command in ("", "cat"):
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the pager while it runs
    try:
        pager.communicate(text.encode("utf-8"))
    except (BrokenPipeError, OSError):  # the reader quit before the end: nothing is wrong
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if pager.returncode == 127:  # the shell found no such command: show the text plainly
        return False
    return True


class SlowWorkNotice:
    """A transient spinner on stderr for work that takes more than `delay` seconds.

    Shown only when stderr is a terminal, and erased when the work ends, so
    quick runs, pipes and CI logs never see it. `stage()` names what runs now.
    """

    FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def __init__(self, message: str, stream: IO[str] | None = None, delay: float = PROGRESS_DELAY,
                 interval: float = 0.1) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.message = message
        self.delay = delay
        self.interval = interval
        self.enabled = is_terminal(self.stream)
        self._done = threading.Event()
        self._shown = False
        self._thread: threading.Thread | None = None

    def stage(self, message: str) -> None:
        self.message = message

    def __enter__(self) -> "SlowWorkNotice":
        if self.enabled:
            self._thread = threading.Thread(target=self._run, name="factcheck-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self.stream.write("\r\x1b[2K")  # erase the spinner line
            self.stream.flush()

    def _run(self) -> None:
        if self._done.wait(self.delay):
            return
        frame = 0
        while not self._done.is_set():
            self._shown = True
            self.stream.write(f"\r\x1b[2K{self.FRAMES[frame % len(self.FRAMES)]} {self.message}")
            self.stream.flush()
            frame += 1
            self._done.wait(self.interval)


def load_and_analyse(path: Path | None, notice: SlowWorkNotice, cache=None, inputs=None, groups: list | None = None):
    """The workspace and its analysis, naming each stage on the progress notice.

    `inputs`: the corpus's files as already read (`read_inputs`, from the corpus `path`
    names), not read again; their bytes are let go before the analysis. `groups`: a list
    to receive the cache of each group's findings the analysis went through, if any, whose
    pack a child may still be writing: the caller `wait()`s for each before it ends."""
    from ..workspace import load_workspace

    notice.stage("factcheck: reading claim files…")
    root = inputs.root if inputs is not None else corpus_path(path)
    if cache is not None:
        cache.background = True  # its pack is written while names are matched; waited for below
    try:
        workspace = load_workspace(root, cache=cache, inputs=inputs)
        del inputs
        claims = len(workspace.corpus.claims)
        notice.stage(f"factcheck: comparing {claims:,} claim{'s' * (claims != 1)}…")
        group_cache = workspace.group_cache()
        if groups is not None and group_cache is not None:
            group_cache.background = True  # anything left to build, built while the report is; the caller waits
            groups.append(group_cache)
        return workspace, workspace.analyse(group_cache)
    finally:
        if cache is not None:
            cache.wait()


def unknown_filter_values(analysis, topics: List[str], subjects: List[str], sources: List[str]) -> list[str]:
    """Filter values that match nothing in the corpus: likely typos, worth a word (and the nearest names).

    Values are compared as the filters compare them (`Deal Terms` is `deal terms`, `Acme Corp.` is `Acme`),
    and each group of spellings is suggested once, in its most common wording.
    """
    if not (topics or subjects or sources):  # nothing to check: skip normalising every claim's names
        return []
    from ..report import Filters
    from ..textsafe import visible
    from ..values.text import normalise

    def subject_key(name: str) -> frozenset:
        return Filters(subjects=(name,)).subject_keys()

    claims = analysis.corpus.claims
    known = {
        "--topic": (normalise, _names_by_key((c.topic.strip() for c in claims), normalise), topics,
                    "factcheck topics"),
        "--subject": (subject_key, _names_by_key([c.subject.strip() for c in claims]
                                                 + [f.subject for f in analysis.findings], subject_key),
                      subjects, "factcheck timeline"),
        "--source": (str, {s.id: s.id for s in analysis.corpus.sources}, sources, "factcheck sources"),
    }
    warnings = []
    for option, (key, names, given, listing) in known.items():
        for value in given:
            if key(value) not in names:
                hint = did_you_mean(value, sorted(names.values(), key=str.casefold))
                warnings.append(visible(f"{option} {value!r} matches nothing in the corpus{hint} (see `{listing}`)"))
    return warnings


def _names_by_key(names: Iterable[str], key) -> dict:
    """Each group of names that filter alike, by its key: the most common wording."""
    from collections import Counter

    counts = Counter(names)
    chosen: dict = {}
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        chosen.setdefault(key(name), name)
    return chosen


def parse_kind(name: str):
    """A finding kind as people type it: any case, singular or plural (`Contradictions`)."""
    from ..model import FindingKind

    wanted = name.strip().casefold()
    for kind in FindingKind:
        if wanted in (kind.value, kind.value + "s"):
            return kind
    names = [k.value for k in FindingKind]
    fail_usage(f"--kind {name!r}: choose from {', '.join(names)}{did_you_mean(wanted, names, cutoff=70)}")


@app.command()
def report(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    format: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(REPORT_FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    topic: List[str] = typer.Option([], "--topic", help="Only findings in this topic (repeatable)."),
    subject: List[str] = typer.Option([], "--subject", help="Only findings about this subject (repeatable)."),
    source: List[str] = typer.Option([], "--source", help="Only findings involving this source id (repeatable)."),
    kind: List[str] = typer.Option([], "--kind", help="Only findings of this kind: contradiction, condition, superseded, revised, corroborated (repeatable; any case, singular or plural)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only findings with a claim dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD; EDTF counts from its earliest day)."),
    needs_review: bool = typer.Option(
        False, "--needs-review",
        help="Only what needs a decision: contradictions and conditions not resolved (a review left open still needs one).",
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show corroborated findings in full, not one line each."),
    no_pager: bool = typer.Option(False, "--no-pager", help="Never page the output (on a terminal, a report longer "
                                  "than the screen goes through $PAGER, default `less -FRX`)."),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Report what the sources disagree on, what changed over time, and what they corroborate.

    What needs a decision comes first (unresolved contradictions, then
    conditions); the rest follows by topic, most serious first:
    contradictions, conditions, superseded and revised values, then
    corroboration. Each shows its id (for `factcheck resolve`), the values
    side by side with outlet, dates, attribution and statement. Problems in
    claim files come last, as file:line:column: message \\[code].

    Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on; the
    width follows COLUMNS or the terminal. On a terminal, a report longer
    than the screen goes through $PAGER (default `less -FRX`), as git does;
    never when piped, written with -o, in CI, or with --no-pager.

    A large corpus (over a MiB of claim files, or 10,000 claims to compare)
    is read and compared by as many processes as there are idle CPUs;
    FACTCHECK_JOBS=N sets how many (1: this process alone).

    Exits 0 when the report was made, 1 when some claim files were invalid
    (they are listed; the rest is still reported), 2 on usage errors.
    """
    from ..dates import DateError, parse_date
    from ..formatters import RenderOptions, get_chunked_formatter
    from ..report import Filters, build_report

    if format not in REPORT_FORMATS:
        fail_usage(f"--format {format!r}: choose from {', '.join(REPORT_FORMATS)}")
    try:
        formatter = get_chunked_formatter(format)
    except ImportError:
        fail_usage(f"--format {format}: not available in this installation")
    kinds = [parse_kind(name) for name in kind]
    since_date = None
    if since is not None:
        try:
            since_date = parse_date(since)
        except DateError as error:
            fail_usage(f"--since: {error}")
    options = RenderOptions(width=output_width(sys.stdout, output), color=use_color(sys.stdout, output), verbose=verbose)
    filters = Filters(tuple(topic), tuple(subject), tuple(source), tuple(kinds), since_date, needs_review)
    root = corpus_path(path)  # once: found without PATH, it is named once on stderr
    outputs = _result_cache(no_cache, root, format, options, filters)
    if outputs.key is not None:
        hit = outputs.results.get(outputs.key)
        if hit is not None:  # nothing changed since a run with these options: its output, as it was
            meta, pieces = hit
            for warning in meta["warnings"]:
                typer.echo(f"warning: {warning}", err=True)
            if may_page(sys.stdout, output, no_pager):
                pieces = "".join(pieces)
            if not (isinstance(pieces, str) and wants_pager(sys.stdout, pieces, output, no_pager) and page(pieces)):
                write_output(pieces, output, corpus=root)
            raise typer.Exit(meta["exit"])
    with SlowWorkNotice("factcheck: starting…") as notice:
        # The files as read for the key, handed over (not kept here: their bytes go once loaded).
        groups: list = []
        workspace, analysis = load_and_analyse(root, notice, file_cache(no_cache), outputs.take_inputs(), groups)
        result = build_report(analysis, filters, workspace.reviews, verbose=verbose)
        shown = len(result.findings)
        notice.stage(f"factcheck: writing the report ({shown:,} finding{'s' * (shown != 1)})…")
        fragments = _json_fragments(format, outputs, groups, root)
        # JSON's findings come as the UTF-8 bytes they are made as, and are written (and kept) as they are.
        extra = {"utf8": True} if format == "json" else {}
        if fragments is not None:
            extra["fragments"] = fragments
        chunks = formatter(result, options, **extra)
        warnings = unknown_filter_values(analysis, topic, subject, source)
        exit_code = EXIT_FAILED if result.errors else EXIT_OK
        chunks = outputs.record(chunks, exit_code, warnings)
        if may_page(sys.stdout, output, no_pager):  # the pager needs the whole text to count its lines
            chunks = "".join(piece if isinstance(piece, str) else piece.decode("utf-8", "surrogatepass")
                             for piece in chunks)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    # Otherwise pieces are written as they are made: a large page is never one string in memory.
    try:
        if not (isinstance(chunks, str) and wants_pager(sys.stdout, chunks, output, no_pager) and page(chunks)):
            write_output(chunks, output, corpus=analysis.corpus.root)
    finally:
        if fragments is not None:
            fragments.save(outputs.key)
        for group_cache in groups:
            group_cache.wait()
    from ..launch import keep_until_exit

    keep_until_exit(workspace, analysis, result, groups)  # freed with the process, not one by one
    raise typer.Exit(exit_code)


def _json_fragments(format: str, outputs, groups: list, root: Path):
    """For a JSON report stored in the cache of whole outputs: each finding's text, copied from
    the last JSON report where unchanged (`cache.JsonFragments`); None otherwise."""
    if format != "json" or outputs.key is None or not groups:
        return None
    from ..cache import JsonFragments

    return JsonFragments(groups[0], str(root))


def _result_cache(no_cache: bool, root: Path, format: str, options, filters):
    """The cache of whole reports for this run (`OutputCache`; disabled with --no-cache).

    The key covers the bytes and names of every claim and settings file, the
    format, width, colour, verbosity and filters, the working folder and the
    code (the fingerprint the file cache uses), so an entry found is exactly
    what this run would write. The run loads the very bytes the key was made
    from (`take_inputs`), so its output belongs to the key even if a file
    changes meanwhile.
    """
    since = filters.since
    described = {
        "command": "report", "format": format,
        "width": options.width, "color": options.color, "verbose": options.verbose,
        "topics": list(filters.topics), "subjects": list(filters.subjects), "sources": list(filters.sources),
        "kinds": [k.value for k in filters.kinds], "since": None if since is None else repr(since),
        "needs_review": filters.needs_review,
    }
    return OutputCache(root, described, enabled=not no_cache)
