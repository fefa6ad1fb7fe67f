/**
 * @module json-scalars
 * Reading protobuf scalars from OTLP JSON with the rules of protobuf's JSON mapping (as
 * `google.protobuf.json_format` applies them): 64-bit integers from numbers or digit strings,
 * doubles also from `"NaN"` / `"Infinity"` / `"-Infinity"`, enums by name or number, bytes as
 * base64. Every mismatch throws {@link OtlpJsonError}.
 */

/** A value of an OTLP JSON payload that protobuf's JSON parser would refuse. */
export class OtlpJsonError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OtlpJsonError'
  }
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

/** A JSON object (not an array, not null). */
export type JsonObject = { readonly [key: string]: unknown }

/**
 * Whether a value is a JSON object.
 *
 * @example
 * isJsonObject({}) // true
 * isJsonObject([]) // false
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A field by its JSON (camelCase) name or its proto (snake_case) name; `undefined` when absent
 * or `null` (protobuf treats `null` as "not set").
 *
 * @example
 * field({ start_time_unix_nano: '1' }, 'startTimeUnixNano', 'start_time_unix_nano') // '1'
 */
export function field(object: JsonObject, jsonName: string, protoName: string): unknown {
  const value = Object.hasOwn(object, jsonName) ? object[jsonName] : object[protoName]
  return value === null ? undefined : value
}

/**
 * A message field: an object, or `undefined` when absent.
 *
 * @example
 * messageValue({ code: 1 }, 'status') // { code: 1 }
 */
export function messageValue(value: unknown, name: string): JsonObject | undefined {
  if (value === undefined) return undefined
  if (!isJsonObject(value)) throw new OtlpJsonError(`${name} must be an object`)
  return value
}

/**
 * A repeated field: its items (none when absent); `null` items are refused, as protobuf does.
 *
 * @example
 * listValue([{ key: 'a' }], 'attributes') // [{ key: 'a' }]
 */
export function listValue(value: unknown, name: string): readonly unknown[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new OtlpJsonError(`${name} must be a list`)
  for (const item of value) {
    if (item === null) throw new OtlpJsonError(`${name} must not hold null`)
  }
  return value
}

/**
 * A string field ('' when absent).
 *
 * @example
 * stringValue('root', 'name') // 'root'
 */
export function stringValue(value: unknown, name: string): string {
  if (value === undefined) return ''
  if (typeof value !== 'string') throw new OtlpJsonError(`${name} must be a string`)
  return value
}

/**
 * A bool field.
 *
 * @example
 * boolValue(true, 'boolValue') // true
 */
export function boolValue(value: unknown, name: string): boolean {
  if (value === undefined) return false
  if (typeof value !== 'boolean') throw new OtlpJsonError(`${name} must be a boolean`)
  return value
}

function integer(value: unknown, name: string): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new OtlpJsonError(`${name} must be an integer`)
    return BigInt(value)
  }
  if (typeof value === 'string' && /^[-+]?\d+$/.test(value)) return BigInt(value)
  throw new OtlpJsonError(`${name} must be an integer`)
}

/**
 * An `int64` field, from a number or a decimal string.
 *
 * @example
 * int64Value('-5', 'intValue') // -5n
 */
export function int64Value(value: unknown, name: string): bigint {
  if (value === undefined) return 0n
  const result = integer(value, name)
  if (result < INT64_MIN || result > INT64_MAX) throw new OtlpJsonError(`${name} is out of range`)
  return result
}

/**
 * A `fixed64` field (unsigned), from a number or a decimal string.
 *
 * @example
 * fixed64Value('1700000000000000000', 'startTimeUnixNano') // 1700000000000000000n
 */
export function fixed64Value(value: unknown, name: string): bigint {
  if (value === undefined) return 0n
  const result = integer(value, name)
  if (result < 0n || result > UINT64_MAX) throw new OtlpJsonError(`${name} is out of range`)
  return result
}

/**
 * A `double` field: a number, a numeric string, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
 *
 * @example
 * doubleValue('Infinity', 'doubleValue') // Infinity
 */
export function doubleValue(value: unknown, name: string): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN
    if (value === 'Infinity') return Number.POSITIVE_INFINITY
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value)
  }
  throw new OtlpJsonError(`${name} must be a number`)
}

/**
 * An enum field by name or number; an unknown name reads as absent (`undefined`), as protobuf
 * does when unknown fields are ignored.
 *
 * @example
 * enumValue('STATUS_CODE_ERROR', ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'], 'code') // 2
 */
export function enumValue(
  value: unknown,
  names: readonly string[],
  name: string,
): number | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') {
    const index = names.indexOf(value)
    return index < 0 ? undefined : index
  }
  const number =
    typeof value === 'number' || typeof value === 'bigint' ? integer(value, name) : undefined
  if (number === undefined || number < -(2n ** 31n) || number >= 2n ** 31n) {
    throw new OtlpJsonError(`${name} must be an enum name or number`)
  }
  return Number(number)
}

/**
 * A `bytes` field written as base64 (standard or URL-safe alphabet, padding optional).
 *
 * @example
 * base64Value('AAE=', 'bytesValue') // Uint8Array [0, 1]
 */
export function base64Value(value: unknown, name: string): Uint8Array {
  if (value === undefined) return new Uint8Array(0)
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
    throw new OtlpJsonError(`${name} must be base64`)
  }
  const unpadded = value.replace(/=+$/, '')
  if (unpadded.length % 4 === 1) throw new OtlpJsonError(`${name} must be base64`)
  return new Uint8Array(Buffer.from(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'base64'))
}
