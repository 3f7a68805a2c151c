# The two commands a new user needs: `make report` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: report test bench fuzz test-browser clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

report: $(INSTALLED)
	$(BIN)/factcheck report claims

test: $(INSTALLED)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache

# Synthetic corpora of 1k, 10k and 100k claims, timed; prints a table (not part of `make test`).
bench: $(INSTALLED)
	$(BIN)/python -m factcheck.bench

# A longer property-based fuzzing session (not part of `make test`).
fuzz: $(INSTALLED)
	FACTCHECK_FUZZ=1 $(BIN)/python -m pytest -q tests/test_fuzz.py

# Installs Debian's chromium if missing, then runs the browser tests. They drive it over the
# DevTools protocol on a pipe (tests/chromium_devtools.py), so no chromium-driver or selenium.
# FACTCHECK_SCREENSHOTS=<folder> keeps the screenshots they take.
test-browser: $(INSTALLED)
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	$(BIN)/python -m pytest -q -rs -m browser
