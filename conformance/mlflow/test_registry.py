"""The model registry through `MlflowClient` and the fluent API: register_model from a run,
registered models (create, get, rename, update, delete, tags), model versions (create, get,
update, stages, delete, download URI, tags, latest versions), aliases, searches with filters,
order_by and paging, `models:/` downloads, and bad input over raw HTTP (spec/mlflow-api.md §3.7,
§4.1, §5.3-5.8, §9.2, §10.3).

Every scenario names its models with its own prefix, so searches filter on it."""

from __future__ import annotations

import time
from pathlib import Path

import mlflow
from harness import scenario
from registry_normalize import attempt, keys, mv, names, page, rm
from test_artifacts import tree

SCENARIOS: list = []
MLMODEL = """artifact_path: model
flavors:
  python_function:
    loader_module: conformance_model
    python_version: 3.11.0
mlflow_version: 3.17.2
utc_time_created: '2025-01-01 00:00:00.000000'
"""
PROMPT_TAG = "mlflow.prompt.is_prompt"


def test_registry(scenario, target, conformance):
    conformance.check(scenario, target)


def tick() -> None:
    """Lets the server clock move, so timestamps order the steps."""
    time.sleep(0.015)


def model_dir(base: Path) -> Path:
    src = base / "model-src"
    (src / "data").mkdir(parents=True)
    (src / "MLmodel").write_text(MLMODEL)
    (src / "data" / "weights.txt").write_text("w = 0.5\n")
    (src / "requirements.txt").write_text("mlflow==3.17.2\n")
    return src


def logged_run(ctx, label: str = "r") -> str:
    """A run with a model directory (MLmodel + files) logged under `model`."""
    exp_id = ctx.new_experiment(ctx.scenario_id, "e")
    run_id = ctx.new_run(exp_id, label, run_name=label, start_time=1000)
    ctx.client.log_artifacts(run_id, str(model_dir(ctx.tmp)), "model")
    return run_id


@scenario(
    SCENARIOS,
    expect={
        "registered": {"name": "registry.fluent", "version": "1", "current_stage": "None", "status": "READY", "run_id": "<run:r>"},
        "registered_again": {"version": "2"},
        "source": "mlflow-artifacts:/<exp:e>/<run:r>/artifacts/model",
        "download_uri": "mlflow-artifacts:/<exp:e>/<run:r>/artifacts/model",
        "by_alias": {"MLmodel": MLMODEL, "data/weights.txt": "w = 0.5\n", "requirements.txt": "mlflow==3.17.2\n"},
    },
)
def fluent(ctx):
    run_id = logged_run(ctx)
    name = ctx.scenario_id
    first = mlflow.register_model(f"runs:/{run_id}/model", name)
    ctx.record("registered", mv(first))
    ctx.record("source", first.source)
    second = mlflow.register_model(f"runs:/{run_id}/model", name, tags={"kind": "again"})
    ctx.record("registered_again", mv(second))
    ctx.record("model", rm(ctx.client.get_registered_model(name)))
    ctx.record("download_uri", ctx.client.get_model_version_download_uri(name, "1"))
    ctx.client.set_registered_model_alias(name, "champion", "1")
    ctx.record("by_version", tree(mlflow.artifacts.download_artifacts(f"models:/{name}/1", dst_path=str(ctx.tmp / "v1"))))
    ctx.record("by_alias", tree(mlflow.artifacts.download_artifacts(f"models:/{name}@champion", dst_path=str(ctx.tmp / "alias"))))
    ctx.record("by_latest", sorted(tree(mlflow.artifacts.download_artifacts(f"models:/{name}/latest", dst_path=str(ctx.tmp / "latest")))))
    ctx.client.transition_model_version_stage(name, "2", "Staging")
    ctx.record("by_stage", sorted(tree(mlflow.artifacts.download_artifacts(f"models:/{name}/staging", dst_path=str(ctx.tmp / "stage")))))
    sub = mlflow.artifacts.download_artifacts(f"models:/{name}@champion/data/weights.txt", dst_path=str(ctx.tmp / "one"))
    ctx.record("one_file", Path(sub).read_text())
    copy = ctx.client.create_model_version(name, f"models:/{name}@champion")
    ctx.record("copy_of_alias", mv(copy))
    ctx.record("copy_download_uri", ctx.client.get_model_version_download_uri(name, copy.version))


@scenario(
    SCENARIOS,
    expect={
        "registered": {"version": "1", "source": "models:/m-<run#2>", "run_id": "<run:r>"},
        "download_uri": "mlflow-artifacts:/<exp:e>/models/m-<run#2>/artifacts",
        "files": {"MLmodel": MLMODEL, "data/weights.txt": "w = 0.5\n", "requirements.txt": "mlflow==3.17.2\n"},
    },
)
def logged_model(ctx):
    """MLflow 3: a logged model registered by id (`models:/<model_id>`)."""
    from mlflow.entities import LoggedModelStatus

    c = ctx.client
    exp_id = ctx.new_experiment(ctx.scenario_id, "e")
    run_id = ctx.new_run(exp_id, "r", run_name="r", start_time=1000)
    model = c.create_logged_model(exp_id, name="agent", source_run_id=run_id)
    c.log_model_artifacts(model.model_id, str(model_dir(ctx.tmp)))
    c.finalize_logged_model(model.model_id, LoggedModelStatus.READY)
    name = ctx.scenario_id
    first = mlflow.register_model(f"models:/{model.model_id}", name)
    ctx.record("registered", mv(first))
    second = mlflow.register_model(f"models:/{model.model_id}", name)
    ctx.record("registered_again", mv(second))
    ctx.record("download_uri", c.get_model_version_download_uri(name, "1"))
    ctx.record("files", tree(mlflow.artifacts.download_artifacts(f"models:/{name}/1", dst_path=str(ctx.tmp / "v1"))))
    ctx.record("model_versions_tag", c.get_logged_model(model.model_id).tags.get("mlflow.modelVersions"))
    attempt(ctx, "other_model_id", lambda: c.create_model_version(name, f"models:/{model.model_id}", model_id="m-0123456789abcdef0123456789abcdef"), mv)


