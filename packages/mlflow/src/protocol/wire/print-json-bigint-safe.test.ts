import { describe, expect, it } from 'vitest'
import { printJsonBigIntSafe } from './print-json-bigint-safe.ts'

describe('printJsonBigIntSafe', () => {
  it('prints bigints as plain integers', () => {
    expect(printJsonBigIntSafe({ t: 1718460461282123456n, n: 1 })).toBe(
      '{"t":1718460461282123456,"n":1}',
    )
    expect(printJsonBigIntSafe([2n ** 64n])).toBe('[18446744073709551616]')
  })

  it('matches JSON.stringify for everything else, with and without indentation', () => {
    const value = {
      a: [1, 'two', null, undefined, () => 1, { b: Number.NaN, c: undefined }],
      d: new Date(0),
      e: {},
      f: [],
      g: 'é"\n',
      h: Number.NEGATIVE_INFINITY,
    }
    for (const space of [undefined, 2, '\t', 20]) {
      expect(printJsonBigIntSafe({ ...value, big: 1n }, space)).toBe(
        JSON.stringify({ ...value, big: 1 }, null, space),
      )
      expect(printJsonBigIntSafe(value, space)).toBe(JSON.stringify(value, null, space))
    }
    expect(printJsonBigIntSafe(undefined)).toBe(JSON.stringify(undefined))
  })

  it('rejects circular structures', () => {
    const cyclic: Record<string, unknown> = { n: 1n }
    cyclic.self = cyclic
    expect(() => printJsonBigIntSafe(cyclic)).toThrow(TypeError)
  })
})
