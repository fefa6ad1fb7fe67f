/**
 * The cursor of the lenient JSON parser behind `repairJsonLoads`: the text as code points, the
 * position, the stack of contexts (object key, object value, array item) and the small scanning
 * helpers every part of the parser shares, with Python's indexing rules.
 * @module
 */
import { isSpace } from './python-char.ts'

/** Where the parser is: reading an object key, an object value, or an array item. */
export type RepairContext = 'key' | 'value' | 'array'

/** The characters that may open a string. */
export const stringDelimiters = ['"', "'", '“', '”']

/** True for the characters that may open a string. */
export function isDelimiter(char: string | undefined): boolean {
  return char !== undefined && stringDelimiters.includes(char)
}

/** Python's `isinstance(value, dict)` for parsed values. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  )
}

/** The shared state of one repair; subclasses supply {@link RepairCursor.parseJson}. */
export abstract class RepairCursor {
  chars: string[]
  index = 0
  contexts: RepairContext[] = []
  deferredContexts: RepairContext[] = []

  constructor(chars: string[]) {
    this.chars = chars
  }

  /** Parses the next value, skipping whatever cannot start one. */
  abstract parseJson(): unknown

  get current(): RepairContext | undefined {
    return this.contexts[this.contexts.length - 1]
  }

  get contextEmpty(): boolean {
    return this.contexts.length === 0
  }

  inContext(context: RepairContext): boolean {
    return this.contexts.includes(context)
  }

  withContext<T>(context: RepairContext, body: () => T): T {
    this.contexts.push(context)
    try {
      return body()
    } finally {
      this.contexts.pop()
    }
  }

  /** The code point `offset` away from the cursor (negative positions wrap, as in Python). */
  charAt(offset = 0): string | undefined {
    const position = this.index + offset
    return position < 0 ? this.chars[position + this.chars.length] : this.chars[position]
  }

  skipWhitespace(): void {
    while (isSpace(this.chars[this.index])) this.index += 1
  }

  skipWhitespaceAndComments(): void {
    for (;;) {
      this.skipWhitespace()
      const char = this.charAt()
      const next = this.charAt(1)
      if (char !== '#' && !(char === '/' && (next === '/' || next === '*'))) return
      this.skipComment()
    }
  }

  /** The offset of the first non-whitespace character from `offset` on (or backwards). */
  scrollWhitespaces(offset = 0, backwards = false): number {
    let position = offset
    for (;;) {
      const char = this.charAt(position)
      if (char === undefined || this.index + position < 0 || !isSpace(char)) return position
      position += backwards ? -1 : 1
    }
  }

  /** The offset of the next unescaped target character, or of the end of the text. */
  skipToCharacter(targets: string | string[], offset = 0): number {
    const wanted = typeof targets === 'string' ? [targets] : targets
    let backslashes = 0
    for (let position = this.index + offset; position < this.chars.length; position += 1) {
      const char = this.chars[position]!
      if (char === '\\') {
        backslashes += 1
        continue
      }
      if (wanted.includes(char) && backslashes % 2 === 0) return position - this.index
      backslashes = 0
    }
    return this.chars.length - this.index
  }

  /** Skips comments; at the top level, goes on to parse the value that follows them. */
  parseComment(): unknown {
    for (;;) {
      this.skipComment()
      if (!this.contextEmpty) return ''
      this.skipWhitespace()
      const char = this.charAt()
      if (char !== '#' && char !== '/') return this.parseJson()
    }
  }

  /** Consumes one `#`, `//` or `/* *\/` comment (or a lone slash). */
  skipComment(): void {
    const char = this.charAt()
    if (char === '#' || (char === '/' && this.charAt(1) === '/')) {
      const terminators = ['\n', '\r']
      if (char === '#') {
        if (this.inContext('array')) terminators.push(']')
        if (this.inContext('value')) terminators.push('}')
        if (this.inContext('key')) terminators.push(':')
      }
      for (
        let next = this.charAt();
        next !== undefined && !terminators.includes(next);
        next = this.charAt()
      ) {
        this.index += 1
      }
    } else if (char === '/' && this.charAt(1) === '*') {
      let comment = '/*'
      this.index += 2
      for (let next = this.charAt(); next !== undefined; next = this.charAt()) {
        comment += next
        this.index += 1
        if (comment.endsWith('*/')) break
      }
    } else if (char === '/') {
      this.index += 1
    }
  }
}
