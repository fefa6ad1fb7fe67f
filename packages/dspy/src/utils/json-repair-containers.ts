/**
 * Objects, arrays and parenthesized tuples for the lenient JSON parser behind `repairJsonLoads`:
 * missing commas, colons and closing brackets, stray characters, sets written as `{"a", "b"}`,
 * a duplicate key inside an array that starts a new object.
 * @module
 */
import { isDelimiter, isRecord, type RepairCursor } from './json-repair-cursor.ts'
import { parseString } from './json-repair-string.ts'
import { isDigit, isSpace, pythonLstrip, pythonRstrip } from './python-char.ts'
import { setOwnKey } from './python-json-decode.ts'
import { scanOutsideQuotes, stripCommentsOutsideStrings } from './json-repair-scan.ts'

function isStrictlyEmpty(value: unknown): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0
  return isRecord(value) && Object.keys(value).length === 0
}

/** Parses the members of an object whose `{` was just consumed. */
export function parseObject(parser: RepairCursor): unknown {
  const result: Record<string, unknown> = {}
  const start = parser.index
  const parsingObjectValue = parser.current === 'value'
  for (;;) {
    parser.skipWhitespaceAndComments()
    let char = parser.charAt()
    if (char === undefined || char === '}') break
    if (char === ',') {
      parser.index += 1
      continue
    }
    if (char === ':') parser.index += 1
    const [key, rollback] = parseObjectKey(parser, result)
    if (parser.inContext('array') && Object.hasOwn(result, key) && !parsingObjectValue) {
      if (shouldSplitOnDuplicateKey(parser, rollback)) {
        parser.index = rollback - 1
        parser.chars.splice(rollback, 0, '{')
        break
      }
    }
    parser.skipWhitespaceAndComments()
    char = parser.charAt()
    if (char === undefined || char === '}') continue
    parser.index += 1
    const value = parser.withContext('value', () => {
      parser.skipWhitespaceAndComments()
      const next = parser.charAt()
      return next === ',' || next === '}' ? '' : parser.parseJson()
    })
    setOwnKey(result, key, value)
    const after = parser.charAt()
    if (after === ',' || after === "'" || after === '"') parser.index += 1
    if (parser.charAt() === ']' && parser.inContext('array')) {
      parser.index -= 1
      break
    }
  }
  parser.index += 1
  const repaired = repairEmptyObject(parser, result, start)
  if (repaired !== undefined) return repaired.value
  return completeObject(parser, result)
}

function parseObjectKey(parser: RepairCursor, result: Record<string, unknown>): [string, number] {
  let key = ''
  let rollback = parser.index
  parser.withContext('key', () => {
    while (parser.charAt() !== undefined) {
      rollback = parser.index
      if (parser.charAt() === '[' && key === '' && mergeArrayContinuation(parser, result)) continue
      const raw = parseString(parser)
      key = typeof raw === 'string' ? raw : String(raw)
      if (key === '') parser.skipWhitespaceAndComments()
      if (key !== '' || parser.charAt() === ':' || parser.charAt() === '}') break
    }
  })
  return [key, rollback]
}

/** `{"rows": [[1, 2]], [3, 4]}`: an array where a key should be continues the previous value. */
function mergeArrayContinuation(parser: RepairCursor, result: Record<string, unknown>): boolean {
  const keys = Object.keys(result)
  const previous = keys.length > 0 ? result[keys[keys.length - 1]!] : undefined
  if (!Array.isArray(previous)) return false
  parser.index += 1
  const more = parseArray(parser, ']')
  const lengths = previous.filter(Array.isArray).map((item) => item.length)
  const rowLength =
    lengths.length > 0 && lengths.every((length) => length === lengths[0]) ? lengths[0]! : 0
  if (rowLength > 0) {
    const tail: unknown[] = []
    while (previous.length > 0 && !Array.isArray(previous[previous.length - 1]))
      tail.unshift(previous.pop())
    if (tail.length % rowLength === 0) {
      for (let start = 0; start < tail.length; start += rowLength)
        previous.push(tail.slice(start, start + rowLength))
    } else previous.push(...tail)
    if (more.length > 0) {
      if (more.every(Array.isArray)) previous.push(...more)
      else previous.push(more)
    }
  } else {
    previous.push(...(more.length === 1 && Array.isArray(more[0]) ? more[0] : more))
  }
  parser.skipWhitespaceAndComments()
  if (parser.charAt() === ',') parser.index += 1
  parser.skipWhitespaceAndComments()
  return true
}

function shouldSplitOnDuplicateKey(parser: RepairCursor, rollback: number): boolean {
  let lookback = rollback - parser.index - 1
  let previous = parser.charAt(lookback)
  while (isSpace(previous)) {
    lookback -= 1
    previous = parser.charAt(lookback)
  }
  const keyStart = parser.charAt(rollback - parser.index)
  const next = parser.charAt(parser.scrollWhitespaces())
  return !(isDelimiter(keyStart) && previous === ',' && next === ':')
}

