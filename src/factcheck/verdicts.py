"""The reviewers' verdicts, as data every module may read.

The review file's reader (resolutions.py), the ClaimReview export and the
HTML report all name verdicts; the words live here so that no formatter has to
import the modules that read or export reviews.
"""

from __future__ import annotations

# What each verdict means, as `factcheck resolve --help` and the schema say it.
VERDICTS = {
    "superseded": "one source is outdated: the value changed over time",
    "source-error": "one source is wrong (name it with `source:`)",
    "both-hold": "both hold: a difference of scope or definition",
    "open": "known and accepted as unresolved",
}

# A verdict as a reader sees it (ClaimReview's alternateName, the HTML report's badge).
VERDICT_WORDS = {
    "source-error": "False",
    "superseded": "Outdated",
    "open": "Unresolved",
    "both-hold": "Both hold (different scope)",
}
