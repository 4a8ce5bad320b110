# The two commands a newcomer needs: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run install install-test migrate content admin serve test test-fast lint format lock check-deploy bench faults load backup restore messages vnu clean

help: ## List every target
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	@echo "Creating $(VENV) and installing (about a minute)..."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --upgrade pip

# setuptools' tip about editable installs (not a deprecation) is kept out of the newcomer's way.
# constraints.txt pins every package to the version CI tested (`make lock` renews it).
$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	@PYTHONWARNINGS="ignore:Editable installation" $(PIP) install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet -c constraints.txt -e ".[test]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the site's dependencies

install-test: $(VENV)/.installed-test ## Install the site's and the tests' dependencies

migrate: install ## Apply database migrations (SQLite file db.sqlite3 unless DATABASE_URL is set)
	@$(MANAGE) migrate --noinput -v 0
	@echo "Database is up to date."

content: migrate ## Load the starter content (safe to run again; -v 2 through MANAGE_ARGS lists each step)
	@echo "Loading the starter content in English, French and Spanish (two to four minutes)..."
	@$(MANAGE) load_starter_content $(MANAGE_ARGS)

admin: migrate ## Create or reset the local admin account and print its login
	@$(MANAGE) create_local_admin --host $(HOST) --port $(PORT)

run: content admin ## Install, migrate, load content, print the admin login, serve on http://HOST:PORT (default 127.0.0.1:8000)
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@DJANGO_RUNSERVER_HIDE_WARNING=true $(MANAGE) runserver $(HOST):$(PORT)

# Coverage over the app packages ([tool.coverage] in pyproject.toml), failing under its floor.
test: install-test ## Install test dependencies and run the whole suite, with its coverage floor
	$(PY) -m pytest --cov --cov-report=term:skip-covered

# The W3C Nu HTML checker for tests/core/test_valid_html.py, from npm (its install script,
# which would fetch a Java runtime from elsewhere, is skipped: it runs on the system's java).
VNU_VERSION := 26.9.27
VNU_JAR := build/vnu/node_modules/vnu-jar/build/dist/vnu.jar

vnu: $(VNU_JAR) ## Install the Nu HTML checker (npm package vnu-jar) into build/vnu; needs npm and java

$(VNU_JAR):
	mkdir -p build/vnu
	npm install --prefix build/vnu --ignore-scripts --no-audit --no-fund vnu-jar@$(VNU_VERSION)

TEMPLATE_DIRS := templates surveys/templates

lint: install-test ## ruff, djLint on the templates, mypy, and the function-local import rule
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djlint --lint $(TEMPLATE_DIRS)
	$(PY) -m mypy
	$(PY) tools/check_local_imports.py

# A fresh venv with what pyproject.toml allows today (no constraints), frozen into constraints.txt.
LOCK_VENV := build/lock-venv

lock: ## Renew constraints.txt: the newest versions pyproject.toml allows (run after changing dependencies)
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e ".[test]"
	{ echo "# Every package at the version CI tested, for pip's -c (the Makefile's install targets)."; \
	  echo "# Renew with \`make lock\` after changing dependencies in pyproject.toml; do not edit by hand."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(LOCK_VENV)
	@echo "constraints.txt renewed: run make test, and commit it with the dependency change."

format: install-test ## Reformat code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

check-deploy: install ## Run Django's deployment checks with production settings
	SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-but-long-enough-for-the-check ALLOWED_HOSTS=example.org \
		DJANGO_SETTINGS_MODULE=msme_platform.settings.production $(MANAGE) check --deploy --fail-level WARNING

# One catalogue for the whole project (locale/); needs GNU gettext, which `make run` does not:
# the compiled .mo files are committed, and tests/core/test_translations.py checks them.
MESSAGES_ARGS := --add-location file --ignore 'tests/*' --ignore 'benchmarks/*' --ignore 'media*' \
	--ignore 'staticfiles/*' --ignore 'artifacts/*' --ignore 'build/*'

messages: install ## Extract new interface strings into locale/*/django.po and compile them (needs GNU gettext)
	SECRET_KEY=messages $(MANAGE) makemessages -l fr -l es $(MESSAGES_ARGS)
	SECRET_KEY=messages $(MANAGE) compilemessages --ignore '.venv'

bench: install ## Benchmark pages against a bare Django view (see benchmarks/README.md)
	$(PY) -m benchmarks.run $(BENCH_ARGS)

faults: install ## Stop PostgreSQL, then Redis, under load (private instances) and report (benchmarks/faults.py)
	$(PY) -m benchmarks.faults $(FAULTS_ARGS)

load: install ## 60 s at 32 connections over pages, searches, filters, feeds, exports, surveys (benchmarks/load.py)
	$(PY) -m benchmarks.load $(LOAD_ARGS)

backup: install ## Back up the database and media into backups/<UTC timestamp>/ (keeps BACKUP_KEEP, 14)
	$(MANAGE) backup

restore: install ## Restore BACKUP=backups/<timestamp> into the empty database at DATABASE_URL, and its media
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<timestamp>"; exit 2; }
	$(MANAGE) restore $(BACKUP)

clean: ## Remove the virtualenv, the local database and collected files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles media-test .pytest_cache
