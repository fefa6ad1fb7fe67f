"""Bad input, fed to both servers over raw HTTP: our answers must carry the reference's error
code and HTTP status class, and ours must never answer 5xx (where the reference itself answers
500, ours must answer 4xx). Accepted-but-odd input (NaN metrics, over-long values that are
truncated) is compared by what gets stored. Spec: mlflow-api.md §1.2, §2, §4, §10.3.
"""

from __future__ import annotations

import json
import os

from harness import scenario

SCENARIOS: list = []
PROXY = "/api/2.0/mlflow-artifacts/artifacts"
JSON = {"Content-Type": "application/json"}
UNKNOWN_RUN = "0123456789abcdef0123456789abcdef"
E400 = {"http": "4xx", "error_code": "INVALID_PARAMETER_VALUE"}
E404 = {"http": "4xx", "error_code": "RESOURCE_DOES_NOT_EXIST"}
OK = {"http": "2xx", "error_code": None}
REJECT = ("4xx", "INVALID_PARAMETER_VALUE")
NOT_FOUND_ROUTE = ("4xx", "ENDPOINT_NOT_FOUND")


def test_bad_input(scenario, target, conformance):
    conformance.check(scenario, target)


def setup(ctx) -> tuple[str, str]:
    """An experiment and a run of this scenario."""
    exp_id = ctx.new_experiment(ctx.scenario_id, "e")
    return exp_id, ctx.new_run(exp_id, "r", run_name="r", start_time=1000)


@scenario(
    SCENARIOS,
    expect={
        "empty": E400,
        "missing": E400,
        "too_long_501": E400,
        "max_500": OK,
        "duplicate": {"http": "4xx", "error_code": "RESOURCE_ALREADY_EXISTS"},
        "duplicate_of_deleted": {"http": "4xx", "error_code": "RESOURCE_ALREADY_EXISTS"},
        "location_runs_scheme": E400,
        "location_fragment": E400,
        "location_dotdot_query": E400,
        "rename_empty": E400,
        "rename_unknown": E404,
        "by_name_missing": E404,
    },
)
def experiment_names(ctx):
    ctx.post("experiments/create", {"name": ""}, "empty")
    ctx.post("experiments/create", {}, "missing")
    ctx.post("experiments/create", {"name": "n" * 501}, "too_long_501")
    ctx.post("experiments/create", {"name": "n" * 500}, "max_500")
    ctx.post("experiments/create", {"name": "   "}, "blank")
    ctx.post("experiments/create", {"name": 123}, "number_as_name")
    ctx.post("experiments/create", {"name": "bad-dup"}, "first")
    ctx.post("experiments/create", {"name": "bad-dup"}, "duplicate")
    gone = ctx.post("experiments/create", {"name": "bad-gone"}).json()["experiment_id"]
    ctx.post("experiments/delete", {"experiment_id": gone})
    ctx.post("experiments/create", {"name": "bad-gone"}, "duplicate_of_deleted")
    ctx.post("experiments/create", {"name": "bad-loc-1", "artifact_location": "runs:/abc/x"}, "location_runs_scheme")
    ctx.post("experiments/create", {"name": "bad-loc-2", "artifact_location": "mlflow-artifacts:/a#frag"}, "location_fragment")
    ctx.post("experiments/create", {"name": "bad-loc-3", "artifact_location": "s3://bucket/p?x=/../../y"}, "location_dotdot_query")
    ctx.post("experiments/create", {"name": "bad-loc-4", "artifact_location": "s3://bucket/p;params"}, "location_params")
    ctx.also_ok("location_params", REJECT, why="spec §10.3: no ;params in artifact locations (3.17 accepts)")
    ctx.post("experiments/create", {"name": "bad-loc-5", "artifact_location": "s3://b/" + "x" * 2048}, "location_too_long")
    ctx.post("experiments/create", {"name": "bad-tags-object", "tags": {"a": "b"}}, "tags_as_object")
    ctx.post("experiments/create", {"name": "bad-tags-key", "tags": [{"key": "a!b", "value": "1"}]}, "bad_tag_key_on_create")
    exp_id = ctx.post("experiments/create", {"name": "bad-rename"}).json()["experiment_id"]
    ctx.post("experiments/update", {"experiment_id": exp_id, "new_name": ""}, "rename_empty")
    ctx.post("experiments/update", {"experiment_id": exp_id, "new_name": "n" * 501}, "rename_too_long")
    ctx.post("experiments/update", {"experiment_id": exp_id}, "rename_missing_name")
    ctx.post("experiments/update", {"experiment_id": "987654", "new_name": "x"}, "rename_unknown")
    ctx.get("experiments/get-by-name", {"experiment_name": "bad-nope"}, "by_name_missing")
    ctx.get("experiments/get-by-name", {}, "by_name_no_param")


