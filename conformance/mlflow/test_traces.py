"""Traces through the official Python client (spec/mlflow-api.md §3.9, §5.5, §6.4, §6.8, §7.2):
`@mlflow.trace` and `mlflow.start_span` with nested spans, exceptions and token usage, traces in
a run and linked to one, `search_traces` (filters, order_by, paging), `get_trace`, trace tags,
`delete_traces`, a TypeScript-SDK-style StartTraceV3 + traces.json round trip, and bad input
over raw HTTP.

Two client variants: the `*_otlp` scenarios let the client post spans to `/v1/traces` (Python
≥ 3.4 against a server whose `/version` ≥ 3.4), the others turn that off so the client uploads
`traces.json` instead (see trace_normalize.tracing_client).
"""

from __future__ import annotations

import mlflow
from harness import scenario
from mlflow.entities import SpanEvent
from trace_normalize import TraceIds, info_plain, trace_plain, tracing_client

SCENARIOS: list = []
JSON = {"Content-Type": "application/json"}
UNKNOWN_TRACE = "tr-0123456789abcdef0123456789abcdef"
V3 = "/api/3.0/mlflow/traces"
V2 = "/api/2.0/mlflow/traces"


def test_traces(scenario, target, conformance):
    conformance.check(scenario, target)


def use_experiment(ctx, label: str = "e") -> str:
    exp_id = ctx.new_experiment(f"traces-{ctx.scenario_id}", label)
    mlflow.set_experiment(experiment_id=exp_id)
    return exp_id


def last_trace(ids: TraceIds, name: str) -> str:
    return ids.name(mlflow.get_last_active_trace_id(), name)


# ---------------------------------------------------------------- traced functions and spans


def traced_functions(ctx, otlp: bool) -> None:
    ids = TraceIds()
    use_experiment(ctx)
    with tracing_client(otlp):

        @mlflow.trace(span_type="RETRIEVER")
        def retrieve(question):
            return [f"doc about {question}"]

        @mlflow.trace(name="llm-call", span_type="LLM")
        def generate(question, docs):
            span = mlflow.get_current_active_span()
            span.set_attribute("mlflow.chat.tokenUsage", {"input_tokens": 10, "output_tokens": 5, "total_tokens": 15})
            return f"answer to {question} from {len(docs)} docs"

        @mlflow.trace(span_type="CHAIN")
        def pipeline(question):
            mlflow.update_current_trace(tags={"team": "nlp"}, metadata={"env": "test"}, client_request_id="req-1")
            return generate(question, retrieve(question))

        pipeline("why")
        pipeline_id = last_trace(ids, "pipeline")

        with mlflow.start_span("manual", span_type="AGENT") as root:
            root.set_inputs({"x": 1, "items": [1.5, "two", None, True]})
            root.set_attribute("big", 2**60 + 1)
            with mlflow.start_span("child") as child:
                child.set_inputs("hi")
                child.add_event(SpanEvent("checkpoint", attributes={"n": 1, "label": "mid"}))
                child.set_outputs({"ok": True})
            root.set_outputs("done")
        manual_id = last_trace(ids, "manual")

        @mlflow.trace
        def failing(value):
            with mlflow.start_span("inner") as inner:
                inner.set_inputs(value)
            raise ValueError(f"boom {value}")

        try:
            failing(3)
        except ValueError:
            pass
        failing_id = last_trace(ids, "failing")

    for step, trace_id in (("pipeline", pipeline_id), ("manual", manual_id), ("failing", failing_id)):
        ctx.record(step, trace_plain(mlflow.get_trace(trace_id), ids))
    ctx.record("info_only", info_plain(ctx.client.get_trace(pipeline_id).info, ids))


@scenario(
    SCENARIOS,
    expect={
        "pipeline": {
            "info": {
                "trace_id": "<trace:pipeline>",
                "state": "OK",
                "client_request_id": "req-1",
                "request_preview": '{"question": "why"}',
                "tags": {"team": "nlp", "mlflow.traceName": "pipeline"},
                "trace_metadata": {
                    "env": "test",
                    "mlflow.trace.tokenUsage": '{"input_tokens": 10, "output_tokens": 5, "total_tokens": 15}',
                    "mlflow.trace.infoFinalized": "true",
                },
            },
        },
        "failing": {"info": {"state": "ERROR"}},
    },
)
def functions_and_spans(ctx):
    traced_functions(ctx, otlp=False)


