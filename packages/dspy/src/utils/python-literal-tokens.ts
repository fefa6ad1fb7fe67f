/**
 * The tokenizer of {@link pythonLiteralEval}: Python's string, number and name tokens, brackets
 * and punctuation, comments, line continuations and the layout rules of `eval` mode (one logical
 * line; blank and comment lines around it).
 * @module
 */
import type { PyFloat } from '../python/py-float.ts'
import { numberFromLiteral } from './python-json-decode.ts'

/** Why `ast.literal_eval` fails: the Python exception it would raise. */
export type LiteralEvalErrorKind = 'SyntaxError' | 'ValueError' | 'TypeError'

/** The exception `ast.literal_eval` raises, with the Python exception type in `kind`. */
export class LiteralEvalError extends Error {
  readonly kind: LiteralEvalErrorKind
  constructor(kind: LiteralEvalErrorKind, message: string) {
    super(message)
    this.name = 'LiteralEvalError'
    this.kind = kind
  }
}

/** One token. Strings carry their decoded text; `bytes` and f-strings are flagged. */
export type Token =
  | { kind: 'string'; value: string; prefix: string }
  | { kind: 'number'; value: number | PyFloat; imaginary: boolean }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'end' }

const syntaxError = (message: string): LiteralEvalError =>
  new LiteralEvalError('SyntaxError', message)

const digitPart = '\\d(?:_?\\d)*'
const pointFloat = `(?:(?:${digitPart})?\\.${digitPart}|${digitPart}\\.)`
const numberPatterns: [RegExp, (text: string) => number | PyFloat][] = [
  [/^0[xX](?:_?[0-9a-fA-F])+/, (text) => Number.parseInt(text.slice(2), 16)],
  [/^0[oO](?:_?[0-7])+/, (text) => Number.parseInt(text.slice(2), 8)],
  [/^0[bB](?:_?[01])+/, (text) => Number.parseInt(text.slice(2), 2)],
  [
    new RegExp(`^(?:${pointFloat}|${digitPart})[eE][+-]?${digitPart}`),
    (text) => numberFromLiteral(text, true),
  ],
  [new RegExp(`^${pointFloat}`), (text) => numberFromLiteral(text, true)],
  [/^(?:[1-9](?:_?\d)*|0+(?:_?0)*)/, (text) => numberFromLiteral(text, false)],
]

const simpleEscapes: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
}

function decodeEscapes(body: string, isBytes: boolean): string {
  let result = ''
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]!
    if (char !== '\\') {
      result += char
      continue
    }
    const next = body[index + 1] ?? ''
    index += 1
    const newline = /^(\r\n|\r|\n)/.exec(body.slice(index))
    if (newline) index += newline[0].length - 1
    else if (Object.hasOwn(simpleEscapes, next)) result += simpleEscapes[next]
    else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(index))![0]
      result += String.fromCodePoint(Number.parseInt(octal, 8))
      index += octal.length - 1
    } else if (next === 'x' || (!isBytes && (next === 'u' || next === 'U'))) {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8
      const hex = body.slice(index + 1, index + 1 + length)
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex))
        throw syntaxError(`truncated \\${next} escape`)
      const code = Number.parseInt(hex, 16)
      if (code > 0x10ffff) throw syntaxError('illegal Unicode character')
      result += String.fromCodePoint(code)
      index += length
    } else if (next === 'N' && !isBytes) {
      throw syntaxError('\\N{...} escapes are not supported')
    } else result += `\\${next}`
  }
  return result
}

