/**
 * @module state-cases
 * The `state` mode: save / load round trips of a two-predictor program.
 */
import { join } from 'node:path'
import * as dspy from '../../../packages/dspy/src/index.ts'
import { errorResult, type Json, type LmSpec, plain, type StateCase } from './case-json.ts'
import { buildCustomTypes } from './custom-types.ts'
import { buildSignature, makeAdapter } from './module-cases.ts'

// ------------------------------------------------------------------------------------------
// state: save / load round trips

/** A module with two named predictors: `first` (Predict) and `second` (ChainOfThought). */
class Two extends dspy.Module {
  first: dspy.Predict
  second: dspy.ChainOfThought

  constructor(first: dspy.Signature, second: dspy.Signature) {
    super()
    this.first = new dspy.Predict(first)
    this.second = new dspy.ChainOfThought(second)
  }

  forward(): Promise<dspy.Prediction> {
    throw new Error('not called')
  }
}

export function buildStateProgram(testCase: StateCase): dspy.Module {
  const customTypes = buildCustomTypes(testCase)
  if (testCase.module === 'predict') {
    return new dspy.Predict(buildSignature(testCase.signature!, undefined, customTypes))
  }
  if (testCase.module === 'cot') {
    return new dspy.ChainOfThought(buildSignature(testCase.signature!, undefined, customTypes))
  }
  if (testCase.module === 'two') {
    const { first, second } = testCase.signatures!
    return new Two(
      buildSignature(first, undefined, customTypes),
      buildSignature(second, undefined, customTypes),
    )
  }
  throw new Error(`unknown module ${String(testCase.module)}`)
}

export function namedPredicts(program: dspy.Module): [string, dspy.Predict][] {
  return program.namedPredictors().map(([name, predictor]) => {
    if (!(predictor instanceof dspy.Predict)) throw new Error(`${name} is not a Predict`)
    return [name, predictor]
  })
}

export function makeLm(spec: LmSpec): dspy.LM {
  const options: dspy.LmOptions = {}
  if (spec.temperature !== undefined) options.temperature = spec.temperature
  if (spec.max_tokens !== undefined) options.maxTokens = spec.max_tokens
  if (spec.cache !== undefined) options.cache = spec.cache
  if (spec.num_retries !== undefined) options.numRetries = spec.num_retries
  if (spec.model_type !== undefined) options.modelType = spec.model_type
  if (spec.kwargs !== undefined) options.kwargs = spec.kwargs
  return new dspy.LM(spec.model, options)
}

export function applyState(program: dspy.Module, testCase: StateCase): void {
  const predictors = new Map(namedPredicts(program))
  for (const [name, spec] of Object.entries(testCase.predictors)) {
    const predictor = predictors.get(name)
    if (!predictor) throw new Error(`no predictor named ${name}`)
    if (spec.instructions !== undefined) {
      predictor.signature = predictor.signature.withInstructions(spec.instructions)
    }
    predictor.demos = (spec.demos ?? []).map((demo) => new dspy.Example(demo))
    if (spec.lm) predictor.lm = makeLm(spec.lm)
  }
}

export function statePrompts(program: dspy.Module, testCase: StateCase): Json {
  const adapter = makeAdapter(testCase.adapter)
  const prompts: Record<string, Json> = {}
  for (const [name, predictor] of namedPredicts(program)) {
    const inputs = testCase.inputs[name] ?? {}
    prompts[name] = plain(adapter.format(predictor.signature, predictor.demos, inputs))
  }
  return prompts
}

export function stateLms(program: dspy.Module): Json {
  return Object.fromEntries(
    namedPredicts(program).map(([name, predictor]) => [
      name,
      predictor.lm ? plain(predictor.lm.dumpState()) : null,
    ]),
  )
}

export async function runStateCase(testCase: StateCase, workdir: string): Promise<Json> {
  let saved: Json
  try {
    const program = buildStateProgram(testCase)
    applyState(program, testCase)
    const path = join(workdir, `ts_${testCase.id}.json`)
    await program.save(path)
    saved = { path, prompts: statePrompts(program, testCase), lm: stateLms(program) }
  } catch (error) {
    const { error: name, message } = errorResult(error)
    saved = { error: `${name}: ${message}` }
  }
  let loaded: Json
  try {
    const program = buildStateProgram(testCase)
    await program.load(join(workdir, `py_${testCase.id}.json`))
    loaded = { prompts: statePrompts(program, testCase), lm: stateLms(program) }
  } catch (error) {
    const { error: name, message } = errorResult(error)
    loaded = { error: `${name}: ${message}` }
  }
  return { saved, loaded }
}
