"""Scenarios, their context, normalization and the field-by-field comparison.

A scenario is a function `fn(ctx)` that drives one server through the official client (or raw
HTTP) and records what it sees, step by step, with `ctx.record(step, value)`. The recorded
steps are normalized once the scenario ends:

- run ids (32 hex) and experiment ids become placeholders: `<run:parent>` / `<exp:main>` for
  ids the scenario named (`ctx.run_id(id, "parent")`), `<run#2>` / `<exp#1>` for the others,
  numbered in order of first appearance; the Default experiment keeps its id `"0"`;
- times (`start_time`, `creation_time`, `timestamp`, ...) within a week of now become `<now>`
  (explicit small timestamps the scenario logged stay as they are, so units are still checked);
- run names the server generated (`adjective-noun-123`) become `<generated>`;
- the host part of artifact URIs (`mlflow-artifacts://127.0.0.1:5000/...`) becomes `<host>`;
- NaN and infinities become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.

Raw HTTP answers are recorded as outcomes: the HTTP status class and the error code the Python
client would see (a non-JSON 404 is `ENDPOINT_NOT_FOUND`, as `verify_rest_response` reads it).
"""

from __future__ import annotations

import http.client
import json
import math
import re
import time
import traceback
import urllib.parse
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

EXP_ID_KEYS = {"experiment_id"}
TIME_KEYS = {
    "start_time",
    "end_time",
    "creation_time",
    "last_update_time",
    "timestamp",
    "deleted_time",
    "creation_timestamp",
    "last_updated_timestamp",
}
NAME_KEYS = {"run_name", "mlflow.runName", "tags.mlflow.runName"}
NOW_WINDOW_MS = 7 * 24 * 3600 * 1000
HEX32 = re.compile(r"\b[0-9a-f]{32}\b")
GENERATED_NAME = re.compile(r"^[a-z]+-[a-z]+-\d{1,3}$")
URI_HOST = re.compile(r"^([a-z][a-z0-9+.-]*://)(127\.0\.0\.1|localhost)(:\d+)?")
ARTIFACT_EXP = re.compile(r"^(mlflow-artifacts:(?://<host>)?/)([^/]+)(/|$)")
PROXY_EXP = re.compile(r"(/api/2\.0/mlflow-artifacts/artifacts/)([^/?]+)(/|$)")
OUTCOME = "~outcome"
OUTCOME_META = (OUTCOME, "http", "error_code", "status", "also_ok")
# 501 NOT_IMPLEMENTED is protocol, not failure: clients do not retry it, and the multipart
# routes answer it to make the client fall back to a plain PUT (spec §3.8).
NOT_IMPLEMENTED = 501
MAX_DIFF_LINES = 40

# ---------------------------------------------------------------- entities -> plain values


