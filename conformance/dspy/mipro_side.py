"""The Python side of the MIPROv2 conformance test: runs each case with DSPy 3.3.1's MIPROv2.

    .venv/bin/python conformance/dspy/mipro_side.py <cases.json> <out.json>

Every case builds its trainset and valset from a formula, a program (`predict`: one Predict
`question -> answer`; `two_step`: Predict `question -> hint` then Predict `question, hint ->
answer`) and a scripted LM whose answers depend only on the messages it is sent (see
`respond`), so call order does not matter. `mipro_side.ts` does the same with @dspyflow/dspy.
For each case it records: the evaluations MIPROv2 starts (`callback_metadata.metric_key` and
devset size, from `BaseCallback.on_evaluate_start`), the trial logs, the instruction candidates,
the sizes of the demo sets, the meta-prompt calls by kind (and the first prompt of each kind) and the final score.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

import dspy
from dspy.dsp.utils.utils import dotdict
from dspy.utils.callback import BaseCallback

# The tips of DSPy's grounded proposer, in order: the scripted proposer names the tip it sees.
TIPS = [
    ("creative", "Don't be afraid to be creative when creating the new instruction!"),
    ("simple", "Keep the instruction clear and concise."),
    ("description", "Make sure your instruction is very informative and descriptive."),
    ("high_stakes", "The instruction should include a high stakes scenario in which the LM must solve the task!"),
    ("persona", 'Include a persona that is relevant to the task in the instruction (ie. "You are a ...")'),
]

META_FIELDS = ["proposed_instruction", "observations", "summary", "program_description", "module_description"]
META_ANSWERS = {
    "observations": "Each example is a small addition question.",
    "summary": "Summary: Addition questions with numeric answers.",
    "program_description": "The program answers arithmetic questions.",
    "module_description": "It writes the final answer.",
}


def answer_text(fields: dict[str, str]) -> str:
    return "".join(f"[[ ## {name} ## ]]\n{value}\n\n" for name, value in fields.items()) + "[[ ## completed ## ]]"


def respond(messages: list[dict[str, Any]], counts: dict[str, int], prompts: dict[str, list[str]]) -> str:
    """The scripted answer to one request; `counts` tallies the kinds of request and `prompts`
    keeps the first meta-prompt of each kind (system and last message)."""
    last = messages[-1]["content"]
    system = messages[0]["content"]
    for field in META_FIELDS:
        if f"`[[ ## {field} ## ]]`" in last:
            counts[field] = counts.get(field, 0) + 1
            prompts.setdefault(field, [system, last])
            if field == "proposed_instruction":
                style = next((key for key, text in TIPS if text in last), "plain")
                demos = "no demos" if "No task demos provided." in last else "with demos"
                return answer_text({field: f"Proposed Instruction: Answer the sum ({style}, {demos})."})
            return answer_text({field: META_ANSWERS[field]})
    if "`[[ ## hint ## ]]`" in last:
        counts["hint"] = counts.get("hint", 0) + 1
        return answer_text({"hint": "add the two numbers"})
    if "`[[ ## answer ## ]]`" in last:
        counts["answer"] = counts.get("answer", 0) + 1
        match = re.search(r"What is (\d+) \+ (\d+)\?", last)
        a, b = int(match.group(1)), int(match.group(2))
        demos = (len(messages) - 2) // 2
        bonus = sum(ord(character) for character in system) % 5
        correct = (3 * a + b + demos + bonus) % 4 != 0
        return answer_text({"answer": str(a + b) if correct else "unknown"})
    counts["other"] = counts.get("other", 0) + 1
    return answer_text({"answer": "No more responses"})


class ScriptedLM(dspy.BaseLM):
    forward_contract = "legacy"

    def __init__(self, counts: dict[str, int], prompts: dict[str, list[str]]):
        super().__init__("scripted", "chat", 0.0, 1000, False)
        self.counts = counts
        self.prompts = prompts

    def forward(self, prompt=None, messages=None, **kwargs):
        messages = messages or [{"role": "user", "content": prompt}]
        n = {**self.kwargs, **kwargs}.get("n", 1) or 1
        text = respond(messages, self.counts, self.prompts)
        choices = [dotdict(message=dotdict(content=text, tool_calls=None), finish_reason="stop") for _ in range(n)]
        return dotdict(choices=choices, usage=dotdict(prompt_tokens=0, completion_tokens=0, total_tokens=0), model="scripted")

    async def aforward(self, prompt=None, messages=None, **kwargs):
        return self.forward(prompt=prompt, messages=messages, **kwargs)


class TwoStep(dspy.Module):
    def __init__(self):
        super().__init__()
        self.first = dspy.Predict("question -> hint")
        self.second = dspy.Predict("question, hint -> answer")

    def forward(self, question):
        hint = self.first(question=question).hint
        return self.second(question=question, hint=hint)


def make_examples(spec: dict[str, int]) -> list[dspy.Example]:
    """Addition questions `What is a + b?` for indices start..start+count-1."""
    examples = []
    for index in range(spec["start"], spec["start"] + spec["count"]):
        a, b = index % 23, (index * 7) % 10
        examples.append(dspy.Example(question=f"What is {a} + {b}?", answer=str(a + b)).with_inputs("question"))
    return examples


class EvaluateRecorder(BaseCallback):
    def __init__(self):
        self.evaluations: list[list[Any]] = []

    def on_evaluate_start(self, call_id, instance, inputs):
        metadata = inputs.get("callback_metadata") or {}
        devset = inputs.get("devset") if inputs.get("devset") is not None else instance.devset
        self.evaluations.append([metadata.get("metric_key"), len(devset)])


class RecordingMIPROv2(dspy.MIPROv2):
    """Keeps the demo sets and instruction candidates DSPy computes inside compile."""

    def _bootstrap_fewshot_examples(self, *args, **kwargs):
        self.captured_demo_candidates = super()._bootstrap_fewshot_examples(*args, **kwargs)
        return self.captured_demo_candidates

    def _propose_instructions(self, *args, **kwargs):
        self.captured_instructions = super()._propose_instructions(*args, **kwargs)
        return self.captured_instructions


def metric(example, prediction, trace=None):
    return example.answer == prediction.answer


def trial_record(num: int, log: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"trial": num}
    for key, value in log.items():
        if key.endswith("_predictor_instruction") or key.endswith("_predictor_demos"):
            record[key] = value
    for key in ("mb_score", "full_eval_score", "total_eval_calls_so_far"):
        if key in log:
            record[key] = log[key]
    return record


def run_case(case: dict[str, Any]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    prompts: dict[str, list[str]] = {}
    lm = ScriptedLM(counts, prompts)
    recorder = EvaluateRecorder()
    program = TwoStep() if case["program"] == "two_step" else dspy.Predict("question -> answer")
    with dspy.context(lm=lm, callbacks=[recorder]):
        optimizer = RecordingMIPROv2(metric=metric, **case["optimizer"])
        compiled = optimizer.compile(
            program,
            trainset=make_examples(case["trainset"]),
            valset=make_examples(case["valset"]),
            **case.get("compile", {}),
        )
    demo_candidates = optimizer.captured_demo_candidates
    instructions = optimizer.captured_instructions
    return {
        "evaluations": recorder.evaluations,
        "trials": [trial_record(num, compiled.trial_logs[num]) for num in sorted(compiled.trial_logs)],
        "instruction_candidates": [instructions[i] for i in range(len(instructions))],
        "demo_set_sizes": [[len(demos) for demos in demo_candidates[i]] for i in range(len(demo_candidates))],
        "meta_calls": {key: value for key, value in sorted(counts.items()) if key in META_FIELDS},
        "meta_prompts": {key: prompts[key] for key in sorted(prompts)},
        "score": compiled.score,
        "candidate_programs": len(compiled.candidate_programs),
        "mb_candidate_programs": len(compiled.mb_candidate_programs),
        "final_instructions": [predictor.signature.instructions for predictor in compiled.predictors()],
        "final_demo_counts": [len(predictor.demos) for predictor in compiled.predictors()],
    }


def run_cases(cases: list[dict[str, Any]]) -> dict[str, Any]:
    logging.getLogger("dspy").setLevel(logging.WARNING)
    results: dict[str, Any] = {}
    for case in cases:
        try:
            results[case["id"]] = run_case(case)
        except Exception as err:  # a broken case fails its own test, not the session
            results[case["id"]] = {"case_error": {"error": type(err).__name__, "message": str(err)}}
    return results


def main(argv: list[str]) -> int:
    cases = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    Path(argv[2]).write_text(json.dumps(run_cases(cases), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
