"""Experiments through `MlflowClient`: create, get, get by name, search, rename, tags, delete,
restore (spec/mlflow-api.md §3.1, §4.4, §5.2, §5.7)."""

from __future__ import annotations

import time

from harness import scenario
from mlflow.entities import ViewType

SCENARIOS: list = []


def test_experiments(scenario, target, conformance):
    conformance.check(scenario, target)


@scenario(
    SCENARIOS,
    expect={
        "get": {
            "experiment_id": "<exp:main>",
            "name": "exp-create",
            "artifact_location": "mlflow-artifacts:/<exp:main>",
            "lifecycle_stage": "active",
            "creation_time": "<now>",
            "last_update_time": "<now>",
            "tags": {"team": "a", "mlflow.note.content": "hello", "empty": ""},
        },
        "by_name_missing": None,
        "default": {"experiment_id": "0", "name": "Default", "artifact_location": "mlflow-artifacts:/0"},
    },
)
def create_get_by_name(ctx):
    exp_id = ctx.new_experiment("exp-create", "main", tags={"team": "a", "mlflow.note.content": "hello", "empty": ""})
    ctx.record("get", ctx.client.get_experiment(exp_id))
    ctx.record("by_name", ctx.client.get_experiment_by_name("exp-create"))
    ctx.record("by_name_missing", ctx.client.get_experiment_by_name("exp-create-nope"))
    ctx.record("by_name_case", ctx.client.get_experiment_by_name("EXP-CREATE"))
    ctx.record("default", ctx.client.get_experiment("0"))
    ctx.record("unicode", ctx.client.get_experiment(ctx.new_experiment("exp-ünïcødé 実験 / x", "unicode")))


@scenario(
    SCENARIOS,
    expect={
        "experiment": {"artifact_location": "mlflow-artifacts:/custom/place"},
        "run_artifact_uri": "mlflow-artifacts:/custom/place/<run:r>/artifacts",
    },
)
def custom_artifact_location(ctx):
    exp_id = ctx.new_experiment("exp-location", "loc", artifact_location="mlflow-artifacts:/custom/place")
    ctx.record("experiment", ctx.client.get_experiment(exp_id))
    run_id = ctx.new_run(exp_id, "r", start_time=1000)
    ctx.record("run_artifact_uri", ctx.client.get_run(run_id).info.artifact_uri)


@scenario(
    SCENARIOS,
    expect={
        "renamed": {"name": "exp-renamed-new", "experiment_id": "<exp:r>"},
        "old_name": None,
        "rename_to_taken": {"raised": "BAD_REQUEST"},  # the DB integrity error, as spec §3.1 says
    },
)
def rename(ctx):
    exp_id = ctx.new_experiment("exp-renamed-old", "r")
    ctx.new_experiment("exp-renamed-taken", "taken")
    ctx.client.rename_experiment(exp_id, "exp-renamed-new")
    ctx.record("renamed", ctx.client.get_experiment(exp_id))
    ctx.record("old_name", ctx.client.get_experiment_by_name("exp-renamed-old"))
    ctx.record("new_name", ctx.client.get_experiment_by_name("exp-renamed-new"))
    ctx.attempt("rename_to_taken", lambda: ctx.client.rename_experiment(exp_id, "exp-renamed-taken"))
    ctx.attempt("rename_to_same", lambda: ctx.client.rename_experiment(exp_id, "exp-renamed-new"))
    ctx.record("after", ctx.client.get_experiment(exp_id))


