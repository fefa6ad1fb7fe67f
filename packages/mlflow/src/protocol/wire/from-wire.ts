import type { z } from 'zod'
import { decodeBigInt, decodeBool, decodeDouble, decodeEnum, decodeInt64 } from './scalars.ts'
import { type WirePlan, wirePlan } from './wire-plan.ts'
import { isWireObject } from './wire-value.ts'

/**
 * Reads MLflow's snake_case JSON into the camelCase shape of `schema`, without validating it:
 * field names are renamed (the snake_case proto name wins over the camelCase JSON name, which
 * protobuf also accepts; a deprecated alias such as `run_uuid` is read when the field is absent
 * or empty), `null` counts as absent, unknown fields are dropped, and scalars are read as the
 * protobuf JSON rules allow (int64 from strings, doubles from `"NaN"`/`"Infinity"`, enums from
 * numbers, booleans from `"true"`). Like MLflow's protobuf parsing (`ignore_unknown_fields`), an
 * unknown enum name leaves its field absent, and so does a non-list value of a repeated field
 * marked `listOrAbsent`. Validate the result with the schema afterwards; values that
 * could not be read are left as they were, so validation reports them.
 *
 * @example
 * fromWire(metricSchema, { key: 'loss', value: 'NaN', timestamp: '5' })
 * // { key: 'loss', value: NaN, timestamp: 5 }
 */
export function fromWire(schema: z.core.$ZodType, value: unknown): unknown {
  return read(wirePlan(schema), value)
}

function read(plan: WirePlan, value: unknown): unknown {
  switch (plan.kind) {
    case 'int64':
      return decodeInt64(value)
    case 'double':
      return decodeDouble(value)
    case 'boolean':
      return decodeBool(value)
    case 'bigint':
      return decodeBigInt(value)
    case 'enum':
      return decodeEnum(value, plan.names)
    case 'array': {
      if (!Array.isArray(value)) return plan.listOrAbsent === true ? undefined : value
      const items = value.map((item) => read(plan.element, item))
      // Unknown enum names are skipped inside lists too.
      return plan.element.kind === 'enum' ? items.filter((item) => item !== undefined) : items
    }
    case 'record': {
      if (!isWireObject(value)) return value
      const result: Record<string, unknown> = {}
      for (const key of Object.keys(value)) result[key] = read(plan.value, value[key])
      return result
    }
    case 'object': {
      if (!isWireObject(value)) return value
      const result: Record<string, unknown> = {}
      for (const field of plan.fields) {
        let raw = value[field.wireName] ?? value[field.name]
        if (field.alias !== undefined && (raw === undefined || raw === null || raw === '')) {
          raw = value[field.alias] ?? raw
        }
        if (raw === undefined || raw === null) continue
        const decoded = read(field.plan, raw)
        if (decoded !== undefined) result[field.name] = decoded
      }
      return result
    }
    default:
      return value
  }
}
