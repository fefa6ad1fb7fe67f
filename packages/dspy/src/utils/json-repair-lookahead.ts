/**
 * Look-ahead questions the string parser of `repairJsonLoads` asks inside an object value:
 * does this comma start the next member, does this `}` close the object, does the quote just
 * seen close the string or does a `"key":` follow it.
 * @module
 */
import { isDelimiter, type RepairCursor, stringDelimiters } from './json-repair-cursor.ts'
import { isAlnum, isDigit, isSpace } from './python-char.ts'

/** How a comma inside an unterminated object value is read. */
export type CommaKind = 'container' | 'member' | 'string' | 'string_no_future_delimiter'

function isKeyCharacter(char: string | undefined): boolean {
  return char !== undefined && (isAlnum(char) || char === '_' || char === '-')
}

function matchingDelimiter(delimiter: string): string {
  return delimiter === '“' ? '”' : delimiter
}

/** After a bare `key`, whether a `:` follows (offset relative to the cursor). */
export function bareKeyFollowedByColon(parser: RepairCursor, start: number): boolean {
  const first = parser.charAt(start)
  if (first === undefined || !(isAlnum(first) || first === '_')) return false
  let offset = start
  while (isKeyCharacter(parser.charAt(offset))) offset += 1
  return parser.charAt(parser.scrollWhitespaces(offset)) === ':'
}

/** Skips whitespace and `#`, `//`, `/* *\/` comments from `start` (relative to the cursor). */
export function skipCommentsFrom(parser: RepairCursor, start: number): number {
  let offset = parser.scrollWhitespaces(start)
  for (;;) {
    const char = parser.charAt(offset)
    const next = parser.charAt(offset + 1)
    if (char === '#' || (char === '/' && next === '/')) {
      while (parser.charAt(offset) !== undefined && !['\n', '\r'].includes(parser.charAt(offset)!))
        offset += 1
    } else if (char === '/' && next === '*') {
      offset += 2
      while (!(parser.charAt(offset) === '*' && parser.charAt(offset + 1) === '/')) {
        if (parser.charAt(offset) === undefined) return offset
        offset += 1
      }
      offset += 2
    } else return offset
    offset = parser.scrollWhitespaces(offset)
  }
}

/** Whether `"key":` or `key:` starts at `start` (relative to the cursor). */
export function objectMemberStartsAt(parser: RepairCursor, start: number): boolean {
  const char = parser.charAt(start)
  if (char === undefined || char === '}') return false
  if (isDelimiter(char)) {
    const closing = matchingDelimiter(char)
    const keyEnd = parser.skipToCharacter(closing, start + 1)
    if (parser.charAt(keyEnd) !== closing) return false
    return parser.charAt(parser.scrollWhitespaces(keyEnd + 1)) === ':'
  }
  return (isAlnum(char) || char === '_') && bareKeyFollowedByColon(parser, start)
}

/** Whether `, "key":` follows the quote at `quoteOffset`. */
export function quotedObjectMemberFollows(parser: RepairCursor, quoteOffset: number): boolean {
  const comma = parser.scrollWhitespaces(quoteOffset + 1)
  if (parser.charAt(comma) !== ',') return false
  return objectMemberStartsAt(parser, skipCommentsFrom(parser, comma + 1))
}

function bareMemberHasRecoverableValue(parser: RepairCursor, valueOffset: number): boolean {
  const start = parser.scrollWhitespaces(valueOffset)
  const first = parser.charAt(start)
  if (
    first !== undefined &&
    (isDelimiter(first) || ['{', '[', '-'].includes(first) || isDigit(first))
  )
    return true
  for (const word of ['true', 'false', 'null']) {
    if ([...word].every((char, position) => parser.charAt(start + position) === char)) {
      const end = parser.charAt(start + word.length)
      if (end === undefined || isSpace(end) || [',', '}', ']'].includes(end)) return true
    }
  }
  return parser.charAt(parser.skipToCharacter([...stringDelimiters, '}'], start)) === '}'
}

/** Reads the comma at the cursor inside an object value whose string has no closing quote yet. */
export function classifyObjectValueComma(parser: RepairCursor): CommaKind {
  const nextOffset = parser.scrollWhitespaces(1)
  const next = parser.charAt(nextOffset)
  if (next === undefined || next === '}') return 'member'
  const colonAfter = (offset: number): CommaKind =>
    parser.charAt(parser.scrollWhitespaces(offset)) === ':' ? 'member' : 'string'
  if (isDelimiter(next)) {
    const keyEnd = parser.skipToCharacter(next, nextOffset + 1)
    return parser.charAt(keyEnd) === undefined ? 'string' : colonAfter(keyEnd + 1)
  }
  if (next === '`') {
    let offset = nextOffset + 1
    while (isKeyCharacter(parser.charAt(offset))) offset += 1
    return colonAfter(offset)
  }
  if (isAlnum(next) || next === '_') {
    let offset = nextOffset
    while (isKeyCharacter(parser.charAt(offset))) offset += 1
    offset = parser.scrollWhitespaces(offset)
    if (parser.charAt(offset) === ':' && bareMemberHasRecoverableValue(parser, offset + 1))
      return 'member'
  }
  if (next === '{' || next === '[') return 'container'
  const specialOffset = parser.skipToCharacter([...stringDelimiters, '{', '['], nextOffset)
  const special = parser.charAt(specialOffset)
  if (special === undefined) return 'string_no_future_delimiter'
  if (special === '{' || special === '[') return 'string'
  const keyEnd = parser.skipToCharacter(special, specialOffset + 1)
  return parser.charAt(keyEnd) === undefined ? 'string' : colonAfter(keyEnd + 1)
}

/** Inside an object value, whether the `}` at the cursor ends the string (no closing quote). */
export function closingBraceEndsMissingQuoteValue(
  parser: RepairCursor,
  left: string,
  right: string,
): boolean {
  let missing = parser.charAt(1) !== '\\'
  let offset = parser.skipToCharacter(right, 1)
  if (parser.charAt(offset) !== undefined) {
    offset = parser.scrollWhitespaces(offset + 1)
    const after = parser.charAt(offset)
    if (after === undefined || after === ',' || after === '}') return false
    offset = parser.skipToCharacter(left, offset)
    if (parser.charAt(offset) === undefined) return false
    const afterKey = parser.charAt(parser.scrollWhitespaces(offset + 1))
    if (afterKey !== undefined && afterKey !== ':') missing = false
    return missing
  }
  if (parser.charAt(parser.skipToCharacter(':', 1)) !== undefined) return true
  const start = parser.scrollWhitespaces(1)
  if (parser.skipToCharacter('}', start) - start > 1) missing = false
  return missing
}
