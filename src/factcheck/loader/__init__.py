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
- `fastpath`: a file with nothing to report, validated on libyaml's nodes;
- `checking`: any other file, through `yamlread` and the field checks, with
  every diagnostic (`fields` says what a file may hold);
- `corpus`: one file through the cache and one of the two paths; all files
  into one `Corpus`.
"""

from ..dates import PartialDate
from ..model import Severity
from .checking import check_tree
from .corpus import assemble, load_corpus, load_file, load_irregular, load_text
from .discovery import CorpusFiles, discover, display_path
from .fastpath import load_regular
from .fields import CLAIM_FIELDS, MAX_TEXT_CHARS, SOURCE_FIELDS, FieldSpec, FileResult
from .reading import MAX_FILE_BYTES, decode, read_bytes, read_text

__all__ = ["load_corpus", "load_file", "load_text", "load_regular", "load_irregular", "assemble", "discover",
           "display_path", "check_tree", "decode", "read_bytes", "read_text", "FileResult", "CorpusFiles",
           "FieldSpec", "CLAIM_FIELDS", "SOURCE_FIELDS", "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "Severity", "PartialDate"]
