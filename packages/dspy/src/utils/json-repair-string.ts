/**
 * Strings for the lenient JSON parser behind `repairJsonLoads`: quoted with `"`, `'` or curly
 * quotes, or not quoted at all, with missing or misplaced closing quotes, stray escapes, the
 * bare literals `true`/`false`/`null`/`None`, and ```` ```json ```` fences inside a value.
 * @module
 */
import { isDelimiter, type RepairCursor } from './json-repair-cursor.ts'
import {
  fenceAfterBraceBelongsToString,
  isInlineOpener,
  skipInlineContainer,
  trackInlineContainer,
} from './json-repair-inline.ts'
import {
  bareKeyFollowedByColon,
  classifyObjectValueComma,
  closingBraceEndsMissingQuoteValue,
} from './json-repair-lookahead.ts'
import { closingQuoteCandidate, normalizeEscape } from './json-repair-string-quotes.ts'
import {
  append,
  appendAndAdvance,
  createStringState,
  endsWith,
  onlyWhitespaceUntil,
  quoteInCharacterClass,
  type StringState,
} from './json-repair-string-state.ts'
import { isAlnum, isSpace, pythonRstrip } from './python-char.ts'

type Entry = { done: true; value: unknown } | { done: false; state: StringState }

const literalWords: [string, boolean | null][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['none', null],
]

/** Parses a string (or a bare literal) at the cursor, in the current context. */
export function parseString(parser: RepairCursor): unknown {
  const entry = enterString(parser)
  if (entry.done) return entry.value
  const { state } = entry
  const char = scanStringBody(parser, state)
  if (char !== undefined && state.missingQuotes && parser.current === 'key' && isSpace(char)) {
    parser.skipWhitespace()
    if (parser.charAt() !== ':' && parser.charAt() !== ',') return ''
  }
  let text = state.chars.join('')
  if (char !== state.right) text = pythonRstrip(text)
  else parser.index += 1
  if (state.missingQuotes || text.endsWith('\n')) text = pythonRstrip(text)
  return text
}

function simpleQuotedString(parser: RepairCursor): string | undefined {
  if (parser.charAt() !== '"') return undefined
  const end = parser.chars.indexOf('"', parser.index + 1)
  if (end === -1) return undefined
  const value = parser.chars.slice(parser.index + 1, end).join('')
  if (/[\\\n\r]/.test(value)) return undefined
  let next = end + 1
  while (isSpace(parser.chars[next])) next += 1
  const after = parser.chars[next]
  const allowed: Record<string, (string | undefined)[]> = {
    key: [':'],
    value: [',', '}', undefined],
    array: [',', ']', undefined],
  }
  if (!(allowed[parser.current ?? ''] ?? [undefined]).includes(after)) return undefined
  parser.index = end + 1
  return value
}

function bareLiteral(parser: RepairCursor): { found: boolean; value: boolean | null } {
  const start = parser.index
  const first = (parser.charAt() ?? '').toLowerCase()
  for (const [word, value] of literalWords) {
    if (first !== word[0]) continue
    parser.index = start
    let matched = true
    for (const expected of word) {
      if ((parser.charAt() ?? '').toLowerCase() !== expected) {
        matched = false
        break
      }
      parser.index += 1
    }
    const next = parser.charAt()
    if (matched && (next === undefined || isSpace(next) || [',', ')', ']', '}'].includes(next))) {
      return { found: true, value }
    }
  }
  parser.index = start
  return { found: false, value: null }
}

function jsonFence(parser: RepairCursor): { found: boolean; value?: unknown } {
  if (parser.chars.slice(parser.index, parser.index + 7).join('') !== '```json')
    return { found: false }
  const fence = parser.skipToCharacter('`', 7)
  if (parser.chars.slice(parser.index + fence, parser.index + fence + 3).join('') !== '```')
    return { found: false }
  parser.index += 7
  const value = parser.parseJson()
  return value === false ? { found: false } : { found: true, value }
}

function enterString(parser: RepairCursor): Entry {
  let char = parser.charAt()
  if (char === '#' || char === '/') return { done: true, value: parser.parseComment() }
  while (char !== undefined && !isDelimiter(char) && !isAlnum(char)) {
    parser.index += 1
    char = parser.charAt()
  }
  if (char === undefined) return { done: true, value: '' }
  const simple = simpleQuotedString(parser)
  if (simple !== undefined) return { done: true, value: simple }
  const state = createStringState()
  if (char === "'") state.left = state.right = "'"
  else if (char === '“') [state.left, state.right] = ['“', '”']
  else if (isAlnum(char)) {
    if ('tfn'.includes(char.toLowerCase()) && parser.current !== 'key') {
      const literal = bareLiteral(parser)
      if (literal.found) return { done: true, value: literal.value }
    }
    state.missingQuotes = true
  }
  if (!state.missingQuotes) parser.index += 1
  if (parser.charAt() === '`') {
    const fenced = jsonFence(parser)
    if (fenced.found) return { done: true, value: fenced.value }
  }
  return enterQuotedStart(parser, state)
}

