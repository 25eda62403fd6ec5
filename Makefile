# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
# The lowest Python pyproject.toml claims: `make test` runs the suite under it too.
PYTHON310 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10) $(shell command -v python3.10))
VENV310 := .venv310
DEVSTAMP310 := $(VENV310)/.installed-dev
PEER ?= ../shared/peer/recognizers-text

.PHONY: run test lint typecheck bench conformance clean browser mutation golden cli-docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Byte-compiled here because an editable install leaves src/ uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set every run would compile claimcheck again (about
# 7x a bare start for `compare` on the seed table: `make bench` shows it).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q src
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP) $@

$(DEVSTAMP310): pyproject.toml
	$(PYTHON310) -m venv $(VENV310)
	$(VENV310)/bin/python -m pip install --quiet --upgrade pip
	$(VENV310)/bin/python -m pip install --quiet -e '.[dev]'
	touch $@

## run: install and compare the bundled seed table (exit 0 when nothing fails)
run: $(STAMP)
	$(BIN)/claimcheck compare data/claims.csv --format table

## test: install dev extras, then lint, type-check and run the whole suite
test: $(DEVSTAMP) $(DEVSTAMP310) browser
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest
	$(VENV310)/bin/python -m pytest -q -p no:cacheprovider

## browser: Debian's chromium for the HTML page's browser test, installed only where it is
## missing and we are root with apt-get (otherwise that test skips and says why)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (apt-get) for the browser test"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq chromium >/dev/null; } || \
	      echo "could not install chromium: the browser test will skip"; \
	  else \
	    echo "chromium is missing and needs root with apt-get: the browser test will skip"; \
	  fi; }

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench scripts

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

## bench: speed and memory benchmarks (bench/bench_*.py), medians of several runs
bench: $(DEVSTAMP)
	$(BIN)/python bench/run_all.py

## conformance: extraction recall against the peer's German and English specs, per file
conformance: $(DEVSTAMP)
	$(BIN)/python scripts/conformance.py $(PEER)

## mutation: mutmut over the core modules ([tool.mutmut]), then the kill rate per module
mutation: $(DEVSTAMP)
	$(BIN)/mutmut run
	$(BIN)/python scripts/mutation_report.py

## cli-docs: regenerate docs/cli.md from the typer app (tests fail while it is stale)
cli-docs: $(DEVSTAMP)
	$(BIN)/python -m typer claimcheck.cli utils docs --name claimcheck --output docs/cli.md

## golden: rewrite tests/golden/ from the CLI after a deliberate change; review the diff
golden: $(DEVSTAMP)
	$(BIN)/python scripts/regen_golden.py

clean:
	rm -rf $(VENV) $(VENV310) mutants build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache bench/out
