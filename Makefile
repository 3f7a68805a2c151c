# The two commands a new user needs: `make report` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LOCK := requirements.lock
PIP_TOOLS_VERSION := 7.6.2

.PHONY: report test lock test-latest bench eval fuzz test-browser clean schema

# The environment is exactly what requirements.lock says (versions and hashes), so a fresh
# clone, CI and an old checkout run the same code. A changed lock rebuilds .venv from scratch,
# so nothing left over from an older lock survives.
$(INSTALLED): $(LOCK) pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

# Refreshes the lock on purpose (nothing else rewrites it): the newest versions that
# pyproject.toml allows, with their hashes. pip-tools runs from its own throw-away venv.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==$(PIP_TOOLS_VERSION)
	CUSTOM_COMPILE_COMMAND="make lock" .venv-lock/bin/pip-compile --quiet --upgrade \
	  --generate-hashes --allow-unsafe --all-build-deps --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml
	rm -rf .venv-lock

# The whole suite against the newest versions pyproject.toml allows (not the lock), in its own
# .venv-latest, so a breaking release shows here (and in the scheduled CI job) before a user
# meets it. Prints the versions it tried. Not part of `make test`.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools
	.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade --upgrade-strategy eager -e '.[test]'
	.venv-latest/bin/python -m pip list --disable-pip-version-check --format=freeze --exclude-editable
	.venv-latest/bin/python -m pytest -q -p no:cacheprovider

report: $(INSTALLED)
	$(BIN)/factcheck report claims

# On every core (pytest-xdist), a test file to a worker, so a module's browser, corpus or
# processes start once. Bytecode is cached (in the ignored __pycache__/) even where the
# environment sets PYTHONDONTWRITEBYTECODE: otherwise every worker and every `factcheck` a test
# spawns compiles the package again (and pytest rewrites each test file again).
test: $(INSTALLED)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n auto --dist loadfile

clean:
	rm -rf $(VENV) .venv-latest build src/*.egg-info .pytest_cache

# Synthetic corpora of 1k, 10k and 100k claims, timed; prints a table (not part of `make test`).
# bench/ is not in the installed package: it runs from here. BENCH_ARGS passes options (--help).
bench: $(INSTALLED)
	$(BIN)/python -m bench $(BENCH_ARGS)

# Precision and recall of matching on the labelled stories and name pairs (not part of `make test`).
eval: $(INSTALLED)
	cd tests && ../$(BIN)/python matching_eval.py

# A longer property-based fuzzing session (not part of `make test`).
fuzz: $(INSTALLED)
	FACTCHECK_FUZZ=1 $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_outputs.py

# Installs Debian's chromium if missing, then runs the browser tests. They drive it over the
# DevTools protocol on a pipe (tests/chromium_devtools.py), so no chromium-driver or selenium.
# FACTCHECK_SCREENSHOTS=<folder> keeps the screenshots they take.
test-browser: $(INSTALLED)
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	$(BIN)/python -m pytest -q -rs -m browser

# Regenerates the committed JSON Schemas in schema/ from the loader's field tables
# (tests/test_schema.py fails until they match).
schema: $(INSTALLED)
	for name in claims resolutions coverage aliases settings; do \
	  $(BIN)/factcheck schema $$name -o schema/$$name.schema.json || exit 1; done
