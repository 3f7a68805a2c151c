"""The formats of `factcheck timeline`, `sources`, `topics`, `matches` and `vocabulary`.

Each receives the rows its command built (listing_rows; possible.PossibleMatch for `matches`)
and `RenderOptions`, and returns the text; the text tables are laid out by text_listing
(rich, loaded only for them). Keyed in `COMMAND_FORMATTERS` by (command, format).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..model import FindingKind
from ..textsafe import json_text, visible
from ..words import counted
from . import RenderOptions

if TYPE_CHECKING:
    from ..listing_rows import SourcesListing, TimelineListing, TopicsListing, VocabularyProperty, VocabularySubject
    from ..possible import PossibleMatch


def _json(data: object) -> str:
    return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


# --- timeline -----------------------------------------------------------------


def timeline_json(listing: TimelineListing, options: RenderOptions = RenderOptions()) -> str:
    from .json import claim_json

    return _json({"subject": listing.subject, "property": listing.property, "claims": [
        {"topic": e.topic, "subject": e.subject, "property": e.property, **claim_json(e.claim, listing.approx_margin)}
        for e in listing.entries]})


def timeline_text(listing: TimelineListing, options: RenderOptions = RenderOptions()) -> str:
    from .text_listing import render_timeline

    several = len({e.subject for e in listing.entries}) > 1
    entries = [(e.claim, f"{e.subject} · {e.property}" if several else e.property) for e in listing.entries]
    names = " / ".join(listing.subjects)
    if listing.property is not None:
        names += " · " + " / ".join(listing.properties)
    title = f"{names}: {counted(len(entries), 'claim')}"
    title += f" from {counted(len({c.source.id for c, _ in entries}), 'source')}"
    return render_timeline(title, entries, options)


# --- sources and topics ---------------------------------------------------------


def sources_json(listing: SourcesListing, options: RenderOptions = RenderOptions()) -> str:
    return _json({"sources": [
        {"id": s.id, "outlet": s.outlet, "title": s.title,
         "published": str(s.published) if s.published else "unknown", "file": s.path,
         "claims": row.claims, "contradictions": row.contradictions, "findings": row.findings}
        for row in listing.rows for s in (row.source,)]})


def sources_text(listing: SourcesListing, options: RenderOptions = RenderOptions()) -> str:
    from .text_listing import render_table

    rows = [[s.id, s.published.label if s.published else "undated", row.claims, row.contradictions, s.outlet]
            for row in listing.rows for s in (row.source,)]
    title = f"{counted(len(listing.rows), 'source')}, {counted(listing.claim_count, 'claim')}"
    return render_table(title, ["source", "published", "claims", "contradictions", "outlet"], rows, options, wrap=[4])


def topics_json(listing: TopicsListing, options: RenderOptions = RenderOptions()) -> str:
    return _json({"topics": [
        {"topic": row.name, "claims": row.claims, "subjects": row.subjects, "sources": row.sources,
         "findings": {kind.value: row.findings.get(kind, 0) for kind in FindingKind}}
        for row in listing.rows]})


def _kind_counts(counts) -> str:
    parts = [kind.counted(counts.get(kind, 0)) for kind in FindingKind if counts.get(kind, 0)]
    return ", ".join(parts) or "none"


def topics_text(listing: TopicsListing, options: RenderOptions = RenderOptions()) -> str:
    from .text_listing import render_table

    rows = [[row.name, row.claims, row.subjects, row.sources, _kind_counts(row.findings)] for row in listing.rows]
    title = f"{counted(len(listing.rows), 'topic')}, {counted(listing.claim_count, 'claim')}"
    return render_table(title, ["topic", "claims", "subjects", "sources", "findings"], rows, options, wrap=[0, 4])


# --- matches and vocabulary -------------------------------------------------------


def _wrapped(text: str, width: int | None, indent: str) -> list[str]:
    import textwrap

    return textwrap.wrap(visible(text), width=width or 80, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False) or [indent]


def matches_json(found: Sequence[PossibleMatch], options: RenderOptions = RenderOptions()) -> str:
    from .json import possible_match_json

    return json_text(json.dumps({"possible_matches": [possible_match_json(m) for m in found]},
                                ensure_ascii=False, indent=2)) + "\n"


def matches_text(found: Sequence[PossibleMatch], options: RenderOptions = RenderOptions()) -> str:
    if not found:
        return "no possible matches: every pair of names that looks alike was matched or dismissed\n"
    lines = [f"{counted(len(found), 'possible match', 'possible matches')} not made "
             "(accept: factcheck matches --accept N; dismiss: --dismiss N)", ""]
    for number, match in enumerate(found, 1):
        where = f" (subject {match.subject})" if match.subject else (
            f" (property {match.property})" if match.property else "")
        lines.append(visible(f"{number}. {match.score:g}  {match.kind}{where}  {match.id}"))
        lines.append(visible(f"   {match.names[0]}"))
        lines.append(visible(f"   {match.names[1]}"))
        for what, how in match.evidence:
            lines.append(visible(f"     {what}: {how}"))
        for label, side in zip(match.names, match.sides):
            shown = ", ".join(side[:3]) + (f" and {len(side) - 3} more" if len(side) > 3 else "")
            lines += _wrapped(f"claims ({counted(len(side), 'claim')} as {label}): {shown}", options.width, "     ")
        lines.append("")
    return "\n".join(lines)


def _property_json(entry: VocabularyProperty) -> dict:
    return {"property": entry.property, "claims": entry.claims, "wordings": list(entry.wordings),
            "files": list(entry.files)}


def vocabulary_json(subjects: Sequence[VocabularySubject], options: RenderOptions = RenderOptions()) -> str:
    data = [{"subject": s.subject, "wordings": list(s.wordings), "claims": s.claims,
             "properties": [_property_json(p) for p in s.properties]} for s in subjects]
    return json_text(json.dumps({"subjects": data}, ensure_ascii=False, indent=2)) + "\n"


def vocabulary_text(subjects: Sequence[VocabularySubject], options: RenderOptions = RenderOptions()) -> str:
    width = options.width or 80
    lines = []
    for subject in subjects:
        lines += _wrapped(f"{' / '.join(subject.wordings)} ({counted(subject.claims, 'claim')})", width, "")
        for p in subject.properties:
            lines += _wrapped(f"{' / '.join(p.wordings)} ({counted(p.claims, 'claim')}): "
                              f"{', '.join(Path(f).name for f in p.files)}", width, "  ")
        lines.append("")
    properties = sum(len(s.properties) for s in subjects)
    title = f"{counted(len(subjects), 'subject')}, {counted(properties, 'property')}".replace(
        "propertys", "properties")
    return "\n".join([title, ""] + lines)
