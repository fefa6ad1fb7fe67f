/**
 * The expression parser of `pythonLiteralEval`: Python's expression syntax as far as literals
 * need it (containers, unary and binary operators, calls, attributes), into a small tree that
 * `ast.literal_eval`'s rules are then applied to.
 * @module
 */
import { LiteralEvalError, type Token } from './python-literal-tokens.ts'

/** Python's `Ellipsis` (`...`), which `ast.literal_eval` accepts. */
export const pythonEllipsis: unique symbol = Symbol.for('@dspyflow/dspy.python-ellipsis')

/** A parsed expression. */
export type Node =
  | { type: 'constant'; value: unknown; numeric: boolean; unsupported?: string }
  | { type: 'tuple' | 'list' | 'set'; items: Node[] }
  | { type: 'dict'; entries: [Node, Node][] }
  | { type: 'unary'; operator: string; operand: Node }
  | { type: 'binary'; operator: string; left: Node; right: Node }
  | { type: 'call'; callee: Node; argumentCount: number }
  | { type: 'name'; name: string }
  | { type: 'other' }

const binaryOperators = new Set([
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '**',
  '@',
  '<<',
  '>>',
  '&',
  '|',
  '^',
  '<',
  '>',
  '==',
  '!=',
  '<=',
  '>=',
])

/** Parses one `eval`-mode expression from its tokens. */
export class LiteralParser {
  private position = 0
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position]!
  }

  private isOp(value: string): boolean {
    const token = this.peek()
    return token.kind === 'op' && token.value === value
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) throw new LiteralEvalError('SyntaxError', 'invalid syntax')
    this.position += 1
  }

  private startsExpression(): boolean {
    const token = this.peek()
    if (token.kind === 'end') return false
    return token.kind !== 'op' || ['(', '[', '{', '-', '+', '~', '...'].includes(token.value)
  }

  parseTop(): Node {
    const node = this.parseSequence('tuple')
    if (this.peek().kind !== 'end') throw new LiteralEvalError('SyntaxError', 'invalid syntax')
    return node
  }

  /** `a, b,` is a tuple (or the closing kind given); a single item without a comma is itself. */
  private parseSequence(kind: 'tuple'): Node {
    const first = this.parseExpression()
    if (!this.isOp(',')) return first
    const items = [first]
    while (this.isOp(',')) {
      this.position += 1
      if (!this.startsExpression()) break
      items.push(this.parseExpression())
    }
    return { type: kind, items }
  }

  private isName(value: string): boolean {
    const token = this.peek()
    return token.kind === 'name' && token.value === value
  }

  /** Binary operators only matter for `-1 + 2j`; any other operator makes a non-literal. */
  private parseExpression(): Node {
    let node = this.parseUnary()
    for (;;) {
      const token = this.peek()
      const isOperator = token.kind === 'op' && binaryOperators.has(token.value)
      const isKeyword =
        token.kind === 'name' && ['and', 'or', 'in', 'is', 'not'].includes(token.value)
      if (!isOperator && !isKeyword) return node
      this.position += 1
      if (token.kind === 'name' && token.value === 'not' && !this.isName('in')) this.expectOp('in')
      if (this.isName('in') || this.isName('not')) this.position += 1
      node = {
        type: 'binary',
        operator: token.kind === 'op' ? token.value : 'keyword',
        left: node,
        right: this.parseUnary(),
      }
    }
  }

  private parseUnary(): Node {
    const token = this.peek()
    if ((token.kind === 'op' && ['-', '+', '~'].includes(token.value)) || this.isName('not')) {
      this.position += 1
      return {
        type: 'unary',
        operator: token.kind === 'op' ? token.value : 'not',
        operand: this.parseUnary(),
      }
    }
    let node = this.parseAtom()
    for (;;) {
      if (this.isOp('(')) {
        this.position += 1
        let argumentCount = 0
        while (!this.isOp(')')) {
          this.parseExpression()
          argumentCount += 1
          if (!this.isOp(')')) this.expectOp(',')
        }
        this.position += 1
        node = { type: 'call', callee: node, argumentCount }
      } else if (this.isOp('.')) {
        this.position += 1
        if (this.peek().kind !== 'name') throw new LiteralEvalError('SyntaxError', 'invalid syntax')
        this.position += 1
        node = { type: 'other' }
      } else if (this.isOp('[')) {
        this.position += 1
        this.parseSequence('tuple')
        this.expectOp(']')
        node = { type: 'other' }
      } else return node
    }
  }

  private parseAtom(): Node {
    const token = this.peek()
    this.position += 1
    if (token.kind === 'number') {
      if (token.imaginary)
        return { type: 'constant', value: null, numeric: true, unsupported: 'complex' }
      return { type: 'constant', value: token.value, numeric: true }
    }
    if (token.kind === 'string') return this.parseStrings(token)
    if (token.kind === 'name') {
      const constants: Record<string, unknown> = { True: true, False: false, None: null }
      if (Object.hasOwn(constants, token.value))
        return { type: 'constant', value: constants[token.value], numeric: false }
      return { type: 'name', name: token.value }
    }
    if (token.kind === 'op') {
      if (token.value === '...') return { type: 'constant', value: pythonEllipsis, numeric: false }
      if (token.value === '(') return this.parseParenthesized()
      if (token.value === '[') return this.parseList()
      if (token.value === '{') return this.parseBraces()
    }
    throw new LiteralEvalError('SyntaxError', 'invalid syntax')
  }

  private parseStrings(first: Token & { kind: 'string' }): Node {
    let value = first.value
    const kinds = new Set([first.prefix])
    for (let token = this.peek(); token.kind === 'string'; token = this.peek()) {
      value += token.value
      kinds.add(token.prefix)
      this.position += 1
    }
    if (kinds.has('b') && kinds.size > 1)
      throw new LiteralEvalError('SyntaxError', 'cannot mix bytes and nonbytes literals')
    if (kinds.has('f')) return { type: 'other' }
    if (kinds.has('b')) return { type: 'constant', value, numeric: false, unsupported: 'bytes' }
    return { type: 'constant', value, numeric: false }
  }

  /** `(1, 2)` and `()` are tuples; `(1)` only groups its item. */
  private parseParenthesized(): Node {
    if (this.isOp(')')) {
      this.position += 1
      return { type: 'tuple', items: [] }
    }
    const node = this.parseSequence('tuple')
    this.expectOp(')')
    return node
  }

  private parseList(): Node {
    const items: Node[] = []
    while (!this.isOp(']')) {
      items.push(this.parseExpression())
      if (!this.isOp(']')) this.expectOp(',')
    }
    this.position += 1
    return { type: 'list', items }
  }

  private parseBraces(): Node {
    if (this.isOp('}')) {
      this.position += 1
      return { type: 'dict', entries: [] }
    }
    const first = this.parseExpression()
    if (!this.isOp(':')) {
      const items = [first]
      while (this.isOp(',')) {
        this.position += 1
        if (this.isOp('}')) break
        items.push(this.parseExpression())
      }
      this.expectOp('}')
      return { type: 'set', items }
    }
    const entries: [Node, Node][] = []
    let key = first
    for (;;) {
      this.expectOp(':')
      entries.push([key, this.parseExpression()])
      if (this.isOp('}')) break
      this.expectOp(',')
      if (this.isOp('}')) break
      key = this.parseExpression()
    }
    this.expectOp('}')
    return { type: 'dict', entries }
  }
}