@scenario(
    SCENARIOS,
    expect={
        "param_key_bang": E400,
        "param_key_dotdot": E400,
        "param_key_absolute": E400,
        "param_key_double_slash": E400,
        "param_key_trailing_slash": E400,
        "param_key_empty": E400,
        "param_key_250": OK,
        "param_key_251": E400,
        "param_value_6001": OK,
        "tag_value_8001": OK,
        "stored_lengths": {"param_value_6001": 6000, "tag_value_8001": 8000},
        "exp_tag_value_20001": E400,
    },
)
def keys_and_values(ctx):
    exp_id, run_id = setup(ctx)

    def param(step, key, value="v"):
        ctx.post("runs/log-parameter", {"run_id": run_id, "key": key, "value": value}, step)

    param("param_key_bang", "a!b")
    param("param_key_dotdot", "../x")
    param("param_key_absolute", "/abs")
    param("param_key_double_slash", "a//b")
    param("param_key_trailing_slash", "a/")
    param("param_key_dot", "./x")
    param("param_key_empty", "")
    param("param_key_unicode", "ключ_ü")
    param("param_key_250", "k" * 250)
    param("param_key_251", "k" * 251)
    param("param_value_6000", "6000", "v" * 6000)
    param("param_value_6001", "6001", "v" * 6001)
    ctx.post("runs/log-parameter", {"run_id": run_id, "key": "no_value"}, "param_no_value")
    ctx.post("runs/log-parameter", {"run_id": run_id, "value": "v"}, "param_no_key")
    ctx.post("runs/set-tag", {"run_id": run_id, "key": "t" * 251, "value": "v"}, "tag_key_251")
    ctx.post("runs/set-tag", {"run_id": run_id, "key": "bad key!", "value": "v"}, "tag_key_bang")
    ctx.post("runs/set-tag", {"run_id": run_id, "key": "long", "value": "v" * 8001}, "tag_value_8001")
    ctx.post("runs/log-metric", {"run_id": run_id, "key": "m?", "value": 1, "timestamp": 1}, "metric_key_question")
    ctx.post("runs/log-metric", {"run_id": run_id, "key": "m" * 251, "value": 1, "timestamp": 1}, "metric_key_251")
    exp_tag = "experiments/set-experiment-tag"
    ctx.post(exp_tag, {"experiment_id": exp_id, "key": "k" * 251, "value": "v"}, "exp_tag_key_251")
    ctx.post(exp_tag, {"experiment_id": exp_id, "key": "bad/../key", "value": "v"}, "exp_tag_key_dotdot")
    ctx.post(exp_tag, {"experiment_id": exp_id, "key": "big", "value": "v" * 20000}, "exp_tag_value_20000")
    ctx.post(exp_tag, {"experiment_id": exp_id, "key": "bigger", "value": "v" * 20001}, "exp_tag_value_20001")
    run = ctx.get("runs/get", {"run_id": run_id}).json()["run"]
    params = {p["key"]: p.get("value", "") for p in run["data"].get("params", [])}
    tags = {t["key"]: t.get("value", "") for t in run["data"].get("tags", [])}
    ctx.record(
        "stored_lengths",
        {"param_value_6000": len(params.get("6000", "")), "param_value_6001": len(params.get("6001", "")), "tag_value_8001": len(tags.get("long", ""))},
    )
    ctx.record("stored_param_keys", sorted(k if len(k) < 50 else f"{k[0]}*{len(k)}" for k in params))


