"""OTLP span ingestion at `POST /v1/traces` (spec/mlflow-api.md §3.9.4, §3.11, §6.8, §12 items
10-11): the Python client exporting spans over OTLP (it does when `/version` is ≥ 3.4), raw
protobuf and OTLP/JSON posts (also compressed), spans whose parent never arrives, and malformed
requests compared by status and error."""

from __future__ import annotations

import gzip
import zlib

from harness import scenario
from otlp_payloads import json_request, nested_value_request, protobuf_request, span_spec
from otlp_plain import SpanIds, plain_trace

SCENARIOS: list = []

PROTOBUF = {"content-type": "application/x-protobuf"}
JSON = {"content-type": "application/json"}

# One trace id per use: scenarios share a server, and a trace belongs to one experiment.
TRACE_A = "0af7651916cd43dd8448eb211c80319c"
TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACE_C = "5b8efff798038103d269b633813fc60c"
TRACE_D = "a3ce929d0e0e47364bf92f3577b34da6"
TRACE_E = "00f067aa0ba902b700f067aa0ba902b7"
TRACE_F = "1f2e3d4c5b6a79881f2e3d4c5b6a7988"
TRACE_G = "9b8a7c6d5e4f30219b8a7c6d5e4f3021"
TRACE_H = "c0ffee00c0ffee00c0ffee00c0ffee00"
TRACE_I = "c0ffee01c0ffee01c0ffee01c0ffee01"


def test_otlp(scenario, target, conformance):
    conformance.check(scenario, target)


def post(ctx, body: bytes, step: str | None = None, experiment: str | None = None, headers: dict | None = None):
    sent = dict(PROTOBUF)
    if experiment is not None:
        sent["x-mlflow-experiment-id"] = experiment
    sent.update(headers or {})
    return ctx.http("POST", "/v1/traces", step, data=body, headers=sent)


def get_trace(ctx, trace_id: str, span_ids: SpanIds, exact_times: bool = True):
    import mlflow

    return plain_trace(mlflow.get_trace(trace_id), span_ids, exact_times=exact_times)


def rich_trace(trace_hex: str) -> list[dict]:
    """A root, a child with an error and events, and a grandchild, sent child-first."""
    root, child, grandchild = "b7ad6b7169203331", "00f067aa0ba902b7", "53995c3f42cd8ad8"
    return [
        span_spec(
            trace_hex,
            grandchild,
            "retrieve",
            3_000,
            4_000,
            child,
            attributes={"mlflow.spanType": "RETRIEVER", "mlflow.spanInputs": '{"q": "x"}', "k": [1, 2.5, "s", True]},
        ),
        span_spec(
            trace_hex,
            child,
            "llm call",
            2_000,
            5_000,
            root,
            attributes={
                "mlflow.spanType": "LLM",
                "mlflow.chat.tokenUsage": {"input_tokens": 3, "output_tokens": 4, "total_tokens": 7},
                "temperature": 0.7,
                "max_tokens": 128,
                "stream": False,
                "unicode": "héllo ✓",
                "raw": b"\x00\xffab",
            },
            events=[{"name": "exception", "at": 4_500, "attributes": {"exception.message": "boom", "n": 3}}],
            status=(2, "boom"),
        ),
        span_spec(
            trace_hex,
            root,
            "agent",
            1_000,
            9_000,
            attributes={
                "mlflow.spanType": "AGENT",
                "mlflow.spanInputs": '{"question": "why?"}',
                "mlflow.spanOutputs": '"because"',
                "mlflow.traceRequestId": "tr-spoofed",
            },
            status=(1, ""),
        ),
    ]


@scenario(
    SCENARIOS,
    expect={
        "traced": {
            "info": {"state": "OK", "tags": {"mlflow.trace.spansLocation": "TRACKING_STORE"}},
        },
        "searched_in_time_order": True,
    },
)
def client_export(ctx):
    """mlflow's own exporter: spans over OTLP, then StartTraceV3; get_trace and search_traces."""
    import mlflow
    from mlflow.entities import SpanEvent

    exp_id = ctx.new_experiment("otlp-client", "e")
    mlflow.set_experiment(experiment_id=exp_id)

    @mlflow.trace(span_type="LLM")
    def answer(question: str) -> dict:
        return {"answer": question.upper(), "score": 0.5, "tokens": 7}

    @mlflow.trace(name="pipeline", attributes={"version": 2})
    def pipeline(question: str) -> dict:
        with mlflow.start_span("prepare") as span:
            span.set_inputs({"question": question})
            span.set_attribute("steps", ["split", "embed"])
            span.add_event(SpanEvent("cache_miss", attributes={"key": "k1", "size": 3}))
            span.set_outputs("ok")
        return answer(question)

    @mlflow.trace
    def failing() -> None:
        raise ValueError("no luck")

    pipeline("why?")
    first = mlflow.get_last_active_trace_id()
    try:
        failing()
    except ValueError:
        pass
    second = mlflow.get_last_active_trace_id()
    mlflow.flush_trace_async_logging()
    span_ids = SpanIds()
    ctx.record("traced", get_trace(ctx, first, span_ids, exact_times=False))
    ctx.record("failed", get_trace(ctx, second, span_ids, exact_times=False))
    found = mlflow.search_traces(locations=[exp_id], return_type="list", order_by=["timestamp_ms ASC"])
    # The client logs spans and trace infos from a pool of threads, so two traces started within
    # a millisecond or so may be stored with either order of times: each server must answer in
    # the order of the times it stores; the traces themselves are compared by name.
    times = [(t.info.request_time, t.info.trace_id) for t in found]
    ctx.record("searched_in_time_order", times == sorted(times))
    by_name = sorted(found, key=lambda t: t.info.tags.get("mlflow.traceName", ""))
    ctx.record("searched", [plain_trace(t, span_ids, exact_times=False) for t in by_name])


