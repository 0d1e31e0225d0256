# The two commands a newcomer needs: `make demo` (the main job on the bundled examples) and `make test`.
# Both create the virtual environment and install the project with its test extras on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
REPORTS := reports

.PHONY: demo test specs-report validate lint install clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v <= (3, 12) else \
		"cdss needs Python 3.11 or 3.12 (durable_rules does not import on 3.13); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask,parquet,fhir,service]"
	touch $(STAMP)

install: $(STAMP)

# Every bundled example through `cdss batch`: one line per case in reports/examples.jsonl; the summary and
# the validation report (accuracy against each case's `expected`) are printed and written to reports/.
demo: $(STAMP)
	mkdir -p $(REPORTS)
	$(BIN)/cdss batch examples --out $(REPORTS)/examples.jsonl --summary $(REPORTS)/summary.json \
		--report $(REPORTS)/validation.md

# A labelled case series (by default the shared published vignettes) through `cdss batch --report` in each
# setting, with the investigation keys removed and with them: the figures side by side, each run's report
# in reports/validation/. VIGNETTES=FILE measures another series.
VIGNETTES ?= ../shared/vignettes/dev.jsonl
validate: $(STAMP)
	$(BIN)/cdss validate $(VIGNETTES) --out-dir $(REPORTS)/validation

lint: $(STAMP)
	$(BIN)/ruff check cdss tests benchmarks
	$(BIN)/ruff format --check cdss tests benchmarks
	$(BIN)/mypy

test: lint
	mkdir -p $(REPORTS)
	$(BIN)/python -m pytest --cucumberjson=$(REPORTS)/cucumber.json

# The traceability page of features/ (every rule, its scenarios, their last result), from `make test`'s run.
specs-report: $(STAMP)
	$(BIN)/cdss specs report --cucumber $(REPORTS)/cucumber.json --out $(REPORTS)/specs.md

clean:
	rm -rf $(VENV) $(REPORTS) .pytest_cache .mypy_cache .ruff_cache .hypothesis
