import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BackendStores } from '../../backend-stores.ts'
import { createSqliteBackendStores } from '../../sqlite/sqlite-tracking-store.ts'
import { makeTraceInfo, START_TIME, traceIdOf } from '../testing/trace-store-harness.ts'
import type { TraceInfoRecord } from '../trace-store.ts'

let stores: BackendStores
let experimentId: string
let other: string

beforeAll(async () => {
  stores = await createSqliteBackendStores({ database: new Database(':memory:') })
  experimentId = await stores.trackingStore.createExperiment({ name: 'page' })
  other = await stores.trackingStore.createExperiment({ name: 'other' })
  for (let n = 1; n <= 12; n++) {
    await stores.traceStore.startTrace({
      traceInfo: makeTraceInfo({
        traceId: traceIdOf(n),
        experimentId: n === 12 ? other : experimentId,
        requestTime: START_TIME + (n % 5) * 1000 + n,
        executionDuration: n % 3 === 0 ? undefined : n * 7,
        clientRequestId: n % 2 === 0 ? `client-${n}` : undefined,
        requestPreview: n % 4 === 0 ? undefined : `{"q": "é \u0001 \\"${n}\\" 😀"}`,
        responsePreview: n % 5 === 0 ? '' : `answer ${n}`,
        tags:
          n % 6 === 0 ? {} : { zeta: `${n % 2}`, '10': 'ten', '2': 'two', alpha: 'ü'.repeat(n) },
        traceMetadata:
          n % 7 === 0 ? {} : { 'mlflow.trace_schema.version': '3', 'k"\\\n': `v${n}`, '0': 'x' },
        assessments:
          n % 4 === 1
            ? [
                {
                  assessmentName: 'quality',
                  feedback: { value: n },
                  source: { sourceType: 'HUMAN', sourceId: 'ada' },
                },
              ]
            : [],
      }),
    })
  }
})

afterAll(async () => {
  await stores.close()
})

/** The same infos read by id, through the bulk reads every other read uses. */
async function expectBulkEqual(infos: readonly TraceInfoRecord[]) {
  const bulk = await stores.traceStore.batchGetTraceInfos({
    traceIds: infos.map((info) => info.traceId),
  })
  expect(infos).toEqual(bulk)
  expect(infos.map((info) => Object.keys(info.tags))).toEqual(
    bulk.map((info) => Object.keys(info.tags)),
  )
  expect(infos.map((info) => Object.keys(info.traceMetadata))).toEqual(
    bulk.map((info) => Object.keys(info.traceMetadata)),
  )
}

describe('SQLite search pages (one statement)', () => {
  it('read the same infos as the bulk reads, in the page order, for every ordering', async () => {
    for (const orderBy of [
      undefined,
      ['timestamp_ms ASC'],
      ['tags.zeta DESC', 'request_id'],
      ['metadata.`k"\\\n` ASC'],
      ['execution_time DESC'],
    ]) {
      const { traceInfos } = await stores.traceStore.searchTraces({
        experimentIds: [experimentId],
        orderBy,
      })
      expect(traceInfos).toHaveLength(11)
      await expectBulkEqual(traceInfos)
    }
  })

  it('keep filters, limits and page tokens, with assessments only where there are some', async () => {
    const first = await stores.traceStore.searchTraces({
      experimentIds: [experimentId, other],
      filter: "tags.zeta = '1'",
      maxResults: 4,
    })
    expect(first.traceInfos.map((info) => info.traceId)).toEqual(
      [9, 3, 7, 11].map((n) => traceIdOf(n)),
    )
    expect(first.nextPageToken).toBeDefined()
    await expectBulkEqual(first.traceInfos)
    const rest = await stores.traceStore.searchTraces({
      experimentIds: [experimentId, other],
      filter: "tags.zeta = '1'",
      maxResults: 4,
      pageToken: first.nextPageToken,
    })
    expect(rest.traceInfos.map((info) => info.traceId)).toEqual([1, 5].map((n) => traceIdOf(n)))
    expect(rest.nextPageToken).toBeUndefined()
    await expectBulkEqual(rest.traceInfos)
    const assessed = [...first.traceInfos, ...rest.traceInfos].map((info) => info.assessments)
    expect(assessed.map((list) => list.length)).toEqual([1, 0, 0, 0, 1, 1])
    expect(assessed[0]?.[0]?.feedback?.value).toBe(9)
  })

  it('answer an empty page for no match', async () => {
    const result = await stores.traceStore.searchTraces({
      experimentIds: [experimentId],
      filter: "tags.zeta = 'none'",
    })
    expect(result).toEqual({ traceInfos: [] })
  })
})
