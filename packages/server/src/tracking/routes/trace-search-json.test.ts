import {
  decodeResponse,
  encodeResponse,
  printJsonBigIntSafe,
  searchTracesV3,
} from '@dspyflow/mlflow/protocol'
import { describe, expect, it } from 'vitest'
import type { TraceInfoRecord } from '../../stores/traces/trace-store.ts'
import { searchTracesJson, searchTracesResponse } from './trace-search-json.ts'

function record(overrides: Partial<TraceInfoRecord> = {}): TraceInfoRecord {
  return {
    traceId: 'tr-0123456789abcdef0123456789abcdef',
    experimentId: '7',
    requestTime: 1_760_000_000_000,
    executionDuration: 900,
    state: 'OK',
    clientRequestId: undefined,
    requestPreview: '{"question": "où?\\n"}',
    responsePreview: 'answer',
    traceMetadata: { 'mlflow.trace.tokenUsage': '{"input_tokens": 1}' },
    tags: { customer: 'customer-1', 'mlflow.trace.spansLocation': 'TRACKING_STORE' },
    assessments: [],
    ...overrides,
  }
}

/** What the generic path (zod parse, wire codec, printJsonBigIntSafe) writes. */
function generic(infos: TraceInfoRecord[], nextPageToken?: string): string {
  const response = searchTracesResponse({ infos, nextPageToken })
  return printJsonBigIntSafe(encodeResponse(searchTracesV3, response))
}

const astral = '😀'.repeat(300)
const VARIANTS: TraceInfoRecord[] = [
  record(),
  record({ clientRequestId: 'client "1"', executionDuration: undefined }),
  record({ requestPreview: undefined, responsePreview: '' }),
  record({ requestPreview: 'ctl \u0000\u0001\u001f\b\f\t\r\n \u2028 \\ / "q" é 😀' }),
  record({ executionDuration: 0, requestTime: 1_760_000_000_123 }),
  record({ executionDuration: -1500, requestTime: 0 }),
  record({ executionDuration: 61_001, requestTime: -1 }),
  record({ requestTime: 253_402_300_799_999, state: 'IN_PROGRESS' }),
  record({ requestTime: -62_167_219_200_000, state: 'ERROR' }),
  record({ state: 'STATE_UNSPECIFIED', traceMetadata: {}, tags: {} }),
  record({ tags: { zeta: 'z', '10': 'ten', '2': 'two', alpha: 'a', '': '' } }),
  record({ tags: { ['k'.repeat(260)]: 'v'.repeat(5000), ['k'.repeat(255)]: 'other' } }),
  record({ tags: { emoji: astral, small: 'x' }, traceMetadata: { emoji: astral } }),
  record({ traceMetadata: { ['é'.repeat(251)]: 'x'.repeat(251), short: 'y' } }),
  record({ tags: { toJSON: 'not a method', constructor: 'c' } }),
  record({
    tags: Object.assign(Object.create(null) as Record<string, string>, { a: '1', '3': 'b' }),
  }),
]

describe('searchTracesJson', () => {
  it('writes byte for byte what the generic encoder writes, and it fits the schema', () => {
    for (const info of VARIANTS) {
      for (const token of [undefined, 'eyJvZmZzZXQiOiAxMDB9']) {
        const text = searchTracesJson({ infos: [info], nextPageToken: token })
        expect(text).toBe(generic([info], token))
        decodeResponse(searchTracesV3, JSON.parse(text as string))
      }
    }
    const page = searchTracesJson({ infos: VARIANTS, nextPageToken: 'abc' })
    expect(page).toBe(generic(VARIANTS, 'abc'))
  })

  it('leaves to the generic path what it does not write itself', () => {
    const assessed = record({
      assessments: [
        {
          assessmentName: 'quality',
          feedback: { value: 'yes' },
          source: { sourceType: 'HUMAN', sourceId: 'ada' },
        },
      ],
    })
    for (const infos of [
      [],
      [record(), assessed],
      [record({ state: 'NOPE' as TraceInfoRecord['state'] })],
      [record({ requestTime: 253_402_300_800_000 })],
      [record({ requestTime: -62_167_219_200_001 })],
      [record({ requestTime: Number.NaN })],
      [record({ executionDuration: 1.5 })],
    ]) {
      expect(searchTracesJson({ infos, nextPageToken: undefined })).toBeUndefined()
    }
  })
})
