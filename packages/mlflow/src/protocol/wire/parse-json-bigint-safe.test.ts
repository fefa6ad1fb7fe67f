import { describe, expect, it } from 'vitest'
import { mayHoldUnsafeInteger, parseJsonBigIntSafe } from './parse-json-bigint-safe.ts'
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

describe('mayHoldUnsafeInteger (the JSON.parse fast path)', () => {
  it('sends ordinary doubles with 16+ digits to JSON.parse', () => {
    for (const text of [
      '{"value":0.1234567890123456}',
      '{"value":-0.84147098480789650}',
      '[1.2345678901234567,2.5]',
      '{"e":1e1234567890123456,"f":1E+1234567890123456,"g":2.5e-12345678901234567}',
      '{"t":1760000000000,"step":123456789012345}',
      '{"n":999999999999999}',
    ]) {
      expect(mayHoldUnsafeInteger(text), text).toBe(false)
    }
  })

  it('sends every integer of 16 or more digits to the bigint-safe parser', () => {
    for (const text of [
      '1234567890123456',
      '{"t":1718460461282123456}',
      '{"t": -9007199254740993}',
      '[1,\n12345678901234567]',
      '{"n":9007199254740991}',
      '{"f":12345678901234567890.5}',
    ]) {
      expect(mayHoldUnsafeInteger(text), text).toBe(true)
    }
  })

  it('finds exactly the runs the regular-expression definition finds (random texts)', () => {
    // The definition: 16+ digits, optionally after a minus, not after `.`, a digit, e, E, + or -.
    const definition = /(?:^|[^.\deE+-])-?\d{16}/
    const alphabet = '01234567890123456789012345678901234567.eE+-:,[ "a'
    let seed = 42
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    for (let sample = 0; sample < 20_000; sample += 1) {
      let text = ''
      const length = Math.floor(random() * 70)
      for (let index = 0; index < length; index += 1) {
        text += alphabet[Math.floor(random() * alphabet.length)]
      }
      expect(mayHoldUnsafeInteger(text), JSON.stringify(text)).toBe(definition.test(text))
    }
  })

  it('gives the same values on both sides of the boundary', () => {
    const metrics = Array.from({ length: 200 }, (_, index) => ({
      key: `m${index % 7}`,
      value: Math.sin(index) + index / 3,
      timestamp: 1_760_000_000_000 + index,
      step: index,
    }))
    const text = JSON.stringify({ run_id: 'r', metrics })
    expect(mayHoldUnsafeInteger(text)).toBe(false)
    expect(parseJsonBigIntSafe(text)).toEqual(JSON.parse(text))
    const withBig = text.replace('"step":0', '"step":9007199254740993')
    expect(mayHoldUnsafeInteger(withBig)).toBe(true)
    const parsed = parseJsonBigIntSafe(withBig) as { metrics: { step: unknown }[] }
    expect(parsed.metrics[0]?.step).toBe(9007199254740993n)
    expect(parsed.metrics.slice(1)).toEqual(metrics.slice(1))
  })

  it('decodes strings on the slow path exactly as JSON.parse does', () => {
    const text =
      '{"big":12345678901234567890,"plain":"abc","escaped":"a\\"b\\\\c\\u00e9\\n","empty":""}'
    const parsed = parseJsonBigIntSafe(text) as Record<string, unknown>
    expect(parsed).toEqual({
      ...JSON.parse(text.replace('12345678901234567890', '0')),
      big: 12345678901234567890n,
    })
    expect(() => parseJsonBigIntSafe('{"big":12345678901234567890,"raw":"a\tb"}')).toThrow(
      SyntaxError,
    )
  })
})
