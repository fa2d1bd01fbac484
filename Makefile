# Casus: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm ci writes this file; it is newer than package-lock.json once the front-end packages are installed.
NPM_STAMP := node_modules/.package-lock.json

.PHONY: setup run demo-deadlines test lint screenshots bench bench-full bench-setup lock clean

setup: $(STAMP) $(NPM_STAMP)

$(STAMP): pyproject.toml constraints.txt
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@ldconfig -p | grep -q libpangoft2-1.0 || { echo "Installing Debian's pango for WeasyPrint (PDF)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
		libharfbuzz-subset0 fonts-dejavu-core >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Front-end packages from npm (NL Design System CSS, htmx, axe-core), served by Django as static files.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Installing Debian's nodejs and npm for the front-end packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# Development server on SQLite (var/casus.sqlite3) unless DATABASE_URL says otherwise.
run: setup
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py seed_answer_uses
	DEBUG=1 $(BIN)/python manage.py seed_learning_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

demo-deadlines: setup
	$(BIN)/python -m casus.deadlines klacht --received 2026-04-12 --on 2026-05-20
	$(BIN)/python -m casus.deadlines bezwaar --received 2026-03-20 --decision-sent 2026-03-03 --on 2026-05-20

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# ruff + pytest; on PostgreSQL when DATABASE_URL points there (as .ci/run does). -n auto: one pytest
# worker per core (pytest-xdist), each with its own test database.
test: lint
	$(BIN)/pytest -n auto

# Refresh the screenshots in docs/screenshots/ from the browser tests.
screenshots: setup
	CASUS_SCREENSHOTS=1 $(BIN)/pytest tests/e2e -q

# Benchmarks against PostgreSQL (DATABASE_URL=postgres://…; default: the local server). Each works in a
# benchmark database of its own (casus_bench_quick / casus_bench_full), generated once and reused; see
# docs/performance.md. Results: bench/results/latest.json and the table in docs/performance.md.
BENCH_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/postgres)
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk (HTTP load generator) for the API benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench-setup: setup $(BENCH_STAMP)

# Quick: 100,000 cases and 500,000 timeline events (a few minutes, the data generated once).
bench: bench-setup
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py --scale quick

# Full: 1,000,000 cases and 5,000,000 timeline events (generating them takes a few minutes, once).
bench-full: bench-setup
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py --scale full

# Regenerate the constraints file from a fresh environment (after changing pyproject.toml).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet -e '.[dev,bench]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^casus' > constraints.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
