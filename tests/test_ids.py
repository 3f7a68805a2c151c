"""Finding ids depend only on the claims involved."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck.engine import analyse
from factcheck.loader import load_corpus

TIME = Path(__file__).parent / "fixtures" / "engine" / "time" / "corpus"


def ids(folder: Path) -> set[str]:
    return {f.id for f in analyse(load_corpus(folder)).findings}


def test_ids_do_not_depend_on_file_names_or_order(tmp_path):
    for index, path in enumerate(sorted(TIME.iterdir(), reverse=True)):
        target = tmp_path / f"{index:02d}-{path.stem[::-1]}" / "renamed.yaml"
        target.parent.mkdir()
        shutil.copy(path, target)
    assert ids(tmp_path) == ids(TIME)


def test_ids_have_a_kind_prefix():
    assert {i.split("-")[0] for i in ids(TIME)} == {"con", "sup", "cor"}


def test_changing_a_value_changes_the_id_but_rewording_a_statement_does_not(tmp_path):
    shutil.copytree(TIME, tmp_path / "c")
    before = ids(tmp_path / "c")
    late = tmp_path / "c" / "late.yaml"
    late.write_text(late.read_text().replace("Curated statement for lic.", "Reworded statement."))
    assert ids(tmp_path / "c") == before
    late.write_text(late.read_text().replace("since: 2026-04-27", "since: 2026-04-28", 1))
    after = ids(tmp_path / "c")
    assert after != before
    assert {i for i in before if i.startswith("cor")} == {i for i in after if i.startswith("cor")}