@scenario(SCENARIOS, expect={"pipeline": {"info": {"state": "OK", "tags": {"mlflow.trace.spansLocation": "TRACKING_STORE"}}}})
def functions_and_spans_otlp(ctx):
    traced_functions(ctx, otlp=True)


# ---------------------------------------------------------------- traces and runs


def traces_and_runs(ctx, otlp: bool) -> None:
    ids = TraceIds()
    exp_id = use_experiment(ctx)
    with tracing_client(otlp):

        @mlflow.trace
        def step(n):
            return n * 2

        with mlflow.start_run(run_name="traced") as run:
            ctx.run_id(run.info.run_id, "traced")
            step(1)
            last_trace(ids, "in_run_1")
            step(2)
            last_trace(ids, "in_run_2")
        step(3)
        outside = last_trace(ids, "outside")
    run_id = run.info.run_id
    ctx.record("outside_before_link", sorted(ids.trace(t.info.trace_id) for t in mlflow.search_traces(run_id=run_id, return_type="list")))
    ctx.client.link_traces_to_run([outside], run_id)
    found = mlflow.search_traces(experiment_ids=[exp_id], run_id=run_id, return_type="list")
    ctx.record("by_run", [trace_plain(t, ids) for t in found])
    by_filter = mlflow.search_traces(experiment_ids=[exp_id], filter_string=f"attributes.run_id = '{run_id}'", return_type="list")
    ctx.record("by_filter", [ids.trace(t.info.trace_id) for t in by_filter])
    by_metadata = mlflow.search_traces(
        experiment_ids=[exp_id], filter_string=f"metadata.`mlflow.sourceRun` = '{run_id}'", return_type="list"
    )
    ctx.record("by_metadata", [ids.trace(t.info.trace_id) for t in by_metadata])


@scenario(
    SCENARIOS,
    expect={
        "by_run": lambda traces: [t["info"]["trace_id"] for t in traces] == ["<trace:outside>", "<trace:in_run_2>", "<trace:in_run_1>"],
        "by_metadata": ["<trace:outside>", "<trace:in_run_2>", "<trace:in_run_1>"],
    },
)
def traces_in_a_run(ctx):
    traces_and_runs(ctx, otlp=False)


@scenario(SCENARIOS, expect={"by_metadata": ["<trace:outside>", "<trace:in_run_2>", "<trace:in_run_1>"]})
def traces_in_a_run_otlp(ctx):
    traces_and_runs(ctx, otlp=True)


# ---------------------------------------------------------------- search


FILTERS = [
    "status = 'ERROR'",
    "attributes.status = 'OK'",
    "tags.team = 'nlp'",
    "tags.team LIKE 'n%'",
    "tag.team ILIKE 'NLP'",
    "tags.team != 'nlp'",
    "tags.team IS NULL",
    "tags.team IS NOT NULL",
    "metadata.env = 'prod'",
    "request_metadata.env != 'prod'",
    "name = 'alpha'",
    "trace.name != 'alpha'",
    "client_request_id = 'req-3'",
    "execution_time_ms >= 0",
    "status = 'OK' AND tags.team = 'nlp' AND name = 'alpha'",
    "span.name = 'inner'",
    "span.type = 'LLM'",
    "span.name = 'inner' AND span.type = 'CHAIN'",
    "span.status = 'ERROR'",
    "span.name IN ('inner', 'beta')",
    "span.content LIKE '%RuntimeError%'",
    "span.attributes.mlflow.spanType LIKE '%LLM%'",
    "trace.text ILIKE '%RUNTIMEERROR%'",
]
ORDERS = [["timestamp_ms ASC"], ["name ASC"], ["tags.team DESC"], ["status", "timestamp DESC"], ["metadata.env"]]


@scenario(
    SCENARIOS,
    expect={
        "all": ["<trace:t6>", "<trace:t5>", "<trace:t4>", "<trace:t3>", "<trace:t2>", "<trace:t1>"],
        "filter status = 'ERROR'": ["<trace:t5>"],
        "filter name = 'alpha'": ["<trace:t3>", "<trace:t1>"],
        "order ['timestamp_ms ASC']": ["<trace:t1>", "<trace:t2>", "<trace:t3>", "<trace:t4>", "<trace:t5>", "<trace:t6>"],
    },
)
def search(ctx):
    run_search(ctx, otlp=False)


@scenario(SCENARIOS, expect={"filter span.type = 'LLM'": ["<trace:t6>", "<trace:t5>", "<trace:t4>", "<trace:t3>", "<trace:t2>", "<trace:t1>"]})
def search_otlp(ctx):
    """With spans in the tracking store, the span.* filters find them."""
    run_search(ctx, otlp=True)


