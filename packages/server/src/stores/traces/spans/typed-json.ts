/**
 * @module typed-json
 * A JSON parser that keeps what `JSON.parse` loses and OpenTelemetry's `AnyValue` needs: whether
 * a number was written as an integer (`1`) or a float (`1.0`), integers beyond 2^53 exactly,
 * and Python's `NaN` / `Infinity` / `-Infinity` tokens (which `json.dumps` writes).
 */

/** A parsed JSON value with its number kinds. */
export type TypedJson =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number | bigint }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: TypedJson[] }
  | { kind: 'object'; entries: Map<string, TypedJson> }

const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const specials: [string, number][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
]

/**
 * Parses JSON text, or returns `undefined` when it is not JSON.
 *
 * @example
 * parseTypedJson('[1, 1.0, 9007199254740993]')
 * // { kind: 'array', items: [{ kind: 'int', value: 1 }, { kind: 'float', value: 1 },
 * //   { kind: 'int', value: 9007199254740993n }] }
 */
export function parseTypedJson(text: string): TypedJson | undefined {
  const parser = new TypedParser(text)
  try {
    parser.skipWhitespace()
    const value = parser.value()
    parser.skipWhitespace()
    return parser.position === text.length ? value : undefined
  } catch {
    return undefined
  }
}

class TypedParser {
  position = 0
  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    while (/[ \t\n\r]/.test(this.text[this.position] ?? '')) this.position++
  }

  value(): TypedJson {
    const char = this.text[this.position]
    if (char === '{') return this.object()
    if (char === '[') return this.array()
    if (char === '"') return { kind: 'string', value: this.string() }
    for (const [word, number] of specials) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length
        return { kind: 'float', value: number }
      }
    }
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number()
    for (const [word, value] of [
      ['true', { kind: 'bool', value: true }],
      ['false', { kind: 'bool', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length
        return value
      }
    }
    throw new SyntaxError(`Unexpected token at ${this.position}`)
  }

  private object(): TypedJson {
    const entries = new Map<string, TypedJson>()
    this.position++
    this.skipWhitespace()
    if (this.text[this.position] === '}') {
      this.position++
      return { kind: 'object', entries }
    }
    for (;;) {
      this.skipWhitespace()
      if (this.text[this.position] !== '"') throw new SyntaxError('Expected a key')
      const key = this.string()
      this.skipWhitespace()
      this.expect(':')
      this.skipWhitespace()
      entries.set(key, this.value())
      this.skipWhitespace()
      if (this.text[this.position] === '}') {
        this.position++
        return { kind: 'object', entries }
      }
      this.expect(',')
    }
  }

  private array(): TypedJson {
    const items: TypedJson[] = []
    this.position++
    this.skipWhitespace()
    if (this.text[this.position] === ']') {
      this.position++
      return { kind: 'array', items }
    }
    for (;;) {
      this.skipWhitespace()
      items.push(this.value())
      this.skipWhitespace()
      if (this.text[this.position] === ']') {
        this.position++
        return { kind: 'array', items }
      }
      this.expect(',')
    }
  }

  private string(): string {
    const start = this.position
    let index = start + 1
    for (;;) {
      const char = this.text[index]
      if (char === undefined) throw new SyntaxError('Unterminated string')
      if (char === '\\') index += 2
      else if (char === '"') break
      else index++
    }
    this.position = index + 1
    return JSON.parse(this.text.slice(start, index + 1)) as string
  }

  private number(): TypedJson {
    numberPattern.lastIndex = this.position
    const match = numberPattern.exec(this.text)
    if (match === null) throw new SyntaxError('Invalid number')
    this.position += match[0].length
    if (match[1] !== undefined || match[2] !== undefined) {
      return { kind: 'float', value: Number(match[0]) }
    }
    const number = Number(match[0])
    return { kind: 'int', value: Number.isSafeInteger(number) ? number : BigInt(match[0]) }
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) throw new SyntaxError(`Expected '${char}'`)
    this.position++
  }
}