/** Splits Python source into tokens, applying the line rules of `eval` mode. */
export function tokenizePython(source: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  let depth = 0
  let lineStart = true
  let logicalLines = 0
  while (index < source.length) {
    if (lineStart && depth === 0) {
      const indent = /^[ \t\f]*/.exec(source.slice(index))![0]
      const rest = source.slice(index + indent.length)
      if (/^(\r\n|\r|\n|#)/.test(rest)) {
        index += indent.length
      } else if (rest === '') {
        if (indent.length > 0) throw syntaxError('unexpected indent')
        break
      } else if (indent.length > 0 || logicalLines > 0) {
        throw syntaxError(indent.length > 0 ? 'unexpected indent' : 'invalid syntax')
      }
      lineStart = false
    }
    const rest = source.slice(index)
    const char = rest[0]!
    const newline = /^(\r\n|\r|\n)/.exec(rest)
    if (newline) {
      index += newline[0].length
      if (depth === 0) {
        if (tokens.length > 0 && !lineStart) logicalLines += 1
        lineStart = true
      }
      continue
    }
    if (char === ' ' || char === '\t' || char === '\f') {
      index += 1
      continue
    }
    if (char === '#') {
      while (index < source.length && !/[\r\n]/.test(source[index]!)) index += 1
      continue
    }
    if (char === '\\') {
      const continuation = /^\\(\r\n|\r|\n)/.exec(rest)
      if (!continuation) throw syntaxError('unexpected character after line continuation character')
      index += continuation[0].length
      continue
    }
    const stringStart = /^([rRbBuUfF]{0,2})('''|"""|'|")/u.exec(rest)
    if (
      stringStart &&
      /^(|[rR]|[uU]|[bB]|[fF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])$/.test(stringStart[1]!)
    ) {
      const [whole, prefix, quote] = stringStart as unknown as [string, string, string]
      const [body, length] = readStringBody(source, index + whole.length, quote)
      const lowerPrefix = prefix.toLowerCase()
      const value = lowerPrefix.includes('r')
        ? body
        : decodeEscapes(body, lowerPrefix.includes('b'))
      tokens.push({ kind: 'string', value, prefix: lowerPrefix.replace('r', '') })
      index += whole.length + length
      continue
    }
    const number = readNumber(rest)
    if (number) {
      tokens.push(number.token)
      index += number.length
      continue
    }
    const name = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u.exec(rest)
    if (name) {
      tokens.push({ kind: 'name', value: name[0] })
      index += name[0].length
      continue
    }
    const operator = /^(\.\.\.|\*\*|\/\/|<<|>>|<=|>=|==|!=|->|:=|[-+*/%@&|^~<>()[\]{},:;.=])/.exec(
      rest,
    )
    if (!operator) throw syntaxError(`invalid character '${char}'`)
    if ('([{'.includes(operator[0])) depth += 1
    if (')]}'.includes(operator[0])) depth = Math.max(0, depth - 1)
    tokens.push({ kind: 'op', value: operator[0] })
    index += operator[0].length
  }
  if (depth > 0) throw syntaxError("'(' was never closed")
  tokens.push({ kind: 'end' })
  return tokens
}

function readNumber(rest: string): { token: Token; length: number } | undefined {
  for (const [pattern, convert] of numberPatterns) {
    const match = pattern.exec(rest)
    if (!match) continue
    const imaginary = /^[jJ]/.test(rest.slice(match[0].length)) && !/^0[xXoObB]/.test(match[0])
    const text = match[0].replaceAll('_', '')
    const length = match[0].length + (imaginary ? 1 : 0)
    if (/^[\p{L}\p{N}_]/u.test(rest.slice(length))) throw syntaxError('invalid decimal literal')
    return { token: { kind: 'number', value: convert(text), imaginary }, length }
  }
  return undefined
}

function readStringBody(source: string, start: number, quote: string): [string, number] {
  let index = start
  while (index < source.length) {
    if (source.startsWith(quote, index))
      return [source.slice(start, index), index - start + quote.length]
    const char = source[index]!
    if (char === '\\') {
      index += source.startsWith('\r\n', index + 1) ? 3 : 2
      continue
    }
    if ((char === '\n' || char === '\r') && quote.length === 1)
      throw syntaxError('unterminated string literal')
    index += 1
  }
  throw syntaxError('unterminated string literal')
}
