# DevHub CRM. `make run` and `make test` do all set-up themselves on a fresh machine.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PYTHON := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres lint format css demo migrate superuser clean bench loadtest eval

# uv from PyPI when the machine has none; pyenv/uv pick Python 3.12 from .python-version.
.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

.venv/.synced-prod: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --no-dev
	rm -f .venv/.synced-dev && touch $@

.venv/.synced-dev: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	rm -f .venv/.synced-prod && touch $@

# `make run PORT=8001 HOST=0.0.0.0` serves elsewhere. Statuses are brought up to date at start
# (not counted as the nightly job, whose cron lines the dashboard shows until it has run; a
# failure there does not stop the start).
run: .venv/.synced-prod
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py collectstatic --no-input --verbosity 0
	-$(PYTHON) manage.py refresh_statuses --no-record --verbosity 0
	@echo "DevHub CRM on http://$(HOST):$(PORT)/ (Ctrl+C to stop; another address: make run HOST=0.0.0.0 PORT=8001)"
	$(PYTHON) manage.py runserver $(HOST):$(PORT) --noreload

test: .venv/.synced-dev
	$(PYTHON) -m pytest

lint: .venv/.synced-dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: .venv/.synced-dev
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

css:
	npm ci --no-audit --no-fund
	npx tailwindcss -i assets/css/app.css -o static/css/app.css --minify

# A small demo set (user "demo", ~200 contacts) in the configured database; prints the password.
demo: .venv/.synced-prod
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py seed_demo --users 1 --contacts-per-user 200 --interactions-per-contact 5 --seed 1

migrate: .venv/.synced-prod
	$(PYTHON) manage.py migrate --no-input

superuser: .venv/.synced-prod
	$(PYTHON) manage.py createsuperuser

clean:
	rm -rf .venv .tools staticfiles .pytest_cache .ruff_cache

# The whole suite again on a throwaway PostgreSQL cluster (Debian's postgresql + pg_virtualenv),
# so everything engine-specific (status rules as SQL, locking, NULL ordering) works on both.
# The load and crash tests start their own processes on SQLite files whatever the engine, so
# they run once, under `make test`. So do the browser tests: what they check happens in the
# browser, and every server path they use is covered on PostgreSQL by the tests that run here.
test-postgres: .venv/.synced-dev
	pg_virtualenv sh -c 'DATABASE_URL=postgres:///postgres $(PYTHON) -m pytest -m "not e2e" \
	  --ignore=tests/hardening/test_load.py --ignore=tests/hardening/test_faults.py \
	  --ignore=tests/hardening/test_long_changes_load.py'

# Speed against a big network (10 users x 10,000 contacts x 10 interactions) in data/bench.sqlite3,
# never the application's database: per page p50/p95 and queries vs hand-written SQL, the status
# refresh, peak memory; writes bench/results.json. Builds the data set once (a few minutes).
bench: .venv/.synced-dev
	$(PYTHON) bench/run.py

# Search quality on the committed synthetic network (eval/network.json, from eval/generate.py):
# recall@5 and MRR of keyword-only, meaning-only and fused search, in a throwaway in-memory
# database.
eval: .venv/.synced-dev
	$(PYTHON) eval/run.py

# Requests/s and p95 under gunicorn (2 x cores + 1 workers) with wrk, as a logged-in user, for
# the dashboard, the contacts list and /healthz; stops everything it started.
loadtest: .venv/.synced-dev
	PYTHON=$(PYTHON) bench/loadtest.sh
	$(PYTHON) -m pytest -q -p no:cacheprovider -s -m load tests/hardening/test_long_changes_load.py
