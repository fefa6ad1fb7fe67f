import { describe, expect, it } from 'vitest'
import { dumpPyJson, fromProtobufValue, parsePyJson, toPlainJson } from './py-json.ts'

describe('py-json', () => {
  it('parses like json.loads, keeping ints apart from floats and long ints exact', () => {
    const value = parsePyJson(
      '{"a": 1, "b": 1.0, "c": 1e2, "d": 12345678901234567890, "e": [NaN, -Infinity]}',
    )
    expect(value).toEqual(
      new Map<string, unknown>([
        ['a', 1n],
        ['b', 1],
        ['c', 100],
        ['d', 12345678901234567890n],
        ['e', [Number.NaN, Number.NEGATIVE_INFINITY]],
      ]),
    )
    expect(parsePyJson(' "\\u00e9\\n" ')).toBe('é\n')
    expect(parsePyJson('{"k": 1, "k": 2}')).toEqual(new Map([['k', 2n]]))
  })

  it.each(['', '{', '[1,]', '{"a" 1}', '01', 'nul', '"\u0001"', '[1] 2', '{1: 2}'])(
    'refuses %j',
    (text) => {
      expect(() => parsePyJson(text)).toThrow(SyntaxError)
    },
  )

  it('dumps like json.dumps with its defaults', () => {
    const value = new Map<string, unknown>([
      ['int', 1n],
      ['float', 1],
      ['tiny', 1e-7],
      ['text', 'é"\n'],
      ['list', [true, null, Number.NaN]],
      ['empty', new Map()],
    ])
    expect(dumpPyJson(value as never)).toBe(
      '{"int": 1, "float": 1.0, "tiny": 1e-07, "text": "\\u00e9\\"\\n", "list": [true, null, NaN], "empty": {}}',
    )
  })

  it('round-trips what it writes', () => {
    const text = '{"a": [1, 2.5, "x"], "b": {"c": null}, "d": -0.0}'
    expect(dumpPyJson(parsePyJson(text))).toBe(text)
  })

  it('reads protobuf Values as floats and writes plain JSON back', () => {
    const value = fromProtobufValue({
      n: 2,
      big: 12345678901234567890n,
      list: [1, 'a', null],
      z: undefined,
    })
    expect(dumpPyJson(value)).toBe(
      '{"n": 2.0, "big": 1.2345678901234567e+19, "list": [1.0, "a", null], "z": null}',
    )
    expect(
      toPlainJson(
        new Map<string, never>([
          ['__proto__', 1n as never],
          ['big', (2n ** 60n) as never],
        ]),
      ),
    ).toEqual(
      JSON.parse('{"__proto__": 1, "big": 0}', (key, item) => (key === 'big' ? 2n ** 60n : item)),
    )
  })
})
