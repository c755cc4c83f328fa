#!/usr/bin/env bash
# Runs Charley on embedded defaults: installs if needed, trains if data or config changed,
# starts the action server and the Rasa server (SQLite tracker store), prints where to chat.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
bash scripts/setup.sh
train_if_needed

RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"

# Rasa's HTTP API (conversations, trackers, model) stays off unless a secret is given for it.
api_args=()
if [ -n "${CHARLEY_API_TOKEN:-}" ]; then
  if [ "${#CHARLEY_API_TOKEN}" -lt 32 ]; then
    echo "CHARLEY_API_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)." >&2
    exit 1
  fi
  api_args+=(--enable-api --auth-token "$CHARLEY_API_TOKEN")
fi
if [ -n "${CHARLEY_JWT_SECRET:-}" ]; then
  if [ "${#CHARLEY_JWT_SECRET}" -lt 32 ]; then
    echo "CHARLEY_JWT_SECRET must be at least 32 characters." >&2
    exit 1
  fi
  [ ${#api_args[@]} -gt 0 ] || api_args+=(--enable-api)
  api_args+=(--jwt-secret "$CHARLEY_JWT_SECRET" --jwt-method HS256)
fi

"$PY" -m actions.server --actions actions --port "$ACTIONS_PORT" &
actions_pid=$!
"$PY" -m rasa run --model "$MODEL" --endpoints "$(endpoints_file)" --credentials "$(credentials_file)" \
  --port "$RASA_PORT" --cors "http://localhost:$RASA_PORT" ${api_args[@]+"${api_args[@]}"} &
rasa_pid=$!
trap 'kill $actions_pid $rasa_pid 2>/dev/null || true' EXIT INT TERM

# Ready means a message gets a real answer: Rasa also answers with a model that failed to load.
if ! "$PY" scripts/check_answering.py "http://127.0.0.1:$RASA_PORT" --timeout 180; then
  echo "Charley is not running properly; see the log above." >&2
  exit 1
fi
cat <<MSG

Charley is running.
  Chat in a browser:  http://localhost:$RASA_PORT/webhooks/widget/demo
  REST channel:       curl -s -XPOST localhost:$RASA_PORT/webhooks/rest/webhook -H 'Content-Type: application/json' -d '{"sender":"me","message":"my calf cramps at night"}'
  Terminal chat:      make chat   (in another terminal)
Press Ctrl+C to stop.
MSG
wait "$rasa_pid"
