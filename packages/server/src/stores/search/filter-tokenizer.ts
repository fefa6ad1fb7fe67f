/**
 * @module filter-tokenizer
 * Splits an MLflow search filter (`metrics.acc > 0.9 AND params.lr = '0.1'`) into tokens. It
 * follows the SQL lexing MLflow gets from `sqlparse` for everything the grammar uses: quoted
 * strings keep their raw inner text (MLflow does not unescape them), `"x"` and `` `x` `` quote
 * identifiers, and keywords are matched case-insensitively by the parser.
 */

/** What a token is. `word` covers names and keywords; `other` is any stray character. */
export type FilterTokenKind =
  | 'word'
  | 'single-quoted'
  | 'double-quoted'
  | 'backtick-quoted'
  | 'number'
  | 'dot'
  | 'comparator'
  | 'open-paren'
  | 'close-paren'
  | 'comma'
  | 'semicolon'
  | 'other'

/** One token with its raw text (quotes included) and where it starts in the filter. */
export interface FilterToken {
  kind: FilterTokenKind
  text: string
  offset: number
}

const wordPattern = /^[\p{L}\p{N}_$]+/u
const numberPattern = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\p{L}\p{N}_$])/u
const comparatorPattern = /^(?:!=|<>|==|<=|>=|=|<|>)/

/**
 * Tokenizes a filter string; whitespace is dropped. Never throws: characters the grammar has no
 * use for come back as `other` tokens so the parser can name them in its error.
 *
 * @example
 * tokenizeFilter("params.lr = '0.1'").map((token) => token.text)
 * // ['params', '.', 'lr', '=', "'0.1'"]
 */
export function tokenizeFilter(filter: string): FilterToken[] {
  const tokens: FilterToken[] = []
  let offset = 0
  while (offset < filter.length) {
    const rest = filter.slice(offset)
    const char = rest[0] as string
    if (/\s/.test(char)) {
      offset += 1
      continue
    }
    const previous = tokens.at(-1)
    const followsName =
      previous !== undefined &&
      previous.offset + previous.text.length === offset &&
      (previous.kind === 'word' ||
        previous.kind === 'double-quoted' ||
        previous.kind === 'backtick-quoted')
    const token =
      char === '.' && followsName ? { kind: 'dot' as const, text: '.' } : readToken(rest, char)
    tokens.push({ ...token, offset })
    offset += token.text.length
  }
  return tokens
}

function readToken(rest: string, char: string): { kind: FilterTokenKind; text: string } {
  if (char === "'") return { kind: 'single-quoted', text: readQuoted(rest, "'") }
  if (char === '"') return { kind: 'double-quoted', text: readQuoted(rest, '"') }
  if (char === '`') return { kind: 'backtick-quoted', text: readQuoted(rest, '`') }
  const number = numberPattern.exec(rest)
  if (number && (char !== '-' || number[0].length > 1)) return { kind: 'number', text: number[0] }
  const word = wordPattern.exec(rest)
  if (word) return { kind: 'word', text: word[0] }
  const comparator = comparatorPattern.exec(rest)
  if (comparator) return { kind: 'comparator', text: comparator[0] }
  if (rest.startsWith('--')) return { kind: 'other', text: rest.split('\n')[0] as string }
  if (rest.startsWith('/*')) {
    const end = rest.indexOf('*/')
    return { kind: 'other', text: end === -1 ? rest : rest.slice(0, end + 2) }
  }
  const punctuation: Record<string, FilterTokenKind> = {
    '.': 'dot',
    '(': 'open-paren',
    ')': 'close-paren',
    ',': 'comma',
    ';': 'semicolon',
  }
  return { kind: punctuation[char] ?? 'other', text: char }
}

/**
 * Reads a quoted run: a doubled quote or a backslash-escaped quote stays inside. An unterminated
 * quote takes the rest of the input, which the parser then rejects.
 */
function readQuoted(rest: string, quote: string): string {
  let index = 1
  while (index < rest.length) {
    const char = rest[index]
    if (char === '\\' && quote !== '`') {
      index += 2
      continue
    }
    if (char === quote) {
      if (rest[index + 1] === quote) {
        index += 2
        continue
      }
      return rest.slice(0, index + 1)
    }
    index += 1
  }
  return rest
}

/** Whether a token is the (case-insensitive) keyword `word`. */
export function isKeyword(token: FilterToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toUpperCase() === word
}

/** Whether a token is a complete quoted run of `kind` (an unterminated quote is not). */
export function isClosedQuote(token: FilterToken): boolean {
  const quote = token.text[0]
  return token.text.length >= 2 && token.text.endsWith(quote as string)
}
