import { describe, expect, it } from 'vitest'
import { PyFloat } from '../python/py-float.ts'
import { isTuple, LiteralEvalError, pythonEllipsis, pythonLiteralEval } from './python-literal.ts'

// Expected values and exception types are what Python 3.11's ast.literal_eval printed for each
// input. 60 values, 28 failures.
describe('pythonLiteralEval', () => {
  it.each<[string, unknown]>([
    ["'hello'", 'hello'],
    ['"hello"', 'hello'],
    ["'it\\'s'", "it's"],
    ['"it\'s"', "it's"],
    ['\'a\' "b"', 'ab'],
    ["'a\\nb'", 'a\nb'],
    ["r'a\\nb'", 'a\\nb'],
    ["u'x'", 'x'],
    ['"""x"""', 'x'],
    ["'''a\nb'''", 'a\nb'],
    ["'\\x41\\u00e9\\d'", 'Aé\\d'],
    ["'\\101'", 'A'],
    ['True', true],
    ['False', false],
    ['None', null],
    ['42', 42],
    ['-7', -7],
    ['+5', 5],
    ['.5', 0.5],
    ['5.', new PyFloat(5)],
    ['2.0', new PyFloat(2)],
    ['-0.0', new PyFloat(-0)],
    ['1e5', new PyFloat(100000)],
    ['1.5e-3', 0.0015],
    ['1_000', 1000],
    ['0x1F', 31],
    ['0o17', 15],
    ['0b101', 5],
    ['00', 0],
    ['1e999', Number.POSITIVE_INFINITY],
    ['[1, 2,]', [1, 2]],
    ["['a', 'b']", ['a', 'b']],
    ['(1, 2)', [1, 2]],
    ['(1,)', [1]],
    ['()', []],
    ['(1)', 1],
    ['-(1)', -1],
    ['1, 2, 3', [1, 2, 3]],
    ['1,', [1]],
    ["{'a': 1, 'b': [2.0, None]}", { a: 1, b: [new PyFloat(2), null] }],
    ["{'a': 1,}", { a: 1 }],
    ['{}', {}],
    ["{1: 'a', True: 'b'}", new Map<unknown, unknown>([[1, 'b']])],
    ["{'a': 1, 'a': 2}", { a: 2 }],
    ['{(1, 2): 3}', new Map<unknown, unknown>([[[1, 2], 3]])],
    ['{1, 1.0, True}', new Set([1])],
    ["{'a', 'b'}", new Set(['a', 'b'])],
    ['set()', new Set([])],
    ['...', pythonEllipsis],
    [' 1', 1],
    ['\t1', 1],
    ['\n1', 1],
    ['1\n', 1],
    ['1 # comment', 1],
    ['[1,\n# c\n2]', [1, 2]],
    ['(\n1\n)', 1],
    ["'a' \\\n 'b'", 'ab'],
    ['1\r\n', 1],
    ['[True, False, None]', [true, false, null]],
    ["{'x': {'y': {'z': []}}}", { x: { y: { z: [] } } }],
  ])('%j', (text, expected) => {
    expect(pythonLiteralEval(text)).toEqual(expected)
  })

  it.each<[string, string]>([
    ['hello', 'ValueError'],
    ['hello world', 'SyntaxError'],
    ['Yes', 'ValueError'],
    ['1\n2', 'SyntaxError'],
    ['1\n   ', 'SyntaxError'],
    [' \t\n 1', 'SyntaxError'],
    ['012', 'SyntaxError'],
    ['1__0', 'SyntaxError'],
    ['1._5', 'SyntaxError'],
    ['--1', 'ValueError'],
    ['-(-1)', 'ValueError'],
    ["'a\nb'", 'SyntaxError'],
    ["f'x'", 'ValueError'],
    ["'abc", 'SyntaxError'],
    ['[1 2]', 'SyntaxError'],
    ['{:1}', 'SyntaxError'],
    ['x.y', 'ValueError'],
    ['1 + 2', 'ValueError'],
    ['not True', 'ValueError'],
    ['set(1)', 'ValueError'],
    ['1;', 'SyntaxError'],
    ["'a' b'b'", 'SyntaxError'],
    ['', 'SyntaxError'],
    ['   ', 'SyntaxError'],
    ["'\\x4'", 'SyntaxError'],
    ['{[1]: 2}', 'TypeError'],
    ['{(1, [2]): 3}', 'TypeError'],
    ['{[1], 2}', 'TypeError'],
  ])('%j raises %s', (text, kind) => {
    expect(() => pythonLiteralEval(text)).toThrow(LiteralEvalError)
    try {
      pythonLiteralEval(text)
    } catch (error) {
      expect((error as LiteralEvalError).kind).toBe(kind)
    }
  })

  it('marks tuples, keeps non-string dict keys in a Map and dedupes sets by Python equality', () => {
    expect(isTuple(pythonLiteralEval('(1, 2)'))).toBe(true)
    expect(isTuple(pythonLiteralEval('[1, 2]'))).toBe(false)
    expect(pythonLiteralEval("{1: 'a', True: 'b'}")).toEqual(new Map([[1, 'b']]))
    expect(pythonLiteralEval('{1, 1.0, True}')).toEqual(new Set([1]))
    expect(pythonLiteralEval('2.0')).toBeInstanceOf(PyFloat)
  })

  it('rejects what has no JavaScript counterpart (complex numbers, bytes) as a ValueError', () => {
    for (const text of ['1j', '1+2j', "b'x'"]) {
      expect(() => pythonLiteralEval(text)).toThrow(expect.objectContaining({ kind: 'ValueError' }))
    }
  })
})
