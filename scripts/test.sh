#!/usr/bin/env bash
# The whole test suite: validate data, train if needed, run every pytest suite, then the
# dialogue test stories. Extra arguments go to pytest.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
bash scripts/setup.sh

echo "== ruff"
"$VENV/bin/ruff" check bot actions harness tests scripts
"$VENV/bin/ruff" format --check --quiet bot actions harness tests scripts
echo "== rasa data validate"
validate_data
echo "== rasa train (skipped when nothing changed)"
train_if_needed

echo "== pytest"
set +e
# the slowest tests are listed at the end, so a CI log shows where the time goes
"$PY" -m pytest --durations=25 "$@"
status=$?
set -e
# pytest exits 5 when it collected nothing; an empty suite is a failure here too.
[ "$status" -eq 0 ] || exit "$status"

echo "== rasa test core (dialogue stories)"
"$PY" -m rasa test core --model "$MODEL" --stories tests/stories --endpoints endpoints.yml \
  --out results/core --fail-on-prediction-errors >"$ROOT/.rasa-test.log" 2>&1 \
  || { tail -60 "$ROOT/.rasa-test.log"; echo "rasa test core failed"; exit 1; }
grep -E "Correct|Failed|accuracy" results/core/*.txt 2>/dev/null | head -5 || true
echo "All tests passed."