@scenario(
    SCENARIOS,
    expect={
        "nan": OK,
        "infinity": OK,
        "minus_infinity": OK,
        "not_a_number": E400,
        "missing_value": E400,
        "missing_timestamp": E400,
        "negative_timestamp": E400,
        "stored": {"nan": "NaN", "infinity": 1.7976931348623157e308, "minus_infinity": -1.7976931348623157e308},
    },
)
def metric_values(ctx):
    _, run_id = setup(ctx)

    def metric(name, value, **extra):
        body = {"run_id": run_id, "key": name, "timestamp": 5, "step": 0, **extra}
        if value is not ...:
            body["value"] = value
        ctx.post("runs/log-metric", body, name)

    metric("nan", "NaN")
    metric("infinity", "Infinity")
    metric("minus_infinity", "-Infinity")
    metric("numeric_string", "1.5")
    metric("not_a_number", "abc")
    metric("boolean", True)
    ctx.also_ok("boolean", REJECT, why="spec §4.2: metric values must not be booleans (3.17 stores 1.0)")
    metric("null_value", None)
    metric("missing_value", ...)
    metric("missing_timestamp", 1.0, timestamp=None)
    metric("negative_timestamp", 1.0, timestamp=-5)
    metric("string_timestamp", 1.0, timestamp="12")
    metric("bad_timestamp", 1.0, timestamp="soon")
    metric("float_step", 1.0, step=1.5)
    ctx.also_ok("float_step", REJECT, why="3.17 accepts step 1.5 and stores value 0.0 at step 0")
    metric("bad_step", 1.0, step="x")
    metric("huge", 1e308)
    metric("tiny", 5e-324)
    ctx.post("runs/log-batch", {"run_id": run_id, "metrics": [{"key": "batch_nan", "value": "NaN", "timestamp": 1}]}, "batch_nan")
    ctx.post("runs/log-batch", {"run_id": run_id, "metrics": [{"key": "batch_no_ts", "value": 1}]}, "batch_missing_timestamp")
    ctx.post("runs/log-batch", {"run_id": run_id, "metrics": [{"value": 1, "timestamp": 1}]}, "batch_missing_key")
    text = ctx.get("runs/get", {"run_id": run_id}).text
    metrics = json.loads(text, parse_constant=lambda c: f"<bare {c}>")["run"]["data"].get("metrics", [])
    metrics = [m for m in sorted(metrics, key=lambda m: m["key"]) if m["key"] not in ("boolean", "float_step")]
    ctx.record("stored", {m["key"]: m.get("value") for m in metrics})
    ctx.record("stored_steps", {m["key"]: m.get("step", 0) for m in metrics})


@scenario(
    SCENARIOS,
    expect={
        "same_value": OK,
        "changed": E400,
        "changed_in_batch": E400,
        "duplicate_keys_in_batch": E400,
        "stored": {"p": "1", "q": "1"},
    },
)
def param_changes(ctx):
    _, run_id = setup(ctx)
    ctx.post("runs/log-parameter", {"run_id": run_id, "key": "p", "value": "1"}, "first")
    ctx.post("runs/log-parameter", {"run_id": run_id, "key": "p", "value": "1"}, "same_value")
    ctx.post("runs/log-parameter", {"run_id": run_id, "key": "p", "value": "2"}, "changed")
    batch = "runs/log-batch"
    ctx.post(batch, {"run_id": run_id, "params": [{"key": "p", "value": "3"}, {"key": "q", "value": "x"}]}, "changed_in_batch")
    ctx.post(batch, {"run_id": run_id, "params": [{"key": "d", "value": "1"}, {"key": "d", "value": "2"}]}, "duplicate_keys_in_batch")
    ctx.post(batch, {"run_id": run_id, "params": [{"key": "d", "value": "1"}, {"key": "d", "value": "1"}]}, "duplicate_same_value_in_batch")
    ctx.post(batch, {"run_id": run_id, "params": [{"key": "q", "value": "1"}, {"key": "p", "value": "1"}]}, "same_value_in_batch")
    ctx.post(batch, {"run_id": run_id, "params": [{"value": "1"}]}, "batch_param_missing_key")
    run = ctx.get("runs/get", {"run_id": run_id}).json()["run"]
    ctx.record("stored", {p["key"]: p.get("value", "") for p in run["data"].get("params", [])})


