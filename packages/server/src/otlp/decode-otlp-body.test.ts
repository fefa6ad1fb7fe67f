import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeOtlpBody } from './decode-otlp-body.ts'
import { OtlpError } from './otlp-error.ts'
import { encodeExportRequestProto } from './proto/encode-export-request.ts'

const MAX = 1 << 20
const TRACE = '0af7651916cd43dd8448eb211c80319c'

const body = encodeExportRequestProto({
  resourceSpans: [
    {
      scopeSpans: [
        {
          spans: [
            { traceId: TRACE, spanId: '00000000000000ab', name: 'root', startTimeUnixNano: 1n },
            {
              traceId: `0000${TRACE.slice(4)}`,
              spanId: 'ab',
              parentSpanId: '0000000000000000',
              name: 'short ids',
              startTimeUnixNano: 2n,
              endTimeUnixNano: 3n,
            },
          ],
        },
      ],
    },
  ],
})

async function refusal(promise: Promise<unknown>): Promise<{ status: number; detail: string }> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!OtlpError.isInstance(error)) throw new Error(`expected an OtlpError, got ${String(error)}`)
  return { status: error.status, detail: error.detail }
}

describe('decodeOtlpBody', () => {
  it('decodes protobuf into span records, padding short ids and reading a zero parent as root', async () => {
    const spans = await decodeOtlpBody({ body, mediaType: 'application/x-protobuf', maxBytes: MAX })
    expect(
      spans.map((span) => [span.traceId, span.spanId, span.parentSpanId, span.endTimeUnixNano]),
    ).toEqual([
      [`tr-${TRACE}`, '00000000000000ab', undefined, undefined],
      [`tr-0000${TRACE.slice(4)}`, '00000000000000ab', undefined, 3n],
    ])
    expect(spans[0]?.attributes).toEqual({ 'mlflow.traceRequestId': `"tr-${TRACE}"` })
  })

  it.each([
    ['gzip', gzipSync(body)],
    ['GZIP', gzipSync(body)],
    ['deflate', deflateSync(body)],
    ['deflate', deflateRawSync(body)],
  ])('decompresses %s bodies', async (contentEncoding, compressed) => {
    const spans = await decodeOtlpBody({
      body: compressed,
      mediaType: 'application/x-protobuf',
      contentEncoding,
      maxBytes: MAX,
    })
    expect(spans.map((span) => span.name)).toEqual(['root', 'short ids'])
  })

  it('refuses corrupt and unknown encodings with MLflow 3.17 messages', async () => {
    const decode = (contentEncoding: string, data: Uint8Array) =>
      refusal(
        decodeOtlpBody({
          body: data,
          mediaType: 'application/x-protobuf',
          contentEncoding,
          maxBytes: MAX,
        }),
      )
    expect(await decode('gzip', Buffer.from('xx'))).toEqual({
      status: 400,
      detail: 'Failed to decompress gzip payload',
    })
    expect(await decode('deflate', Buffer.from('xx'))).toEqual({
      status: 400,
      detail: 'Failed to decompress deflate payload',
    })
    expect(await decode('br', body)).toEqual({
      status: 400,
      detail: 'Unsupported Content-Encoding: br',
    })
  })

  it('refuses a compression bomb once it inflates past the limit, without inflating it all', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MAX))
    expect(bomb.length).toBeLessThan(MAX)
    for (const [contentEncoding, data] of [
      ['gzip', bomb],
      ['deflate', deflateSync(Buffer.alloc(64 * MAX))],
      ['deflate', deflateRawSync(Buffer.alloc(64 * MAX))],
    ] as const) {
      const started = process.memoryUsage().arrayBuffers
      const result = await refusal(
        decodeOtlpBody({
          body: data,
          mediaType: 'application/x-protobuf',
          contentEncoding,
          maxBytes: MAX,
        }),
      )
      expect(result.status).toBe(400)
      expect(result.detail).toMatch(/decompresses to more than the server's limit of 1048576 bytes/)
      expect(process.memoryUsage().arrayBuffers - started).toBeLessThan(16 * MAX)
    }
  })

  it('answers 400 "Invalid OpenTelemetry format" for malformed payloads', async () => {
    for (const [mediaType, data] of [
      ['application/x-protobuf', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])],
      ['application/x-protobuf', Buffer.from([0x80])],
      ['application/json', Buffer.from('{oops')],
      ['application/json', Buffer.from([0xff, 0xfe, 0x7b])],
      ['application/json', Buffer.from('[]')],
    ] as const) {
      expect(await refusal(decodeOtlpBody({ body: data, mediaType, maxBytes: MAX }))).toEqual({
        status: 400,
        detail: 'Invalid OpenTelemetry format',
      })
    }
  })

  it('answers 400 "no spans found" without resource spans, and accepts resource spans without spans', async () => {
    for (const [mediaType, data] of [
      ['application/x-protobuf', new Uint8Array()],
      ['application/json', Buffer.from('{}')],
    ] as const) {
      expect(await refusal(decodeOtlpBody({ body: data, mediaType, maxBytes: MAX }))).toEqual({
        status: 400,
        detail: 'Invalid OpenTelemetry format - no spans found',
      })
    }
    const empty = await decodeOtlpBody({
      body: Buffer.from('{"resourceSpans":[{}]}'),
      mediaType: 'application/json',
      maxBytes: MAX,
    })
    expect(empty).toEqual([])
  })

  it('answers 422 for spans MLflow cannot convert', async () => {
    const spans = [
      { traceId: '', spanId: 'ab', name: 'no trace id', startTimeUnixNano: 1n },
      { traceId: TRACE, spanId: '', name: 'no span id', startTimeUnixNano: 1n },
      { traceId: `01${TRACE}`, spanId: 'ab', name: 'wide trace id', startTimeUnixNano: 1n },
      { traceId: TRACE, spanId: '01ffffffffffffffff', name: 'wide span id', startTimeUnixNano: 1n },
    ]
    for (const span of spans) {
      const data = encodeExportRequestProto({
        resourceSpans: [{ scopeSpans: [{ spans: [span] }] }],
      })
      expect(
        await refusal(
          decodeOtlpBody({ body: data, mediaType: 'application/x-protobuf', maxBytes: MAX }),
        ),
        span.name,
      ).toEqual({ status: 422, detail: 'Cannot convert OpenTelemetry span to MLflow span' })
    }
    // A leading zero byte does not make an id wider.
    const padded = encodeExportRequestProto({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [{ traceId: `00${TRACE}`, spanId: '00ab', name: 'x', startTimeUnixNano: 1n }],
            },
          ],
        },
      ],
    })
    const [span] = await decodeOtlpBody({
      body: padded,
      mediaType: 'application/x-protobuf',
      maxBytes: MAX,
    })
    expect(span?.traceId).toBe(`tr-${TRACE}`)
  })

  it('overrides a client-sent mlflow.traceRequestId and copies a known service name onto root spans', async () => {
    const data = Buffer.from(
      JSON.stringify({
        resourceSpans: [
          {
            resource: {
              attributes: [{ key: 'service.name', value: { stringValue: 'gemini-cli' } }],
            },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: TRACE,
                    spanId: '0000000000000001',
                    attributes: [
                      { key: 'mlflow.traceRequestId', value: { stringValue: 'tr-spoofed' } },
                    ],
                  },
                  { traceId: TRACE, spanId: '0000000000000002', parentSpanId: '0000000000000001' },
                ],
              },
            ],
          },
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'my-app' } }] },
            scopeSpans: [{ spans: [{ traceId: TRACE, spanId: '0000000000000003' }] }],
          },
        ],
      }),
    )
    const spans = await decodeOtlpBody({ body: data, mediaType: 'application/json', maxBytes: MAX })
    expect(spans.map((span) => span.attributes)).toEqual([
      { 'mlflow.traceRequestId': `"tr-${TRACE}"`, 'service.name': '"gemini-cli"' },
      { 'mlflow.traceRequestId': `"tr-${TRACE}"` },
      { 'mlflow.traceRequestId': `"tr-${TRACE}"` },
    ])
  })
})
