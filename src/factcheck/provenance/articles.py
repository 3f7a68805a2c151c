"""Reading articles: where a source's article file is, its text, and that text prepared for matching.

Article paths are resolved relative to the claim file and must stay inside
the corpus folder (symlinks followed); with an explicit articles folder, a
path that does not lead to a file there is looked up by its file name in that
folder instead. Comment lines at the top of an article are not its text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import codes
from ..dates import PartialDate
from ..loader import MAX_FILE_BYTES, display_path, read_text
from ..model import Diagnostic, Source
from .figures import Mention, find_figures
from ..verify_results import Passage

# --- normalised text ------------------------------------------------------

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


def normalise(text: str) -> str:
    """Case, whitespace runs, curly vs straight quotes and dashes folded away."""
    return normalise_with_offsets(text)[0]


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the offset it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    space_at: int | None = None
    for index, char in enumerate(text):
        if char.isspace():
            if chars and space_at is None:
                space_at = index
            continue
        if space_at is not None:
            chars.append(" ")
            offsets.append(space_at)
            space_at = None
        if char < "\x80" and char != "`":
            chars.append(char.lower())
            offsets.append(index)
            continue
        folded = unicodedata.normalize("NFKC", char.translate(_FOLD)).casefold().translate(_FOLD)
        chars.extend(folded)
        offsets.extend([index] * len(folded))
    return "".join(chars), offsets


class _Lines:
    """Offsets to 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


# --- comment lines ------------------------------------------------------------

_LEADING_COMMENTS_RE = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*")


def without_leading_comments(text: str) -> str:
    """Lines starting with `#` at the top of an article file (where and when it was saved) are not article text.

    They become spaces, so every offset, line and column in the article stays where it was.
    """
    match = _LEADING_COMMENTS_RE.match(text)
    if match is None or "#" not in match.group(0):
        return text
    return re.sub(r"[^\n]", " ", match.group(0)) + text[match.end():]


# --- the article, prepared once ----------------------------------------------


@dataclass(frozen=True)
class Article:
    """An article's text, prepared once for every claim that quotes it."""

    path: str
    text: str
    published: PartialDate | None = None  # resolves dates written without a year
    normalised: str = field(init=False)
    offsets: list[int] = field(init=False, repr=False)
    lines: _Lines = field(init=False, repr=False)
    figures: list[Mention] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _Lines(self.text))
        object.__setattr__(self, "text", without_leading_comments(self.text))
        normalised, offsets = normalise_with_offsets(self.text)
        object.__setattr__(self, "normalised", normalised)
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "figures", find_figures(self.text, self.published, spelled="all"))

    def passage(self, start: int, end: int, limit: int | None = None) -> Passage:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start > 0 and self.text[start - 1].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        shown = " ".join(self.text[start:end].split())
        if limit is not None and len(shown) > limit:
            shown = shown[: limit - 1] + "…"
        line, column = self.lines.position(start)
        return Passage(shown, start, end, line, column)

    def normalised_span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised offsets [start, end) back to offsets in the text."""
        return self.offsets[start], self.offsets[end - 1] + 1


# --- where an article is ---------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def resolve(path: Path) -> Path | None:
    """The real path, or None for a symlink loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # symlink loops
        return None


def locate_article(source: Source, corpus_dir: Path, articles_dir: Path | None) -> tuple[Path | None, Diagnostic | None]:
    """The article file for `source.text`, or a Diagnostic at the `text:` field saying why not."""
    assert source.text is not None
    line, column = source.position_of("text")
    if "\0" in source.text:  # no file name holds one; the system calls would refuse it
        return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                                f"source.text: {source.text!r} holds a NUL character; no file has such a name")
    written = Path(source.text)
    corpus_real = resolve(corpus_dir)
    inside = looping = False
    tried: list[str] = []
    if not written.is_absolute():
        candidate = Path(source.path).parent / written  # source.path is relative to the working directory
        real = resolve(candidate)
        looping = real is None
        inside = real is not None and corpus_real is not None and _inside(real, corpus_real)
        if inside:
            if real.is_file():
                return candidate, None
            tried.append(display_path(candidate))
    if articles_dir is not None:
        by_name = articles_dir / written.name
        real, folder = resolve(by_name), resolve(articles_dir)
        if written.name not in ("", ".", "..") and real and folder and _inside(real, folder) and real.is_file():
            return by_name, None
        tried.append(display_path(by_name))
        return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                                f"source.text: article {source.text!r} not found (looked for {' and '.join(tried)})")
    if looping:
        return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                                f"source.text: {source.text!r} cannot be resolved (a symlink loop?)")
    if not inside:
        why = "is an absolute path; articles are read from inside the corpus folder" if written.is_absolute() \
            else "leaves the corpus folder"
        return None, Diagnostic(
            source.path, line, column, codes.TEXT_OUTSIDE_CORPUS,
            f"source.text: {source.text!r} {why} {display_path(corpus_dir)}; refused "
            "(with --articles DIR, its file name is looked up in DIR)",
        )
    return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                            f"source.text: article {source.text!r} not found (looked for {tried[0]})")


def read_article(path: Path, shown: str) -> tuple[str | None, Diagnostic | None]:
    text, problem = read_text(path, shown)
    if problem is not None and problem.code == codes.FILE_TOO_LARGE:
        limit = MAX_FILE_BYTES // 1024 // 1024
        problem = Diagnostic(shown, 1, 1, problem.code, f"article is over the {limit} MiB limit; not checked")
    return text, problem
