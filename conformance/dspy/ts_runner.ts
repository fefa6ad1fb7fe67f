/**
 * The TypeScript side of the DSPy conformance suite: builds the language-neutral cases of
 * `conformance/dspy/cases/` with @dspyflow/dspy and writes what our library does with them as
 * JSON, for the pytest files to compare with DSPy 3.3.1 (`python_side.py` does the same there).
 *
 *   npx tsx conformance/dspy/ts_runner.ts format   conformance/dspy/cases/format_cases.json  out.json
 *   npx tsx conformance/dspy/ts_runner.ts parse    conformance/dspy/parse_cases.json         out.json
 *   npx tsx conformance/dspy/ts_runner.ts programs conformance/dspy/cases/program_cases.json out.json
 *   npx tsx conformance/dspy/ts_runner.ts state    conformance/dspy/cases/state_cases.json   out.json WORKDIR
 *
 * Values are plain JSON; a failure inside one case becomes `{ case_error: { error, message } }`
 * (or `{ error, message }` where the case itself expects an outcome), never a crash of the run.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import * as dspy from '../../packages/dspy/src/index.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Record_ = Record<string, unknown>

interface ModelSpec {
  description?: string
  fields: { name: string; type: string; description?: string; default?: Json }[]
}

interface FieldSpec {
  name: string
  role: 'input' | 'output'
  type?: string
  desc?: string
  prefix?: string
  constraints?: Record<string, number | boolean>
}

interface SignatureSpec {
  name?: string
  instructions?: string
  fields: FieldSpec[]
}

interface TypedCase {
  id: string
  models?: Record<string, ModelSpec>
  enums?: Record<string, Record<string, string | number>>
}

interface FormatCase extends TypedCase {
  signature: string | SignatureSpec
  instructions?: string
  adapter?: 'chat' | 'json'
  module?: 'predict' | 'cot'
  demos?: Record_[]
  inputs?: Record_
  completions?: string[]
}

interface ParseCase extends TypedCase {
  type: string
  text: string
}

interface ToolSpec {
  name: string
  description?: string
  args: Record<string, Record_>
  returns?: Json[]
}

interface ProgramCase extends TypedCase {
  signature: string | SignatureSpec
  instructions?: string
  module: 'predict' | 'cot' | 'react'
  adapter?: 'chat' | 'json'
  lm_adapter?: 'chat' | 'json'
  demos?: Record_[]
  tools?: ToolSpec[]
  max_iters?: number
  answers: Record_[]
  inputs: Record_
}

interface LmSpec {
  model: string
  temperature?: number
  max_tokens?: number
  cache?: boolean
  num_retries?: number
  model_type?: 'chat' | 'text' | 'responses'
  kwargs?: Record_
}

interface StateCase extends TypedCase {
  module: 'predict' | 'cot' | 'two'
  signature?: string | SignatureSpec
  signatures?: { first: string | SignatureSpec; second: string | SignatureSpec }
  adapter?: 'chat' | 'json'
  predictors: Record<string, { instructions?: string; demos?: Record_[]; lm?: LmSpec | null }>
  inputs: Record<string, Record_>
}

// ------------------------------------------------------------------------------------------
// JSON helpers

/** A plain JSON form of a library value (Predictions and Examples as dicts, PyFloat as numbers). */
function plain(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (value instanceof dspy.PyFloat) return plain(value.value)
  // JSON has no NaN or infinities: both sides write them as tagged strings.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { $float: Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf' }
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof dspy.Example) return plain(value.toDict())
  if (Array.isArray(value)) return value.map(plain)
  // Python orders sets by hash: both sides compare them sorted by their JSON text.
  if (value instanceof Set) {
    return [...value].map(plain).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
  }
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([key, entry]) => [String(key), plain(entry)]))
  }
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown; toDict?: () => unknown }
    if (typeof withJson.toDict === 'function') return plain(withJson.toDict())
    if (typeof withJson.toJSON === 'function') return plain(withJson.toJSON())
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]))
  }
  return String(value)
}

function errorResult(error: unknown): { error: string; message: string } {
  if (error instanceof Error)
    return { error: error.name || error.constructor.name, message: error.message }
  return { error: 'Error', message: String(error) }
}

