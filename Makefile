# Two commands on a fresh clone: `make serve` (the book at http://127.0.0.1:8000) and `make test`.
# Both create .venv on first use and install into it what they need (again when pyproject.toml
# changes): serving installs the library and the book's tooling; testing adds the test tools.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material's banner about its end of life (May 2027) on every start says nothing new here.
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs

.PHONY: serve test test-fast lint build pdf figures notebooks bench nox clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.book: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --group book
	touch $@

$(VENV)/.pdf: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --group pdf
	touch $@ $(VENV)/.book

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@ $(VENV)/.book $(VENV)/.pdf

serve: $(VENV)/.book  ## serve the book with live reload (PRINT=1: with the print page)
	NNBOOK_PRINT_PAGE=$(if $(PRINT),true,false) $(MKDOCS) serve --dev-addr 127.0.0.1:8000

test: lint  ## everything: lint, types, library and claim tests, book tooling, site build, browser
	$(BIN)/pytest -n auto --dist loadgroup

test-fast: $(VENV)/.dev  ## the library and the chapters' claims only, in seconds (no site build)
	$(BIN)/pytest nnbook tests/unit tests/claims

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

build: $(VENV)/.book  ## the static site into site/, failing on any warning
	$(MKDOCS) build --strict

pdf: build $(VENV)/.pdf  ## the book as PDF, English and Korean, into site/pdf/ (needs chromium)
	$(BIN)/python scripts/make_pdf.py site

figures: $(VENV)/.book  ## redraw changed figures (FORCE=1 redraws all)
	$(BIN)/python scripts/build_figures.py $(if $(FORCE),--force)

notebooks: $(VENV)/.book  ## regenerate the companion notebooks from the chapters
	$(BIN)/python scripts/make_notebooks.py

bench: $(VENV)/.book  ## the benchmark against scikit-learn, PyTorch and JAX (if installed) and bare NumPy
	$(BIN)/python scripts/benchmark.py

# pyenv keeps one Python active: make every installed 3.10-3.13 visible to nox.
nox: $(VENV)/.dev  ## the library tests on every Python the package claims (3.10 to 3.13)
	PYENV_VERSION="$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[0-3]\.[0-9]+$$' | paste -sd: -)" \
		$(BIN)/nox

clean:
	rm -rf $(VENV) site test-artifacts .pytest_cache .mypy_cache .ruff_cache .nox
