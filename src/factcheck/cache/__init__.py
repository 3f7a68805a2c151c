"""A content-addressed cache of loaded claim files, as ruff and mypy keep one.

Per claim file, what loading it yields (its Source, Claims and diagnostics)
is stored under a hash of the file's bytes, its path as shown, and the code
that read it (factcheck's version, a fingerprint of its source files, PyYAML's
and Python's versions, `SCHEMA`). A hit skips parsing and validation; any
change to any of these is a miss. So the cache never changes a result: a
stale entry cannot be found, only recomputed.

It lives in `.factcheck_cache/` in the working directory (where paths are
shown relative to, so one corpus seen from two folders never shares entries),
with a `CACHEDIR.TAG` and a `.gitignore` of `*`, so backups and git skip it.

Safe under concurrent runs: an entry is written to a temporary file and
renamed into place (atomic), so a reader sees a whole entry or none; an entry
that cannot be read, is cut short, or holds anything but our own types is
ignored and rewritten. Entries are pickles read through an unpickler that
builds only factcheck's data classes, so a planted entry can run no code.
Any failure to read or write the cache is silent: it only costs time.
"""

from .entries import (CACHE_DIR_NAME, LOADED_KIND, SCHEMA, FileCache, _SafeUnpickler, clean,  # noqa: F401
                      code_fingerprint, default_dir, is_cache_dir, without_positions)
from .fragments import FRAGMENTS_KIND, JsonFragments  # noqa: F401
from .groups import GroupCache  # noqa: F401
from .packs import PACK_MAGIC, PACKS_KEPT, Pack, pack_name, sealed, unsealed  # noqa: F401
from .results import RESULT_MAGIC, RESULTS_BYTES_KEPT, RESULTS_KEPT, ResultCache  # noqa: F401
