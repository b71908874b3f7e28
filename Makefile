# Two commands on a fresh clone: `make serve` (the book at http://127.0.0.1:8000) and `make test`.
# Both create .venv and install the project into it on first use (and again when pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint build figures bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

serve: $(STAMP)  ## build figures and notebooks, then serve the book with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: lint  ## lint, type-check, unit and property tests, doc examples, site build, browser suite
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

build: $(STAMP)  ## the static site into site/, failing on any warning
	$(BIN)/mkdocs build --strict

figures: $(STAMP)  ## redraw every figure (FORCE=1 redraws even unchanged ones)
	$(BIN)/python scripts/build_figures.py $(if $(FORCE),--force)

bench: $(STAMP)  ## the benchmark against scikit-learn and PyTorch (if installed)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) site test-artifacts .pytest_cache .mypy_cache .ruff_cache
