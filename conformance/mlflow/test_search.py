"""search_runs: filters on metrics, params, tags and attributes, order_by, pagination, view
types, several experiments (spec/mlflow-api.md §3.2, §5.1, §5.7, §5.8).

Every scenario seeds the same six runs with distinct start times, so no result order depends on
the random run ids (MLflow breaks ties by `start_time DESC`, then `run_id`).
"""

from __future__ import annotations

import math

from harness import scenario
from mlflow.entities import Metric, Param, RunTag, ViewType

SCENARIOS: list = []

# name, start_time, end status, metrics, params, tags
SEED = [
    ("r1", 1000, "FINISHED", {"acc": 0.9, "loss": 0.1}, {"lr": "0.01", "opt": "adam"}, {"team": "a"}),
    ("r2", 2000, "FINISHED", {"acc": 0.7, "loss": 0.3}, {"lr": "0.1", "opt": "sgd"}, {"team": "b"}),
    ("r3", 3000, "RUNNING", {"acc": 0.5, "loss": math.nan}, {"lr": "0.01", "opt": "Adam"}, {"team": "a"}),
    ("r4", 4000, "FAILED", {"loss": 0.2}, {"lr": "0.001", "opt": "adamw"}, {}),
    ("r5", 5000, "FINISHED", {"acc": 0.7, "loss": 0.5, "my metric": 2.0}, {"lr": "0.1", "opt": "sgd"}, {"team": "c"}),
    ("R6", 6000, "KILLED", {"acc": 0.95}, {}, {"team": "a", "note": "50% done_x"}),
]


def test_search(scenario, target, conformance):
    conformance.check(scenario, target)


def seed(ctx) -> tuple[str, dict[str, str]]:
    exp_id = ctx.new_experiment(ctx.scenario_id, "e")
    ids = {}
    for run_name, start, status, metrics, params, tags in SEED:
        run_id = ctx.new_run(exp_id, run_name, run_name=run_name, start_time=start)
        ctx.client.log_batch(
            run_id,
            metrics=[Metric(k, v, start + 1, 0) for k, v in metrics.items()],
            params=[Param(k, v) for k, v in params.items()],
            tags=[RunTag(k, v) for k, v in tags.items()],
        )
        if status != "RUNNING":
            ctx.client.set_terminated(run_id, status=status, end_time=start + 500)
        ids[run_name] = run_id
    return exp_id, ids


def names(runs) -> list[str]:
    return [r.info.run_name for r in runs]


def found(ctx, exp_ids, **kwargs):
    """Run names in result order, or the error code when the server rejects the search."""
    from mlflow.exceptions import MlflowException

    try:
        return names(ctx.client.search_runs(exp_ids, **kwargs))
    except MlflowException as err:
        return {"raised": err.error_code}


FILTERS = [
    "",
    "metrics.acc > 0.6",
    "metrics.acc >= 0.7 and params.lr = '0.1'",
    "metrics.acc = 0.7",
    "metrics.acc != 0.7",
    "metrics.acc <= 0.5",
    "metrics.loss < 0.25",
    "metrics.loss > 0",
    "metrics.`my metric` < 3",
    'metrics."my metric" = 2',
    "params.opt = 'adam'",
    "params.opt = \"adam\"",
    "params.opt != 'adam'",
    "params.opt LIKE 'adam%'",
    "params.opt ILIKE 'adam%'",
    "params.opt LIKE '%d_m%'",
    "params.lr IS NULL",
    "params.lr IS NOT NULL",
    "param.lr = '0.01' AND parameter.opt = 'Adam'",
    "tags.team = 'a'",
    "tags.team IS NULL",
    "tags.team IS NOT NULL",
    "tag.note LIKE '50\\%%'",
    "tags.note LIKE '%done\\_x'",
    "tags.`mlflow.runName` = 'r4'",
    "tags.mlflow.runName ILIKE 'r%'",
    "attributes.status = 'FINISHED'",
    "attributes.status != 'RUNNING'",
    "attribute.status LIKE 'F%'",
    "attributes.run_name = 'r3'",
    "run_name LIKE 'r%'",
    "attributes.run_name ILIKE 'r6'",
    "run.run_name IN ('r1', 'r2')",  # rejected: only run_id takes IN
    "attributes.start_time > 2500",
    "attributes.start_time <= 3000 and attributes.start_time >= 2000",
    "attributes.start_time = 1000",
    "attributes.end_time > 4000",
    "attributes.end_time != 1500",
    "created > 4500",
    "metrics.acc > 0.6 and tags.team = 'a' and params.opt LIKE 'a%'",
    "metrics.acc > 0.6 AND tags.team = 'a'",
    "metrics.nope > 0",
    "params.opt = 'nope'",
]

ORDERS = [
    [],
    ["metrics.acc DESC"],
    ["metrics.acc ASC"],
    ["metrics.acc"],
    ["metrics.loss DESC"],
    ["metrics.loss ASC"],
    ["metrics.`my metric` ASC"],
    ["params.lr ASC"],
    ["params.opt DESC"],
    ["tags.team DESC"],
    ["tags.team ASC", "metrics.acc DESC"],
    ["attributes.run_name ASC"],
    ["run_name DESC"],
    ["attributes.start_time ASC"],
    ["start_time DESC"],
    ["attributes.end_time DESC"],
    ["attributes.end_time ASC"],
    ["status ASC"],
    ["attribute.status DESC", "params.lr ASC"],
    ["params.opt ASC", "metrics.loss DESC"],
    ["metrics.nope DESC"],
]


