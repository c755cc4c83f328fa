# The commands a newcomer needs. Each one installs what it needs first.
.PHONY: run test chat setup bench lint format

run:      ## run Charley (action server + Rasa server, SQLite), then chat in the browser
	bash scripts/run.sh

test:     ## run the whole test suite
	bash scripts/test.sh

chat:     ## chat in the terminal (rasa shell) with the same action server
	bash scripts/chat.sh

setup:    ## install the pinned dependencies into .venv
	bash scripts/setup.sh

format:
	.venv/bin/ruff format bot actions tests scripts

lint:
	.venv/bin/ruff check bot actions tests scripts