async function eachCase<C extends { id: string }>(
  cases: C[],
  run: (testCase: C) => Promise<Json> | Json,
): Promise<Record<string, Json>> {
  const results: Record<string, Json> = {}
  for (const testCase of cases) {
    try {
      results[testCase.id] = await run(testCase)
    } catch (error) {
      results[testCase.id] = { case_error: errorResult(error) }
    }
  }
  return results
}

function readCases<C extends TypedCase>(path: string): C[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as
    | C[]
    | { cases: C[]; models?: unknown; enums?: unknown }
  if (Array.isArray(data)) return data
  const shared = { models: data.models, enums: data.enums }
  return data.cases.map((testCase) => ({ ...shared, ...testCase }) as C)
}

// ------------------------------------------------------------------------------------------
// Types: enums as named zod enums, models as titled zod objects (pydantic `create_model`)

/** A zod schema for a field type (as parsed from an annotation string) with named schemas. */
function toZod(type: dspy.FieldType, named: Map<string, z.ZodType>): z.ZodType {
  switch (type.kind) {
    case 'str':
      return z.string()
    case 'int':
      return z.number().int()
    case 'float':
      return z.number()
    case 'bool':
      return z.boolean()
    case 'none':
      return z.null()
    case 'any':
      return z.any()
    case 'list':
      return z.array(type.item ? toZod(type.item, named) : z.any())
    case 'set':
      return z.set(type.item ? toZod(type.item, named) : z.any())
    case 'dict':
      return z.record(z.string(), type.value ? toZod(type.value, named) : z.any())
    case 'tuple':
      if (type.variadic) return z.tuple([]).rest(toZod(type.items[0]!, named))
      return z.tuple(type.items.map((item) => toZod(item, named)) as [z.ZodType, ...z.ZodType[]])
    case 'literal':
      return z.literal(type.values as [string | number | boolean | null])
    case 'union': {
      const others = type.options.filter((option) => option.kind !== 'none')
      const nullable = others.length < type.options.length
      const inner =
        others.length === 1
          ? toZod(others[0]!, named)
          : z.union(others.map((option) => toZod(option, named)) as [z.ZodType, z.ZodType])
      return nullable ? inner.nullable() : inner
    }
    case 'model':
    case 'enum': {
      const schema = named.get(type.name)
      if (!schema) throw new Error(`Unknown name: ${type.name}`)
      return schema
    }
    default:
      throw new Error(`No zod counterpart for the field type ${JSON.stringify(type)}`)
  }
}

/** Builds the case's enums and models (in dependency order) and returns them as custom types. */
function buildCustomTypes(testCase: TypedCase): dspy.CustomTypes {
  const named = new Map<string, z.ZodType>()
  const custom: dspy.CustomTypes = {}
  for (const [name, members] of Object.entries(testCase.enums ?? {})) {
    const schema = z.enum(members).meta({ title: name })
    named.set(name, schema)
    custom[name] = dspy.zodToFieldType(schema)
  }
  const placeholders: dspy.CustomTypes = { ...custom }
  for (const name of Object.keys(testCase.models ?? {})) {
    placeholders[name] = { kind: 'model', name, fields: [] }
  }
  const pending = new Map(Object.entries(testCase.models ?? {}))
  while (pending.size > 0) {
    let progressed = false
    for (const [name, spec] of pending) {
      const shape: Record<string, z.ZodType> = {}
      try {
        for (const field of spec.fields) {
          const type = dspy.parseTypeExpression(field.type, placeholders)
          shape[field.name] = modelFieldSchema(type, field, named)
        }
      } catch {
        continue // references a model not built yet
      }
      const schema = z
        .object(shape)
        .meta(
          spec.description === undefined
            ? { title: name }
            : { title: name, description: spec.description },
        )
      named.set(name, schema)
      custom[name] = dspy.zodToFieldType(schema)
      pending.delete(name)
      progressed = true
    }
    if (!progressed) throw new Error(`Cannot build models ${[...pending.keys()].join(', ')}`)
  }
  return custom
}