@scenario(
    SCENARIOS,
    expect={
        "after_set": {"tags": {"a": "2", "b": "x", "empty": "", "with space/and:colon": "v"}},
        "after_delete": {"tags": {"b": "x", "empty": "", "with space/and:colon": "v"}},
        "delete_missing": {"raised": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def tags(ctx):
    exp_id = ctx.new_experiment("exp-tags", "t")
    ctx.client.set_experiment_tag(exp_id, "a", "1")
    ctx.client.set_experiment_tag(exp_id, "a", "2")
    ctx.client.set_experiment_tag(exp_id, "b", "x")
    ctx.client.set_experiment_tag(exp_id, "empty", "")
    ctx.client.set_experiment_tag(exp_id, "with space/and:colon", "v")
    ctx.record("after_set", ctx.client.get_experiment(exp_id))
    ctx.client.delete_experiment_tag(exp_id, "a")
    ctx.record("after_delete", ctx.client.get_experiment(exp_id))
    ctx.attempt("delete_missing", lambda: ctx.client.delete_experiment_tag(exp_id, "a"))
    ctx.attempt("long_value_20000", lambda: ctx.client.set_experiment_tag(exp_id, "long", "v" * 20000))
    ctx.record("long_value_length", len(ctx.client.get_experiment(exp_id).tags.get("long", "")))


@scenario(
    SCENARIOS,
    expect={
        "deleted": {"lifecycle_stage": "deleted"},
        "runs_after_delete": ["deleted", "deleted"],
        "by_name_after_delete": {"lifecycle_stage": "deleted"},
        "create_same_name": {"raised": "RESOURCE_ALREADY_EXISTS"},
        "restored": {"lifecycle_stage": "active"},
        "runs_after_restore": ["active", "active"],
        "restore_active": {"raised": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def delete_restore(ctx):
    exp_id = ctx.new_experiment("exp-delete", "d")
    runs = [ctx.new_run(exp_id, f"run{i}", start_time=1000 + i) for i in range(2)]
    ctx.client.delete_experiment(exp_id)
    ctx.record("deleted", ctx.client.get_experiment(exp_id))
    ctx.record("runs_after_delete", [ctx.client.get_run(r).info.lifecycle_stage for r in runs])
    ctx.record("by_name_after_delete", ctx.client.get_experiment_by_name("exp-delete"))
    ctx.record("search_active", ctx.client.search_experiments(filter_string="name = 'exp-delete'"))
    ctx.record(
        "search_deleted",
        ctx.client.search_experiments(view_type=ViewType.DELETED_ONLY, filter_string="name = 'exp-delete'"),
    )
    ctx.attempt("create_same_name", lambda: ctx.client.create_experiment("exp-delete"))
    ctx.attempt("delete_again", lambda: ctx.client.delete_experiment(exp_id))
    ctx.attempt("create_run_in_deleted", lambda: ctx.client.create_run(exp_id))
    ctx.attempt("set_tag_on_deleted", lambda: ctx.client.set_experiment_tag(exp_id, "k", "v"))
    ctx.client.restore_experiment(exp_id)
    ctx.record("restored", ctx.client.get_experiment(exp_id))
    ctx.record("runs_after_restore", [ctx.client.get_run(r).info.lifecycle_stage for r in runs])
    ctx.attempt("restore_active", lambda: ctx.client.restore_experiment(exp_id))


def names(paged):
    return {"names": [e.name for e in paged], "has_next_page": bool(paged.token)}


@scenario(
    SCENARIOS,
    expect={
        "default_order": {"names": ["srch-e", "srch-d", "srch-c", "srch-b", "srch-a"]},
        "name_asc": {"names": ["srch-a", "srch-b", "srch-c", "srch-d", "srch-e"]},
        "tag_filter": {"names": ["srch-c", "srch-a"]},
        "pages": [
            {"names": ["srch-a", "srch-b"], "has_next_page": True},
            {"names": ["srch-c", "srch-d"], "has_next_page": True},
            {"names": ["srch-e"], "has_next_page": False},
        ],
    },
)
def search(ctx):
    for i, letter in enumerate("abcde"):
        tags = {"parity": "even" if i % 2 == 0 else "odd"}
        if letter == "d":
            tags["only_d"] = "yes"
        ctx.new_experiment(f"srch-{letter}", letter, tags=tags)
        time.sleep(0.003)  # distinct creation times: the default order is creation_time DESC
    ctx.new_experiment("other-srch", "other")
    like = "name LIKE 'srch-%'"
    c = ctx.client
    ctx.record("default_order", names(c.search_experiments(filter_string=like)))
    ctx.record("full_entities", c.search_experiments(filter_string="name = 'srch-b'"))
    ctx.record("name_asc", names(c.search_experiments(filter_string=like, order_by=["name ASC"])))
    ctx.record("name_desc", names(c.search_experiments(filter_string=like, order_by=["name DESC"])))
    ctx.record("creation_asc", names(c.search_experiments(filter_string=like, order_by=["creation_time ASC"])))
    ctx.record("id_desc", names(c.search_experiments(filter_string=like, order_by=["experiment_id DESC"])))
    ctx.record("tag_filter", names(c.search_experiments(filter_string=f"{like} AND tags.parity = 'even' AND name != 'srch-e'")))
    ctx.record("tag_like", names(c.search_experiments(filter_string=f"{like} and tags.parity LIKE 'ev%'", order_by=["name"])))
    ctx.record("tag_is_null", names(c.search_experiments(filter_string=f"{like} and tags.only_d IS NULL", order_by=["name"])))
    ctx.record("tag_is_not_null", names(c.search_experiments(filter_string=f"{like} and tags.only_d IS NOT NULL")))
    ctx.record("name_ilike", names(c.search_experiments(filter_string="name ILIKE '%SRCH-%'", order_by=["name"])))
    ctx.record("creation_time_filter", names(c.search_experiments(filter_string=f"{like} and creation_time > 0", order_by=["name"])))
    pages, token = [], None
    while True:
        page = c.search_experiments(filter_string=like, order_by=["name ASC"], max_results=2, page_token=token)
        pages.append(names(page))
        token = page.token
        if not token or len(pages) > 5:
            break
    ctx.record("pages", pages)
    ctx.client.delete_experiment(c.get_experiment_by_name("srch-c").experiment_id)
    for view in ("active_only", "deleted_only", "all"):
        found = c.search_experiments(view_type=ViewType.from_string(view), filter_string=like, order_by=["name"])
        ctx.record(f"view_{view}", names(found))
