# Writes dspy-gepa-runs.json's entry for one seed: DSPy 3.3.1 + gepa 0.1.4 GEPA runs on a scripted
# two-predictor program (region, capital) with a scripted reflection LM. gepa.test.ts replays the same
# scenario in TypeScript and compares. Usage: python dspy-gepa-runs.py SEED 150 (then merge the
# summary_SEED.json files into dspy-gepa-runs.json under the seed).
import dspy, logging, json, sys
from types import SimpleNamespace
from dspy.clients.base_lm import BaseLM
logging.disable(logging.CRITICAL)
DATA = {"France": ("Europe", "Paris"), "Spain": ("Europe", "Madrid"), "Italy": ("Europe", "Rome"), "Peru": ("Americas", "Lima"), "Chile": ("Americas", "Santiago"), "Kenya": ("Africa", "Nairobi"), "Egypt": ("Africa", "Cairo"), "Japan": ("Asia", "Tokyo"), "India": ("Asia", "New Delhi"), "Greece": ("Europe", "Athens")}
def resp(text):
    return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content=text, tool_calls=None), finish_reason="stop", logprobs=None)], usage={}, model="x")
class TaskLM(BaseLM):
    def __init__(self): super().__init__(model="task", model_type="chat", temperature=0.0, max_tokens=1000, cache=False)
    def forward(self, prompt=None, messages=None, **kw):
        system = messages[0]["content"]; user = messages[-1]["content"]
        country = next(c for c in DATA if c in user)
        region, capital = DATA[country]
        if "[[ ## region ## ]]" in user.split("Respond")[0] or "`region`" in system.split("Your output fields are:")[1].split("All interactions")[0]:
            ok = ("REGION RULE" in system and region == "Europe" and country != "France") or (country == "France" and "REGION RULE" not in system)
            return resp(f"[[ ## region ## ]]\n{region if ok else 'unknown'}\n\n[[ ## completed ## ]]")
        ok = ("CAPITAL RULE" in system and region != "Europe") or (country == "France" and "CAPITAL RULE" not in system)
        return resp(f"[[ ## answer ## ]]\n{capital if ok else 'unknown'}\n\n[[ ## completed ## ]]")
PROPOSALS = ["REGION RULE: Europe first.", "CAPITAL RULE: name the capital.", "Think harder.", "REGION RULE and more.", "CAPITAL RULE again.", "Nothing useful."]
class ReflectLM(BaseLM):
    def __init__(self):
        super().__init__(model="reflect", model_type="chat", temperature=1.0, max_tokens=1000, cache=False); self.prompts = []
    def forward(self, prompt=None, messages=None, **kw):
        self.prompts.append(prompt if prompt is not None else messages[-1]["content"])
        return resp("```\n" + PROPOSALS[(len(self.prompts) - 1) % len(PROPOSALS)] + "\n```")
class Prog(dspy.Module):
    def __init__(self):
        super().__init__()
        self.classify = dspy.Predict("question -> region")
        self.answer = dspy.Predict("question -> answer")
    def forward(self, question):
        r = self.classify(question=question)
        a = self.answer(question=question)
        return dspy.Prediction(region=r.region, answer=a.answer)
dspy.configure(lm=TaskLM())
def ex(c): return dspy.Example(question=f"What is the capital of {c}?", region=DATA[c][0], answer=DATA[c][1]).with_inputs("question")
countries = list(DATA)
train = [ex(c) for c in countries[:6]]
val = [ex(c) for c in countries]
def metric(gold, pred, trace=None, pred_name=None, pred_trace=None):
    s = 0.5 * (gold.region == pred.region) + 0.5 * (gold.answer == pred.answer)
    return s
starts = []
class CB(dspy.utils.callback.BaseCallback):
    def on_evaluate_start(self, call_id, instance, inputs): starts.append(inputs.get("callback_metadata"))
dspy.configure(callbacks=[CB()])
rl = ReflectLM()
seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
g = dspy.GEPA(metric=metric, reflection_lm=rl, max_metric_calls=int(sys.argv[2]) if len(sys.argv) > 2 else 150, track_stats=True, num_threads=1, seed=seed)
best = g.compile(Prog(), trainset=train, valset=val)
d = best.detailed_results
code = "".join("N" if x is None else ("F" if "metric_key" in x else "D") for x in starts)
json.dump({"best": {n: p.signature.instructions for n, p in best.named_predictors()}, "prompts": len(rl.prompts), "starts": code,
  "candidates": d.to_dict()["candidates"], "scores": d.val_aggregate_scores, "parents": d.parents, "discovery": d.discovery_eval_counts,
  "total": d.total_metric_calls, "full": d.num_full_val_evals, "fronts": [list(v) for v in d.per_val_instance_best_candidates.values()],
  "subscores": [list(v.values()) for v in d.val_subscores]}, open(f"summary_{seed}.json", "w"))
