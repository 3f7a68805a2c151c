"""Which claims are about the same thing: same subject and same property.

One path decides, for the report, `names_match`, the evaluation and the
vocabulary hints alike: `match_names` over (subject, property) pairs.

1. Every subject and property becomes a set of words, once per distinct
   string (`Name`): ASCII folding (anyascii: `Ørsted` is `Orsted`), case,
   possessives, hyphens (`post-paid` is `post paid`, and both are `postpaid`
   when the corpus writes that word), stop words, measuring words (`number
   of`, `count`, `total`), word forms through lemminflect's dictionary
   (`companies` -> `company`, `sold` -> `sell`; a word it does not know is
   kept as written), British spellings, the synonym table `SYNONYMS`, and
   corporate suffixes on subjects (`Microsoft Corp.` is `Microsoft`). Alias
   groups from `_aliases.yaml` apply to the words, to a fixed point, so that
   one group never hides another.
2. Spelling variants of ordinary words are folded with rapidfuzz over the
   corpus vocabulary (`exclusivty`/`exclusivity`), blocked by first letter.
   Names, numbers and scope words are never folded.
3. Two names whose words are the same set match (word order does not matter).
4. A name that has another's words plus extra words matches it only when
   every extra word is ordinary (not a name, number or scope word such as
   `additional`, `former`, `prepaid`), the whole-name score reaches
   `matching.threshold`, and the shorter name could mean nothing else: all
   its longer candidates form one chain (`a` < `a b` < `a b c`). So merges
   never snowball: two names that each add a different word (`revenue share`,
   `revenue growth`) never join through a shorter third (`revenue`).
   Subjects follow the same rule, with company words (`Vantor Energy`,
   `Nova Telecom`) as the only extra words a bare name may drop, and ordinary
   words only when the shorter subject is itself descriptive (`Acme breach`
   / `Acme data breach`, not `Acme` / `Acme breach`).

What is not matched but may be the same is scored in `factcheck.possible`.

Grouping is linear in the number of claims: names are keyed by their word
set, and only names that contain all of a shorter name's words are scored.

The modules: `vocabulary` (the word lists), `names` (strings to `Name`s),
`spelling` (variants folded), `groups` (pairs to groups, and claims to
`Group`s).
"""

from .groups import Group, NameMatching, group_claims, groups_of, match_names, names_match
from .names import Name, Normaliser, base_form, known_word, proper_nouns_of, vocabulary_of
from .spelling import SpellingFolder
from .vocabulary import COMPANY_WORDS, CORPORATE_SUFFIXES, MEASURE_WORDS, SCOPE_WORDS, STOPWORDS, SYNONYMS

__all__ = ["Group", "NameMatching", "group_claims", "groups_of", "match_names", "names_match", "Name", "Normaliser",
           "base_form", "known_word", "proper_nouns_of", "vocabulary_of", "SpellingFolder", "COMPANY_WORDS",
           "CORPORATE_SUFFIXES", "MEASURE_WORDS", "SCOPE_WORDS", "STOPWORDS", "SYNONYMS"]
