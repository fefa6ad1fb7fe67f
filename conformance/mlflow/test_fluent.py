"""The fluent API as the tutorials use it: set_tracking_uri, set_experiment, start_run (nested),
log_* calls, end_run, last_active_run, search_runs as a DataFrame (spec/mlflow-api.md §7.2)."""

from __future__ import annotations

import mlflow
from harness import scenario

SCENARIOS: list = []


def test_fluent(scenario, target, conformance):
    conformance.check(scenario, target)


@scenario(
    SCENARIOS,
    expect={
        "experiment": {"name": "DSPy-Optimization", "lifecycle_stage": "active"},
        "set_again_same_id": True,
        "parent": {
            "info": {"run_name": "optimize", "status": "FINISHED", "start_time": "<now>", "end_time": "<now>"},
            "data": {
                "params": {"optimizer": "MIPROv2", "auto": "light", "num_trials": "3"},
                "metrics": {"score": {"value": 0.8, "step": 2}},
            },
        },
        "children": [
            {"info": {"run_name": "eval_0", "status": "FINISHED"}, "data": {"tags": {"mlflow.parentRunId": "<run:parent>"}}},
            {"info": {"run_name": "eval_1", "status": "FINISHED"}, "data": {"tags": {"mlflow.parentRunId": "<run:parent>"}}},
        ],
        "score_history": [[0, 0.5], [1, 0.7], [2, 0.8]],
    },
)
def tutorial_optimization(ctx):
    mlflow.set_tracking_uri(ctx.url)
    experiment = mlflow.set_experiment("DSPy-Optimization")
    ctx.exp_id(experiment.experiment_id, "tutorial")
    ctx.record("experiment", experiment)
    ctx.record("set_again_same_id", mlflow.set_experiment("DSPy-Optimization").experiment_id == experiment.experiment_id)
    with mlflow.start_run(run_name="optimize") as parent:
        ctx.run_id(parent.info.run_id, "parent")
        ctx.record("active_inside", mlflow.active_run().info.run_id == parent.info.run_id)
        mlflow.log_params({"optimizer": "MIPROv2", "auto": "light", "num_trials": 3})
        mlflow.set_tag("mlflow.dspy.compile", "true")
        mlflow.set_tags({"framework": "dspy", "task": "gsm8k"})
        for step, score in enumerate([0.5, 0.7]):
            with mlflow.start_run(run_name=f"eval_{step}", nested=True) as child:
                ctx.run_id(child.info.run_id, f"child{step}")
                mlflow.log_metric("eval_score", score)
                mlflow.log_dict({"instructions": f"v{step}"}, "program_state.json")
            mlflow.log_metric("score", score, step=step)
        mlflow.log_metric("score", 0.8, step=2)
        mlflow.log_metrics({"best_score": 0.8, "num_candidates": 2}, step=2)
        mlflow.log_text("best program", "best_program.txt")
    ctx.record("active_after", mlflow.active_run())
    ctx.record("last_active_is_parent", mlflow.last_active_run().info.run_id == parent.info.run_id)
    c = ctx.client
    ctx.record("parent", c.get_run(parent.info.run_id))
    children = mlflow.search_runs(
        experiment_ids=[experiment.experiment_id],
        filter_string=f"tags.mlflow.parentRunId = '{parent.info.run_id}'",
        order_by=["attributes.run_name ASC"],
        output_format="list",
    )
    ctx.record("children", children)
    ctx.record("score_history", [[m.step, m.value] for m in c.get_metric_history(parent.info.run_id, "score")])
    ctx.record("artifacts", c.list_artifacts(parent.info.run_id))
    ctx.record("child_artifacts", c.list_artifacts(children[0].info.run_id))


@scenario(
    SCENARIOS,
    expect={
        "frame": {
            "rows": [
                {"params.lr": "0.1", "metrics.acc": 0.75, "tags.mlflow.runName": "b", "status": "FINISHED"},
                {"params.lr": "0.01", "metrics.acc": 0.5, "tags.mlflow.runName": "a", "status": "FINISHED"},
            ]
        }
    },
)
def search_runs_dataframe(ctx):
    mlflow.set_experiment("fluent-frame")
    for name, lr, acc in [("a", "0.01", 0.5), ("b", "0.1", 0.75)]:
        with mlflow.start_run(run_name=name) as run:
            ctx.run_id(run.info.run_id, name)
            mlflow.log_param("lr", lr)
            mlflow.log_metric("acc", acc)
    frame = mlflow.search_runs(experiment_names=["fluent-frame"], order_by=["metrics.acc DESC"])
    ctx.record("frame", frame)
    ctx.record("filtered", mlflow.search_runs(experiment_names=["fluent-frame"], filter_string="params.lr = '0.1'")["run_id"].tolist())


@scenario(
    SCENARIOS,
    expect={
        "failed_status": "FAILED",
        "killed_status": "KILLED",
        "resumed": {"info": {"status": "FINISHED"}, "data": {"params": {"first": "1", "second": "2"}}},
        "generated_name": {"run_name": "<generated>"},
        "deleted_experiment": {"raised": "INVALID_PARAMETER_VALUE"},
    },
)
def run_lifecycle(ctx):
    exp = mlflow.set_experiment("fluent-lifecycle")
    try:
        with mlflow.start_run(run_name="crashes") as run:
            ctx.run_id(run.info.run_id, "crashes")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    ctx.record("failed_status", ctx.client.get_run(run.info.run_id).info.status)
    run = mlflow.start_run(run_name="killed")
    ctx.run_id(run.info.run_id, "killed")
    mlflow.end_run(status="KILLED")
    ctx.record("killed_status", ctx.client.get_run(run.info.run_id).info.status)
    with mlflow.start_run(run_name="resumable") as run:
        ctx.run_id(run.info.run_id, "resumable")
        mlflow.log_param("first", "1")
    with mlflow.start_run(run_id=run.info.run_id):
        mlflow.log_param("second", "2")
    ctx.record("resumed", ctx.client.get_run(run.info.run_id))
    run = mlflow.start_run()
    ctx.run_id(run.info.run_id, "unnamed")
    mlflow.end_run()
    ctx.record("generated_name", {"run_name": ctx.client.get_run(run.info.run_id).info.run_name})
    ctx.record("by_id", mlflow.set_experiment(experiment_id=exp.experiment_id).name)
    mlflow.delete_experiment(exp.experiment_id)
    ctx.attempt("deleted_experiment", lambda: mlflow.set_experiment("fluent-lifecycle"))
    ctx.attempt("unknown_experiment_id", lambda: mlflow.set_experiment(experiment_id="987654"))
