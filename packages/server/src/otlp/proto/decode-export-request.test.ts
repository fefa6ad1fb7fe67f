import { readFileSync } from 'node:fs'
import { parseJsonBigIntSafe } from '@dspyflow/mlflow/protocol'
import { describe, expect, it } from 'vitest'
import { toSpanRecords } from '../convert/to-span-records.ts'
import { bytesToHex, hexToBytes } from '../hex.ts'
import { decodeExportRequestProto } from './decode-export-request.ts'
import { encodeExportRequestProto, type OtlpSpanInput } from './encode-export-request.ts'

/**
 * Bytes built with the `opentelemetry-proto` Python classes and the spans MLflow 3.17's
 * `Span.from_otel_proto` makes of them (generated once with `.venv-mlflow`).
 */
const fixture = parseJsonBigIntSafe(
  readFileSync(new URL('../__fixtures__/python-export-request.json', import.meta.url), 'utf8'),
) as {
  hex: string
  spans: {
    attributes: Record<string, string>
    parent: string | null
    span_id: string
    trace_id: string
    status: { code: string; message: string }
    events: { name: string; time: bigint; attributes: Record<string, unknown> }[]
    links: { trace_id: string; span_id: string; attributes: Record<string, unknown> | null }[]
  }[]
}

describe('decodeExportRequestProto', () => {
  it('reads what Python protobuf writes, and converts it as MLflow does', () => {
    const request = decodeExportRequestProto(hexToBytes(fixture.hex) as Uint8Array)
    const spans = toSpanRecords(request)
    expect(spans).toHaveLength(2)
    const [root, child] = spans
    const [expectedRoot, expectedChild] = fixture.spans
    // The route copies the resource's known `service.name` onto the root span, after the rest.
    expect(Object.entries(root?.attributes ?? {})).toEqual(
      Object.entries({ ...expectedRoot?.attributes, 'service.name': '"claude-code"' }),
    )
    expect(root).toMatchObject({
      traceId: expectedRoot?.trace_id,
      spanId: expectedRoot?.span_id,
      parentSpanId: undefined,
      name: 'root ✓',
      kind: 'SPAN_KIND_SERVER',
      startTimeUnixNano: 1718460461282123456n,
      endTimeUnixNano: 1718460461999999999n,
      statusCode: 'STATUS_CODE_ERROR',
      statusMessage: 'boom',
      events: [
        {
          name: 'exception',
          timeUnixNano: 1718460461500000000n,
          attributes: { 'exception.message': 'bad', n: 3n },
        },
      ],
    })
    expect(child).toMatchObject({
      traceId: expectedChild?.trace_id,
      spanId: expectedChild?.span_id,
      parentSpanId: expectedChild?.parent,
      traceState: 'k=v',
      kind: 'SPAN_KIND_UNSPECIFIED',
      statusCode: 'STATUS_CODE_UNSET',
      attributes: expectedChild?.attributes,
    })
    expect(root?.links).toBeUndefined()
    expect(child?.links).toEqual(
      expectedChild?.links.map((link) => ({
        traceId: link.trace_id,
        spanId: link.span_id,
        attributes: { ...link.attributes, n: 7n },
      })),
    )
  })

  it('round-trips what the encoder writes', () => {
    const span: OtlpSpanInput = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      parentSpanId: '00f067aa0ba902b7',
      traceState: 'a=b',
      name: 'x'.repeat(300),
      kind: 3,
      startTimeUnixNano: 2n ** 63n + 5n,
      endTimeUnixNano: 2n ** 64n - 1n,
      attributes: [
        { key: 'big', value: -(2n ** 63n) },
        {
          key: 'nested',
          value: { kvlist: [{ key: 'k', value: [1.5, null, new Uint8Array([1])] }] },
        },
        { key: 'empty', value: '' },
        { key: 'zero', value: 0 },
        { key: 'false', value: false },
      ],
      events: [{ name: 'e', timeUnixNano: 7n, attributes: { s: 'é'.repeat(100) } }],
      status: { code: 2, message: 'm' },
    }
    const bytes = encodeExportRequestProto({
      resourceSpans: [
        {
          resourceAttributes: { 'service.name': 'svc' },
          scopeSpans: [{ scope: { name: 'scope', version: '1' }, spans: [span] }],
        },
      ],
    })
    const decoded = decodeExportRequestProto(bytes)
    expect(decoded.resourceSpans[0]?.resourceAttributes).toEqual([
      { key: 'service.name', value: 'svc' },
    ])
    const [result] = decoded.resourceSpans[0]?.scopeSpans[0]?.spans ?? []
    expect(result).toBeDefined()
    expect(bytesToHex(result?.traceId ?? new Uint8Array())).toBe(span.traceId)
    expect(bytesToHex(result?.parentSpanId ?? new Uint8Array())).toBe(span.parentSpanId)
    expect(result).toMatchObject({
      traceState: 'a=b',
      name: span.name,
      kind: 3,
      startTimeUnixNano: span.startTimeUnixNano,
      endTimeUnixNano: span.endTimeUnixNano,
      attributes: span.attributes,
      events: [{ name: 'e', timeUnixNano: 7n, attributes: [{ key: 's', value: 'é'.repeat(100) }] }],
      status: { code: 2, message: 'm' },
    })
  })

  it('merges a singular message field sent twice', () => {
    const one = encodeExportRequestProto({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '01',
                  spanId: '02',
                  name: 'a',
                  startTimeUnixNano: 1n,
                  status: { code: 1 },
                  attributes: [{ key: 'v', value: [1n] }],
                },
              ],
            },
          ],
        },
      ],
    })
    // A second `status { message: 'later' }` inside the same span merges into the first one.
    const statusTail = [0x7a, 0x07, 0x12, 0x05, ...Buffer.from('later')]
    const request = decodeExportRequestProto(appendToFirstSpan(one, statusTail))
    const span = request.resourceSpans[0]?.scopeSpans[0]?.spans[0]
    expect(span?.status).toEqual({ code: 1, message: 'later' })
    expect(span?.name).toBe('a')
  })
})

/**
 * Appends raw field bytes at the end of the first span of an encoded single-span request,
 * rewriting the three enclosing lengths (each under 128 bytes here).
 */
function appendToFirstSpan(bytes: Uint8Array, tail: number[]): Uint8Array {
  const out = Array.from(bytes)
  // layout: 0a L1 12 L2 12 L3 <span>
  expect(out[0]).toBe(0x0a)
  expect(out[2]).toBe(0x12)
  expect(out[4]).toBe(0x12)
  out[1] = (out[1] as number) + tail.length
  out[3] = (out[3] as number) + tail.length
  out[5] = (out[5] as number) + tail.length
  return new Uint8Array([...out, ...tail])
}
