import {
  encodeResponse,
  printJsonBigIntSafe,
  searchTracesV3,
  type TraceState,
} from '@dspyflow/mlflow/protocol'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BackendStores } from '../../stores/backend-stores.ts'
import { createSqliteBackendStores } from '../../stores/sqlite/sqlite-tracking-store.ts'
import {
  makeTraceInfo,
  START_TIME,
  traceIdOf,
} from '../../stores/traces/testing/trace-store-harness.ts'
import type { SearchTracesOptions, StartTraceInput } from '../../stores/traces/trace-store.ts'
import { searchTracesAnswerJson, searchTracesResponse } from './trace-search-json.ts'

let database: Database.Database
let stores: BackendStores
let experimentId: string
let traceNumber = 0

beforeEach(async () => {
  database = new Database(':memory:')
  stores = await createSqliteBackendStores({ database })
  experimentId = await stores.trackingStore.createExperiment({ name: 'written by SQLite' })
})
afterEach(() => stores.close())

async function startTrace(overrides: Partial<StartTraceInput> = {}): Promise<string> {
  traceNumber += 1
  const traceId = traceIdOf(traceNumber)
  await stores.traceStore.startTrace({
    traceInfo: makeTraceInfo({
      traceId,
      experimentId,
      requestTime: START_TIME + traceNumber,
      ...overrides,
    }),
  })
  return traceId
}

/** What the server writes through its generic path (records, zod, wire codec). */
async function genericAnswer(options: SearchTracesOptions): Promise<string> {
  const result = await stores.traceStore.searchTraces(options)
  const response = searchTracesResponse({
    infos: result.traceInfos,
    nextPageToken: result.nextPageToken,
  })
  return printJsonBigIntSafe(encodeResponse(searchTracesV3, response))
}

/** What the route answers when the store writes the page itself; undefined when it declines. */
async function writtenAnswer(options: SearchTracesOptions): Promise<string | undefined> {
  const written = await stores.traceStore.searchTracesJson(options)
  return written === undefined ? undefined : searchTracesAnswerJson(written)
}

const search = (extra: Partial<SearchTracesOptions> = {}) => ({
  experimentIds: [experimentId],
  ...extra,
})
const astral = (count: number) => '😀'.repeat(count)

/** Trace infos SQLite writes itself, each with a kind of value the answer must carry exactly. */
const WRITTEN: Partial<StartTraceInput>[] = [
  {},
  { clientRequestId: 'client "1" \\ é', executionDuration: undefined },
  { requestPreview: undefined, responsePreview: '' },
  { requestPreview: 'ctl \u0000\u0001\u001f\u007f\b\f\t\r\n \u2028 \\ / "q" é 😀 \ud800 end' },
  { executionDuration: 0, requestTime: 1_760_000_000_123 },
  { executionDuration: 61_001, requestTime: 1_000 },
  { executionDuration: 9_007_199_254_740_991, requestTime: 0 },
  { requestTime: 253_402_300_799_999, state: 'IN_PROGRESS' },
  { state: 'ERROR', traceMetadata: {}, tags: {} },
  { state: 'STATE_UNSPECIFIED' },
  { tags: { zeta: 'z', alpha: 'a', '': '', a0: '0', '-1': 'minus', ' 1': 'space' } },
  { tags: { emoji: astral(2048), ['é'.repeat(250)]: 'x' }, traceMetadata: { emoji: astral(250) } },
  { traceMetadata: { ['é'.repeat(250)]: 'ü'.repeat(250), 'k"\\\n': 'v\u0000w' } },
  { tags: { toJSON: 'not a method', constructor: 'c', hasOwnProperty: 'h' } },
  { tags: { nul: `${'\u0000'.repeat(10)}x` } },
]

/** Trace infos it leaves to the generic path. */
const DECLINED: [string, Partial<StartTraceInput>][] = [
  ['an integer-like tag key', { tags: { '10': 'ten', alpha: 'a' } }],
  ['an integer-like metadata key', { traceMetadata: { '0': 'x' } }],
  ['a `__proto__` tag', { tags: { ['__proto__']: 'p' } }],
  ['a tag value cut at 4096 characters', { tags: { emoji: astral(4097) } }],
  ['a tag key cut at 250 characters', { tags: { ['k'.repeat(251)]: 'v' } }],
  ['a metadata value cut at 250 characters', { traceMetadata: { key: 'ü'.repeat(251) } }],
  ['a long value with a NUL character', { traceMetadata: { key: `\u0000${'x'.repeat(300)}` } }],
  ['a time before 1970', { requestTime: -1 }],
  ['a negative duration', { executionDuration: -1500 }],
  [
    'assessments',
    {
      assessments: [
        {
          assessmentName: 'quality',
          feedback: { value: 'yes' },
          source: { sourceType: 'HUMAN', sourceId: 'ada' },
        },
      ],
    },
  ],
]

