import { SignatureError } from '../errors/dspy-error.ts'
import { type FieldType, type LiteralValue, optionalType, unionType } from './field-type.ts'

type Token = { kind: 'name' | 'string' | 'number' | 'punct'; text: string; value?: LiteralValue }

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < source.length) {
    const character = source[index]!
    if (/\s/.test(character)) {
      index += 1
    } else if (/[A-Za-z_]/.test(character)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(index))![0]
      tokens.push({ kind: 'name', text: match })
      index += match.length
    } else if (/[0-9-]/.test(character)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(index))
      if (!match)
        throw new SignatureError({
          message: `Unexpected character '${character}' in type '${source}'.`,
        })
      tokens.push({ kind: 'number', text: match[0], value: Number(match[0]) })
      index += match[0].length
    } else if (character === '"' || character === "'") {
      let end = index + 1
      let value = ''
      while (end < source.length && source[end] !== character) {
        if (source[end] === '\\' && end + 1 < source.length) {
          end += 1
          value += source[end] === 'n' ? '\n' : source[end] === 't' ? '\t' : source[end]
        } else value += source[end]
        end += 1
      }
      if (end >= source.length)
        throw new SignatureError({ message: `Unterminated string in type '${source}'.` })
      tokens.push({ kind: 'string', text: source.slice(index, end + 1), value })
      index = end + 1
    } else if (source.startsWith('...', index)) {
      tokens.push({ kind: 'punct', text: '...' })
      index += 3
    } else if ('[],|.'.includes(character)) {
      tokens.push({ kind: 'punct', text: character })
      index += 1
    } else {
      throw new SignatureError({
        message: `Unexpected character '${character}' in type '${source}'.`,
      })
    }
  }
  return tokens
}

/** Types that a signature string may name beyond the built-in ones (`custom_types` in DSPy). */
export type CustomTypes = Record<string, FieldType>

const builtinNames: Record<string, FieldType> = {
  str: { kind: 'str' },
  int: { kind: 'int' },
  float: { kind: 'float' },
  bool: { kind: 'bool' },
  None: { kind: 'none' },
  NoneType: { kind: 'none' },
  Any: { kind: 'any' },
  list: { kind: 'list' },
  List: { kind: 'list' },
  dict: { kind: 'dict' },
  Dict: { kind: 'dict' },
  set: { kind: 'set' },
  Set: { kind: 'set' },
  tuple: { kind: 'tuple', items: [{ kind: 'any' }], variadic: true },
  History: { kind: 'custom', name: 'History' },
  Tool: { kind: 'custom', name: 'Tool' },
  ToolCalls: { kind: 'custom', name: 'ToolCalls' },
  Reasoning: { kind: 'custom', name: 'Reasoning' },
}

type Node =
  | { name: string; args?: Node[] }
  | { literal: LiteralValue }
  | { ellipsis: true }
  | { union: Node[] }

/**
 * Parses a Python type annotation as DSPy's string signatures accept it: `int`, `list[str]`,
 * `dict[str, Any]`, `Literal['a', 'b']`, `Optional[int]`, `int | None`, `dspy.History`, and
 * names given in `customTypes`. Unknown names raise a SignatureError.
 */
