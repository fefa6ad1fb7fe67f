"""(b) Our parse of the same completions equals DSPy's.

Two sources: `parse_cases.json` (`[{id, type, text}]`, optional `models`/`enums`) checked
against `dspy.adapters.utils.parse_value(text, annotation)`, and the `completions` of the
format cases checked against `ChatAdapter.parse` / `JSONAdapter.parse` with the case's
signature. Values are compared as JSON (pydantic `mode="json"` on the Python side); when
DSPy raises, ours must raise too (error types and messages are not compared).
"""

from __future__ import annotations

import pytest
from compare import fail_if, outcome_diff, ts_case
from conftest import PARSE_CASES, load_cases

import python_side

FORMAT_CASES = [case for case in load_cases("format_cases.json") if case.get("completions")]
PARSE_VALUE_CASES = python_side.load_cases(PARSE_CASES) if PARSE_CASES.exists() else []


@pytest.mark.parametrize("case", PARSE_VALUE_CASES, ids=[case["id"] for case in PARSE_VALUE_CASES])
def test_parse_value_equals_dspy(case, ts_parse):
    expected = python_side.run_parse_case(case)
    actual = ts_case(ts_parse, case["id"])
    fail_if(outcome_diff(expected, actual))


@pytest.mark.parametrize("case", FORMAT_CASES, ids=[case["id"] for case in FORMAT_CASES])
def test_adapter_parse_equals_dspy(case, ts_format):
    expected = python_side.run_format_case(case)["parses"]
    actual = ts_case(ts_format, case["id"]).get("parses")
    if not isinstance(actual, list) or len(actual) != len(expected):
        pytest.fail(f"ours gave {actual!r} for {len(expected)} completions", pytrace=False)
    diffs = [
        f"completion {i} {case['completions'][i][:80]!r}: {diff}"
        for i, (e, a) in enumerate(zip(expected, actual))
        if (diff := outcome_diff(e, a))
    ]
    fail_if("\n".join(diffs) or None)
