/**
 * `pythonLiteralEval`: Python's `ast.literal_eval` for the literals LMs write — strings with
 * either quote (prefixes, triple quotes, escapes, implicit concatenation), ints (`1_000`,
 * `0x1F`), floats, `True`/`False`/`None`, lists, tuples, dicts, sets and `set()`.
 * @module
 */
import { PyFloat } from '../python/py-float.ts'
import { setOwnKey } from './python-json-decode.ts'
import { LiteralParser, type Node } from './python-literal-parser.ts'
import { LiteralEvalError, tokenizePython } from './python-literal-tokens.ts'

export { pythonEllipsis } from './python-literal-parser.ts'
export { LiteralEvalError, type LiteralEvalErrorKind } from './python-literal-tokens.ts'

const tupleMarker = Symbol.for('@dspyflow/dspy.python-tuple')

/** Marks an array as a Python tuple (a hidden flag, so that it prints as `(1, 2)`). */
export function markTuple<T extends unknown[]>(items: T): T {
  Object.defineProperty(items, tupleMarker, { value: true })
  return items
}

/** Whether an array came from a Python tuple literal. */
export function isTuple(value: unknown): boolean {
  return Array.isArray(value) && Object.hasOwn(value, tupleMarker)
}

const malformed = (): LiteralEvalError =>
  new LiteralEvalError('ValueError', 'malformed node or string')

/** Python's `-x` / `+x` on a literal number, keeping floats floats. */
function applySign(operator: string, value: unknown): unknown {
  if (operator === '+') return value
  if (value instanceof PyFloat) return new PyFloat(-value.value)
  const negated = -(value as number)
  return negated === 0 ? 0 : negated
}

function convertNumber(node: Node): unknown {
  if (node.type !== 'constant' || !node.numeric) throw malformed()
  if (node.unsupported)
    throw new LiteralEvalError('ValueError', `${node.unsupported} values are not supported`)
  return node.value
}

function convertSignedNumber(node: Node): unknown {
  if (node.type === 'unary' && (node.operator === '+' || node.operator === '-')) {
    return applySign(node.operator, convertNumber(node.operand))
  }
  return convertNumber(node)
}

/** A key for Python's hash equality (`1 == 1.0 == True`); throws for unhashable values. */
function hashKey(node: Node, value: unknown): string {
  if (node.type === 'list' || node.type === 'dict' || node.type === 'set' || node.type === 'call') {
    const typeName = node.type === 'call' ? 'set' : node.type
    throw new LiteralEvalError('TypeError', `unhashable type: '${typeName}'`)
  }
  if (node.type === 'tuple') {
    const items = value as unknown[]
    return `(${node.items.map((item, index) => hashKey(item, items[index])).join(',')})`
  }
  if (value === null) return 'None'
  if (typeof value === 'string') return `s:${value}`
  return `n:${Number(value)}`
}

function convert(node: Node): unknown {
  switch (node.type) {
    case 'constant':
      if (node.unsupported)
        throw new LiteralEvalError('ValueError', `${node.unsupported} values are not supported`)
      return node.value
    case 'tuple':
      return markTuple(node.items.map(convert))
    case 'list':
      return node.items.map(convert)
    case 'set': {
      const seen = new Map<string, unknown>()
      for (const item of node.items) {
        const value = convert(item)
        const key = hashKey(item, value)
        if (!seen.has(key)) seen.set(key, value)
      }
      return new Set(seen.values())
    }
    case 'call':
      if (node.callee.type === 'name' && node.callee.name === 'set' && node.argumentCount === 0)
        return new Set()
      throw malformed()
    case 'dict':
      return convertDict(node.entries)
    case 'binary': {
      convertSignedNumber(node.left)
      convertNumber(node.right)
      throw malformed()
    }
    default:
      return convertSignedNumber(node)
  }
}

/** A dict: a plain object when every key is a string, else a Map (`{1: 'a'}`). */
function convertDict(entries: [Node, Node][]): Record<string, unknown> | Map<unknown, unknown> {
  const converted = new Map<string, [unknown, unknown]>()
  for (const [keyNode, valueNode] of entries) {
    const key = convert(keyNode)
    const value = convert(valueNode)
    const hash = hashKey(keyNode, key)
    const known = converted.get(hash)
    converted.set(hash, [known ? known[0] : key, value])
  }
  const pairs = [...converted.values()]
  if (!pairs.every(([key]) => typeof key === 'string')) return new Map(pairs)
  const result: Record<string, unknown> = {}
  for (const [key, value] of pairs) setOwnKey(result, key as string, value)
  return result
}

/**
 * Python's `ast.literal_eval(text)` on the literals LMs write. Tuples come back as arrays
 * (flagged, see {@link isTuple}), sets as `Set`s, dicts as plain objects (a `Map` when a key is
 * not a string), integral floats as {@link PyFloat}, `...` as {@link pythonEllipsis}. Throws
 * {@link LiteralEvalError} whose `kind` is the Python exception: `SyntaxError` (not Python),
 * `ValueError` (not a literal; also complex numbers and bytes, which have no counterpart here)
 * or `TypeError` (an unhashable set item or dict key).
 *
 * @example
 * pythonLiteralEval("{'a': (1, 2.0), 'b': None}") // { a: [1, new PyFloat(2)], b: null }
 * pythonLiteralEval('hello') // throws LiteralEvalError (ValueError)
 */
export function pythonLiteralEval(text: string): unknown {
  const tokens = tokenizePython(text.replace(/^[ \t]+/, ''))
  return convert(new LiteralParser(tokens).parseTop())
}
