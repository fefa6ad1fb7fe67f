import type { WireValue } from './wire-value.ts'

const longDigitRun = /\d{16}/
const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const whitespace = new Set([' ', '\t', '\n', '\r'])

/**
 * Parses JSON like `JSON.parse`, except that integers outside the safe range (beyond ±2^53,
 * such as nanosecond span times `1718460461282123456`) become `bigint` instead of losing
 * precision. Other numbers stay numbers. Text without a run of 16 digits cannot hold such an
 * integer and goes straight to `JSON.parse`.
 *
 * @example
 * parseJsonBigIntSafe('{"start_time_unix_nano": 1718460461282123456, "n": 1}')
 * // { start_time_unix_nano: 1718460461282123456n, n: 1 }
 */
export function parseJsonBigIntSafe(text: string): WireValue {
  if (!longDigitRun.test(text)) return JSON.parse(text) as WireValue
  const parser = new Parser(text)
  parser.skipWhitespace()
  const value = parser.value()
  parser.skipWhitespace()
  if (parser.position < text.length) parser.fail('Unexpected non-whitespace character')
  return value
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
    while (whitespace.has(this.text[this.position] as string)) this.position++
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
    for (;;) {
      const char = this.text[index]
      if (char === undefined) this.fail('Unterminated string')
      if (char === '\\') index += 2
      else if (char === '"') break
      else index++
    }
    this.position = index + 1
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
