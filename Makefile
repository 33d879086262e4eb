# Two commands on a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run    set up .venv and open the window on a demo vault (created when none exists)
#   make test   set up .venv with the test tools and run lint, types and the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB ?= .demo/demo-vault.db
TS_JA  := resources/translations/resdesk_ja.ts
QM_JA  := resources/translations/resdesk_ja.qm

.PHONY: run test lint bench demo clean system-deps system-deps-test translations \
        translations-update screenshots dist dist-self-test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The stamps make a second `make` instant and reinstall when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed

system-deps:
	@bash scripts/system-deps.sh

system-deps-test:
	@bash scripts/system-deps.sh test

run: system-deps $(VENV)/.installed translations
	@test -f $(DEMO_DB) || $(BIN)/resdesk demo --db $(DEMO_DB)
	@echo "Demo accounts: operator / uketsuke-demo-2022, supervisor / kanri-demo-2022"
	$(BIN)/resdesk --db $(DEMO_DB)

demo: $(VENV)/.installed
	$(BIN)/resdesk demo --db $(DEMO_DB) --force

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: system-deps-test lint translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: system-deps $(VENV)/.installed-test translations dist
	$(BIN)/python -m benchmarks

# Japanese: the .ts is the source (Qt Linguist edits it), the .qm a build product (gitignored).
$(QM_JA): $(TS_JA) | $(VENV)/.installed
	$(BIN)/python scripts/translations.py compile

translations: $(QM_JA)

# After adding tr() strings: extract them into the .ts and list what needs Japanese
# (translate it in Qt Linguist: .venv/bin/pyside6-linguist resources/translations/resdesk_ja.ts).
translations-update: $(VENV)/.installed
	$(BIN)/python scripts/translations.py update
	-$(BIN)/python scripts/translations.py check

# PNGs of the screens in docs/screenshots/, on a throwaway demo vault, under Xvfb.
screenshots: $(VENV)/.installed translations
	@bash scripts/system-deps.sh screenshots
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python scripts/screenshots.py

$(VENV)/.installed-build: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[build]'
	@touch $@ $(VENV)/.installed

# The one-folder build (build.spec) in dist/resdesk-VERSION/, then its own self-test.
dist: system-deps-test $(VENV)/.installed-build translations
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec
	@du -sh dist/resdesk-*/ | tail -1

dist-self-test: dist
	QT_QPA_PLATFORM=offscreen dist/resdesk-$$($(BIN)/python -c 'import reservations; print(reservations.__version__)')/resdesk --self-test

clean:
	rm -rf $(VENV) .demo .mypy_cache .ruff_cache .pytest_cache build dist $(QM_JA)
