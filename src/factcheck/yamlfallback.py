"""PyYAML's pure-Python safe loader, with its simple-key bookkeeping in linear time.

The event reader falls back to the pure-Python parser where libyaml cannot be
used (libyaml missing, or libyaml's own nesting limit firing before ours; see
`yamlread.read_yaml`). Its scanner keeps one possible simple key per open
flow level and, before every token, walks all of them twice: to drop the
stale ones (another line, or more than 1,024 characters back) and to find
the earliest. In `[[[[...` every level holds one, so a 40 KB file of
brackets took 0.2 s. The keys are held in the order they were saved, which
is the order of their token numbers and positions (a key is saved only at
the current level, the deepest open one, after the one already there is
dropped; leaving a level drops its key). So the stale keys are the first
ones and the earliest is the first: both walks stop at the first key that
is still possible. Same tokens, same errors, in the same order
(tests/test_yaml_paths.py compares the events with PyYAML's own loader).
"""

from __future__ import annotations

import yaml
from yaml.scanner import ScannerError


class FallbackLoader(yaml.SafeLoader):
    def next_possible_simple_key(self) -> int | None:
        for key in self.possible_simple_keys.values():
            return key.token_number
        return None

    def stale_possible_simple_keys(self) -> None:
        keys = self.possible_simple_keys
        while keys:
            level = next(iter(keys))
            key = keys[level]
            if key.line == self.line and self.index - key.index <= 1024:
                return  # still possible, and so is every key saved after it
            if key.required:
                raise ScannerError("while scanning a simple key", key.mark,
                                   "could not find expected ':'", self.get_mark())
            del keys[level]
