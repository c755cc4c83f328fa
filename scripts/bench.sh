#!/usr/bin/env bash
# The benchmark (docs/benchmarks.md): the stock `rasa init` bot against Charley, trained, started
# and measured in one run, plus Charley's understanding and triage quality. Code: scripts/bench/.
#   bash scripts/bench.sh           full run (about 15 min): docs/benchmarks.md, docs/benchmarks/*.png,
#                                   results/bench.json
#   bash scripts/bench.sh --smoke   every part on little data (a few minutes): results/bench-smoke/;
#                                   exits non-zero if any part fails, never on a speed target
source "$(dirname "$0")/common.sh"
cd "$ROOT"
bash scripts/setup.sh
exec "$PY" -m scripts.bench "$@"
