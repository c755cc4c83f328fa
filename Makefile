# The commands a newcomer needs. Each one installs what it needs first.
.PHONY: help run test test-fast chat setup validate train test-stories crossval bench bench-smoke lint format forget audit

help:     ## list these targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

run:      ## run Charley (action server + Rasa server, SQLite), then chat in the browser
	bash scripts/run.sh

test:     ## run the whole test suite
	bash scripts/test.sh

test-fast:  ## the tests that need no servers and no browser (about a minute)
	bash scripts/setup.sh
	.venv/bin/python -m pytest -q -m "not stack and not browser" tests/nlu tests/triage tests/actions tests/rasa_overrides tests/channels

validate: ## rasa data validate (domain, NLU data, rules, config)
	bash scripts/setup.sh
	bash -c "source scripts/common.sh && validate_data"

train:    ## train the model if the data or config changed
	bash scripts/setup.sh
	bash -c "source scripts/common.sh && train_if_needed"

test-stories: train  ## rasa test core on the dialogue test stories (tests/stories)
	.venv/bin/python -m rasa test core --model models/charley.tar.gz --stories tests/stories --endpoints endpoints.yml --out results/core --fail-on-prediction-errors

crossval: ## Rasa's own NLU cross-validation (5 folds), report in results/crossval
	bash scripts/setup.sh
	.venv/bin/python -m rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds 5 --out results/crossval

chat:     ## chat in the terminal (rasa shell) with the same action server
	bash scripts/chat.sh

setup:    ## install the pinned dependencies into .venv
	bash scripts/setup.sh

# DAYS is required; ENDPOINTS (default endpoints.yml) picks the tracker store; DRY_RUN=1 only counts.
forget:   ## delete conversations whose last event is older than DAYS days: make forget DAYS=30
	@test -n "$(DAYS)" || { echo "usage: make forget DAYS=30 [ENDPOINTS=endpoints.yml] [DRY_RUN=1]" >&2; exit 2; }
	bash scripts/setup.sh
	.venv/bin/python scripts/forget_conversations.py --older-than-days "$(DAYS)" --endpoints "$(or $(ENDPOINTS),endpoints.yml)" $(if $(DRY_RUN),--dry-run)

audit:    ## pip-audit of the locks in requirements/ in a scratch venv (see docs/security.md)
	bash scripts/audit.sh

bench:    ## benchmark Charley against the stock `rasa init` bot (~15 min): docs/benchmarks.md
	bash scripts/bench.sh

bench-smoke:  ## every part of the benchmark on little data (a few minutes): results/bench-smoke/
	bash scripts/bench.sh --smoke

format:
	.venv/bin/ruff format bot actions harness tests scripts

lint:
	.venv/bin/ruff check bot actions harness tests scripts
