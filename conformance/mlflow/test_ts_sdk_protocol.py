"""The MLflow TypeScript tracing SDK's protocol (spec/mlflow-api.md §7.4, §6.8), replayed byte for
byte from here: StartTraceV3 with the SDK's body (Timestamp from `toISOString()`, Duration as
`ms/1000` floats, no client_request_id, `assessments: []`), then PUT `traces.json` (the SDK's
span JSON: base64 ids, parsed attribute values, `parent_span_id: ""` for the root) to the
artifact location with `Content-Type: application/json`, then the SDK's reads (trace info, then
`traces.json`); and the Python client reading those traces back (get_trace, search_traces)."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

from harness import scenario
from otlp_plain import SpanIds, plain_trace

SCENARIOS: list = []

# Times the SDK would take from its clock: ms since epoch with a fraction (hrtime), nanoseconds.
START_MS = 1_718_460_461_282.123
START_NS = 1_718_460_461_282_123_456
TS_HEADERS = {"Content-Type": "application/json"}


def test_ts_sdk_protocol(scenario, target, conformance):
    conformance.check(scenario, target)


def iso(ms: float) -> str:
    """JavaScript's `new Date(ms).toISOString()`."""
    from datetime import datetime, timezone

    whole = int(ms)
    moment = datetime.fromtimestamp(whole // 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{whole % 1000:03d}Z"


def b64(hex_id: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_id)).decode()


def ts_span(trace_hex: str, span_hex: str, parent_hex: str | None, name: str, start_ns: int, end_ns: int, attributes: dict, status: str = "STATUS_CODE_OK", events: list | None = None) -> dict:
    """A span as the SDK's `Span.toJson()` writes it."""
    return {
        "trace_id": b64(trace_hex),
        "span_id": b64(span_hex),
        "parent_span_id": b64(parent_hex) if parent_hex else "",
        "name": name,
        "start_time_unix_nano": start_ns,
        "end_time_unix_nano": end_ns,
        "status": {"code": status, "message": ""},
        "attributes": attributes,
        "events": events or [],
        "links": [],
    }


def json_big(value) -> bytes:
    """`JSONBig.stringify`: compact, integers exact."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def replay(ctx, exp_id: str, trace_hex: str, duration_ms: float, state: str, spans: list[dict], metadata: dict, tags: dict, step: str):
    """The SDK's export of one finished trace, then its read-back; records what it sees."""
    trace_id = f"tr-{trace_hex}"
    trace_info = {
        "trace_id": trace_id,
        "trace_location": {"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": exp_id}},
        "request_preview": metadata.get("mlflow.traceInputs", ""),
        "response_preview": metadata.get("mlflow.traceOutputs", ""),
        "request_time": iso(START_MS),
        "execution_duration": f"{duration_ms / 1000}s",
        "state": state,
        "trace_metadata": metadata,
        "tags": tags,
        "assessments": [],
    }
    created = ctx.http("POST", "/api/3.0/mlflow/traces", f"{step}.start_trace", data=json_big({"trace": {"trace_info": trace_info}}), headers=TS_HEADERS)
    info = created.json()["trace"]["trace_info"]
    ctx.record(f"{step}.returned_info", {k: info.get(k) for k in ("trace_id", "request_time", "execution_duration", "state", "tags", "trace_metadata")})
    location = info["tags"]["mlflow.artifactLocation"]
    ctx.record(f"{step}.location_scheme", urlsplit(location).scheme)
    artifact_url = "/api/2.0/mlflow-artifacts/artifacts" + urlsplit(location).path + "/traces.json"
    body = json_big({"spans": spans})
    ctx.http("PUT", artifact_url, f"{step}.upload", data=body, headers=TS_HEADERS)
    read_info = ctx.http("GET", f"/api/3.0/mlflow/traces/{trace_id}", f"{step}.read_info")
    ctx.record(f"{step}.read_info_state", read_info.json()["trace"]["trace_info"].get("state"))
    read_data = ctx.http("GET", artifact_url, f"{step}.read_data")
    ctx.record(f"{step}.read_data_identical", read_data.content == body)
    return trace_id


