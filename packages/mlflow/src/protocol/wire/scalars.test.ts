import { describe, expect, it } from 'vitest'
import {
  decodeBigInt,
  decodeBool,
  decodeDouble,
  decodeEnum,
  decodeInt64,
  encodeDouble,
} from './scalars.ts'

describe('int64', () => {
  it('reads numbers and numeric strings, leaves the rest for validation', () => {
    expect(decodeInt64(1718460461282)).toBe(1718460461282)
    expect(decodeInt64('1718460461282')).toBe(1718460461282)
    expect(decodeInt64('-5')).toBe(-5)
    expect(decodeInt64('+7')).toBe(7)
    expect(decodeInt64(12n)).toBe(12)
    expect(decodeInt64('1.5')).toBe('1.5')
    expect(decodeInt64('abc')).toBe('abc')
    expect(decodeInt64('')).toBe('')
    expect(decodeInt64('9007199254740993')).toBe(9007199254740993n)
    expect(decodeInt64(9007199254740993n)).toBe(9007199254740993n)
  })
})

describe('double', () => {
  it('round-trips NaN and the infinities as MLflow writes them', () => {
    for (const [value, text] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
    ] as const) {
      expect(encodeDouble(value)).toBe(text)
      expect(decodeDouble(text)).toBe(value)
    }
  })

  it('keeps finite numbers as numbers and reads numeric strings', () => {
    expect(encodeDouble(0.82)).toBe(0.82)
    expect(decodeDouble('0.82')).toBe(0.82)
    expect(decodeDouble('1e3')).toBe(1000)
    expect(decodeDouble(1.7976931348623157e308)).toBe(1.7976931348623157e308)
    expect(decodeDouble('nan')).toBe('nan')
    expect(decodeDouble('abc')).toBe('abc')
  })
})

describe('bool, enum, bigint', () => {
  it('reads booleans from query text in any case', () => {
    expect(decodeBool('True')).toBe(true)
    expect(decodeBool('false')).toBe(false)
    expect(decodeBool('yes')).toBe('yes')
  })

  it('reads enums by name or number', () => {
    const numbers = new Map([
      [1, 'RUNNING'],
      [3, 'FINISHED'],
    ])
    expect(decodeEnum('FINISHED', numbers)).toBe('FINISHED')
    expect(decodeEnum(3, numbers)).toBe('FINISHED')
    expect(decodeEnum('1', numbers)).toBe('RUNNING')
    expect(decodeEnum(9, numbers)).toBe(9)
    expect(decodeEnum('SIDEWAYS', numbers)).toBeUndefined()
    expect(decodeEnum('finished', numbers)).toBeUndefined()
  })

  it('reads nanosecond integers as bigint', () => {
    expect(decodeBigInt('1718460461282123456')).toBe(1718460461282123456n)
    expect(decodeBigInt(5)).toBe(5n)
    expect(decodeBigInt(1.5)).toBe(1.5)
  })
})
