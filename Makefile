# The two set-up commands of the README: `make demo` and `make test`. Needs Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 5000
FLASK   = $(VENV)/bin/flask --app wsgi

.PHONY: demo test install install-test chromium clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Install, build the schema, load the demo data and serve on http://$(HOST):$(PORT)/
demo: install
	$(FLASK) db upgrade
	$(FLASK) demo
	@echo
	@echo "Open http://$(HOST):$(PORT)/secretariat/ and sign in as demo@example.org / demo-secretariat"
	@echo
	$(FLASK) run --host $(HOST) --port $(PORT)

# Browser tests drive Debian's Chromium through Playwright (no browser is ever downloaded);
# LibreOffice Writer converts a generated .docx to PDF in one test.
chromium:
	@{ test -x /usr/bin/chromium && command -v libreoffice >/dev/null; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium libreoffice-writer-nogui; \
	  else echo "The tests need Debian's chromium and libreoffice-writer-nogui:"; \
	    echo "  sudo apt-get install chromium libreoffice-writer-nogui"; exit 1; fi; }

## Install what the tests need and run the whole suite (on DATABASE_URL when it is set)
test: install-test chromium
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
