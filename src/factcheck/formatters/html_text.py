"""How the HTML page prints a value: the escaping Jinja2's autoescape applies to `{{ value }}`,
after control, bidi and other invisible characters are made visible (textsafe.html_clean).

The template and the pieces built in Python (`html_cards`, `timeline_svg`) print through the
same function, `printed`, so claim text is escaped the same way wherever it appears.
"""

from __future__ import annotations

import functools

from markupsafe import Markup, escape

from ..textsafe import html_clean

# Markup we built: what `Markup(text)` makes, without its check for an `__html__` method.
markup = functools.partial(str.__new__, Markup)


def finalize(value: object) -> object:
    """Every printed value: markup we built passes, anything else becomes visible, inert text."""
    if type(value) is str:  # most values: checked first, the page prints hundreds of thousands
        return value if value.isprintable() else html_clean(value)
    if isinstance(value, Markup) or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return html_clean("" if value is None else value)


def printed(value: object) -> str:
    """The text `escape(finalize(value))` prints, in one call per printed value.

    Jinja2 would wrap each escaped value in a new `Markup`, the largest single cost of a
    page with a million values; the pieces are only joined, so the wrapper is skipped. Text
    with a character to escape goes through markupsafe's own `escape` (tests compare the two).
    """
    kind = type(value)
    if kind is str:
        text = value if value.isprintable() else html_clean(value)
    elif kind is Markup or isinstance(value, Markup):
        return value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    else:
        text = html_clean("" if value is None else value)
    # The five characters markupsafe escapes, searched one by one (a loop over them costs more).
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return str(escape(text))
    return text