@scenario(
    SCENARIOS,
    expect={
        "export": {"http": "2xx"},
        "trace_a": {"info": {"state": "OK", "tags": {"mlflow.trace.spansLocation": "TRACKING_STORE"}}},
    },
)
def raw_protobuf(ctx):
    """A protobuf ExportTraceServiceRequest with two traces (children before their root)."""
    exp_id = ctx.new_experiment("otlp-protobuf", "e")
    single = [span_spec(TRACE_B, "1111222233334444", "solo", 10_000, 20_000, attributes={"n": 1}, status=(0, ""))]
    response = post(ctx, protobuf_request(rich_trace(TRACE_A) + single), "export", exp_id)
    ctx.record("content_type", response.headers.get("content-type"))
    ctx.record("body", response.content.hex())
    span_ids = SpanIds()
    ctx.record("trace_a", get_trace(ctx, f"tr-{TRACE_A}", span_ids))
    ctx.record("trace_b", get_trace(ctx, f"tr-{TRACE_B}", span_ids))
    info = ctx.http("GET", f"/api/3.0/mlflow/traces/tr-{TRACE_A}")
    ctx.record("info_tags", dict(sorted(info.json()["trace"]["trace_info"].get("tags", {}).items())))


@scenario(SCENARIOS, expect={"export": {"http": "2xx"}, "trace": {"info": {"state": "ERROR"}}})
def raw_json(ctx):
    """The same spans as OTLP/JSON: hex ids, camelCase, int64 as strings and as exact numbers."""
    exp_id = ctx.new_experiment("otlp-json", "e")
    specs = rich_trace(TRACE_C)
    specs[-1]["status"] = (2, "root failed")
    post(ctx, json_request(specs), "export", exp_id, JSON)
    span_ids = SpanIds()
    ctx.record("trace", get_trace(ctx, f"tr-{TRACE_C}", span_ids))
    charset = {"content-type": "application/json; charset=utf-8"}
    single = [span_spec(TRACE_D, "9999888877776666", "charset", 1, 2)]
    post(ctx, json_request(single), "export_with_charset", exp_id, charset)
    ctx.record("trace_charset", get_trace(ctx, f"tr-{TRACE_D}", span_ids))


@scenario(SCENARIOS, expect={"gzip": {"http": "2xx"}, "deflate": {"http": "2xx"}, "raw_deflate": {"http": "2xx"}})
def compressed(ctx):
    """gzip, zlib-wrapped and raw deflate bodies; a corrupt one; an unknown encoding."""
    exp_id = ctx.new_experiment("otlp-compressed", "e")
    body = protobuf_request(rich_trace(TRACE_F))
    post(ctx, gzip.compress(body), "gzip", exp_id, {"content-encoding": "gzip"})
    post(ctx, zlib.compress(body), "deflate", exp_id, {"content-encoding": "deflate"})
    raw = zlib.compressobj(wbits=-15)
    post(ctx, raw.compress(body) + raw.flush(), "raw_deflate", exp_id, {"content-encoding": "DEFLATE"})
    post(ctx, b"not gzip", "corrupt_gzip", exp_id, {"content-encoding": "gzip"})
    post(ctx, b"not zlib", "corrupt_deflate", exp_id, {"content-encoding": "deflate"})
    post(ctx, body, "brotli", exp_id, {"content-encoding": "br"})
    ctx.record("trace", get_trace(ctx, f"tr-{TRACE_F}", SpanIds()))


