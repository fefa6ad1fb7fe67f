"""Whole programs driven by a scripted DummyLM: every LM call's messages and the final prediction.

Each case of cases/program_cases.json runs Predict, ChainOfThought or ReAct (with tools whose
calls return scripted values) under `dspy.context(lm=DummyLM(answers, adapter=...), adapter=...)`.
DSPy's DummyLM writes every scripted answer in the format of its own adapter (`lm_adapter`,
default: the program's adapter), so a ChatAdapter program whose LM answers in JSON exercises
the JSONAdapter fallback.
"""

from __future__ import annotations

import pytest
from compare import fail_if, messages_diff, value_diff, ts_case
from conftest import load_cases

import python_side

CASES = load_cases("program_cases.json")


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_program_run_equals_dspy(case, ts_programs):
    expected = python_side.run_program_case(case)
    actual = ts_case(ts_programs, case["id"])
    calls_e, calls_a = expected["messages"], actual.get("messages")
    if not isinstance(calls_a, list) or len(calls_a) != len(calls_e):
        count = len(calls_a) if isinstance(calls_a, list) else calls_a
        pytest.fail(
            f"DSPy made {len(calls_e)} LM calls, ours {count}; "
            f"prediction DSPy {expected['prediction']!r}, ours {actual.get('prediction')!r}",
            pytrace=False,
        )
    for index, (e, a) in enumerate(zip(calls_e, calls_a)):
        fail_if(messages_diff(e, a, label=f"LM call {index}: "))
    fail_if(value_diff(expected["prediction"], actual.get("prediction"), "$prediction"))
