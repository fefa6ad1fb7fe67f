"""Session fixtures of the MLflow conformance suite.

Every test file holds a list `SCENARIOS` and one test function taking `scenario`, `target` and
`conformance`; `pytest_generate_tests` runs each scenario once per target
(`test_runs.py::test_runs[log_batch-ours-sqlite]`).

- On `reference-sqlite` the scenario runs against `mlflow server` and its golden expectations
  (a few fields written in the scenario's `expect`) are checked.
- On `ours-sqlite` / `ours-postgres` the scenario runs against our server and its normalized
  result must equal the reference's, field by field; ours must also never answer a 5xx.

Servers start lazily (the first test that needs one) and stop at the end of the session. The
normalized results of every target are written to `conformance/mlflow/.out/<target>/` (git-
ignored), with `timings.json` (server start-up and scenario seconds).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# Before mlflow is imported: no telemetry, and no retry loops (a 5xx must fail fast, not stall).
os.environ.update(
    {
        "MLFLOW_DISABLE_TELEMETRY": "true",
        "DO_NOT_TRACK": "true",
        "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0",
        "MLFLOW_HTTP_REQUEST_TIMEOUT": "60",
        "MLFLOW_ENABLE_ASYNC_LOGGING": "false",
        "MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT": "true",
    }
)
for _name in ("MLFLOW_TRACKING_URI", "MLFLOW_EXPERIMENT_ID", "MLFLOW_EXPERIMENT_NAME", "MLFLOW_RUN_ID"):
    os.environ.pop(_name, None)

import pytest  # noqa: E402
import requests  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / ".out"
sys.path.insert(0, str(HERE))

import harness  # noqa: E402
import servers  # noqa: E402

TARGETS_ENV = "MLFLOW_CONFORMANCE_TARGETS"


def selected_targets() -> list[str]:
    raw = os.environ.get(TARGETS_ENV, "").strip()
    if not raw:
        return list(servers.ALL_TARGETS)
    chosen = [t.strip() for t in raw.split(",") if t.strip()]
    unknown = [t for t in chosen if t not in servers.KNOWN_TARGETS]
    if unknown:
        raise pytest.UsageError(f"{TARGETS_ENV}: unknown target(s) {unknown}; known: {', '.join(servers.KNOWN_TARGETS)}")
    return chosen


TARGETS = selected_targets()

# Every 5xx any server answers during the session, as "<url> -> <status>" (checked for ours).
SERVER_ERRORS: list[str] = []
_send = requests.Session.send


def _recording_send(self, request, **kwargs):
    response = _send(self, request, **kwargs)
    if response.status_code >= 500:
        SERVER_ERRORS.append(f"{request.url} -> {request.method} {response.status_code}")
    return response


requests.Session.send = _recording_send


def pytest_generate_tests(metafunc):
    if {"scenario", "target"} <= set(metafunc.fixturenames):
        scenarios = metafunc.module.SCENARIOS
        metafunc.parametrize("scenario", scenarios, ids=[s.id for s in scenarios])
        metafunc.parametrize("target", TARGETS)


class Conformance:
    """Owns the servers and the per-(scenario, target) results of the session."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.servers: dict[str, servers.Server] = {}
        self.start_errors: dict[str, str] = {}
        self.results: dict[tuple[str, str], harness.Result] = {}

    def server(self, target: str) -> servers.Server:
        if target in self.start_errors:
            pytest.fail(self.start_errors[target], pytrace=False)
        if target not in self.servers:
            folder = self.workdir / target
            folder.mkdir()
            try:
                self.servers[target] = servers.start(target, folder)
            except Exception as err:
                self.start_errors[target] = f"{target} did not start: {err}"
            if target in self.start_errors:
                pytest.fail(self.start_errors[target], pytrace=False)
        return self.servers[target]

    def result(self, sc: harness.Scenario, target: str) -> harness.Result:
        key = (sc.key, target)
        if key not in self.results:
            server = self.server(target)
            tmp = self.workdir / "scenarios" / target / sc.key
            result = harness.run_scenario(sc, target, server.url, tmp, server.workdir, SERVER_ERRORS)
            self.results[key] = result
            folder = OUT / target
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / f"{sc.key}.json", "w", encoding="utf-8") as f:
                json.dump(result.steps, f, indent=2, ensure_ascii=False)
        return self.results[key]

    def check(self, sc: harness.Scenario, target: str) -> None:
        if target == servers.REFERENCE:
            self.check_reference(sc)
            return
        if target != servers.REFERENCE_TWIN and not servers.ours_available():
            pytest.skip(servers.OURS_MISSING)
        reference = self.result(sc, servers.REFERENCE)
        if reference.raised:
            pytest.fail(f"the reference run of {sc.key} failed, nothing to compare with:\n{reference.raised}", pytrace=False)
        ours = self.result(sc, target)
        twin = target == servers.REFERENCE_TWIN  # checks determinism only, not our 5xx rules
        problems = []
        if ours.server_errors and not twin:
            problems.append(harness.report(ours.server_errors, f"ours answered 5xx ({len(ours.server_errors)}):"))
        lines = harness.diff(reference.steps, ours.steps, ours_rules=not twin)
        if lines:
            problems.append(
                harness.report(
                    lines,
                    f"{target} differs from {servers.REFERENCE} in {sc.key} "
                    f"(full results: .out/{servers.REFERENCE}/{sc.key}.json, .out/{target}/{sc.key}.json):",
                )
            )
        if ours.raised:
            problems.append(f"the scenario raised against {target}:\n{ours.raised[-3000:]}")
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)

    def check_reference(self, sc: harness.Scenario) -> None:
        result = self.result(sc, servers.REFERENCE)
        if result.raised:
            pytest.fail(f"scenario {sc.key} raised against the reference:\n{result.raised}", pytrace=False)
        lines = harness.subset_mismatches(sc.expect, result.steps)
        if lines:
            pytest.fail(
                harness.report(lines, f"reference result of {sc.key} is not what the suite expects (.out/{servers.REFERENCE}/{sc.key}.json):"),
                pytrace=False,
            )

    def timings(self) -> dict:
        scenarios: dict[str, dict[str, float]] = {}
        for (key, target), result in self.results.items():
            scenarios.setdefault(target, {})[key] = round(result.seconds, 3)
        return {
            "startup_seconds": {t: round(s.startup_seconds, 2) for t, s in self.servers.items()},
            "scenario_seconds_total": {t: round(sum(v.values()), 2) for t, v in scenarios.items()},
            "scenario_seconds": scenarios,
        }

    def close(self) -> None:
        for server in self.servers.values():
            server.stop()
        if self.results:
            OUT.mkdir(exist_ok=True)
            with open(OUT / "timings.json", "w", encoding="utf-8") as f:
                json.dump(self.timings(), f, indent=2)


@pytest.fixture(scope="session")
def conformance(tmp_path_factory):
    session = Conformance(tmp_path_factory.mktemp("mlflow-conformance"))
    try:
        yield session
    finally:
        session.close()
