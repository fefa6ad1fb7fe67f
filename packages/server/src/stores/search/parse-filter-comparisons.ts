/**
 * @module parse-filter-comparisons
 * The grammar shared by MLflow's run and experiment filters: comparisons joined by `AND`
 * (case-insensitive), nothing else. Each comparison is `identifier comparator value`, or
 * `identifier IS [NOT] NULL`. What an identifier may be compared with is checked later, per search.
 */
import { StoreError } from '../store-error.ts'
import type { FilterValueToken, RawComparison } from './filter-ast.ts'
import { type FilterToken, isClosedQuote, isKeyword, tokenizeFilter } from './filter-tokenizer.ts'
import { pythonRepr } from '../python-format.ts'

/**
 * Parses a filter into raw comparisons. An empty or blank filter has none.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's message for a malformed filter.
 * @example
 * parseFilterComparisons({ filter: "metrics.acc > 0.9 and tags.`a b` = 'x'" })
 * // [{ entity: 'metrics', key: 'acc', comparator: '>', ... }, { entity: 'tags', key: 'a b', ... }]
 */
export function parseFilterComparisons(options: { filter: string | undefined }): RawComparison[] {
  const filter = options.filter ?? ''
  if (filter.trim() === '') return []
  const tokens = tokenizeFilter(filter)
  const semicolon = tokens.findIndex((token) => token.kind === 'semicolon')
  if (semicolon !== -1 && semicolon < tokens.length - 1) {
    throw StoreError.invalidParameter(
      `Search filter contained multiple expression ${pythonRepr(filter)}. ` +
        'Provide AND-ed expression list.',
    )
  }
  const comparisons: RawComparison[] = []
  let index = 0
  while (index < tokens.length) {
    if (isKeyword(tokens[index], 'AND')) {
      index += 1
      continue
    }
    const parsed = readComparison(tokens, index)
    if (!parsed) throw invalidClauses(tokens, index)
    const next = tokens[parsed.next]
    if (next !== undefined && !isKeyword(next, 'AND')) throw invalidClauses(tokens, parsed.next)
    comparisons.push(parsed.comparison)
    index = parsed.next
  }
  return comparisons
}

/**
 * MLflow's "Invalid clause(s)" error, naming the stray tokens from `start` up to the next `AND`
 * or the next well-formed comparison. Tokens written without space between them read as one.
 */
function invalidClauses(tokens: FilterToken[], start: number): StoreError {
  const groups: string[] = []
  let index = start
  while (index < tokens.length) {
    const token = tokens[index] as FilterToken
    const previous = tokens[index - 1]
    const touches =
      index > start &&
      previous !== undefined &&
      previous.offset + previous.text.length === token.offset
    if (touches) {
      groups[groups.length - 1] += token.text
    } else {
      if (index > start && (isKeyword(token, 'AND') || safeReadComparison(tokens, index))) break
      groups.push(token.text)
    }
    index += 1
  }
  const texts = groups.map((text) => `'${text}'`).join(', ')
  return StoreError.invalidParameter(`Invalid clause(s) in filter string: ${texts}`)
}

function safeReadComparison(tokens: FilterToken[], start: number): boolean {
  try {
    return readComparison(tokens, start) !== undefined
  } catch {
    return false
  }
}

interface ParsedComparison {
  comparison: RawComparison
  next: number
}

function readComparison(tokens: FilterToken[], start: number): ParsedComparison | undefined {
  const identifier = readIdentifier(tokens, start)
  if (!identifier) return undefined
  const comparator = readComparator(tokens, identifier.next)
  if (!comparator) return undefined
  const base = { ...identifier.parts, comparator: comparator.comparator }
  if (comparator.comparator === 'IS NULL' || comparator.comparator === 'IS NOT NULL') {
    return { comparison: { ...base, value: undefined }, next: comparator.next }
  }
  const value = readValue(tokens, comparator.next)
  if (!value) return undefined
  return { comparison: { ...base, value: value.value }, next: value.next }
}

const namePartKinds = new Set(['word', 'double-quoted', 'backtick-quoted'])

/**
 * Reads an identifier (`name`, `entity.key`, `` entity.`quoted key` ``, `entity.a.b`) starting at
 * `start`; the key is everything after the first dot, unquoted as MLflow does.
 */
