# Casus: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm ci writes this file; it is newer than package-lock.json once the front-end packages are installed.
NPM_STAMP := node_modules/.package-lock.json

.PHONY: setup run demo-deadlines test lint screenshots bench lock clean

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

# ruff + pytest; on PostgreSQL when DATABASE_URL points there (as .ci/run does).
test: lint
	$(BIN)/pytest

# Refresh the screenshots in docs/screenshots/ from the browser tests.
screenshots: setup
	CASUS_SCREENSHOTS=1 $(BIN)/pytest tests/e2e -q

# bench_import.py works in a throwaway test database on DATABASE_URL (the 60 s target is for PostgreSQL).
bench: setup
	$(BIN)/python bench/bench_deadlines.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_monitor.py

# Regenerate the constraints file from a fresh environment (after changing pyproject.toml).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet -e '.[dev]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^casus' > constraints.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
