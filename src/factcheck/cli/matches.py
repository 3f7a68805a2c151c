"""`factcheck matches` and `factcheck vocabulary`: what a curator needs to keep names consistent."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

import typer

from .root import app
from .common import DEFAULT_CORPUS, EXIT_OK, PATH_HELP, corpus_path, fail_usage
from .listings import FORMAT_HELP, _check_format, _finish, _render
from .report import SlowWorkNotice, load_and_analyse


@app.command()
def matches(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    accept: Optional[str] = typer.Option(
        None, "--accept", metavar="N|ID",
        help="Accept possible match N (its number in this listing) or ID (pm-...): write the two names "
             "as an alias group in _aliases.yaml."),
    dismiss: Optional[str] = typer.Option(
        None, "--dismiss", metavar="N|ID",
        help="Dismiss possible match N or ID: record it under 'distinct:' in _aliases.yaml, "
             "so it is not proposed again."),
    format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """List possible matches: names that may mean the same thing but were not matched.

    Ranked by a score (0-100) from the names, the values, the subject, the
    topic and the dates, with that evidence. Accept one to make the two names
    aliases, or dismiss it; both edit _aliases.yaml in the corpus folder
    (other lines stay as they are). Ids are stable from run to run; numbers
    follow this listing's order.

    Exits 0, or 1 when some claim files were invalid; 2 on usage errors.
    """
    from ..aliasfile import AliasFileError, add_entry, aliases_path

    _check_format(format)
    if accept is not None and dismiss is not None:
        fail_usage("--accept and --dismiss: choose one")
    path = corpus_path(path)
    with SlowWorkNotice("factcheck: starting…") as notice:
        _workspace, analysis = load_and_analyse(path, notice)
    found = analysis.possible_matches
    chosen = accept if accept is not None else dismiss
    if chosen is not None:
        match = _pick(found, chosen)
        if path.is_file():
            fail_usage(f"{path}: --accept and --dismiss need a corpus folder (they write its _aliases.yaml)")
        target = aliases_path(path)
        if accept is not None and match.alias is None:
            fail_usage(f"{match.id} differs in both subject and property: an alias cannot join it; "
                       "reword one claim to reuse the other's names")
        try:
            added = add_entry(target, "aliases" if accept is not None else "distinct", match.names)
        except AliasFileError as error:
            d = error.diagnostic
            typer.echo(f"{d.path}:{d.line}:{d.column}: {d.message}", err=True)
            raise typer.Exit(1)
        from ..textsafe import visible

        what = "alias" if accept is not None else "dismissed as different"
        state = "added" if added else "already there"
        typer.echo(visible(f"{target}: {what} {match.names[0]!r} / {match.names[1]!r} {state}"))
        raise typer.Exit(EXIT_OK)
    _finish(analysis, _render("matches", format, found, output), output)


def _pick(found, chosen: str):
    if chosen.isdigit():
        number = int(chosen)
        if not 1 <= number <= len(found):
            fail_usage(f"no possible match {number}: there {'is' if len(found) == 1 else 'are'} "
                       f"{len(found)} (run factcheck matches)")
        return found[number - 1]
    for match in found:
        if match.id == chosen:
            return match
    fail_usage(f"no possible match {chosen!r} (run factcheck matches to list them)")


@app.command()
def vocabulary(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """List the subjects and properties in use, with claim counts and files, so names can be reused.

    Names that matching treats as one are listed together, most used wording
    first. Exits 0, or 1 when some claim files were invalid.
    """
    from ..listing_rows import VocabularyProperty, VocabularySubject

    _check_format(format)
    with SlowWorkNotice("factcheck: starting…") as notice:
        _workspace, analysis = load_and_analyse(corpus_path(path), notice)
    subjects: dict[str, list] = defaultdict(list)
    properties: dict[tuple[str, str], list] = defaultdict(list)
    for timeline in analysis.timelines:
        subjects[timeline.subject].extend(timeline.claims)
        properties[(timeline.subject, timeline.property)].extend(timeline.claims)

    def entry(prop: str, claims) -> VocabularyProperty:
        wordings = Counter(c.property for c in claims)
        return VocabularyProperty(prop, len(claims), tuple(w for w, _n in wordings.most_common()),
                                  tuple(sorted({c.source.path for c in claims})))

    listing = tuple(
        VocabularySubject(subject, tuple(w for w, _n in Counter(c.subject for c in subjects[subject]).most_common()),
                          len(subjects[subject]),
                          tuple(entry(p, properties[(subject, p)])
                                for p in sorted((p for s, p in properties if s == subject), key=str.casefold)))
        for subject in sorted(subjects, key=str.casefold))
    _finish(analysis, _render("vocabulary", format, listing, output), output)
