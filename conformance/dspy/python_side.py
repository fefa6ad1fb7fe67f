"""The Python DSPy 3.3.1 side of the conformance suite.

Builds signatures, modules, tools and programs from the language-neutral case files in
`cases/` with the real `dspy` package, and records what DSPy does with them:

    python conformance/dspy/python_side.py format   cases/format_cases.json  out.json
    python conformance/dspy/python_side.py parse    parse_cases.json         out.json
    python conformance/dspy/python_side.py programs cases/program_cases.json out.json
    python conformance/dspy/python_side.py state    cases/state_cases.json   out.json  WORKDIR

The pytest files import the same functions in-process; the command line is for debugging.
Every result is JSON: values go through `to_jsonable` (pydantic `mode="json"` dumps, enum
members as their values, tuples as lists), errors become `{"error": <type>, "message": ...}`.
"""

from __future__ import annotations

import ast
import copy
import enum
import inspect
import json
import math
import logging
import sys
import typing
import warnings
from pathlib import Path
from typing import Any

import pydantic

import dspy
from dspy.adapters.utils import parse_value
from dspy.signatures.signature import _parse_type_node
from dspy.utils import DummyLM

warnings.filterwarnings("ignore")
logging.getLogger("dspy").setLevel(logging.ERROR)

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

# The ids of named predictors, as `named_predictors()` spells them, for each module kind.
PREDICTOR_NAMES = {"predict": ["self"], "cot": ["predict"]}


# --------------------------------------------------------------------------------------------
# JSON helpers


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """Reads a case file: a list of cases, or an object with `cases` (and shared models/enums)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if isinstance(data, dict):
        shared = {k: v for k, v in data.items() if k in ("models", "enums")}
        cases = data.get("cases", [])
        return [{**shared, **case} for case in cases]
    return data


def to_jsonable(value: Any) -> Any:
    """A JSON form of a Python value that a TypeScript value can be compared with."""
    if isinstance(value, dspy.Prediction) or isinstance(value, dspy.Example):
        return to_jsonable(value.toDict())
    if isinstance(value, pydantic.BaseModel):
        return to_jsonable(value.model_dump(mode="json"))
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        # Set order is hash order in Python: both sides compare sets sorted by their JSON text.
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=lambda item: json.dumps(item, separators=(",", ":"), ensure_ascii=False))
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    try:
        return pydantic.TypeAdapter(type(value)).dump_python(value, mode="json")
    except Exception:
        return str(value)


def error_result(err: BaseException) -> dict[str, Any]:
    return {"error": type(err).__name__, "message": str(err)}


def write_json(path: str | Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


# --------------------------------------------------------------------------------------------
# Types: annotation strings, pydantic models, enums


def _names(custom: dict[str, Any]) -> dict[str, Any]:
    names = dict(typing.__dict__)
    names["NoneType"] = type(None)
    names.update(custom)
    return names


def parse_annotation(text: str, custom: dict[str, Any]) -> Any:
    """Resolves a Python annotation string with DSPy's own signature-type parser."""
    return _parse_type_node(ast.parse(text), _names(custom))


def build_custom_types(case: dict[str, Any]) -> dict[str, Any]:
    """`enums` become `enum.Enum`s, `models` pydantic models (`create_model`), in dependency order."""
    custom: dict[str, Any] = {}
    for name, members in (case.get("enums") or {}).items():
        custom[name] = enum.Enum(name, dict(members))
    pending = dict(case.get("models") or {})
    while pending:
        progressed = False
        last_error: Exception | None = None
        for name, spec in list(pending.items()):
            try:
                fields = {}
                for field in spec["fields"]:
                    annotation = parse_annotation(field["type"], custom)
                    kwargs: dict[str, Any] = {}
                    if "default" in field:
                        kwargs["default"] = field["default"]
                    if "description" in field:
                        kwargs["description"] = field["description"]
                    fields[field["name"]] = (annotation, pydantic.Field(**kwargs))
            except ValueError as err:  # "Unknown name: X": a model not built yet
                last_error = err
                continue
            custom[name] = pydantic.create_model(name, __doc__=spec.get("description"), **fields)
            del pending[name]
            progressed = True
        if not progressed:
            raise ValueError(f"Cannot build models {sorted(pending)}: {last_error}")
    return custom


