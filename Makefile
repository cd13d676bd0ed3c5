# Trajectoires — the two commands are `make run` and `make test`; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test quality messages check-messages check-pango venv clean

help:
	@echo "make run      installe, migre, charge la démo et sert http://$(HOST):$(PORT) (autre port : make run PORT=8001)"
	@echo "make test     lance toute la suite de tests (SQLite, couche de canaux en mémoire)"
	@echo "make quality  ruff, couches (import-linter), migrations manquantes, traductions à jour"
	@echo "make messages met à jour et compile les traductions"

$(VENV)/.installed-runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est nécessaire.")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime requirements-dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed-dev

check-pango:
	@$(PY) -c 'import ctypes.util, sys; sys.exit(0 if all(ctypes.util.find_library(n) for n in ("pango-1.0", "pangoft2-1.0", "harfbuzz-subset")) else 1)' \
	  || echo "Attention : Pango ou HarfBuzz-Subset est absent (Debian : apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0) — les PDF ne pourront pas être produits, ou lentement."
	@$(PY) -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("cairo") else 1)' \
	  || echo "Attention : Cairo est absent (Debian : apt-get install libcairo2) — les rapports DOCX ne pourront pas dessiner leurs graphiques."

# Migrations and the demo's loading log only their warnings: the demo accounts that
# load_demo_data prints are the last lines before the server starts.
run: $(VENV)/.installed-runtime check-pango
	@echo "Migration de la base et chargement de la démo…"
	@LOG_LEVEL=WARNING $(PY) manage.py migrate --noinput --verbosity 0
	@LOG_LEVEL=WARNING $(PY) manage.py load_demo_data
	@echo ""
	@echo "Trajectoires tourne sur http://$(HOST):$(PORT)/ (Ctrl+C pour arrêter) ; connectez-vous avec un des comptes ci-dessus."
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev check-pango
	$(VENV)/bin/pytest $(PYTEST_ARGS)

quality: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) check-messages

messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages --locale en --locale fr --no-obsolete \
	  --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'var/*' --ignore 'node_modules/*'
	$(PY) scripts/fill_french_plurals.py
	$(PY) manage.py compilemessages --ignore '.venv/*'

# The compiled .mo files are committed (msgfmt may be missing on a fresh machine);
# this checks that they match their .po sources.
check-messages: $(VENV)/.installed-dev
	$(PY) scripts/check_messages.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
