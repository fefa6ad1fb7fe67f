import { describe, expect, it } from 'vitest'
import {
  dumpAttributeValue,
  pythonBytesRepr,
  pythonFloatRepr,
  toPlainAttributeValue,
} from './python-json.ts'

describe('pythonFloatRepr', () => {
  it.each([
    [1, '1.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [0.1, '0.1'],
    [1.5, '1.5'],
    [123.456, '123.456'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1234567890123456, '1234567890123456.0'],
    [1e16, '1e+16'],
    [1.2345e300, '1.2345e+300'],
    [5e-324, '5e-324'],
    [-2.5e-10, '-2.5e-10'],
    [0.30000000000000004, '0.30000000000000004'],
    [Number.NaN, 'nan'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ])('%d → %s', (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected)
  })
})

describe('pythonBytesRepr', () => {
  it('escapes like Python and picks the quote Python picks', () => {
    expect(pythonBytesRepr(new Uint8Array([0x00, 0x61, 0x7f, 0xff]))).toBe("b'\\x00a\\x7f\\xff'")
    expect(pythonBytesRepr(Buffer.from("it's"))).toBe(`b"it's"`)
    expect(pythonBytesRepr(Buffer.from(`'"`))).toBe(`b'\\'"'`)
    expect(pythonBytesRepr(Buffer.from('\t\n\r\\'))).toBe("b'\\t\\n\\r\\\\'")
    expect(pythonBytesRepr(new Uint8Array())).toBe("b''")
  })
})

describe('dumpAttributeValue', () => {
  it('writes json.dumps(value, ensure_ascii=False) text', () => {
    expect(dumpAttributeValue('LLM')).toBe('"LLM"')
    expect(dumpAttributeValue('é\n"\u0001')).toBe('"é\\n\\"\\u0001"')
    expect(dumpAttributeValue(true)).toBe('true')
    expect(dumpAttributeValue(null)).toBe('null')
    expect(dumpAttributeValue(9007199254740993n)).toBe('9007199254740993')
    expect(dumpAttributeValue(2)).toBe('2.0')
    expect(dumpAttributeValue(Number.NaN)).toBe('NaN')
    expect(dumpAttributeValue(Number.POSITIVE_INFINITY)).toBe('Infinity')
    expect(dumpAttributeValue([1n, 'a', [], { kvlist: [] }])).toBe('[1, "a", [], {}]')
    expect(dumpAttributeValue(new Uint8Array([0]))).toBe('"b\'\\\\x00\'"')
  })

  it('writes maps like a Python dict: last value wins at the first place', () => {
    const value = {
      kvlist: [
        { key: 'b', value: 1n },
        { key: '1', value: 'one' },
        { key: 'b', value: 2n },
      ],
    }
    expect(dumpAttributeValue(value)).toBe('{"b": 2, "1": "one"}')
  })
})

describe('toPlainAttributeValue', () => {
  it('decodes maps to objects, bytes to their repr, and keeps integers exact', () => {
    const value = {
      kvlist: [
        { key: '__proto__', value: 1n },
        { key: 'bytes', value: new Uint8Array([1]) },
        { key: 'list', value: [2.5, null] },
      ],
    }
    const plain = toPlainAttributeValue(value) as Record<string, unknown>
    expect(Object.keys(plain)).toEqual(['__proto__', 'bytes', 'list'])
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype)
    expect(plain.bytes).toBe("b'\\x01'")
    expect(plain.list).toEqual([2.5, null])
  })
})