/** The opening quote is followed by another quote: an empty string, `""doubled""`, or a typo. */
function enterQuotedStart(parser: RepairCursor, state: StringState): Entry {
  if (parser.charAt() !== state.left) return { done: false, state }
  const next = parser.charAt(1)
  const context = parser.current
  if (
    (context === 'key' && next === ':') ||
    (context === 'value' && (next === ',' || next === '}')) ||
    (context === 'array' && (next === ',' || next === ']'))
  ) {
    parser.index += 1
    return { done: true, value: '' }
  }
  if (next === state.left) return { done: true, value: '' }
  const closing = parser.skipToCharacter(state.right, 1)
  if (parser.charAt(closing + 1) === state.right) {
    state.doubledQuotes = true
    parser.index += 1
    return { done: false, state }
  }
  if (parser.charAt(closing) === state.right) {
    const outer = parser.skipToCharacter(state.right, closing + 1)
    const afterOuter = parser.charAt(parser.scrollWhitespaces(outer + 1))
    if (
      context === 'value' &&
      !onlyWhitespaceUntil(parser, closing) &&
      parser.charAt(outer) === state.right &&
      [',', '}', undefined].includes(afterOuter)
    ) {
      append(state, state.left)
      state.unmatchedDelimiter = true
      parser.index += 1
      return { done: false, state }
    }
  }
  const following = parser.charAt(parser.scrollWhitespaces(1))
  if (isDelimiter(following) || following === '{' || following === '[') {
    parser.index += 1
    return { done: true, value: '' }
  }
  if (following !== ',' && following !== ']' && following !== '}') parser.index += 1
  return { done: false, state }
}

/** A container that belongs to an unquoted value (after a comma, or `{key: ...}`): kept whole. */
function startsInlineContainer(parser: RepairCursor, state: StringState, char: string): boolean {
  if (!isInlineOpener(char) || endsWith(state, '\\')) return false
  if (state.pendingInlineContainer) return true
  if (parser.current !== 'value' || char !== '{' || parser.charAt(-1) === '\\') return false
  return bareKeyFollowedByColon(parser, parser.scrollWhitespaces(1))
}

/** A `,` or container character in an object value: consumed, ends the string, or neither. */
function consumeValueStructure(
  parser: RepairCursor,
  state: StringState,
  char: string,
): 'consumed' | 'stop' | 'none' {
  if (startsInlineContainer(parser, state, char)) {
    const end = skipInlineContainer(parser, 0)
    if (end !== undefined) {
      state.pendingInlineContainer = false
      state.inlineContainers = []
      append(state, parser.chars.slice(parser.index, parser.index + end).join(''))
      parser.index += end
      return 'consumed'
    }
  }
  if (
    parser.current === 'value' &&
    char === ',' &&
    !state.pendingInlineContainer &&
    state.inlineContainers.length === 0
  ) {
    const kind = state.noFutureDelimiter ? 'string' : classifyObjectValueComma(parser)
    if (kind === 'member') return 'stop'
    if (kind === 'string_no_future_delimiter') state.noFutureDelimiter = true
    state.pendingInlineContainer = kind === 'container'
    appendAndAdvance(parser, state, char)
    return 'consumed'
  }
  if (trackInlineContainer(state, char)) {
    appendAndAdvance(parser, state, char)
    return 'consumed'
  }
  return 'none'
}

/** Reads up to the closing quote (or where the string must end); returns the character there. */
function scanStringBody(parser: RepairCursor, state: StringState): string | undefined {
  let char = parser.charAt()
  while (char !== undefined && (char !== state.right || state.lowQuoteSpans > 0)) {
    const context = parser.current
    if (state.missingQuotes) {
      if (context === 'key' && (char === ':' || isSpace(char))) break
      if (context === 'array' && (char === ']' || char === ',')) break
    }
    if (char === '„' && !endsWith(state, '\\')) {
      state.lowQuoteSpans += 1
      char = appendAndAdvance(parser, state, char)
      continue
    }
    if (state.lowQuoteSpans > 0 && char === '”') {
      state.lowQuoteSpans -= 1
      char = appendAndAdvance(parser, state, char)
      continue
    }
    const structure = consumeValueStructure(parser, state, char)
    if (structure === 'stop') break
    if (structure === 'consumed') {
      char = parser.charAt()
      continue
    }
    if (context === 'value' && char === '}' && !endsWith(state, state.right)) {
      if (state.openBraces > 0) {
        char = appendAndAdvance(parser, state, char)
        continue
      }
      if (closingBraceEndsMissingQuoteValue(parser, state.left, state.right)) break
    }
    if (char === ']' && parser.inContext('array') && !endsWith(state, state.right)) {
      if (parser.charAt(parser.skipToCharacter(state.right)) === undefined) break
    }
    if (context === 'value' && char === '}') {
      const after = parser.scrollWhitespaces(1)
      if (parser.chars.slice(parser.index + after, parser.index + after + 3).join('') === '```') {
        if (!fenceAfterBraceBelongsToString(parser, state, after)) break
        char = appendAndAdvance(parser, state, char)
        continue
      }
      if (parser.charAt(after) === undefined) break
    }
    char = appendAndAdvance(parser, state, char)
    if (char === undefined) break
    if (endsWith(state, '\\')) {
      const resolved = normalizeEscape(parser, state, char)
      char = resolved.char
      if (resolved.handled) continue
    }
    if (char === ':' && !state.missingQuotes && parser.current === 'key') {
      let offset = parser.skipToCharacter(state.left, 1)
      if (parser.charAt(offset) === undefined) break
      offset = parser.skipToCharacter(state.right, offset + 1)
      if (parser.charAt(offset) !== undefined) {
        const after = parser.charAt(parser.scrollWhitespaces(offset + 1))
        if (after === ',' || after === '}') break
      }
    }
    if (state.lowQuoteSpans > 0 && char === '"') {
      state.lowQuoteSpans -= 1
      char = appendAndAdvance(parser, state, char)
      continue
    }
    if (
      char === state.right &&
      parser.current === 'value' &&
      quoteInCharacterClass(parser, state)
    ) {
      char = appendAndAdvance(parser, state, char)
      continue
    }
    if (char === state.right && !endsWith(state, '\\')) {
      const decision = closingQuoteCandidate(parser, state, char)
      char = decision.char
      if (decision.stop) break
      if (decision.handled) continue
    }
  }
  return char
}