def run_search(ctx, otlp: bool) -> None:
    ids = TraceIds()
    exp_id = use_experiment(ctx)
    with tracing_client(otlp=otlp):
        specs = [
            ("t1", "alpha", {"team": "nlp"}, {"env": "prod"}, False),
            ("t2", "beta", {"team": "vision"}, {"env": "dev"}, False),
            ("t3", "alpha", {}, {}, False),
            ("t4", "gamma", {"team": "nlp"}, {"env": "prod"}, False),
            ("t5", "beta", {}, {"env": "dev"}, True),
            ("t6", "delta", {"team": "audio"}, {}, False),
        ]
        for index, (label, name, tags, metadata, fails) in enumerate(specs):

            def body(tags=tags, metadata=metadata, fails=fails, index=index):
                mlflow.update_current_trace(tags=tags, metadata=metadata, client_request_id=f"req-{index + 1}")
                with mlflow.start_span("inner", span_type="LLM"):
                    pass
                if fails:
                    raise RuntimeError("failed")
                return index

            try:
                mlflow.trace(body, name=name)()
            except RuntimeError:
                pass
            last_trace(ids, label)

    def names(**kwargs):
        return [ids.trace(t.info.trace_id) for t in mlflow.search_traces(experiment_ids=[exp_id], return_type="list", **kwargs)]

    ctx.record("all", names())
    ctx.record("infos", [info_plain(t.info, ids) for t in mlflow.search_traces(experiment_ids=[exp_id], return_type="list")])
    for filter_string in FILTERS:
        ctx.record(f"filter {filter_string}", names(filter_string=filter_string))
    infos = mlflow.search_traces(experiment_ids=[exp_id], return_type="list", order_by=["timestamp_ms ASC"])
    third_ms = infos[2].info.request_time
    ctx.record("filter timestamp_ms > third", names(filter_string=f"timestamp_ms > {third_ms}"))
    ctx.record("filter trace.timestamp <= third", names(filter_string=f"trace.timestamp <= {third_ms}"))
    for order_by in ORDERS:
        ctx.record(f"order {order_by}", names(order_by=order_by))
    ctx.record("max_results 4", names(max_results=4))
    pages, token = [], None
    while True:
        page = ctx.client.search_traces(locations=[exp_id], max_results=2, page_token=token, include_spans=False)
        pages.append({"items": [ids.trace(t.info.trace_id) for t in page], "has_next_page": bool(page.token)})
        token = page.token
        if not token:
            break
    ctx.record("pages", pages)
    bad = ["status = 'OK' OR status = 'ERROR'", "bogus = 'x'", "tags.team = 1", "span.content = 'x'"]
    for filter_string in bad:
        ctx.attempt(f"rejected {filter_string}", lambda f=filter_string: names(filter_string=f))


# ---------------------------------------------------------------- tags and deletion


