/**
 * @module scalars
 * How MLflow's proto JSON spells scalars, both ways. Decoders return the input unchanged when
 * it cannot be read, so that schema validation reports it with the field's name.
 */

const integerText = /^[+-]?\d+$/
const decimalText = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * Reads an int64/int32 field: a JSON number or a numeric string (the protobuf JSON rules, and
 * what the Python client sends for `start_time`, `timestamp`...). Safe integers become numbers;
 * integers beyond ±2^53 (as text or as the bigints `parseJsonBigIntSafe` gives) become bigints,
 * which only the fields built from `wideInt64Schema` accept.
 *
 * @example
 * decodeInt64('1718460461282') // 1718460461282
 * decodeInt64('9007199254740993') // 9007199254740993n
 */
export function decodeInt64(value: unknown): unknown {
  if (typeof value === 'string' && integerText.test(value)) {
    const number = Number(value)
    return Number.isSafeInteger(number) ? number : BigInt(value)
  }
  if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value)
  return value
}

/**
 * Reads a double field: a JSON number, a numeric string, or `"NaN"`, `"Infinity"`,
 * `"-Infinity"`.
 *
 * @example
 * decodeDouble('NaN') // NaN
 */
export function decodeDouble(value: unknown): unknown {
  if (typeof value !== 'string') return value
  if (value === 'NaN') return Number.NaN
  if (value === 'Infinity') return Number.POSITIVE_INFINITY
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY
  return decimalText.test(value) ? Number(value) : value
}

/**
 * Writes a double field: finite numbers stay numbers, NaN and the infinities become the strings
 * MLflow writes (plain `JSON.stringify` would turn them into `null`).
 *
 * @example
 * encodeDouble(Number.NEGATIVE_INFINITY) // '-Infinity'
 */
export function encodeDouble(value: number): number | string {
  if (Number.isFinite(value)) return value
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? 'Infinity' : '-Infinity'
}

/**
 * Reads a bool field: a JSON boolean, or `true`/`false` in any case (query strings; the Python
 * client sends `True`/`False`).
 *
 * @example
 * decodeBool('True') // true
 */
export function decodeBool(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  return value
}

/**
 * Reads a proto enum field given by name or by number (also a numeric string); `names` maps
 * the enum's numbers to its names. A string that is neither one of the names nor a number reads
 * as `undefined` (the field is absent): MLflow parses requests with protobuf's
 * `ignore_unknown_fields`, which skips unknown enum names (`"status": "SIDEWAYS"` is ignored, an
 * unknown `run_view_type` leaves the default). Unknown numbers stay, so validation rejects them.
 *
 * @example
 * const names = new Map([[1, 'RUNNING'], [3, 'FINISHED']])
 * decodeEnum(3, names) // 'FINISHED'
 * decodeEnum('SIDEWAYS', names) // undefined
 */
export function decodeEnum(value: unknown, names: ReadonlyMap<number, string>): unknown {
  if (typeof value === 'string' && !integerText.test(value)) {
    for (const name of names.values()) if (name === value) return value
    return undefined
  }
  const number = typeof value === 'string' ? Number(value) : value
  return typeof number === 'number' ? (names.get(number) ?? value) : value
}

/**
 * Reads a 64-bit integer that may exceed 2^53 (nanosecond span times) as a bigint, from a
 * number, a bigint or a decimal string.
 *
 * @example
 * decodeBigInt('1718460461282123456') // 1718460461282123456n
 */
export function decodeBigInt(value: unknown): unknown {
  if (typeof value === 'string' && integerText.test(value)) return BigInt(value)
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  return value
}
