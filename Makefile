# Utblick: `make demo` runs the demo, `make test` runs the whole test suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
# The commands read them too: links in e-mails go to the address served (SITE_URL's default).
export HOST PORT
# Tests run with production-like settings over plain HTTP.
TEST_ENV := UTBLICK_ENV=test DEBUG=false

.PHONY: demo test install install-dev messages chromium lint format bench serve clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip==25.3"
	$(PIP) install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

.env:
	@echo "UTBLICK_ENV=development" > .env
	@echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env
	@echo "Wrote .env for development (see .env.example)."

# compilemessages needs no secrets, so it runs with the test settings everywhere.
messages: $(VENV)/.installed
	$(TEST_ENV) $(PY) manage.py compilemessages --ignore=.venv -v0

demo: $(VENV)/.installed .env messages
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_demo
	@# The background workers run beside the development server and stop with it: one for
	@# long work, one for mail (so that a long import never delays a confirmation mail).
	$(PY) manage.py resume_jobs -v0; \
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	$(PY) manage.py db_worker --no-startup-delay --queue-name mail & mailer=$$!; \
	trap 'kill $$worker $$mailer 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production server: granian (see utblick/core/management/commands/serve.py), WhiteNoise
# serving static files.
serve: $(VENV)/.installed messages
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); \
	  fi; \
	fi
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium is missing: install Debian's package as root (apt-get install chromium)," \
	       "or set CHROMIUM=/path/to/chromium. The browser tests need it."; exit 1; fi

# One test process per core (pytest-xdist); TEST_WORKERS=0 runs them all in this process.
TEST_WORKERS ?= auto
test: install-dev messages chromium
	$(TEST_ENV) CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist worksteal

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

# Benchmarks: each benchmarks/bench_*.py prints its own figures, each target with PASS or MISS;
# the logs stay in var/bench/ and the run ends with a summary table of every verdict.
bench: install-dev messages
	@mkdir -p var/bench; rm -f var/bench/*.log var/bench/*.rc
	@for script in benchmarks/bench_*.py; do \
	  [ -e "$$script" ] || continue; \
	  name=$$(basename "$$script" .py); \
	  echo "== $$script"; \
	  ( $(TEST_ENV) $(PY) "$$script"; echo $$? > "var/bench/$$name.rc" ) 2>&1 | tee "var/bench/$$name.log"; \
	done
	@$(PY) benchmarks/summary.py var/bench/bench_*.log

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var/static
