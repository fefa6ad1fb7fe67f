"""Plain, comparable values of traces, spans and assessments for the OTLP, assessment and TS SDK
scenarios (harness.plain does not know these entities).

Normalization beyond the harness's (which already turns 32-hex trace ids into `<run#n>`):

- span ids (16 hex) become `<span#n>`, numbered in order of first appearance; spans are listed in
  start-time order (ties by name), so numbering is stable across targets;
- times the client took from its own clock (span start/end, event times, trace request time,
  assessment times) become `<time>` unless the scenario set them itself (`exact_times=True`),
  and durations become `<duration>`; their order is checked instead (`ends_after_start`);
- trace metadata that depends on the machine or the moment (git, user, source path) is dropped.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

SPAN_ID = re.compile(r"^[0-9a-f]{16}$")
VOLATILE_METADATA = (
    "mlflow.source.git.",
    "mlflow.user",
    "mlflow.source.name",
    "mlflow.source.type",
)
WEEK_MS = 7 * 24 * 3600 * 1000


class SpanIds:
    """Placeholders for span ids, stable across targets."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, span_id: str | None) -> str | None:
        if span_id is None:
            return None
        if span_id not in self.names:
            self.names[span_id] = f"<span#{len(self.names) + 1}>"
        return self.names[span_id]


def recent_ms(value: Any) -> Any:
    """`<time>` for an epoch-ms value near now (the client's clock), the value otherwise."""
    if isinstance(value, int) and abs(value - int(time.time() * 1000)) < WEEK_MS:
        return "<time>"
    return value


def plain_attributes(attributes: dict[str, Any], span_ids: SpanIds) -> dict[str, Any]:
    out = {}
    for key in sorted(attributes):
        value = attributes[key]
        if isinstance(value, str) and SPAN_ID.match(value):
            value = span_ids(value)
        out[key] = value
    return out


def plain_span(span, span_ids: SpanIds, exact_times: bool) -> dict[str, Any]:
    start, end = span.start_time_ns, span.end_time_ns
    return {
        "name": span.name,
        "span_id": span_ids(span.span_id),
        "parent_id": span_ids(span.parent_id),
        "span_type": span.span_type,
        "status": {"code": str(span.status.status_code), "description": span.status.description or ""},
        "start_time_ns": start if exact_times else "<time>",
        "end_time_ns": end if exact_times else ("<time>" if end else end),
        "ends_after_start": end is None or end >= start,
        "inputs": span.inputs,
        "outputs": span.outputs,
        "attributes": plain_attributes(span.attributes, span_ids),
        "events": [
            {
                "name": event.name,
                "timestamp": event.timestamp if exact_times else "<time>",
                "attributes": dict(sorted((event.attributes or {}).items())),
            }
            for event in span.events
        ],
    }


def plain_info(info, exact_times: bool) -> dict[str, Any]:
    metadata = {
        key: value
        for key, value in sorted(info.trace_metadata.items())
        if not key.startswith(VOLATILE_METADATA)
    }
    if not exact_times:
        for key in ("mlflow.trace.sizeStats", "mlflow.trace.sizeBytes"):
            if key in metadata:
                metadata[key] = "<size>"
    return {
        "trace_id": info.trace_id,
        "experiment_id": info.experiment_id,
        "state": str(info.state),
        "request_time": info.request_time if exact_times else recent_ms(info.request_time),
        "execution_duration": info.execution_duration if exact_times else "<duration>",
        "request_preview": info.request_preview,
        "response_preview": info.response_preview,
        "client_request_id": info.client_request_id,
        "trace_metadata": metadata,
        "tags": dict(sorted(info.tags.items())),
        "assessments": sorted(
            (plain_assessment(a) for a in info.assessments), key=lambda a: (a["name"], json.dumps(a["value"]))
        ),
    }


def plain_trace(trace, span_ids: SpanIds | None = None, exact_times: bool = False) -> dict[str, Any] | None:
    if trace is None:
        return None
    span_ids = span_ids or SpanIds()
    spans = sorted(trace.data.spans, key=lambda s: (s.start_time_ns, s.name))
    return {
        "info": plain_info(trace.info, exact_times),
        "spans": [plain_span(s, span_ids, exact_times) for s in spans],
    }


def plain_assessment(assessment) -> dict[str, Any]:
    from mlflow.entities import Expectation, Feedback

    kind = "feedback" if isinstance(assessment, Feedback) else "expectation" if isinstance(assessment, Expectation) else "issue"
    error = getattr(assessment, "error", None)
    return {
        "kind": kind,
        "assessment_id": assessment.assessment_id,
        "name": assessment.name,
        "trace_id": assessment.trace_id,
        "span_id": assessment.span_id,
        "source": {"type": assessment.source.source_type, "id": assessment.source.source_id},
        "value": getattr(assessment, "value", None),
        "error": None if error is None else {"code": error.error_code, "message": error.error_message},
        "rationale": assessment.rationale,
        "metadata": dict(sorted((assessment.metadata or {}).items())),
        "overrides": assessment.overrides,
        "valid": assessment.valid,
        "create_time_ms": recent_ms(assessment.create_time_ms),
        "last_update_time_ms": recent_ms(assessment.last_update_time_ms),
    }
