"""A corpus's files are found and read once per run, and shown as `display_path` shows each one.

Discovery shows a file as its folder is shown plus its name (string work, not
pathlib per file); that must be what `display_path` gives for every file,
wherever the corpus is relative to the working folder. Loading from the files
as read (`read_inputs`) gives exactly what loading them afresh gives.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.loader import discovery
from factcheck.loader import display_path, discover, load_corpus, read_inputs

from cachehelpers import seed_corpus_in


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A corpus with nested folders, a settings file, a nested settings file and an odd name."""
    root = tmp_path / "top" / "claims"
    for folder in (root, root / "2024", root / "2024" / "deep", root / "here"):
        folder.mkdir(parents=True)
    for name in ("a.yaml", "2024/b.yml", "2024/deep/c.yaml", "here/d.yaml", "_settings.yaml", "2024/_aliases.yaml",
                 "sp ace\u00e9.yaml"):
        (root / name).write_text("source: {}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("cwd, given", [
    ("top", "claims"),                  # relative, as typed
    ("top", "./claims/"),
    ("top/claims", "."),                # the corpus is the working folder
    ("top/claims/2024", ".."),          # inside it, given relatively
    ("top/claims/2024", "ABS"),         # inside it, given absolute: files under the working folder show short
    ("top", "ABS"),                     # absolute, under the working folder
    ("top/claims/here", "ABS"),
    (".", "ABS/2024/deep/c.yaml"),      # one file
    ("top/claims/2024/deep", "ABS"),
])
def test_files_are_shown_as_display_path_shows_each(tree: Path, cwd: str, given: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent.parent / cwd)
    root = Path(given.replace("ABS", str(tree)))
    found = discover(root, display_path)
    each = discover(root, lambda path: display_path(path))  # not display_path itself: pathlib per file
    assert found == each
    assert found.claim_files and all(shown == display_path(path) for path, shown in found.claim_files)
    assert all(path == Path(str(path)) for path, _shown in found.claim_files)  # pathlib's own child maker
    monkeypatch.setattr(discovery, "_child_maker", lambda folder: folder.joinpath)  # a Python without it
    assert discover(root, display_path) == found


def test_loading_the_files_as_read_is_loading_them_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_corpus_in(tmp_path, monkeypatch)
    inputs = read_inputs(Path("claims"))
    afresh = load_corpus("claims")
    assert load_corpus(Path("claims"), inputs=inputs) == afresh
    assert load_corpus(Path("claims"), inputs=inputs).settings_files.keys() == afresh.settings_files.keys()
    assert read_inputs(Path("no-such-folder")) is None


def test_a_file_changed_after_reading_is_loaded_as_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's output belongs to the digest it is stored under: both come from the same bytes."""
    corpus = seed_corpus_in(tmp_path, monkeypatch)
    inputs = read_inputs(Path("claims"))
    before = load_corpus("claims")
    (corpus / "bad.yaml").unlink()
    (corpus / "nyt-summary.yaml").write_text("# changed after reading\n", encoding="utf-8")
    assert load_corpus(Path("claims"), inputs=inputs) == before
    assert read_inputs(Path("claims")).digest() != inputs.digest()


def test_inputs_from_another_root_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_corpus_in(tmp_path, monkeypatch)
    inputs = read_inputs(Path("claims"))
    with pytest.raises(ValueError):
        load_corpus(Path(os.getcwd()) / "claims", inputs=inputs)
