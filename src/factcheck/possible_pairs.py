"""Which pairs of groups `factcheck.possible` scores: candidates for a possible match.

Candidates come from blocks, never from all pairs. A block is the
groups sharing one word (only words in at most `BLOCK_CAP` groups: a word in
more is too common to tell anything) plus, within one subject of at most
`SUBJECT_CAP` groups, all its groups. Within a block, pairs that a different
name on each side sets apart are dropped first (found through an index of who
has each word, not pair by pair: most pairs of a block are two companies); of
the rest, Python scores the pairs whose names pass `CANDIDATE_CUTOFF` (one
rapidfuzz comparison per pair of texts: the same plain properties come back
under every subject) or that share a value. A block where most pairs are close
anyway (plain properties) is compared in rapidfuzz's C loop (`process.extract`)
instead. So the work is at most BLOCK_CAP² per word and SUBJECT_CAP² per
subject: linear in the number of claims for a fixed cap.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from .possible import _Info as Info

BLOCK_CAP = 40
SUBJECT_CAP = 120
CANDIDATE_CUTOFF = 45.0

_VALUE = attrgetter("value")
_name_score = fuzz.token_set_ratio  # rapidfuzz's own C scorer keeps process.extract's loop in C


def candidate_pairs(infos: list[Info]) -> set[tuple[int, int]]:
    """The pairs worth scoring (a < b): alike names that `apart` does not rule out, or a shared value."""
    pairs: set[tuple[int, int]] = set()
    alike = _Alike()
    by_word: dict[str, list[int]] = {}
    by_cluster: dict[int, list[int]] = {}
    for i, info in enumerate(infos):
        for word in info.words:
            by_word.setdefault(word, []).append(i)
        by_cluster.setdefault(info.cluster, []).append(i)
    for members in by_word.values():
        if 2 <= len(members) <= BLOCK_CAP:
            clusters = {infos[i].cluster for i in members}
            if len(clusters) == 1 and len(by_cluster[infos[members[0]].cluster]) <= SUBJECT_CAP:
                continue  # one subject's groups: its own block below compares them all already
            _alike_pairs(members, infos, [infos[i].text for i in members], alike, pairs)
    blocks = [members for members in by_cluster.values() if 2 <= len(members) <= SUBJECT_CAP]
    value_keys = _value_keys(infos, blocks)
    for members in blocks:
        _alike_pairs(members, infos, [infos[i].property_text for i in members], alike, pairs)
        _value_pairs(members, value_keys, pairs)
    return pairs


def _alike_pairs(members: list[int], infos: list[Info], texts: list[str], alike: _Alike,
                 pairs: set[tuple[int, int]]) -> None:
    """Add the pairs of a block (`texts`: its members' blocking texts) whose texts are alike, except
    pairs that `apart` rules out. Where most pairs are close (plain properties, no names), every
    pair goes through rapidfuzz's C loop as it comes; elsewhere only the close pairs, one by one."""
    if _mostly_close(members, infos):
        for x in range(len(members) - 1):
            a = members[x]
            for _choice, _score, offset in process.extract(texts[x], texts[x + 1:], scorer=_name_score,
                                                           score_cutoff=CANDIDATE_CUTOFF, limit=None):
                b = members[x + 1 + offset]
                if not apart(infos[a], infos[b]):
                    pairs.add((a, b))
        return
    text_of = dict(zip(members, texts))
    for a, b in close_pairs(members, infos):
        if alike[text_of[a], text_of[b]]:
            pairs.add((a, b))


def _mostly_close(members: list[int], infos: list[Info]) -> bool:
    """Whether at least half the members have no name beyond the words all members share: each of
    those is close to every other member, so three pairs in four or more are close."""
    shared = frozenset.intersection(*(infos[i].known for i in members))
    return sum(infos[i].names <= shared for i in members) * 2 >= len(members)


class _Alike(dict):
    """Whether two blocking texts pass CANDIDATE_CUTOFF, once per pair of texts: a subject's
    groups with a plain property (`annual revenue`) pair with all its others, and the same
    plain properties come back under every subject."""

    def __missing__(self, texts: tuple[str, str]) -> bool:
        alike = self[texts] = _name_score(*texts, score_cutoff=CANDIDATE_CUTOFF) >= CANDIDATE_CUTOFF
        return alike


def apart(a: Info, b: Info) -> bool:
    """`Google Cloud` / `Oracle`, `Q2` / `Q3`: a different name on each side is certain."""
    return bool((a.names - b.known) and (b.names - a.known))


def close_pairs(members: list[int], infos: list[Info]) -> set[tuple[int, int]]:
    """The pairs of `members` (a < b) that `apart` leaves: one side's names all among the other's
    words or names. Found through who has each word, not pair by pair: in most blocks nearly every
    pair is apart (two companies' names)."""
    having: dict[str, set[int]] = {}
    for i in members:
        for word in infos[i].known:
            having.setdefault(word, set()).add(i)
    close: set[tuple[int, int]] = set()
    for i in members:
        names = infos[i].names  # each is in `having` (under i at least)
        for j in set.intersection(*map(having.__getitem__, names)) if names else members:
            if i < j:
                close.add((i, j))
            elif j < i:
                close.add((j, i))
    return close


def _value_keys(infos: list[Info], blocks: list[list[int]]) -> dict[int, set[str]]:
    """The keys of the values of each group in `blocks` (booleans left out: yes and no agree by
    chance); each value object's key worked out once (a corpus shares one object per value)."""
    values = {i: tuple(map(_VALUE, infos[i].group.claims[:4])) for members in blocks for i in members}
    key_of: dict[int, object] = {}
    for shown in values.values():
        key_of.update(zip(map(id, shown), shown))
    for number, value in key_of.items():
        key_of[number] = None if value.kind == "boolean" else value.key
    keys_of: dict[int, set[str]] = {}
    for i, shown in values.items():
        keys = keys_of[i] = set(map(key_of.__getitem__, map(id, shown)))
        keys.discard(None)
    return keys_of


def _value_pairs(members: list[int], value_keys: dict[int, set[str]], pairs: set[tuple[int, int]]) -> None:
    """The pairs of one subject's `members` that share a value (a few: no need to rule any out first)."""
    by_value: dict[str, list[int]] = {}
    for i in members:
        for value in value_keys[i]:
            by_value.setdefault(value, []).append(i)
    for same in by_value.values():
        if len(same) > BLOCK_CAP:
            continue  # a value most groups share tells nothing
        for x, a in enumerate(same):  # in increasing order, as `members`
            for b in same[x + 1:]:
                pairs.add((a, b))
