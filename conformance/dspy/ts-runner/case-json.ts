/**
 * @module case-json
 * The conformance cases as the runner reads them (their JSON shapes) and the JSON helpers every
 * mode shares: plain JSON of library values, per-case errors, reading cases.
 */
import { readFileSync } from 'node:fs'
import * as dspy from '../../../packages/dspy/src/index.ts'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type Record_ = Record<string, unknown>

export interface ModelSpec {
  description?: string
  fields: { name: string; type: string; description?: string; default?: Json }[]
}

export interface FieldSpec {
  name: string
  role: 'input' | 'output'
  type?: string
  desc?: string
  prefix?: string
  constraints?: Record<string, number | boolean>
}

export interface SignatureSpec {
  name?: string
  instructions?: string
  fields: FieldSpec[]
}

export interface TypedCase {
  id: string
  models?: Record<string, ModelSpec>
  enums?: Record<string, Record<string, string | number>>
}

export interface FormatCase extends TypedCase {
  signature: string | SignatureSpec
  instructions?: string
  adapter?: 'chat' | 'json'
  module?: 'predict' | 'cot'
  demos?: Record_[]
  inputs?: Record_
  completions?: string[]
}

export interface ParseCase extends TypedCase {
  type: string
  text: string
}

export interface ToolSpec {
  name: string
  description?: string
  args: Record<string, Record_>
  returns?: Json[]
}

export interface ProgramCase extends TypedCase {
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

export interface LmSpec {
  model: string
  temperature?: number
  max_tokens?: number
  cache?: boolean
  num_retries?: number
  model_type?: 'chat' | 'text' | 'responses'
  kwargs?: Record_
}

export interface StateCase extends TypedCase {
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
export function plain(value: unknown): Json {
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

export function errorResult(error: unknown): { error: string; message: string } {
  if (error instanceof Error)
    return { error: error.name || error.constructor.name, message: error.message }
  return { error: 'Error', message: String(error) }
}

export async function eachCase<C extends { id: string }>(
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

export function readCases<C extends TypedCase>(path: string): C[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as
    | C[]
    | { cases: C[]; models?: unknown; enums?: unknown }
  if (Array.isArray(data)) return data
  const shared = { models: data.models, enums: data.enums }
  return data.cases.map((testCase) => ({ ...shared, ...testCase }) as C)
}