@scenario(
    SCENARIOS,
    expect={
        "metrics_1000": OK,
        "metrics_1001": E400,
        "params_100": OK,
        "params_101": E400,
        "tags_100": OK,
        "tags_101": E400,
        "total_1001": E400,
        "bad_run_id": E400,
        "unknown_run": E404,
    },
)
def batch_limits(ctx):
    _, run_id = setup(ctx)

    def batch(step, metrics=0, params=0, tags=0, prefix="", run=None):
        body = {
            "run_id": run or run_id,
            "metrics": [{"key": f"{prefix}m", "value": i, "timestamp": 1, "step": i} for i in range(metrics)],
            "params": [{"key": f"{prefix}p{i}", "value": "v"} for i in range(params)],
            "tags": [{"key": f"{prefix}t{i}", "value": "v"} for i in range(tags)],
        }
        ctx.post("runs/log-batch", body, step)

    batch("metrics_1000", metrics=1000, prefix="a")
    batch("metrics_1001", metrics=1001, prefix="b")
    batch("params_100", params=100, prefix="c")
    batch("params_101", params=101, prefix="d")
    batch("tags_100", tags=100, prefix="e")
    batch("tags_101", tags=101, prefix="f")
    batch("total_1000", metrics=900, params=50, tags=50, prefix="g")
    batch("total_1001", metrics=900, params=51, tags=50, prefix="h")
    batch("bad_run_id", metrics=1, run="../x")
    batch("unknown_run", metrics=1, run=UNKNOWN_RUN)
    big = [{"key": f"big{i}", "value": "v" * 6000} for i in range(100)]  # ~600 kB
    ctx.post("runs/log-batch", {"run_id": run_id, "params": big}, "big_body_600kb")
    run = ctx.get("runs/get", {"run_id": run_id}).json()["run"]["data"]
    keys = [m["key"] for m in run.get("metrics", [])] + [p["key"] for p in run.get("params", [])] + [t["key"] for t in run.get("tags", [])]
    ctx.record("written_prefixes", sorted({k[0] for k in keys if k[0] in "abcdefgh"}))
    history = ctx.get("metrics/get-history", {"run_id": run_id, "metric_key": "am"}).json()
    ctx.record("history_1000", len(history.get("metrics", [])))


@scenario(
    SCENARIOS,
    expect={
        "invalid_json": E400,
        "double_encoded": OK,
        "empty_body": E400,
        "json_array": {"http": "5xx"},  # the reference fails; ours must answer 4xx
        "object_as_experiment_id": E400,
        "unknown_fields": OK,
    },
)
def malformed_bodies(ctx):
    exp_id, run_id = setup(ctx)
    create = "/api/2.0/mlflow/experiments/create"
    ctx.http("POST", create, "invalid_json", data="{not json", headers=JSON)
    ctx.http("POST", create, "truncated_json", data='{"name": "bad-trunc"', headers=JSON)
    ctx.http("POST", create, "double_encoded", data=json.dumps(json.dumps({"name": "bad-double"})), headers=JSON)
    ctx.http("POST", create, "empty_body", data="", headers=JSON)
    ctx.http("POST", create, "json_null", data="null", headers=JSON)
    ctx.http("POST", create, "json_array", data="[1, 2]", headers=JSON)
    ctx.http("POST", create, "json_number", data="42", headers=JSON)
    ctx.http("POST", create, "utf8_bom", data=b"\xef\xbb\xbf" + json.dumps({"name": "bad-bom"}).encode(), headers=JSON)
    ctx.http("POST", create, "not_utf8", data=b'{"name": "\xff\xfe"}', headers=JSON)
    ctx.post("runs/create", {"experiment_id": {"a": 1}}, "object_as_experiment_id")
    ctx.post("runs/create", {"experiment_id": exp_id, "start_time": "yesterday"}, "string_start_time")
    ctx.post("runs/create", {"experiment_id": exp_id, "tags": "not-a-list"}, "tags_as_string")
    ctx.post("runs/create", {"experiment_id": int(exp_id)}, "number_as_experiment_id")
    ctx.post("runs/update", {"run_id": run_id, "status": "SIDEWAYS"}, "unknown_status_enum")
    ctx.post("runs/update", {"run_id": run_id, "status": 3}, "status_as_number")
    ctx.post("runs/log-parameter", {"run_id": run_id, "key": "k", "value": 5}, "number_as_param_value")
    ctx.post("runs/log-parameter", {"run_id": run_id, "key": "k2", "value": "v", "surprise": [1, 2]}, "unknown_fields")
    ctx.post("experiments/search", {"max_results": "many"}, "string_max_results")
    ctx.post("runs/log-batch", {"run_id": run_id, "metrics": {"key": "m"}}, "metrics_as_object")
    ctx.record("run_status", ctx.get("runs/get", {"run_id": run_id}).json()["run"]["info"]["status"])


