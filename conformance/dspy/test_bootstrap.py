"""Few-shot optimizers against DSPy 3.3.1: which demos end up where, in which order.

Each case of cases/bootstrap_cases.json compiles a small program (a Predict, a ChainOfThought,
or two chained Predicts) with LabeledFewShot, BootstrapFewShot, BootstrapFewShotWithRandomSearch
or `create_n_fewshot_demo_sets`, on a trainset whose scripted LM is right for some examples and
wrong for others. The LM is a dict-keyed DummyLM (the answer is chosen by the question in the
last message, so thread order does not matter) with one addition, so that demos matter: a row's
`lm_fix` changes its answer when a given text (another question) appears in an earlier message,
i.e. among the demos. The TypeScript side (`bootstrap_side.ts`, run once per
session) does the same with @dspyflow/dspy. Compared: the compiled program's `dump_state()`, the
random search's candidates (seed, score, per-example scores, state, in DSPy's sorted order), the
demo sets, and the lines the optimizers print.

    .venv/bin/python -m pytest conformance/dspy/test_bootstrap.py -q
    npx tsx conformance/dspy/bootstrap_side.ts conformance/dspy/cases/bootstrap_cases.json out.json
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import dspy  # noqa: E402
from compare import fail_if, ts_case, value_diff  # noqa: E402
from dspy.teleprompt import BootstrapFewShot, BootstrapFewShotWithRandomSearch, LabeledFewShot  # noqa: E402
from dspy.teleprompt.utils import create_n_fewshot_demo_sets  # noqa: E402
from dspy.dsp.utils import dotdict  # noqa: E402
from dspy.utils import DummyLM  # noqa: E402

import python_side  # noqa: E402

REPO_ROOT = HERE.parents[1]
CASES_PATH = HERE / "cases" / "bootstrap_cases.json"
SIDE = HERE / "bootstrap_side.ts"
OUT = HERE / ".out"
TS_TIMEOUT_SECONDS = 600

# The lines the optimizers print that both sides must print identically.
PRINTED_PREFIXES = (
    "Bootstrapped ",
    "Bootstrapping set ",
    "Going to sample between",
    "Will attempt to bootstrap",
    "New best score:",
    "Scores so far:",
    "Best score so far:",
    "Stopping early because",
)


def load_data() -> dict[str, Any]:
    with open(CASES_PATH, encoding="utf-8") as f:
        return json.load(f)


DATA = load_data()
CASES = DATA["cases"]


# --------------------------------------------------------------------------------------------
# Programs, metrics, the scripted LM


class Two(dspy.Module):
    def __init__(self):
        super().__init__()
        self.first = dspy.Predict("question -> draft")
        self.second = dspy.Predict("question, draft -> answer")

    def forward(self, question):
        draft = self.first(question=question).draft
        return self.second(question=question, draft=draft)


def build_program(kind: str) -> dspy.Module:
    if kind == "predict":
        return dspy.Predict("question -> answer")
    if kind == "cot":
        return dspy.ChainOfThought("question -> answer")
    if kind == "two":
        return Two()
    raise ValueError(f"unknown program {kind!r}")


def exact(example, pred, trace=None):
    return example.answer == pred.answer


def partial(example, pred, trace=None):
    if example.answer == pred.answer:
        return 1.0
    return 0.5 if str(pred.answer).startswith(example.answer) else 0.0


def raise_on_wrong(example, pred, trace=None):
    if example.answer != pred.answer:
        raise ValueError(f"wrong answer {pred.answer!r}")
    return True


METRICS = {"exact": exact, "partial": partial, "raise_on_wrong": raise_on_wrong, None: None}


def examples(rows: list[dict[str, Any]]) -> list[dspy.Example]:
    return [dspy.Example(question=row["question"], answer=row["answer"]).with_inputs("question") for row in rows]


class DemoAwareLM(DummyLM):
    """DummyLM with dict answers, where a row's `fix` applies when its text is among the demos."""

    def __init__(self, answers: dict[str, dict[str, str]], fixes: dict[str, dict[str, str]]):
        super().__init__(answers)
        self.fixes = fixes

    def forward(self, prompt=None, messages=None, **kwargs):
        messages = messages or [{"role": "user", "content": prompt}]
        earlier = "\n".join(message["content"] for message in messages[:-1])
        content = "No more responses"
        for key, fields in self.answers.items():
            if key in messages[-1]["content"]:
                fix = self.fixes.get(key)
                if fix and fix["when"] in earlier:
                    fields = {**fields, "answer": fix["answer"]}
                content = self._format_answer_fields(fields)
                break
        message = dotdict(content=content, tool_calls=None)
        return dotdict(
            choices=[dotdict(message=message, finish_reason="stop")],
            usage=dotdict(prompt_tokens=0, completion_tokens=0, total_tokens=0),
            model="dummy",
        )


