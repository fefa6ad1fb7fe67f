"""Equality checks with readable failure messages for the DSPy conformance tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

CONTEXT = 60


def _show(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def string_diff(expected: str, actual: str) -> str | None:
    """None when equal, else where and how the two strings first differ."""
    if expected == actual:
        return None
    position = next(
        (i for i, (a, b) in enumerate(zip(expected, actual)) if a != b),
        min(len(expected), len(actual)),
    )
    line = expected.count("\n", 0, position) + 1
    column = position - (expected.rfind("\n", 0, position) + 1) + 1
    start = max(0, position - CONTEXT)
    return (
        f"first difference at character {position} (line {line}, column {column}); "
        f"lengths: DSPy {len(expected)}, ours {len(actual)}\n"
        f"  DSPy: ...{_show(expected[start : position + CONTEXT])}\n"
        f"  ours: ...{_show(actual[start : position + CONTEXT])}\n"
        f"  DSPy at difference: {_show(expected[position : position + 20])}\n"
        f"  ours at difference: {_show(actual[position : position + 20])}"
    )


def messages_diff(expected: Any, actual: Any, label: str = "") -> str | None:
    """None when two chat-message lists are equal byte for byte, else a readable explanation."""
    if not isinstance(actual, list):
        return f"{label}ours is not a list of messages: {json.dumps(actual, ensure_ascii=False)[:500]}"
    if len(expected) != len(actual):
        roles_e = [m.get("role") for m in expected]
        roles_a = [m.get("role") if isinstance(m, dict) else type(m).__name__ for m in actual]
        return f"{label}DSPy sends {len(expected)} messages {roles_e}, ours {len(actual)} {roles_a}"
    for index, (e, a) in enumerate(zip(expected, actual)):
        if not isinstance(a, dict):
            return f"{label}message {index}: ours is not an object: {a!r}"
        if e.get("role") != a.get("role"):
            return f"{label}message {index}: role {e.get('role')!r} in DSPy, {a.get('role')!r} ours"
        if set(e) != set(a):
            return f"{label}message {index}: keys {sorted(e)} in DSPy, {sorted(a)} ours"
        e_content, a_content = e.get("content"), a.get("content")
        if isinstance(e_content, str) and isinstance(a_content, str):
            diff = string_diff(e_content, a_content)
            if diff:
                return f"{label}message {index} ({e.get('role')}): {diff}"
        elif e_content != a_content:
            return f"{label}message {index} ({e.get('role')}): content {e_content!r} in DSPy, {a_content!r} ours"
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def value_diff(expected: Any, actual: Any, path: str = "$") -> str | None:
    """None when two JSON values are equal, else the path and values of the first difference.

    Booleans never equal numbers; an int equals a float of the same value, because JSON
    written by JavaScript cannot say `2.0` (prompts test the int/float distinction instead).
    Object key order is ignored here; saved files are compared byte for byte elsewhere.
    """
    kind_e, kind_a = _kind(expected), _kind(actual)
    if kind_e != kind_a:
        return f"{path}: DSPy has {kind_e} {_brief(expected)}, ours {kind_a} {_brief(actual)}"
    if kind_e == "list":
        if len(expected) != len(actual):
            return f"{path}: DSPy has {len(expected)} items {_brief(expected)}, ours {len(actual)} {_brief(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            diff = value_diff(e, a, f"{path}[{i}]")
            if diff:
                return diff
        return None
    if kind_e == "object":
        if set(expected) != set(actual):
            missing = sorted(set(expected) - set(actual))
            extra = sorted(set(actual) - set(expected))
            return f"{path}: keys only in DSPy {missing}, only in ours {extra}"
        for key in expected:
            diff = value_diff(expected[key], actual[key], f"{path}.{key}")
            if diff:
                return diff
        return None
    if kind_e == "string" and expected != actual:
        return f"{path}: {string_diff(expected, actual)}"
    if expected != actual:
        return f"{path}: DSPy has {_brief(expected)}, ours {_brief(actual)}"
    return None


def _brief(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 300 else text[:300] + "..."


def outcome_diff(expected: dict[str, Any], actual: Any, path: str = "$") -> str | None:
    """Compares `{"value": ...}` / `{"error": ...}` outcomes: both fail, or both give equal values."""
    if not isinstance(actual, dict):
        return f"{path}: ours returned no outcome: {_brief(actual)}"
    if "error" in expected:
        if "error" in actual:
            return None
        return f"{path}: DSPy raises {expected['error']}: {expected.get('message', '')[:300]!r}; ours returns {_brief(actual.get('value'))}"
    if "error" in actual:
        return f"{path}: DSPy returns {_brief(expected['value'])}; ours raises {actual['error']}: {str(actual.get('message', ''))[:300]!r}"
    return value_diff(expected["value"], actual.get("value"), path)


def fail_if(diff: str | None) -> None:
    if diff:
        pytest.fail(diff, pytrace=False)


def ts_case(results: dict[str, Any], case_id: str) -> Any:
    """The TypeScript result of one case, failing the test when the runner or the case failed."""
    if "runner_error" in results:
        pytest.fail(f"TypeScript runner failed:\n{results['runner_error']}", pytrace=False)
    if case_id not in results:
        pytest.fail(f"TypeScript runner wrote no result for case {case_id!r}", pytrace=False)
    result = results[case_id]
    if isinstance(result, dict) and "case_error" in result:
        error = result["case_error"]
        pytest.fail(f"TypeScript side failed on this case: {error.get('error')}: {error.get('message')}", pytrace=False)
    return result
