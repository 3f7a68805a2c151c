"""The benchmark behind `make bench`: synthetic corpora of growing size, timed.

`python -m bench` (from the repository root, as `make bench` runs it)
generates corpora (see `generate`), times each stage of `factcheck report
--format json` in a fresh process per size, and prints a table with same-run
ratios (see `run`). It is not part of the installed package.
"""
