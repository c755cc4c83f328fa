# The commands a newcomer needs. Each one installs what it needs first.
.PHONY: run test chat setup bench bench-smoke lint format forget audit

run:      ## run Charley (action server + Rasa server, SQLite), then chat in the browser
	bash scripts/run.sh

test:     ## run the whole test suite
	bash scripts/test.sh

chat:     ## chat in the terminal (rasa shell) with the same action server
	bash scripts/chat.sh

setup:    ## install the pinned dependencies into .venv
	bash scripts/setup.sh

# DAYS is required; ENDPOINTS (default endpoints.yml) picks the tracker store; DRY_RUN=1 only counts.
forget:   ## delete conversations whose last event is older than DAYS days: make forget DAYS=30
	@test -n "$(DAYS)" || { echo "usage: make forget DAYS=30 [ENDPOINTS=endpoints.yml] [DRY_RUN=1]" >&2; exit 2; }
	bash scripts/setup.sh
	.venv/bin/python scripts/forget_conversations.py --older-than-days "$(DAYS)" --endpoints "$(or $(ENDPOINTS),endpoints.yml)" $(if $(DRY_RUN),--dry-run)

audit:    ## pip-audit of requirements.lock in a scratch venv (see docs/security.md)
	bash scripts/audit.sh

bench:    ## benchmark Charley against the stock `rasa init` bot (~15 min): docs/benchmarks.md
	bash scripts/bench.sh

bench-smoke:  ## every part of the benchmark on little data (a few minutes): results/bench-smoke/
	bash scripts/bench.sh --smoke

format:
	.venv/bin/ruff format bot actions tests scripts

lint:
	.venv/bin/ruff check bot actions tests scripts