function modelFieldSchema(
  type: dspy.FieldType,
  field: ModelSpec['fields'][number],
  named: Map<string, z.ZodType>,
): z.ZodType {
  let schema: z.ZodType
  const isOptional = type.kind === 'union' && type.options.some((option) => option.kind === 'none')
  if ('default' in field && field.default === null && isOptional) {
    // Optional[X] = None: zod's .optional() (the value may also be null).
    const others = type.options.filter((option) => option.kind !== 'none')
    const inner =
      others.length === 1
        ? toZod(others[0]!, named)
        : z.union(others.map((option) => toZod(option, named)) as [z.ZodType, z.ZodType])
    schema = inner.optional()
  } else {
    schema = toZod(type, named)
    if ('default' in field) {
      const value = field.default
      schema = (schema as z.ZodType<unknown>).default(() => structuredClone(value))
    }
  }
  return field.description === undefined ? schema : schema.describe(field.description)
}

// ------------------------------------------------------------------------------------------
// Signatures and modules

const constraintNames: Record<string, string> = {
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
  min_length: 'minLength',
  max_length: 'maxLength',
  multiple_of: 'multipleOf',
  allow_inf_nan: 'allowInfNan',
}

function buildSignature(
  spec: string | SignatureSpec,
  instructions: string | undefined,
  customTypes: dspy.CustomTypes,
): dspy.Signature {
  if (typeof spec === 'string') {
    return new dspy.Signature(
      spec,
      instructions === undefined ? { customTypes } : { instructions, customTypes },
    )
  }
  if (instructions !== undefined)
    throw new Error('an object-form signature carries its own instructions')
  const fields: Record<string, dspy.FieldDeclaration> = {}
  for (const field of spec.fields) {
    const options: dspy.FieldOptions = {}
    if (field.type !== undefined) options.type = field.type
    if (field.desc !== undefined) options.desc = field.desc
    if (field.prefix !== undefined) options.prefix = field.prefix
    for (const [key, value] of Object.entries(field.constraints ?? {})) {
      const name = constraintNames[key]
      if (!name) throw new Error(`unknown constraint ${key}`)
      ;(options as Record_)[name] = value
    }
    fields[field.name] =
      field.role === 'input' ? dspy.InputField(options) : dspy.OutputField(options)
  }
  const definition: dspy.SignatureDefinition = { fields }
  if (spec.name !== undefined) definition.name = spec.name
  if (spec.instructions !== undefined) definition.instructions = spec.instructions
  return new dspy.Signature(definition, { customTypes })
}

function makeAdapter(name: 'chat' | 'json' | undefined): dspy.ChatAdapter {
  return name === 'json' ? new dspy.JSONAdapter() : new dspy.ChatAdapter()
}

function moduleSignature(module: string | undefined, signature: dspy.Signature): dspy.Signature {
  if (module === undefined || module === 'predict') return signature
  if (module === 'cot') return new dspy.ChainOfThought(signature).predict.signature
  throw new Error(`unknown module ${module}`)
}

// ------------------------------------------------------------------------------------------
// format: messages and adapter parses

function runFormatCase(testCase: FormatCase): Json {
  const customTypes = buildCustomTypes(testCase)
  const signature = moduleSignature(
    testCase.module,
    buildSignature(testCase.signature, testCase.instructions, customTypes),
  )
  const adapter = makeAdapter(testCase.adapter)
  const result: Record<string, Json> = {
    messages: plain(adapter.format(signature, testCase.demos ?? [], testCase.inputs ?? {})),
  }
  if (testCase.completions?.length) {
    result.parses = testCase.completions.map((completion) => {
      try {
        return { value: plain(adapter.parse(signature, completion)) }
      } catch (error) {
        return errorResult(error)
      }
    })
  }
  return result
}

// ------------------------------------------------------------------------------------------
// parse: parseValue

function runParseCase(testCase: ParseCase): Json {
  const type = dspy.parseTypeExpression(testCase.type, buildCustomTypes(testCase))
  try {
    return { value: plain(dspy.parseValue(testCase.text, type)) }
  } catch (error) {
    return errorResult(error)
  }
}

// ------------------------------------------------------------------------------------------
// programs: DummyLM-driven runs

function buildTool(spec: ToolSpec): dspy.Tool {
  const returns = [...(spec.returns ?? [])]
  const fn = (_args: Record_): unknown => {
    if (returns.length === 0) throw new Error(`tool ${spec.name} has no more scripted returns`)
    return returns.shift()
  }
  return new dspy.Tool(fn, { name: spec.name, desc: spec.description ?? '', args: spec.args })
}

