"""MIPROv2 runs: ours against DSPy 3.3.1 (with optuna, pinned in requirements.txt).

Both sides run the same configurations with the same scripted LM (`respond` in
`mipro_side.py` / `mipro_side.ts`: answers depend only on the messages sent, the proposer's
meta-prompts included). What must be equal:

- the evaluations MIPROv2 starts, in order: `callback_metadata["metric_key"]` (`eval_full` /
  `eval_minibatch`) and the devset size, as `on_evaluate_start` callbacks see them;
- the trial numbers of the trial logs (the number of trials, full evaluations included);
- the candidate-set sizes: instruction candidates and demo sets per predictor, and the meta-prompt
  calls by kind (dataset observations, summary, program / module descriptions, proposals);
- the meta-prompts (the first of each kind): the system message byte for byte, and the last
  user message byte for byte except the `program_code` field (DSPy shows Python source there,
  we show the TypeScript source of the program);
- beyond the counts, because every random draw is reproduced (Python's `random` for MIPROv2's
  generator, NumPy's for Optuna's TPE): the instruction texts, the demo-set sizes, each trial's
  chosen indices and scores, and the returned program's score, instructions and demo count.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import pytest
from compare import string_diff
from conftest import OUT, REPO_ROOT, TS_TIMEOUT_SECONDS

import mipro_side

CASES: list[dict[str, Any]] = [
    {
        # auto="light", valset of 12 (<= 50): no minibatches, 10 trials on the full valset.
        "id": "light_small_valset",
        "program": "predict",
        "optimizer": {"auto": "light", "max_bootstrapped_demos": 2, "max_labeled_demos": 2, "num_threads": 1},
        "trainset": {"start": 0, "count": 10},
        "valset": {"start": 100, "count": 12},
    },
    {
        # auto="light", valset of 60 (> 50): minibatches of 10, full evaluations at trials 7, 13.
        "id": "light_minibatch",
        "program": "predict",
        "optimizer": {"auto": "light", "max_bootstrapped_demos": 3, "max_labeled_demos": 2, "num_threads": 1},
        "compile": {"minibatch_size": 10},
        "trainset": {"start": 0, "count": 25},
        "valset": {"start": 200, "count": 60},
    },
    {
        # auto=None with two predictors: 4 candidates, 7 trials, a full evaluation every 3.
        "id": "manual_two_predictors",
        "program": "two_step",
        "optimizer": {
            "auto": None, "num_candidates": 4, "max_bootstrapped_demos": 2, "max_labeled_demos": 1,
            "num_threads": 1, "seed": 3,
        },
        "compile": {"num_trials": 7, "minibatch_size": 8, "minibatch_full_eval_steps": 3},
        "trainset": {"start": 0, "count": 12},
        "valset": {"start": 300, "count": 20},
    },
    {
        # auto="medium": 12 candidate sets, 18 trials, so most trials are TPE's (after 10 random).
        "id": "medium_minibatch",
        "program": "predict",
        "optimizer": {"auto": "medium", "max_bootstrapped_demos": 2, "max_labeled_demos": 2, "num_threads": 1},
        "compile": {"minibatch_size": 6},
        "trainset": {"start": 0, "count": 20},
        "valset": {"start": 500, "count": 55},
    },
    {
        # Zero-shot (no demos): instructions only; demos are bootstrapped to inform the proposer.
        "id": "light_zeroshot",
        "program": "predict",
        "optimizer": {"auto": "light", "max_bootstrapped_demos": 0, "max_labeled_demos": 0, "num_threads": 1},
        "trainset": {"start": 0, "count": 14},
        "valset": {"start": 400, "count": 15},
    },
]

IDS = [case["id"] for case in CASES]


@pytest.fixture(scope="module")
def runs() -> dict[str, Any]:
    OUT.mkdir(exist_ok=True)
    cases_path = OUT / "mipro_cases.json"
    cases_path.write_text(json.dumps(CASES, indent=2), encoding="utf-8")
    python = mipro_side.run_cases(CASES)
    (OUT / "py_mipro.json").write_text(json.dumps(python, indent=2), encoding="utf-8")
    out_path = OUT / "ts_mipro.json"
    out_path.unlink(missing_ok=True)
    command = ["npx", "tsx", "conformance/dspy/mipro_side.ts", str(cases_path), str(out_path)]
    try:
        completed = subprocess.run(
            command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=TS_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return {"python": python, "ts": {"runner_error": f"{' '.join(command)}: {err}"}}
    if completed.returncode != 0 or not out_path.exists():
        output = (completed.stderr or "") + (completed.stdout or "")
        return {"python": python, "ts": {"runner_error": f"exit {completed.returncode}:\n{output[-4000:]}"}}
    return {"python": python, "ts": json.loads(out_path.read_text(encoding="utf-8"))}


def results(runs: dict[str, Any], case_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if "runner_error" in runs["ts"]:
        pytest.fail(runs["ts"]["runner_error"], pytrace=False)
    expected, actual = runs["python"][case_id], runs["ts"].get(case_id)
    if "case_error" in expected:
        pytest.fail(f"DSPy failed: {expected['case_error']}", pytrace=False)
    if not isinstance(actual, dict) or "case_error" in actual:
        pytest.fail(f"ours failed: {actual}", pytrace=False)
    return expected, actual


def fail_if(diff: str | None, label: str) -> None:
    if diff:
        pytest.fail(label + diff, pytrace=False)


def check_equal(expected: Any, actual: Any, what: str) -> None:
    if expected != actual:
        pytest.fail(
            f"{what} differ:\n  DSPy: {json.dumps(expected)}\n  ours: {json.dumps(actual)}", pytrace=False
        )


@pytest.mark.parametrize("case_id", IDS)
def test_same_evaluations(runs, case_id):
    expected, actual = results(runs, case_id)
    check_equal(expected["evaluations"], actual["evaluations"], "evaluations (metric_key, devset size)")


@pytest.mark.parametrize("case_id", IDS)
def test_same_number_of_trials(runs, case_id):
    expected, actual = results(runs, case_id)
    trial_numbers = lambda run: [trial["trial"] for trial in run["trials"]]  # noqa: E731
    check_equal(trial_numbers(expected), trial_numbers(actual), "trial numbers")


@pytest.mark.parametrize("case_id", IDS)
def test_same_candidate_set_sizes(runs, case_id):
    expected, actual = results(runs, case_id)
    sizes = lambda run: {  # noqa: E731
        "instruction_candidates": [len(candidates) for candidates in run["instruction_candidates"]],
        "demo_sets": [len(sets) for sets in run["demo_set_sizes"]],
        "meta_calls": run["meta_calls"],
    }
    check_equal(sizes(expected), sizes(actual), "candidate-set sizes")


PROGRAM_CODE = re.compile(r"\[\[ ## program_code ## \]\]\n.*?(?=\[\[ ## )", re.DOTALL)


@pytest.mark.parametrize("case_id", IDS)
def test_same_meta_prompts(runs, case_id):
    expected, actual = results(runs, case_id)
    check_equal(sorted(expected["meta_prompts"]), sorted(actual["meta_prompts"]), "meta-prompt kinds")
    for kind, (system, user) in expected["meta_prompts"].items():
        ours_system, ours_user = actual["meta_prompts"][kind]
        fail_if(string_diff(system, ours_system), f"{kind} system message: ")
        fail_if(string_diff(PROGRAM_CODE.sub("", user), PROGRAM_CODE.sub("", ours_user)), f"{kind} user message: ")


@pytest.mark.parametrize("case_id", IDS)
def test_same_candidates(runs, case_id):
    expected, actual = results(runs, case_id)
    check_equal(expected["instruction_candidates"], actual["instruction_candidates"], "instruction candidates")
    check_equal(expected["demo_set_sizes"], actual["demo_set_sizes"], "demos per demo set")


@pytest.mark.parametrize("case_id", IDS)
def test_same_trials_and_result(runs, case_id):
    expected, actual = results(runs, case_id)
    check_equal(expected["trials"], actual["trials"], "trials (chosen indices, scores)")
    for key in ("score", "candidate_programs", "mb_candidate_programs", "final_instructions", "final_demo_counts"):
        check_equal(expected[key], actual[key], key)
