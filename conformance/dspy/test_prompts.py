"""(a) Our formatted messages equal DSPy's byte for byte.

For every case of cases/format_cases.json, DSPy 3.3.1's `ChatAdapter().format(...)` or
`JSONAdapter().format(...)` (on the Predict or ChainOfThought signature) is compared with
ours, message by message and character by character.
"""

from __future__ import annotations

import pytest
from compare import fail_if, messages_diff, ts_case
from conftest import load_cases

import python_side

CASES = load_cases("format_cases.json")


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_messages_equal_dspy(case, ts_format):
    expected = python_side.run_format_case(case)["messages"]
    actual = ts_case(ts_format, case["id"]).get("messages")
    fail_if(messages_diff(expected, actual))
