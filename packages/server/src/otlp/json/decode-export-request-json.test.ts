import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../hex.ts'
import { decodeExportRequestJson } from './decode-export-request-json.ts'
import { OtlpJsonError } from './json-scalars.ts'

const TRACE = '0af7651916cd43dd8448eb211c80319c'
const SPAN = 'b7ad6b7169203331'

function request(span: Record<string, unknown>, resource?: Record<string, unknown>): string {
  return JSON.stringify({
    resourceSpans: [{ ...(resource ? { resource } : {}), scopeSpans: [{ spans: [span] }] }],
  })
}

function firstSpan(text: string) {
  const span = decodeExportRequestJson(text).resourceSpans[0]?.scopeSpans[0]?.spans[0]
  if (span === undefined) throw new Error('no span')
  return span
}

describe('decodeExportRequestJson', () => {
  it('reads OTLP JSON: hex ids, int64 as strings or numbers, enums by name or number', () => {
    const text = request({
      traceId: TRACE.toUpperCase(),
      spanId: SPAN,
      parentSpanId: '00f067aa0ba902b7',
      name: 'root',
      kind: 'SPAN_KIND_CLIENT',
      startTimeUnixNano: '1718460461282123456',
      endTimeUnixNano: '<end>',
      attributes: [
        { key: 's', value: { stringValue: 'x' } },
        { key: 'i', value: { intValue: '-9223372036854775808' } },
        { key: 'd', value: { doubleValue: 'NaN' } },
        { key: 'b', value: { boolValue: true } },
        { key: 'a', value: { arrayValue: { values: [{ intValue: 1 }, {}] } } },
        {
          key: 'm',
          value: { kvlistValue: { values: [{ key: 'k', value: { bytesValue: 'AAE=' } }] } },
        },
        { key: 'none' },
      ],
      events: [{ name: 'e', timeUnixNano: '5', attributes: [] }],
      status: { code: 2, message: 'failed' },
      links: [{ traceId: TRACE, spanId: 'ab', attributes: [{ key: 'k', value: { intValue: 2 } }] }],
      unknownField: { anything: 1 },
    })
    // An exact 19-digit JSON number (JSON.stringify cannot write one).
    const span = firstSpan(text.replace('"<end>"', '1718460461999999999'))
    expect(bytesToHex(span.traceId)).toBe(TRACE)
    expect(bytesToHex(span.parentSpanId)).toBe('00f067aa0ba902b7')
    expect(span).toMatchObject({
      name: 'root',
      kind: 3,
      startTimeUnixNano: 1718460461282123456n,
      endTimeUnixNano: 1718460461999999999n,
      events: [{ name: 'e', timeUnixNano: 5n, attributes: [] }],
      status: { code: 2, message: 'failed' },
    })
    expect(span.links.map((link) => [bytesToHex(link.traceId), bytesToHex(link.spanId)])).toEqual([
      [TRACE, 'ab'],
    ])
    expect(span.links[0]?.attributes).toEqual([{ key: 'k', value: 2n }])
    expect(span.attributes).toEqual([
      { key: 's', value: 'x' },
      { key: 'i', value: -(2n ** 63n) },
      { key: 'd', value: Number.NaN },
      { key: 'b', value: true },
      { key: 'a', value: [1n, null] },
      { key: 'm', value: { kvlist: [{ key: 'k', value: new Uint8Array([0, 1]) }] } },
      { key: 'none', value: null },
    ])
  })

  it('accepts snake_case names, with ids in base64 as protobuf reads them', () => {
    const text = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'svc' } }] },
          scope_spans: [
            {
              spans: [
                {
                  trace_id: Buffer.from(TRACE, 'hex').toString('base64'),
                  span_id: Buffer.from(SPAN, 'hex').toString('base64url'),
                  start_time_unix_nano: 3,
                  status: { code: 'STATUS_CODE_OK' },
                },
              ],
            },
          ],
        },
      ],
    })
    const request = decodeExportRequestJson(text)
    expect(request.resourceSpans[0]?.resourceAttributes).toEqual([
      { key: 'service.name', value: 'svc' },
    ])
    const span = request.resourceSpans[0]?.scopeSpans[0]?.spans[0]
    expect(bytesToHex(span?.traceId ?? new Uint8Array())).toBe(TRACE)
    expect(bytesToHex(span?.spanId ?? new Uint8Array())).toBe(SPAN)
    expect(span?.status.code).toBe(1)
  })

  it('reads an unknown enum name as unset, and null fields as absent', () => {
    const span = firstSpan(
      request({ traceId: TRACE, spanId: SPAN, kind: 'SPAN_KIND_NEW', status: null, name: null }),
    )
    expect(span.kind).toBe(0)
    expect(span.name).toBe('')
    expect(span.status).toEqual({ code: 0, message: '' })
  })

  it('reads an empty id as absent (the converter refuses it later)', () => {
    expect(firstSpan(request({ traceId: '', spanId: SPAN })).traceId).toHaveLength(0)
  })

  it.each([
    ['not JSON', '{"resourceSpans": ['],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['resourceSpans not a list', '{"resourceSpans": "x"}'],
    ['a null resource span', '{"resourceSpans": [null]}'],
    ['a resource span not an object', '{"resourceSpans": [1]}'],
    ['odd-length hex', request({ traceId: 'abc', spanId: SPAN })],
    ['non-hex id', request({ traceId: 'zz', spanId: SPAN })],
    ['a numeric id', request({ traceId: 12, spanId: SPAN })],
    [
      'bad base64 id',
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ trace_id: '!!' }] }] }] }),
    ],
    ['a fractional time', request({ traceId: TRACE, startTimeUnixNano: 1.5 })],
    ['a non-numeric time', request({ traceId: TRACE, startTimeUnixNano: 'abc' })],
    ['a negative fixed64', request({ traceId: TRACE, endTimeUnixNano: '-1' })],
    ['a fixed64 over 2^64', request({ traceId: TRACE, endTimeUnixNano: '18446744073709551616' })],
    [
      'int64 overflow',
      request({ attributes: [{ key: 'a', value: { intValue: '9223372036854775808' } }] }),
    ],
    ['a fractional intValue', request({ attributes: [{ key: 'a', value: { intValue: '5.5' } }] })],
    ['a string boolValue', request({ attributes: [{ key: 'a', value: { boolValue: 'true' } }] })],
    ['a numeric stringValue', request({ attributes: [{ key: 'a', value: { stringValue: 5 } }] })],
    [
      'two oneof members',
      request({ attributes: [{ key: 'a', value: { stringValue: 'x', intValue: 1 } }] }),
    ],
    ['a numeric key', request({ attributes: [{ key: 5 }] })],
    ['attributes not a list', request({ attributes: {} })],
    ['a status not an object', request({ status: 'OK' })],
    ['a boolean kind', request({ kind: true })],
  ])('refuses %s', (_what, text) => {
    expect(() => decodeExportRequestJson(text)).toThrow(OtlpJsonError)
  })

  it('refuses attribute values nested deeper than protobuf allows', () => {
    let value: Record<string, unknown> = { stringValue: 'x' }
    for (let i = 0; i < 200; i++) value = { arrayValue: { values: [value] } }
    expect(() => decodeExportRequestJson(request({ attributes: [{ key: 'a', value }] }))).toThrow(
      /nested too deeply/,
    )
  })
})
