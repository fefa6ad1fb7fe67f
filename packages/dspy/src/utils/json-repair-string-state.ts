/**
 * The progress of one string read by the lenient JSON parser behind `repairJsonLoads`, and the
 * helpers that add text to it while tracking braces and `[...]` character classes.
 * @module
 */
import type { RepairCursor } from './json-repair-cursor.ts'
import { isSpace } from './python-char.ts'

/** The progress of one string. */
export interface StringState {
  missingQuotes: boolean
  doubledQuotes: boolean
  left: string
  right: string
  /** The string so far, one code point per item (cheap to grow and to inspect at the end). */
  chars: string[]
  unmatchedDelimiter: boolean
  noFutureDelimiter: boolean
  pendingInlineContainer: boolean
  inlineContainers: string[]
  openBraces: number
  /** Open `„` quotations: inside one, only `”` or `"` closes it, and the string goes on. */
  lowQuoteSpans: number
  characterClassStart: number | undefined
}

/** A fresh state for a string delimited by `"`. */
export function createStringState(): StringState {
  return {
    missingQuotes: false,
    doubledQuotes: false,
    left: '"',
    right: '"',
    chars: [],
    unmatchedDelimiter: false,
    noFutureDelimiter: false,
    pendingInlineContainer: false,
    inlineContainers: [],
    openBraces: 0,
    lowQuoteSpans: 0,
    characterClassStart: undefined,
  }
}

/** The quote that currently ends the string; none inside a `„` quotation. */
export function activeRight(state: StringState): string | undefined {
  return state.lowQuoteSpans > 0 ? undefined : state.right
}

/** Whether the string so far ends with `char`. */
export function endsWith(state: StringState, char: string): boolean {
  return state.chars[state.chars.length - 1] === char
}

/** Adds text to the string, counting unmatched `{` and remembering where a `[` class starts. */
export function append(state: StringState, content: string): void {
  for (const char of content) {
    state.chars.push(char)
    if (char === '{') state.openBraces += 1
    else if (char === '}' && state.openBraces > 0) state.openBraces -= 1
    else if (char === '[') state.characterClassStart = state.chars.length
    else if (char === ']') state.characterClassStart = undefined
  }
}

/** Replaces the backslash that ends the string so far (an escape being resolved). */
export function replaceTrailingBackslash(state: StringState, content: string): void {
  state.chars.pop()
  append(state, content)
}

/** Adds the character at the cursor and moves on; returns the next character. */
export function appendAndAdvance(
  parser: RepairCursor,
  state: StringState,
  char: string,
): string | undefined {
  append(state, char)
  parser.index += 1
  return parser.charAt()
}

/** Only whitespace between the cursor and `end` (exclusive, relative to the cursor). */
export function onlyWhitespaceUntil(parser: RepairCursor, end: number): boolean {
  for (let offset = 1; offset < end; offset += 1) {
    const char = parser.charAt(offset)
    if (char !== undefined && !isSpace(char)) return false
  }
  return true
}

/** A quote inside a compact `[...]` character class (`"[^"]+"`) does not close the string. */
export function quoteInCharacterClass(parser: RepairCursor, state: StringState): boolean {
  const start = state.characterClassStart
  if (start === undefined || state.chars.slice(start).some(isSpace)) return false
  return parser.charAt(parser.skipToCharacter(']', 1)) === ']'
}
