#!/usr/bin/env bash
# Terminal chat (`rasa shell`) using the same action server and tracker store as `make run`.
# If the action server is not running yet, it is started for the length of the chat.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
# library deprecation notices are not for the person chatting (everything here shares the terminal)
export PYTHONWARNINGS=ignore TF_CPP_MIN_LOG_LEVEL=3
bash scripts/setup.sh
train_if_needed
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
if ! curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1; then
  mkdir -p "$ROOT/.rasa"
  # its log goes to a file: the terminal is the conversation's
  "$PY" -m actions.server --actions actions --port "$ACTIONS_PORT" --quiet >"$ROOT/.rasa/chat-actions.log" 2>&1 &
  actions_pid=$!
  trap 'kill $actions_pid 2>/dev/null || true' EXIT INT TERM
  for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1 && break; sleep 1; done
fi
# Rasa's shell with each option shown once and no raw JSON (bot/channels/terminal.py)
"$PY" -m bot.channels.terminal shell --model "$MODEL" \
  --endpoints "$(endpoints_file)" --port "${CHAT_PORT:-5006}" --quiet
