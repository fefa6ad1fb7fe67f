/**
 * Escapes and closing quotes inside a string read by the lenient JSON parser behind
 * `repairJsonLoads`: which escapes are resolved, and whether a quote really ends the string or
 * belongs to it (`'It's'`, `"a "quoted" word"`).
 * @module
 */
import { isDelimiter, type RepairCursor } from './json-repair-cursor.ts'
import { quotedObjectMemberFollows } from './json-repair-lookahead.ts'
import {
  activeRight,
  appendAndAdvance,
  endsWith,
  onlyWhitespaceUntil,
  replaceTrailingBackslash,
  type StringState,
} from './json-repair-string-state.ts'
import { isAlpha } from './python-char.ts'

/** Whether the character was consumed, and the character now at the cursor. */
export type Step = { handled: boolean; char: string | undefined }

/** Resolves the escape after a backslash that ends the string so far. */
export function normalizeEscape(parser: RepairCursor, state: StringState, char: string): Step {
  const right = activeRight(state)
  if (state.lowQuoteSpans > 0 && char === '"') {
    replaceTrailingBackslash(state, char)
    state.lowQuoteSpans -= 1
    parser.index += 1
    return { handled: true, char: parser.charAt() }
  }
  if (char === '\\') {
    let runEnd = parser.index + 1
    while (parser.chars[runEnd] === '\\') runEnd += 1
    const runLength = runEnd - (parser.index - 1)
    const next = parser.charAt(runEnd - parser.index)
    const afterQuote = parser.charAt(parser.scrollWhitespaces(runEnd - parser.index + 1))
    if (
      runLength % 2 === 0 &&
      (next !== right || [',', ':', '}', ']', undefined].includes(afterQuote))
    ) {
      replaceTrailingBackslash(state, '\\'.repeat(runLength / 2))
      parser.index = runEnd
      return { handled: true, char: parser.charAt() }
    }
  }
  const simple: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b' }
  if (char === right || char === '\\' || Object.hasOwn(simple, char)) {
    replaceTrailingBackslash(state, simple[char] ?? char)
    parser.index += 1
    let next = parser.charAt()
    while (next !== undefined && endsWith(state, '\\') && (next === right || next === '\\')) {
      replaceTrailingBackslash(state, next)
      parser.index += 1
      next = parser.charAt()
    }
    return { handled: true, char: next }
  }
  if (char === 'u' || char === 'x') {
    const length = char === 'u' ? 4 : 2
    const hex = parser.chars.slice(parser.index + 1, parser.index + 1 + length).join('')
    if (new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) {
      replaceTrailingBackslash(state, String.fromCharCode(Number.parseInt(hex, 16)))
      parser.index += 1 + length
      return { handled: true, char: parser.charAt() }
    }
  } else if (char === '„' || (isDelimiter(char) && char !== right)) {
    replaceTrailingBackslash(state, char)
    parser.index += 1
    return { handled: true, char: parser.charAt() }
  }
  return { handled: false, char }
}

/** A quote that would close the string: decides whether it really does. */
export function closingQuoteCandidate(
  parser: RepairCursor,
  state: StringState,
  char: string,
): Step & { stop: boolean } {
  const keep = (): Step & { stop: boolean } => ({
    handled: true,
    char: appendAndAdvance(parser, state, char),
    stop: false,
  })
  const close = { handled: false, char, stop: false }
  if (state.doubledQuotes && parser.charAt(1) === state.right) {
    parser.index += 1
    return { handled: true, char, stop: false }
  }
  const context = parser.current
  if (state.missingQuotes && context === 'value') {
    let offset = 1
    let next = parser.charAt(offset)
    while (next !== undefined && next !== state.right && next !== state.left)
      next = parser.charAt(++offset)
    if (next !== undefined && parser.charAt(parser.scrollWhitespaces(offset + 1)) === ':') {
      parser.index -= 1
      return { handled: false, char: parser.charAt(), stop: true }
    }
    return close
  }
  if (state.unmatchedDelimiter) {
    state.unmatchedDelimiter = false
    return keep()
  }
  let offset = 1
  let next = parser.charAt(offset)
  let checkComma = true
  while (next !== undefined && next !== state.right && next !== state.left) {
    if (checkComma && isAlpha(next)) checkComma = false
    if (
      (parser.inContext('key') && (next === ':' || next === '}')) ||
      (parser.inContext('value') && next === '}') ||
      (parser.inContext('array') && (next === ']' || next === ',')) ||
      (checkComma && context === 'value' && next === ',')
    ) {
      break
    }
    next = parser.charAt(++offset)
  }
  if (next === ',' && context === 'value') {
    offset = parser.skipToCharacter(state.right, offset + 1)
    const after = parser.charAt(parser.scrollWhitespaces(offset + 1))
    return after === '}' || after === ',' ? keep() : close
  }
  if (next !== state.right || parser.charAt(offset - 1) === '\\') return close
  if (
    onlyWhitespaceUntil(parser, offset) &&
    !(context === 'value' && quotedObjectMemberFollows(parser, offset))
  ) {
    return { handled: false, char, stop: true }
  }
  if (context === 'value') {
    if (quotedObjectMemberFollows(parser, offset)) return keep()
    offset = parser.skipToCharacter(state.right, offset + 1) + 1
    next = parser.charAt(offset)
    while (next !== undefined && next !== ':') {
      if (
        [',', ']', '}'].includes(next) ||
        (next === state.right && parser.charAt(offset - 1) !== '\\')
      )
        break
      next = parser.charAt(++offset)
    }
    if (next === ':') return close
    state.unmatchedDelimiter = !state.unmatchedDelimiter
    return keep()
  }
  if (context === 'array') {
    let even = true
    while (next === state.right) {
      offset = parser.skipToCharacter([state.right, ']'], offset + 1)
      next = parser.charAt(offset)
      if (next !== state.right) {
        even = false
        break
      }
      offset = parser.skipToCharacter([state.right, ']'], offset + 1)
      next = parser.charAt(offset)
    }
    if (!even) return { handled: false, char, stop: true }
    state.unmatchedDelimiter = !state.unmatchedDelimiter
    return keep()
  }
  if (context === 'key') return keep()
  return close
}
