"""Load a corpus folder into Sources and Claims, with located diagnostics.

A bad file never stops the others. Problems are returned as Diagnostics
(`file:line:column: message`); nothing here prints or raises on bad input.

What survives a problem:
- a file that cannot be read or parsed (syntax, tags, duplicate keys,
  aliases, nesting) contributes nothing;
- a file whose `source` block is invalid contributes nothing;
- otherwise each valid claim is kept and each invalid claim is dropped.
Every problem is reported either way.

The steps, one module each:
- `discovery`: the claim and settings files under the corpus folder;
- `reading`: one file's bytes (bounded, regular files only) as UTF-8 text;
- `inputs`: every file found and read once, and a digest of them all (the
  key of a whole output; the loader then parses the same bytes);
- `fastpath`: a file with nothing to report, validated on libyaml's nodes;
- `checking`: any other file, through `yamlread` and the field checks, with
  every diagnostic (`fields` says what a file may hold);
- `corpus`: one file through the cache and one of the two paths; all files
  into one `Corpus`.
"""

import importlib
from typing import TYPE_CHECKING

# Where each name lives, imported on first use (PEP 562): finding and reading the files, all that a
# warm run's look-up in the cache of whole outputs needs, does not load the YAML parser or the values.
_WHERE = {
    "PartialDate": "..dates", "Severity": "..model",
    "check_tree": ".checking",
    "assemble": ".corpus", "load_bytes": ".corpus", "load_corpus": ".corpus", "load_file": ".corpus",
    "load_irregular": ".corpus",
    "load_text": ".corpus",
    "CorpusFiles": ".discovery", "discover": ".discovery", "display_path": ".discovery",
    "load_regular": ".fastpath",
    "CorpusInputs": ".inputs", "FileBytes": ".inputs", "read_inputs": ".inputs",
    "CLAIM_FIELDS": ".fields", "MAX_TEXT_CHARS": ".fields", "SOURCE_FIELDS": ".fields", "FieldSpec": ".fields",
    "FileResult": ".fields",
    "MAX_FILE_BYTES": ".reading", "decode": ".reading", "read_bytes": ".reading", "read_text": ".reading",
}

if TYPE_CHECKING:
    from ..dates import PartialDate
    from ..model import Severity
    from .checking import check_tree
    from .corpus import assemble, load_bytes, load_corpus, load_file, load_irregular, load_text
    from .discovery import CorpusFiles, discover, display_path
    from .fastpath import load_regular
    from .inputs import CorpusInputs, FileBytes, read_inputs
    from .fields import CLAIM_FIELDS, MAX_TEXT_CHARS, SOURCE_FIELDS, FieldSpec, FileResult
    from .reading import MAX_FILE_BYTES, decode, read_bytes, read_text

__all__ = ["load_corpus", "load_file", "load_bytes", "read_inputs", "CorpusInputs", "FileBytes", "load_text",
           "load_regular", "load_irregular", "assemble", "discover",
           "display_path", "check_tree", "decode", "read_bytes", "read_text", "FileResult", "CorpusFiles",
           "FieldSpec", "CLAIM_FIELDS", "SOURCE_FIELDS", "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "Severity", "PartialDate"]


def __getattr__(name: str):
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