def plain(value: Any) -> Any:
    """Turns MLflow entities, pandas frames and paged lists into plain JSON-like values."""
    from mlflow.entities import (
        Dataset,
        DatasetInput,
        Experiment,
        FileInfo,
        Metric,
        Run,
        RunData,
        RunInfo,
        RunInputs,
        RunOutputs,
    )
    from mlflow.store.entities.paged_list import PagedList

    if isinstance(value, PagedList):
        return {"items": [plain(v) for v in value], "has_next_page": bool(value.token)}
    if isinstance(value, Experiment):
        return {
            "experiment_id": value.experiment_id,
            "name": value.name,
            "artifact_location": value.artifact_location,
            "lifecycle_stage": value.lifecycle_stage,
            "creation_time": value.creation_time,
            "last_update_time": value.last_update_time,
            "tags": dict(sorted(value.tags.items())),
        }
    if isinstance(value, Run):
        return {
            "info": plain(value.info),
            "data": plain(value.data),
            "inputs": plain(value.inputs),
            "outputs": plain(value.outputs),
        }
    if isinstance(value, RunInfo):
        return {
            "run_id": value.run_id,
            "run_name": value.run_name,
            "experiment_id": value.experiment_id,
            "user_id": value.user_id,
            "status": value.status,
            "start_time": value.start_time,
            "end_time": value.end_time,
            "artifact_uri": value.artifact_uri,
            "lifecycle_stage": value.lifecycle_stage,
        }
    if isinstance(value, RunData):
        metrics = sorted(value._metric_objs, key=lambda m: m.key)
        return {
            "metrics": {m.key: {"value": plain(m.value), "step": m.step, "timestamp": m.timestamp} for m in metrics},
            "params": dict(sorted(value.params.items())),
            "tags": dict(sorted(value.tags.items())),
        }
    if isinstance(value, RunInputs):
        inputs = sorted((plain(d) for d in value.dataset_inputs), key=lambda d: (d["dataset"]["name"], d["dataset"]["digest"]))
        return {"dataset_inputs": inputs, "model_inputs": [m.model_id for m in value.model_inputs or []]}
    if isinstance(value, RunOutputs):
        return {"model_outputs": [(m.model_id, m.step) for m in value.model_outputs or []]}
    if isinstance(value, DatasetInput):
        return {"dataset": plain(value.dataset), "tags": {t.key: t.value for t in sorted(value.tags, key=lambda t: t.key)}}
    if isinstance(value, Dataset):
        return {
            "name": value.name,
            "digest": value.digest,
            "source_type": value.source_type,
            "source": value.source,
            "schema": value.schema,
            "profile": value.profile,
        }
    if isinstance(value, Metric):
        return {"key": value.key, "value": plain(value.value), "timestamp": value.timestamp, "step": value.step}
    if isinstance(value, FileInfo):
        return {"path": value.path, "is_dir": value.is_dir, "file_size": value.file_size}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "to_dict") and hasattr(value, "columns"):  # pandas.DataFrame
        return frame(value)
    if hasattr(value, "isoformat"):  # datetimes, pandas Timestamps
        return "<datetime>"
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    raise TypeError(f"cannot record a {type(value).__name__}: {value!r}")


def frame(df) -> dict:
    """A DataFrame as sorted columns and row dicts (column order is not part of the contract)."""
    import pandas as pd

    columns = sorted(df.columns)
    rows = []
    for _, row in df.iterrows():
        out = {}
        for c in columns:
            v = row[c]
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
                out[c] = None
            else:
                out[c] = plain(v)
        rows.append(out)
    return {"columns": columns, "rows": rows}


# ---------------------------------------------------------------- ids and normalization


class Ids:
    """Placeholders for server-chosen ids, stable across targets."""

    def __init__(self) -> None:
        self.runs: dict[str, str] = {}
        self.exps: dict[str, str] = {"0": "0"}

    def name_run(self, run_id: str, name: str) -> str:
        self.runs.setdefault(run_id, f"<run:{name}>")
        return run_id

    def name_exp(self, exp_id: str, name: str) -> str:
        self.exps.setdefault(str(exp_id), f"<exp:{name}>")
        return exp_id

    def run(self, run_id: str) -> str:
        if run_id not in self.runs:
            self.runs[run_id] = f"<run#{len(self.runs) + 1}>"
        return self.runs[run_id]

    def exp(self, exp_id: str) -> str:
        exp_id = str(exp_id)
        if exp_id not in self.exps:
            self.exps[exp_id] = f"<exp#{len(self.exps)}>"
        return self.exps[exp_id]

    def discover(self, value: Any, key: str | None = None) -> None:
        """Numbers ids in order of first appearance (walking the recorded steps in order)."""
        if isinstance(value, dict):
            if value.get(OUTCOME):
                return
            for k, v in value.items():
                self.discover(v, k)
        elif isinstance(value, list):
            for v in value:
                self.discover(v, key)
        elif isinstance(value, str):
            if key in EXP_ID_KEYS and value:
                self.exp(value)
            for match in HEX32.findall(value):
                self.run(match)


