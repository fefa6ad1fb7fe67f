"""MLflow 3 logged models: `mlflow.pyfunc.log_model(name=...)` in a run, `get_logged_model`,
`search_logged_models` (filters, datasets, order_by, max_results, pages), tags, params, metrics
with `model_id`, `load_model("models:/m-…")` and `runs:/<run>/<name>`, the model's file listing,
finalize, delete, run outputs and model inputs, and bad input compared by error code
(spec/mlflow-api.md §3.6, §5.6-5.8, §6.6, §6.7, §7.2)."""

from __future__ import annotations

import base64
import json

import mlflow
from harness import scenario
from logged_model_normalize import ModelIds, attempt, names, record
from mlflow.entities import LoggedModelInput, LoggedModelStatus, Metric

SCENARIOS: list = []
LM = "/api/2.0/mlflow/logged-models"
UNKNOWN_MODEL = "m-0123456789abcdef0123456789abcdef"
E400 = {"http": "4xx", "error_code": "INVALID_PARAMETER_VALUE"}
E404 = {"http": "4xx", "error_code": "RESOURCE_DOES_NOT_EXIST"}
BAD = {"http": "4xx", "error_code": "BAD_REQUEST"}
OK = {"http": "2xx", "error_code": None}


def test_logged_models(scenario, target, conformance):
    conformance.check(scenario, target)


class Echo(mlflow.pyfunc.PythonModel):
    """A tiny pyfunc model: prefixes every input."""

    def predict(self, context, model_input: list[str], params=None) -> list[str]:
        return [f"echo:{x}" for x in model_input]


