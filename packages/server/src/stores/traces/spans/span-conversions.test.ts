import { describe, expect, it } from 'vitest'
import type { SpanRecord } from '../span-record.ts'
import { attributeAnyValue, plainAnyValue } from './any-value.ts'
import { otelSpanJson } from './otel-span-json.ts'
import { pythonJsonFloat } from '../../../python/python-float.ts'
import { PythonFloat, pythonJsonText } from './python-json.ts'
import { spanDictJson, spanRecordFromDictJson, tracesJsonText } from './span-dict.ts'
import { base64ToTraceId, isBase64Id, traceIdToBase64 } from './span-ids.ts'
import { parseTypedJson } from './typed-json.ts'

const record: SpanRecord = {
  traceId: 'tr-a4ee0ff74cd7fa8e7281759ecaac20ce',
  spanId: '4d2ab043bb079b6c',
  parentSpanId: undefined,
  name: 'outer',
  kind: 'SPAN_KIND_INTERNAL',
  traceState: '',
  startTimeUnixNano: 1_795_488_086_823_481_706n,
  endTimeUnixNano: 1_795_488_086_888_536_027n,
  statusCode: 'STATUS_CODE_OK',
  statusMessage: '',
  attributes: {
    'mlflow.traceRequestId': '"tr-a4ee0ff74cd7fa8e7281759ecaac20ce"',
    'mlflow.spanType': '"CHAIN"',
    'mlflow.spanInputs': '{"x": 21}',
  },
  events: [{ name: 'e', timeUnixNano: 1_795_488_086_823_481_707n, attributes: { n: 1 } }],
  links: [{ traceId: 'tr-00000000000000000000000000000001', spanId: '0000000000000002' }],
}

describe('python-json', () => {
  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1e-7, '1e-07'],
    [1e16, '1e+16'],
    [123456789.5, '123456789.5'],
    [-0, '-0.0'],
    [Number.NaN, 'NaN'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('repr(%s) is %s', (value, text) => {
    expect(pythonJsonFloat(value)).toBe(text)
  })

  it('writes json.dumps text', () => {
    expect(pythonJsonText({ a: [1, 'é', null, true], b: new PythonFloat(2), c: 2n ** 64n })).toBe(
      '{"a": [1, "é", null, true], "b": 2.0, "c": 18446744073709551616}',
    )
  })
})

describe('typed JSON and AnyValues', () => {
  it('keeps integers apart from floats, exactly', () => {
    expect(parseTypedJson('[1, 1.0, 9007199254740993, NaN]')).toEqual({
      kind: 'array',
      items: [
        { kind: 'int', value: 1 },
        { kind: 'float', value: 1 },
        { kind: 'int', value: 9007199254740993n },
        { kind: 'float', value: Number.NaN },
      ],
    })
    expect(parseTypedJson('{"a": }')).toBeUndefined()
  })

  it('decodes stored attributes as MLflow reads them', () => {
    expect(attributeAnyValue('"LLM"')).toEqual({ stringValue: 'LLM' })
    expect(attributeAnyValue('1.0')).toEqual({ doubleValue: 1 })
    expect(attributeAnyValue('not json')).toEqual({ stringValue: 'not json' })
    expect(attributeAnyValue('')).toEqual({})
    expect(attributeAnyValue('{"a": [true, null]}')).toEqual({
      kvlistValue: {
        values: [{ key: 'a', value: { arrayValue: { values: [{ boolValue: true }, {}] } } }],
      },
    })
    expect(plainAnyValue({ n: 2.5 })).toEqual({
      kvlistValue: { values: [{ key: 'n', value: { doubleValue: 2.5 } }] },
    })
  })
})

describe('span dicts', () => {
  it('are written as MLflow writes them and read back exactly', () => {
    const text = spanDictJson(record)
    expect(text).toBe(
      '{"trace_id": "pO4P90zX+o5ygXWeyqwgzg==", "span_id": "TSqwQ7sHm2w=", "parent_span_id": null, ' +
        '"name": "outer", "start_time_unix_nano": 1795488086823481706, ' +
        '"end_time_unix_nano": 1795488086888536027, ' +
        '"events": [{"name": "e", "time_unix_nano": 1795488086823481707, "attributes": {"n": 1}}], ' +
        '"status": {"code": "STATUS_CODE_OK", "message": ""}, ' +
        '"attributes": {"mlflow.traceRequestId": "\\"tr-a4ee0ff74cd7fa8e7281759ecaac20ce\\"", ' +
        '"mlflow.spanType": "\\"CHAIN\\"", "mlflow.spanInputs": "{\\"x\\": 21}"}, ' +
        '"links": [{"trace_id": "tr-00000000000000000000000000000001", "span_id": "0000000000000002", "attributes": null}]}',
    )
    expect(spanRecordFromDictJson(text)).toEqual({
      ...record,
      kind: 'SPAN_KIND_UNSPECIFIED',
    })
    expect(tracesJsonText([text, text])).toBe(`{"spans":[${text},${text}]}`)
  })

  it('read the MLflow 3.5 layout with hex ids', () => {
    const legacy = spanRecordFromDictJson(
      '{"trace_id": "tr-a4ee0ff74cd7fa8e7281759ecaac20ce", "span_id": "4d2ab043bb079b6c", ' +
        '"parent_span_id": "", "name": "x", "start_time_unix_nano": 1, "end_time_unix_nano": null, ' +
        '"status": {"code": "OK"}, "attributes": {}}',
    )
    expect(legacy).toMatchObject({
      traceId: 'tr-a4ee0ff74cd7fa8e7281759ecaac20ce',
      spanId: '4d2ab043bb079b6c',
      parentSpanId: undefined,
      endTimeUnixNano: undefined,
      statusCode: 'STATUS_CODE_OK',
    })
  })

  it('become OpenTelemetry proto JSON', () => {
    const span = otelSpanJson({
      ...record,
      parentSpanId: '0000000000000001',
      statusCode: 'STATUS_CODE_ERROR',
      statusMessage: 'boom',
    })
    expect(span).toMatchObject({
      traceId: 'pO4P90zX+o5ygXWeyqwgzg==',
      spanId: 'TSqwQ7sHm2w=',
      parentSpanId: 'AAAAAAAAAAE=',
      startTimeUnixNano: 1_795_488_086_823_481_706n,
      status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
      links: [{ traceId: 'AAAAAAAAAAAAAAAAAAAAAQ==', spanId: 'AAAAAAAAAAI=', attributes: [] }],
    })
    expect(span.attributes[2]).toEqual({
      key: 'mlflow.spanInputs',
      value: { kvlistValue: { values: [{ key: 'x', value: { intValue: 21 } }] } },
    })
    expect(otelSpanJson({ ...record, statusCode: 'STATUS_CODE_UNSET' }).status).toEqual({})
  })

  it('ids convert both ways', () => {
    expect(base64ToTraceId(traceIdToBase64(record.traceId))).toBe(record.traceId)
    expect(isBase64Id('TSqwQ7sHm2w=')).toBe(true)
    expect(isBase64Id('4d2ab043bb079b6c')).toBe(false)
  })
})
