import type { z } from 'zod'
import { encodeDouble } from './scalars.ts'
import { type WirePlan, wirePlan } from './wire-plan.ts'
import type { WireValue } from './wire-value.ts'

/**
 * Writes a camelCase value of `schema` as MLflow's snake_case JSON value: fields renamed,
 * `undefined` fields and empty lists omitted (MLflow never writes empty repeated fields),
 * deprecated aliases written next to their field (`run_uuid` beside `run_id`), int64 as
 * numbers, NaN and ±Infinity doubles as `"NaN"`/`"Infinity"`/`"-Infinity"`, bigints kept for
 * `printJsonBigIntSafe`. Record (map) keys are user data and are kept as they are.
 *
 * @example
 * toWire(metricSchema, { key: 'loss', value: Number.NaN, timestamp: 5, step: 0 })
 * // { key: 'loss', value: 'NaN', timestamp: 5, step: 0 }
 */
export function toWire(schema: z.core.$ZodType, value: unknown): WireValue | undefined {
  return write(wirePlan(schema), value)
}

function write(plan: WirePlan, value: unknown): WireValue | undefined {
  if (value === undefined) return undefined
  switch (plan.kind) {
    case 'double':
      return typeof value === 'number' ? encodeDouble(value) : (value as WireValue)
    case 'array':
      return Array.isArray(value)
        ? value.map((item) => write(plan.element, item) ?? null)
        : (value as WireValue)
    case 'record': {
      if (!isObject(value)) return value as WireValue
      const result: Record<string, WireValue> = {}
      for (const key of Object.keys(value)) {
        const encoded = write(plan.value, value[key])
        if (encoded !== undefined) result[key] = encoded
      }
      return result
    }
    case 'object': {
      if (!isObject(value)) return value as WireValue
      const result: Record<string, WireValue> = {}
      for (const field of plan.fields) {
        const encoded = write(field.plan, value[field.name])
        if (encoded === undefined || (Array.isArray(encoded) && encoded.length === 0)) continue
        result[field.wireName] = encoded
        if (field.alias !== undefined) result[field.alias] = encoded
      }
      return result
    }
    default:
      return value as WireValue
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
