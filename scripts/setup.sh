#!/usr/bin/env bash
# Idempotent install into .venv from the fully pinned locks (requirements/: runtime plus test
# tools), on Python 3.10.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

stamp="$VENV/.charley-lock-$(cat requirements/runtime.lock requirements/test.lock | sha256sum | cut -c1-16)"
if [ -f "$stamp" ]; then
  exit 0
fi

if [ ! -x "$PY" ] || ! "$PY" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
  PYTHON310="$(find_python310)" || {
    cat >&2 <<'MSG'
Charley needs Python 3.10 (Rasa Open Source 3.6 supports Python 3.8-3.10 only).
Install it, for example with `pyenv install 3.10.13`, or point CHARLEY_PYTHON at a python3.10.
MSG
    exit 1
  }
  echo "Creating .venv with $PYTHON310"
  rm -rf "$VENV"
  "$PYTHON310" -m venv "$VENV"
fi

echo "Installing pinned dependencies (first time: a few minutes)..."
"$PY" -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
"$PY" -m pip install --quiet --disable-pip-version-check -r requirements/test.lock
"$PY" -m pip check
rm -f "$VENV"/.charley-lock-*
touch "$stamp"
echo "Install complete."
