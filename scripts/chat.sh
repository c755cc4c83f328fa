#!/usr/bin/env bash
# Terminal chat (`rasa shell`) using the same action server and tracker store as `make run`.
# If the action server is not running yet, it is started for the length of the chat.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
bash scripts/setup.sh
train_if_needed
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
if ! curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1; then
  "$PY" -m actions.server --actions actions --port "$ACTIONS_PORT" --quiet &
  actions_pid=$!
  trap 'kill $actions_pid 2>/dev/null || true' EXIT INT TERM
  for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1 && break; sleep 1; done
fi
"$PY" -m rasa shell --model "$MODEL" --endpoints "$(endpoints_file)" --port "${CHAT_PORT:-5006}" --quiet
