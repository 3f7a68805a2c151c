"""Field positions are kept packed (one shared tuple of names per set of fields) and read
like the dict they were given as; a claim's ref and a finding's claims are made once."""

from __future__ import annotations

import dataclasses
import io
import pickle
from pathlib import Path

from factcheck.cache import _SafeUnpickler
from factcheck.engine import analyse
from factcheck.loader import load_corpus
from factcheck.model import FieldPositions

ROOT = Path(__file__).parent.parent


def test_packed_positions_read_like_the_dict() -> None:
    given = {"id": (3, 5), "value": (7, 12), "quote": (300, 9)}
    packed = FieldPositions.of(given)
    assert dict(packed) == given and list(packed) == ["id", "value", "quote"] and len(packed) == 3
    assert packed["quote"] == (300, 9) and packed.get("until") is None and "value" in packed
    assert FieldPositions.of(packed) is packed
    assert FieldPositions.of(dict(given)).names is packed.names  # one tuple of names per set of fields


def test_loaded_claims_keep_their_positions_through_the_cache_pickle() -> None:
    corpus = load_corpus(ROOT / "claims")
    claim, source = corpus.claims[0], corpus.sources[0]
    assert isinstance(claim.field_positions, FieldPositions) and isinstance(source.field_positions, FieldPositions)
    line, column = claim.position_of("value")
    assert claim.source.path and (line, column) == claim.field_positions["value"]
    assert claim.position_of("no such field") == (claim.line, claim.column)
    restored = _SafeUnpickler(io.BytesIO(pickle.dumps(claim))).load()
    assert dict(restored.field_positions) == dict(claim.field_positions) and restored.ref == claim.ref


def test_ref_follows_a_replaced_id_and_finding_claims_follow_positions() -> None:
    claim = load_corpus(ROOT / "claims").claims[0]
    assert claim.ref == f"{claim.source.id}/{claim.id}"
    assert dataclasses.replace(claim, id="other").ref == f"{claim.source.id}/other"
    for finding in analyse(load_corpus(ROOT / "claims")).findings:
        assert finding.claims == tuple(c for p in finding.positions for c in p.claims)
