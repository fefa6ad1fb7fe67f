"""Dataset inputs: mlflow.log_input with pandas and numpy datasets, contexts and tags, dedup,
client.log_inputs, dataset filters in search_runs, the UI's search-datasets route
(spec/mlflow-api.md §3.2 log-inputs, §3.5, §5.1, §6.6)."""

from __future__ import annotations

import mlflow
import numpy as np
import pandas as pd
from harness import scenario
from mlflow.entities import Dataset, DatasetInput, InputTag

SCENARIOS: list = []


def test_datasets(scenario, target, conformance):
    conformance.check(scenario, target)


def train_frame() -> pd.DataFrame:
    return pd.DataFrame({"question": ["1+1", "2+2", "3+3"], "answer": [2, 4, 6], "score": [0.5, 1.0, 0.25]})


def new_experiment(ctx):
    return ctx.new_experiment(ctx.scenario_id, "e")


@scenario(
    SCENARIOS,
    expect={
        "inputs": {
            "dataset_inputs": [
                {
                    "dataset": {"name": "eval", "source_type": "http", "source": '{"url": "https://example.com/eval.npy"}'},
                    "tags": {"mlflow.data.context": "eval"},
                },
                {
                    "dataset": {"name": "train", "source_type": "http", "source": '{"url": "https://example.com/train.csv"}'},
                    "tags": {"mlflow.data.context": "training", "split": "a"},
                },
            ],
            "model_inputs": [],
        },
        "relogged_same_run": {"dataset_inputs": [{"dataset": {"name": "eval"}}, {"dataset": {"name": "train"}}]},
    },
)
def log_input_fluent(ctx):
    exp_id = new_experiment(ctx)
    mlflow.set_experiment(experiment_id=exp_id)
    train = mlflow.data.from_pandas(train_frame(), source="https://example.com/train.csv", name="train", targets="answer")
    evals = mlflow.data.from_numpy(
        np.arange(12, dtype=np.float64).reshape(4, 3), source="https://example.com/eval.npy", name="eval", targets=np.array([0, 1, 0, 1])
    )
    with mlflow.start_run(run_name="with-data") as run:
        ctx.run_id(run.info.run_id, "r")
        mlflow.log_input(train, context="training", tags={"split": "a"})
        mlflow.log_input(evals, context="eval")
    c = ctx.client
    ctx.record("inputs", c.get_run(run.info.run_id).inputs)
    ctx.record("digests", {"train": train.digest, "eval": evals.digest})
    with mlflow.start_run(run_id=run.info.run_id):
        mlflow.log_input(train, context="validation", tags={"split": "other"})  # ignored: already linked
    ctx.record("relogged_same_run", c.get_run(run.info.run_id).inputs)
    with mlflow.start_run(run_name="second") as second:
        ctx.run_id(second.info.run_id, "second")
        mlflow.log_input(train, context="validation")
    ctx.record("second_run_inputs", c.get_run(second.info.run_id).inputs)


@scenario(
    SCENARIOS,
    expect={
        "inputs": {
            "dataset_inputs": [
                {
                    "dataset": {
                        "name": "raw",
                        "digest": "abc123",
                        "source_type": "local",
                        "source": '{"uri": "file:///data/raw.csv"}',
                        "schema": '{"mlflow_colspec": [{"type": "string", "name": "x"}]}',
                        "profile": '{"num_rows": 2}',
                    },
                    "tags": {"mlflow.data.context": "training", "owner": "me"},
                },
                {"dataset": {"name": "tiny", "digest": "d1", "schema": None, "profile": None}, "tags": {}},
            ]
        },
    },
)
def log_inputs_client(ctx):
    exp_id = new_experiment(ctx)
    run_id = ctx.new_run(exp_id, "r", run_name="client-inputs", start_time=1000)
    raw = Dataset(
        name="raw",
        digest="abc123",
        source_type="local",
        source='{"uri": "file:///data/raw.csv"}',
        schema='{"mlflow_colspec": [{"type": "string", "name": "x"}]}',
        profile='{"num_rows": 2}',
    )
    tiny = Dataset(name="tiny", digest="d1", source_type="code", source="{}")
    ctx.client.log_inputs(
        run_id,
        datasets=[
            DatasetInput(raw, tags=[InputTag("mlflow.data.context", "training"), InputTag("owner", "me")]),
            DatasetInput(tiny, tags=[]),
        ],
    )
    ctx.record("inputs", ctx.client.get_run(run_id).inputs)
    ctx.record("in_search", ctx.client.search_runs([exp_id])[0].inputs)
    # a second dataset with the same (name, digest) in the experiment reuses the first one
    other = ctx.new_run(exp_id, "other", run_name="other", start_time=2000)
    changed = Dataset(name="raw", digest="abc123", source_type="local", source='{"uri": "file:///elsewhere.csv"}', profile='{"num_rows": 99}')
    ctx.client.log_inputs(other, datasets=[DatasetInput(changed, tags=[InputTag("mlflow.data.context", "eval")])])
    ctx.record("reused_dataset", ctx.client.get_run(other).inputs)


