# The two commands of the README: `make run` and `make test`. Everything they need is set up here.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

.PHONY: install run test lint format db-start db-stop bench serve-prod

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install  ## database + migrations + seed + admin account + web server on 127.0.0.1:8000
	$(PY) -m archive.dev run

test: install  ## lint + migration check + the whole test suite against a throwaway database
	$(PY) -m archive.dev test $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix . && $(PY) -m ruff format .

db-start: install
	$(PY) -m archive.pgcluster start

db-stop: install
	$(PY) -m archive.pgcluster stop

serve-prod: install  ## production server: DEBUG off, gunicorn on 127.0.0.1:8000 (needs DJANGO_SECRET_KEY)
	DJANGO_PRODUCTION=1 $(PY) manage.py collectstatic --no-input -v0
	DJANGO_PRODUCTION=1 $(PY) manage.py migrate --no-input
	DJANGO_PRODUCTION=1 DATABASE_CONN_MAX_AGE=$${DATABASE_CONN_MAX_AGE:-60} \
		$(PY) -m gunicorn -c archive/gunicorn.conf.py
