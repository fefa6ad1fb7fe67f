"""Metric history and latest values: steps, ordering, duplicates, NaN and infinities, paging of
get-history, get-history-bulk-interval (spec/mlflow-api.md §3.3, §4.2, §6.5)."""

from __future__ import annotations

import json
import math

from harness import scenario
from mlflow.entities import Metric

SCENARIOS: list = []
MAX_DOUBLE = 1.7976931348623157e308


def test_metrics(scenario, target, conformance):
    conformance.check(scenario, target)


def points(history):
    return [(m.step, m.timestamp, m.value) for m in history]


@scenario(
    SCENARIOS,
    expect={
        # ordered by (timestamp, step, value); the exact duplicate is stored once
        "history": [[2, 100, 0.2], [0, 200, 0.0], [1, 200, 0.1], [1, 200, 0.15], [3, 300, 0.3], [5, 400, 0.5], [4, 500, 0.4]],
        "latest": {"value": 0.5, "step": 5, "timestamp": 400},
        "unknown_key": [],
    },
)
def history_with_steps(ctx):
    exp_id = ctx.new_experiment("metrics-history", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="h", start_time=1000)
    c = ctx.client
    for step, ts, value in [(3, 300, 0.3), (0, 200, 0.0), (1, 200, 0.15), (1, 200, 0.1), (2, 100, 0.2), (5, 400, 0.5), (4, 500, 0.4), (3, 300, 0.3)]:
        c.log_metric(run_id, "acc", value, timestamp=ts, step=step)
    ctx.record("history", points(c.get_metric_history(run_id, "acc")))
    ctx.record("latest", c.get_run(run_id).data._metric_objs[0])
    ctx.record("unknown_key", points(c.get_metric_history(run_id, "nope")))
    ctx.record("unknown_run", points(c.get_metric_history("0123456789abcdef0123456789abcdef", "acc")))


@scenario(
    SCENARIOS,
    expect={
        "latest": {
            "same_step_later_time": {"value": 2.0, "step": 1, "timestamp": 20},
            "higher_step_wins": {"value": 5.0, "step": 5, "timestamp": 10},
            "same_step_same_time": {"value": 3.0, "step": 0, "timestamp": 10},
        }
    },
)
def latest_value_rules(ctx):
    exp_id = ctx.new_experiment("metrics-latest", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="l", start_time=1000)
    c = ctx.client
    c.log_batch(
        run_id,
        metrics=[
            Metric("same_step_later_time", 1.0, 10, 1),
            Metric("same_step_later_time", 2.0, 20, 1),
            Metric("higher_step_wins", 5.0, 10, 5),
            Metric("higher_step_wins", 3.0, 99, 3),
            Metric("same_step_same_time", 1.0, 10, 0),
            Metric("same_step_same_time", 3.0, 10, 0),
            Metric("same_step_same_time", 2.0, 10, 0),
        ],
    )
    run = c.get_run(run_id)
    ctx.record("latest", {m.key: {"value": m.value, "step": m.step, "timestamp": m.timestamp} for m in run.data._metric_objs})


@scenario(
    SCENARIOS,
    expect={
        "latest": {
            "nan": {"value": "NaN"},
            "pos_inf": {"value": MAX_DOUBLE},
            "neg_inf": {"value": -MAX_DOUBLE},
            "mixed": {"value": "NaN", "step": 2},
        },
        "history_mixed": [[0, 1, 1.0], [1, 2, MAX_DOUBLE], [2, 3, "NaN"]],
    },
)
def nan_and_infinity(ctx):
    exp_id = ctx.new_experiment("metrics-nan", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="n", start_time=1000)
    c = ctx.client
    c.log_metric(run_id, "nan", math.nan, timestamp=1, step=0)
    c.log_metric(run_id, "pos_inf", math.inf, timestamp=1, step=0)
    c.log_metric(run_id, "neg_inf", -math.inf, timestamp=1, step=0)
    c.log_batch(run_id, metrics=[Metric("mixed", 1.0, 1, 0), Metric("mixed", math.inf, 2, 1), Metric("mixed", math.nan, 3, 2)])
    run = c.get_run(run_id)
    ctx.record("latest", {m.key: {"value": m.value, "step": m.step, "timestamp": m.timestamp} for m in run.data._metric_objs})
    ctx.record("history_mixed", points(c.get_metric_history(run_id, "mixed")))
    ctx.record("history_nan", points(c.get_metric_history(run_id, "nan")))
    ctx.record("filter_inf", [r.info.run_name for r in c.search_runs([exp_id], "metrics.pos_inf > 1e300")])
    # The wire form: NaN as the string "NaN" (a bare NaN token would read as "<bare NaN>").
    text = ctx.get("runs/get", {"run_id": run_id}).text
    raw = json.loads(text, parse_constant=lambda c: f"<bare {c}>")["run"]["data"]["metrics"]
    ctx.record("raw_get_run_metrics", sorted(raw, key=lambda m: m["key"]))


@scenario(
    SCENARIOS,
    expect={
        "big_values": [[2**40, 1, 1.0], [2**53 + 1, 2, 2.0]],
        "page_sizes": [2, 2, 1],
        "page_points_steps": [0, 1, 2, 3, 4],
    },
)
def large_steps_and_paging(ctx):
    exp_id = ctx.new_experiment("metrics-paging", "e")
    run_id = ctx.new_run(exp_id, "r", run_name="p", start_time=1000)
    c = ctx.client
    ctx.attempt("log_big_steps", lambda: c.log_batch(run_id, metrics=[Metric("big", 1.0, 1, 2**40), Metric("big", 2.0, 2, 2**53 + 1)]))
    ctx.record("big_values", points(c.get_metric_history(run_id, "big")))
    c.log_batch(run_id, metrics=[Metric("paged", float(i), 10 + i, i) for i in range(5)])
    sizes, steps, token = [], [], None
    while len(sizes) < 10:
        params = {"run_id": run_id, "metric_key": "paged", "max_results": 2}
        if token:
            params["page_token"] = token
        page = ctx.get("metrics/get-history", params).json()
        sizes.append(len(page.get("metrics", [])))
        steps.extend(m["step"] for m in page.get("metrics", []))
        token = page.get("next_page_token")
        if not token:
            break
    ctx.record("page_sizes", sizes)
    ctx.record("page_points_steps", steps)
    ctx.get("metrics/get-history", {"run_id": run_id, "metric_key": "paged"}, step="no_max_results", body=True)


@scenario(
    SCENARIOS,
    expect={"bulk_all": {"http": "2xx"}, "bulk_range": {"http": "2xx"}},
)
def history_bulk_interval(ctx):
    exp_id = ctx.new_experiment("metrics-bulk", "e")
    a = ctx.new_run(exp_id, "a", run_name="a", start_time=1000)
    b = ctx.new_run(exp_id, "b", run_name="b", start_time=2000)
    ctx.client.log_batch(a, metrics=[Metric("loss", 1.0 / (i + 1), 100 + i, i) for i in range(0, 20, 2)])
    ctx.client.log_batch(b, metrics=[Metric("loss", 2.0 / (i + 1), 200 + i, i) for i in range(1, 20, 3)])
    path = "metrics/get-history-bulk-interval"
    ctx.get(path, {"run_ids": [a, b], "metric_key": "loss"}, step="bulk_all", body=True)
    ctx.get(path, {"run_ids": [a, b], "metric_key": "loss", "start_step": 3, "end_step": 12}, step="bulk_range", body=True)
    ctx.get(path, {"run_ids": [a, b], "metric_key": "loss", "max_results": 4}, step="bulk_sampled", body=True)
