#!/usr/bin/env bash
# Runs the conformance suites (conformance/) against the official Python packages.
# Creates .venv when missing and (re)installs conformance/dspy/requirements.txt whenever it
# changes; installs the npm workspace when node_modules is missing. Quiet on success except for
# pytest's summary; exits with pytest's exit code. Run from anywhere; works on a clean clone.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv=.venv
requirements=conformance/dspy/requirements.txt
stamp="$venv/.conformance-requirements.sha256"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_quietly() {
  if ! "$@" >"$log" 2>&1; then
    echo "conformance: command failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}

if [ ! -x "$venv/bin/python" ]; then
  run_quietly python3 -m venv "$venv"
fi

wanted=$("$venv/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$requirements")
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]; then
  run_quietly "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" >"$stamp"
fi

if [ ! -x node_modules/.bin/tsx ]; then
  run_quietly npm ci --no-audit --no-fund
fi

set +e
"$venv/bin/python" -m pytest conformance -q -p no:cacheprovider
status=$?
set -e
exit "$status"
