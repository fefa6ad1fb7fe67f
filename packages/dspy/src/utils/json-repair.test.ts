import { describe, expect, it } from 'vitest'
import { PyFloat } from '../python/py-float.ts'
import { repairJsonLoads } from './json-repair.ts'

// Expected values are what Python's json_repair.loads (the version DSPy 3.3.1 installs) printed
// for each input; integral floats are PyFloat, as they stay floats in Python. 85 cases.
describe('repairJsonLoads', () => {
  describe('valid JSON (Python json.loads semantics)', () => {
    it.each<[string, unknown]>([
      ['42', 42],
      ['-5', -5],
      ['3.0', new PyFloat(3)],
      ['1e3', new PyFloat(1000)],
      ['"hello"', 'hello'],
      ['true', true],
      ['null', null],
      ['NaN', Number.NaN],
      ['[1.0, 2, 3.5]', [new PyFloat(1), 2, 3.5]],
      ['{"a": NaN, "b": -Infinity}', { a: Number.NaN, b: Number.NEGATIVE_INFINITY }],
      ['{"a": 1, "a": 2}', { a: 2 }],
      ['  {"a": -0.0}  ', { a: new PyFloat(-0) }],
      ['{"a": "\\u00e9\\n"}', { a: 'é\n' }],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('fences and prose around the value', () => {
    it.each<[string, unknown]>([
      ['```json\n{"a": 2.0}\n```', { a: new PyFloat(2) }],
      ['```\n[1, 2]\n```', [1, 2]],
      ['Sure! ```json\n{"answer": "yes"}\n``` Let me know.', { answer: 'yes' }],
      ['Here is the answer: {"a": 1} hope it helps', { a: 1 }],
      ['The list is [1, 2, 3].', [1, 2, 3]],
      ['Answer: [1, 2, 3]\nExplanation: these are numbers', [1, 2, 3]],
      ['# Title\n{"a": 1}', { a: 1 }],
      ['see (note) [1, 2]', [1, 2]],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('Python literals and quotes', () => {
    it.each<[string, unknown]>([
      ["['a', 'b']", ['a', 'b']],
      ["{'a': True, 'b': None, 'c': False}", { a: true, b: null, c: false }],
      ['[TRUE, nUll, none]', [true, null, null]],
      ["{'text': 'It's fine', 'n': 1}", { text: "It's fine", n: 1 }],
      ['{"a": \'b\'}', { a: 'b' }],
      ['[“a”, “b”]', ['a', 'b']],
      ['{"key": "value with \\"escaped\\" quotes"}', { key: 'value with "escaped" quotes' }],
      ["{'a': 'b\\'c'}", { a: "b'c" }],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('trailing commas and missing closers', () => {
    it.each<[string, unknown]>([
      ['{"a": 1,}', { a: 1 }],
      ['["a", "b",]', ['a', 'b']],
      ['[1, 2, 3', [1, 2, 3]],
      ['{"name": "x", "tags": ["a", "b"', { name: 'x', tags: ['a', 'b'] }],
      ['{"a": "unterminated', { a: 'unterminated' }],
      [
        '[[1, 2], [3, 4]',
        [
          [1, 2],
          [3, 4],
        ],
      ],
      ['{"a": [1, 2}', { a: [1, 2] }],
      ['{"a": 1, "b": }', { a: 1, b: '' }],
      ['[,1]', [1]],
      ['[1, 2]]', [1, 2]],
      ['{"a": "b"}}', { a: 'b' }],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('unquoted keys and values, missing separators', () => {
    it.each<[string, unknown]>([
      ["{a: 1, b: 'x'}", { a: 1, b: 'x' }],
      ['{"a": hello world, "b": 2}', { a: 'hello world', b: 2 }],
      ['{"a": hello world}', { a: 'hello world' }],
      ['["x", y, "z"]', ['x', 'y', 'z']],
      ['{"a" 1}', { a: '' }],
      ['{"a": "b" "c": "d"}', { a: 'b', c: 'd' }],
      ['[1 2 3]', [1, 2, 3]],
      ['"a": 1, "b": 2}', { a: 1, b: 2 }],
      ['{"a": tru}', { a: 'tru' }],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('comments', () => {
    it.each<[string, unknown]>([
      ['// comment\n{"a": 1}', { a: 1 }],
      ['{"a": 1 /* c */, "b": 2}', { a: 1, b: 2 }],
      ['{"a": 1, # c\n "b": 2}', { a: 1, b: 2 }],
      ['/* c */ [1]', [1]],
      ['[1, # c\n 2]', [1, 2]],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('numbers as json_repair reads them', () => {
    it.each<[string, unknown]>([
      ['{"a": 1.5e3, "b": -0.0, "c": 1E-2}', { a: new PyFloat(1500), b: new PyFloat(-0), c: 0.01 }],
      ['{"a": 01}', { a: 1 }],
      ['{"a": 1_000}', { a: 1000 }],
      ['{"a": 1,2}', { a: '1,2' }],
      ['{"a": 12/25/2024}', { a: '12/25/2024' }],
      ['{"a": .5}', { a: 0.5 }],
      ['{"a": 1e}', { a: 1 }],
      ['{"a": 1st}', { a: '1st' }],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('several values, sets and tuples', () => {
    it.each<[string, unknown]>([
      [
        '[1, 2, 3] and [4, 5]',
        [
          [1, 2, 3],
          [4, 5],
        ],
      ],
      ['{"a": 1} {"b": 2}', [{ a: 1 }, { b: 2 }]],
      ['{"a": 1} {"a": 2}', { a: 2 }],
      ['{"a": 1}, {"a": 2}', [{ a: 1 }, { a: 2 }]],
      ['{} {"a": 1}', { a: 1 }],
      ['{"a", "b"}', ['a', 'b']],
      ['(1, 2)', [1, 2]],
      ['(1)', 1],
      ['()', []],
      ['[{"a": 1, "a": 2}]', [{ a: 2 }]],
      ['[{"a": 1 "a": 2}]', [{ a: 1 }, { a: 2 }]],
      [
        '{"rows": [[1, 2]], [3, 4]}',
        {
          rows: [
            [1, 2],
            [3, 4],
          ],
        },
      ],
      ['[1, 2, ...]', [1, 2]],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  describe('nothing JSON-like', () => {
    it.each<[string, unknown]>([
      ['hello', ''],
      ['42 apples', ''],
      ["'hello'", ''],
      ['True', ''],
      ['None', ''],
      ['1, 2, 3', ''],
      ['Answer: 42', ''],
      ['the value is "quoted" here', ''],
      ['', ''],
      ['   ', ''],
    ])('%j', (text, expected) => {
      expect(repairJsonLoads(text)).toEqual(expected)
    })
  })

  it('keeps integral floats apart from ints', () => {
    const value = repairJsonLoads('[2, 2.0]') as unknown[]
    expect(value[0]).toBe(2)
    expect(value[1]).toBeInstanceOf(PyFloat)
  })
})
