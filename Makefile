# qidir: two commands on a fresh machine.
#   make demo   venv + install + index the bundled sample corpus + serve on 127.0.0.1:8000
#   make test   venv + install with test extras (+ chromium in CI) + lint + the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
INDEX  ?= index
HOST   ?= 127.0.0.1
PORT   ?= 8000
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test install install-test lint browser serve bench bench-additions bench-quick loadtest clean help \
	messages translations

help:
	@echo "make demo         index the sample corpus and serve it on http://$(HOST):$(PORT)/"
	@echo "make test         install test dependencies and run the whole test suite"
	@echo "make lint         ruff check"
	@echo "make messages     extract the interface's strings and merge them into every catalog"
	@echo "make translations compile the catalogs (web/translations/*/LC_MESSAGES/messages.mo)"
	@echo "make bench        benchmarks at 10k/30k/100k documents (see benchmarks/README.md)"
	@echo "make bench-quick  benchmarks at 10k documents"
	@echo "make bench-additions  person facet and timeline, with and without (ADDITIONS_DOCS=100000)"
	@echo "make loadtest     16 clients x 30 s on loopback against the 100k index (DOCS=10000, INDEX=dir)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changes (editable install: code changes need none).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Browser tests drive Debian's chromium. In CI (CI is set) it is installed here; on a
# developer's machine those tests skip when chromium is absent (in CI they fail instead).
browser:
	@if [ -n "$$CI" ] && ! command -v chromium >/dev/null 2>&1; then \
		echo "installing chromium (CI)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@# axe-core (accessibility check) from npm, pinned by tests/web/package-lock.json; no CDN.
	@if [ -n "$$CI" ] && ! command -v npm >/dev/null 2>&1; then \
		echo "installing npm (CI)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	fi
	@if [ ! -f tests/web/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/web --no-audit --no-fund --loglevel=error; \
	fi

lint: install-test
	$(BIN)/ruff check .

# The interface's languages (README "Languages"): gettext catalogs under web/translations/.
# `make messages` after changing a template or a marked string (then translate what is new);
# `make translations` compiles them. The .mo files are committed, so a clean clone and a wheel
# carry them; tests/web/test_i18n.py fails when a catalog or a .mo is out of date.
CATALOGS := web/translations
PYBABEL  := $(BIN)/pybabel
messages: install
	$(PYBABEL) extract -F babel.cfg -k lazy_gettext -k N_ --no-location --sort-output \
		--project qidir -o $(CATALOGS)/messages.pot .
	$(PYBABEL) update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --no-wrap \
		--ignore-obsolete

translations: install
	$(PYBABEL) compile -d $(CATALOGS) --statistics

demo: install
	$(BIN)/qidir --index $(INDEX) demo --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/qidir --index $(INDEX) serve --host $(HOST) --port $(PORT)

test: install-test browser lint
	$(BIN)/python -m pytest

# Bounded load test on 127.0.0.1: builds/reuses the benchmark index for DOCS documents, or
# serves INDEX=dir when given on the command line (INDEX's default is the demo index).
DOCS ?= 100000
loadtest: install-test
	$(BIN)/python -m benchmarks.loadtest --docs $(DOCS) \
		$(if $(filter command line environment,$(origin INDEX)),--index $(INDEX)) $(LOADTEST_ARGS)

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test,bench]'
	@touch $@ $(VENV)/.installed

# Benchmarks (see benchmarks/README.md): qidir against plain Whoosh, SQLite FTS5 and tantivy.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.run --sizes 10000,30000,100000 --grow --single-proc-max 0 \
		--single-proc-sample 2000 --http largest --budget 4 --build-timeout 900 $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.additions --docs 100000

# What the person facet and the timeline cost (indexing, and search p50/p95 with and without
# them) on one index of ADDITIONS_DOCS documents; `make bench` runs it at 100k.
ADDITIONS_DOCS ?= 100000
bench-additions: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.additions --docs $(ADDITIONS_DOCS)

bench-quick: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.run --quick --single-proc-max 0 --single-proc-sample 2000 \
		--budget 2 $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
