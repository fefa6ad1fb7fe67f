"""Session fixtures of the DSPy conformance suite.

The TypeScript side runs once per mode (`npx tsx conformance/dspy/ts_runner.ts <mode> ...`,
from the repository root); the Python side runs in-process from `python_side.py`. Results of
both sides are also written to `conformance/dspy/.out/` (git-ignored) for inspection.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CASES = HERE / "cases"
OUT = HERE / ".out"
PARSE_CASES = HERE / "parse_cases.json"
RUNNER = HERE / "ts_runner.ts"
TS_TIMEOUT_SECONDS = 600

sys.path.insert(0, str(HERE))
import python_side  # noqa: E402


def load_cases(name: str) -> list[dict[str, Any]]:
    return python_side.load_cases(CASES / name)


def run_ts(mode: str, cases_path: Path, workdir: Path | None = None) -> dict[str, Any]:
    """Runs the TypeScript runner for one mode; `{"runner_error": ...}` when it fails."""
    OUT.mkdir(exist_ok=True)
    out_path = OUT / f"ts_{mode}.json"
    out_path.unlink(missing_ok=True)
    command = ["npx", "tsx", str(RUNNER.relative_to(REPO_ROOT)), mode, str(cases_path), str(out_path)]
    if workdir is not None:
        command.append(str(workdir))
    try:
        completed = subprocess.run(
            command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=TS_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return {"runner_error": f"{' '.join(command)}: {err}"}
    if completed.returncode != 0 or not out_path.exists():
        output = (completed.stderr or "") + (completed.stdout or "")
        return {"runner_error": f"{' '.join(command)} exited with {completed.returncode}:\n{output[-4000:]}"}
    with open(out_path, encoding="utf-8") as f:
        return json.load(f)


def save_python_results(mode: str, results: dict[str, Any]) -> None:
    OUT.mkdir(exist_ok=True)
    python_side.write_json(OUT / f"py_{mode}.json", results)


@pytest.fixture(scope="session")
def ts_format() -> dict[str, Any]:
    return run_ts("format", CASES / "format_cases.json")


@pytest.fixture(scope="session")
def ts_parse() -> dict[str, Any]:
    if not PARSE_CASES.exists():
        pytest.skip(f"{PARSE_CASES.name} is not there yet")
    return run_ts("parse", PARSE_CASES)


@pytest.fixture(scope="session")
def ts_programs() -> dict[str, Any]:
    return run_ts("programs", CASES / "program_cases.json")


@pytest.fixture(scope="session")
def state_run() -> dict[str, Any]:
    """Python saves every state case first (`py_<id>.json`); then the TypeScript runner saves its
    own (`ts_<id>.json`), formats its prompts and loads the Python files."""
    workdir = OUT / "state"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    python: dict[str, Any] = {}
    for case in load_cases("state_cases.json"):
        try:
            python[case["id"]] = python_side.python_save(case, workdir)
        except Exception as err:  # a broken case fails its own tests, not the session
            python[case["id"]] = {"case_error": python_side.error_result(err)}
    save_python_results("state", python)
    ts = run_ts("state", CASES / "state_cases.json", workdir)
    return {"workdir": workdir, "python": python, "ts": ts}
