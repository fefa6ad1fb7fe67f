"""Assessments on traces (spec/mlflow-api.md §3.9.3): mlflow.log_feedback / log_expectation /
get_assessment / update_assessment / override_feedback / delete_assessment round-trips, the
assessments get_trace shows, and bad requests compared by status and error code."""

from __future__ import annotations

from harness import scenario
from otlp_plain import plain_assessment, plain_trace

SCENARIOS: list = []


def test_assessments(scenario, target, conformance):
    conformance.check(scenario, target)


def traced_call(ctx, name: str) -> str:
    """A finished trace (through the client's exporter) in a new experiment; its id."""
    import mlflow

    exp_id = ctx.new_experiment(f"assessments-{name}", "e")
    mlflow.set_experiment(experiment_id=exp_id)

    @mlflow.trace(name=name)
    def work(x: int) -> int:
        return x + 1

    work(1)
    trace_id = mlflow.get_last_active_trace_id()
    mlflow.flush_trace_async_logging()
    return trace_id


@scenario(
    SCENARIOS,
    expect={
        "logged": {"kind": "feedback", "name": "relevance", "value": 0.6, "valid": True},
        "overridden": {"valid": False},
        "after_delete": {"valid": True},
    },
)
def feedback_round_trip(ctx):
    import mlflow
    from mlflow.entities import AssessmentError, AssessmentSource, AssessmentSourceType, Feedback

    trace_id = traced_call(ctx, "feedback")
    judge = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="gpt-judge")
    logged = mlflow.log_feedback(
        trace_id=trace_id,
        name="relevance",
        value=0.6,
        source=judge,
        rationale="partly relevant",
        metadata={"run": "1", "judge_version": "v2"},
    )
    ctx.record("logged", plain_assessment(logged))
    ctx.record("fetched", plain_assessment(mlflow.get_assessment(trace_id, logged.assessment_id)))
    updated = mlflow.update_assessment(
        trace_id=trace_id,
        assessment_id=logged.assessment_id,
        assessment=Feedback(name="relevance_v2", value=0.7, rationale="more relevant", metadata={"judge_version": "v3"}),
    )
    ctx.record("updated", plain_assessment(updated))
    structured = mlflow.log_feedback(
        trace_id=trace_id,
        name="rubric",
        value={"accuracy": 4, "style": "terse", "flags": [True, False]},
        source=AssessmentSource(source_type="HUMAN", source_id="alice@example.com"),
    )
    ctx.record("structured", plain_assessment(structured))
    failed = mlflow.log_feedback(
        trace_id=trace_id,
        name="judged",
        error=AssessmentError(error_code="RATE_LIMIT_EXCEEDED", error_message="try later"),
        source=judge,
    )
    ctx.record("with_error", plain_assessment(failed))
    override = mlflow.override_feedback(
        trace_id=trace_id,
        assessment_id=logged.assessment_id,
        value=0.9,
        rationale="a human disagrees",
        source=AssessmentSource(source_type="HUMAN", source_id="bob@example.com"),
    )
    ctx.record("override", plain_assessment(override))
    ctx.record("overridden", plain_assessment(mlflow.get_assessment(trace_id, logged.assessment_id)))
    ctx.record("trace_with_assessments", plain_trace(mlflow.get_trace(trace_id))["info"]["assessments"])
    mlflow.delete_assessment(trace_id=trace_id, assessment_id=override.assessment_id)
    ctx.record("after_delete", plain_assessment(mlflow.get_assessment(trace_id, logged.assessment_id)))
    ctx.attempt("get_deleted", lambda: mlflow.get_assessment(trace_id, override.assessment_id))
    mlflow.delete_assessment(trace_id=trace_id, assessment_id=override.assessment_id)
    ctx.record("deleted_twice", "ok")