/** An object that parsed empty although it had content: a set (`{"a", "b"}`) or escaped keys. */
function repairEmptyObject(
  parser: RepairCursor,
  result: Record<string, unknown>,
  start: number,
): { value: unknown } | undefined {
  if (Object.keys(result).length > 0 || parser.index - start <= 2) return undefined
  const body = parser.chars.slice(start, parser.index - 1).join('')
  if (
    parser.charAt(-1) === '}' &&
    pythonRstrip(pythonLstrip(stripCommentsOutsideStrings(body))) === ''
  )
    return undefined
  const attempted = parser.chars.slice(start - 1, parser.index + 1).join('')
  let content = pythonLstrip(
    (attempted.endsWith('}') ? attempted.slice(0, -1) : attempted).slice(1),
  )
  if (content === '') return undefined
  const escapedKeys =
    (content.startsWith('\\"') && content.includes('\\":')) ||
    (content.startsWith("\\'") && content.includes("\\':"))
  if (escapedKeys) {
    const normalized = Array.from(attempted.replaceAll('\\"', '"').replaceAll("\\'", "'"))
    parser.chars.splice(start - 1, parser.index + 1 - (start - 1), ...normalized)
    parser.index = start
    const value = parser.withContext('key', () => parseObject(parser))
    parser.deferredContexts.push('key')
    return { value }
  }
  content = pythonLstrip(stripCommentsOutsideStrings(content))
  if (content === '' || hasUnquotedColon(content)) return undefined
  parser.index = start
  const value = parser.withContext('key', () => parseArray(parser, ']'))
  parser.deferredContexts.push('key')
  return { value }
}

function hasUnquotedColon(text: string): boolean {
  let quote: string | undefined
  let backslashes = 0
  for (const char of text) {
    if (char === '\\') {
      backslashes += 1
      continue
    }
    if (quote !== undefined) {
      if (char === quote && backslashes % 2 === 0) quote = undefined
    } else if (isDelimiter(char) && backslashes % 2 === 0) quote = char
    else if (char === ':' && backslashes % 2 === 0) return true
    backslashes = 0
  }
  return false
}

function completeObject(parser: RepairCursor, result: Record<string, unknown>): unknown {
  if (!parser.contextEmpty) {
    if (parser.charAt() === '}' && parser.current !== 'key' && parser.current !== 'value')
      parser.index += 1
    return result
  }
  parser.skipWhitespace()
  if (parser.charAt() === ',') {
    parser.index += 1
    parser.skipWhitespace()
    if (isDelimiter(parser.charAt())) {
      const more = parseObject(parser)
      if (isRecord(more))
        for (const [key, value] of Object.entries(more)) setOwnKey(result, key, value)
    }
  }
  return result
}

/** Parses the items of an array (or tuple) whose opening bracket was just consumed. */
export function parseArray(parser: RepairCursor, closing: string): unknown[] {
  const arrayIsObjectValue = parser.current === 'value'
  let closedBeforeParentMember = false
  const result: unknown[] = []
  parser.withContext('array', () => {
    for (;;) {
      parser.skipWhitespaceAndComments()
      const char = parser.charAt()
      if (char === undefined || char === closing || char === '}') break
      if (char === ',') {
        parser.index += 1
        continue
      }
      let value: unknown
      if (isDelimiter(char)) {
        const afterString = parser.scrollWhitespaces(parser.skipToCharacter(char, 1) + 1)
        if (parser.charAt(afterString) === ':') {
          const scalarsOnly = result.every((item) => !Array.isArray(item) && !isRecord(item))
          if (arrayIsObjectValue && result.length > 0 && scalarsOnly) {
            closedBeforeParentMember = true
            break
          }
          value = parseObject(parser)
        } else value = parseString(parser)
      } else value = parser.parseJson()
      const next = parser.charAt()
      if (isStrictlyEmpty(value) && next !== closing && next !== ',') parser.index += 1
      else if (!(value === '...' && parser.charAt(-1) === '.')) result.push(value)
    }
    if (!closedBeforeParentMember) parser.index += 1
  })
  return result
}

/** `(1, 2)` is a tuple (an array); `(1)` is the value 1. The cursor is on the `(`. */
export function parseParenthesized(parser: RepairCursor): unknown {
  const explicitTuple = parenthesizedIsExplicitTuple(parser)
  parser.index += 1
  const values = parseArray(parser, ')')
  return explicitTuple || values.length !== 1 ? values : values[0]
}

function parenthesizedIsExplicitTuple(parser: RepairCursor): boolean {
  let sawTopLevelContent = false
  const outcome = scanOutsideQuotes(
    parser.chars,
    parser.index + 1,
    ({ char, depth, opensQuote }) => {
      if (depth !== 0) return undefined
      if (opensQuote) {
        sawTopLevelContent = true
        return undefined
      }
      if (char === ')') return !sawTopLevelContent
      if (char === ',') return true
      if (!isSpace(char)) sawTopLevelContent = true
      return undefined
    },
  )
  return outcome ?? !sawTopLevelContent
}

/** At the top level, `(` starts a value only when it looks like a standalone tuple, not prose. */
export function parenthesizedCanStartTopLevelValue(parser: RepairCursor): boolean {
  for (let position = parser.index - 1; position >= 0; position -= 1) {
    const char = parser.chars[position]!
    if (char === '\n' || char === '\r') break
    if (!isSpace(char)) return false
  }
  const innerOffset = parser.scrollWhitespaces(1)
  const firstInner = parser.charAt(innerOffset)
  if (firstInner === undefined) return false
  const innerStart = parser.index + innerOffset
  const innerText = parser.chars
    .slice(innerStart, innerStart + 5)
    .join('')
    .toLowerCase()
  const startsValue =
    [')', '{', '[', '(', '-', '.'].includes(firstInner) ||
    isDelimiter(firstInner) ||
    isDigit(firstInner) ||
    ['true', 'null', 'none'].includes(innerText.slice(0, 4)) ||
    innerText === 'false'
  if (!startsValue) return false
  let closedAt: number | undefined
  scanOutsideQuotes(parser.chars, parser.index + 1, ({ char, depth, position, opensQuote }) => {
    if (opensQuote || depth !== 0 || char !== ')') return undefined
    closedAt = position
    return true
  })
  if (closedAt === undefined) return true
  for (let position = closedAt + 1; position < parser.chars.length; position += 1) {
    const trailer = parser.chars[position]!
    if (trailer === '\n' || trailer === '\r') return true
    if (!isSpace(trailer)) return false
  }
  return true
}