export function readIdentifier(
  tokens: FilterToken[],
  start: number,
): { parts: Pick<RawComparison, 'identifier' | 'entity' | 'key'>; next: number } | undefined {
  const first = tokens[start]
  if (!first || !namePartKinds.has(first.kind) || isReservedWord(first)) return undefined
  if (first.kind !== 'word' && !isClosedQuote(first)) return undefined
  let index = start + 1
  const keyParts: string[] = []
  while (tokens[index]?.kind === 'dot') {
    const part = tokens[index + 1]
    if (!part || !(namePartKinds.has(part.kind) || part.kind === 'number')) return undefined
    if (part.kind !== 'word' && part.kind !== 'number' && !isClosedQuote(part)) return undefined
    keyParts.push(part.text)
    index += 2
  }
  const identifier = [first.text, ...keyParts].join('.')
  if (keyParts.length === 0) {
    return { parts: { identifier, entity: undefined, key: unquoteName(first.text) }, next: index }
  }
  return {
    parts: { identifier, entity: trimBackticks(first.text), key: unquoteName(keyParts.join('.')) },
    next: index,
  }
}

const reserved = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'ILIKE'])

function isReservedWord(token: FilterToken): boolean {
  return token.kind === 'word' && reserved.has(token.text.toUpperCase())
}

function readComparator(
  tokens: FilterToken[],
  start: number,
): { comparator: string; next: number } | undefined {
  const token = tokens[start]
  if (!token) return undefined
  if (token.kind === 'comparator') return { comparator: token.text, next: start + 1 }
  if (token.kind !== 'word') return undefined
  const word = token.text.toUpperCase()
  if (word === 'LIKE' || word === 'ILIKE' || word === 'IN' || word === 'RLIKE') {
    return { comparator: word, next: start + 1 }
  }
  const second = tokens[start + 1]
  if (word === 'NOT' && second?.kind === 'word') {
    const negated = second.text.toUpperCase()
    if (negated === 'IN' || negated === 'LIKE' || negated === 'ILIKE') {
      return { comparator: `NOT ${negated}`, next: start + 2 }
    }
  }
  if (word === 'IS') {
    if (isKeyword(second, 'NULL')) return { comparator: 'IS NULL', next: start + 2 }
    if (isKeyword(second, 'NOT') && isKeyword(tokens[start + 2], 'NULL')) {
      return { comparator: 'IS NOT NULL', next: start + 3 }
    }
  }
  return undefined
}

function readValue(
  tokens: FilterToken[],
  start: number,
): { value: FilterValueToken; next: number } | undefined {
  const token = tokens[start]
  if (!token) return undefined
  if (token.kind === 'single-quoted' || token.kind === 'double-quoted') {
    if (!isClosedQuote(token)) return undefined
    return {
      value: { kind: 'string', value: token.text.slice(1, -1), text: token.text },
      next: start + 1,
    }
  }
  if (token.kind === 'number')
    return { value: { kind: 'number', text: token.text }, next: start + 1 }
  if (token.kind === 'open-paren') return readList(tokens, start)
  if ((token.kind === 'word' && !isReservedWord(token)) || token.kind === 'backtick-quoted') {
    return { value: { kind: 'unquoted', text: token.text }, next: start + 1 }
  }
  return undefined
}

function readList(
  tokens: FilterToken[],
  start: number,
): { value: FilterValueToken; next: number } | undefined {
  let index = start + 1
  const items: FilterToken[] = []
  while (index < tokens.length && tokens[index]?.kind !== 'close-paren') {
    items.push(tokens[index] as FilterToken)
    index += 1
  }
  const close = tokens[index]
  if (!close) return undefined
  const text = tokens
    .slice(start, index + 1)
    .map((token) => token.text)
    .join('')
  if (items.length === 0) {
    throw StoreError.invalidParameter(
      'While parsing a list in the query, expected a non-empty list of string values, ' +
        'but got empty list',
    )
  }
  const values: string[] = []
  let expectValue = true
  for (const item of items) {
    const quoted = item.kind === 'single-quoted' || item.kind === 'double-quoted'
    if (expectValue && quoted && isClosedQuote(item)) {
      values.push(unescapeQuoted(item.text))
      expectValue = false
    } else if (!expectValue && item.kind === 'comma') {
      expectValue = true
    } else {
      throw StoreError.invalidParameter(
        'While parsing a list in the query, expected string value, punctuation, or whitespace, ' +
          `but got different type in list: ${text}`,
      )
    }
  }
  return { value: { kind: 'list', values, text }, next: index + 1 }
}

function unescapeQuoted(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, '$1')
}

/** Removes one pair of surrounding `'`/`"` quotes, then one pair of backticks, like MLflow. */
export function unquoteName(name: string): string {
  const isQuoted = (quote: string) =>
    name.length >= 2 && name.startsWith(quote) && name.endsWith(quote)
  const unquoted = isQuoted("'") || isQuoted('"') ? name.slice(1, -1) : name
  return trimBackticks(unquoted)
}

function trimBackticks(name: string): string {
  return name.length >= 2 && name.startsWith('`') && name.endsWith('`') ? name.slice(1, -1) : name
}