@scenario(
    SCENARIOS,
    expect={
        "dict": {"kind": "expectation", "value": {"answer": "Paris", "facts": [1, 2.5]}},
        "scalar": {"value": "Paris"},
    },
)
def expectation_round_trip(ctx):
    import mlflow
    from mlflow.entities import AssessmentSource, Expectation

    trace_id = traced_call(ctx, "expectation")
    human = AssessmentSource(source_type="HUMAN", source_id="annotator")
    logged = {
        "dict": mlflow.log_expectation(
            trace_id=trace_id, name="expected", value={"answer": "Paris", "facts": [1, 2.5]}, source=human
        ),
        "list": mlflow.log_expectation(trace_id=trace_id, name="expected_list", value=["a", "é", None]),
        "scalar": mlflow.log_expectation(trace_id=trace_id, name="expected_text", value="Paris", metadata={"k": "v"}),
        "number": mlflow.log_expectation(trace_id=trace_id, name="expected_count", value=3),
        "boolean": mlflow.log_expectation(trace_id=trace_id, name="expected_flag", value=False),
    }
    for step, assessment in logged.items():
        ctx.record(step, plain_assessment(mlflow.get_assessment(trace_id, assessment.assessment_id)))
    updated = mlflow.update_assessment(
        trace_id=trace_id,
        assessment_id=logged["scalar"].assessment_id,
        assessment=Expectation(name="expected_text", value={"city": "Paris"}, metadata={"k2": "v2"}),
    )
    ctx.record("updated", plain_assessment(updated))
    ctx.record("trace_with_assessments", plain_trace(mlflow.get_trace(trace_id))["info"]["assessments"])
    search = mlflow.search_traces(locations=[mlflow.get_trace(trace_id).info.experiment_id], return_type="list")
    ctx.record("searched_assessment_names", sorted(a.name for t in search for a in t.info.assessments))


@scenario(
    SCENARIOS,
    expect={
        "unknown_trace": {"http": "4xx", "error_code": "RESOURCE_DOES_NOT_EXIST"},
        "update_valid": {"http": "5xx"},
    },
)
def bad_requests(ctx):
    trace_id = traced_call(ctx, "bad")
    base = f"/api/3.0/mlflow/traces/{trace_id}/assessments"
    created = ctx.http("POST", base, json={"assessment": {"assessment_name": "fb", "feedback": {"value": 1}}})
    feedback_id = created.json()["assessment"]["assessment_id"]
    expectation = ctx.http("POST", base, json={"assessment": {"assessment_name": "ex", "expectation": {"value": "x"}}})
    expectation_id = expectation.json()["assessment"]["assessment_id"]

    def create(step, body, path=base):
        ctx.http("POST", path, step, json=body)

    def update(step, body, assessment_id=feedback_id):
        ctx.http("PATCH", f"{base}/{assessment_id}", step, json=body)

    create("unknown_trace", {"assessment": {"assessment_name": "x", "feedback": {"value": 1}}}, "/api/3.0/mlflow/traces/tr-unknown/assessments")
    create("missing_assessment", {})
    create("no_value_kind", {"assessment": {"assessment_name": "x"}})
    create("expectation_without_value", {"assessment": {"assessment_name": "x", "expectation": {}}})
    create(
        "unknown_serialization",
        {"assessment": {"expectation": {"serialized_value": {"serialization_format": "XML", "value": "<a/>"}}}},
    )
    create("overrides_unknown", {"assessment": {"feedback": {"value": 1}, "overrides": "a-missing"}})
    create("missing_name", {"assessment": {"feedback": {"value": 1}}})
    ctx.http("POST", base, "malformed_json", data=b"{oops", headers={"content-type": "application/json"})
    ctx.http("GET", f"{base}/a-unknown", "get_unknown_assessment")
    ctx.http("GET", "/api/3.0/mlflow/traces/tr-unknown/assessments/a-unknown", "get_unknown_trace")
    update("update_unknown", {"assessment": {"rationale": "r"}, "update_mask": "rationale"}, "a-unknown")
    update("missing_update_mask", {"assessment": {"rationale": "r"}})
    update("empty_update_mask", {"assessment": {"rationale": "r"}, "update_mask": ""})
    update("update_missing_assessment", {"update_mask": "rationale"})
    update("expectation_on_feedback", {"assessment": {"expectation": {"value": 2}}, "update_mask": "expectation"})
    update("feedback_on_expectation", {"assessment": {"feedback": {"value": 2}}, "update_mask": "feedback"}, expectation_id)
    update("snake_case_mask", {"assessment": {"assessment_name": "ignored"}, "update_mask": "assessment_name"})
    update("unknown_mask_path", {"assessment": {"assessment_name": "ignored"}, "update_mask": "bogus"})
    update("update_valid", {"assessment": {"valid": False}, "update_mask": "valid"})
    ctx.http("DELETE", f"{base}/a-unknown", "delete_unknown")
    fetched = ctx.http("GET", f"{base}/{feedback_id}", "after_updates")
    ctx.record("name_after_ignored_masks", fetched.json()["assessment"]["assessment_name"])
