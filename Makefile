# Deep Learning Interview Handbook. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready
CODE_VENV := .venv-code
CODE_READY := $(CODE_VENV)/.ready
DOWNLOADS := build/downloads

.PHONY: help serve build offline pdf validate format ids check-code test bench browser clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(READY): requirements.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(CODE_READY): requirements-code.txt
	python3 -m venv $(CODE_VENV)
	$(CODE_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-code.txt
	touch $@

$(NODE_READY): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(READY) ## Build and serve at http://127.0.0.1:8000, reloading on docs/, data/ and hooks/
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: offline pdf ## Strict production build into site/ (any warning fails), with the offline copy and the PDF
	HANDBOOK_DOWNLOADS=$(DOWNLOADS) $(BIN)/mkdocs build --strict

offline: $(READY) ## The offline copy (works from disk): build/downloads/handbook-offline.zip
	rm -rf build/offline
	$(BIN)/mkdocs build --strict --quiet -f mkdocs-offline.yml -d build/offline
	$(BIN)/python -m handbook.offline build/offline $(DOWNLOADS)/handbook-offline.zip

pdf: $(READY) browser ## The PDF book (headless Chromium prints the one-page book): build/downloads/handbook.pdf
	rm -rf build/book
	HANDBOOK_BOOK=1 $(BIN)/mkdocs build --strict --quiet -d build/book
	$(BIN)/python -m handbook.pdf build/book $(DOWNLOADS)/handbook.pdf

validate: $(READY) ## Check data/ only, with a precise message per problem
	@$(BIN)/python -m handbook.validate data

format: $(READY) ## Rewrite data/*.json in the canonical layout (key order, indent)
	@$(BIN)/python -m handbook.canonical data

ids: $(READY) ## Add new question ids to data/published-ids.txt (commit it with them)
	@$(BIN)/python -m handbook.ids data

check-code: $(CODE_READY) ## Run every Python snippet of the answers (FILES="data/x.json" for some)
	@$(CODE_VENV)/bin/python -m handbook.check_code data $(FILES)

browser: $(READY) ## Make sure a Chromium exists for the browser tests
	@bash tests/install-browser.sh $(BIN)/python

test: $(READY) $(NODE_READY) browser ## Run every test: unit, build and browser
	$(BIN)/python -m pytest

bench: $(READY) $(NODE_READY) browser ## Measure build time, index size, page weight, search latency
	$(BIN)/python tests/bench.py

clean: ## Remove site/, build/ and caches (keeps .venv)
	rm -rf site build .pytest_cache