@scenario(
    SCENARIOS,
    expect={
        "text_plain": E400,
        "no_content_type": E400,
        "form_urlencoded": E400,
        "json_with_charset": OK,
    },
)
def content_types(ctx):
    create = "/api/2.0/mlflow/experiments/create"
    body = lambda name: json.dumps({"name": name})  # noqa: E731
    ctx.http("POST", create, "text_plain", data=body("bad-ct-1"), headers={"Content-Type": "text/plain"})
    ctx.wire("POST", create, "no_content_type", body=body("bad-ct-2").encode())
    ctx.http("POST", create, "form_urlencoded", data={"name": "bad-ct-3"})
    ctx.http("POST", create, "json_with_charset", data=body("bad-ct-4"), headers={"Content-Type": "application/json; charset=utf-8"})
    ctx.http("POST", create, "json_uppercase", data=body("bad-ct-5"), headers={"Content-Type": "Application/JSON"})
    ctx.http("POST", create, "multipart", files={"name": ("n", "bad-ct-6")})
    ctx.http("POST", create, "vendor_json", data=body("bad-ct-7"), headers={"Content-Type": "application/vnd.api+json"})
    exp_id = ctx.post("experiments/create", {"name": "bad-ct-run"}).json()["experiment_id"]
    run_id = ctx.post("runs/create", {"experiment_id": exp_id}).json()["run"]["info"]["run_id"]
    ctx.http("POST", "/api/2.0/mlflow/runs/log-metric", "log_metric_text_plain",
             data=json.dumps({"run_id": run_id, "key": "m", "value": 1, "timestamp": 1}), headers={"Content-Type": "text/plain"})
    ctx.http("GET", "/api/2.0/mlflow/experiments/get", "get_with_json_body", params={"experiment_id": exp_id}, data="{}", headers={"Content-Type": "text/plain"})
    ctx.http("PUT", f"{PROXY}/{exp_id}/ct/raw.bin", "artifact_put_any_type", data=b"\x00\x01", headers={"Content-Type": "image/png"})
    ctx.http("PUT", f"{PROXY}/{exp_id}/ct/none.bin", "artifact_put_no_type", data=b"\x00\x01")


