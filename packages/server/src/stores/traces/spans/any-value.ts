/**
 * @module any-value
 * OpenTelemetry `AnyValue`s for `Trace.spans`: from a stored attribute (JSON text, decoded as
 * MLflow's client decodes it) and from plain values (event and link attributes).
 */
import type { AnyValue, KeyValue } from '@dspyflow/mlflow/protocol'
import { parseTypedJson, type TypedJson } from './typed-json.ts'

/**
 * The `AnyValue` of a stored attribute value: its JSON decoded (integers as `intValue`, floats as
 * `doubleValue`, objects as key-value lists); text that is not JSON stays a string, and the empty
 * string or `null` is an empty `AnyValue`, as MLflow's span reader does.
 *
 * @example
 * attributeAnyValue('{"x": 21}') // { kvlistValue: { values: [{ key: 'x', value: { intValue: 21 } }] } }
 * attributeAnyValue('"LLM"') // { stringValue: 'LLM' }
 */
export function attributeAnyValue(text: string): AnyValue {
  if (text === '') return {}
  const parsed = parseTypedJson(text)
  return parsed === undefined ? { stringValue: text } : typedToAnyValue(parsed)
}

function typedToAnyValue(value: TypedJson): AnyValue {
  switch (value.kind) {
    case 'null':
      return {}
    case 'bool':
      return { boolValue: value.value }
    case 'int':
      return { intValue: value.value }
    case 'float':
      return { doubleValue: value.value }
    case 'string':
      return { stringValue: value.value }
    case 'array':
      return { arrayValue: { values: value.items.map(typedToAnyValue) } }
    case 'object':
      return {
        kvlistValue: {
          values: [...value.entries].map(([key, item]) => ({ key, value: typedToAnyValue(item) })),
        },
      }
  }
}

/**
 * The `AnyValue` of a plain value (numbers that are safe integers become `intValue`).
 *
 * @example
 * plainAnyValue([1, 'a']) // { arrayValue: { values: [{ intValue: 1 }, { stringValue: 'a' }] } }
 */
export function plainAnyValue(value: unknown): AnyValue {
  if (value === null || value === undefined) return {}
  switch (typeof value) {
    case 'string':
      return { stringValue: value }
    case 'boolean':
      return { boolValue: value }
    case 'bigint':
      return { intValue: value }
    case 'number':
      return Number.isSafeInteger(value) ? { intValue: value } : { doubleValue: value }
    case 'object':
      if (Array.isArray(value)) return { arrayValue: { values: value.map(plainAnyValue) } }
      return { kvlistValue: { values: plainKeyValues(value as Record<string, unknown>) } }
    default:
      return { stringValue: String(value) }
  }
}

/**
 * Plain attributes as a key-value list.
 *
 * @example
 * plainKeyValues({ a: 1 }) // [{ key: 'a', value: { intValue: 1 } }]
 */
export function plainKeyValues(attributes: Record<string, unknown>): KeyValue[] {
  return Object.entries(attributes).map(([key, item]) => ({ key, value: plainAnyValue(item) }))
}
