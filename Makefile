# The two set-up commands of the README: `make demo` and `make test`. Needs Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 5000
FLASK   = $(VENV)/bin/flask --app wsgi

.PHONY: demo test test-latest lint lock install install-test chromium bench clean messages readme-side-by-side

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip

# Installs come from the lock files (every transitive version, with hashes), so a new machine gets
# what CI tested; `make lock` regenerates them, `make test-latest` tries the newest releases.
PIP_LOCKED = $(VENV)/bin/pip install --quiet --require-hashes -r
$(VENV)/.installed: requirements/lock.txt pyproject.toml | $(VENV)/bin/python
	$(PIP_LOCKED) requirements/lock.txt
	$(VENV)/bin/pip install --quiet --no-deps -e .
	$(VENV)/bin/pybabel -q compile -d meetings/translations
	touch $@

$(VENV)/.installed-test: requirements/test-lock.txt $(VENV)/.installed
	$(PIP_LOCKED) requirements/test-lock.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The service's clock while the demo is served: the UNODC meeting as it stood four days before
# its deadline. `make demo DEMO_NOW=` serves it on the real clock.
DEMO_NOW ?= 2012-09-20T10:00:00+00:00

## Install, build the schema, load the demo data and serve on http://$(HOST):$(PORT)/
demo: install
	$(FLASK) db upgrade
	$(FLASK) demo
	@echo
	@echo "Open http://$(HOST):$(PORT)/secretariat/ and sign in as demo@example.org / demo-secretariat"
	@echo "The service's clock reads $(DEMO_NOW) (DEMO_NOW)."
	@echo
	FIXED_NOW=$(DEMO_NOW) $(FLASK) run --host $(HOST) --port $(PORT)

# Browser tests drive Debian's Chromium through Playwright (no browser is ever downloaded);
# LibreOffice Writer converts a generated .docx to PDF in one test.
chromium:
	@{ test -x /usr/bin/chromium && command -v libreoffice >/dev/null && \
	   fc-list | grep -q "Noto Naskh Arabic" && fc-list | grep -q "Noto Serif CJK"; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium libreoffice-writer-nogui fonts-noto-core fonts-noto-cjk libpango-1.0-0 \
	      libpangoft2-1.0-0; \
	  else echo "The tests need Debian's chromium, libreoffice-writer-nogui and the Noto fonts:"; \
	    echo "  sudo apt-get install chromium libreoffice-writer-nogui fonts-noto-core fonts-noto-cjk"; \
	    exit 1; fi; }

## Install what the tests need and run the whole suite (on DATABASE_URL when it is set)
test: install-test chromium
	$(VENV)/bin/python -m pytest

## Deadline-day benchmark (not part of `make test`): gunicorn + wrk, SQLite and PostgreSQL
bench: install-test
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	  else echo "The benchmark needs Debian's wrk: sudo apt-get install wrk"; exit 1; fi; }
	$(VENV)/bin/python -m tests.benchmarks.deadline_day $(BENCH_ARGS)

## Collect the texts marked in the code and templates into every catalog, then compile them
## (the app also compiles a .po newer than its .mo when it starts); README, "Translating the service"
PYBABEL = $(VENV)/bin/pybabel
messages: install
	$(PYBABEL) -q extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 --sort-by-file \
	  --project meetings -o meetings/translations/messages.pot meetings templates
	$(PYBABEL) -q update -i meetings/translations/messages.pot -d meetings/translations \
	  --no-fuzzy-matching --width 100
	$(PYBABEL) compile -d meetings/translations --statistics

## Lint and type-check with the pinned ruff and mypy (CI runs this before the tests)
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy meetings

## Regenerate both lock files from pyproject.toml (newest versions allowed by it), with hashes
COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --universal \
	--generate-hashes --quiet --custom-compile-command "make lock"
lock: install-test
	$(COMPILE) -o requirements/lock.txt
	$(COMPILE) --extra test --extra dev -o requirements/test-lock.txt

## The suite against today's newest releases, in a separate venv: an upgrade is noticed on purpose
LATEST ?= .venv-latest
test-latest: chromium
	test -x $(LATEST)/bin/python || $(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/pip install --quiet --upgrade --upgrade-strategy eager -e ".[test]"
	$(LATEST)/bin/pip freeze --exclude-editable > $(LATEST)/versions.txt
	@echo "Versions tested: $(LATEST)/versions.txt (compare with requirements/test-lock.txt)"
	$(LATEST)/bin/python -m pytest

clean:
	rm -rf $(VENV) $(LATEST) .pytest_cache

## The first pages of docs/side-by-side.md (.docx printed by LibreOffice, pdftoppm); not part of `make test`
readme-side-by-side: install
	$(VENV)/bin/python -m tests.readme_side_by_side
