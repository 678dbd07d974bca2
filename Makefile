# Two set-up commands for a fresh machine: `make site` and `make test`.
# Everything Python lives in .venv; nothing is installed system-wide except
# Debian's chromium for the browser tests (only when missing and running as root).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
N      ?= 1000

.PHONY: site corpus test bench clean serve golden lint

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python >= 3.11 is needed (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[test]' || { echo "error: pip could not install the project into $(VENV); see the messages above"; exit 1; }
	@touch $(STAMP)

corpus: $(STAMP)
	$(BIN)/gongkai corpus seeds --out corpus

# SOURCE_DATE_EPOCH (unless given): the last commit that changed seeds/, the about page's update
# date and MkDocs' sitemap date: the same inputs give the same bytes. Left unset outside git.
# `gongkai build seeds` is `gongkai corpus seeds --out corpus` then `gongkai site`, with the site's code
# loading while the corpus is made (gongkai/publish.py).
site: $(STAMP)
	@epoch="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct -- seeds 2>/dev/null || true)}"; \
	if [ -n "$$epoch" ]; then export SOURCE_DATE_EPOCH="$$epoch"; fi; \
	echo "$(BIN)/gongkai build seeds"; $(BIN)/gongkai build seeds

test: $(STAMP) lint
	@bash .ci/chromium.sh
	@bash .ci/node-tools.sh
	@$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests"; exit 1; fi; exit $$rc

# ruff and mypy, clean on the package (configured in pyproject.toml).
lint: $(STAMP)
	@$(BIN)/ruff check build/gongkai || { echo "error: ruff found problems in build/gongkai (see above); fix them or run '$(BIN)/ruff check --fix build/gongkai'"; exit 1; }
	@$(BIN)/mypy || { echo "error: mypy found type errors in build/gongkai (see above)"; exit 1; }

# Refresh tests/golden/ after an intended change of the generated pages (review the diff before committing).
golden: $(STAMP)
	@GONGKAI_REFRESH_GOLDEN=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_golden.py -rs

bench: $(STAMP)
	@bash .ci/chromium.sh
	$(BIN)/python -m gongkai.bench --reports $(N)

# Not plain http.server: this one sends the site's 404.html and answers under site_url's path too.
serve: site
	$(BIN)/python -m gongkai.site.serve --bind 127.0.0.1 --directory site 8000

clean:
	@test ! -x $(BIN)/python || $(BIN)/python -c 'from pathlib import Path; from gongkai.site.generate import clean_generated; from gongkai.state import default_dir; clean_generated(Path("docs"), default_dir())'
	rm -rf site .cache .pytest_cache