@scenario(SCENARIOS, expect={"orphan": {"http": "2xx"}, "root_later": {"http": "2xx"}})
def missing_parent(ctx):
    """A child whose parent never arrives, then (in another trace) a root that comes later."""
    import mlflow

    exp_id = ctx.new_experiment("otlp-partial", "e")
    orphan = span_spec(TRACE_G, "0000000000000002", "orphan", 2_000, 3_000, "0000000000000001")
    post(ctx, protobuf_request([orphan]), "orphan", exp_id)
    info = ctx.http("GET", f"/api/3.0/mlflow/traces/tr-{TRACE_G}", "orphan_info")
    ctx.record("orphan_state", info.json()["trace"]["trace_info"].get("state") if info.ok else None)
    partial = ctx.http("GET", "/api/3.0/mlflow/traces/get", params={"trace_id": f"tr-{TRACE_G}", "allow_partial": "true"})
    ctx.record("partial_span_names", [s["name"] for s in partial.json().get("trace", {}).get("spans", [])] if partial.ok else partial.status_code)

    child = span_spec(TRACE_E, "0000000000000004", "child", 2_000, 3_000, "0000000000000003")
    post(ctx, protobuf_request([child]), "child_first", exp_id)
    root = span_spec(TRACE_E, "0000000000000003", "root", 1_000, 4_000)
    post(ctx, protobuf_request([root]), "root_later", exp_id)
    span_ids = SpanIds()
    ctx.record("completed", get_trace(ctx, f"tr-{TRACE_E}", span_ids))
    found = mlflow.search_traces(locations=[exp_id], return_type="list", order_by=["timestamp_ms ASC"])
    ctx.record("searched_ids", sorted(t.info.trace_id for t in found))


@scenario(
    SCENARIOS,
    expect={
        "missing_header": {"http": "4xx"},
        "text_plain": {"http": "4xx"},
        "garbage": {"http": "4xx"},
        "unknown_experiment": {"http": "4xx", "error_code": "RESOURCE_DOES_NOT_EXIST"},
        "deleted_experiment": {"http": "2xx"},
    },
)
def bad_requests(ctx):
    """Malformed bodies, missing header, wrong content types, unknown experiment: by status."""
    exp_id = ctx.new_experiment("otlp-bad", "e")
    good = protobuf_request([span_spec(TRACE_H, "1111222233334444", "ok", 1, 2)])
    ctx.http("POST", "/v1/traces", "missing_header", data=good, headers=PROTOBUF)
    ctx.http("POST", "/v1/traces", "no_content_type", data=good, headers={"x-mlflow-experiment-id": exp_id})
    post(ctx, good, "text_plain", exp_id, {"content-type": "text/plain"})
    post(ctx, good, "uppercase_json", exp_id, {"content-type": "Application/JSON"})
    post(ctx, b"\xff\xff\xff", "garbage", exp_id)
    post(ctx, b"", "empty", exp_id)
    post(ctx, b"\x0a\xff\xff\xff\xff\x0f", "huge_length", exp_id)
    post(ctx, b"\x0a\x05ab", "truncated_field", exp_id)
    post(ctx, b"\x80", "truncated_varint", exp_id)
    post(ctx, b"\x10" + b"\xff" * 10 + b"\x01", "eleven_byte_varint", exp_id)
    post(ctx, b"\x08\x01", "wrong_wire_type", exp_id)
    post(ctx, b"\x0f", "wire_type_7", exp_id)
    post(ctx, b"\x0c", "lone_end_group", exp_id)
    post(ctx, b"\x0a\x00", "resource_without_spans", exp_id)
    post(ctx, b"\x0a\x04\x12\x02\x12\x00", "span_without_ids", exp_id)
    post(ctx, nested_value_request(40), "nested_40", exp_id)
    post(ctx, nested_value_request(60), "nested_60", exp_id)
    invalid_utf8 = protobuf_request([span_spec(TRACE_H, "1111222233334444", "x", 1, 2)]).replace(b"\x2a\x01x", b"\x2a\x01\xff")
    post(ctx, invalid_utf8, "invalid_utf8_name", exp_id)
    post(ctx, b"{not json", "json_malformed", exp_id, JSON)
    post(ctx, b"{}", "json_empty", exp_id, JSON)
    post(ctx, b"[]", "json_array", exp_id, JSON)
    post(ctx, b'{"resourceSpans": "x"}', "json_resource_spans_string", exp_id, JSON)
    bad_hex = json_request([span_spec("zz" * 16, "1111222233334444", "x", 1, 2)])
    post(ctx, bad_hex, "json_bad_hex", exp_id, JSON)
    no_trace_id = json_request([span_spec("", "1111222233334444", "x", 1, 2)])
    post(ctx, no_trace_id, "json_empty_trace_id", exp_id, JSON)
    post(ctx, json_request([{**span_spec(TRACE_H, "1111222233334444", "x", 1, 2), "start": "soon"}]), "json_bad_time", exp_id, JSON)
    post(ctx, good, "unknown_experiment", "424242")
    post(ctx, good, "non_integer_experiment", "abc")
    deleted = ctx.new_experiment("otlp-bad-deleted", "deleted")
    ctx.client.delete_experiment(deleted)
    into_deleted = protobuf_request([span_spec(TRACE_I, "1111222233334444", "late", 1, 2)])
    post(ctx, into_deleted, "deleted_experiment", deleted)
    ctx.http("GET", "/v1/traces", "get_method")
    ctx.http("POST", "/ajax-api/v1/traces", "ajax_path", data=good, headers={**PROTOBUF, "x-mlflow-experiment-id": exp_id})
    bomb = gzip.compress(b"\x00" * (32 * 1024 * 1024))
    post(ctx, bomb, "gzip_bomb", exp_id, {"content-encoding": "gzip"})
