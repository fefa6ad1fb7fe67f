/**
 * Balanced containers inside an unquoted object value (`{"note": see [a, b], "n": 1}`) for the
 * lenient JSON parser behind `repairJsonLoads`: they belong to the string, commas included.
 * @module
 */
import { isDelimiter, type RepairCursor } from './json-repair-cursor.ts'
import {
  bareKeyFollowedByColon,
  objectMemberStartsAt,
  skipCommentsFrom,
} from './json-repair-lookahead.ts'
import type { StringState } from './json-repair-string-state.ts'
import { isDigit, isSpace } from './python-char.ts'

const closers: Record<string, string> = { '[': ']', '{': '}', '(': ')' }

/** True for `[`, `{` and `(`. */
export function isInlineOpener(char: string | undefined): boolean {
  return char !== undefined && Object.hasOwn(closers, char)
}

function startsNestedContainer(parser: RepairCursor, offset: number): boolean {
  const opening = parser.charAt(offset)
  for (let previousOffset = offset - 1; previousOffset >= 0; previousOffset -= 1) {
    const previous = parser.charAt(previousOffset)
    if (previous === undefined) return true
    if (isSpace(previous)) continue
    if (isInlineOpener(previous)) return true
    if (previous !== ',' && previous !== ':') return false
    const nextOffset = parser.scrollWhitespaces(offset + 1)
    const next = parser.charAt(nextOffset)
    if (opening === '[' || opening === '(') {
      return (
        (next !== undefined && [']', ')', '-', 't', 'f', 'n'].includes(next)) ||
        isDelimiter(next) ||
        isInlineOpener(next) ||
        isDigit(next)
      )
    }
    if (opening !== '{') return false
    if (next === '}' || isDelimiter(next)) return true
    return previous === ':' && bareKeyFollowedByColon(parser, nextOffset)
  }
  return true
}

/** The offset just past the balanced container opening at `offset`, if it closes. */
export function skipInlineContainer(parser: RepairCursor, offset: number): number | undefined {
  const opening = parser.charAt(offset)
  if (opening === undefined || !isInlineOpener(opening)) return offset
  const expected = [closers[opening]!]
  for (let position = offset + 1; ; position += 1) {
    const char = parser.charAt(position)
    if (char === undefined) return undefined
    if (isDelimiter(char)) {
      const closing = char === '“' ? '”' : char
      position = parser.skipToCharacter(closing, position + 1)
      if (parser.charAt(position) !== closing) return undefined
    } else if (isInlineOpener(char) && startsNestedContainer(parser, position)) {
      expected.push(closers[char]!)
    } else if (char === expected[expected.length - 1]) {
      expected.pop()
      if (expected.length === 0) return position + 1
    }
  }
}

/** Tracks containers opened inside the string; true when `char` closes one of them. */
export function trackInlineContainer(state: StringState, char: string): boolean {
  if (char === '{' || char === '[') {
    if (state.pendingInlineContainer) {
      state.inlineContainers.push(char)
      state.pendingInlineContainer = false
      return false
    }
    if (state.inlineContainers.length > 0) state.inlineContainers.push(char)
  }
  const top = state.inlineContainers[state.inlineContainers.length - 1]
  if ((char === '}' && top === '{') || (char === ']' && top === '[')) {
    state.inlineContainers.pop()
    return true
  }
  return false
}

function containerStartsNextMember(parser: RepairCursor, end: number): boolean {
  const afterOffset = parser.scrollWhitespaces(end)
  const after = parser.charAt(afterOffset)
  if (after === undefined || after === '}') return true
  if (after !== ',') return false
  const member = skipCommentsFrom(parser, afterOffset + 1)
  const next = parser.charAt(member)
  return next === undefined || next === '}' || objectMemberStartsAt(parser, member)
}

/** A `}` followed by a code fence: whether the fence is part of the string (it closes later). */
export function fenceAfterBraceBelongsToString(
  parser: RepairCursor,
  state: StringState,
  fenceOffset: number,
): boolean {
  let searchFrom = fenceOffset + 3
  const contentOffset = skipCommentsFrom(parser, searchFrom)
  let keepContainer = false
  if (isInlineOpener(parser.charAt(contentOffset))) {
    const end = skipInlineContainer(parser, contentOffset)
    if (end !== undefined) {
      if (containerStartsNextMember(parser, end)) return false
      keepContainer = true
      searchFrom = end
    }
  }
  let quote = parser.skipToCharacter(state.right, searchFrom)
  while (parser.charAt(quote) === state.right) {
    const after = parser.charAt(parser.scrollWhitespaces(quote + 1))
    if (after === undefined || [',', '}', ']'].includes(after)) {
      if (keepContainer) state.pendingInlineContainer = true
      return true
    }
    quote = parser.skipToCharacter(state.right, quote + 1)
  }
  return false
}
