/**
 * Look-ahead scans of the lenient JSON parser behind `repairJsonLoads` that must skip quoted
 * text: bracket depth outside strings, and comments removed outside strings.
 * @module
 */
import { isDelimiter } from './json-repair-cursor.ts'

/** One character outside quotes seen by {@link scanOutsideQuotes}. */
export interface ScanStep {
  char: string
  position: number
  /** Open `(`, `[` and `{` before this character (outside quotes). */
  depth: number
  /** The character opens a quoted section. */
  opensQuote: boolean
}

/**
 * Walks `chars` from `start`, skipping quoted sections (a quote closes on the same character,
 * unless escaped), and calls `visit` for every other character and every opening quote. The
 * scan stops with the first result `visit` returns; `undefined` when it reaches the end.
 */
export function scanOutsideQuotes(
  chars: readonly string[],
  start: number,
  visit: (step: ScanStep) => boolean | undefined,
): boolean | undefined {
  const depths = { '(': 0, '[': 0, '{': 0 }
  let quote: string | undefined
  let backslashes = 0
  for (let position = start; position < chars.length; position += 1) {
    const char = chars[position]!
    if (char === '\\') {
      backslashes += 1
      continue
    }
    const escaped = backslashes % 2 === 1
    backslashes = 0
    if (quote !== undefined) {
      if (char === quote && !escaped) quote = undefined
      continue
    }
    const depth = depths['('] + depths['['] + depths['{']
    if (isDelimiter(char) && !escaped) {
      quote = char
      const result = visit({ char, position, depth, opensQuote: true })
      if (result !== undefined) return result
      continue
    }
    const result = visit({ char, position, depth, opensQuote: false })
    if (result !== undefined) return result
    if (char === '(' || char === '[' || char === '{') depths[char] += 1
    else if (char === ')' && depths['('] > 0) depths['('] -= 1
    else if (char === ']' && depths['['] > 0) depths['['] -= 1
    else if (char === '}' && depths['{'] > 0) depths['{'] -= 1
  }
  return undefined
}

/** Removes `#`, `//` and `/* *\/` comments that are not inside quotes. */
export function stripCommentsOutsideStrings(text: string): string {
  const chars = Array.from(text)
  let output = ''
  let quote: string | undefined
  let backslashes = 0
  let position = 0
  while (position < chars.length) {
    const char = chars[position]!
    const next = chars[position + 1]
    if (char === '\\') {
      backslashes += 1
      output += char
      position += 1
      continue
    }
    const escaped = backslashes % 2 === 1
    backslashes = 0
    if (quote !== undefined) {
      output += char
      if (char === quote && !escaped) quote = undefined
      position += 1
      continue
    }
    if (isDelimiter(char) && !escaped) {
      quote = char
      output += char
      position += 1
      continue
    }
    if (char === '#' || (char === '/' && next === '/')) {
      position += char === '/' ? 2 : 1
      while (position < chars.length && chars[position] !== '\n' && chars[position] !== '\r')
        position += 1
      continue
    }
    if (char === '/' && next === '*') {
      position += 2
      while (
        position < chars.length - 1 &&
        !(chars[position] === '*' && chars[position + 1] === '/')
      ) {
        position += 1
      }
      position = Math.min(position + 2, chars.length)
      continue
    }
    output += char
    position += 1
  }
  return output
}
