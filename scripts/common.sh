# Shared settings for every script: sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export RASA_TELEMETRY_ENABLED=false
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export TF_CPP_MIN_LOG_LEVEL=3
# Requests above 256 KB get 413 (a 100 KB message is still answered).
export SANIC_REQUEST_MAX_SIZE="${SANIC_REQUEST_MAX_SIZE:-262144}"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
MODEL="$ROOT/models/charley.tar.gz"

# The Python 3.10 to build venvs with: CHARLEY_PYTHON, python3.10 on PATH, pyenv's, or the system's.
find_python310() {
  local candidates=("${CHARLEY_PYTHON:-}" "$(command -v python3.10 || true)")
  if command -v pyenv >/dev/null 2>&1; then
    local root; root="$(pyenv root)"
    candidates+=("$root"/versions/3.10.*/bin/python3.10)
  fi
  candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)
  for c in "${candidates[@]}"; do
    if [ -n "$c" ] && [ -x "$c" ] && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  return 1
}

# rasa data validate, failing on any warning about the data itself (story conflicts, unused or
# unknown intents and responses). One is expected: `utter_restart` is uttered by Rasa's own
# action_restart, which the validator cannot see.
validate_data() {
  "$PY" -m rasa data validate --domain "$ROOT/domain.yml" --data "$ROOT/data" --config "$ROOT/config.yml" \
    >"$ROOT/.rasa-validate.log" 2>&1 || { cat "$ROOT/.rasa-validate.log"; return 1; }
  local problems
  problems=$(grep -E "rasa\.validator +- |UserWarning" "$ROOT/.rasa-validate.log" | grep -vE " INFO " \
    | grep -v "The utterance 'utter_restart' is not used" || true)
  if [ -n "$problems" ]; then
    echo "$problems"; echo "rasa data validate: warnings about the data (full log: .rasa-validate.log)" >&2
    return 1
  fi
  echo "Data valid: no story conflicts, every intent and response used"
}

# Trains only when data or config changed: Rasa's dry run compares fingerprints with its cache.
train_if_needed() {
  local args=(--fixed-model-name charley --out "$ROOT/models" --domain "$ROOT/domain.yml"
              --config "$ROOT/config.yml" --data "$ROOT/data")
  if [ -f "$MODEL" ] && "$PY" -m rasa train --dry-run "${args[@]}" >"$ROOT/.rasa-train.log" 2>&1; then
    echo "Model is up to date: $MODEL"
    return 0
  fi
  "$PY" -m rasa train "${args[@]}" >"$ROOT/.rasa-train.log" 2>&1 \
    || { tail -40 "$ROOT/.rasa-train.log"; echo "rasa train failed (full log: .rasa-train.log)" >&2; return 1; }
  echo "Trained: $MODEL"
}

# credentials.yml plus the Telegram and Slack channels whose tokens are in the environment.
credentials_file() {
  local out="$ROOT/.rasa/credentials.run.yml"
  mkdir -p "$ROOT/.rasa"
  cat "$ROOT/credentials.yml" >"$out"
  if [ -n "${TELEGRAM_TOKEN:-}" ]; then printf '\n' >>"$out"; cat "$ROOT/channels/telegram.yml" >>"$out"; fi
  if [ -n "${SLACK_TOKEN:-}" ]; then
    printf '\n' >>"$out"
    cat "$ROOT/channels/slack.yml" >>"$out"
    # optional: a channel where the bot also answers plain messages (docs/channels.md)
    if [ -n "${SLACK_CHANNEL:-}" ]; then printf '  slack_channel: ${SLACK_CHANNEL}\n' >>"$out"; fi
  fi
  echo "$out"
}

# endpoints.yml with the action server on ACTIONS_PORT (5055 unless set).
endpoints_file() {
  local out="$ROOT/.rasa/endpoints.run.yml"
  mkdir -p "$ROOT/.rasa"
  sed "s#127.0.0.1:5055#127.0.0.1:${ACTIONS_PORT:-5055}#" "$ROOT/endpoints.yml" >"$out"
  # The action server asks for this token when it is set (actions/server.py); Rasa sends it.
  if [ -n "${CHARLEY_ACTIONS_TOKEN:-}" ]; then
    sed -i "s#^\(  url: .*/webhook.*\)\$#\1\n  token: \"${CHARLEY_ACTIONS_TOKEN}\"#" "$out"
  fi
  echo "$out"
}
