"""Recording helpers for the logged-model scenarios (test_logged_models.py).

The shared harness turns runs, experiments and metrics into plain values and numbers 32-hex run
ids; it does not know MLflow 3 logged models. Here:

- `LoggedModel`, `LoggedModelInput` / `LoggedModelOutput`, `FileInfo` lists and paged lists of
  models become plain values, with the time fields the harness normalizes to `<now>`
  (`creation_timestamp`, `last_updated_timestamp`, `timestamp`);
- model ids (`m-` + 32 hex) become `<model:label>` for the ids a scenario named, `<model#N>` for
  the others in order of first appearance, before the harness sees them (so their hex part is
  not taken for a run id);
- tags, params and metric points are sorted (MLflow leaves their order to the database).
"""

from __future__ import annotations

import re
from typing import Any

from harness import plain

MODEL_ID = re.compile(r"m-[0-9a-f]{32}")


class ModelIds:
    """Placeholders for server-chosen logged-model ids, stable across targets."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def name(self, model_id: str, label: str) -> str:
        self.names.setdefault(model_id, f"<model:{label}>")
        return model_id

    def placeholder(self, model_id: str) -> str:
        if model_id not in self.names:
            self.names[model_id] = f"<model#{len(self.names) + 1}>"
        return self.names[model_id]

    def sub(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {self.sub(k): self.sub(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.sub(v) for v in value]
        if isinstance(value, str):
            return MODEL_ID.sub(lambda m: self.placeholder(m.group(0)), value)
        return value


def model_metric(metric) -> dict:
    return {
        "key": metric.key,
        "value": plain(metric.value),
        "timestamp": metric.timestamp,
        "step": metric.step,
        "run_id": metric.run_id,
        "model_id": metric.model_id,
        "dataset_name": metric.dataset_name,
        "dataset_digest": metric.dataset_digest,
    }


def to_plain(value: Any) -> Any:
    """Plain values of logged-model entities; anything else goes through the harness."""
    from mlflow.entities import FileInfo, LoggedModel, LoggedModelInput, LoggedModelOutput
    from mlflow.store.entities.paged_list import PagedList

    if isinstance(value, LoggedModel):
        metrics = sorted((model_metric(m) for m in value.metrics or []), key=lambda m: (m["key"], m["timestamp"], m["step"], m["run_id"] or ""))
        return {
            "model_id": value.model_id,
            "experiment_id": value.experiment_id,
            "name": value.name,
            "artifact_location": value.artifact_location,
            "creation_timestamp": value.creation_timestamp,
            "last_updated_timestamp": value.last_updated_timestamp,
            "status": str(value.status),
            "model_type": value.model_type,
            "source_run_id": value.source_run_id,
            "status_message": value.status_message,
            "tags": dict(sorted(value.tags.items())),
            "params": dict(sorted(value.params.items())),
            "metrics": metrics,
        }
    if isinstance(value, LoggedModelOutput):
        return {"model_id": value.model_id, "step": value.step}
    if isinstance(value, LoggedModelInput):
        return {"model_id": value.model_id}
    if isinstance(value, PagedList):
        return {"items": [to_plain(v) for v in value], "has_next_page": bool(value.token)}
    if isinstance(value, FileInfo):
        return plain(value)
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return plain(value)


def record(ctx, models: ModelIds, step: str, value: Any) -> Any:
    """Records `value` with model ids replaced; returns `value` unchanged."""
    ctx.record(step, models.sub(to_plain(value)))
    return value


def attempt(ctx, models: ModelIds, step: str, fn) -> Any:
    """Records `fn()`'s value, or the error code of the MlflowException it raises."""
    from mlflow.exceptions import MlflowException

    try:
        value = fn()
    except MlflowException as err:
        ctx.record(step, {"raised": err.error_code})
        return None
    record(ctx, models, step, {"returned": value})
    return value


def names(models) -> list[str]:
    """The names of a list or page of logged models, in order."""
    return [m.name for m in models]
