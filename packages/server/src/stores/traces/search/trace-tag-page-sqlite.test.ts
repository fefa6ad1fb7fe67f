import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BackendStores } from '../../backend-stores.ts'
import { createSqliteBackendStores } from '../../sqlite/sqlite-tracking-store.ts'
import { makeSpan, makeTraceInfo, START_TIME, traceIdOf } from '../testing/trace-store-harness.ts'
import type { SearchTracesOptions } from '../trace-store.ts'

let database: Database.Database
let stores: BackendStores
let experimentId: string
let otherExperiment: string

beforeEach(async () => {
  database = new Database(':memory:')
  stores = await createSqliteBackendStores({ database })
  experimentId = await stores.trackingStore.createExperiment({ name: 'tagged' })
  otherExperiment = await stores.trackingStore.createExperiment({ name: 'other' })
})
afterEach(() => stores.close())

const colors = ['red', 'blue', 'green']

/** 30 traces, three per timestamp (ties), a color tag on most, an odd one out elsewhere. */
async function seed(): Promise<void> {
  for (let n = 1; n <= 30; n++) {
    await stores.traceStore.startTrace({
      traceInfo: makeTraceInfo({
        traceId: traceIdOf(n),
        experimentId: n % 10 === 0 ? otherExperiment : experimentId,
        requestTime: START_TIME + Math.floor(n / 3) * 1000,
        state: n % 4 === 0 ? 'ERROR' : 'OK',
        tags: n % 7 === 0 ? {} : { color: colors[n % 3] as string, team: n % 2 ? 'a' : 'b' },
      }),
    })
  }
}

/** Trace ids of every page of a search, following page tokens. */
async function allPages(options: SearchTracesOptions): Promise<string[][]> {
  const pages: string[][] = []
  let pageToken: string | undefined
  do {
    const result = await stores.traceStore.searchTraces({ ...options, pageToken })
    pages.push(result.traceInfos.map((info) => info.traceId))
    pageToken = result.nextPageToken
  } while (pageToken !== undefined)
  return pages
}

/** The same search in the same order, spelled so that it takes the generic plan. */
const generic = (options: SearchTracesOptions) => ({
  ...options,
  orderBy: ['timestamp_ms DESC', 'request_id ASC'],
})

describe('tag searches read from the tag index (SQLite)', () => {
  it('return the traces and order of the generic plan, page by page, with other clauses', async () => {
    await seed()
    for (const filter of [
      "tags.color = 'red'",
      "tags.color = 'blue' AND status = 'OK'",
      "tags.team = 'a' AND tags.color = 'green'",
      "tags.color = 'red' AND tags.color = 'red'",
      "tags.color = 'none'",
    ]) {
      for (const maxResults of [1, 2, 4, 100]) {
        const options = { experimentIds: [experimentId], filter, maxResults }
        expect(await allPages(options), `${filter} / ${maxResults}`).toEqual(
          await allPages(generic(options)),
        )
      }
    }
    const red = await stores.traceStore.searchTraces({
      experimentIds: [experimentId],
      filter: "tags.color = 'red'",
    })
    expect(red.traceInfos.length).toBeGreaterThan(3)
    expect(red.traceInfos.every((info) => info.tags.color === 'red')).toBe(true)
  })

  it('follow tags set, changed and deleted, and traces whose time moves', async () => {
    await seed()
    const options = { experimentIds: [experimentId], filter: "tags.color = 'red'" }
    const ids = async () =>
      (await stores.traceStore.searchTraces(options)).traceInfos.map((info) => info.traceId)
    await stores.traceStore.setTraceTag({ traceId: traceIdOf(7), key: 'color', value: 'red' })
    expect(await ids()).toContain(traceIdOf(7))
    await stores.traceStore.setTraceTag({ traceId: traceIdOf(7), key: 'color', value: 'blue' })
    expect(await ids()).not.toContain(traceIdOf(7))
    await stores.traceStore.deleteTraceTag({ traceId: traceIdOf(2), key: 'color' })
    expect(await ids()).not.toContain(traceIdOf(2))
    // The oldest red trace becomes the newest: StartTraceV3 moves its time.
    const oldest = (await ids()).at(-1) as string
    await stores.traceStore.startTrace({
      traceInfo: makeTraceInfo({
        traceId: oldest,
        experimentId,
        requestTime: START_TIME + 60_000,
        tags: { color: 'red' },
      }),
    })
    expect((await ids())[0]).toBe(oldest)
    // Spans arriving over OTLP for a new trace: its tags, set before its time is known, follow.
    const late = traceIdOf(99)
    await stores.traceStore.logSpans({
      experimentId,
      spans: [
        makeSpan({
          traceId: late,
          spanId: 1,
          startNs: BigInt(START_TIME + 120_000) * 1_000_000n,
          endNs: BigInt(START_TIME + 121_000) * 1_000_000n,
          attributes: { 'mlflow.traceTag.color': 'red' },
        }),
      ],
    })
    await stores.traceStore.setTraceTag({ traceId: late, key: 'color', value: 'red' })
    expect((await ids())[0]).toBe(late)
    expect(await allPages({ ...options, maxResults: 3 })).toEqual(
      await allPages(generic({ ...options, maxResults: 3 })),
    )
    await stores.traceStore.deleteTraces({ experimentId, traceIds: [late] })
    expect(await ids()).not.toContain(late)
  })

  it('is the plan SQLite runs: one range of the tag index, no sort', async () => {
    await seed()
    const statements: string[] = []
    const prepare = database.prepare.bind(database)
    database.prepare = ((source: string) => {
      statements.push(source)
      return prepare(source)
    }) as typeof database.prepare
    try {
      await stores.traceStore.searchTracesJson({
        experimentIds: [experimentId],
        filter: "tags.color = 'red' AND status = 'OK'",
        maxResults: 5,
      })
    } finally {
      database.prepare = prepare
    }
    const page = statements.find((source) => source.includes('trace_info_json'))
    expect(page).toBeDefined()
    const plan = (
      database
        .prepare(`EXPLAIN QUERY PLAN ${page}`)
        .all(Number(experimentId), 'color', 'red', Number(experimentId), 'OK', 0) as {
        detail: string
      }[]
    ).map((row) => row.detail)
    expect(plan.join('\n')).toMatch(
      /SEARCH tt USING COVERING INDEX index_trace_tags_experiment_key_value_time/,
    )
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
  })
})
