# Set-up is part of every target: `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := build/demo
MINUTES := $(BIN)/minutes --archive $(DEMO)/archive

.PHONY: setup demo test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: setup
	rm -rf $(DEMO)
	$(BIN)/python -m minutes_archive.samples $(DEMO)/samples
	$(MINUTES) import $(DEMO)/samples
	$(MINUTES) list
	$(MINUTES) show $$($(MINUTES) list --json | $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)[-1]["id"])')
	$(MINUTES) stats
	$(MINUTES) search föreningsbidrag --limit 3
	$(MINUTES) search --person "Tove Dahlqvist" --from 2023-03-01 --to 2023-04-30 --limit 3

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/ingest.py

clean:
	rm -rf build $(VENV) *.egg-info .pytest_cache