@scenario(
    SCENARIOS,
    expect={
        "model": {
            "model_id": "<model:echo>",
            "name": "echo",
            "status": "READY",
            "source_run_id": "<run:r>",
            "params": {"lr": "0.1"},
            "metrics": [{"key": "acc", "value": 0.9, "step": 0, "run_id": "<run:r>", "model_id": "<model:echo>"}],
        },
        "run_outputs": {"model_outputs": [["<model:echo>", 0]]},
        "predict_models_uri": ["echo:a", "echo:b"],
        "predict_runs_uri": ["echo:c"],
        "missing_after_delete": {"raised": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def log_model_flow(ctx):
    models = ModelIds()
    exp_id = ctx.new_experiment("lm-flow", "e")
    with mlflow.start_run(experiment_id=exp_id, run_name="r") as run:
        run_id = ctx.run_id(run.info.run_id, "r")
        mlflow.log_param("lr", "0.1")
        mlflow.log_metric("acc", 0.9, step=0)
        info = mlflow.pyfunc.log_model(name="echo", python_model=Echo(), pip_requirements=["mlflow"])
    model_id = models.name(info.model_id, "echo")
    record(ctx, models, "model_uri", info.model_uri)
    record(ctx, models, "model", mlflow.get_logged_model(model_id))
    record(ctx, models, "run_outputs", ctx.client.get_run(run_id).outputs)
    loaded = mlflow.pyfunc.load_model(f"models:/{model_id}")
    record(ctx, models, "predict_models_uri", loaded.predict(["a", "b"]))
    by_run = mlflow.pyfunc.load_model(f"runs:/{run_id}/echo")
    record(ctx, models, "predict_runs_uri", by_run.predict(["c"]))
    listing = ctx.client.list_logged_model_artifacts(model_id)
    stable = {"conda.yaml", "python_env.yaml", "requirements.txt"}
    record(ctx, models, "files", sorted((f.path, f.is_dir, f.file_size if f.path in stable else f.file_size > 0) for f in listing))
    raw = ctx.get(f"logged-models/{model_id}/artifacts/directories", {"artifact_directory_path": ""})
    record(ctx, models, "raw_listing_root_uri", raw.json().get("root_uri"))
    found = mlflow.search_logged_models(experiment_ids=[exp_id], output_format="list")
    record(ctx, models, "search", names(found))
    by_name = ctx.client.search_logged_models([exp_id], filter_string="name = 'echo'")
    record(ctx, models, "search_by_name", by_name)
    ctx.client.delete_logged_model(model_id)
    attempt(ctx, models, "missing_after_delete", lambda: ctx.client.get_logged_model(model_id))


@scenario(
    SCENARIOS,
    expect={
        "created": {"name": "agent", "status": "PENDING", "model_type": "agent", "tags": {"team": "nlp"}},
        "after_updates": {"tags": {"stage": "prod", "team": "nlp"}, "params": {"a": "1", "b": "2"}},
        "finalized": {"status": "READY"},
        "delete_missing_tag": {"raised": "RESOURCE_DOES_NOT_EXIST"},
        "relog_param": {"raised": "BAD_REQUEST"},
        "run": {"inputs": {"model_inputs": ["<model:agent>"]}},
    },
)
def client_api(ctx):
    models = ModelIds()
    exp_id = ctx.new_experiment("lm-client", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="r", start_time=1000)
    created = ctx.client.create_logged_model(
        exp_id, name="agent", source_run_id=run_id, tags={"team": "nlp"}, params={"a": "1"}, model_type="agent"
    )
    model_id = models.name(created.model_id, "agent")
    record(ctx, models, "created", created)
    unnamed = ctx.client.create_logged_model(exp_id)
    models.name(unnamed.model_id, "unnamed")
    record(ctx, models, "generated_name_shape", bool(__import__("re").fullmatch(r"[a-z]+-[a-z]+-\d{1,3}", unnamed.name)))
    ctx.client.set_logged_model_tags(model_id, {"stage": "dev", "temp": "x"})
    ctx.client.set_logged_model_tags(model_id, {"stage": "prod"})
    ctx.client.delete_logged_model_tag(model_id, "temp")
    attempt(ctx, models, "delete_missing_tag", lambda: ctx.client.delete_logged_model_tag(model_id, "temp"))
    ctx.client.log_model_params(model_id, {"b": "2"})
    attempt(ctx, models, "relog_param", lambda: ctx.client.log_model_params(model_id, {"b": "2"}))
    ctx.client.log_metric(run_id, "acc", 0.75, timestamp=1000, step=2, model_id=model_id, dataset_name="eval", dataset_digest="d1")
    ctx.client.log_batch(run_id, metrics=[Metric("loss", float("nan"), 1000, 0, model_id=model_id), Metric("plain", 1.0, 1000, 0)])
    record(ctx, models, "after_updates", ctx.client.get_logged_model(model_id))
    record(ctx, models, "finalized", ctx.client.finalize_logged_model(model_id, LoggedModelStatus.READY))
    ctx.client.log_inputs(run_id, models=[LoggedModelInput(model_id)])
    ctx.client.log_inputs(run_id, models=[LoggedModelInput(model_id)])
    record(ctx, models, "run", ctx.client.get_run(run_id))
    record(ctx, models, "search_runs_inputs", [r.inputs.model_inputs for r in ctx.client.search_runs([exp_id])])
    ctx.client.delete_logged_model(unnamed.model_id)
    record(ctx, models, "after_delete", names(ctx.client.search_logged_models([exp_id])))
    attempt(ctx, models, "get_deleted", lambda: ctx.client.get_logged_model(unnamed.model_id))


def search_fixture(ctx, models: ModelIds) -> tuple[str, str]:
    """Three models with params, tags and metrics on datasets (like the store conformance)."""
    exp_id = ctx.new_experiment("lm-search", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="r", start_time=1000)
    specs = [
        ("alpha", "agent", {"lr": "0.1", "opt": "adam"}, {"team": "nlp", "stage": "dev"}),
        ("beta", "classifier", {"lr": "0.01"}, {"team": "cv"}),
        ("Gamma", None, {}, {"team": "nlp"}),
        ("delta", None, {"lr": "0.1"}, {"team": "nlp"}),
    ]
    ids = {}
    for name, model_type, params, tags in specs:
        model = ctx.client.create_logged_model(exp_id, name=name, model_type=model_type, params=params, tags=tags, source_run_id=run_id)
        ids[name] = models.name(model.model_id, name)
    ctx.client.finalize_logged_model(ids["Gamma"], LoggedModelStatus.READY)
    ctx.client.delete_logged_model(ids["delta"])
    points = [
        ("alpha", "acc", 0.9, 1, "eval", "d1"),
        ("alpha", "acc", 0.2, 2, "train", "d2"),
        ("alpha", "loss", 0.5, 1, None, None),
        ("beta", "acc", 0.5, 1, "eval", "d1"),
        ("Gamma", "acc", 0.7, 1, None, None),
    ]
    for name, key, value, ts, dataset, digest in points:
        ctx.client.log_metric(run_id, key, value, timestamp=ts, step=0, model_id=ids[name], dataset_name=dataset, dataset_digest=digest)
    return exp_id, run_id


FILTERS = [
    "name = 'alpha'",
    "name LIKE 'a%'",
    "name like '%a'",
    "name ILIKE 'g%'",
    "name IN ('alpha', 'Gamma')",
    "name NOT IN ('alpha')",
    "name != 'beta'",
    'name = "alpha"',
    "attributes.name = 'beta'",
    "model_type = 'agent'",
    "params.lr = '0.1'",
    "params.lr != '0.1'",
    "params.lr LIKE '0.%'",
    "params.opt IN ('adam', 'sgd')",
    "tags.team = 'nlp'",
    "tags.`team` = 'cv'",
    "tags.team = 'nlp' and params.lr = '0.1'",
    "metrics.acc > 0.6",
    "metrics.acc < 0.3",
    "metrics.acc >= 0.5 AND metrics.acc <= 0.5",
    "metrics.loss = 0.5",
    "metrics.acc != 0.9",
    "metrics.missing > 0",
    "creation_time > 0",
    "last_updated_timestamp > 0",
    "status = '2'",
]

DATASET_FILTERS = [
    ("metrics.acc > 0.6", [{"dataset_name": "eval", "dataset_digest": "d1"}]),
    ("metrics.acc > 0.1", [{"dataset_name": "eval", "dataset_digest": "d1"}]),
    ("metrics.acc > 0.6", [{"dataset_name": "eval"}]),
    (None, [{"dataset_name": "train", "dataset_digest": "d2"}]),
    (None, [{"dataset_name": "eval", "dataset_digest": "d1"}, {"dataset_name": "train", "dataset_digest": "d2"}]),
]

ORDERS = [
    [{"field_name": "name"}],
    [{"field_name": "name", "ascending": False}],
    [{"field_name": "creation_time", "ascending": True}],
    [{"field_name": "metrics.acc"}],
    [{"field_name": "metrics.acc", "ascending": False}],
    [{"field_name": "metrics.acc", "dataset_name": "eval"}],
    [{"field_name": "metrics.acc", "ascending": False, "dataset_name": "train", "dataset_digest": "d2"}],
    [{"field_name": "metrics.loss", "ascending": False}],
    [{"field_name": "status", "ascending": False}, {"field_name": "name"}],
]


@scenario(
    SCENARIOS,
    expect={
        "filter[name = 'alpha']": ["alpha"],
        "filter[metrics.acc > 0.6]": ["Gamma", "alpha"],
        "datasets[2]": [],
        "order[0]": ["Gamma", "alpha", "beta"],
        "page_1": {"names": ["Gamma", "alpha"], "has_next_page": True},
        "page_2": {"names": ["beta"], "has_next_page": False},
    },
)
def search(ctx):
    models = ModelIds()
    exp_id, run_id = search_fixture(ctx, models)
    client = ctx.client
    for filter_string in FILTERS:
        record(ctx, models, f"filter[{filter_string}]", names(client.search_logged_models([exp_id], filter_string=filter_string)))
    record(ctx, models, "filter[source_run_id]", names(client.search_logged_models([exp_id], filter_string=f"source_run_id = '{run_id}'")))
    for i, (filter_string, datasets) in enumerate(DATASET_FILTERS):
        found = client.search_logged_models([exp_id], filter_string=filter_string, datasets=datasets)
        record(ctx, models, f"datasets[{i}]", names(found))
    for i, order_by in enumerate(ORDERS):
        record(ctx, models, f"order[{i}]", names(client.search_logged_models([exp_id], order_by=order_by)))
    order_by = [{"field_name": "name"}]
    first = client.search_logged_models([exp_id], order_by=order_by, max_results=2)
    record(ctx, models, "page_1", {"names": names(first), "has_next_page": bool(first.token)})
    token = json.loads(base64.b64decode(first.token))
    token["experiment_ids"] = ["<e>" for _ in token["experiment_ids"]]
    record(ctx, models, "page_token", token)
    second = client.search_logged_models([exp_id], order_by=order_by, max_results=2, page_token=first.token)
    record(ctx, models, "page_2", {"names": names(second), "has_next_page": bool(second.token)})
    fluent = mlflow.search_logged_models(experiment_ids=[exp_id], filter_string="params.lr LIKE '0.%'", max_results=1, output_format="list")
    record(ctx, models, "fluent_max_results", names(fluent))
    record(ctx, models, "full_model", client.search_logged_models([exp_id], filter_string="name = 'alpha'"))


@scenario(
    SCENARIOS,
    expect={
        "create_bad_name_dot": E400,
        "create_unknown_experiment": E404,
        "create_missing_experiment": E400,
        "create_deleted_experiment": E400,
        "create_duplicate_params": BAD,
        "get_unknown": E404,
        "finalize_missing_status": E400,
        "finalize_unknown": E404,
        "delete_tag_missing": E404,
        "search_bad_operator": E400,
        "search_token_mismatch": E400,
        "metric_unknown_model": BAD,
        "outputs_twice": BAD,
    },
)
def bad_input(ctx):
    models = ModelIds()
    exp_id = ctx.new_experiment("lm-bad", "e")
    gone = ctx.new_experiment("lm-bad-gone", "gone")
    ctx.client.delete_experiment(gone)
    run_id = ctx.new_run(exp_id, "r", run_name="r", start_time=1000)
    model_id = models.name(ctx.client.create_logged_model(exp_id, name="m", params={"p": "1"}).model_id, "m")

    def http(step, method, path, payload=None):
        response = ctx.http(method, path, step, json=payload if payload is not None else {})
        ctx.steps[step] = models.sub(ctx.steps[step])
        return response

    for step, name in [("create_bad_name_dot", "a.b"), ("create_bad_name_slash", "a/b"), ("create_bad_name_quote", "it's"), ("create_bad_name_percent", "100%")]:
        http(step, "POST", LM, {"experiment_id": exp_id, "name": name})
    http("create_unknown_experiment", "POST", LM, {"experiment_id": "999999"})
    http("create_bad_experiment_id", "POST", LM, {"experiment_id": "abc"})
    http("create_missing_experiment", "POST", LM, {})
    http("create_deleted_experiment", "POST", LM, {"experiment_id": gone})
    http("create_duplicate_params", "POST", LM, {"experiment_id": exp_id, "params": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]})
    http("create_duplicate_tags", "POST", LM, {"experiment_id": exp_id, "tags": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]})
    http("get_unknown", "GET", f"{LM}/{UNKNOWN_MODEL}")
    http("get_search_path", "GET", f"{LM}/search")
    http("finalize_unknown", "PATCH", f"{LM}/{UNKNOWN_MODEL}", {"model_id": UNKNOWN_MODEL, "status": "LOGGED_MODEL_READY"})
    http("finalize_missing_status", "PATCH", f"{LM}/{model_id}", {"model_id": model_id})
    for step, status in [("finalize_unknown_name", "SIDEWAYS"), ("finalize_unknown_number", 7), ("finalize_number_text", "2")]:
        response = http(step, "PATCH", f"{LM}/{model_id}", {"model_id": model_id, "status": status})
        record(ctx, models, f"{step}_status", response.json()["model"]["info"]["status"])
    http("delete_unknown", "DELETE", f"{LM}/{UNKNOWN_MODEL}", {"model_id": UNKNOWN_MODEL})
    http("set_tags_unknown", "PATCH", f"{LM}/{UNKNOWN_MODEL}/tags", {"tags": [{"key": "a", "value": "b"}]})
    http("delete_tag_missing", "DELETE", f"{LM}/{model_id}/tags/never-set")
    http("delete_tag_unknown_model", "DELETE", f"{LM}/{UNKNOWN_MODEL}/tags/a")
    http("params_unknown", "POST", f"{LM}/{UNKNOWN_MODEL}/params", {"model_id": UNKNOWN_MODEL, "params": [{"key": "a", "value": "b"}]})
    http("params_existing_key", "POST", f"{LM}/{model_id}/params", {"model_id": model_id, "params": [{"key": "p", "value": "1"}]})
    http("list_unknown", "GET", f"{LM}/{UNKNOWN_MODEL}/artifacts/directories")
    http("list_dotdot", "GET", f"{LM}/{model_id}/artifacts/directories?artifact_directory_path=../x")
    search = f"{LM}/search"
    http("search_missing_experiment_ids", "POST", search, {})
    http("search_bad_experiment_id", "POST", search, {"experiment_ids": ["abc"]})
    http("search_unknown_experiment", "POST", search, {"experiment_ids": ["999999"]})
    for step, filter_string in [
        ("search_bad_operator", "name < 'a'"),
        ("search_bad_entity", "metric.acc > 1"),
        ("search_or", "name = 'a' OR name = 'b'"),
        ("search_blank_filter", "   "),
        ("search_unknown_attribute", "foo = 'x'"),
        ("search_quoted_number", "metrics.acc > 'x'"),
        ("search_is_null", "name IS NULL"),
    ]:
        http(step, "POST", search, {"experiment_ids": [exp_id], "filter": filter_string})
    http("search_dataset_without_name", "POST", search, {"experiment_ids": [exp_id], "datasets": [{"dataset_digest": "d"}]})
    http("search_order_unknown_field", "POST", search, {"experiment_ids": [exp_id], "order_by": [{"field_name": "bogus"}]})
    http("search_order_params", "POST", search, {"experiment_ids": [exp_id], "order_by": [{"field_name": "params.p"}]})
    http("search_order_relationship", "POST", search, {"experiment_ids": [exp_id], "order_by": [{"field_name": "tags"}]})
    http("search_garbage_token", "POST", search, {"experiment_ids": [exp_id], "page_token": "%%%not-a-token"})
    ctx.client.create_logged_model(exp_id, name="m2")
    first = ctx.post("logged-models/search", {"experiment_ids": [exp_id], "max_results": 1}).json()
    token = first["next_page_token"]
    http("search_token_ok", "POST", search, {"experiment_ids": [exp_id], "max_results": 1, "page_token": token})
    http("search_token_mismatch", "POST", search, {"experiment_ids": [exp_id], "max_results": 1, "page_token": token, "filter": "name = 'm'"})
    http("search_token_other_experiments", "POST", search, {"experiment_ids": [exp_id, "0"], "page_token": token})
    metric = {"run_id": run_id, "key": "acc", "value": 0.5, "timestamp": 5, "step": 0}
    http("metric_unknown_model", "POST", "/api/2.0/mlflow/runs/log-metric", {**metric, "model_id": UNKNOWN_MODEL})
    record(ctx, models, "run_metrics_after_unknown_model", ctx.client.get_run(run_id).data.metrics)
    http("metric_ok", "POST", "/api/2.0/mlflow/runs/log-metric", {**metric, "model_id": model_id})
    http("metric_same_again", "POST", "/api/2.0/mlflow/runs/log-metric", {**metric, "model_id": model_id})
    http("metric_other_value", "POST", "/api/2.0/mlflow/runs/log-metric", {**metric, "value": 0.6, "model_id": model_id})
    http("batch_unknown_model", "POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run_id, "metrics": [{**metric, "key": "b", "model_id": UNKNOWN_MODEL}]})
    http("outputs_ok", "POST", "/api/2.0/mlflow/runs/outputs", {"run_id": run_id, "models": [{"model_id": model_id, "step": 1}]})
    http("outputs_twice", "POST", "/api/2.0/mlflow/runs/outputs", {"run_id": run_id, "models": [{"model_id": model_id, "step": 2}]})
    http("outputs_empty", "POST", "/api/2.0/mlflow/runs/outputs", {"run_id": run_id, "models": []})
    http("outputs_unknown_run", "POST", "/api/2.0/mlflow/runs/outputs", {"run_id": "f" * 32, "models": [{"model_id": model_id}]})
    http("inputs_models", "POST", "/api/2.0/mlflow/runs/log-inputs", {"run_id": run_id, "models": [{"model_id": model_id}, {"model_id": model_id}]})
    record(ctx, models, "run_after", ctx.client.get_run(run_id))
    record(ctx, models, "model_after", ctx.client.get_logged_model(model_id))
