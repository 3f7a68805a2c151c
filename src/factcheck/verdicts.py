"""The reviewers' verdicts, as data every module may read.

The review file's reader (resolutions.py), the ClaimReview export and the
HTML report all name verdicts; the words live here so that no formatter has to
import the modules that read or export reviews.
"""

from __future__ import annotations

SUPERSEDED = "superseded"
SOURCE_ERROR = "source-error"
BOTH_HOLD = "both-hold"
OPEN = "open"  # reviewed, but not resolved: it still needs a decision

# What each verdict means, as `factcheck resolve --help` and the schema say it.
VERDICTS = {
    SUPERSEDED: "one source is outdated: the value changed over time",
    SOURCE_ERROR: "one source is wrong (name it with `source:`)",
    BOTH_HOLD: "both hold: a difference of scope or definition",
    OPEN: "known and accepted as unresolved",
}

# A verdict as a reader sees it (ClaimReview's alternateName, the HTML report's badge).
VERDICT_WORDS = {
    SOURCE_ERROR: "False",
    SUPERSEDED: "Outdated",
    OPEN: "Unresolved",
    BOTH_HOLD: "Both hold (different scope)",
}
