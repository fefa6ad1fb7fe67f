/**
 * @module module-cases
 * Signatures, adapters and modules built from a case, and the `format`, `parse` and `programs`
 * modes (messages and parses, `parseValue`, DummyLM-driven runs).
 */
import * as dspy from '../../../packages/dspy/src/index.ts'
import {
  errorResult,
  type FormatCase,
  type Json,
  type ParseCase,
  type ProgramCase,
  plain,
  type Record_,
  type SignatureSpec,
  type ToolSpec,
} from './case-json.ts'
import { buildCustomTypes } from './custom-types.ts'

// ------------------------------------------------------------------------------------------
// Signatures and modules

export const constraintNames: Record<string, string> = {
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
  min_length: 'minLength',
  max_length: 'maxLength',
  multiple_of: 'multipleOf',
  allow_inf_nan: 'allowInfNan',
}

export function buildSignature(
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

export function makeAdapter(name: 'chat' | 'json' | undefined): dspy.ChatAdapter {
  return name === 'json' ? new dspy.JSONAdapter() : new dspy.ChatAdapter()
}

export function moduleSignature(
  module: string | undefined,
  signature: dspy.Signature,
): dspy.Signature {
  if (module === undefined || module === 'predict') return signature
  if (module === 'cot') return new dspy.ChainOfThought(signature).predict.signature
  throw new Error(`unknown module ${module}`)
}

// ------------------------------------------------------------------------------------------
// format: messages and adapter parses

export function runFormatCase(testCase: FormatCase): Json {
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

export function runParseCase(testCase: ParseCase): Json {
  const type = dspy.parseTypeExpression(testCase.type, buildCustomTypes(testCase))
  try {
    return { value: plain(dspy.parseValue(testCase.text, type)) }
  } catch (error) {
    return errorResult(error)
  }
}

// ------------------------------------------------------------------------------------------
// programs: DummyLM-driven runs

export function buildTool(spec: ToolSpec): dspy.Tool {
  const returns = [...(spec.returns ?? [])]
  const fn = (_args: Record_): unknown => {
    if (returns.length === 0) throw new Error(`tool ${spec.name} has no more scripted returns`)
    return returns.shift()
  }
  return new dspy.Tool(fn, { name: spec.name, desc: spec.description ?? '', args: spec.args })
}

export async function runProgramCase(testCase: ProgramCase): Promise<Json> {
  const { DummyLM } = await import('../../../packages/dspy/src/testing/index.ts')
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