@scenario(
    SCENARIOS,
    expect={
        "get_dotdot_encoded": E400,
        "get_dotdot_double_encoded": E400,
        "get_absolute_encoded": E400,
        "put_dotdot_encoded": E400,
        "put_dotdot_double_encoded": E400,
        "put_absolute": E400,
        "delete_dotdot": E400,
        "list_dotdot": E400,
        "list_absolute": E400,
        "tracking_list_dotdot": E400,
        "tracking_list_absolute": E400,
        "escaped_files": [],
    },
)
def artifact_paths(ctx):
    exp_id, run_id = setup(ctx)
    marker = f"escape-{ctx.scenario_id}"
    ctx.wire("PUT", f"{PROXY}/{exp_id}/ok/inside.txt", "put_ok", body=b"ok")
    ctx.wire("GET", f"{PROXY}/{exp_id}/%2E%2E/%2E%2E/etc/passwd", "get_dotdot_encoded")
    ctx.wire("GET", f"{PROXY}/{exp_id}/%252E%252E/%252E%252E/etc/passwd", "get_dotdot_double_encoded")
    ctx.wire("GET", f"{PROXY}/{exp_id}/..%2F..%2Fetc%2Fpasswd", "get_dotdot_encoded_slash")
    ctx.wire("GET", f"{PROXY}/%2Fetc%2Fpasswd", "get_absolute_encoded")
    ctx.wire("GET", f"{PROXY}//etc/passwd", "get_absolute_double_slash")
    ctx.wire("GET", f"{PROXY}/{exp_id}/../../etc/passwd", "get_dotdot_raw")
    ctx.wire("GET", f"{PROXY}/{exp_id}/..%5C..%5Cetc%5Cpasswd", "get_backslash")
    ctx.also_ok("get_backslash", REJECT, why="spec §10.3 rejects backslashes (3.17 on POSIX looks the name up)")
    ctx.wire("GET", f"{PROXY}/{exp_id}/ok%23frag", "get_hash")
    ctx.wire("PUT", f"{PROXY}/{exp_id}/%2E%2E/%2E%2E/%2E%2E/{marker}-1.txt", "put_dotdot_encoded", body=b"x")
    ctx.wire("PUT", f"{PROXY}/{exp_id}/%252E%252E/%252E%252E/%252E%252E/{marker}-2.txt", "put_dotdot_double_encoded", body=b"x")
    ctx.wire("PUT", f"{PROXY}/%2Ftmp%2F{marker}-3.txt", "put_absolute", body=b"x")
    ctx.wire("PUT", f"{PROXY}//tmp/{marker}-4.txt", "put_absolute_double_slash", body=b"x")
    ctx.wire("PUT", f"{PROXY}/{exp_id}/..%5C..%5C{marker}-5.txt", "put_backslash", body=b"x")
    ctx.also_ok("put_backslash", REJECT, why="spec §10.3 rejects backslashes (3.17 on POSIX stores a file named ..\\..\\x)")
    ctx.wire("PUT", f"{PROXY}/{exp_id}/dir/", "put_trailing_slash", body=b"x")
    ctx.also_ok("put_trailing_slash", REJECT, ("4xx", "BAD_REQUEST"), why='3.17 answers 400 {"detail": ...} (FastAPI), no error_code')
    ctx.wire("DELETE", f"{PROXY}/{exp_id}/%2E%2E/%2E%2E/whatever", "delete_dotdot")
    ctx.wire("POST", f"/api/2.0/mlflow-artifacts/mpu/create/{exp_id}/%2E%2E/%2E%2E/{marker}-6.bin", "mpu_dotdot",
             body=json.dumps({"path": "x.bin", "num_parts": 1}).encode(), headers=JSON)
    ctx.http("GET", PROXY, "list_dotdot", params={"path": "../.."})
    ctx.http("GET", PROXY, "list_absolute", params={"path": "/etc"})
    ctx.http("GET", PROXY, "list_dotdot_inside", params={"path": f"{exp_id}/../.."})
    ctx.http("GET", PROXY, "list_double_encoded", params={"path": f"{exp_id}/%2E%2E/%2E%2E"})
    ctx.get("artifacts/list", {"run_id": run_id, "path": "../x"}, "tracking_list_dotdot")
    ctx.get("artifacts/list", {"run_id": run_id, "path": "/etc"}, "tracking_list_absolute")
    ctx.get("artifacts/list", {"run_id": run_id, "path": "a/../../b"}, "tracking_list_dotdot_inside")
    ctx.get("artifacts/list", {"run_id": run_id, "path": "%2E%2E/x"}, "tracking_list_encoded")
    ctx.record("escaped_files", escaped(ctx, marker))


def escaped(ctx, marker: str) -> list[str]:
    """Files named after the marker outside the server's artifact folder: the whole session
    folder (every target's files) is searched, and /tmp and / at their top level."""
    session = ctx.server_dir.parent
    found = []
    for dirpath, _, filenames in os.walk(session):
        for name in filenames:
            relative = os.path.relpath(os.path.join(dirpath, name), ctx.server_dir)
            inside_artifacts = not relative.startswith("..") and relative.split(os.sep)[0].endswith("artifacts")
            if name.startswith(marker) and not inside_artifacts:
                found.append(name)
    for folder in ("/tmp", "/", str(session.parent)):
        found.extend(name for name in os.listdir(folder) if name.startswith(marker))
    return sorted(found)


