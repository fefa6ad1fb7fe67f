"""OTLP export requests for the OTLP scenarios, built with the `opentelemetry-proto` classes (the
same ones MLflow's client uses), and their OTLP/JSON twins (hex ids, camelCase, int64 as
strings), plus a few malformed payloads."""

from __future__ import annotations

import base64
import json
from typing import Any

BASE_NS = 1_700_000_000_000_000_000


def span_spec(trace_hex: str, span_hex: str, name: str, start: int, end: int | None, parent_hex: str | None = None, **extra) -> dict:
    return {
        "trace": trace_hex,
        "span": span_hex,
        "parent": parent_hex,
        "name": name,
        "start": BASE_NS + start,
        "end": None if end is None else BASE_NS + end,
        **extra,
    }


def _set_value(any_value, value: Any) -> None:
    from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue  # noqa: F401

    if value is None:
        return
    if isinstance(value, bool):
        any_value.bool_value = value
    elif isinstance(value, int):
        any_value.int_value = value
    elif isinstance(value, float):
        any_value.double_value = value
    elif isinstance(value, str):
        any_value.string_value = value
    elif isinstance(value, bytes):
        any_value.bytes_value = value
    elif isinstance(value, list):
        any_value.array_value.SetInParent()
        for item in value:
            _set_value(any_value.array_value.values.add(), item)
    elif isinstance(value, dict):
        any_value.kvlist_value.SetInParent()
        for key, item in value.items():
            kv = any_value.kvlist_value.values.add()
            kv.key = key
            _set_value(kv.value, item)


def protobuf_request(specs: list[dict], service_name: str | None = None) -> bytes:
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    request = ExportTraceServiceRequest()
    resource_spans = request.resource_spans.add()
    if service_name:
        attr = resource_spans.resource.attributes.add()
        attr.key = "service.name"
        attr.value.string_value = service_name
    scope_spans = resource_spans.scope_spans.add()
    scope_spans.scope.name = "conformance"
    for spec in specs:
        span = scope_spans.spans.add()
        span.trace_id = bytes.fromhex(spec["trace"])
        span.span_id = bytes.fromhex(spec["span"])
        if spec["parent"]:
            span.parent_span_id = bytes.fromhex(spec["parent"])
        span.name = spec["name"]
        span.kind = spec.get("kind", 1)
        span.start_time_unix_nano = spec["start"]
        if spec["end"] is not None:
            span.end_time_unix_nano = spec["end"]
        for key, value in spec.get("attributes", {}).items():
            attr = span.attributes.add()
            attr.key = key
            _set_value(attr.value, value)
        for event in spec.get("events", []):
            proto_event = span.events.add()
            proto_event.name = event["name"]
            proto_event.time_unix_nano = BASE_NS + event["at"]
            for key, value in event.get("attributes", {}).items():
                attr = proto_event.attributes.add()
                attr.key = key
                _set_value(attr.value, value)
        if "status" in spec:
            span.status.code = spec["status"][0]
            span.status.message = spec["status"][1]
    return request.SerializeToString()


def _json_value(value: Any) -> dict:
    if value is None:
        return {}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": value}
    if isinstance(value, str):
        return {"stringValue": value}
    if isinstance(value, bytes):
        return {"bytesValue": base64.b64encode(value).decode()}
    if isinstance(value, list):
        return {"arrayValue": {"values": [_json_value(v) for v in value]}}
    if isinstance(value, dict):
        return {"kvlistValue": {"values": [{"key": k, "value": _json_value(v)} for k, v in value.items()]}}
    raise TypeError(type(value))


def json_request(specs: list[dict]) -> bytes:
    spans = []
    for spec in specs:
        span: dict[str, Any] = {
            "traceId": spec["trace"],
            "spanId": spec["span"],
            "name": spec["name"],
            "kind": "SPAN_KIND_INTERNAL",
            "startTimeUnixNano": str(spec["start"]),
            "attributes": [{"key": k, "value": _json_value(v)} for k, v in spec.get("attributes", {}).items()],
            "events": [
                {
                    "name": e["name"],
                    "timeUnixNano": str(BASE_NS + e["at"]),
                    "attributes": [{"key": k, "value": _json_value(v)} for k, v in e.get("attributes", {}).items()],
                }
                for e in spec.get("events", [])
            ],
        }
        if spec["parent"]:
            span["parentSpanId"] = spec["parent"]
        if spec["end"] is not None:
            span["endTimeUnixNano"] = spec["end"]  # a JSON number beyond 2^53
        if "status" in spec:
            span["status"] = {"code": spec["status"][0], "message": spec["status"][1]}
        spans.append(span)
    return json.dumps({"resourceSpans": [{"scopeSpans": [{"scope": {"name": "conformance"}, "spans": spans}]}]}).encode()


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def length_delimited(field: int, payload: bytes) -> bytes:
    return varint(field << 3 | 2) + varint(len(payload)) + payload


def nested_value_request(depth: int) -> bytes:
    """One span whose only attribute is an AnyValue nested `depth` arrays deep."""
    value = length_delimited(1, b"x")
    for _ in range(depth):
        value = length_delimited(5, length_delimited(1, value))
    key_value = length_delimited(1, b"k") + length_delimited(2, value)
    span = length_delimited(1, b"\x01" * 16) + length_delimited(2, b"\x01" * 8) + length_delimited(9, key_value)
    return length_delimited(1, length_delimited(2, length_delimited(2, span)))