@scenario(
    SCENARIOS,
    expect={
        "created": {"name": "registry.models-a", "description": "first", "tags": {"team": "nlp", "k": "v"}},
        "duplicate": {"raised": "RESOURCE_ALREADY_EXISTS"},
        "renamed": {"name": "registry.models-b", "latest_versions": [{"name": "registry.models-b", "version": "1"}]},
        "old_name": {"raised": "RESOURCE_DOES_NOT_EXIST"},
        "rename_to_taken": {"raised": "RESOURCE_ALREADY_EXISTS"},
        "deleted": {"raised": "RESOURCE_DOES_NOT_EXIST"},
        "tag_set_keeps_time": True,
    },
)
def registered_models(ctx):
    c = ctx.client
    a, b, taken = "registry.models-a", "registry.models-b", "registry.models-taken"
    ctx.record("created", rm(c.create_registered_model(a, tags={"team": "nlp", "k": "v"}, description="first")))
    ctx.record("get", rm(c.get_registered_model(a)))
    attempt(ctx, "duplicate", lambda: c.create_registered_model(a))
    c.create_registered_model(taken)
    run_id = logged_run(ctx)
    c.create_model_version(a, f"runs:/{run_id}/model", run_id, tags={"vt": "1"}, description="v1")
    before = c.get_registered_model(a)
    tick()
    c.set_registered_model_tag(a, "k", "v2")
    c.set_registered_model_tag(a, "extra", "")
    c.delete_registered_model_tag(a, "team")
    attempt(ctx, "delete_missing_tag", lambda: c.delete_registered_model_tag(a, "team"))
    after = c.get_registered_model(a)
    ctx.record("after_tags", rm(after))
    ctx.record("tag_set_keeps_time", after.last_updated_timestamp == before.last_updated_timestamp)
    tick()
    updated = c.update_registered_model(a, description="second")
    ctx.record("updated", rm(updated))
    ctx.record("update_bumps_time", updated.last_updated_timestamp > before.last_updated_timestamp)
    ctx.record("cleared", rm(c.update_registered_model(a, description="")))
    attempt(ctx, "rename", lambda: c.rename_registered_model(a, b), rm)
    ctx.record("renamed", rm(c.get_registered_model(b)))
    attempt(ctx, "old_name", lambda: c.get_registered_model(a), rm)
    ctx.record("version_after_rename", mv(c.get_model_version(b, "1")))
    attempt(ctx, "rename_to_taken", lambda: c.rename_registered_model(b, taken), rm)
    attempt(ctx, "rename_to_same", lambda: c.rename_registered_model(b, b), rm)
    attempt(ctx, "tag_on_missing", lambda: c.set_registered_model_tag("registry.models-none", "k", "v"))
    c.delete_registered_model(b)
    attempt(ctx, "deleted", lambda: c.get_registered_model(b), rm)
    attempt(ctx, "version_of_deleted", lambda: c.get_model_version(b, "1"), mv)
    attempt(ctx, "delete_again", lambda: c.delete_registered_model(b))
    c.create_registered_model(b)
    again = c.create_model_version(b, f"runs:/{run_id}/model", run_id)
    ctx.record("recreated_version", mv(again))