def scripted_lm(case: dict[str, Any]) -> DemoAwareLM:
    """Question → the fields the LM writes (every field any predictor of the programs asks for)."""
    answers: dict[str, dict[str, str]] = {}
    fixes: dict[str, dict[str, str]] = {}
    for name in (case["trainset"], case.get("valset")):
        for row in DATA["datasets"].get(name or "", []):
            answers[row["question"]] = {
                "reasoning": row["lm_reasoning"],
                "draft": row["lm_draft"],
                "answer": row["lm_answer"],
            }
            if "lm_fix" in row:
                fixes[row["question"]] = row["lm_fix"]
    return DemoAwareLM(answers, fixes)


def state_of(program: dspy.Module) -> Any:
    return python_side.to_jsonable(program.dump_state())


def printed_lines(text: str) -> list[str]:
    lines = [line.strip() for chunk in text.split("\n") for line in chunk.split("\r")]
    return [line for line in lines if line.startswith(PRINTED_PREFIXES)]


def run_python_case(case: dict[str, Any]) -> dict[str, Any]:
    config = case.get("config", {})
    compile_options = case.get("compile", {})
    trainset = examples(DATA["datasets"][case["trainset"]])
    valset = examples(DATA["datasets"][case["valset"]]) if case.get("valset") else None
    metric = METRICS[case.get("metric")]
    program = build_program(case["program"])
    result: dict[str, Any] = {}
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), dspy.context(lm=scripted_lm(case)):
        kind = case["optimizer"]
        if kind == "labeled":
            compiled = LabeledFewShot(**config).compile(program, trainset=trainset, **compile_options)
            result["state"] = state_of(compiled)
        elif kind == "bootstrap":
            compiled = BootstrapFewShot(metric=metric, **config).compile(program, trainset=trainset)
            result["state"] = state_of(compiled)
        elif kind == "random_search":
            optimizer = BootstrapFewShotWithRandomSearch(metric=metric, **config)
            compiled = optimizer.compile(program, trainset=trainset, valset=valset, **compile_options)
            result["state"] = state_of(compiled)
            result["candidates"] = [
                {
                    "seed": candidate["seed"],
                    "score": candidate["score"],
                    "subscores": python_side.to_jsonable(candidate["subscores"]),
                    "state": state_of(candidate["program"]),
                }
                for candidate in compiled.candidate_programs
            ]
        elif kind == "demo_sets":
            sets = create_n_fewshot_demo_sets(
                student=program,
                trainset=trainset,
                metric=metric,
                teacher_settings={},
                **config,
            )
            result["demo_sets"] = [python_side.to_jsonable(sets[index]) for index in sorted(sets)]
        else:
            raise ValueError(f"unknown optimizer {kind!r}")
    result["printed"] = printed_lines(stdout.getvalue())
    return result


# --------------------------------------------------------------------------------------------
# The TypeScript side, once per module


@pytest.fixture(scope="module")
def ts_bootstrap() -> dict[str, Any]:
    OUT.mkdir(exist_ok=True)
    out_path = OUT / "ts_bootstrap.json"
    out_path.unlink(missing_ok=True)
    command = ["npx", "tsx", str(SIDE.relative_to(REPO_ROOT)), str(CASES_PATH), str(out_path)]
    try:
        completed = subprocess.run(
            command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=TS_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return {"runner_error": f"{' '.join(command)}: {err}"}
    if completed.returncode != 0 or not out_path.exists():
        output = (completed.stderr or "") + (completed.stdout or "")
        return {"runner_error": f"{' '.join(command)} exited with {completed.returncode}:\n{output[-4000:]}"}
    with open(out_path, encoding="utf-8") as f:
        return json.load(f)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_optimizer_demos_equal_dspy(case, ts_bootstrap):
    expected = run_python_case(case)
    actual = ts_case(ts_bootstrap, case["id"])
    python_side.write_json(OUT / f"py_bootstrap_{case['id']}.json", expected)
    fail_if(value_diff(expected["printed"], actual.get("printed"), "$printed"))
    for key in ("candidates", "demo_sets", "state"):
        if key in expected:
            fail_if(value_diff(expected[key], actual.get(key), f"${key}"))