export function parseTypeExpression(source: string, customTypes: CustomTypes = {}): FieldType {
  const tokens = tokenize(source)
  let position = 0
  const peek = () => tokens[position]
  const expect = (text: string) => {
    const token = tokens[position]
    if (!token || token.text !== text) {
      throw new SignatureError({ message: `Expected '${text}' in type '${source}'.` })
    }
    position += 1
  }
  const parseUnion = (): Node => {
    const parts = [parsePrimary()]
    while (peek()?.text === '|') {
      position += 1
      parts.push(parsePrimary())
    }
    return parts.length === 1 ? parts[0]! : { union: parts }
  }
  const parsePrimary = (): Node => {
    const token = tokens[position]
    if (!token) throw new SignatureError({ message: `Incomplete type '${source}'.` })
    position += 1
    if (token.kind === 'string' || token.kind === 'number') return { literal: token.value! }
    if (token.text === '...') return { ellipsis: true }
    if (token.kind !== 'name')
      throw new SignatureError({ message: `Unexpected '${token.text}' in type '${source}'.` })
    if (token.text === 'True' || token.text === 'False') return { literal: token.text === 'True' }
    let name = token.text
    while (peek()?.text === '.') {
      position += 1
      const next = tokens[position]
      if (next?.kind !== 'name')
        throw new SignatureError({ message: `Expected a name after '.' in type '${source}'.` })
      name += `.${next.text}`
      position += 1
    }
    if (peek()?.text !== '[') return { name }
    position += 1
    const args = [parseUnion()]
    while (peek()?.text === ',') {
      position += 1
      args.push(parseUnion())
    }
    expect(']')
    return { name, args }
  }
  const root = parseUnion()
  if (position !== tokens.length) {
    throw new SignatureError({
      message: `Unexpected '${tokens[position]!.text}' in type '${source}'.`,
    })
  }
  return resolve(root, source, customTypes)
}

function resolveName(name: string, customTypes: CustomTypes): FieldType {
  const shortName = name.startsWith('dspy.') ? name.slice(5) : name
  const found =
    customTypes[name] ??
    builtinNames[name] ??
    (name.startsWith('dspy.') ? builtinNames[shortName] : undefined)
  if (!found)
    throw new SignatureError({ code: 'SIGNATURE_UNKNOWN_TYPE', message: `Unknown name: ${name}` })
  return found
}

function resolve(node: Node, source: string, customTypes: CustomTypes): FieldType {
  if ('literal' in node) {
    if (node.literal === null) return { kind: 'none' }
    throw new SignatureError({
      message: `A literal value is only allowed inside Literal[...] in type '${source}'.`,
    })
  }
  if ('ellipsis' in node)
    throw new SignatureError({
      message: `'...' is only allowed in tuple[X, ...] in type '${source}'.`,
    })
  if ('union' in node) {
    const options = node.union.map((part) => resolve(part, source, customTypes))
    return unionType(options)
  }
  const { name, args } = node
  if (!args) return resolveName(name, customTypes)
  const sub = () => args.map((arg) => resolve(arg, source, customTypes))
  switch (name) {
    case 'Literal':
    case 'typing.Literal':
      return {
        kind: 'literal',
        values: args.map((arg) => {
          if ('literal' in arg) return arg.literal
          if ('name' in arg && arg.name === 'None' && !arg.args) return null
          throw new SignatureError({
            message: `Literal[...] takes only literal values, in type '${source}'.`,
          })
        }),
      }
    case 'Optional':
      if (args.length !== 1)
        throw new SignatureError({ message: 'Optional must have exactly one type argument' })
      return optionalType(sub()[0]!)
    case 'Union':
      return unionType(sub())
    case 'list':
    case 'List':
    case 'set':
    case 'Set': {
      if (args.length !== 1)
        throw new SignatureError({
          message: `${name}[...] takes one type argument, in type '${source}'.`,
        })
      return { kind: name.toLowerCase() as 'list' | 'set', item: sub()[0]! }
    }
    case 'dict':
    case 'Dict': {
      if (args.length !== 2)
        throw new SignatureError({
          message: `dict[...] takes two type arguments, in type '${source}'.`,
        })
      const [key, value] = sub() as [FieldType, FieldType]
      return { kind: 'dict', key, value }
    }
    case 'tuple':
    case 'Tuple': {
      const last = args[args.length - 1]!
      if ('ellipsis' in last) {
        return { kind: 'tuple', items: [resolve(args[0]!, source, customTypes)], variadic: true }
      }
      return { kind: 'tuple', items: sub(), variadic: false }
    }
    default:
      resolveName(name, customTypes)
      throw new SignatureError({
        message: `Type '${name}' does not take type arguments, in type '${source}'.`,
      })
  }
}
