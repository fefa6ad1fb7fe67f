"""Per-call overhead of Python DSPy's Predict and ChainOfThought with an instant LM.

The provider call (`dspy.clients.lm.litellm_completion`) is replaced by a function that returns a
ready LiteLLM response, so what is measured is DSPy itself: formatting, the cache lookup (a miss:
every question is new), the LM call wrapper, history and parsing. Prints one JSON line.
"""

import json
import statistics
import sys
import time

import dspy
import dspy.clients.lm as lm_module
from litellm import ModelResponse

ANSWER = "[[ ## reasoning ## ]]\nSix times seven.\n\n[[ ## answer ## ]]\n42\n\n[[ ## completed ## ]]"


def instant_completion(request, num_retries, cache=None):
    return ModelResponse(
        model=request["model"],
        choices=[{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": ANSWER}}],
        usage={"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60},
    )


def measure(program, calls, warmup, offset):
    for index in range(warmup):
        program(question=f"warmup {offset} {index}: what is 6 * 7?")
    durations = []
    for index in range(calls):
        start = time.perf_counter()
        program(question=f"question {offset} {index}: what is 6 * 7?")
        durations.append((time.perf_counter() - start) * 1e6)
    durations.sort()
    return {
        "median_us": statistics.median(durations),
        "p95_us": durations[int(0.95 * len(durations)) - 1],
        "mean_us": statistics.fmean(durations),
        "calls": calls,
    }


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    warmup = max(50, calls // 10)
    lm_module.litellm_completion = instant_completion
    dspy.configure_cache(enable_disk_cache=False, enable_memory_cache=True)
    dspy.configure(lm=dspy.LM("openai/gpt-4o-mini", api_key="bench", cache=True))
    results = {
        "runtime": f"Python {sys.version.split()[0]}, dspy {dspy.__version__}",
        "predict": measure(dspy.Predict("question -> answer"), calls, warmup, "p"),
        "chain_of_thought": measure(dspy.ChainOfThought("question -> answer"), calls, warmup, "c"),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