@scenario(
    SCENARIOS,
    expect={
        "v1": {"version": "1", "description": "first", "tags": {"a": "1"}, "run_id": "<run:r>"},
        "no_run": {"version": "2", "run_id": "", "source": "s3://bucket/model"},
        "after_archive": ["Archived", "Staging", "Production"],
        "deleted_get": {"raised": "RESOURCE_DOES_NOT_EXIST"},
        "after_delete": {"version": "4"},
        "bad_stage": {"raised": "INVALID_PARAMETER_VALUE"},
    },
)
def model_versions(ctx):
    c = ctx.client
    name = "registry.versions"
    run_id = logged_run(ctx)
    c.create_registered_model(name)
    v1 = c.create_model_version(name, f"runs:/{run_id}/model", run_id, tags={"a": "1"}, description="first")
    ctx.record("v1", mv(v1))
    ctx.record("no_run", mv(c.create_model_version(name, "s3://bucket/model")))
    v3 = c.create_model_version(name, f"mlflow-artifacts:/{c.get_run(run_id).info.experiment_id}/{run_id}/artifacts/model", run_id, run_link="http://link")
    ctx.record("v3", mv(v3))
    ctx.record("get", mv(c.get_model_version(name, "1")))
    tick()
    ctx.record("updated", mv(c.update_model_version(name, "1", description="changed")))
    # The client refuses an update without a description; over HTTP it clears the description.
    ctx.http("PATCH", "/api/2.0/mlflow/model-versions/update", "clear_description", body=True, json={"name": name, "version": "2"})
    ctx.record("description_cleared", mv(c.get_model_version(name, "2")))
    c.set_model_version_tag(name, "1", "k", "v")
    c.set_model_version_tag(name, "1", "k", "v2")
    c.set_model_version_tag(name, "1", "gone", "x")
    c.delete_model_version_tag(name, "1", "gone")
    attempt(ctx, "delete_missing_version_tag", lambda: c.delete_model_version_tag(name, "1", "gone"))
    ctx.record("tags", mv(c.get_model_version(name, "1")).get("tags"))
    ctx.record("to_production", mv(c.transition_model_version_stage(name, "1", "production")))
    c.transition_model_version_stage(name, "2", "Staging")
    ctx.record("latest_all", sorted(keys(c.get_latest_versions(name))))
    ctx.record("latest_production", keys(c.get_latest_versions(name, stages=["PRODUCTION"])))
    ctx.record("latest_none", keys(c.get_latest_versions(name, stages=["None"])))
    c.transition_model_version_stage(name, "3", "Production", archive_existing_versions=True)
    ctx.record("after_archive", [c.get_model_version(name, v).current_stage for v in ("1", "2", "3")])
    attempt(ctx, "bad_stage", lambda: c.transition_model_version_stage(name, "1", "Live"), mv)
    ctx.record("download_uri", c.get_model_version_download_uri(name, "3"))
    c.set_registered_model_alias(name, "best", "2")
    c.delete_model_version(name, "2")
    attempt(ctx, "deleted_get", lambda: c.get_model_version(name, "2"), mv)
    attempt(ctx, "deleted_delete", lambda: c.delete_model_version(name, "2"))
    attempt(ctx, "deleted_download_uri", lambda: c.get_model_version_download_uri(name, "2"))
    attempt(ctx, "deleted_tag", lambda: c.set_model_version_tag(name, "2", "k", "v"))
    ctx.record("aliases_after_delete", rm(c.get_registered_model(name))["aliases"])
    ctx.record("after_delete", mv(c.create_model_version(name, "s3://bucket/model")))
    ctx.record("model", rm(c.get_registered_model(name)))
    attempt(ctx, "unknown_version", lambda: c.get_model_version(name, "99"), mv)
    attempt(ctx, "unknown_model", lambda: c.create_model_version("registry.versions-none", "s3://bucket/x"), mv)