async function runProgramCase(testCase: ProgramCase): Promise<Json> {
  const { DummyLM } = await import('../../packages/dspy/src/testing/index.ts')
  const signature = buildSignature(
    testCase.signature,
    testCase.instructions,
    buildCustomTypes(testCase),
  )
  const demos = (testCase.demos ?? []).map((demo) => new dspy.Example(demo))
  let program: dspy.Module
  if (testCase.module === 'predict') {
    const predict = new dspy.Predict(signature)
    predict.demos = demos
    program = predict
  } else if (testCase.module === 'cot') {
    const cot = new dspy.ChainOfThought(signature)
    cot.predict.demos = demos
    program = cot
  } else if (testCase.module === 'react') {
    const tools = (testCase.tools ?? []).map(buildTool)
    program = new dspy.ReAct(signature, { tools, maxIters: testCase.max_iters ?? 20 })
  } else {
    throw new Error(`unknown module ${String(testCase.module)}`)
  }
  const lm = new DummyLM(structuredClone(testCase.answers), {
    adapter: makeAdapter(testCase.lm_adapter ?? testCase.adapter),
  })
  const adapter = makeAdapter(testCase.adapter)
  let prediction: Json
  try {
    prediction = plain(await dspy.context({ lm, adapter }, () => program.call(testCase.inputs)))
  } catch (error) {
    prediction = errorResult(error)
  }
  return { prediction, messages: lm.history.map((entry) => plain(entry.messages)) }
}

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

function buildStateProgram(testCase: StateCase): dspy.Module {
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

function namedPredicts(program: dspy.Module): [string, dspy.Predict][] {
  return program.namedPredictors().map(([name, predictor]) => {
    if (!(predictor instanceof dspy.Predict)) throw new Error(`${name} is not a Predict`)
    return [name, predictor]
  })
}

function makeLm(spec: LmSpec): dspy.LM {
  const options: dspy.LmOptions = {}
  if (spec.temperature !== undefined) options.temperature = spec.temperature
  if (spec.max_tokens !== undefined) options.maxTokens = spec.max_tokens
  if (spec.cache !== undefined) options.cache = spec.cache
  if (spec.num_retries !== undefined) options.numRetries = spec.num_retries
  if (spec.model_type !== undefined) options.modelType = spec.model_type
  if (spec.kwargs !== undefined) options.kwargs = spec.kwargs
  return new dspy.LM(spec.model, options)
}

function applyState(program: dspy.Module, testCase: StateCase): void {
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

function statePrompts(program: dspy.Module, testCase: StateCase): Json {
  const adapter = makeAdapter(testCase.adapter)
  const prompts: Record<string, Json> = {}
  for (const [name, predictor] of namedPredicts(program)) {
    const inputs = testCase.inputs[name] ?? {}
    prompts[name] = plain(adapter.format(predictor.signature, predictor.demos, inputs))
  }
  return prompts
}

function stateLms(program: dspy.Module): Json {
  return Object.fromEntries(
    namedPredicts(program).map(([name, predictor]) => [
      name,
      predictor.lm ? plain(predictor.lm.dumpState()) : null,
    ]),
  )
}

async function runStateCase(testCase: StateCase, workdir: string): Promise<Json> {
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

// ------------------------------------------------------------------------------------------
// command line

async function main(argv: string[]): Promise<number> {
  const [mode, casesPath, outPath, workdirArgument] = argv
  if (!mode || !casesPath || !outPath) {
    process.stderr.write(
      'usage: ts_runner.ts <format|parse|programs|state> <cases.json> <out.json> [workdir]\n',
    )
    return 2
  }
  let results: Record<string, Json>
  if (mode === 'format') results = await eachCase(readCases<FormatCase>(casesPath), runFormatCase)
  else if (mode === 'parse') results = await eachCase(readCases<ParseCase>(casesPath), runParseCase)
  else if (mode === 'programs')
    results = await eachCase(readCases<ProgramCase>(casesPath), runProgramCase)
  else if (mode === 'state') {
    const workdir = resolve(workdirArgument ?? '.')
    results = await eachCase(readCases<StateCase>(casesPath), (testCase) =>
      runStateCase(testCase, workdir),
    )
  } else {
    process.stderr.write(`unknown mode ${mode}\n`)
    return 2
  }
  writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
