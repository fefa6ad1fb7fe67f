import { describe, expect, it } from 'vitest'
import { parseJsonBigIntSafe } from './parse-json-bigint-safe.ts'
import { printJsonBigIntSafe } from './print-json-bigint-safe.ts'

const spanText =
  '{"spans":[{"name":"root","start_time_unix_nano":1718460461282123456,' +
  '"end_time_unix_nano":18446744073709551615,"parent_span_id":null,"attributes":' +
  '{"mlflow.spanType":"\\"CHAIN\\""},"events":[],"n":-9007199254740993,"ok":true,' +
  '"small":42,"float":2.5,"exp":1e400}]}'

describe('parseJsonBigIntSafe', () => {
  it('keeps integers beyond 2^53 exact as bigint', () => {
    const parsed = parseJsonBigIntSafe(spanText) as { spans: Record<string, unknown>[] }
    const span = parsed.spans[0] as Record<string, unknown>
    expect(span.start_time_unix_nano).toBe(1718460461282123456n)
    expect(span.end_time_unix_nano).toBe(18446744073709551615n)
    expect(span.n).toBe(-9007199254740993n)
    expect(span.small).toBe(42)
    expect(span.float).toBe(2.5)
    expect(span.exp).toBe(Number.POSITIVE_INFINITY)
    expect(span.attributes).toEqual({ 'mlflow.spanType': '"CHAIN"' })
    expect(span.parent_span_id).toBeNull()
    expect(span.ok).toBe(true)
  })

  it('agrees with JSON.parse where no big integer is involved', () => {
    const samples = [
      '{"a":[1,2.5,-0.1e-3,"x\\u00e9\\n",{"b":null}],"c":false}',
      '  [ ]  ',
      '"just a string with 12345678901234567 digits"',
      '{"digits":"12345678901234567890","n":9007199254740991}',
      '{"__proto__":{"polluted":true}}',
    ]
    for (const sample of samples) {
      expect(parseJsonBigIntSafe(sample)).toEqual(JSON.parse(sample))
    }
    const proto = parseJsonBigIntSafe('{"__proto__":{"x":1},"n":12345678901234567890}')
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype)
    expect(Object.keys(proto as object)).toEqual(['__proto__', 'n'])
  })

  it('reads large non-integers as (rounded) numbers, like JSON.parse', () => {
    const parsed = parseJsonBigIntSafe('{"f":12345678901234567890.5,"e":12345678901234567e3}')
    expect(parsed).toEqual(JSON.parse('{"f":12345678901234567890.5,"e":12345678901234567e3}'))
    expect(typeof (parsed as { f: unknown }).f).toBe('number')
  })

  it('rejects malformed JSON', () => {
    for (const bad of [
      '{"n":12345678901234567890',
      '{"n":12345678901234567890,}',
      '[12345678901234567890 1]',
      '{"n":012345678901234567890}',
      '{n:12345678901234567890}',
      '"12345678901234567890',
      '12345678901234567890 x',
    ]) {
      expect(() => parseJsonBigIntSafe(bad), bad).toThrow(SyntaxError)
    }
  })

  it('round-trips through printJsonBigIntSafe byte for byte', () => {
    const compact = printJsonBigIntSafe(parseJsonBigIntSafe(spanText))
    expect(compact).toBe(spanText.replace('1e400', 'null'))
    const big = { t: 2n ** 64n + 1n, list: [2n ** 53n + 1n, -(2n ** 70n)] }
    expect(parseJsonBigIntSafe(printJsonBigIntSafe(big))).toEqual(big)
  })
})