@scenario(
    SCENARIOS,
    expect={
        "get_experiment": E404,
        "get_experiment_not_a_number": E400,
        "get_run": E404,
        "log_metric": E404,
        "history": OK,
        "unknown_route": {"http": "4xx", "error_code": "ENDPOINT_NOT_FOUND"},
    },
)
def unknown_ids(ctx):
    ctx.get("experiments/get", {"experiment_id": "987654"}, "get_experiment")
    ctx.get("experiments/get", {"experiment_id": "abc"}, "get_experiment_not_a_number")
    ctx.get("experiments/get", {}, "get_experiment_missing_id")
    ctx.post("experiments/delete", {"experiment_id": "987654"}, "delete_experiment")
    ctx.post("experiments/restore", {"experiment_id": "987654"}, "restore_experiment")
    ctx.post("experiments/set-experiment-tag", {"experiment_id": "987654", "key": "k", "value": "v"}, "set_experiment_tag")
    ctx.post("experiments/delete-experiment-tag", {"experiment_id": "987654", "key": "k"}, "delete_experiment_tag")
    ctx.get("runs/get", {"run_id": UNKNOWN_RUN}, "get_run")
    ctx.get("runs/get", {"run_id": "not-a-run"}, "get_run_malformed")
    ctx.get("runs/get", {}, "get_run_missing_id")
    ctx.get("runs/get", {"run_uuid": UNKNOWN_RUN}, "get_run_by_uuid")
    ctx.post("runs/update", {"run_id": UNKNOWN_RUN, "status": "FINISHED"}, "update_run")
    ctx.post("runs/delete", {"run_id": UNKNOWN_RUN}, "delete_run")
    ctx.post("runs/restore", {"run_id": UNKNOWN_RUN}, "restore_run")
    ctx.post("runs/log-metric", {"run_id": UNKNOWN_RUN, "key": "m", "value": 1, "timestamp": 1}, "log_metric")
    ctx.post("runs/log-parameter", {"run_id": UNKNOWN_RUN, "key": "p", "value": "1"}, "log_param")
    ctx.post("runs/set-tag", {"run_id": UNKNOWN_RUN, "key": "t", "value": "1"}, "set_tag")
    ctx.post("runs/delete-tag", {"run_id": UNKNOWN_RUN, "key": "t"}, "delete_tag")
    ctx.post("runs/log-inputs", {"run_id": UNKNOWN_RUN, "datasets": []}, "log_inputs")
    ctx.post("runs/create", {"experiment_id": "987654"}, "create_run_unknown_experiment")
    ctx.get("metrics/get-history", {"run_id": UNKNOWN_RUN, "metric_key": "m"}, "history")
    ctx.get("artifacts/list", {"run_id": UNKNOWN_RUN}, "list_artifacts")
    ctx.post("runs/search", {"experiment_ids": ["987654"]}, "search_unknown_experiment", body=True)
    ctx.wire("GET", f"{PROXY}/987654/{UNKNOWN_RUN}/artifacts/x.txt", "download_unknown")
    ctx.wire("GET", "/api/2.0/mlflow/nope", "unknown_route")
    ctx.wire("GET", "/api/2.0/mlflow/runs/nope-either", "unknown_run_route")
    ctx.wire("GET", "/api/9.0/mlflow/runs/get", "unknown_api_version")
    ctx.wire("DELETE", "/api/2.0/mlflow/runs/get", "wrong_method")
    ctx.wire("GET", "/api/2.0/mlflow/experiments/create", "get_on_post_route")
    for step in ("wrong_method", "get_on_post_route"):
        ctx.also_ok(step, NOT_FOUND_ROUTE, why="3.17 answers a non-JSON 405; a non-JSON 404 is as good for clients")


