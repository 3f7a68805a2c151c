import os

# Help and errors without ANSI codes, whatever terminal runs the tests.
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ.pop("GITHUB_ACTIONS", None)