class Normalizer:
    def __init__(self, ids: Ids, now_ms: int):
        self.ids = ids
        self.now_ms = now_ms

    def __call__(self, value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            if value.get(OUTCOME):
                return {k: (v if k in OUTCOME_META else self(v, k)) for k, v in value.items()}
            return {self.text(str(k)): self(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v, key) for v in value]
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            if key in TIME_KEYS and abs(value - self.now_ms) < NOW_WINDOW_MS:
                return "<now>"
            return value
        if isinstance(value, str):
            if key in EXP_ID_KEYS and value:
                return self.ids.exp(value)
            if key in NAME_KEYS and GENERATED_NAME.match(value):
                return "<generated>"
            return self.text(value)
        return value

    def text(self, value: str) -> str:
        value = URI_HOST.sub(lambda m: f"{m.group(1)}<host>", value)
        value = HEX32.sub(lambda m: self.ids.run(m.group(0)), value)
        value = ARTIFACT_EXP.sub(self.known_exp, value)
        return PROXY_EXP.sub(self.known_exp, value)

    def known_exp(self, m: re.Match) -> str:
        """The experiment segment of an artifact URI, when it is a known experiment id."""
        exp = self.ids.exps.get(m.group(2))
        return f"{m.group(1)}{exp}{m.group(3)}" if exp else m.group(0)


# ---------------------------------------------------------------- raw HTTP outcomes


def client_error_code(response: requests.Response) -> str | None:
    """The error code the Python client derives from a failed response (None on success)."""
    from mlflow.exceptions import MlflowException
    from mlflow.utils.rest_utils import verify_rest_response

    if response.status_code == 200:
        return None
    try:
        verify_rest_response(response, "/api/2.0/mlflow/conformance")
    except MlflowException as err:
        return err.error_code
    return None


def outcome(response: requests.Response, body: bool = False) -> dict:
    status = response.status_code
    result: dict[str, Any] = {OUTCOME: True, "http": f"{status // 100}xx", "error_code": client_error_code(response)}
    if body and status == 200:
        try:
            result["body"] = response.json()
        except ValueError:
            result["body"] = response.text
    result["status"] = status  # exact status: shown in diffs, not compared
    return result


# ---------------------------------------------------------------- scenario context


@dataclass
class Scenario:
    id: str  # the test id, unique within its file
    key: str  # unique in the suite: "<file without test_>.<id>", e.g. "runs.delete_restore"
    fn: Callable[[Ctx], None]
    expect: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return self.key


def scenario(registry: list[Scenario], expect: dict | None = None):
    """Registers `fn` as a scenario; `expect` = golden values (subset) checked on the reference."""

    def register(fn):
        group = fn.__module__.rsplit(".", 1)[-1].removeprefix("test_")
        registry.append(Scenario(fn.__name__, f"{group}.{fn.__name__}", fn, expect or {}))
        return fn

    return register


class Ctx:
    """What a scenario gets: the target's URL, an `MlflowClient`, a temp folder and a recorder."""

    def __init__(self, target: str, url: str, tmp: Path, scenario_id: str, server_dir: Path, server_errors: list):
        from mlflow import MlflowClient

        self.target = target
        self.url = url
        self.tmp = tmp
        self.server_dir = server_dir  # the server's own folder (database, artifacts, log)
        self.server_errors = server_errors
        self.scenario_id = scenario_id
        self.client = MlflowClient(url)
        self.ids = Ids()
        self.steps: dict[str, Any] = {}

    # --- recording
    def record(self, step: str, value: Any) -> Any:
        if step in self.steps:
            raise ValueError(f"step {step!r} recorded twice")
        self.steps[step] = plain(value)
        return value

    def run_id(self, run_id: str, name: str) -> str:
        return self.ids.name_run(run_id, name)

    def exp_id(self, exp_id: str, name: str) -> str:
        return self.ids.name_exp(exp_id, name)

    def attempt(self, step: str, fn: Callable[[], Any]) -> Any:
        """Records the value of `fn()`, or the error code of the MlflowException it raises."""
        from mlflow.exceptions import MlflowException

        try:
            value = fn()
        except MlflowException as err:
            self.record(step, {"raised": err.error_code})
            return None
        self.record(step, {"returned": value})
        return value

    # --- raw HTTP
    def http(self, method: str, path: str, step: str | None = None, body: bool = False, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 60)
        response = requests.request(method, self.url + path, **kwargs)
        if step is not None:
            self.steps[step] = outcome(response, body=body)
        return response

    def wire(self, method: str, path: str, step: str | None = None, body: bytes | None = None, headers: dict | None = None) -> requests.Response:
        """Sends `path` byte for byte (requests would resolve `..` and unquote `%2E` first)."""
        parsed = urllib.parse.urlsplit(self.url)
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for name, value in {"Content-Length": str(len(body or b"")), **(headers or {})}.items():
                connection.putheader(name, value)
            connection.endheaders(body)
            answer = connection.getresponse()
            response = requests.Response()
            response.status_code = answer.status
            response.headers = requests.structures.CaseInsensitiveDict(answer.getheaders())
            response._content = answer.read()
            response.url = self.url + path
        finally:
            connection.close()
        if response.status_code >= 500:
            self.server_errors.append(f"{response.url} -> {method} {response.status_code}")
        if step is not None:
            self.steps[step] = outcome(response)
        return response

    def also_ok(self, step: str, *answers: tuple[str, str | None], why: str) -> None:
        """Lets ours give one of `answers` ((status class, error code)) instead of the
        reference's answer at `step`: where the reference is wrong or answers in a non-MLflow
        shape, and the spec asks for the better answer. `why` says so in the results."""
        self.steps[step]["also_ok"] = {"answers": [list(a) for a in answers], "why": why}

    def post(self, path: str, payload: Any, step: str | None = None, **kwargs) -> requests.Response:
        return self.http("POST", "/api/2.0/mlflow/" + path, step, json=payload, **kwargs)

    def get(self, path: str, params: dict | None = None, step: str | None = None, **kwargs) -> requests.Response:
        return self.http("GET", "/api/2.0/mlflow/" + path, step, params=params, **kwargs)

    # --- helpers
    def new_experiment(self, name: str, label: str | None = None, **kwargs) -> str:
        exp_id = self.client.create_experiment(name, **kwargs)
        return self.exp_id(exp_id, label or name)

    def new_run(self, exp_id: str, label: str, **kwargs) -> str:
        run = self.client.create_run(exp_id, **kwargs)
        return self.run_id(run.info.run_id, label)

    def normalized(self) -> dict[str, Any]:
        now_ms = int(time.time() * 1000)
        for v in self.steps.values():
            self.ids.discover(v)
        return Normalizer(self.ids, now_ms)(self.steps)


@dataclass
class Result:
    target: str
    steps: dict[str, Any]
    raised: str | None
    server_errors: list[str]
    seconds: float


def run_scenario(sc: Scenario, target: str, url: str, tmp: Path, server_dir: Path, server_errors: list) -> Result:
    import mlflow

    tmp.mkdir(parents=True, exist_ok=True)
    mlflow.set_tracking_uri(url)
    reset_fluent_state()
    ctx = Ctx(target, url, tmp, sc.key, server_dir, server_errors)
    first_error = len(server_errors)
    started = time.monotonic()
    raised = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas / mlflow deprecation noise
            sc.fn(ctx)
    except Exception as err:  # recorded and compared: where ours diverges is part of the result
        raised = "".join(traceback.format_exception(err))
        ctx.steps["<raised>"] = f"{type(err).__name__}: {err}"[:500]
    finally:
        reset_fluent_state()
    seconds = time.monotonic() - started
    mine = [e for e in server_errors[first_error:] if e.startswith(url) and not e.endswith(f" {NOT_IMPLEMENTED}")]
    return Result(target, ctx.normalized(), raised, mine, seconds)


def reset_fluent_state() -> None:
    import mlflow
    from mlflow.tracking import fluent

    while mlflow.active_run() is not None:
        mlflow.end_run()
    fluent._active_experiment_id = None
    fluent._last_active_run_id.set(None)


# ---------------------------------------------------------------- comparison


def fmt(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def key_path(path: str, key: Any) -> str:
    if isinstance(key, str) and re.fullmatch(r"[A-Za-z_<][\w:#>-]*", key):
        return f"{path}.{key}" if path else key
    return f"{path}[{key!r}]"


def same_scalar(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def diff(ref: Any, ours: Any, path: str = "", ours_rules: bool = True) -> list[str]:
    """Differences between the reference's and our normalized values, one line each.

    `ours_rules`: where the reference answers a 5xx (other than 501), ours must answer 4xx
    instead of the same. Off when a second reference server stands in for ours."""
    if isinstance(ref, dict) and ref.get(OUTCOME) and isinstance(ours, dict) and ours.get(OUTCOME):
        return diff_outcome(ref, ours, path, ours_rules)
    if isinstance(ref, dict) and isinstance(ours, dict):
        lines = []
        for k in ref:
            if k not in ours:
                lines.append(f"{key_path(path, k)}: missing in ours (reference {fmt(ref[k])})")
            else:
                lines.extend(diff(ref[k], ours[k], key_path(path, k), ours_rules))
        for k in ours:
            if k not in ref:
                lines.append(f"{key_path(path, k)}: only in ours ({fmt(ours[k])})")
        return lines
    if isinstance(ref, list) and isinstance(ours, list):
        lines = []
        if len(ref) != len(ours):
            lines.append(f"{path}: {len(ref)} items in the reference, {len(ours)} in ours")
        for i, (a, b) in enumerate(zip(ref, ours)):
            lines.extend(diff(a, b, f"{path}[{i}]", ours_rules))
        return lines
    if same_scalar(ref, ours):
        return []
    return [f"{path}: reference {fmt(ref)}, ours {fmt(ours)}"]


def diff_outcome(ref: dict, ours: dict, path: str, ours_rules: bool) -> list[str]:
    if ours_rules and ref["http"] == "5xx" and ref["status"] != NOT_IMPLEMENTED:
        # The reference itself fails with a 5xx here; ours must answer a client error instead.
        if ours["http"] != "4xx":
            return [f"{path}: the reference answers {ref['status']} {ref['error_code']}; ours must answer 4xx, got {ours['status']} {ours['error_code']}"]
        return []
    lines = []
    accepted = [[ref["http"], ref["error_code"]], *ref.get("also_ok", {}).get("answers", [])]
    if [ours["http"], ours["error_code"]] not in accepted:
        lines.append(
            f"{path}: reference {ref['status']} {ref['error_code'] or 'OK'}, ours {ours['status']} {ours['error_code'] or 'OK'}"
        )
    rest = lambda o: {k: v for k, v in o.items() if k not in OUTCOME_META}  # noqa: E731
    return lines + diff(rest(ref), rest(ours), path, ours_rules)


def subset_mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Golden checks: every expected field must be there with that value (extra fields are fine)."""
    if callable(expected):
        return [] if expected(actual) else [f"{path}: {fmt(actual)} does not satisfy {getattr(expected, '__doc__', None) or expected}"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {fmt(actual)}"]
        lines = []
        for k, v in expected.items():
            if k not in actual:
                lines.append(f"{key_path(path, k)}: missing (expected {fmt(v)})")
            else:
                lines.extend(subset_mismatches(v, actual[k], key_path(path, k)))
        return lines
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {fmt(expected)}, got {fmt(actual)}"]
        return [line for i, (e, a) in enumerate(zip(expected, actual)) for line in subset_mismatches(e, a, f"{path}[{i}]")]
    return [] if same_scalar(expected, actual) else [f"{path}: expected {fmt(expected)}, got {fmt(actual)}"]


def report(lines: list[str], header: str) -> str:
    shown = lines[:MAX_DIFF_LINES]
    more = f"\n  ... and {len(lines) - len(shown)} more" if len(lines) > len(shown) else ""
    return header + "\n" + "\n".join(f"  {line}" for line in shown) + more