@scenario(
    SCENARIOS,
    expect={
        "filters": {
            "dataset.name = 'train'": ["b", "a"],
            "dataset.context = 'eval'": ["b"],
            "dataset.name = 'nope'": [],
        }
    },
)
def dataset_filters(ctx):
    exp_id = new_experiment(ctx)
    c = ctx.client
    a = ctx.new_run(exp_id, "a", run_name="a", start_time=1000)
    b = ctx.new_run(exp_id, "b", run_name="b", start_time=2000)
    ctx.new_run(exp_id, "none", run_name="none", start_time=3000)
    train = Dataset(name="train", digest="t1", source_type="code", source="{}")
    test = Dataset(name="test", digest="x9", source_type="code", source="{}")
    c.log_inputs(a, datasets=[DatasetInput(train, tags=[InputTag("mlflow.data.context", "training")])])
    c.log_inputs(
        b,
        datasets=[
            DatasetInput(train, tags=[InputTag("mlflow.data.context", "training")]),
            DatasetInput(test, tags=[InputTag("mlflow.data.context", "eval")]),
        ],
    )
    filters = [
        "dataset.name = 'train'",
        "dataset.name != 'train'",
        "dataset.name LIKE 'te%'",
        "dataset.name ILIKE 'TRAIN'",
        "dataset.digest = 'x9'",
        "dataset.digest IN ('t1', 'x9')",
        "dataset.name NOT IN ('test')",
        "dataset.context = 'eval'",
        "dataset.context = 'training' and dataset.name = 'train'",
        "datasets.name = 'test' and attributes.run_name = 'b'",
        "dataset.name = 'nope'",
    ]
    ctx.record("filters", {f: [r.info.run_name for r in c.search_runs([exp_id], f)] for f in filters})
    ctx.post(
        "experiments/search-datasets",
        {"experiment_ids": [exp_id]},
        step="ajax_search_datasets",
    )
    response = ctx.http("POST", "/ajax-api/2.0/mlflow/experiments/search-datasets", "ajax_search_datasets_ajax", json={"experiment_ids": [exp_id]})
    summaries = response.json().get("dataset_summaries", []) if response.status_code == 200 else None
    key = lambda s: (s.get("name", ""), s.get("digest", ""), s.get("context", ""))  # noqa: E731
    ctx.record("dataset_summaries", sorted(summaries, key=key) if summaries is not None else None)


@scenario(
    SCENARIOS,
    expect={
        "long_name": {"raised": "INVALID_PARAMETER_VALUE"},
        "long_digest": {"raised": "INVALID_PARAMETER_VALUE"},
        "long_tag_value": {"raised": "INVALID_PARAMETER_VALUE"},
        "ok_limits": {"returned": None},
    },
)
def dataset_limits(ctx):
    exp_id = new_experiment(ctx)
    run_id = ctx.new_run(exp_id, "r", run_name="limits", start_time=1000)
    c = ctx.client

    def log(name="d", digest="d", tag_value="v", tag_key="k"):
        ds = Dataset(name=name, digest=digest, source_type="code", source="{}")
        return lambda: c.log_inputs(run_id, datasets=[DatasetInput(ds, tags=[InputTag(tag_key, tag_value)])])

    ctx.attempt("ok_limits", log(name="n" * 500, digest="d" * 36, tag_value="v" * 500, tag_key="k" * 255))
    ctx.attempt("long_name", log(name="n" * 501))
    ctx.attempt("long_digest", log(digest="d" * 37))
    ctx.attempt("long_tag_value", log(tag_value="v" * 501))
    ctx.attempt("long_tag_key", log(tag_key="k" * 256))
    ctx.record("stored", c.get_run(run_id).inputs)
