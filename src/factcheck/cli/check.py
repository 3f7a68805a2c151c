"""`factcheck check` (the CI gate) and `factcheck resolve` (record a review)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from .root import app
from .common import (DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, NO_CACHE_HELP, PATH_HELP, check_outputs, corpus_path, either,
                     fail_output, fail_usage, file_cache, stdout_width, utf8_option, write_output)

CHECK_FORMATS = ("auto", "text", "github", "json", "sarif", "markdown")  # formatters.CHECK_FORMATTERS, and auto
# Formats whose whole output is their stdout (no log, no step summary): kept in the cache of whole outputs.
CACHED_FORMATS = ("text", "json", "sarif")


@app.command()
def check(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    format: str = typer.Option(
        "auto", "--format", "-f",
        help="Output format: auto, text, github, json, sarif, markdown. auto is github when GITHUB_ACTIONS=true, else text.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Fail on reviews that no longer apply or match no finding."),
    changed_since: Optional[str] = typer.Option(
        None, "--changed-since", metavar="REF",
        help="Only findings involving a claim in a file changed since this git ref (committed since the "
        "merge base, staged, unstaged or untracked): the pull-request mode.",
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    verbose: bool = typer.Option(
        False, "--verbose", "-v",
        help="Text format: the report of the judged findings first, and conditions among the problems.",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Fail on contradictions nobody has reviewed: the gate for CI and pre-commit.

    The text format prints one line per problem, as linters do
    (file:line:column: code message), then a one-line summary; conditions
    (they never fail) are counted there, and listed with --verbose.

    Reviews live in <corpus>/_resolutions.yaml (see factcheck resolve).
    Superseded, revised and corroborated findings never fail. Exits 0 when clean, 1 on
    unresolved contradictions or invalid files (with --strict, also outdated
    or stale reviews), 2 on usage errors.
    """
    if format not in CHECK_FORMATS:
        fail_usage(f"--format {format!r}: choose from {', '.join(CHECK_FORMATS)}")
    if format == "auto":
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    path = corpus_path(path)
    changed = None
    if changed_since is not None:
        from ..git import GitError, changed_files

        try:
            changed = changed_files(path, changed_since)
        except GitError as error:
            fail_usage(str(error))
    outputs = check_outputs(path, format, strict, verbose,
                            enabled=not no_cache and changed is None and format in CACHED_FORMATS)
    stored = outputs.replay(output)
    if stored is not None:
        raise typer.Exit(stored)
    from ..gate import run_check
    from ..workspace import load_workspace

    cache = file_cache(no_cache)
    if cache is not None:
        cache.background = True  # its pack is written while names are matched; waited for below
    try:
        workspace = load_workspace(path, cache=cache, inputs=outputs.take_inputs())
        analysis = workspace.analyse()
    finally:
        if cache is not None:
            cache.wait()
    result = run_check(analysis, workspace.reviews, strict=strict, changed=changed)
    exit_code = EXIT_FAILED if result.failed else EXIT_OK
    if result.widened_by:
        from ..textsafe import terminal

        names = ", ".join(terminal(os.path.relpath(p)) for p in result.widened_by)
        typer.echo(f"note: {names} changed since {terminal(changed_since)}: every finding is judged", err=True)

    from ..formatters import RenderOptions, get_check_formatter

    try:
        formatter = get_check_formatter(format)
    except ImportError:  # a formatter missing from a partial installation: say so, no traceback
        fail_usage(f"--format {format}: not available in this installation")
    options = RenderOptions(width=stdout_width(), color=False, verbose=verbose)
    write_output(outputs.record(formatter.render(result, options), exit_code), output, corpus=path)
    if formatter.log is not None:
        typer.echo(formatter.log(result), err=True, nl=False)
    if formatter.step_summary is not None:
        _append_step_summary(formatter.step_summary(result))
    raise typer.Exit(exit_code)


def _append_step_summary(markdown: str) -> None:
    from ..textsafe import terminal

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        from ..writes import append_text

        append_text(target, markdown)
    except OSError as error:  # the annotations are out already; a summary is a bonus
        typer.echo(f"warning: cannot append to GITHUB_STEP_SUMMARY ({terminal(target)}): "
                   f"{(error.strerror or str(error)).lower()}", err=True)