# --------------------------------------------------------------------------------------------
# Signatures and modules


def build_signature(case: dict[str, Any], custom: dict[str, Any] | None = None) -> type[dspy.Signature]:
    """String form: `dspy.Signature(text, instructions, custom_types=...)`; object form: a class."""
    if custom is None:
        custom = build_custom_types(case)
    spec = case["signature"]
    if isinstance(spec, str):
        if "instructions" in case:
            return dspy.Signature(spec, case["instructions"], custom_types=custom)
        return dspy.Signature(spec, custom_types=custom)
    if "instructions" in case:
        raise ValueError("an object-form signature carries its own instructions")
    name = spec.get("name", "StringSignature")
    namespace: dict[str, Any] = {"__module__": __name__, "__qualname__": name, "__annotations__": {}}
    if "instructions" in spec:
        namespace["__doc__"] = spec["instructions"]
    for field in spec["fields"]:
        kwargs: dict[str, Any] = {}
        if "desc" in field:
            kwargs["desc"] = field["desc"]
        if "prefix" in field:
            kwargs["prefix"] = field["prefix"]
        kwargs.update(field.get("constraints") or {})
        make = {"input": dspy.InputField, "output": dspy.OutputField}[field["role"]]
        with warnings.catch_warnings():  # `prefix` is deprecated in 3.2+ but still stored and saved
            warnings.simplefilter("ignore", DeprecationWarning)
            namespace[field["name"]] = make(**kwargs)
        if "type" in field:
            namespace["__annotations__"][field["name"]] = parse_annotation(field["type"], custom)
    return type(dspy.Signature)(name, (dspy.Signature,), namespace)


def make_adapter(name: str) -> dspy.ChatAdapter:
    return {"chat": dspy.ChatAdapter, "json": dspy.JSONAdapter}[name]()


def coerce(value: Any, annotation: Any) -> Any:
    """A typed value, as a Python user would pass it (`Item(...)`, `2.0`, `Color.RED`).

    JSON cannot say that `2` in a float field is `2.0` or that a dict is an `Item`; pydantic's
    lax validation against the declared annotation does. `str` fields (typed or not) keep the
    raw value, so lists given to untyped fields stay lists; values that do not validate (None
    in an `int` field of an incomplete demo) stay as they are.
    """
    if annotation is str or value is None:
        return value
    try:
        return pydantic.TypeAdapter(annotation).validate_python(value)
    except Exception:
        return value


def coerce_record(signature: type[dspy.Signature], record: dict[str, Any]) -> dict[str, Any]:
    fields = signature.fields
    return {k: (coerce(v, fields[k].annotation) if k in fields else v) for k, v in record.items()}


def module_signature(module: str, signature: type[dspy.Signature]) -> type[dspy.Signature]:
    if module == "predict":
        return signature
    if module == "cot":
        return dspy.ChainOfThought(signature).predict.signature
    raise ValueError(f"unknown module {module!r}")


# --------------------------------------------------------------------------------------------
# format: messages and adapter parses


def run_format_case(case: dict[str, Any]) -> dict[str, Any]:
    signature = module_signature(case.get("module", "predict"), build_signature(case))
    adapter = make_adapter(case.get("adapter", "chat"))
    demos = [coerce_record(signature, demo) for demo in case.get("demos", [])]
    inputs = coerce_record(signature, case.get("inputs", {}))
    result: dict[str, Any] = {"messages": to_jsonable(adapter.format(signature, demos, inputs))}
    parses = []
    for completion in case.get("completions", []):
        try:
            parses.append({"value": to_jsonable(adapter.parse(signature, completion))})
        except Exception as err:
            parses.append(error_result(err))
    if parses:
        result["parses"] = parses
    return result


