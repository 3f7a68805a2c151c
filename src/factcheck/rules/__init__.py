"""Finding rules: each module turns a group of claims about one thing into findings.

- `relations`: how two claims relate (agree, contradict, one supersedes the other);
- `disagreement`: contradiction and superseded findings;
- `condition`: same value, different `until`/`condition`;
- `corroboration`: two or more sources agree.
"""
