import type { z } from 'zod'
import { wirePlan } from './wire-plan.ts'
import type { WireObject, WireValue } from './wire-value.ts'

/**
 * Reads the query string of a GET request as MLflow does: for each field of the request
 * schema, a repeated field takes every occurrence of its key (`run_ids=a&run_ids=b`), a scalar
 * field the first one; unknown keys are ignored. The result goes through the request's wire
 * codec like a JSON body.
 *
 * @example
 * queryToWire(new URLSearchParams('run_ids=a&run_ids=b&metric_key=loss'), schema)
 * // { run_ids: ['a', 'b'], metric_key: 'loss' }
 */
export function queryToWire(params: URLSearchParams, schema: z.core.$ZodType): WireObject {
  const result: WireObject = {}
  const plan = wirePlan(schema)
  if (plan.kind !== 'object') return result
  for (const field of plan.fields) {
    for (const key of [field.wireName, field.name, field.alias]) {
      if (key === undefined || !params.has(key) || key in result) continue
      result[key] = field.plan.kind === 'array' ? params.getAll(key) : (params.get(key) as string)
    }
  }
  return result
}

/**
 * Writes a wire object as a query string: lists as repeated keys, scalars as text, absent and
 * null fields left out.
 *
 * @example
 * wireToQuery({ run_ids: ['a', 'b'], max_results: 100 }).toString()
 * // 'run_ids=a&run_ids=b&max_results=100'
 */
export function wireToQuery(value: WireObject): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, item] of Object.entries(value)) {
    for (const scalar of Array.isArray(item) ? item : [item]) {
      if (scalar !== null && typeof scalar !== 'object') params.append(key, queryText(scalar))
    }
  }
  return params
}

function queryText(value: Exclude<WireValue, object | null>): string {
  return typeof value === 'string' ? value : String(value)
}
