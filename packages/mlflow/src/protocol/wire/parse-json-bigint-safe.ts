/**
 * @module parse-json-bigint-safe
 * A JSON parser that keeps integers beyond ±2^53 exact (as bigints): `JSON.parse` whenever the
 * text cannot hold one, a small hand-written parser otherwise.
 */
import type { WireValue } from './wire-value.ts'

const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y

/**
 * Parses JSON like `JSON.parse`, except that integers outside the safe range (beyond ±2^53,
 * such as nanosecond span times `1718460461282123456`) become `bigint` instead of losing
 * precision. Other numbers stay numbers. Text without an integer of 16 or more digits cannot
 * hold such an integer and goes straight to `JSON.parse`.
 *
 * @example
 * parseJsonBigIntSafe('{"start_time_unix_nano": 1718460461282123456, "n": 1}')
 * // { start_time_unix_nano: 1718460461282123456n, n: 1 }
 */
export function parseJsonBigIntSafe(text: string): WireValue {
  if (!mayHoldUnsafeInteger(text)) return JSON.parse(text) as WireValue
  const parser = new Parser(text)
  parser.skipWhitespace()
  const value = parser.value()
  parser.skipWhitespace()
  if (parser.position < text.length) parser.fail('Unexpected non-whitespace character')
  return value
}

/**
 * Whether JSON text may hold an integer beyond ±2^53, i.e. has a run of 16 or more digits that
 * starts a JSON integer: not the digits of a fraction (after `.`) or of an exponent (after `e`,
 * `E`, `e+`, `e-`), which never need a bigint. 9007199254740991 has 16 digits, so shorter
 * integers are always safe; ordinary doubles with 16 or 17 significant digits, like
 * `0.1234567890123456`, do not count. Digit runs inside strings may count: they only cost the
 * slower, equally correct parse. `parseJsonBigIntSafe` hands all other text to `JSON.parse`.
 *
 * Every run of 16 digits covers one position `p` with `p % 16 === 15`, so only those positions
 * are probed; a probe that lands on a digit measures its run.
 *
 * @example
 * mayHoldUnsafeInteger('{"value":0.1234567890123456}') // false
 * mayHoldUnsafeInteger('{"t":1718460461282123456}') // true
 */
export function mayHoldUnsafeInteger(text: string): boolean {
  const length = text.length
  for (let probe = 15; probe < length; probe += 16) {
    if (!isDigit(text.charCodeAt(probe))) continue
    let start = probe
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--
    let end = probe + 1
    while (end < length && isDigit(text.charCodeAt(end))) end++
    if (end - start >= 16 && startsInteger(text, start)) return true
    while (probe + 16 < end) probe += 16
  }
  return false
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/**
 * Whether the digit run at `start` is an integer's: not after `.`, `e`, `E`, `e+` or `e-` (nor
 * after a minus that itself follows a digit or one of those).
 */
function startsInteger(text: string, start: number): boolean {
  let before = start - 1
  if (before >= 0 && text.charCodeAt(before) === 45) before-- // a minus sign
  if (before < 0) return true
  const code = text.charCodeAt(before)
  // a digit, . e E + -
  return !isDigit(code) && code !== 46 && code !== 101 && code !== 69 && code !== 43 && code !== 45
}

class Parser {
  position = 0
  constructor(private readonly text: string) {}

  value(): WireValue {
    const char = this.text[this.position]
    if (char === '{') return this.object()
    if (char === '[') return this.array()
    if (char === '"') return this.string()
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number()
    if (this.text.startsWith('true', this.position)) return this.literal('true', true)
    if (this.text.startsWith('false', this.position)) return this.literal('false', false)
    if (this.text.startsWith('null', this.position)) return this.literal('null', null)
    return this.fail(char === undefined ? 'Unexpected end of JSON input' : 'Unexpected token')
  }

  skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.position)
      // space, tab, line feed, carriage return
      if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return
      this.position++
    }
  }

  fail(message: string): never {
    throw new SyntaxError(`${message} in JSON at position ${this.position}`)
  }

  private object(): WireValue {
    const result: Record<string, WireValue> = {}
    this.position++
    this.skipWhitespace()
    if (this.text[this.position] === '}') {
      this.position++
      return result
    }
    for (;;) {
      this.skipWhitespace()
      if (this.text[this.position] !== '"') this.fail('Expected property name')
      const key = this.string()
      this.skipWhitespace()
      this.expect(':')
      this.skipWhitespace()
      const item = this.value()
      if (key === '__proto__') {
        Object.defineProperty(result, key, { value: item, enumerable: true, writable: true })
      } else {
        result[key] = item
      }
      this.skipWhitespace()
      if (this.text[this.position] === '}') {
        this.position++
        return result
      }
      this.expect(',')
    }
  }

  private array(): WireValue {
    const result: WireValue[] = []
    this.position++
    this.skipWhitespace()
    if (this.text[this.position] === ']') {
      this.position++
      return result
    }
    for (;;) {
      this.skipWhitespace()
      result.push(this.value())
      this.skipWhitespace()
      if (this.text[this.position] === ']') {
        this.position++
        return result
      }
      this.expect(',')
    }
  }

  private string(): string {
    const start = this.position
    let index = start + 1
    let plain = true
    for (;;) {
      const code = this.text.charCodeAt(index)
      if (Number.isNaN(code)) this.fail('Unterminated string')
      if (code === 92) {
        // backslash: an escape, decoded by JSON.parse below
        plain = false
        index += 2
      } else if (code === 34) break
      else {
        // a raw control character is invalid: JSON.parse below reports it
        if (code < 32) plain = false
        index++
      }
    }
    this.position = index + 1
    if (plain) return this.text.slice(start + 1, index)
    return JSON.parse(this.text.slice(start, index + 1)) as string
  }

  private number(): number | bigint {
    numberPattern.lastIndex = this.position
    const match = numberPattern.exec(this.text)
    if (match === null) return this.fail('Invalid number')
    this.position += match[0].length
    const number = Number(match[0])
    const isInteger = match[1] === undefined && match[2] === undefined
    return isInteger && !Number.isSafeInteger(number) ? BigInt(match[0]) : number
  }

  private literal<T>(word: string, value: T): T {
    this.position += word.length
    return value
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) this.fail(`Expected '${char}'`)
    this.position++
  }
}
