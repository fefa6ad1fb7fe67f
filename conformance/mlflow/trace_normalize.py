"""Helpers of the trace scenarios (test_traces.py): a tracing client with or without OTLP span
export, and trace entities as plain values with the ids and times that differ between servers
replaced by placeholders, before `ctx.record`.

- trace ids (`tr-` + 32 hex) become `<trace:name>` for traces the scenario named, else
  `<trace#N>` in order of first appearance; span ids (16 hex, or base64 of 8 bytes) `<span#N>`;
- request times within a week of now become `<now>`, execution durations `<duration>`, span
  nanosecond times `<ns>` (their order is checked instead: each span ends after it starts);
- client-computed size metadata (`mlflow.trace.sizeStats`, `mlflow.trace.sizeBytes`) becomes
  `<size>`: it counts bytes of ids that differ per server.

The harness does the rest (run and experiment ids, artifact URIs).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from typing import Any

TRACE_ID = re.compile(r"tr-[0-9a-f]{32}")
SIZE_KEYS = {"mlflow.trace.sizeStats", "mlflow.trace.sizeBytes"}
WEEK_MS = 7 * 24 * 3600 * 1000


class TraceIds:
    """Placeholders for trace and span ids, stable across targets when used in the same order."""

    def __init__(self) -> None:
        self.traces: dict[str, str] = {}
        self.spans: dict[str, str] = {}

    def name(self, trace_id: str, name: str) -> str:
        self.traces.setdefault(trace_id, f"<trace:{name}>")
        return trace_id

    def trace(self, trace_id: str) -> str:
        if trace_id not in self.traces:
            self.traces[trace_id] = f"<trace#{len(self.traces) + 1}>"
        return self.traces[trace_id]

    def span(self, span_id: str | None) -> str | None:
        if span_id is None:
            return None
        if span_id not in self.spans:
            self.spans[span_id] = f"<span#{len(self.spans) + 1}>"
        return self.spans[span_id]

    def text(self, value: Any) -> Any:
        """Trace ids inside any string (filters, artifact locations, attribute values)."""
        if isinstance(value, str):
            return TRACE_ID.sub(lambda m: self.trace(m.group(0)), value)
        if isinstance(value, dict):
            return {self.text(k): self.text(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.text(v) for v in value]
        return value


def now_ms(value: int | None) -> Any:
    if value is not None and abs(value - int(time.time() * 1000)) < WEEK_MS:
        return "<now>"
    return value


def info_plain(info, ids: TraceIds) -> dict:
    """A TraceInfo as plain values."""
    metadata = {k: ("<size>" if k in SIZE_KEYS else v) for k, v in sorted(info.trace_metadata.items())}
    return ids.text(
        {
            "trace_id": info.trace_id,
            "experiment_id": info.experiment_id,
            "client_request_id": info.client_request_id,
            "request_time": now_ms(info.request_time),
            "execution_duration": None if info.execution_duration is None else "<duration>",
            "state": info.state.value,
            "request_preview": info.request_preview,
            "response_preview": info.response_preview,
            "trace_metadata": metadata,
            "tags": dict(sorted(info.tags.items())),
            "assessments": len(info.assessments),
        }
    )


def span_plain(span, ids: TraceIds) -> dict:
    """A span as plain values: names, types, relations, status, inputs/outputs, attributes."""
    attributes = {k: v for k, v in sorted(span.attributes.items()) if k != "mlflow.spanStartTimeNs"}
    events = [
        {"name": e.name, "attributes": {k: v for k, v in sorted(e.attributes.items()) if k != "exception.stacktrace"}}
        for e in span.events
    ]
    return ids.text(
        {
            "name": span.name,
            "span_id": ids.span(span.span_id),
            "parent_id": ids.span(span.parent_id),
            "trace_id": span.trace_id,
            "span_type": span.span_type,
            "status": span.status.status_code.value,
            "status_message": span.status.description,
            "inputs": span.inputs,
            "outputs": span.outputs,
            "attributes": attributes,
            "events": events,
            "start_time_ns": "<ns>" if span.start_time_ns else None,
            "ends_after_start": span.end_time_ns is not None and span.end_time_ns >= span.start_time_ns,
        }
    )


def trace_plain(trace, ids: TraceIds) -> dict:
    """A Trace: its info and its spans (in the order the server returned them)."""
    return {"info": info_plain(trace.info, ids), "spans": [span_plain(s, ids) for s in trace.data.spans]}


@contextlib.contextmanager
def tracing_client(otlp: bool):
    """Synchronous trace export; without `otlp`, the client never posts spans to `/v1/traces`
    (mlflow has no switch for it: the REST store's `log_spans` raises NotImplementedError, which
    the exporter reads as "this server takes no spans" and then uploads traces.json)."""
    import mlflow.tracing.provider as provider
    from mlflow.store.tracking.rest_store import RestStore

    saved_env = os.environ.get("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING")
    os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"
    original = RestStore.log_spans

    def no_otlp(self, location, spans, tracking_uri=None):
        raise NotImplementedError("OTLP span export disabled by the conformance scenario")

    if not otlp:
        RestStore.log_spans = no_otlp
    provider.reset()
    try:
        yield
    finally:
        RestStore.log_spans = original
        provider.reset()
        if saved_env is None:
            os.environ.pop("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", None)
        else:
            os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = saved_env
