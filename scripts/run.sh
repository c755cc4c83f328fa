#!/usr/bin/env bash
# Runs Charley on embedded defaults: installs if needed, trains if data or config changed,
# starts the action server and the Rasa server (SQLite tracker store), prints where to chat.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
bash scripts/setup.sh
train_if_needed

RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"

"$PY" -m rasa_sdk --actions actions --port "$ACTIONS_PORT" &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT INT TERM

(
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$RASA_PORT/" >/dev/null 2>&1; then
      cat <<MSG

Charley is running.
  Chat in a browser:  http://localhost:$RASA_PORT/webhooks/widget/demo
  REST channel:       curl -s -XPOST localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"my calf cramps at night"}'
  Terminal chat:      make chat   (in another terminal)
Press Ctrl+C to stop.
MSG
      exit 0
    fi
    sleep 1
  done
  echo "Charley did not answer within 120 s; see the log above." >&2
) &

"$PY" -m rasa run --model "$MODEL" --endpoints "$(endpoints_file)" --credentials "$(credentials_file)" \
  --port "$RASA_PORT" --cors "http://localhost:$RASA_PORT"
