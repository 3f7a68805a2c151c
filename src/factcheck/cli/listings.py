"""`factcheck timeline`, `factcheck sources`, `factcheck topics`: short listings.

They answer the questions a reader has next to the report: what did each
source say about this subject over time, which sources are in the corpus,
which topics. Problems in claim and settings files go to stderr (exit 1), as in `report`.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from .root import app
from .common import DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, PATH_HELP, fail_usage, write_output
from .report import SlowWorkNotice, load_and_analyse, output_width, use_color

LISTING_FORMATS = ("text", "json")  # formatters.COMMAND_FORMATTERS[command, …] of each listing
FORMAT_HELP = f"Output format: {', '.join(LISTING_FORMATS)}."


def _check_format(format: str) -> None:
    if format not in LISTING_FORMATS:
        fail_usage(f"--format {format!r}: choose from {', '.join(LISTING_FORMATS)}")


def _options(output: Path | None):
    from ..formatters import RenderOptions

    return RenderOptions(width=output_width(sys.stdout, output), color=use_color(sys.stdout, output))


def _render(command: str, format: str, data, output: Path | None) -> str:
    from ..formatters import get_command_formatter

    return get_command_formatter(command, format)(data, _options(output))


def _finish(analysis, text: str, output: Path | None) -> None:
    """Write the listing, report problems on stderr, exit 1 if a file was invalid."""
    from ..textsafe import visible

    write_output(text, output, corpus=analysis.corpus.root)
    errors = 0
    for diagnostic in analysis.diagnostics:
        prefix = "" if diagnostic.is_error else "warning: "
        typer.echo(visible(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {prefix}{diagnostic.coded_message}"),
                   err=True)
        errors += diagnostic.is_error
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


def _date_order(source) -> tuple:
    published = source.published
    return (published is None, published.start if published else 0, source.id)


# --- timeline -------------------------------------------------------------


def _words(normaliser, text: str, *, subject: bool) -> frozenset[str]:
    return frozenset(normaliser.name(text, subject=subject).words)


def _select(query: str, names: list[str], normaliser, *, subject: bool) -> list[str]:
    """Names equal to the query once normalised; failing that, names containing all its
    words; failing that, names equal to it with spaces ignored (`head count`, `headcount`)."""
    wanted = _words(normaliser, query, subject=subject)
    exact = [n for n in names if _words(normaliser, n, subject=subject) == wanted]
    if exact:
        return exact
    containing = [n for n in names if wanted <= _words(normaliser, n, subject=subject)]
    if containing:
        return containing
    squashed = "".join(normaliser.name(query, subject=subject).words)
    return [n for n in names if "".join(normaliser.name(n, subject=subject).words) == squashed]


def _suggest(query: str, names: list[str]) -> str:
    from rapidfuzz import fuzz, process

    close = process.extract(query, names, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    return f"; did you mean {' or '.join(repr(name) for name, _score, _index in close)}?" if close else ""


@app.command()
def timeline(
    subject: str = typer.Argument(..., help="Whom or what the claims are about, e.g. Microsoft (spelling variants and suffixes such as Corp. are matched)."),
    property: Optional[str] = typer.Argument(None, help="Only claims about this property of the subject, e.g. 'stake in OpenAI'."),
    path: Optional[Path] = typer.Option(DEFAULT_CORPUS, "--path", "-p", show_default=False, help=PATH_HELP),
    format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
) -> None:
    """Every claim about a subject, in date order with its source (undated last).

    Each claim is dated by its `since` (when the source says the value
    changed), else its `as_of`, else the source's publication date.

    Examples:

        factcheck timeline Microsoft

        factcheck timeline Microsoft "stake in OpenAI" --path claims/

    Exits 0 when claims were found, 1 when none match (close names are
    suggested) or some claim or settings files were invalid, 2 on usage errors.
    """
    from ..listing_rows import TimelineEntry, TimelineListing
    from ..matching import Normaliser, vocabulary_of
    from ..rules.relations import date_key
    from ..textsafe import visible

    _check_format(format)
    with SlowWorkNotice("factcheck: starting…") as notice:
        workspace, analysis = load_and_analyse(path, notice)
    settings = workspace.settings
    timelines = analysis.timelines
    written = [t.subject for t in timelines] + [t.property for t in timelines] + [subject, property or ""]
    normaliser = Normaliser(settings.aliases, vocabulary_of(written))

    subjects = sorted({t.subject for t in timelines}, key=str.casefold)
    chosen = set(_select(subject, subjects, normaliser, subject=True))
    if not chosen:
        typer.echo(visible(f"no claims about {subject!r}{_suggest(subject, subjects)}"), err=True)
        raise typer.Exit(EXIT_FAILED)
    timelines = [t for t in timelines if t.subject in chosen]
    if property is not None:
        properties = sorted({t.property for t in timelines}, key=str.casefold)
        kept = set(_select(property, properties, normaliser, subject=False))
        if not kept:
            known = ", ".join(repr(p) for p in properties)
            typer.echo(visible(f"no claims about {property!r} of {subject!r}; its properties: {known}"), err=True)
            raise typer.Exit(EXIT_FAILED)
        timelines = [t for t in timelines if t.property in kept]

    entries = [TimelineEntry(c, t.topic, t.subject, t.property)
               for _key, _ref, c, t in sorted(((date_key(c), c.ref, c, t) for t in timelines for c in t.claims),
                                              key=lambda r: r[:2])]
    listing = TimelineListing(
        subject, property, tuple(sorted(chosen, key=str.casefold)),
        tuple(sorted({t.property for t in timelines}, key=str.casefold)) if property is not None else (),
        tuple(entries), analysis.approx_margin)
    text = _render("timeline", format, listing, output)
    _finish(analysis, text, output)


# --- sources and topics -----------------------------------------------------


@app.command()
def sources(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
) -> None:
    """List the sources in the corpus, oldest first, with counts.

    For each source: its id (what --source in `factcheck report` takes),
    outlet, publication date, number of claims, and how many contradictions
    and findings in all involve it.

    Exits 0, or 1 when some claim or settings files were invalid (listed on stderr).
    """
    from ..listing_rows import SourceRow, SourcesListing
    from ..model import FindingKind

    _check_format(format)
    with SlowWorkNotice("factcheck: starting…") as notice:
        workspace, analysis = load_and_analyse(path, notice)
    corpus = analysis.corpus
    claims = Counter(c.source.id for c in corpus.claims)
    findings: Counter[str] = Counter()
    contradictions: Counter[str] = Counter()
    for finding in analysis.findings:
        for source_id in {c.source.id for c in finding.claims}:
            findings[source_id] += 1
            contradictions[source_id] += finding.kind is FindingKind.CONTRADICTION
    rows = tuple(SourceRow(s, claims[s.id], contradictions[s.id], findings[s.id])
                 for s in sorted(corpus.sources, key=_date_order))
    text = _render("sources", format, SourcesListing(rows, len(corpus.claims)), output)
    _finish(analysis, text, output)


@app.command()
def topics(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
) -> None:
    """List the topics in the corpus with counts of claims, subjects, sources and findings.

    Topics are grouped as the report groups them (case and punctuation do
    not matter); use a name shown here with `factcheck report --topic`.

    Exits 0, or 1 when some claim or settings files were invalid (listed on stderr).
    """
    from ..listing_rows import TopicRow, TopicsListing
    from ..matching import Normaliser
    from ..model import FindingKind
    from ..values.text import normalise

    _check_format(format)
    with SlowWorkNotice("factcheck: starting…") as notice:
        workspace, analysis = load_and_analyse(path, notice)
    wordings: dict[str, Counter[str]] = {}
    claims_by_topic: dict[str, list] = {}
    for claim in analysis.corpus.claims:
        key = normalise(claim.topic)
        wordings.setdefault(key, Counter())[claim.topic.strip()] += 1
        claims_by_topic.setdefault(key, []).append(claim)
    kinds: dict[str, Counter[FindingKind]] = {key: Counter() for key in claims_by_topic}
    for finding in analysis.findings:
        kinds.setdefault(normalise(finding.topic), Counter())[finding.kind] += 1
    names = {key: min(c, key=lambda t: (-c[t], t)) for key, c in wordings.items()}
    normaliser = Normaliser(workspace.settings.aliases)
    subjects = {key: len({_words(normaliser, c.subject, subject=True) for c in claims})
                for key, claims in claims_by_topic.items()}
    rows = tuple(TopicRow(names[key], len(claims_by_topic[key]), subjects[key],
                          len({c.source.id for c in claims_by_topic[key]}), kinds[key])
                 for key in sorted(claims_by_topic, key=lambda key: names[key].casefold()))
    text = _render("topics", format, TopicsListing(rows, len(analysis.corpus.claims)), output)
    _finish(analysis, text, output)
