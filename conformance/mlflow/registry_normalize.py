"""Registry entities as plain values for the conformance results (harness.plain does not know
them): registered models and model versions with tags and aliases sorted, latest versions in
version order (MLflow leaves their order to the database), paged lists as items + next page."""

from __future__ import annotations

from typing import Any


def mv(version) -> dict | None:
    """A ModelVersion as a plain dict (aliases sorted; tags as a sorted dict)."""
    if version is None:
        return None
    return {
        "name": version.name,
        "version": str(version.version),
        "creation_timestamp": version.creation_timestamp,
        "last_updated_timestamp": version.last_updated_timestamp,
        "user_id": version.user_id,
        "current_stage": version.current_stage,
        "description": version.description,
        "source": version.source,
        "run_id": version.run_id,
        "status": version.status,
        "status_message": version.status_message,
        "tags": dict(sorted((version.tags or {}).items())),
        "run_link": version.run_link,
        "aliases": sorted(version.aliases or []),
    }


def rm(model) -> dict | None:
    """A RegisteredModel as a plain dict (latest versions by number, tags and aliases sorted)."""
    if model is None:
        return None
    latest = sorted(model.latest_versions or [], key=lambda v: int(v.version))
    return {
        "name": model.name,
        "creation_timestamp": model.creation_timestamp,
        "last_updated_timestamp": model.last_updated_timestamp,
        "description": model.description,
        "latest_versions": [mv(v) for v in latest],
        "tags": dict(sorted((model.tags or {}).items())),
        "aliases": dict(sorted((model.aliases or {}).items())),
    }


def page(result, fn) -> dict:
    """A PagedList of registry entities: items (in the server's order) and whether more exist."""
    return {"items": [fn(item) for item in result], "has_next_page": bool(result.token)}


def names(result) -> list[str]:
    return [m.name for m in result]


def keys(result) -> list[str]:
    return [f"{v.name}/{v.version}" for v in result]


def attempt(ctx, step: str, fn, convert=lambda value: value) -> Any:
    """Like ctx.attempt, converting a returned registry entity first."""
    from mlflow.exceptions import MlflowException

    try:
        value = fn()
    except MlflowException as err:
        ctx.record(step, {"raised": err.error_code})
        return None
    ctx.record(step, {"returned": convert(value)})
    return value
