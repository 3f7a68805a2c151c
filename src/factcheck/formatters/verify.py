"""`factcheck verify`'s formats: text (problems, notes, coverage, a summary line), JSON and
GitHub annotations. Each receives verify's result as data (verify_results.Verification) and
whether `--coverage` asked for the to-do list; none reads an article. Keyed in `COMMAND_FORMATTERS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..textsafe import json_text, visible
from ..words import counted

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..verify_results import ArticleCheck, QuoteCheck, Verification

SENTENCE_MAX_CHARS = 200


def _clip(text: str, limit: int = SENTENCE_MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _diagnostic_line(diagnostic: Diagnostic) -> str:
    level = "error" if diagnostic.is_error else "warning"
    return visible(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {level}: {diagnostic.coded_message}")


def _note_message(check: QuoteCheck, article: ArticleCheck) -> str:
    how = "after normalising case, spaces, quotes and dashes" if check.status.value == "normalised" \
        else f"fuzzily (score {check.score:.0f})"
    where = f" at {article.path}:{check.passage.line}:{check.passage.column}: {check.passage.text!r}" if check.passage else ""
    return f"{check.claim.ref}: quote found {how}{where}"


def _note(check: QuoteCheck, article: ArticleCheck) -> str:
    line, column = check.claim.position_of("quote")
    return visible(f"{check.claim.source.path}:{line}:{column}: note: {_note_message(check, article)}")


def _summary(result: Verification) -> str:
    quotes, figures = result.quotes, result.figures
    missing_quotes = sum(not q.found for q in quotes)
    inexact = sum(q.found and q.status.value != "exact" for q in quotes)
    missing_figures = sum(not f.found for f in figures)
    sources = sum(len(a.sources) for a in result.articles)
    parts = [
        f"{counted(len(result.articles), 'article')} for {counted(sources, 'source')}",
        f"quotes: {len(quotes) - missing_quotes} found ({inexact} not exactly), {missing_quotes} missing",
        f"figures: {len(figures) - missing_figures} found, {missing_figures} missing",
    ]
    explained = sum(len(a.explained) for a in result.articles)
    if explained:
        parts.append(f"{counted(explained, 'sentence')} explained in _coverage.yaml")
    if result.unverifiable:
        parts.append(f"{counted(len(result.unverifiable), 'source')} without text")
    errors = len(result.errors)
    parts.append(f"{counted(errors, 'error')}" if errors else "no errors")
    return "; ".join(parts)


def _coverage_lines(article: ArticleCheck) -> list[str]:
    ids = ", ".join(s.id for s in article.sources)
    total, covered, explained = len(article.sentences), len(article.covered), len(article.explained)
    if explained:
        figure = (f"{covered} of {counted(total, 'checkable sentence')} covered, {explained} explained "
                  f"({article.coverage:.0%} handled)")
    else:
        figure = f"{covered} of {counted(total, 'checkable sentence')} covered ({article.coverage:.0%})"
    lines = [visible(f"{article.path} ({ids}): {figure}")]
    for sentence in article.uncovered:
        where = f"{article.path}:{sentence.passage.line}:{sentence.passage.column}"
        lines.append(visible(f"  {where}: not covered [{', '.join(sentence.facts)}]: {_clip(sentence.passage.text)}"))
    for sentence in article.explained:
        where = f"{article.path}:{sentence.passage.line}:{sentence.passage.column}"
        reason = sentence.explanation.reason if sentence.explanation else ""
        lines.append(visible(f"  {where}: explained ({reason}): {_clip(sentence.passage.text)}"))
    return lines


def render_text(result: Verification, coverage: bool) -> str:
    lines = [_diagnostic_line(d) for d in result.diagnostics]
    for article in result.articles:
        lines.extend(_note(q, article) for q in article.quotes if q.found and q.status.value != "exact")
    if coverage and result.articles:
        lines.append("")
        lines.append("Coverage (sentences with figures, dates or words such as 'exclusive' that no claim quotes):")
        for article in result.articles:
            lines.extend(_coverage_lines(article))
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def render_github(result: Verification, coverage: bool) -> str:
    from ..codes import annotation_title
    from ..textsafe import github_log_line as plain_line
    from .ghactions import annotation

    lines = []
    for diagnostic in result.diagnostics:
        level = "error" if diagnostic.is_error else "warning"
        title = annotation_title(diagnostic.code)
        lines.append(annotation(level, diagnostic.path, diagnostic.line, diagnostic.column, title, diagnostic.message))
    for article in result.articles:
        for check in article.quotes:
            if check.found and check.status.value != "exact":
                line, column = check.claim.position_of("quote")
                lines.append(annotation("notice", check.claim.source.path, line, column, "Quote found inexactly",
                                        _note_message(check, article)))
        if coverage:
            for sentence in article.uncovered:
                lines.append(annotation(
                    "notice", article.path, sentence.passage.line, sentence.passage.column, "Sentence not covered",
                    f"no claim quotes this sentence [{', '.join(sentence.facts)}]: {_clip(sentence.passage.text)}",
                ))
    # GitHub shows only the first annotations of a step: the full list follows as plain lines.
    lines.extend(plain_line(line) for line in render_text(result, coverage).splitlines())
    return "\n".join(lines) + "\n"


def render_json(result: Verification, coverage: bool) -> str:
    import json

    def diagnostic(d: Diagnostic) -> dict:
        return {"file": d.path, "line": d.line, "column": d.column, "code": d.code, "message": d.message}

    def passage(p) -> dict | None:
        return None if p is None else {"text": p.text, "line": p.line, "column": p.column}

    def article_json(article: ArticleCheck) -> dict:
        data = {
            "article": article.path,
            "sources": [s.id for s in article.sources],
            "quotes": [
                {"ref": q.claim.ref, "file": q.claim.source.path, "line": q.claim.position_of("quote")[0],
                 "column": q.claim.position_of("quote")[1], "quote": q.claim.quote, "status": q.status.value,
                 "score": q.score, "passage": passage(q.passage)}
                for q in article.quotes
            ],
            "figures": [
                {"ref": f.claim.ref, "file": f.claim.source.path, "line": f.position[0], "column": f.position[1],
                 "figure": f.figure, "field": f.field, "found": f.found}
                for f in article.figures
            ],
            "unquoted": [c.ref for c in article.unquoted],
            "coverage": {"checkable": len(article.sentences),
                         "covered": len(article.covered),
                         "explained": len(article.explained),
                         "ratio": round(article.coverage, 4)},
        }
        if coverage:
            data["uncovered"] = [
                {"line": s.passage.line, "column": s.passage.column, "text": s.passage.text, "facts": list(s.facts)}
                for s in article.uncovered
            ]
            data["explained"] = [
                {"line": s.passage.line, "column": s.passage.column, "text": s.passage.text, "facts": list(s.facts),
                 "reason": s.explanation.reason,
                 "explanation": {"file": s.explanation.path, "line": s.explanation.line,
                                 "column": s.explanation.column}}
                for s in article.explained if s.explanation is not None
            ]
        return data

    document = {
        "schema": "factcheck.verify/1",
        "corpus": {"sources": result.source_count, "claims": result.claim_count},
        "articles": [article_json(a) for a in result.articles],
        "unverifiable": [{"source": s.id, "file": s.path, "line": s.line, "column": s.column} for s in result.unverifiable],
        "errors": [diagnostic(d) for d in result.errors],
        "warnings": [diagnostic(d) for d in result.warnings],
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
