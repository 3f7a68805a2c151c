"""Orchestration: each source's article located and read once, its claims checked, problems gathered."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from ..words import counted
from .. import codes
from ..explanations import Explanation
from ..loader import display_path
from ..model import Claim, Corpus, Diagnostic, Severity, Source
from .articles import Article, locate_article, read_article, resolve
from .coverage import check_coverage
from .figures import claim_figures, figure_found
from .quotes import find_quote, missing_quote
from ..verify_results import ArticleCheck, FigureCheck, QuoteCheck, Verification


def check_article(
    article: Article, sources: tuple[Source, ...], claims: Iterable[Claim], explanations: Iterable[Explanation] = (),
) -> tuple[ArticleCheck, list[Diagnostic]]:
    quotes: list[QuoteCheck] = []
    figures: list[FigureCheck] = []
    unquoted: list[Claim] = []
    problems: list[Diagnostic] = []
    for claim in claims:
        if claim.quote is None:
            unquoted.append(claim)
        else:
            status, score, passage = find_quote(claim.quote, article)
            check = QuoteCheck(claim, status, score, passage)
            quotes.append(check)
            if not check.found:
                problems.append(missing_quote(check, article.path))
        for field_name, mention in claim_figures(claim):
            found = figure_found(mention, article.figures)
            figure = FigureCheck(claim, mention.text, field_name, found)
            figures.append(figure)
            if not found:
                line, column = figure.position
                problems.append(Diagnostic(
                    claim.source.path, line, column, codes.FIGURE_MISSING,
                    f"{claim.ref}: figure {mention.text!r} ({field_name}) appears nowhere in {article.path} in any form",
                ))
    sentences, stale = check_coverage(article, quotes, explanations)
    problems.extend(stale)
    check = ArticleCheck(article.path, sources, tuple(quotes), tuple(figures), tuple(sentences), tuple(unquoted))
    return check, problems


def verify(
    corpus: Corpus,
    articles: str | os.PathLike[str] | None = None,
    *,
    explanations: Iterable[Explanation] = (),
    settings_problems: Iterable[Diagnostic] = (),
    display: Callable[[Path], str] | None = None,
) -> Verification:
    """Check every claim of a loaded corpus against its article; see the package docstring.

    The caller loads the corpus and reads `_coverage.yaml` (`workspace.load_workspace`)
    and passes its `explanations`. The corpus's diagnostics come first in the
    result's, then `settings_problems` (those found in the settings files)
    and the verification's own, by position. `display` names article files in messages, as the
    corpus was loaded with; it must give paths usable from the working
    directory (the default: relative to it when inside it).
    """
    show = display or display_path
    root = corpus.root
    root_path = Path(root)
    corpus_dir = root_path if root_path.is_dir() else root_path.parent
    articles_dir = Path(articles) if articles is not None else None
    problems: list[Diagnostic] = list(settings_problems)
    unverifiable: list[Source] = []
    claims_of: dict[str, list[Claim]] = {}
    for claim in corpus.claims:
        claims_of.setdefault(claim.source.id, []).append(claim)
    # Several sources may share an article: group them by the file's real path.
    groups: dict[Path, tuple[str, list[Source]]] = {}
    for source in corpus.sources:
        if source.text is None:
            unverifiable.append(source)
            count = len(claims_of.get(source.id, ()))
            problems.append(Diagnostic(
                source.path, source.line, source.column, codes.NO_TEXT,
                f"source '{source.id}' has no text: field; its {counted(count, 'claim')} cannot be checked",
                Severity.WARNING,
            ))
            continue
        path, problem = locate_article(source, corpus_dir, articles_dir)
        if problem is not None:
            problems.append(problem)
            continue
        assert path is not None
        key = resolve(path) or path
        groups.setdefault(key, (show(path), []))[1].append(source)
    explained_in: dict[str, list[Explanation]] = {}
    for explanation in explanations:
        explained_in.setdefault(explanation.article, []).append(explanation)
    named = {Path(shown).name for shown, _sources in groups.values()}
    for name, unplaced in explained_in.items():
        if name not in named:
            problems.extend(Diagnostic(
                e.path, e.article_line, e.article_column, codes.EXPLANATION_STALE,
                f"article {e.article!r} is not the text of any source in the corpus; a stale explanation",
                Severity.WARNING) for e in unplaced)
    checks: list[ArticleCheck] = []
    for key, (shown, sources) in groups.items():
        text, problem = read_article(key, shown)
        if problem is not None:
            problems.append(problem)
            continue
        claims = [c for s in sources for c in claims_of.get(s.id, ())]
        dates = [s.published for s in sources if s.published is not None]
        published = min(dates, key=lambda d: (d.start, d.end)) if dates else None
        check, found = check_article(Article(shown, text or "", published), tuple(sources), claims,
                                     explained_in.get(Path(shown).name, ()))
        checks.append(check)
        problems.extend(found)
    problems.sort(key=lambda d: (d.path, d.line, d.column))
    return Verification(
        root=str(root), articles=tuple(checks), unverifiable=tuple(unverifiable),
        source_count=len(corpus.sources), claim_count=len(corpus.claims),
        diagnostics=tuple(corpus.diagnostics) + tuple(problems),
    )
