/**
 * A strict JSON decoder with the semantics of Python's `json` module: `NaN`, `Infinity` and
 * `-Infinity` are accepted, control characters inside strings are not, the last of duplicate
 * keys wins, and numbers written with a fraction or an exponent stay floats (integral ones are
 * returned as {@link PyFloat}, so `2.0` is not confused with `2`).
 * @module
 */
import { PyFloat } from '../python/py-float.ts'

const jsonSpace = new Set([' ', '\t', '\n', '\r'])
const simpleEscapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/** Stores `value` under `key` even when the key is `__proto__`. */
export function setOwnKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else target[key] = value
}

/** The number Python's `int(text)` / `float(text)` gives for a numeric literal already checked. */
export function numberFromLiteral(text: string, isFloat: boolean): number | PyFloat {
  const value = Number(text)
  if (!isFloat) return value === 0 ? 0 : value
  return Number.isInteger(value) ? new PyFloat(value) : value
}

class JsonDecodeError extends Error {}

class StrictDecoder {
  constructor(readonly chars: readonly string[]) {}

  skipSpace(index: number): number {
    let position = index
    while (jsonSpace.has(this.chars[position] ?? '')) position += 1
    return position
  }

  fail(): never {
    throw new JsonDecodeError('Invalid JSON')
  }

  startsWith(word: string, index: number): boolean {
    return this.chars.slice(index, index + word.length).join('') === word
  }

  value(index: number): [unknown, number] {
    const char = this.chars[index]
    if (char === '"') return this.string(index + 1)
    if (char === '{') return this.object(index + 1)
    if (char === '[') return this.array(index + 1)
    for (const [word, value] of literalWords) {
      if (char === word[0] && this.startsWith(word, index)) return [value, index + word.length]
    }
    return this.number(index)
  }

  number(index: number): [unknown, number] {
    let end = index
    while (end < this.chars.length && '+-.0123456789eE'.includes(this.chars[end]!)) end += 1
    const text = this.chars.slice(index, end).join('')
    const match = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text)
    if (!match) this.fail()
    const isFloat = match[1] !== undefined || match[2] !== undefined
    return [numberFromLiteral(match[0], isFloat), index + match[0].length]
  }

  string(start: number): [string, number] {
    let index = start
    let result = ''
    for (;;) {
      const char = this.chars[index]
      if (char === undefined) this.fail()
      if (char === '"') return [result, index + 1]
      if (char === '\\') {
        const escaped = this.chars[index + 1]
        if (escaped === 'u') {
          const hex = this.chars.slice(index + 2, index + 6).join('')
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail()
          result += String.fromCharCode(Number.parseInt(hex, 16))
          index += 6
          continue
        }
        const replacement = escaped === undefined ? undefined : simpleEscapes[escaped]
        if (replacement === undefined) this.fail()
        result += replacement
        index += 2
        continue
      }
      if (char.codePointAt(0)! < 0x20) this.fail()
      result += char
      index += 1
    }
  }

  object(start: number): [Record<string, unknown>, number] {
    const result: Record<string, unknown> = {}
    let index = this.skipSpace(start)
    if (this.chars[index] === '}') return [result, index + 1]
    for (;;) {
      if (this.chars[index] !== '"') this.fail()
      const [key, afterKey] = this.string(index + 1)
      index = this.skipSpace(afterKey)
      if (this.chars[index] !== ':') this.fail()
      const [value, afterValue] = this.value(this.skipSpace(index + 1))
      setOwnKey(result, key, value)
      index = this.skipSpace(afterValue)
      if (this.chars[index] === '}') return [result, index + 1]
      if (this.chars[index] !== ',') this.fail()
      index = this.skipSpace(index + 1)
    }
  }

  array(start: number): [unknown[], number] {
    const result: unknown[] = []
    let index = this.skipSpace(start)
    if (this.chars[index] === ']') return [result, index + 1]
    for (;;) {
      const [value, afterValue] = this.value(index)
      result.push(value)
      index = this.skipSpace(afterValue)
      if (this.chars[index] === ']') return [result, index + 1]
      if (this.chars[index] !== ',') this.fail()
      index = this.skipSpace(index + 1)
    }
  }
}

const literalWords: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
]

/**
 * Python's `json.JSONDecoder().raw_decode(text[start:])` on a text split into code points:
 * decodes one value starting exactly at `start` and returns it with the index just past it.
 * Throws when no valid JSON value starts there.
 */
export function rawDecodePythonJson(
  chars: readonly string[],
  start: number,
): { value: unknown; end: number } {
  const [value, end] = new StrictDecoder(chars).value(start)
  return { value, end }
}

/** Python's `json.loads(text)`: one JSON value with optional whitespace around; throws otherwise. */
export function loadsPythonJson(chars: readonly string[]): unknown {
  const decoder = new StrictDecoder(chars)
  const [value, end] = decoder.value(decoder.skipSpace(0))
  if (decoder.skipSpace(end) !== chars.length) decoder.fail()
  return value
}