describe('search answers SQLite writes itself', () => {
  it('are byte for byte what the generic path writes, trace by trace and as a page', async () => {
    for (const overrides of WRITTEN) {
      const traceId = await startTrace(overrides)
      const options = search({ filter: `trace.request_id = '${traceId}'` })
      const written = await writtenAnswer(options)
      expect(written, JSON.stringify(overrides).slice(0, 200)).toBeDefined()
      expect(written).toBe(await genericAnswer(options))
    }
    for (const maxResults of [3, WRITTEN.length, 100]) {
      const options = search({ maxResults, orderBy: ['timestamp_ms ASC'] })
      expect(await writtenAnswer(options)).toBe(await genericAnswer(options))
    }
  })

  it.each(DECLINED)('leave a page with %s to the generic path', async (_, overrides) => {
    await startTrace()
    const traceId = await startTrace(overrides)
    expect(await writtenAnswer(search())).toBeUndefined()
    const alone = search({ filter: `trace.request_id != '${traceId}'` })
    expect(await writtenAnswer(alone)).toBe(await genericAnswer(alone))
  })

  it('leave empty pages, PostgreSQL-only shapes and bad requests as searchTraces does', async () => {
    expect(await stores.traceStore.searchTracesJson(search())).toBeUndefined()
    expect(await stores.traceStore.searchTracesJson({ experimentIds: [] })).toBeUndefined()
    await expect(
      stores.traceStore.searchTracesJson(search({ filter: 'nope = 1' })),
    ).rejects.toThrow(/Invalid|invalid/)
    await expect(stores.traceStore.searchTracesJson(search({ maxResults: 0 }))).rejects.toThrow()
  })

  it('follow every write of tags and metadata (set, overwrite, delete, spans, deletion)', async () => {
    const traceId = await startTrace({ tags: { team: 'nlp' } })
    const options = search()
    const check = async () =>
      expect(await writtenAnswer(options)).toBe(await genericAnswer(options))
    await check()
    await stores.traceStore.setTraceTag({ traceId, key: 'stage', value: 'prod' })
    await check()
    await stores.traceStore.setTraceTag({ traceId, key: 'stage', value: 'dev "2"' })
    await check()
    await stores.traceStore.deleteTraceTag({ traceId, key: 'team' })
    await check()
    await stores.traceStore.setTraceTag({ traceId, key: 'long', value: 'x'.repeat(5000) })
    expect(await writtenAnswer(options)).toBeUndefined()
    await stores.traceStore.setTraceTag({ traceId, key: 'long', value: 'short again' })
    await check()
    await stores.traceStore.startTrace({
      traceInfo: makeTraceInfo({
        traceId,
        experimentId,
        requestTime: START_TIME,
        traceMetadata: { 'mlflow.trace.user': 'ada', added: 'later' },
        tags: { final: 'yes' },
      }),
    })
    await check()
    const other = await startTrace({ tags: { kept: 'yes' } })
    await stores.traceStore.deleteTraces({ experimentId, traceIds: [traceId] })
    const remaining = await writtenAnswer(options)
    expect(remaining).toBe(await genericAnswer(options))
    expect(remaining).toContain(other)
    expect(remaining).not.toContain(traceId)
    const columns = database
      .prepare('SELECT tags_json, metadata_json FROM trace_info WHERE request_id = ?')
      .get(other)
    expect(columns).toEqual({
      tags_json: expect.stringContaining('"kept":"yes"'),
      metadata_json: expect.any(String),
    })
  })

  it('answer the route with the same text as the generic path would', async () => {
    const states: TraceState[] = ['OK', 'ERROR', 'IN_PROGRESS']
    for (const state of states) await startTrace({ state, tags: { state } })
    const options = search({ maxResults: 2, filter: "tags.state != 'ERROR'" })
    const written = await writtenAnswer(options)
    expect(written).toContain('"next_page_token":')
    expect(written).toBe(await genericAnswer(options))
  })
})
