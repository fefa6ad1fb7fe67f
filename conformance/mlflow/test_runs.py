"""Runs through `MlflowClient`: create (named, generated names, nested via mlflow.parentRunId),
get, tags, params, metrics, log_batch, update, terminate, delete, restore (spec/mlflow-api.md
§3.2, §4.1-4.4, §6.3)."""

from __future__ import annotations

from harness import scenario
from mlflow.entities import Metric, Param, RunTag, ViewType

SCENARIOS: list = []


def test_runs(scenario, target, conformance):
    conformance.check(scenario, target)


@scenario(
    SCENARIOS,
    expect={
        "created": {
            "info": {
                "run_id": "<run:first>",
                "run_name": "first_run",
                "experiment_id": "<exp:e>",
                "status": "RUNNING",
                "start_time": 1700000000123,
                "end_time": None,
                "artifact_uri": "mlflow-artifacts:/<exp:e>/<run:first>/artifacts",
                "lifecycle_stage": "active",
            },
            "data": {"metrics": {}, "params": {}, "tags": {"a": "1", "mlflow.runName": "first_run"}},
        },
        "generated": {"info": {"run_name": "<generated>"}, "data": {"tags": {"mlflow.runName": "<generated>"}}},
        "name_from_tag": {"info": {"run_name": "from_tag"}},
    },
)
def create_and_get(ctx):
    exp_id = ctx.new_experiment("runs-create", "e")
    run = ctx.client.create_run(exp_id, start_time=1700000000123, tags={"a": "1"}, run_name="first_run")
    ctx.run_id(run.info.run_id, "first")
    ctx.record("create_response", run)
    ctx.record("created", ctx.client.get_run(run.info.run_id))
    gen = ctx.client.create_run(exp_id, start_time=1700000000124)
    ctx.record("generated", ctx.client.get_run(ctx.run_id(gen.info.run_id, "generated")))
    tagged = ctx.client.create_run(exp_id, start_time=1700000000125, tags={"mlflow.runName": "from_tag"})
    ctx.record("name_from_tag", ctx.client.get_run(ctx.run_id(tagged.info.run_id, "tagged")))
    same = ctx.client.create_run(exp_id, start_time=1700000000126, run_name="same", tags={"mlflow.runName": "same"})
    ctx.record("name_and_same_tag", ctx.client.get_run(ctx.run_id(same.info.run_id, "same")))
    default = ctx.client.create_run("0", start_time=1700000000127, run_name="in_default")
    ctx.record("in_default_experiment", ctx.client.get_run(ctx.run_id(default.info.run_id, "default")))


@scenario(
    SCENARIOS,
    expect={
        "children_of_parent": ["child_b", "child_a"],
        "parent_of_a": {"info": {"run_id": "<run:parent>"}},
        "child_a": {"data": {"tags": {"mlflow.parentRunId": "<run:parent>"}}},
        "parent_of_parent": None,
    },
)
def nested(ctx):
    exp_id = ctx.new_experiment("runs-nested", "e")
    parent = ctx.new_run(exp_id, "parent", run_name="parent", start_time=1000)
    a = ctx.new_run(exp_id, "a", run_name="child_a", start_time=2000, tags={"mlflow.parentRunId": parent})
    ctx.new_run(exp_id, "b", run_name="child_b", start_time=3000, tags={"mlflow.parentRunId": parent})
    grand = ctx.new_run(exp_id, "grand", run_name="grandchild", start_time=4000, tags={"mlflow.parentRunId": a})
    found = ctx.client.search_runs([exp_id], filter_string=f"tags.mlflow.parentRunId = '{parent}'")
    ctx.record("children_of_parent", [r.info.run_name for r in found])
    ctx.record("child_a", ctx.client.get_run(a))
    ctx.record("parent_of_a", ctx.client.get_parent_run(a))
    ctx.record("parent_of_grand", ctx.client.get_parent_run(grand).info.run_name)
    ctx.record("parent_of_parent", ctx.client.get_parent_run(parent))


