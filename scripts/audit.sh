#!/usr/bin/env bash
# pip-audit of requirements/*.lock (make audit). pip-audit runs from its own scratch venv, never
# from .venv, and checks the pinned versions as written (--no-deps --disable-pip: nothing is
# resolved or installed). Results and decisions: docs/security.md, "Dependency audit".
#
#   AUDIT_SERVICES  vulnerability services to try, in order (default "osv pypi"); the first one
#                   that audits every package is reported
#   AUDIT_IGNORE    advisory ids accepted in docs/security.md, space-separated (default: none)
#   AUDIT_VENV      where the scratch venv lives (default: $TMPDIR or /tmp, per pip-audit version)
#
# Exit codes: 0 nothing found, 1 advisories found, 2 no service could audit every package.
# --strict matters: without it, a service that cannot look a package up skips it, and a run
# that skipped every package still ends with "No known vulnerabilities found" and exit code 0.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

PIP_AUDIT_VERSION="2.10.1"
AUDIT_VENV="${AUDIT_VENV:-${TMPDIR:-/tmp}/charley-pip-audit-$PIP_AUDIT_VERSION}"
# The runtime lock and the test tools on top of it: pip-audit reads one flat file.
LOCK="$(mktemp)"
cat "$ROOT/requirements/runtime.lock" "$ROOT/requirements/test.lock" | grep -v '^-r ' >"$LOCK"

if [ "$("$AUDIT_VENV/bin/pip-audit" --version 2>/dev/null)" != "pip-audit $PIP_AUDIT_VERSION" ]; then
  PYTHON310="$(find_python310)" || { echo "audit: no Python 3.10 found (see scripts/setup.sh)" >&2; exit 2; }
  echo "Creating the pip-audit venv in $AUDIT_VENV"
  rm -rf "$AUDIT_VENV"
  "$PYTHON310" -m venv "$AUDIT_VENV"
  "$AUDIT_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pip-audit==$PIP_AUDIT_VERSION" \
    >"$AUDIT_VENV.install.log" 2>&1 || { cat "$AUDIT_VENV.install.log" >&2; exit 2; }
fi

ignore=()
for id in ${AUDIT_IGNORE:-}; do ignore+=(--ignore-vuln "$id"); done

report="$(mktemp)"
trap 'rm -f "$report" "$report.log" "$LOCK"' EXIT
for service in ${AUDIT_SERVICES:-osv pypi}; do
  echo "== pip-audit $PIP_AUDIT_VERSION, service $service: $LOCK ($(grep -c '==' "$LOCK") pins)"
  rm -f "$report"
  "$AUDIT_VENV/bin/pip-audit" --requirement "$LOCK" --no-deps --disable-pip --strict \
    --vulnerability-service "$service" --progress-spinner off --desc off --aliases on \
    --cache-dir "$AUDIT_VENV/http-cache" --format json --output "$report" "${ignore[@]}" \
    >"$report.log" 2>&1 || true
  if [ -s "$report" ]; then
    "$AUDIT_VENV/bin/python" - "$report" <<'PY'
import json, sys

data = json.load(open(sys.argv[1]))
rows = [
    (dep["name"], dep["version"], vuln["id"], ", ".join(vuln.get("aliases") or []) or "-",
     ", ".join(vuln.get("fix_versions") or []) or "none")
    for dep in data["dependencies"]
    for vuln in dep.get("vulns") or []
]
print(f"Audited {len(data['dependencies'])} packages: {len(rows)} advisories.")
if rows:
    header = ("package", "version", "advisory", "aliases", "fixed in")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    print("Decisions for each: docs/security.md, section 'Dependency audit'.")
sys.exit(1 if rows else 0)
PY
    exit $?
  fi
  # Why this service could not audit everything, without pip-audit's traceback.
  { grep -E "ERROR|Error:|Failed to resolve|not found" "$report.log" || true; } | tail -1 | cut -c1-240 | sed 's/^/   /'
  echo "   service $service could not audit every package"
done
echo "audit: no vulnerability service could audit requirements/*.lock (see docs/security.md)" >&2
exit 2
