/**
 * @module wire-plan
 * What the wire codec needs to know about a zod schema, worked out once per schema and cached:
 * which fields are int64, doubles, enums, lists, maps or messages, and each message field's
 * snake_case name and deprecated alias. Kept apart so the codec touches zod's internals in this
 * file only.
 */
import type { z } from 'zod'
import { protoTypes } from '../entities/proto-types.ts'
import { camelToSnake } from './field-names.ts'

/** How the codec treats one schema. */
export type WirePlan =
  | { kind: 'int64' | 'double' | 'boolean' | 'bigint' | 'other' }
  | { kind: 'enum'; names: ReadonlyMap<number, string> }
  | { kind: 'array'; element: WirePlan; listOrAbsent?: boolean }
  | { kind: 'record'; value: WirePlan }
  | { kind: 'object'; fields: WireField[] }

/** A field of a message: its camelCase name, proto name, deprecated alias and plan. */
export type WireField = { name: string; wireName: string; alias?: string; plan: WirePlan }

const wrapperTypes = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'readonly',
  'nonoptional',
  'catch',
])

const plans = new WeakMap<z.core.$ZodType, WirePlan>()

/**
 * The cached plan of a schema, looking through wrappers (optional, default, …), `z.lazy` and
 * pipes (their input side).
 *
 * @example
 * wirePlan(metricSchema) // { kind: 'object', fields: [{ name: 'key', wireName: 'key', … }, …] }
 */
export function wirePlan(schema: z.core.$ZodType): WirePlan {
  const cached = plans.get(schema)
  if (cached !== undefined) return cached
  const plan = buildPlan(schema)
  plans.set(schema, plan)
  return plan
}

function buildPlan(schema: z.core.$ZodType): WirePlan {
  const proto = protoTypes.get(schema)
  if (proto?.type === 'int64' || proto?.type === 'double') return { kind: proto.type }
  if (proto?.type === 'enum') {
    return { kind: 'enum', names: new Map(Object.entries(proto.numbers).map(([k, v]) => [v, k])) }
  }
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>
  if (wrapperTypes.has(def.type)) return wirePlan(def.innerType as z.core.$ZodType)
  switch (def.type) {
    case 'lazy':
      return wirePlan((def.getter as () => z.core.$ZodType)())
    case 'pipe':
      return wirePlan(def.in as z.core.$ZodType)
    case 'object': {
      // Cached before its fields are planned, so recursive (lazy) schemas terminate.
      const plan: WirePlan = { kind: 'object', fields: [] }
      plans.set(schema, plan)
      const aliases = proto?.type === 'message' ? proto.aliases : {}
      for (const [name, field] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
        const alias = aliases[name]
        plan.fields.push({
          name,
          wireName: camelToSnake(name),
          ...(alias === undefined ? {} : { alias }),
          plan: wirePlan(field),
        })
      }
      return plan
    }
    case 'array': {
      const plan = { kind: 'array', element: { kind: 'other' } } as {
        kind: 'array'
        element: WirePlan
        listOrAbsent?: boolean
      }
      if (proto?.type === 'listOrAbsent') plan.listOrAbsent = true
      plans.set(schema, plan)
      plan.element = wirePlan(def.element as z.core.$ZodType)
      return plan
    }
    case 'record': {
      const plan = { kind: 'record', value: { kind: 'other' } } as {
        kind: 'record'
        value: WirePlan
      }
      plans.set(schema, plan)
      plan.value = wirePlan(def.valueType as z.core.$ZodType)
      return plan
    }
    case 'number':
      return { kind: (schema as { isInt?: boolean }).isInt === true ? 'int64' : 'double' }
    case 'boolean':
      return { kind: 'boolean' }
    case 'bigint':
      return { kind: 'bigint' }
    default:
      return { kind: 'other' }
  }
}
