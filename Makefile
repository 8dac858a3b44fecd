# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench dist dist-test windows windows-test clean

# (Re)install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

# The rules the tools keep come first (lint, then the import contracts); a broken one fails the run.
# The ký số tests sign with a PKCS#11 token: SoftHSM2 (Debian's softhsm2), installed here when missing.
test: $(STAMP)
	@command -v softhsm2-util >/dev/null || { echo "make test: installing softhsm2 (a software PKCS#11 token)"; \
	  (apt-get install -y -qq softhsm2 || { apt-get update -qq && apt-get install -y -qq softhsm2; }) >/dev/null \
	  || echo "make test: softhsm2 could not be installed; the PKCS#11 test will fail and say so"; }
	$(PY) -m ruff check --quiet .
	$(VENV)/bin/lint-imports --no-cache > $(VENV)/lint-imports.log 2>&1 || { cat $(VENV)/lint-imports.log; exit 1; }
	$(PY) -m mypy --no-error-summary
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

# Speed figures (not a test): one table, see README.md.
bench: $(STAMP)
	$(PY) bench/run.py

# The one-folder bundle (PyInstaller), and the frozen app's self-test run offscreen.
DIST_STAMP := $(VENV)/.dist-installed
$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet 'pyinstaller>=6.10'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build installer/khdesk.spec
	@du -sh dist/khdesk

dist-test: dist
	QT_QPA_PLATFORM=offscreen ./dist/khdesk/khdesk --self-test

# The Windows delivery, built and tried on Linux under Wine (README «Windows»): dist/windows/khdesk/
# (khdesk.exe, khdesk-cli.exe) and dist/khdesk-setup-<version>.exe; then the suite under Windows CPython,
# the frozen self-test, the setup's install and uninstall. Installs Wine from Debian when missing (root).
windows:
	bash installer/wine-build.sh

windows-test:
	bash installer/wine-test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