@scenario(
    SCENARIOS,
    expect={
        "after_set": {"tags": {"k": "v2", "other": "o"}},
        "delete_missing": {"raised": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def tags(ctx):
    ids = TraceIds()
    use_experiment(ctx)
    with tracing_client(otlp=False):
        mlflow.trace(lambda: 1, name="tagged")()
        trace_id = last_trace(ids, "tagged")
    ctx.client.set_trace_tag(trace_id, "k", "v1")
    ctx.client.set_trace_tag(trace_id, "k", "v2")
    ctx.client.set_trace_tag(trace_id, "other", "o")
    ctx.client.set_trace_tag(trace_id, "long", "x" * 9000)
    info = ctx.client.get_trace(trace_id).info
    ctx.record("long_length", len(info.tags.pop("long")))
    ctx.record("after_set", info_plain(info, ids))
    ctx.client.delete_trace_tag(trace_id, "k")
    ctx.record("after_delete", info_plain(ctx.client.get_trace(trace_id).info, ids))
    ctx.attempt("delete_missing", lambda: ctx.client.delete_trace_tag(trace_id, "k"))
    ctx.attempt("set_bad_key", lambda: ctx.client.set_trace_tag(trace_id, "../k", "v"))


@scenario(SCENARIOS, expect={"by_ids": 2, "oldest_one": 1, "rest": 2, "left": []})
def delete(ctx):
    ids = TraceIds()
    exp_id = use_experiment(ctx)
    with tracing_client(otlp=False):
        for n in range(1, 6):
            mlflow.trace(lambda n=n: n, name=f"t{n}")()
            last_trace(ids, f"t{n}")
    traces = mlflow.search_traces(experiment_ids=[exp_id], return_type="list", order_by=["timestamp_ms ASC"])
    by_name = {t.info.tags["mlflow.traceName"]: t.info for t in traces}
    ctx.record("by_ids", ctx.client.delete_traces(exp_id, trace_ids=[by_name["t1"].trace_id, by_name["t2"].trace_id, UNKNOWN_TRACE]))
    ctx.record("oldest_one", ctx.client.delete_traces(exp_id, max_timestamp_millis=by_name["t4"].request_time, max_traces=1))
    ctx.record("remaining", [ids.trace(t.info.trace_id) for t in mlflow.search_traces(experiment_ids=[exp_id], return_type="list")])
    ctx.record("rest", ctx.client.delete_traces(exp_id, max_timestamp_millis=by_name["t5"].request_time))
    ctx.record("left", [ids.trace(t.info.trace_id) for t in mlflow.search_traces(experiment_ids=[exp_id], return_type="list")])
    ctx.attempt("neither", lambda: ctx.client.delete_traces(exp_id))


# ---------------------------------------------------------------- TypeScript SDK flow


@scenario(
    SCENARIOS,
    expect={
        "started": {"http": "2xx"},
        "artifact_location": "mlflow-artifacts:/<exp:e>/traces/<trace#1>/artifacts",
        "downloaded_same_bytes": True,
    },
)
def typescript_sdk_flow(ctx):
    """What the TS SDK sends: StartTraceV3 with JS times, then traces.json through the proxy."""
    ids = TraceIds()
    exp_id = ctx.new_experiment(f"traces-{ctx.scenario_id}", "e")
    trace_id = "tr-" + "5e" * 16
    info = {
        "trace_id": trace_id,
        "trace_location": {"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": exp_id}},
        "request_time": "2025-06-15T14:07:41.282Z",
        "execution_duration": "0.0651s",
        "state": "OK",
        "request_preview": '{"q":"hi"}',
        "response_preview": '"yo"',
        "trace_metadata": {"mlflow.trace_schema.version": "3", "mlflow.traceInputs": '{"q":"hi"}'},
        "tags": {"mlflow.traceName": "ts-root"},
        "assessments": [],
    }
    response = ctx.http("POST", V3, "started", body=True, json={"trace": {"trace_info": info}}, headers=JSON)
    returned = response.json()["trace"]["trace_info"]
    location = returned["tags"]["mlflow.artifactLocation"]
    ctx.record("artifact_location", ids.text(location))
    ctx.record("returned", ids.text({k: v for k, v in returned.items() if k != "tags"} | {"tags": dict(sorted(returned["tags"].items()))}))
    path = location.split("mlflow-artifacts:", 1)[1].lstrip("/")
    spans = (
        '{"spans": [{"trace_id": "Xl5eXl5eXl5eXl5eXl5eXg==", "span_id": "AAAAAAAAAAE=", "parent_span_id": null, '
        '"name": "ts-root", "start_time_unix_nano": 1749996461282000001, "end_time_unix_nano": 1749996461347100000, '
        '"events": [], "status": {"code": "STATUS_CODE_OK", "message": ""}, '
        '"attributes": {"mlflow.traceRequestId": "\\"' + trace_id + '\\"", "mlflow.spanType": "\\"CHAIN\\""}}]}'
    )
    ctx.http("PUT", f"/api/2.0/mlflow-artifacts/artifacts/{path}/traces.json", "uploaded", data=spans.encode(), headers=JSON)
    got = ctx.http("GET", f"/api/2.0/mlflow-artifacts/artifacts/{path}/traces.json", "downloaded")
    ctx.record("downloaded_same_bytes", got.content == spans.encode())
    trace = ctx.client.get_trace(trace_id)
    ctx.record("client_view", trace_plain(trace, ids))
    ctx.http("GET", "/ajax-api/2.0/mlflow/get-trace-artifact", "ui_artifact", params={"request_id": trace_id})


# ---------------------------------------------------------------- bad input


@scenario(
    SCENARIOS,
    expect={
        "get_unknown": {"http": "4xx", "error_code": "RESOURCE_DOES_NOT_EXIST"},
        "search_no_locations": {"http": "4xx", "error_code": "INVALID_PARAMETER_VALUE"},
        "delete_2.0_neither": {"http": "4xx", "error_code": "INVALID_PARAMETER_VALUE"},
        "delete_tag_missing": {"http": "4xx", "error_code": "RESOURCE_DOES_NOT_EXIST"},
    },
)
def bad_input(ctx):
    exp_id = ctx.new_experiment(f"traces-{ctx.scenario_id}", "e")
    loc = [{"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": exp_id}}]
    trace_id = "tr-" + "ab" * 16
    info = {"trace_id": trace_id, "trace_location": loc[0], "request_time": "2024-01-01T00:00:00.5Z", "execution_duration": "1.5s", "state": "OK"}
    ctx.http("POST", V3, "start_ok", json={"trace": {"trace_info": info}}, headers=JSON)
    # reads of unknown traces
    ctx.http("GET", f"{V3}/{UNKNOWN_TRACE}", "get_unknown")
    ctx.http("GET", f"{V2}/{UNKNOWN_TRACE}/info", "get_v2_unknown")
    ctx.http("GET", f"{V3}/get", "traces_get_unknown", params={"trace_id": UNKNOWN_TRACE})
    ctx.http("GET", f"{V3}/get", "traces_get_missing_id")
    ctx.http("GET", f"{V3}/batchGet", "batch_get_missing_ids")
    ctx.http("POST", f"{V3}/batchGetInfos", "batch_infos_missing_ids", json={}, headers=JSON)
    ctx.http("POST", f"{V3}/batchGetInfos", "batch_infos", body=True, json={"trace_ids": [UNKNOWN_TRACE]}, headers=JSON)
    ctx.http("GET", "/ajax-api/2.0/mlflow/get-trace-artifact", "ui_artifact_no_id")
    ctx.http("GET", "/ajax-api/2.0/mlflow/get-trace-artifact", "ui_artifact_unknown", params={"request_id": UNKNOWN_TRACE})
    # start
    ctx.http("POST", V3, "start_unknown_experiment", json={"trace": {"trace_info": {**info, "trace_location": {"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": "987654"}}}}}, headers=JSON)
    ctx.http("POST", V3, "start_no_trace", json={}, headers=JSON)
    ctx.http("POST", V3, "start_no_info", json={"trace": {}}, headers=JSON)
    ctx.http("POST", V3, "start_no_location", json={"trace": {"trace_info": {"trace_id": "tr-" + "cd" * 16}}}, headers=JSON)
    ctx.http("POST", V3, "start_no_content_type", data=b"{}")
    # search
    ctx.http("POST", f"{V3}/search", "search_no_locations", json={}, headers=JSON)
    ctx.http("POST", f"{V3}/search", "search_empty_locations", body=True, json={"locations": []}, headers=JSON)
    ctx.http("POST", f"{V3}/search", "search_501", json={"locations": loc, "max_results": 501}, headers=JSON)
    ctx.http("POST", f"{V3}/search", "search_0", json={"locations": loc, "max_results": 0}, headers=JSON)
    ctx.http("POST", f"{V3}/search", "search_bad_token", json={"locations": loc, "page_token": "xyz"}, headers=JSON)
    ctx.http("POST", f"{V3}/search", "search_bad_experiment", json={"locations": [{"mlflow_experiment": {"experiment_id": "abc"}}]}, headers=JSON)
    ctx.http("POST", f"{V3}/search", "search_unknown_experiment", body=True, json={"locations": [{"mlflow_experiment": {"experiment_id": "987654"}}]}, headers=JSON)
    for index, bad in enumerate(["foo.bar = 'x'", "bogus = 'x'", "tags.t = 1", "metadata.a > 'x'", "status IS NULL",
                                 "tags.t = 'v' OR tags.t = 'w'", "span.content = 'x'", "span.nope = 'x'", "run_id IN ('a')",
                                 "metadata.`mlflow.trace.tokenUsage` LIKE '%'", "prompt = 'no-slash'", "issue.x = 'y'"]):
        ctx.http("POST", f"{V3}/search", f"search_filter_{index}", json={"locations": loc, "filter": bad}, headers=JSON)
    for index, order in enumerate([["bogus"], ["feedback.x"], ["metadata.`mlflow.trace.tokenUsage`"], ["name sideways"], ["name", "name"]]):
        ctx.http("POST", f"{V3}/search", f"search_order_{index}", json={"locations": loc, "order_by": order}, headers=JSON)
    ctx.http("GET", V2, "search_v2_no_experiments")
    ctx.http("GET", V2, "search_v2_501", params={"experiment_ids": exp_id, "max_results": 501})
    ctx.http("GET", V2, "search_v2_ok", params={"experiment_ids": exp_id})
    # delete-traces
    for version in ("2.0", "3.0"):
        url = f"/api/{version}/mlflow/traces/delete-traces"
        ctx.http("POST", url, f"delete_{version}_neither", json={"experiment_id": exp_id}, headers=JSON)
        ctx.http("POST", url, f"delete_{version}_both", json={"experiment_id": exp_id, "max_timestamp_millis": 1, "request_ids": [trace_id]}, headers=JSON)
        ctx.http("POST", url, f"delete_{version}_max_with_ids", json={"experiment_id": exp_id, "request_ids": [trace_id], "max_traces": 1}, headers=JSON)
        ctx.http("POST", url, f"delete_{version}_max_zero", json={"experiment_id": exp_id, "max_timestamp_millis": 0, "max_traces": 0}, headers=JSON)
        ctx.http("POST", url, f"delete_{version}_no_experiment", json={"max_timestamp_millis": 1}, headers=JSON)
        ctx.http("POST", url, f"delete_{version}_bad_experiment", json={"experiment_id": "abc", "max_timestamp_millis": 1}, headers=JSON)
        ctx.http("POST", url, f"delete_{version}_unknown_experiment", body=True, json={"experiment_id": "987654", "max_timestamp_millis": 1}, headers=JSON)
        ctx.http("POST", url, f"delete_{version}_unknown_ids", body=True, json={"experiment_id": exp_id, "request_ids": [UNKNOWN_TRACE]}, headers=JSON)
    ctx.http("POST", f"{V3}/delete-traces", "delete_empty_ids", json={"experiment_id": exp_id, "request_ids": []}, headers=JSON)
    # tags
    for version, base in (("v2", V2), ("v3", V3)):
        tags = f"{base}/{trace_id}/tags"
        ctx.http("PATCH", tags, f"set_tag_{version}_no_key", json={"value": "v"}, headers=JSON)
        ctx.http("PATCH", tags, f"set_tag_{version}_immutable", json={"key": "mlflow.trace.spansLocation", "value": "x"}, headers=JSON)
        ctx.http("PATCH", tags, f"set_tag_{version}_bad_key", json={"key": "../x", "value": "v"}, headers=JSON)
        ctx.http("PATCH", tags, f"set_tag_{version}_long_key", json={"key": "k" * 300, "value": "v"}, headers=JSON)
        ctx.http("PATCH", tags, f"set_tag_{version}_ok", json={"key": "k", "value": "v"}, headers=JSON)
        ctx.http("PATCH", f"{base}/{UNKNOWN_TRACE}/tags", f"set_tag_{version}_unknown_trace", json={"key": "k", "value": "v"}, headers=JSON)
        ctx.also_ok(f"set_tag_{version}_unknown_trace", ("4xx", "RESOURCE_DOES_NOT_EXIST"), why="3.17.2 answers BAD_REQUEST (a foreign-key failure); an unknown trace is RESOURCE_DOES_NOT_EXIST")
        ctx.http("DELETE", tags, f"delete_tag_{version}_immutable", json={"key": "mlflow.trace.spansLocation"}, headers=JSON)
        ctx.http("DELETE", tags, f"delete_tag_{version}_no_key", json={}, headers=JSON)
    ctx.http("DELETE", f"{V2}/{trace_id}/tags", "delete_tag_ok", json={"key": "k"}, headers=JSON)
    ctx.http("DELETE", f"{V2}/{trace_id}/tags", "delete_tag_missing", json={"key": "k"}, headers=JSON)
    ctx.http("DELETE", f"{V3}/{UNKNOWN_TRACE}/tags", "delete_tag_unknown_trace", json={"key": "k"}, headers=JSON)
    # link-to-run
    link = f"{V2}/link-to-run"
    ctx.http("POST", link, "link_no_run", json={"trace_ids": [trace_id]}, headers=JSON)
    ctx.http("POST", link, "link_no_traces", json={"run_id": "a" * 32}, headers=JSON)
    ctx.http("POST", link, "link_101", json={"trace_ids": [trace_id] * 101, "run_id": "a" * 32}, headers=JSON)
    ctx.http("POST", link, "link_unknown", json={"trace_ids": [UNKNOWN_TRACE], "run_id": "a" * 32}, headers=JSON)
    # the trace itself is unchanged by all of the above
    ctx.http("GET", f"{V3}/{trace_id}", "trace_after", body=True)
