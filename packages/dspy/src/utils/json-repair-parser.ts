/**
 * The value dispatcher of the lenient JSON parser behind `repairJsonLoads`: what may start a
 * value in each context, numbers, and the two top-level shortcuts of `json_repair` (decoding a
 * valid container found after some prose, and restoring a missing opening brace).
 * @module
 */
import {
  parseArray,
  parseObject,
  parseParenthesized,
  parenthesizedCanStartTopLevelValue,
} from './json-repair-containers.ts'
import { isDelimiter, RepairCursor } from './json-repair-cursor.ts'
import { parseString } from './json-repair-string.ts'
import { isAlpha, isDigit, isSpace } from './python-char.ts'
import { numberFromLiteral, rawDecodePythonJson } from './python-json-decode.ts'

type Attempt = { found: true; value: unknown } | { found: false }
const notFound: Attempt = { found: false }

/** One repair of one text. */
export class RepairParser extends RepairCursor {
  private triedValidSuffix = false

  parseJson(): unknown {
    if (this.deferredContexts.length > 0) {
      const deferred = this.deferredContexts
      this.deferredContexts = []
      this.contexts.push(...deferred)
      try {
        return this.parseJson()
      } finally {
        this.contexts.length -= deferred.length
      }
    }
    let checkInitialQuote = this.index === 0 && this.contextEmpty
    for (;;) {
      const char = this.charAt()
      if (char === undefined) return ''
      if (char === '{' || char === '[') {
        const valid = this.tryValidJsonValue()
        if (valid.found) return valid.value
        this.index += 1
        return char === '{' ? parseObject(this) : parseArray(this, ']')
      }
      if (char === '(' && (!this.contextEmpty || parenthesizedCanStartTopLevelValue(this))) {
        return parseParenthesized(this)
      }
      if (!this.contextEmpty && (isDelimiter(char) || isAlpha(char))) return parseString(this)
      if (!this.contextEmpty && (isDigit(char) || char === '-' || char === '.'))
        return this.parseNumber()
      if (char === '#' || char === '/') return this.parseComment()
      if (isDelimiter(char) && checkInitialQuote) {
        checkInitialQuote = false
        const object = this.tryMissingOpeningObject(char)
        if (object.found) return object.value
      }
      this.index += 1
    }
  }

  /** Once per text, at the top level: a container that is valid JSON is decoded as is. */
  private tryValidJsonValue(): Attempt {
    if (this.triedValidSuffix || !this.contextEmpty || !this.hasNonCommaTrailingContent())
      return notFound
    this.triedValidSuffix = true
    try {
      const { value, end } = rawDecodePythonJson(this.chars, this.index)
      this.index = end
      return { found: true, value }
    } catch {
      return notFound
    }
  }

  /** At the start of the text: whether the first container is followed by more than a comma. */
  private hasNonCommaTrailingContent(): boolean {
    if (this.index !== 0) return true
    const closers: string[] = []
    let inString = false
    let escaped = false
    for (let position = 0; position < this.chars.length; position += 1) {
      const char = this.chars[position]!
      if (inString) {
        if (escaped) escaped = false
        else if (char === '\\') escaped = true
        else if (char === '"') inString = false
      } else if (char === '"') inString = true
      else if (char === '{' || char === '[') closers.push(char === '{' ? '}' : ']')
      else if (char === '}' || char === ']') {
        if (closers.length === 0 || closers.pop() !== char) return false
        if (closers.length === 0) {
          let next = position + 1
          while (isSpace(this.chars[next])) next += 1
          return next < this.chars.length && this.chars[next] !== ','
        }
      }
    }
    return false
  }

  /** `"a": 1}` (the opening brace left out) when inserting `{` makes the whole text valid JSON. */
  private tryMissingOpeningObject(delimiter: string): Attempt {
    if (this.scrollWhitespaces(-this.index) !== 0) return notFound
    let offset = this.skipToCharacter(delimiter, 1)
    if (this.charAt(offset) === undefined) return notFound
    offset = this.scrollWhitespaces(offset + 1)
    if (this.charAt(offset) !== ':') return notFound
    const endOffset = this.scrollWhitespaces(this.chars.length - this.index - 1, true)
    if (this.charAt(endOffset) !== '}') return notFound
    const candidate = ['{', ...this.chars]
    try {
      const { value, end } = rawDecodePythonJson(candidate, 0)
      if (
        candidate
          .slice(end)
          .join('')
          .replace(/^[ \t\r\n]+/, '') !== ''
      )
        return notFound
      this.index = this.chars.length
      return { found: true, value }
    } catch {
      return notFound
    }
  }

  /** A number, or the text it turned out to be (`1,5`, `1/2/2024`), or a string (`1st`). */
  parseNumber(): unknown {
    const start = this.index
    let text = ''
    const inArray = this.current === 'array'
    for (let char = this.charAt(); char !== undefined; char = this.charAt()) {
      const numeric = '0123456789-.eE/,_'.includes(char) || (char === '+' && /[eE]$/.test(text))
      if (!numeric || (inArray && char === ',')) break
      if (char !== '_') text += char
      this.index += 1
    }
    if (isAlpha(this.charAt())) {
      this.index = start
      return parseString(this)
    }
    if (text !== '' && '+-eE/,'.includes(text[text.length - 1]!)) {
      text = text.slice(0, -1)
      this.index -= 1
    }
    if (text.includes(',')) return text
    if (/[.eE]/.test(text)) {
      const valid = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)
      return valid ? numberFromLiteral(text, true) : text
    }
    return /^-?\d+$/.test(text) ? numberFromLiteral(text, false) : text
  }

  /** Whether the next top-level value is separated from the previous one by a comma. */
  nextTopLevelValueIsCommaSeparated(): boolean {
    if (this.charAt(this.scrollWhitespaces()) === ',') return true
    let position = this.index - 1
    while (position >= 0 && isSpace(this.chars[position])) position -= 1
    return position >= 0 && this.chars[position] === ','
  }
}
