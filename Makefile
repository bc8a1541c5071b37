# Set-up is part of every target: `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := build/demo
MINUTES := $(BIN)/minutes --archive $(DEMO)/archive
# The first decision about the culture grant, looked up rather than written in (ids are content hashes).
DECISION = $$($(MINUTES) decisions kulturstipendium --limit 1 --json | $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)["hits"][0]["id"])')
# OCR (Tesseract with Swedish and English) and .doc/.rtf/.odt (LibreOffice) need Debian packages, and so do the
# browser tests of `minutes serve` (Chromium and its chromedriver, at /usr/bin: Selenium never downloads one).
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng libreoffice-writer-nogui chromium chromium-driver

.PHONY: setup system demo test test-fast bench quality clean

setup: system $(VENV)/.installed

system:
	@if command -v tesseract >/dev/null && command -v soffice >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx swe \
		&& [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	else \
		echo "Note: scanned minutes, .doc/.rtf/.odt and the browser tests need these packages: $(SYSTEM_PACKAGES)"; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat: a plain path entry instead of an import hook, which costs every command ~12 ms at start-up
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
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
	$(MINUTES) cite $(DECISION)
	$(MINUTES) cite $(DECISION) --format bibtex

test: setup
	$(BIN)/python -m pytest -q

# Under a minute: no OCR, no reliability campaign, nothing slow; `make test` runs them all.
test-fast: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not ocr and not slow and not reliability"

# Extraction quality on the shared corpus of real minutes (../shared/corpus), scored by its own score.py.
quality: setup
	$(BIN)/python bench/quality.py

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/ocr.py

clean:
	rm -rf build $(VENV) *.egg-info .pytest_cache