@scenario(
    SCENARIOS,
    expect={
        "run": {
            "data": {
                "params": {"lr": "0.01", "opt": "adam", "empty": "", "unicode": "ü 実"},
                "tags": {"k": "v2", "mlflow.runName": "p"},
                "metrics": {"loss": {"value": 0.25, "step": 3, "timestamp": 1300}},
            }
        },
        "same_param_again": {"returned": "0.01"},
        "changed_param": {"raised": "INVALID_PARAMETER_VALUE"},
        "delete_missing_tag": {"raised": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def params_metrics_tags(ctx):
    exp_id = ctx.new_experiment("runs-data", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="p", start_time=1000)
    c = ctx.client
    c.log_param(run_id, "lr", "0.01")
    c.log_param(run_id, "opt", "adam")
    c.log_param(run_id, "empty", "")
    c.log_param(run_id, "unicode", "ü 実")
    c.log_param(run_id, "number", 3)  # the client sends str(value)
    ctx.attempt("same_param_again", lambda: c.log_param(run_id, "lr", "0.01"))
    ctx.attempt("changed_param", lambda: c.log_param(run_id, "lr", "0.02"))
    c.log_metric(run_id, "loss", 0.5, timestamp=1100, step=1)
    c.log_metric(run_id, "loss", 0.25, timestamp=1300, step=3)
    c.log_metric(run_id, "loss", 0.75, timestamp=1200, step=2)
    c.log_metric(run_id, "int_metric", 7, timestamp=1000)
    c.log_metric(run_id, "neg_step", -1.5, timestamp=1000, step=-3)
    c.log_metric(run_id, "nested/key.name:x", 1.0, timestamp=1000, step=0)
    c.set_tag(run_id, "k", "v1")
    c.set_tag(run_id, "k", "v2")
    c.set_tag(run_id, "gone", "x")
    c.set_tag(run_id, "mlflow.note.content", "a note")
    c.delete_tag(run_id, "gone")
    ctx.attempt("delete_missing_tag", lambda: c.delete_tag(run_id, "gone"))
    ctx.record("run", c.get_run(run_id))


@scenario(
    SCENARIOS,
    expect={
        "run": {
            "data": {
                "params": {"p0": "v0", "p1": "v1"},
                "tags": {"t0": "x0", "t1": "x1", "mlflow.runName": "batch"},
                "metrics": {"m": {"value": 4.0, "step": 4, "timestamp": 104}, "other": {"value": -2.5, "step": 0, "timestamp": 50}},
            }
        },
        "history": {"items": [{"step": 0}, {"step": 1}, {"step": 2}, {"step": 3}, {"step": 4}], "has_next_page": False},
        "empty_batch": {"returned": None},
        "same_params_again": {"returned": None},
        "changed_param_in_batch": {"raised": "INVALID_PARAMETER_VALUE"},
    },
)
def log_batch(ctx):
    exp_id = ctx.new_experiment("runs-batch", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="batch", start_time=1000)
    c = ctx.client
    c.log_batch(
        run_id,
        metrics=[Metric("m", float(i), 100 + i, i) for i in range(5)] + [Metric("other", -2.5, 50, 0)],
        params=[Param(f"p{i}", f"v{i}") for i in range(2)],
        tags=[RunTag(f"t{i}", f"x{i}") for i in range(2)],
    )
    ctx.record("run", c.get_run(run_id))
    ctx.record("history", c.get_metric_history(run_id, "m"))
    ctx.attempt("empty_batch", lambda: c.log_batch(run_id))
    ctx.attempt("same_params_again", lambda: c.log_batch(run_id, params=[Param("p0", "v0")]))
    ctx.attempt("changed_param_in_batch", lambda: c.log_batch(run_id, params=[Param("p0", "other"), Param("p9", "new")]))
    ctx.record("params_after_failed_batch", c.get_run(run_id).data.params)
    big = [Metric("big", float(i), 1000 + i, i) for i in range(1000)]
    ctx.attempt("thousand_metrics", lambda: c.log_batch(run_id, metrics=big))
    ctx.record("big_history_length", len(c.get_metric_history(run_id, "big")))
    ctx.attempt("hundred_params", lambda: c.log_batch(run_id, params=[Param(f"q{i}", "v") for i in range(100)]))
    ctx.attempt("hundred_tags", lambda: c.log_batch(run_id, tags=[RunTag(f"tag{i}", "v") for i in range(100)]))
    ctx.record("counts", {k: len(v) for k, v in (("params", c.get_run(run_id).data.params), ("tags", c.get_run(run_id).data.tags))})


@scenario(
    SCENARIOS,
    expect={
        "after_update": {"info": {"status": "FINISHED", "run_name": "renamed"}, "data": {"tags": {"mlflow.runName": "renamed"}}},
        "after_terminate": {"info": {"status": "KILLED", "end_time": 1700000009999}},
        "after_tag_rename": {"info": {"run_name": "by_tag"}},
        "update_response": {"status": "RUNNING", "run_name": "raw_renamed"},
    },
)
def update(ctx):
    exp_id = ctx.new_experiment("runs-update", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="original", start_time=1700000000000)
    c = ctx.client
    raw = ctx.post("runs/update", {"run_id": run_id, "run_name": "raw_renamed"})
    ctx.record("update_response", raw.json()["run_info"])
    c.update_run(run_id, status="FINISHED", name="renamed")
    ctx.record("after_update", c.get_run(run_id))
    c.set_terminated(run_id, status="KILLED", end_time=1700000009999)
    ctx.record("after_terminate", c.get_run(run_id))
    c.set_tag(run_id, "mlflow.runName", "by_tag")
    ctx.record("after_tag_rename", c.get_run(run_id))
    c.update_run(run_id, status="RUNNING")
    ctx.record("back_to_running", c.get_run(run_id).info)
    ctx.record("name_search", [r.info.run_name for r in c.search_runs([exp_id], "attributes.run_name = 'by_tag'")])


@scenario(
    SCENARIOS,
    expect={
        "deleted": {"info": {"lifecycle_stage": "deleted"}},
        "log_to_deleted": {"raised": "INVALID_PARAMETER_VALUE"},
        "tag_on_deleted": {"raised": "INVALID_PARAMETER_VALUE"},
        "update_deleted": {"raised": "INVALID_PARAMETER_VALUE"},
        "restored": {"info": {"lifecycle_stage": "active"}},
        "unknown_run": {"raised": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def delete_restore(ctx):
    exp_id = ctx.new_experiment("runs-delete", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="doomed", start_time=1000)
    ctx.new_run(exp_id, "kept", run_name="kept", start_time=2000)
    c = ctx.client
    c.log_param(run_id, "p", "1")
    c.delete_run(run_id)
    ctx.record("deleted", c.get_run(run_id))
    ctx.attempt("log_to_deleted", lambda: c.log_metric(run_id, "m", 1.0, timestamp=1, step=0))
    ctx.attempt("tag_on_deleted", lambda: c.set_tag(run_id, "k", "v"))
    ctx.attempt("update_deleted", lambda: c.update_run(run_id, status="FINISHED"))
    ctx.attempt("delete_twice", lambda: c.delete_run(run_id))
    for view in ("active_only", "deleted_only", "all"):
        found = c.search_runs([exp_id], run_view_type=ViewType.from_string(view))
        ctx.record(f"search_{view}", [r.info.run_name for r in found])
    c.restore_run(run_id)
    ctx.record("restored", c.get_run(run_id))
    ctx.attempt("restore_twice", lambda: c.restore_run(run_id))
    ctx.attempt("unknown_run", lambda: c.get_run("0123456789abcdef0123456789abcdef"))
    ctx.attempt("delete_unknown", lambda: c.delete_run("0123456789abcdef0123456789abcdef"))
