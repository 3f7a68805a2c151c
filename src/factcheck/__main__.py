"""`python -m factcheck`: the same start as the `factcheck` console script."""

from .launch import main

main()