@app.command()
def resolve(
    finding_id: str = typer.Argument(..., metavar="FINDING_ID", help="The id of the finding (see factcheck report or check)."),
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help="Corpus folder; the review goes to its _resolutions.yaml. Default: found as for check."),
    verdict: str = typer.Option(..., "--verdict", help="superseded, source-error (with --source), both-hold or open."),
    note: str = typer.Option(..., "--note", help="Why: what a later reader needs to trust the verdict."),
    by: Optional[str] = typer.Option(None, "--by", help="Who reviewed it. Default: git config user.name, then $USER."),
    source: Optional[str] = typer.Option(None, "--source", help="With --verdict source-error: the id of the source that is wrong."),
) -> None:
    """Record a verdict on a finding in <corpus>/_resolutions.yaml.

    The file is edited in place under a lock and replaced atomically: other
    entries keep their lines; re-resolving an id updates its entry, and a
    review of the same claims whose id changed is replaced. Exits 0 when
    recorded, 1 when the review file is invalid, 2 on usage errors (unknown
    finding id, bad verdict).
    """
    import datetime
    import difflib

    from ..git import user_name
    from ..textsafe import terminal
    from .. import verdicts
    from ..resolutions import VERDICTS, match_reviews
    from ..workspace import load_workspace
    from ..reviewfile import Review, ResolutionsFileError, resolutions_path, write_review

    if verdict not in VERDICTS:
        fail_usage(f"--verdict {verdict!r}: choose from {', '.join(VERDICTS)}")
    note, by, source = utf8_option("--note", note), utf8_option("--by", by), utf8_option("--source", source)
    if not note.strip():
        fail_usage("--note: say why (it is what a later reader has to trust the verdict)")
    if verdict == verdicts.SOURCE_ERROR and not source:
        fail_usage("--verdict source-error needs --source SOURCE_ID: the source that is wrong")
    if source and verdict != verdicts.SOURCE_ERROR:
        fail_usage(f"--source goes with --verdict source-error, not {verdict}")
    path = corpus_path(path)
    if not path.is_dir():
        fail_usage(f"{path}: reviews are recorded per corpus; give the corpus folder, not a file")
    workspace = load_workspace(path)
    analysis = workspace.analyse()
    findings = {f.id: f for f in analysis.findings}
    state = match_reviews(analysis.findings, workspace.reviews)
    finding = findings.get(finding_id)
    if finding is None:
        moved = [o.finding.id for o in state.outdated if o.resolution.finding_id == finding_id]
        if moved:
            fail_usage(f"unknown finding id {finding_id!r}: its claims changed; the finding is now {moved[0]}")
        ids = sorted(findings)
        close = difflib.get_close_matches(finding_id, ids, n=3, cutoff=0.5) or difflib.get_close_matches(finding_id, ids, n=3, cutoff=0)
        hint = f"; did you mean {either(close)}?" if close else "; this corpus has no findings"
        fail_usage(f"unknown finding id {finding_id!r}{hint}")
    sources = sorted({c.source.id for c in finding.claims})
    if source and source not in sources:
        fail_usage(f"--source {source!r} is not part of {finding_id}; its sources: {', '.join(sources)}")
    reviewer = (by or "").strip() or user_name(path) or os.environ.get("USER", "").strip()
    if not reviewer:
        fail_usage("--by: say who reviewed it (no git user.name or $USER to default to)")
    review = Review(
        finding_id=finding.id, verdict=verdict, note=note.strip(), by=reviewer,
        date=datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        source=source, claims=tuple(sorted(c.ref for c in finding.claims)),
    )
    replaces = [o.resolution.finding_id for o in state.outdated if o.finding.id == finding.id]
    target = resolutions_path(path)
    try:
        outcome = write_review(target, review, replaces)
    except ResolutionsFileError as error:
        typer.echo(str(error.diagnostic), err=True)
        raise typer.Exit(EXIT_FAILED)
    except OSError as error:
        fail_output(target, error)
    action = "updated" if outcome.updated else "recorded"
    typer.echo(f"{action} {finding.kind.value} {finding.id} as {verdict} in {terminal(target)}")
    for old in outcome.removed:
        typer.echo(f"replaced the outdated review of {terminal(old)} (its claims changed)")
