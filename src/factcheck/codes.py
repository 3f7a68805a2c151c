"""Every diagnostic code and finding rule, in one table.

A code is user-visible and stable: JSON `errors[].code` and `warnings[].code`,
SARIF `ruleId`, the title of a GitHub annotation and the `[code]` at the end
of a text line all carry it. Never rename one; add a new one instead.

Each entry has its default severity (`error`, `warning`, or `note` for
findings that are not problems), a short title, and what it is about. Each is
one SARIF rule (`Code.sarif_rule`: id = code, name = the code in PascalCase).
A new diagnostic registers its code here and in README's table of codes (a
test checks both ways); `Diagnostic` refuses a code that is not registered.

    from . import codes
    Diagnostic(path, line, column, codes.WRONG_TYPE, "claims[0].value: ...")
"""

from __future__ import annotations

from dataclasses import dataclass

# What a code is about: the gate counts file problems, review problems and findings apart.
FINDING, FILE, SETTINGS, REVIEW, ARTICLE = "finding", "claim file", "settings file", "review file", "article"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: str   # the default: "error", "warning" or "note" (a finding that is not a problem)
    title: str      # short: an annotation's title, README's table, SARIF's shortDescription
    about: str      # FINDING, FILE, SETTINGS, REVIEW or ARTICLE

    @property
    def sarif_name(self) -> str:
        return "".join(part.capitalize() for part in self.code.split("-"))

    def sarif_rule(self) -> dict:
        """This code as a SARIF reportingDescriptor."""
        return {"id": self.code, "name": self.sarif_name, "shortDescription": {"text": self.title},
                "defaultConfiguration": {"level": self.severity}}


CODES: dict[str, Code] = {}


def _register(code: str, severity: str, title: str, about: str) -> str:
    assert code not in CODES and severity in ("error", "warning", "note"), code
    CODES[code] = Code(code, severity, title, about)
    return code


# --- findings (rules, not diagnostics) ----------------------------------------
CONTRADICTION = _register("contradiction", "error", "Sources contradict each other", FINDING)
CONDITION = _register("condition", "warning", "Sources state different terms", FINDING)
SUPERSEDED = _register("superseded", "note", "A later source reports a change", FINDING)
REVISED = _register("revised", "note", "A later source revises the figure", FINDING)
CORROBORATED = _register("corroborated", "note", "Sources agree", FINDING)

# --- reading a file ------------------------------------------------------------
NO_SUCH_PATH = _register("no-such-path", "error", "No such file or folder", FILE)
UNREADABLE = _register("unreadable", "error", "File cannot be read", FILE)
SYMLINK_LOOP = _register("symlink-loop", "error", "Symbolic link loop", FILE)
FILE_TOO_LARGE = _register("file-too-large", "error", "File over the size limit", FILE)
BINARY_FILE = _register("binary-file", "error", "Binary file", FILE)
NOT_UTF8 = _register("not-utf8", "error", "Not UTF-8", FILE)

# --- YAML ------------------------------------------------------------------------
YAML_SYNTAX = _register("yaml-syntax", "error", "YAML syntax error", FILE)
YAML_TAB = _register("yaml-tab", "error", "Tab in indentation", FILE)
YAML_CHARACTER = _register("yaml-character", "error", "Character not allowed in YAML", FILE)
YAML_KEY = _register("yaml-key", "error", "Mapping key is not text", FILE)
YAML_KEY_LENGTH = _register("yaml-key-length", "error", "Mapping key over 1,024 characters", FILE)
YAML_TAG = _register("yaml-tag", "error", "YAML tag refused", FILE)
YAML_DEPTH = _register("yaml-depth", "error", "Nesting too deep", FILE)
YAML_ALIASES = _register("yaml-aliases", "error", "Aliases refused (loop or bomb)", FILE)
YAML_DOCUMENTS = _register("yaml-documents", "error", "More than one YAML document", FILE)
DUPLICATE_KEY = _register("duplicate-key", "error", "Duplicate key", FILE)

# --- the claim format ------------------------------------------------------------
EMPTY_FILE = _register("empty-file", "error", "Empty file", FILE)
NOT_MAPPING = _register("not-mapping", "error", "File is not a mapping", FILE)
WRONG_TYPE = _register("wrong-type", "error", "Wrong type of value", FILE)
UNKNOWN_FIELD = _register("unknown-field", "error", "Unknown field", FILE)
MISSING_FIELD = _register("missing-field", "error", "Missing required field", FILE)
TOO_LONG = _register("too-long", "error", "Text over the length limit", FILE)
BAD_DATE = _register("bad-date", "error", "Invalid date", FILE)
BAD_SLUG = _register("bad-slug", "error", "Id is not a slug", FILE)
BAD_VALUE = _register("bad-value", "error", "Invalid value", FILE)
EMPTY_CLAIMS = _register("empty-claims", "error", "No claims", FILE)
DUPLICATE_ID = _register("duplicate-id", "error", "Duplicate claim id", FILE)
DUPLICATE_SOURCE = _register("duplicate-source", "error", "Duplicate source id", FILE)

# --- corpus settings (_settings.yaml, _aliases.yaml, _coverage.yaml) -------------
UNKNOWN_SETTINGS = _register("unknown-settings", "warning", "Unknown settings file", SETTINGS)
BAD_SETTINGS = _register("bad-settings", "error", "Invalid settings", SETTINGS)
BAD_COVERAGE_SETTINGS = _register("bad-coverage-settings", "error", "Invalid coverage settings", SETTINGS)
NESTED_SETTINGS = _register("nested-settings", "warning", "Nested settings file ignored", SETTINGS)
DUPLICATE_SETTINGS = _register("duplicate-settings", "error", "Settings file beside its .yaml twin", SETTINGS)
UNSAFE_ALIAS_EDIT = _register("unsafe-alias-edit", "error", "Alias not recorded safely", SETTINGS)

# --- reviews (_resolutions.yaml) -------------------------------------------------
BAD_RESOLUTION = _register("bad-resolution", "error", "Invalid review", REVIEW)
OUTDATED_REVIEW = _register("outdated-review", "warning", "Review no longer applies", REVIEW)
STALE_REVIEW = _register("stale-review", "warning", "Review matches no finding", REVIEW)
UNSAFE_EDIT = _register("unsafe-edit", "error", "Review not recorded safely", REVIEW)
NOT_REGULAR_FILE = _register("not-regular-file", "error", "Review file is not a regular file", REVIEW)

# --- articles (factcheck verify) -------------------------------------------------
NO_TEXT = _register("no-text", "warning", "Source cannot be verified", ARTICLE)
ARTICLE_NOT_FOUND = _register("article-not-found", "error", "Article not found", ARTICLE)
TEXT_OUTSIDE_CORPUS = _register("text-outside-corpus", "error", "Article path refused", ARTICLE)
QUOTE_MISSING = _register("quote-missing", "error", "Quote not found in article", ARTICLE)
FIGURE_MISSING = _register("figure-missing", "error", "Figure not found in article", ARTICLE)
EXPLANATION_STALE = _register("explanation-stale", "warning", "Stale coverage explanation", ARTICLE)


def lookup(code: str) -> Code:
    """The entry of a registered code; KeyError names the code otherwise."""
    try:
        return CODES[code]
    except KeyError:
        raise KeyError(f"unregistered diagnostic code {code!r}: add it to factcheck/codes.py") from None


def annotation_title(code: str) -> str:
    """A GitHub annotation's title for a diagnostic: its title and code, `Unknown field (unknown-field)`."""
    return f"{lookup(code).title} ({code})"
