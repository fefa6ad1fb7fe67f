#!/usr/bin/env bash
# Runs the conformance suites (conformance/) against the official Python packages, in two venvs
# because MLflow's and DSPy's pins may conflict:
#   conformance/ except mlflow/  in .venv         from conformance/dspy/requirements.txt
#   conformance/mlflow           in .venv-mlflow  from conformance/mlflow/requirements.txt
# Creates a venv when missing and (re)installs its requirements whenever that file changes (hash
# kept in the venv); installs the npm workspace when node_modules is missing. Quiet on success
# except for pytest's summaries; runs both suites and fails if either fails (exit code of the
# first failing suite). Run from anywhere; works on a clean clone.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_quietly() {
  if ! "$@" >"$log" 2>&1; then
    echo "conformance: command failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}

# ensure_venv <venv> <requirements>: the venv exists and holds exactly what <requirements> pins.
ensure_venv() {
  local venv=$1 requirements=$2
  local stamp="$venv/.conformance-requirements.sha256"
  if [ ! -x "$venv/bin/python" ]; then
    run_quietly python3 -m venv "$venv"
  fi
  local wanted
  wanted=$("$venv/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$requirements")
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]; then
    run_quietly "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" >"$stamp"
  fi
}

ensure_venv .venv conformance/dspy/requirements.txt
ensure_venv .venv-mlflow conformance/mlflow/requirements.txt

if [ ! -x node_modules/.bin/tsx ]; then
  run_quietly npm install --no-audit --no-fund
fi

status=0
set +e
.venv/bin/python -m pytest conformance -q -p no:cacheprovider --ignore=conformance/mlflow
dspy_status=$?
.venv-mlflow/bin/python -m pytest conformance/mlflow -q -p no:cacheprovider
mlflow_status=$?
set -e
if [ "$dspy_status" -ne 0 ]; then
  status=$dspy_status
elif [ "$mlflow_status" -ne 0 ]; then
  status=$mlflow_status
fi
exit "$status"
