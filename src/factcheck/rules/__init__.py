"""Finding rules: each module turns a group of claims about one thing into findings.

- `relations`: how two claims relate (agree, contradict, one supersedes or revises the other);
- `disagreement`: contradiction, superseded and revised findings;
- `condition`: same value, different `until`/`condition`;
- `corroboration`: two or more sources agree.
"""