@scenario(
    SCENARIOS,
    expect={
        "chat.start_trace": {"http": "2xx"},
        "chat.upload": {"http": "2xx"},
        "chat.read_data_identical": True,
        "chat.location_scheme": "mlflow-artifacts",
    },
)
def sdk_export_and_python_read(ctx):
    import mlflow

    exp_id = ctx.new_experiment("ts-sdk", "e")
    trace_hex = "7e57d5d07e57d5d07e57d5d07e57d5d0"
    root, child = "b7ad6b7169203331", "00f067aa0ba902b7"
    trace_id_attr = f"tr-{trace_hex}"
    usage = {"input_tokens": 12, "output_tokens": 30, "total_tokens": 42}
    spans = [
        ts_span(
            trace_hex, root, None, "chat", START_NS, START_NS + 65_123_456,
            {
                "mlflow.traceRequestId": trace_id_attr,
                "mlflow.spanType": "CHAIN",
                "mlflow.spanInputs": {"question": "What is MLflow?"},
                "mlflow.spanOutputs": "An ML platform",
                "mlflow.spanLogLevel": 10,
            },
        ),
        ts_span(
            trace_hex, child, root, "openai.chat", START_NS + 1_000_000, START_NS + 60_000_000,
            {
                "mlflow.traceRequestId": trace_id_attr,
                "mlflow.spanType": "LLM",
                "mlflow.spanInputs": {"messages": [{"role": "user", "content": "What is MLflow?"}]},
                "mlflow.spanOutputs": {"choices": [{"message": {"content": "An ML platform"}}]},
                "mlflow.chat.tokenUsage": usage,
                "temperature": 0.5,
            },
            events=[{"name": "first_token", "time_unix_nano": START_NS + 20_000_000, "attributes": {"latency_ms": 19}}],
        ),
    ]
    metadata = {
        "mlflow.trace_schema.version": "3",
        "mlflow.traceInputs": '{"question":"What is MLflow?"}',
        "mlflow.traceOutputs": '"An ML platform"',
        "mlflow.trace.tokenUsage": json.dumps(usage, separators=(",", ":")),
        "user.session": "s-1",
    }
    trace_id = replay(ctx, exp_id, trace_hex, 65.123456, "OK", spans, metadata, {"team": "ts"}, "chat")

    failing_hex = "7e57d5d17e57d5d17e57d5d17e57d5d1"
    failing_spans = [
        ts_span(
            failing_hex, "53995c3f42cd8ad8", None, "tool", START_NS, START_NS + 2_000_000,
            {"mlflow.traceRequestId": f"tr-{failing_hex}", "mlflow.spanType": "TOOL", "mlflow.spanInputs": [1, 2]},
            status="STATUS_CODE_ERROR",
            events=[{"name": "exception", "time_unix_nano": START_NS + 1_000_000, "attributes": {"exception.message": "boom", "exception.type": "Error"}}],
        )
    ]
    failing_id = replay(
        ctx, exp_id, failing_hex, 2, "ERROR", failing_spans,
        {"mlflow.trace_schema.version": "3", "mlflow.traceInputs": "[1,2]", "mlflow.traceOutputs": ""}, {}, "failing",
    )

    span_ids = SpanIds()
    ctx.attempt("python_get_trace", lambda: plain_trace(mlflow.get_trace(trace_id), span_ids, exact_times=True))
    ctx.attempt("python_get_failing", lambda: plain_trace(mlflow.get_trace(failing_id), span_ids, exact_times=True))
    ctx.attempt(
        "python_search_traces",
        lambda: [
            plain_trace(t, span_ids, exact_times=True)
            for t in mlflow.search_traces(locations=[exp_id], return_type="list", order_by=["timestamp_ms ASC"])
        ],
    )


@scenario(SCENARIOS, expect={"create_experiment_with_object_tags": {"http": "4xx"}})
def sdk_test_helpers(ctx):
    """The SDK's test helpers: experiments/create with `tags` as an object (refused by the
    reference), then with a list, and experiments/delete."""
    ctx.http(
        "POST",
        "/api/2.0/mlflow/experiments/create",
        "create_experiment_with_object_tags",
        data=json_big({"name": "ts-helper", "tags": {"a": "b"}}),
        headers=TS_HEADERS,
    )
    created = ctx.http("POST", "/api/2.0/mlflow/experiments/create", "create_experiment", data=json_big({"name": "ts-helper-2"}), headers=TS_HEADERS)
    exp_id = ctx.exp_id(created.json()["experiment_id"], "helper")
    ctx.http("POST", "/api/2.0/mlflow/experiments/delete", "delete_experiment", data=json_big({"experiment_id": exp_id}), headers=TS_HEADERS)
