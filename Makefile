# Two commands are all a newcomer needs: `make demo` and `make test`.
# Both create the virtual environment on first use, from the lock file, and install
# again when pyproject.toml or the lock changes.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Exact versions, with hashes, of everything the development environment holds: the
# dev extra, pip itself, the build backend and the tool that writes this file.
LOCK := requirements-dev.txt
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: demo test test-latest lock lint typecheck unit bench fuzz mutation schemas golden clean

# The lock decides every version; the project goes in last, without touching them.
$(INSTALLED): pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r $(LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

# The newest versions pyproject.toml's ranges allow, in a separate environment, made anew
# each time: how a release upstream would break a fresh clone, found on purpose.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade \
		--upgrade-strategy eager -e '.[dev]'
	touch .venv-latest/.installed
	$(MAKE) lint typecheck unit VENV=.venv-latest

# Writes the lock anew from pyproject.toml, for every platform and Python it supports.
lock: $(INSTALLED)
	$(BIN)/uv pip compile --quiet --universal --generate-hashes --extra dev \
		--group pyproject.toml:tools pyproject.toml -o $(LOCK)

demo: $(INSTALLED)
	$(BIN)/advisor score examples/bakery.yaml

test: lint typecheck unit

lint: $(INSTALLED)
	$(BIN)/ruff check src tests bench fuzz scripts
	$(BIN)/ruff format --check src tests bench fuzz scripts

typecheck: $(INSTALLED)
	$(BIN)/mypy

unit: $(INSTALLED)
	$(BIN)/advisor catalog validate
	$(BIN)/python -m pytest -q

bench: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/catalog_load.py
	$(BIN)/python bench/stack_search.py
	$(BIN)/python bench/scoring.py
	$(BIN)/python bench/robustness.py

fuzz: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,fuzz]'
	$(BIN)/python fuzz/loader.py

mutation: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,mutation]'
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

schemas: $(INSTALLED)
	for kind in catalog criteria profile result comparison; do \
		$(BIN)/advisor schema $$kind --output docs/schemas/$$kind.schema.json; \
	done

golden: $(INSTALLED)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py tests/test_docs.py

clean:
	rm -rf $(VENV) .venv-latest build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis fuzz/work fuzz/crashes
