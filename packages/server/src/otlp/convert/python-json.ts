/**
 * @module python-json
 * MLflow stores every span attribute value as `json.dumps(value, ensure_ascii=False)` of the
 * decoded OTLP value. These functions write the same text, so stored attributes match the
 * reference byte for byte: Python's `", "` / `": "` separators, float `repr` (`1.0`, `1e-05`,
 * `1e+16`), exact 64-bit integers, `NaN` / `Infinity`, and bytes as their Python `repr`
 * (`b'\x00a'`), which is what MLflow's JSON encoder falls back to.
 */
import { pythonFloatRepr, pythonJsonFloat } from '../../python/python-float.ts'
import { isKeyValueList, type OtlpAnyValue } from '../otlp-model.ts'

export { pythonFloatRepr }

/**
 * Python's `repr()` of a `bytes` value.
 *
 * @example
 * pythonBytesRepr(new Uint8Array([0, 97, 39])) // "b\"\\x00a'\""
 */
export function pythonBytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'"
  let body = ''
  for (const byte of bytes) {
    if (byte === 0x5c) body += '\\\\'
    else if (byte === 0x09) body += '\\t'
    else if (byte === 0x0a) body += '\\n'
    else if (byte === 0x0d) body += '\\r'
    else if (quote === "'" && byte === 0x27) body += "\\'"
    else if (byte < 0x20 || byte >= 0x7f) body += `\\x${byte.toString(16).padStart(2, '0')}`
    else body += String.fromCharCode(byte)
  }
  return `b${quote}${body}${quote}`
}

/**
 * The stored form of an attribute value: `json.dumps(value, ensure_ascii=False)` of the decoded
 * `AnyValue`, as MLflow writes it (a map with repeated keys keeps the last value, at the first
 * key's place, like a Python dict).
 *
 * @example
 * dumpAttributeValue('LLM') // '"LLM"'
 * dumpAttributeValue({ kvlist: [{ key: 'a', value: 1n }, { key: 'b', value: [1.5, true] }] })
 * // '{"a": 1, "b": [1.5, true]}'
 */
export function dumpAttributeValue(value: OtlpAnyValue): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return value.toString()
    case 'number':
      return pythonJsonFloat(value)
  }
  if (value instanceof Uint8Array) return JSON.stringify(pythonBytesRepr(value))
  if (Array.isArray(value)) return `[${value.map(dumpAttributeValue).join(', ')}]`
  if (isKeyValueList(value)) {
    const entries = new Map<string, OtlpAnyValue>()
    for (const { key, value: item } of value.kvlist) entries.set(key, item)
    const parts: string[] = []
    for (const [key, item] of entries)
      parts.push(`${JSON.stringify(key)}: ${dumpAttributeValue(item)}`)
    return `{${parts.join(', ')}}`
  }
  return 'null'
}

/** An event attribute value as MLflow keeps it in the span (not JSON-encoded). */
export type PlainAttributeValue =
  | null
  | string
  | boolean
  | bigint
  | number
  | PlainAttributeValue[]
  | { [key: string]: PlainAttributeValue }

/**
 * An event attribute value as MLflow keeps it: decoded, with integers as `bigint` (exact; a
 * `number` is always a double), bytes as their Python `repr` string (what MLflow's JSON encoder
 * writes for them) and maps as plain objects.
 *
 * @example
 * toPlainAttributeValue({ kvlist: [{ key: 'n', value: 3n }] }) // { n: 3n }
 */
export function toPlainAttributeValue(value: OtlpAnyValue): PlainAttributeValue {
  if (value instanceof Uint8Array) return pythonBytesRepr(value)
  if (Array.isArray(value)) return value.map(toPlainAttributeValue)
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: PlainAttributeValue } = {}
    for (const { key, value: item } of value.kvlist)
      setOwn(result, key, toPlainAttributeValue(item))
    return result
  }
  return value
}

/**
 * Sets `record[key]` as an own property, even for `__proto__`.
 *
 * @example
 * setOwn(attributes, '__proto__', '"x"')
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else {
    record[key] = value
  }
}
