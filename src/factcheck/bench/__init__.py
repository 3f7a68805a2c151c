"""The benchmark behind `make bench`: synthetic corpora of growing size, timed.

`python -m factcheck.bench` generates corpora (see `generate`), times each
stage of `factcheck report --format json` in a fresh process per size, and
prints a table with same-run ratios (see `__main__`).
"""