@scenario(
    SCENARIOS,
    expect={
        "by_alias": {"version": "1", "aliases": ["champion", "second"]},
        "moved": {"version": "2", "aliases": ["champion"]},
        "latest": {"version": "3"},
        "deleted_alias": {"raised": "INVALID_PARAMETER_VALUE"},
        "reserved_latest": {"raised": "INVALID_PARAMETER_VALUE"},
        "reserved_version": {"raised": "INVALID_PARAMETER_VALUE"},
        "unknown_version": {"raised": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def aliases(ctx):
    c = ctx.client
    name = "registry.aliases"
    c.create_registered_model(name)
    for _ in range(3):
        c.create_model_version(name, "s3://bucket/model")
    c.set_registered_model_alias(name, "champion", "1")
    c.set_registered_model_alias(name, "second", "1")
    ctx.record("by_alias", mv(c.get_model_version_by_alias(name, "champion")))
    ctx.record("version_aliases", mv(c.get_model_version(name, "1"))["aliases"])
    c.set_registered_model_alias(name, "champion", "2")
    ctx.record("moved", mv(c.get_model_version_by_alias(name, "champion")))
    ctx.record("model_aliases", rm(c.get_registered_model(name))["aliases"])
    ctx.record("latest", mv(c.get_model_version_by_alias(name, "latest")))
    ctx.record("latest_upper", mv(c.get_model_version_by_alias(name, "LATEST"))["version"])
    c.delete_registered_model_alias(name, "second")
    attempt(ctx, "deleted_alias", lambda: c.get_model_version_by_alias(name, "second"), mv)
    attempt(ctx, "delete_missing_alias", lambda: c.delete_registered_model_alias(name, "second"))
    attempt(ctx, "reserved_latest", lambda: c.set_registered_model_alias(name, "Latest", "1"))
    attempt(ctx, "reserved_version", lambda: c.set_registered_model_alias(name, "v1", "1"))
    attempt(ctx, "not_reserved", lambda: c.set_registered_model_alias(name, "v1a", "1"))
    attempt(ctx, "bad_chars", lambda: c.set_registered_model_alias(name, "a.b", "1"))
    attempt(ctx, "too_long", lambda: c.set_registered_model_alias(name, "a" * 256, "1"))
    attempt(ctx, "max_length", lambda: c.set_registered_model_alias(name, "a" * 255, "1"))
    attempt(ctx, "unknown_version", lambda: c.set_registered_model_alias(name, "x", "9"))
    attempt(ctx, "unknown_model", lambda: c.set_registered_model_alias("registry.aliases-none", "x", "1"))
    attempt(ctx, "by_alias_unknown_model", lambda: c.get_model_version_by_alias("registry.aliases-none", "x"), mv)
    attempt(ctx, "latest_of_empty", lambda: (c.create_registered_model("registry.aliases-empty"), c.get_model_version_by_alias("registry.aliases-empty", "latest"))[1], mv)
    c.delete_model_version(name, "2")
    attempt(ctx, "alias_of_deleted_version", lambda: c.get_model_version_by_alias(name, "champion"), mv)


@scenario(
    SCENARIOS,
    expect={
        "all": ["srch.Gamma", "srch.alpha", "srch.beta", "srch.delta"],
        "name_like": ["srch.Gamma", "srch.alpha", "srch.delta"],
        "prompts": ["srch.prompt"],
        "by_time_desc": ["srch.Gamma", "srch.alpha", "srch.beta", "srch.delta"],
    },
)
def search_registered_models(ctx):
    c = ctx.client
    for name, tags in (
        ("srch.alpha", {"team": "nlp", "stage": "dev"}),
        ("srch.beta", {"team": "NLP"}),
        ("srch.Gamma", {"team": "vision"}),
        ("srch.delta", {}),
        ("srch.prompt", {PROMPT_TAG: "true"}),
    ):
        # The client refuses to create prompts as models; the server accepts them.
        ctx.post("registered-models/create", {"name": name, "tags": [{"key": k, "value": v} for k, v in tags.items()]})
        tick()
    for name in ("srch.delta", "srch.beta", "srch.alpha", "srch.Gamma"):
        c.create_model_version(name, "s3://bucket/model")
        tick()
    search = lambda f, **kw: names(c.search_registered_models(filter_string=f, **kw))  # noqa: E731
    base = "name LIKE 'srch.%'"
    ctx.record("all", search(base))
    ctx.record("full", page(c.search_registered_models(filter_string="name = 'srch.alpha'"), rm))
    filters = {
        "name_like": "name LIKE 'srch._____'",
        "name_ilike": "name ILIKE 'SRCH.G%'",
        "name_eq": "name = 'srch.beta'",
        "name_ne": f"{base} AND name != 'srch.beta'",
        "name_in": "name IN ('srch.beta', 'srch.delta', 'srch.none')",
        "tag_eq": f"{base} AND tags.team = 'nlp'",
        "tag_ilike": f"{base} AND tags.team ILIKE 'nlp'",
        "tag_ne": f"{base} AND tags.team != 'nlp'",
        "tag_like_backticks": f"{base} AND tags.`team` LIKE '%i%'",
        "two_tags": f"{base} AND tags.team = 'nlp' AND tags.stage = 'dev'",
        "prompts": f"{base} AND tags.`{PROMPT_TAG}` = 'true'",
        "prompt_by_name": "name = 'srch.prompt'",
    }
    for step, f in filters.items():
        ctx.record(step, search(f))
    orders = {
        "by_name_desc": ["name DESC"],
        "by_time_desc": ["timestamp DESC"],
        "by_last_updated_asc": ["last_updated_timestamp ASC"],
    }
    for step, order_by in orders.items():
        ctx.record(step, search(base, order_by=order_by))
    first = c.search_registered_models(filter_string=base, max_results=3)
    second = c.search_registered_models(filter_string=base, max_results=3, page_token=first.token)
    ctx.record("page_1", {"items": names(first), "has_next_page": bool(first.token)})
    ctx.record("page_2", {"items": names(second), "has_next_page": bool(second.token)})
    exact = c.search_registered_models(filter_string=base, max_results=4)
    ctx.record("exact_page", {"items": names(exact), "has_next_page": bool(exact.token)})
    for step, kwargs in {
        "bad_attribute": {"filter_string": "version = '1'"},
        "bad_comparator": {"filter_string": "name > 'a'"},
        "unquoted_value": {"filter_string": "name = srch"},
        "bad_order": {"order_by": ["creation_timestamp DESC"]},
        "bad_direction": {"order_by": ["name UP"]},
        "too_many": {"max_results": 1001},
        "bad_token": {"page_token": "bm9wZQ=="},
    }.items():
        attempt(ctx, step, lambda kw=kwargs: c.search_registered_models(**kw), lambda r: page(r, rm))


@scenario(
    SCENARIOS,
    expect={
        "all": ["vsrch.b/2", "vsrch.a/3", "vsrch.b/1", "vsrch.a/2", "vsrch.a/1"],
        "run_in": ["vsrch.b/2", "vsrch.a/3", "vsrch.a/1"],
        "version_gt": ["vsrch.b/2", "vsrch.a/3", "vsrch.a/2"],
    },
)
def search_model_versions(ctx):
    c = ctx.client
    exp_id = ctx.new_experiment(ctx.scenario_id, "e")
    runs = [ctx.new_run(exp_id, f"r{i}", run_name=f"r{i}", start_time=1000 + i) for i in range(3)]
    c.create_registered_model("vsrch.a")
    c.create_registered_model("vsrch.b")
    ctx.post("registered-models/create", {"name": "vsrch.prompt", "tags": [{"key": PROMPT_TAG, "value": "true"}]})
    plan = [
        ("vsrch.a", runs[0], "s3://bucket/a/1", {"ok": "yes"}),
        ("vsrch.a", runs[1], "s3://bucket/a/2", {"ok": "no"}),
        ("vsrch.b", runs[1], "gs://bucket/b/1", {}),
        ("vsrch.a", runs[2], "s3://bucket/a/3", {}),
        ("vsrch.b", runs[0], "gs://bucket/b/2", {"ok": "yes"}),
    ]
    for name, run_id, source, tags in plan:
        c.create_model_version(name, source, run_id, tags=tags)
        tick()
    prompt_tags = [{"key": PROMPT_TAG, "value": "true"}, {"key": "mlflow.prompt.text", "value": "Hi {{x}}"}]
    ctx.post("model-versions/create", {"name": "vsrch.prompt", "source": "dummy-source", "tags": prompt_tags}, "prompt_version")
    c.create_model_version("vsrch.a", "s3://bucket/a/4")
    c.delete_model_version("vsrch.a", "4")
    search = lambda f, **kw: keys(c.search_model_versions(filter_string=f, **kw))  # noqa: E731
    base = "name LIKE 'vsrch.%'"
    ctx.record("all", search(base))
    ctx.record("full", page(c.search_model_versions(filter_string="name = 'vsrch.b'"), mv))
    filters = {
        "by_name": "name = 'vsrch.a'",
        "run_eq": f"run_id = '{runs[1]}'",
        "run_in": f"run_id IN ('{runs[0]}', '{runs[2]}')",
        "run_not_in": f"{base} AND run_id NOT IN ('{runs[0]}')",
        "name_in": "name IN ('vsrch.b', 'vsrch.none')",
        "source_like": f"{base} AND source_path LIKE 'gs://%'",
        "source_eq": "source_path = 's3://bucket/a/2'",
        "version_gt": f"{base} AND version_number > 1",
        "version_eq_string": f"{base} AND version_number = '1'",
        "version_le": f"{base} AND version_number <= 2 AND name ILIKE 'VSRCH.A'",
        "tag_eq": f"{base} AND tags.ok = 'yes'",
        "tag_like": f"{base} AND tags.ok LIKE '%'",
        "prompts": f"{base} AND tags.`{PROMPT_TAG}` = 'true'",
        "prompt_by_name": "name = 'vsrch.prompt'",
    }
    for step, f in filters.items():
        ctx.record(step, search(f))
    orders = {
        "order_name": ["name ASC"],
        "order_version": ["version_number ASC"],
        "order_created": ["creation_timestamp DESC"],
        "order_name_desc_version_asc": ["name DESC", "version_number ASC"],
    }
    for step, order_by in orders.items():
        ctx.record(step, search(base, order_by=order_by))
    pages, token = [], None
    while True:
        result = c.search_model_versions(filter_string=base, max_results=2, order_by=["name", "version_number"], page_token=token)
        pages.append(keys(result))
        token = result.token
        if not token:
            break
    ctx.record("pages", pages)
    for step, kwargs in {
        "bad_attribute": {"filter_string": "version = '1'"},
        "list_not_supported": {"filter_string": "source_path IN ('a')"},
        "float_version": {"filter_string": "version_number > 1.5"},
        "bad_version_string": {"filter_string": "version_number = 'x'"},
        "bad_tag_comparator": {"filter_string": "tags.ok IN ('a')"},
        "bad_entity": {"filter_string": "params.x = '1'"},
        "bad_order": {"order_by": ["run_id"]},
        "zero_results": {"max_results": 0},
    }.items():
        attempt(ctx, step, lambda kw=kwargs: c.search_model_versions(**kw), lambda r: page(r, mv))


def _raw(ctx, method: str, path: str, step: str, payload: dict | None = None, params: dict | None = None) -> None:
    kwargs = {"json": payload} if payload is not None else {}
    ctx.http(method, "/api/2.0/mlflow/" + path, step, params=params, **kwargs)


E400 = {"http": "4xx", "error_code": "INVALID_PARAMETER_VALUE"}
E404 = {"http": "4xx", "error_code": "RESOURCE_DOES_NOT_EXIST"}
EXISTS = {"http": "4xx", "error_code": "RESOURCE_ALREADY_EXISTS"}
OK = {"http": "2xx", "error_code": None}


@scenario(
    SCENARIOS,
    expect={
        "rm_missing_name": E400,
        "rm_slash": E400,
        "rm_duplicate": EXISTS,
        "rm_tag_value_too_long": E400,
        "rm_get_unknown": E404,
        "rename_missing_new_name": E400,
        "search_rm_too_many": E400,
        "latest_bad_stage": E400,
        "mv_missing_source": E400,
        "mv_unknown_model": E404,
        "mv_dotdot": E400,
        "mv_http_source": E400,
        "mv_runs_without_run_id": E400,
        "mv_get_not_integer": E400,
        "mv_get_unknown": E404,
        "alias_latest": E400,
        "alias_v2": E400,
        "alias_get_unknown": E400,
        "alias_unknown_version": E404,
        "prompt_source_ok": OK,
    },
)
def bad_input(ctx):
    name = "registry.bad"
    other = "registry.bad-other"
    run_id = logged_run(ctx)
    exp_id = ctx.client.get_run(run_id).info.experiment_id
    inside = f"mlflow-artifacts:/{exp_id}/{run_id}/artifacts/model"
    _raw(ctx, "POST", "registered-models/create", "rm_ok", {"name": name})
    _raw(ctx, "POST", "registered-models/create", "rm_other", {"name": other})
    _raw(ctx, "POST", "model-versions/create", "mv_ok", {"name": name, "source": inside, "run_id": run_id})
    for step, payload in {
        "rm_missing_name": {},
        "rm_empty_name": {"name": ""},
        "rm_blank_name": {"name": "   "},
        "rm_slash": {"name": "a/b"},
        "rm_colon": {"name": "a:b"},
        "rm_dotdot": {"name": ".."},
        "rm_number_name": {"name": 5},
        "rm_duplicate": {"name": name},
        "rm_tags_not_list": {"name": "registry.bad-1", "tags": "x"},
        "rm_bad_tag_key": {"name": "registry.bad-2", "tags": [{"key": "a!b", "value": "v"}]},
        "rm_tag_key_too_long": {"name": "registry.bad-3", "tags": [{"key": "k" * 251, "value": "v"}]},
        "rm_tag_value_too_long": {"name": "registry.bad-4", "tags": [{"key": "k", "value": "v" * 100001}]},
        "rm_tag_value_max": {"name": "registry.bad-5", "tags": [{"key": "k", "value": "v" * 100000}]},
        "rm_tag_without_value": {"name": "registry.bad-6", "tags": [{"key": "k"}]},
        "rm_tag_without_key": {"name": "registry.bad-7", "tags": [{"value": "v"}]},
    }.items():
        _raw(ctx, "POST", "registered-models/create", step, payload)
    _raw(ctx, "GET", "registered-models/get", "rm_get_missing_name", params={})
    _raw(ctx, "GET", "registered-models/get", "rm_get_unknown", params={"name": "registry.nope"})
    _raw(ctx, "GET", "registered-models/get", "rm_get_slash", params={"name": "a/b"})
    for step, payload in {
        "rename_missing_new_name": {"name": name},
        "rename_empty_new_name": {"name": name, "new_name": ""},
        "rename_unknown": {"name": "registry.nope", "new_name": "registry.nope2"},
        "rename_to_slash": {"name": other, "new_name": "x/y"},
        "rename_to_taken": {"name": other, "new_name": name},
    }.items():
        _raw(ctx, "POST", "registered-models/rename", step, payload)
    _raw(ctx, "PATCH", "registered-models/update", "update_unknown", {"name": "registry.nope", "description": "d"})
    _raw(ctx, "PATCH", "registered-models/update", "update_missing_name", {"description": "d"})
    _raw(ctx, "DELETE", "registered-models/delete", "delete_unknown", {"name": "registry.nope"})
    _raw(ctx, "DELETE", "registered-models/delete", "delete_missing_name", {})
    for step, params in {
        "search_rm_too_many": {"max_results": 1001},
        "search_rm_not_int": {"max_results": "abc"},
        "search_rm_zero": {"max_results": 0, "filter": "name = 'registry.bad'"},
        "search_rm_bad_filter": {"filter": "name ~ 'x'"},
        "search_rm_or": {"filter": "name = 'a' OR name = 'b'"},
        "search_rm_is_null": {"filter": "tags.k IS NULL"},
        "search_rm_bad_entity": {"filter": "metrics.x = '1'"},
        "search_rm_in_for_tag": {"filter": "tags.k IN ('a')"},
        "search_rm_bad_order": {"order_by": "creation_timestamp"},
        "search_rm_duplicate_order": {"order_by": ["timestamp", "last_updated_timestamp"]},
        "search_rm_bad_token": {"page_token": "abc"},
    }.items():
        _raw(ctx, "GET", "registered-models/search", step, params=params)
    ctx.http("POST", "/api/2.0/mlflow/registered-models/get-latest-versions", "latest_post", json={"name": name, "stages": ["none"]}, body=True)
    ctx.steps["latest_post"].pop("body", None)
    _raw(ctx, "GET", "registered-models/get-latest-versions", "latest_get", params={"name": name, "stages": "None"})
    _raw(ctx, "POST", "registered-models/get-latest-versions", "latest_bad_stage", {"name": name, "stages": ["Live"]})
    _raw(ctx, "POST", "registered-models/get-latest-versions", "latest_unknown", {"name": "registry.nope"})
    _raw(ctx, "POST", "registered-models/get-latest-versions", "latest_stages_not_list", {"name": name, "stages": "None"})
    for step, payload in {
        "rm_set_tag_missing_key": {"name": name, "value": "v"},
        "rm_set_tag_bad_key": {"name": name, "key": "../x", "value": "v"},
        "rm_set_tag_long_value": {"name": name, "key": "k", "value": "v" * 100001},
        "rm_set_tag_unknown": {"name": "registry.nope", "key": "k", "value": "v"},
        "rm_set_tag_no_value": {"name": name, "key": "k"},
    }.items():
        _raw(ctx, "POST", "registered-models/set-tag", step, payload)
    _raw(ctx, "DELETE", "registered-models/delete-tag", "rm_delete_tag_unknown", {"name": "registry.nope", "key": "k"})
    _raw(ctx, "DELETE", "registered-models/delete-tag", "rm_delete_tag_missing_key", {"name": name})
    _raw(ctx, "DELETE", "registered-models/delete-tag", "rm_delete_tag_absent", {"name": name, "key": "never"})
    sources = {
        "mv_missing_source": {"name": name},
        "mv_missing_name": {"source": "s3://b/x"},
        "mv_unknown_model": {"name": "registry.nope", "source": "s3://b/x"},
        "mv_bad_name": {"name": "a/b", "source": "s3://b/x"},
        "mv_dotdot": {"name": name, "source": "s3://b/a/../x"},
        "mv_encoded_dotdot": {"name": name, "source": "s3://b/a/%252e%252e/x"},
        "mv_no_path": {"name": name, "source": "s3://bucket"},
        "mv_http_source": {"name": name, "source": "http://example.com/model"},
        "mv_artifacts_host": {"name": name, "source": "mlflow-artifacts://example.com/1/x"},
        "mv_runs_without_run_id": {"name": name, "source": f"runs:/{run_id}/model"},
        "mv_runs_other_run": {"name": name, "source": f"runs:/{run_id}/model", "run_id": "0123456789abcdef0123456789abcdef"},
        "mv_runs_ok": {"name": name, "source": f"runs:/{run_id}/model", "run_id": run_id},
        "mv_artifacts_without_run": {"name": name, "source": inside},
        "mv_artifacts_outside_run": {"name": name, "source": f"mlflow-artifacts:/{exp_id}/other/artifacts", "run_id": run_id},
        "mv_artifacts_unknown_run": {"name": name, "source": inside, "run_id": "0123456789abcdef0123456789abcdef"},
        "mv_local_path": {"name": name, "source": "/etc/passwd", "run_id": run_id},
        "mv_file_uri": {"name": name, "source": "file:///etc/passwd"},
        "mv_remote_file_uri": {"name": name, "source": "file://evil.example.com/etc/passwd"},
        "mv_models_unknown": {"name": name, "source": "models:/registry.nope/1"},
        "mv_models_unknown_version": {"name": name, "source": f"models:/{name}/99"},
        "mv_models_unknown_alias": {"name": name, "source": f"models:/{name}@nope"},
        "mv_models_empty_stage": {"name": name, "source": f"models:/{name}/Production"},
        "mv_models_ok": {"name": other, "source": f"models:/{name}/1"},
        "mv_models_wrong_run": {"name": other, "source": f"models:/{name}/1", "run_id": "0123456789abcdef0123456789abcdef"},
        "mv_models_id_without_model_id": {"name": name, "source": "models:/m-0123456789abcdef0123456789abcdef"},
        "mv_models_host": {"name": name, "source": "models://host/x/1"},
        "mv_models_malformed": {"name": name, "source": "models:/a/b/c"},
        "mv_unknown_model_id": {"name": name, "source": "s3://b/x", "model_id": "m-0123456789abcdef0123456789abcdef"},
        "mv_bad_tag_key": {"name": name, "source": "s3://b/x", "tags": [{"key": "bad key!", "value": "v"}]},
        "mv_tag_value_too_long": {"name": name, "source": "s3://b/x", "tags": [{"key": "k", "value": "v" * 100001}]},
        "mv_prompt_text_too_long": {"name": name, "source": "s3://b/x", "tags": [{"key": "mlflow.prompt.text", "value": "v" * 100001}]},
        "prompt_bad_source": {"name": other, "source": "s3://b/x", "tags": [{"key": PROMPT_TAG, "value": "true"}]},
        "prompt_source_ok": {"name": other, "source": "dummy-source", "tags": [{"key": PROMPT_TAG, "value": "TRUE"}]},
    }
    for step, payload in sources.items():
        _raw(ctx, "POST", "model-versions/create", step, payload)
    for step, params in {
        "mv_get_not_integer": {"name": name, "version": "x"},
        "mv_get_float": {"name": name, "version": "1.0"},
        "mv_get_missing_version": {"name": name},
        "mv_get_unknown": {"name": name, "version": "99"},
        "mv_get_huge": {"name": name, "version": "99999999999"},
        "mv_get_negative": {"name": name, "version": "-1"},
        "mv_get_spaced": {"name": name, "version": " 1 "},
        "mv_get_unknown_model": {"name": "registry.nope", "version": "1"},
    }.items():
        _raw(ctx, "GET", "model-versions/get", step, params=params)
    _raw(ctx, "POST", "model-versions/get", "mv_get_wrong_method", {"name": name, "version": "1"})
    ctx.also_ok("mv_get_wrong_method", ("4xx", "ENDPOINT_NOT_FOUND"), why="3.17 answers a non-JSON 405; a non-JSON 404 is as good for clients")
    _raw(ctx, "PATCH", "model-versions/update", "mv_update_unknown", {"name": name, "version": "99", "description": "d"})
    _raw(ctx, "PATCH", "model-versions/update", "mv_update_not_integer", {"name": name, "version": "x"})
    _raw(ctx, "PATCH", "model-versions/update", "mv_update_number_version", {"name": name, "version": 1, "description": "d"})
    for step, payload in {
        "stage_bad": {"name": name, "version": "1", "stage": "Live", "archive_existing_versions": False},
        "stage_archive_inactive": {"name": name, "version": "1", "stage": "Archived", "archive_existing_versions": True},
        "stage_missing": {"name": name, "version": "1", "archive_existing_versions": False},
        "stage_no_archive_flag": {"name": name, "version": "1", "stage": "staging"},
        "stage_flag_string": {"name": name, "version": "1", "stage": "Staging", "archive_existing_versions": "yes"},
        "stage_unknown_version": {"name": name, "version": "99", "stage": "Staging", "archive_existing_versions": False},
    }.items():
        _raw(ctx, "POST", "model-versions/transition-stage", step, payload)
    _raw(ctx, "GET", "model-versions/get-download-uri", "download_uri_missing", params={})
    _raw(ctx, "GET", "model-versions/get-download-uri", "download_uri_unknown", params={"name": name, "version": "99"})
    _raw(ctx, "GET", "model-versions/get-download-uri", "download_uri_not_integer", params={"name": name, "version": "x"})
    for step, params in {
        "search_mv_zero": {"max_results": 0},
        "search_mv_too_many": {"max_results": 200001},
        "search_mv_not_int": {"max_results": "x"},
        "search_mv_bad_filter": {"filter": "run_id = "},
        "search_mv_is_null": {"filter": "tags.k IS NULL"},
        "search_mv_version_in": {"filter": "version_number IN ('1')"},
        "search_mv_bad_order": {"order_by": "version DESC"},
        "search_mv_duplicate_order": {"order_by": ["name", "name DESC"]},
        "search_mv_bad_token": {"page_token": "%%%"},
    }.items():
        _raw(ctx, "GET", "model-versions/search", step, params=params)
    for step, payload in {
        "mv_set_tag_unknown": {"name": name, "version": "99", "key": "k", "value": "v"},
        "mv_set_tag_bad_key": {"name": name, "version": "1", "key": "//", "value": "v"},
        "mv_set_tag_long_value": {"name": name, "version": "1", "key": "k", "value": "v" * 100001},
        "mv_set_tag_missing_key": {"name": name, "version": "1", "value": "v"},
        "mv_set_tag_no_value": {"name": name, "version": "1", "key": "k"},
        "mv_set_tag_bad_version": {"name": name, "version": "one", "key": "k", "value": "v"},
    }.items():
        _raw(ctx, "POST", "model-versions/set-tag", step, payload)
    _raw(ctx, "DELETE", "model-versions/delete-tag", "mv_delete_tag_unknown", {"name": name, "version": "99", "key": "k"})
    _raw(ctx, "DELETE", "model-versions/delete-tag", "mv_delete_tag_absent", {"name": name, "version": "1", "key": "never"})
    for step, payload in {
        "alias_latest": {"name": name, "alias": "latest", "version": "1"},
        "alias_v2": {"name": name, "alias": "V2", "version": "1"},
        "alias_empty": {"name": name, "alias": "", "version": "1"},
        "alias_bad_chars": {"name": name, "alias": "a b", "version": "1"},
        "alias_too_long": {"name": name, "alias": "a" * 256, "version": "1"},
        "alias_unknown_version": {"name": name, "alias": "ok", "version": "99"},
        "alias_bad_version": {"name": name, "alias": "ok", "version": "x"},
        "alias_unknown_model": {"name": "registry.nope", "alias": "ok", "version": "1"},
        "alias_ok": {"name": name, "alias": "ok", "version": "1"},
    }.items():
        _raw(ctx, "POST", "registered-models/alias", step, payload)
    _raw(ctx, "GET", "registered-models/alias", "alias_get_unknown", params={"name": name, "alias": "nope"})
    _raw(ctx, "GET", "registered-models/alias", "alias_get_missing", params={"name": name})
    _raw(ctx, "GET", "registered-models/alias", "alias_get_bad", params={"name": name, "alias": "a.b"})
    _raw(ctx, "GET", "registered-models/alias", "alias_get_unknown_model", params={"name": "registry.nope", "alias": "ok"})
    _raw(ctx, "DELETE", "registered-models/alias", "alias_delete_unknown_model", {"name": "registry.nope", "alias": "ok"})
    _raw(ctx, "DELETE", "registered-models/alias", "alias_delete_absent", {"name": name, "alias": "never"})
    _raw(ctx, "DELETE", "model-versions/delete", "mv_delete_not_integer", {"name": name, "version": "x"})
    _raw(ctx, "DELETE", "model-versions/delete", "mv_delete_unknown", {"name": name, "version": "99"})
    _raw(ctx, "DELETE", "model-versions/delete", "mv_delete_ok", {"name": name, "version": "1"})
    _raw(ctx, "DELETE", "model-versions/delete", "mv_delete_again", {"name": name, "version": "1"})
    _raw(ctx, "GET", "registered-models/alias", "alias_gone_with_version", params={"name": name, "alias": "ok"})


@scenario(
    SCENARIOS,
    expect={
        "get_model": {"body": {"registered_model": {"name": "registry.wire", "description": "d", "aliases": [{"alias": "a", "version": "1"}]}}},
        "get_version": {"body": {"model_version": {"version": "1", "aliases": ["a"], "run_link": "", "description": ""}}},
    },
)
def wire(ctx):
    """The JSON itself (which fields are present, empty strings, int64 numbers), beyond what the
    client's entities show."""
    name = "registry.wire"
    run_id = logged_run(ctx)
    exp_id = ctx.client.get_run(run_id).info.experiment_id
    source = f"mlflow-artifacts:/{exp_id}/{run_id}/artifacts/model"
    steps = [
        ("POST", "registered-models/create", "create_model", {"name": name, "description": "d", "tags": [{"key": "t", "value": "1"}]}, None),
        ("POST", "registered-models/create", "create_bare", {"name": name + "-bare"}, None),
        ("POST", "model-versions/create", "create_version", {"name": name, "source": source, "run_id": run_id}, None),
        ("POST", "model-versions/create", "create_version_bare", {"name": name, "source": "s3://b/m"}, None),
        ("POST", "registered-models/alias", "set_alias", {"name": name, "alias": "a", "version": "1"}, None),
        ("POST", "model-versions/set-tag", "set_tag", {"name": name, "version": "1", "key": "k", "value": "v"}, None),
        ("GET", "registered-models/get", "get_model", None, {"name": name}),
        ("GET", "model-versions/get", "get_version", None, {"name": name, "version": "1"}),
        ("PATCH", "model-versions/update", "update_version", {"name": name, "version": "2"}, None),
        ("PATCH", "registered-models/update", "update_model", {"name": name + "-bare"}, None),
        ("POST", "model-versions/transition-stage", "transition", {"name": name, "version": "2", "stage": "staging", "archive_existing_versions": False}, None),
        ("POST", "registered-models/get-latest-versions", "latest", {"name": name}, None),
        ("GET", "registered-models/alias", "by_alias", None, {"name": name, "alias": "a"}),
        ("GET", "model-versions/get-download-uri", "download_uri", None, {"name": name, "version": "1"}),
        ("GET", "registered-models/search", "search_models", None, {"filter": f"name LIKE '{name}%'", "max_results": 1}),
        ("GET", "model-versions/search", "search_versions", None, {"filter": f"name = '{name}'", "max_results": 1}),
        ("DELETE", "registered-models/delete-tag", "delete_tag", {"name": name, "key": "t"}, None),
        ("DELETE", "model-versions/delete", "delete_version", {"name": name, "version": "2"}, None),
    ]
    for method, path, step, payload, params in steps:
        kwargs = {"json": payload} if payload is not None else {"params": params}
        ctx.http(method, "/api/2.0/mlflow/" + path, step, body=True, **kwargs)
        body = ctx.steps[step].get("body")
        if isinstance(body, dict) and "next_page_token" in body:
            body["next_page_token"] = "<token>"
