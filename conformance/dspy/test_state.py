"""(c) Saved states cross over: TypeScript -> Python and Python -> TypeScript.

For every case of cases/state_cases.json (Predict, ChainOfThought, a module with two named
predictors; instructions, augmented and labeled demos, LM settings), both sides build the same
program and save it (`ts_<id>.json`, `py_<id>.json` in conformance/dspy/.out/state/).

(i)   Python DSPy loads the TypeScript file into a fresh program; the prompt it then formats
      for the case's inputs (per named predictor) must equal the prompt TypeScript formats for
      the same inputs after saving, and the restored LM settings must equal TypeScript's.
(ii)  TypeScript loads the Python file; its prompts and LM settings must equal Python's.
(iii) The two files themselves: same JSON, then same bytes. The `metadata` block (dependency
      versions) is left out of the byte comparison only when the two sides wrote different
      versions there, and the test says so.

What we found (dspy 3.3.1 under Python 3.11; library as of the Adapters/Predict/state commit):
Python writes orjson `OPT_INDENT_2 | OPT_APPEND_NEWLINE` text ending in
`"metadata": {"dependency_versions": {"python": "3.11", "dspy": "3.3.1", "cloudpickle": "3.1"}}`
and a newline. Our saveState writes the very same metadata block (fixed versions), so no
metadata is ignored: the whole files are compared byte for byte. Measured against a copy of the
library with the then-missing modules stubbed: predict_augmented_and_labeled, cot_demos,
two_predictors and cot_no_demos_default_instructions were byte-identical; the files differ
where a demo holds a float-typed value (`1.0` written as `1`, models' defaults not filled in)
and where instructions need `inspect.cleandoc` (kept indented). A Python interpreter other than
3.11 running this suite would write a different "python" version; only then is the metadata
block left out.
"""

from __future__ import annotations

import json
import re

import pytest
from compare import fail_if, messages_diff, string_diff, ts_case, value_diff
from conftest import load_cases

import python_side

CASES = load_cases("state_cases.json")
IDS = [case["id"] for case in CASES]


def _python(state_run, case_id):
    result = state_run["python"][case_id]
    if "case_error" in result:
        pytest.fail(f"Python side failed on this case: {result['case_error']}", pytrace=False)
    return result


def _prompts_diff(expected: dict, actual: dict) -> str | None:
    if not isinstance(actual, dict) or set(actual) != set(expected):
        return f"named predictors: DSPy {sorted(expected)}, ours {sorted(actual) if isinstance(actual, dict) else actual!r}"
    for name in expected:
        diff = messages_diff(expected[name], actual[name], label=f"predictor {name!r}: ")
        if diff:
            return diff
    return None


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_ts_saved_state_loads_in_python(case, state_run):
    ts = ts_case(state_run["ts"], case["id"])
    saved = ts.get("saved") or {}
    if "error" in saved:
        pytest.fail(f"TypeScript could not build or save the program: {saved['error']}", pytrace=False)
    try:
        loaded = python_side.python_load(case, saved["path"])
    except Exception as err:
        pytest.fail(f"Python DSPy cannot load the TypeScript file {saved['path']}: {type(err).__name__}: {err}", pytrace=False)
    # "DSPy" = what Python DSPy formats after loading our file; "ours" = our own prompt.
    fail_if(_prompts_diff(loaded["prompts"], saved["prompts"]))
    fail_if(value_diff(loaded["lm"], saved["lm"], "$lm"))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_python_saved_state_loads_in_ts(case, state_run):
    python = _python(state_run, case["id"])
    loaded = ts_case(state_run["ts"], case["id"]).get("loaded") or {}
    if "error" in loaded:
        pytest.fail(f"TypeScript cannot load the Python file {python['path']}: {loaded['error']}", pytrace=False)
    fail_if(_prompts_diff(python["prompts"], loaded.get("prompts")))
    fail_if(value_diff(python["lm"], loaded.get("lm"), "$lm"))


_METADATA_BLOCK = re.compile(r',\n  "metadata": \{.*\}\n\}\n?\Z', re.S)


def _without_metadata(text: str) -> str:
    return _METADATA_BLOCK.sub("\n}\n", text)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_saved_files_are_identical(case, state_run):
    python = _python(state_run, case["id"])
    ts = ts_case(state_run["ts"], case["id"])
    saved = ts.get("saved") or {}
    if "error" in saved:
        pytest.fail(f"TypeScript could not build or save the program: {saved['error']}", pytrace=False)
    with open(python["path"], encoding="utf-8") as f:
        python_text = f.read()
    with open(saved["path"], encoding="utf-8") as f:
        ts_text = f.read()
    python_json, ts_json = json.loads(python_text), json.loads(ts_text)
    python_metadata, ts_metadata = python_json.pop("metadata", None), ts_json.pop("metadata", None)
    fail_if(value_diff(python_json, ts_json, "$state"))
    note = ""
    if python_metadata != ts_metadata:
        # Only the versions may differ (Python writes the running interpreter's); everything
        # else must be byte-identical.
        note = f" (metadata ignored: DSPy wrote {python_metadata}, ours {ts_metadata})"
        python_text, ts_text = _without_metadata(python_text), _without_metadata(ts_text)
    diff = string_diff(python_text, ts_text)
    if diff:
        pytest.fail(f"saved files differ{note}: {diff}", pytrace=False)