@scenario(
    SCENARIOS,
    expect={
        "bad_filter": E400,
        "param_numeric_comparison": E400,
        "bad_order_key": E400,
        "bad_page_token": E400,
        "max_results_50001": E400,
        "experiments_max_results_0": E400,
        "or_filter": E400,
    },
)
def search_arguments(ctx):
    exp_id, _ = setup(ctx)
    runs = lambda step, **body: ctx.post("runs/search", {"experiment_ids": [exp_id], **body}, step)  # noqa: E731
    runs("bad_filter", filter="metrics.m >")
    runs("param_numeric_comparison", filter="params.p > 1")
    runs("metric_string_comparison", filter="metrics.m = 'a'")
    runs("unquoted_param_value", filter="params.p = a")
    runs("or_filter", filter="params.p = 'a' OR params.p = 'b'")
    runs("parenthesis_filter", filter="(params.p = 'a')")
    runs("second_statement", filter="params.p = 'a'; DROP TABLE runs")
    runs("unknown_entity", filter="foo.bar = 'x'")
    runs("unknown_attribute", filter="attributes.color = 'red'")
    runs("in_on_param", filter="params.p IN ('a')")
    runs("bad_order_key", order_by=["nope.x"])
    runs("bad_order_direction", order_by=["metrics.m SIDEWAYS"])
    runs("duplicate_order_key", order_by=["metrics.m", "metrics.m DESC"])
    runs("bad_page_token", page_token="garbage")
    runs("page_token_bad_json", page_token="eyJub3QiOiAianNvbiJ9")
    runs("max_results_0", max_results=0)
    runs("max_results_negative", max_results=-1)
    runs("max_results_50000", max_results=50000)
    runs("max_results_50001", max_results=50001)
    runs("bad_view_type", run_view_type="SOMETIMES")
    ctx.post("runs/search", {"experiment_ids": [exp_id] * 2}, "duplicate_experiment_ids")
    ctx.post("runs/search", {}, "no_experiment_ids", body=True)
    exps = lambda step, **body: ctx.post("experiments/search", body, step)  # noqa: E731
    exps("experiments_max_results_0", max_results=0)
    exps("experiments_max_results_50001", max_results=50001)
    exps("experiments_no_max_results")
    ctx.also_ok("experiments_no_max_results", ("2xx", None), why="spec §3.1 / §12.20: treat an absent max_results as 1000")
    exps("experiments_bad_filter", filter="name ==== 'x'", max_results=10)
    exps("experiments_bad_order", order_by=["color"], max_results=10)
    exps("experiments_bad_token", page_token="%%%", max_results=10)
    ctx.get("experiments/search", {"max_results": "abc"}, "experiments_get_bad_max_results")
    ctx.get("metrics/get-history-bulk-interval", {"run_ids": [UNKNOWN_RUN] * 101, "metric_key": "m"}, "bulk_interval_101_runs")
    ctx.get("metrics/get-history-bulk-interval", {"run_ids": [UNKNOWN_RUN], "metric_key": "m", "start_step": 5}, "bulk_interval_start_only")
    ctx.get("metrics/get-history-bulk-interval", {"run_ids": [UNKNOWN_RUN], "metric_key": "m", "max_results": 2501}, "bulk_interval_max_2501")


@scenario(
    SCENARIOS,
    expect={
        "log_to_deleted_run": E400,
        "tag_deleted_run": E400,
        "update_deleted_run": E400,
        "create_run_in_deleted_experiment": E400,
        "rename_deleted_experiment": {"http": "5xx", "error_code": "INVALID_STATE"},  # ours: 4xx
        "restore_active_experiment": E404,
        "delete_deleted_experiment": E404,
        "run_name_tag_conflict": E400,
    },
)
def lifecycle_states(ctx):
    exp_id, run_id = setup(ctx)
    ctx.post("runs/create", {"experiment_id": exp_id, "run_name": "a", "tags": [{"key": "mlflow.runName", "value": "b"}]}, "run_name_tag_conflict")
    ctx.post("experiments/restore", {"experiment_id": exp_id}, "restore_active_experiment")
    ctx.post("runs/restore", {"run_id": run_id}, "restore_active_run")
    ctx.post("runs/delete", {"run_id": run_id}, "delete_run")
    ctx.post("runs/log-metric", {"run_id": run_id, "key": "m", "value": 1, "timestamp": 1}, "log_to_deleted_run")
    ctx.post("runs/log-batch", {"run_id": run_id, "params": [{"key": "p", "value": "1"}]}, "batch_to_deleted_run")
    ctx.post("runs/set-tag", {"run_id": run_id, "key": "t", "value": "1"}, "tag_deleted_run")
    ctx.post("runs/delete-tag", {"run_id": run_id, "key": "mlflow.runName"}, "delete_tag_deleted_run")
    ctx.post("runs/update", {"run_id": run_id, "status": "FINISHED"}, "update_deleted_run")
    ctx.post("runs/log-inputs", {"run_id": run_id, "datasets": []}, "log_inputs_deleted_run")
    ctx.post("runs/delete", {"run_id": run_id}, "delete_deleted_run")
    ctx.post("experiments/delete", {"experiment_id": exp_id}, "delete_experiment")
    ctx.post("runs/restore", {"run_id": run_id}, "restore_run_in_deleted_experiment")
    ctx.post("runs/create", {"experiment_id": exp_id}, "create_run_in_deleted_experiment")
    ctx.post("experiments/update", {"experiment_id": exp_id, "new_name": "bad-renamed"}, "rename_deleted_experiment")
    ctx.post("experiments/set-experiment-tag", {"experiment_id": exp_id, "key": "k", "value": "v"}, "tag_deleted_experiment")
    ctx.post("experiments/delete", {"experiment_id": exp_id}, "delete_deleted_experiment")
