"""The page's templates print each value in one call (`_printed`), not Jinja2's
`escape(finalize(value))`, to skip a `Markup` per value: the text must be the same,
character for character, for every kind of value a template can print.
"""

from __future__ import annotations

import enum

import pytest
from hypothesis import given, strategies as st
from jinja2 import Environment
from markupsafe import Markup, escape

from factcheck.formatters.html import _environment, _finalize, _printed
from factcheck.model import FindingKind


class _Colour(str, enum.Enum):
    RED = "<red>"


class _Shown:
    def __repr__(self) -> str:  # a stable test id (xdist workers must collect the same names)
        return "_Shown()"

    def __str__(self) -> str:
        return "a <b>'quoted'</b> & \"double\"\x1b"


VALUES = [
    "plain text", "", "it's", "<script>document.title='pwned'</script>", "\" onmouseover=\"x'", "a & b",
    "tab\tand\nnewline", "esc \x1b[31m bel \x07 del \x7f", "bidi \u202e\u2066 zero \u200b", "✕ → ↻ · …",
    Markup("<b>built by us</b>"), Markup(""), 0, 7, -3, 12.5, 1e-07, float("inf"), True, False, None,
    FindingKind.CONTRADICTION, _Colour.RED, _Shown(), ("a", "<b>"),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_printed_is_what_jinja2_would_print(value: object) -> None:
    assert _printed(value) == str(escape(_finalize(value)))


@given(st.text())
def test_printed_any_text(text: str) -> None:
    assert _printed(text) == str(escape(_finalize(text)))


@pytest.mark.parametrize("source", [
    "{{ v }}", "<a title=\"{{ v }}\">{{ v }}</a>", "{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(v) }}",
    "{% set block %}{{ v }}{% endset %}{{ block }}", "{% for x in [v, v] %}{{ x }}{% endfor %}", "{{ '<k>' }}{{ v ~ '<' }}",
])
def test_the_page_environment_renders_as_jinja2_would(source: str) -> None:
    plain = Environment(autoescape=True, finalize=_finalize)
    for value in VALUES:
        assert _environment().from_string(source).render(v=value) == plain.from_string(source).render(v=value)