# --------------------------------------------------------------------------------------------
# parse: dspy.adapters.utils.parse_value


def run_parse_case(case: dict[str, Any]) -> dict[str, Any]:
    custom = build_custom_types(case)
    annotation = parse_annotation(case["type"], custom)
    try:
        return {"value": to_jsonable(parse_value(case["text"], annotation))}
    except Exception as err:
        return error_result(err)


# --------------------------------------------------------------------------------------------
# programs: DummyLM-driven runs


def json_schema_annotation(schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "array":
        return list[json_schema_annotation(schema["items"])] if "items" in schema else list
    if kind == "object":
        return dict[str, Any]
    return {"string": str, "integer": int, "number": float, "boolean": bool, None: Any}[kind]


def build_tool(spec: dict[str, Any]) -> dspy.Tool:
    """A real function with the described signature, returning the scripted values in order."""
    returns = list(spec.get("returns", []))
    parameters = []
    annotations: dict[str, Any] = {}
    arg_desc: dict[str, str] = {}
    for arg_name, schema in spec.get("args", {}).items():
        annotation = json_schema_annotation(schema)
        annotations[arg_name] = annotation
        default = schema.get("default", inspect.Parameter.empty)
        parameters.append(
            inspect.Parameter(arg_name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation)
        )
        if "description" in schema:
            arg_desc[arg_name] = schema["description"]

    def tool_function(**kwargs: Any) -> Any:
        if not returns:
            raise RuntimeError(f"tool {spec['name']} has no more scripted returns")
        return returns.pop(0)

    tool_function.__name__ = spec["name"]
    tool_function.__qualname__ = spec["name"]
    tool_function.__doc__ = spec.get("description") or None
    tool_function.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    tool_function.__annotations__ = annotations
    tool = dspy.Tool(tool_function, arg_desc=arg_desc or None)
    # The case must spell the args exactly as DSPy infers them (key order included): the TS side
    # receives them verbatim and `str(tool)` prints them in the ReAct instructions.
    expected = json.dumps(spec.get("args", {}))
    if json.dumps(tool.args) != expected:
        raise ValueError(f"tool {spec['name']}: DSPy infers args {json.dumps(tool.args)}, the case says {expected}")
    return tool


def build_program(case: dict[str, Any], signature: type[dspy.Signature]) -> dspy.Module:
    module = case.get("module", "predict")
    if module == "predict":
        program = dspy.Predict(signature)
        program.demos = [dspy.Example(**coerce_record(signature, d)) for d in case.get("demos", [])]
    elif module == "cot":
        program = dspy.ChainOfThought(signature)
        inner = program.predict.signature
        program.predict.demos = [dspy.Example(**coerce_record(inner, d)) for d in case.get("demos", [])]
    elif module == "react":
        tools = [build_tool(t) for t in case.get("tools", [])]
        program = dspy.ReAct(signature, tools=tools, max_iters=case.get("max_iters", 20))
    else:
        raise ValueError(f"unknown module {module!r}")
    return program


def run_program_case(case: dict[str, Any]) -> dict[str, Any]:
    signature = build_signature(case)
    program = build_program(case, signature)
    adapter = make_adapter(case.get("adapter", "chat"))
    lm = DummyLM(copy.deepcopy(case["answers"]), adapter=make_adapter(case.get("lm_adapter", case.get("adapter", "chat"))))
    result: dict[str, Any] = {}
    with dspy.context(lm=lm, adapter=adapter):
        try:
            inputs = coerce_record(signature, case["inputs"])
            prediction = program(**inputs)
            result["prediction"] = to_jsonable(prediction)
        except Exception as err:
            result["prediction"] = error_result(err)
    result["messages"] = [to_jsonable(entry["messages"]) for entry in lm.history]
    return result


# --------------------------------------------------------------------------------------------
# state: save / load round trips


class Two(dspy.Module):
    """A module with two named predictors: `first` (Predict) and `second` (ChainOfThought)."""

    def __init__(self, first: type[dspy.Signature], second: type[dspy.Signature]):
        super().__init__()
        self.first = dspy.Predict(first)
        self.second = dspy.ChainOfThought(second)

    def forward(self, **kwargs: Any) -> Any:
        raise NotImplementedError


def build_state_program(case: dict[str, Any]) -> dspy.Module:
    """The program of a state case, before any state is applied."""
    module = case["module"]
    custom = build_custom_types(case)
    if module == "predict":
        return dspy.Predict(build_signature(case, custom))
    if module == "cot":
        return dspy.ChainOfThought(build_signature(case, custom))
    if module == "two":
        first = build_signature({**case, "signature": case["signatures"]["first"]}, custom)
        second = build_signature({**case, "signature": case["signatures"]["second"]}, custom)
        return Two(first, second)
    raise ValueError(f"unknown module {module!r}")


def make_lm(spec: dict[str, Any]) -> dspy.LM:
    """`{model, temperature?, max_tokens?, cache?, num_retries?, model_type?, kwargs?}` -> `dspy.LM`."""
    spec = dict(spec)
    extra = spec.pop("kwargs", {}) or {}
    return dspy.LM(spec.pop("model"), **spec, **extra)


def apply_state(program: dspy.Module, case: dict[str, Any]) -> None:
    """Sets instructions, demos (as `dspy.Example`s) and LMs per named predictor."""
    predictors = dict(program.named_predictors())
    for name, spec in case["predictors"].items():
        predictor = predictors[name]
        if "instructions" in spec:
            predictor.signature = predictor.signature.with_instructions(spec["instructions"])
        predictor.demos = [dspy.Example(**coerce_record(predictor.signature, d)) for d in spec.get("demos", [])]
        if spec.get("lm") is not None:
            predictor.lm = make_lm(spec["lm"])


def state_prompts(program: dspy.Module, case: dict[str, Any]) -> dict[str, Any]:
    """For every named predictor, the messages its adapter formats for the case's inputs."""
    adapter = make_adapter(case.get("adapter", "chat"))
    prompts = {}
    for name, predictor in program.named_predictors():
        inputs = case["inputs"][name]
        prompts[name] = to_jsonable(
            adapter.format(predictor.signature, predictor.demos, coerce_record(predictor.signature, inputs))
        )
    return prompts


def state_summary(program: dspy.Module) -> dict[str, Any]:
    """What a load must restore besides the prompt: the LM state of every predictor."""
    return {name: (p.lm.dump_state() if p.lm else None) for name, p in program.named_predictors()}


def python_save(case: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """Builds the program with its state, saves it to `py_<id>.json`, returns its prompts."""
    program = build_state_program(case)
    apply_state(program, case)
    path = workdir / f"py_{case['id']}.json"
    program.save(str(path))
    return {"path": str(path), "prompts": state_prompts(program, case), "lm": state_summary(program)}


def python_load(case: dict[str, Any], path: str | Path) -> dict[str, Any]:
    """Loads a saved state into a fresh program and returns its prompts."""
    program = build_state_program(case)
    program.load(str(path))
    return {"prompts": state_prompts(program, case), "lm": state_summary(program)}


# --------------------------------------------------------------------------------------------
# command line


def _each(cases: list[dict[str, Any]], fn: Any) -> dict[str, Any]:
    results = {}
    for case in cases:
        try:
            results[case["id"]] = fn(case)
        except Exception as err:
            results[case["id"]] = {"case_error": error_result(err)}
    return results


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mode, cases_path, out_path = argv[0], argv[1], argv[2]
    cases = load_cases(cases_path)
    if mode == "format":
        results = _each(cases, run_format_case)
    elif mode == "parse":
        results = _each(cases, run_parse_case)
    elif mode == "programs":
        results = _each(cases, run_program_case)
    elif mode == "state":
        workdir = Path(argv[3] if len(argv) > 3 else ".")
        workdir.mkdir(parents=True, exist_ok=True)
        results = _each(cases, lambda case: python_save(case, workdir))
    else:
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2
    write_json(out_path, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
