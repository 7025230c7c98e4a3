# wijksim - two commands on a fresh machine (Python >= 3.11):
#   make demo   sets up .venv on first use, runs the default scenario comparison, writes its report
#   make test   sets up .venv on first use, runs the whole test suite (browser tests included)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SOLARA_CDN ?= $(HOME)/.cache/wijksim/solara-cdn
export SOLARA_ASSETS_PROXY_CACHE_DIR := $(SOLARA_CDN)
export SOLARA_TELEMETRY_MIXPANEL_ENABLE := False
export MPLBACKEND := Agg

.PHONY: setup demo test test-fast assets docs bench reference validation clean

$(STAMP): pyproject.toml constraints.txt
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "wijksim needs Python 3.11 or newer (found " + sys.version.split()[0] + "); run: make PY=python3.12 ...")'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/wijksim compare tender_3y tender_9y subsidy populatiebesteding --out results/demo

assets:
	@bash scripts/fetch_solara_cdn.sh "$(SOLARA_CDN)"

test: $(STAMP) assets
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not slow and not browser"

docs: $(STAMP)
	$(BIN)/python -m wijksim.scenario.reference docs/scenario-keys.md
	$(BIN)/python -m wijksim.scenario.typegen

reference: $(STAMP)  # on purpose only, in a commit of its own that says why (tests/reference.py)
	$(BIN)/python -m tests.reference --regenerate
	$(BIN)/python -m tests.equivalence --generate  # the 20-seed distributions (tests/equivalence.py)

# docs/validation.md, the README's "What the model shows" and the tutorial's example output,
# from one commit (resumable; VALIDATION_ARGS e.g. "--seeds 4 --residents 3000" for a smaller run)
validation: $(STAMP)
	$(BIN)/python experiments/validation/run_validation.py --jobs 2 --write-all $(VALIDATION_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py

clean:
	rm -rf $(VENV) results .pytest_cache
