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

.PHONY: setup system java solr-build solr test-solr demo test test-fast bench quality clean

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

# The local SolrCloud (solr/: ZooKeeper and two Solr nodes, each its own JVM, on 127.0.0.1) needs a JDK 17+ and Maven.
java:
	@if command -v javac >/dev/null && command -v mvn >/dev/null; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null; \
	else \
		echo "The Solr cluster needs Java 17 and Maven: apt-get install openjdk-17-jdk-headless maven"; exit 1; \
	fi

solr-build: solr/target/classpath.txt

# Solr and its dependencies come from Maven Central into ~/.m2; target/classpath.txt lists the jars (no fat jar).
solr/target/classpath.txt: solr/pom.xml solr/src/main/java/Cluster.java | java
	mvn -B -q -f solr/pom.xml package
	touch $@

# A 2-node SolrCloud in the foreground; Ctrl-C (or end of input) stops it and everything it started.
# Disposable: each start chooses free ports and begins empty.
solr: solr-build
	java -Xmx64m -cp "solr/target/classes:$$(cat solr/target/classpath.txt)" Cluster --nodes 2 --dir build/solr-cluster

# Starts its own cluster (tests/solr_support.py) and stops it at the end.
test-solr: setup solr-build
	MINUTES_TEST_SOLR=1 $(BIN)/python -m pytest -q -p no:cacheprovider -m solr

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
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not ocr and not slow and not reliability and not solr and not cluster"

# Extraction quality on the shared corpus of real minutes (../shared/corpus), scored by its own score.py.
quality: setup
	$(BIN)/python bench/quality.py

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/ocr.py

clean:
	rm -rf build $(VENV) *.egg-info .pytest_cache
