/**
 * @module py-json
 * JSON values the way Python sees them, for assessment values: integers (`bigint`) apart from
 * floats (`number`), objects as ordered maps. MLflow stores an assessment's value, error and
 * metadata as `json.dumps(...)` text, and returns expectation lists and objects as that text;
 * {@link dumpPyJson} writes it byte for byte (`", "` / `": "` separators, ASCII escapes, float
 * `repr`), {@link parsePyJson} reads it back with the int / float distinction intact.
 */
import { pythonJsonFloat } from '../../python/python-float.ts'

/** A Python JSON value: `bigint` is an int, `number` a float. */
export type PyJson = null | boolean | string | bigint | number | PyJson[] | PyObject

/** A Python dict (insertion-ordered, string keys). */
export type PyObject = Map<string, PyJson>

/**
 * Python's `json.dumps(value)` with its defaults (non-ASCII escaped as `\uXXXX`).
 *
 * @example
 * dumpPyJson(new Map([['a', [1n, 2.0]]])) // '{"a": [1, 2.0]}'
 */
export function dumpPyJson(value: PyJson): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'string':
      return asciiJsonString(value)
    case 'bigint':
      return value.toString()
    case 'number':
      return pythonJsonFloat(value)
  }
  if (Array.isArray(value)) return `[${value.map(dumpPyJson).join(', ')}]`
  const parts: string[] = []
  for (const [key, item] of value) parts.push(`${asciiJsonString(key)}: ${dumpPyJson(item)}`)
  return `{${parts.join(', ')}}`
}

function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * A JSON value as `google.protobuf.Value` holds it: every number is a float (a `bigint`
 * parsed from a long integer too), objects keep their key order.
 *
 * @example
 * fromProtobufValue({ a: [1, 'x'] }) // Map { 'a' => [1, 'x'] } with 1 a float
 */
export function fromProtobufValue(value: unknown): PyJson {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'boolean':
    case 'string':
    case 'number':
      return value
    case 'bigint':
      return Number(value)
    case 'object':
      if (Array.isArray(value)) return value.map(fromProtobufValue)
      return new Map(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          fromProtobufValue(item),
        ]),
      )
    default:
      return null
  }
}

/**
 * A Python JSON value as a plain JSON value for a response (`bigint`s beyond 2^53 stay
 * `bigint`s, which `printJsonBigIntSafe` writes exactly).
 *
 * @example
 * toPlainJson(new Map([['n', 3n]])) // { n: 3 }
 */
export function toPlainJson(value: PyJson): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value
  }
  if (Array.isArray(value)) return value.map(toPlainJson)
  if (value instanceof Map) {
    const result: Record<string, unknown> = {}
    for (const [key, item] of value) {
      if (key === '__proto__') {
        Object.defineProperty(result, key, {
          value: toPlainJson(item),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      } else {
        result[key] = toPlainJson(item)
      }
    }
    return result
  }
  return value
}

/**
 * Parses JSON text as Python's `json.loads` does: integer literals become `bigint`s, numbers
 * with a fraction or exponent floats, `NaN` / `Infinity` / `-Infinity` are accepted, a repeated
 * key keeps its last value.
 *
 * @throws SyntaxError when the text is not JSON.
 * @example
 * parsePyJson('{"a": 1, "b": 1.0}') // Map { 'a' => 1n, 'b' => 1 }
 */
export function parsePyJson(text: string): PyJson {
  const parser = new PyJsonParser(text)
  parser.space()
  const value = parser.value(0)
  parser.space()
  if (parser.position !== text.length) parser.fail('Extra data')
  return value
}

const MAX_DEPTH = 1000
const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y

class PyJsonParser {
  position = 0
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new SyntaxError(`${message} at position ${this.position}`)
  }

  space(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.position)
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return
      this.position++
    }
  }

  value(depth: number): PyJson {
    if (depth > MAX_DEPTH) this.fail('Too deeply nested')
    const char = this.text[this.position]
    if (char === '{') return this.object(depth)
    if (char === '[') return this.array(depth)
    if (char === '"') return this.string()
    for (const [literal, result] of LITERALS) {
      if (this.text.startsWith(literal, this.position)) {
        this.position += literal.length
        return result
      }
    }
    numberPattern.lastIndex = this.position
    const match = numberPattern.exec(this.text)
    if (match === null) return this.fail('Expecting value')
    this.position += match[0].length
    return match[1] === undefined && match[2] === undefined ? BigInt(match[0]) : Number(match[0])
  }

  private object(depth: number): PyObject {
    const result: PyObject = new Map()
    this.position++
    this.space()
    if (this.text[this.position] === '}') {
      this.position++
      return result
    }
    for (;;) {
      this.space()
      if (this.text[this.position] !== '"') this.fail('Expecting property name')
      const key = this.string()
      this.space()
      if (this.text[this.position] !== ':') this.fail("Expecting ':' delimiter")
      this.position++
      this.space()
      result.set(key, this.value(depth + 1))
      this.space()
      const next = this.text[this.position++]
      if (next === '}') return result
      if (next !== ',') this.fail("Expecting ',' delimiter")
    }
  }

  private array(depth: number): PyJson[] {
    const result: PyJson[] = []
    this.position++
    this.space()
    if (this.text[this.position] === ']') {
      this.position++
      return result
    }
    for (;;) {
      this.space()
      result.push(this.value(depth + 1))
      this.space()
      const next = this.text[this.position++]
      if (next === ']') return result
      if (next !== ',') this.fail("Expecting ',' delimiter")
    }
  }

  private string(): string {
    const start = this.position
    this.position++
    for (;;) {
      const char = this.text[this.position]
      if (char === undefined) this.fail('Unterminated string')
      if (char === '\\') this.position += 2
      else if (char === '"') break
      else if (char < ' ') this.fail('Invalid control character')
      else this.position++
    }
    this.position++
    return JSON.parse(this.text.slice(start, this.position)) as string
  }
}

const LITERALS: readonly (readonly [string, PyJson])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
]