@scenario(
    SCENARIOS,
    expect={
        "filters": {
            "": ["R6", "r5", "r4", "r3", "r2", "r1"],
            "metrics.acc > 0.6": ["R6", "r5", "r2", "r1"],
            "params.opt LIKE 'adam%'": ["r4", "r1"],
            "params.opt ILIKE 'adam%'": ["r4", "r3", "r1"],
            "tags.team IS NULL": ["r4"],
            "metrics.nope > 0": [],
        }
    },
)
def filters(ctx):
    exp_id, ids = seed(ctx)
    with_ids = [
        f"attributes.run_id IN ('{ids['r1']}', '{ids['r5']}')",
        f"run_id NOT IN ('{ids['r1']}', '{ids['r5']}') and metrics.acc > 0",
        f"attributes.run_id = '{ids['r2']}'",
    ]
    ctx.record("filters", {f: found(ctx, [exp_id], filter_string=f, max_results=100) for f in FILTERS + with_ids})


@scenario(
    SCENARIOS,
    expect={
        "orders": {
            "": ["R6", "r5", "r4", "r3", "r2", "r1"],
            "metrics.acc DESC": ["R6", "r1", "r5", "r2", "r3", "r4"],
            "metrics.acc ASC": ["r3", "r5", "r2", "r1", "R6", "r4"],
            "params.lr ASC": ["r4", "r3", "r1", "r5", "r2", "R6"],
        }
    },
)
def order_by(ctx):
    exp_id, _ = seed(ctx)
    ctx.record("orders", {", ".join(o): found(ctx, [exp_id], order_by=o) for o in ORDERS})


@scenario(
    SCENARIOS,
    expect={
        "full_runs": {"items": [{"info": {"run_name": "r3", "status": "RUNNING"}, "data": {"params": {"lr": "0.01", "opt": "Adam"}}}]},
        "pages_by_2": [
            {"names": ["R6", "r5"], "has_next_page": True},
            {"names": ["r4", "r3"], "has_next_page": True},
            {"names": ["r2", "r1"], "has_next_page": False},
        ],
        "exact_page": {"has_next_page": False},
    },
)
def pagination(ctx):
    exp_id, _ = seed(ctx)
    c = ctx.client
    ctx.record("full_runs", c.search_runs([exp_id], filter_string="attributes.run_name = 'r3'"))

    def pages(size, **kwargs):
        out, token = [], None
        while len(out) < 10:
            page = c.search_runs([exp_id], max_results=size, page_token=token, **kwargs)
            out.append({"names": names(page), "has_next_page": bool(page.token)})
            token = page.token
            if not token:
                return out
        return out

    ctx.record("pages_by_2", pages(2))
    ctx.record("pages_by_4_ordered", pages(4, order_by=["metrics.acc DESC"]))
    ctx.record("pages_by_1_filtered", pages(1, filter_string="metrics.acc > 0.6"))
    page = c.search_runs([exp_id], max_results=6)
    ctx.record("exact_page", {"names": names(page), "has_next_page": bool(page.token)})
    raw = ctx.post("runs/search", {"experiment_ids": [exp_id], "max_results": 3}).json()
    ctx.record("raw_token_is_string", isinstance(raw.get("next_page_token"), str))
    ctx.record("raw_no_max_results", len(ctx.post("runs/search", {"experiment_ids": [exp_id]}).json().get("runs", [])))


@scenario(
    SCENARIOS,
    expect={
        "active_only": ["R6", "r5", "r3", "r2", "r1"],
        "deleted_only": ["r4"],
        "all": ["R6", "r5", "r4", "r3", "r2", "r1"],
    },
)
def view_types(ctx):
    exp_id, ids = seed(ctx)
    ctx.client.delete_run(ids["r4"])
    for view in ("active_only", "deleted_only", "all"):
        ctx.record(view, names(ctx.client.search_runs([exp_id], run_view_type=ViewType.from_string(view))))
    ctx.record("deleted_filtered", names(ctx.client.search_runs([exp_id], "metrics.loss < 0.25", ViewType.ALL)))


@scenario(
    SCENARIOS,
    expect={
        "both": ["x2", "R6", "r5", "r4", "r3", "r2", "r1", "x1"],
        "both_filtered": ["x2", "r5", "r2"],
    },
)
def several_experiments(ctx):
    exp_a, _ = seed(ctx)
    exp_b = ctx.new_experiment("search-multi-b", "b")
    x1 = ctx.new_run(exp_b, "x1", run_name="x1", start_time=500)
    x2 = ctx.new_run(exp_b, "x2", run_name="x2", start_time=9000)
    ctx.client.log_param(x1, "opt", "sgd")
    ctx.client.log_param(x2, "opt", "sgd")
    ctx.client.log_metric(x2, "acc", 0.1, timestamp=9001)
    ctx.record("both", names(ctx.client.search_runs([exp_a, exp_b])))
    ctx.record("both_filtered", names(ctx.client.search_runs([exp_a, exp_b], "params.opt = 'sgd' and metrics.acc < 0.8")))
    ctx.record("reversed_ids", names(ctx.client.search_runs([exp_b, exp_a], order_by=["start_time ASC"], max_results=3)))
