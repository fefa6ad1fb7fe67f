/**
 * @module trace-search-cases
 * Conformance cases of trace search: the filter grammar (attributes, tags, metadata, run ids,
 * span filters, analytics metadata), ordering, paging, and the errors MLflow answers.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  expectStoreError,
  makeSpan,
  makeTraceInfo,
  ns,
  START_TIME,
  type OpenTraceStores,
  type TraceTestStores,
  traceIdOf,
} from './trace-store-harness.ts'

interface Fixture {
  stores: TraceTestStores
  experimentId: string
}

async function buildFixture(stores: TraceTestStores): Promise<Fixture> {
  const { traceStore, trackingStore } = stores
  const experimentId = await trackingStore.createExperiment({ name: 'search' })
  const other = await trackingStore.createExperiment({ name: 'other' })
  const start = (n: number, extra: Partial<Parameters<typeof makeTraceInfo>[0]>) =>
    traceStore.startTrace({
      traceInfo: makeTraceInfo({
        traceId: traceIdOf(n),
        experimentId,
        requestTime: START_TIME + n,
        ...extra,
      }),
    })
  await start(1, {
    clientRequestId: 'c1',
    executionDuration: 10,
    tags: { team: 'nlp', 'mlflow.traceName': 'alpha' },
    traceMetadata: {
      'mlflow.sourceRun': 'run1',
      env: 'prod',
      'mlflow.trace.tokenUsage': '{"input_tokens": 1, "output_tokens": 2, "total_tokens": 3}',
    },
  })
  await start(2, {
    assessments: [
      {
        assessmentName: 'quality',
        feedback: { value: 'yes' },
        source: { sourceType: 'HUMAN', sourceId: 'ada' },
      },
      {
        assessmentName: 'score',
        feedback: { value: 0.9 },
        source: { sourceType: 'CODE', sourceId: 'm' },
      },
      {
        assessmentName: 'answer',
        expectation: { value: '42' },
        source: { sourceType: 'HUMAN', sourceId: 'ada' },
      },
    ],
    state: 'ERROR',
    executionDuration: 20,
    tags: { team: 'vision', 'mlflow.traceName': 'beta' },
    traceMetadata: { env: 'dev' },
  })
  await start(3, {
    executionDuration: undefined,
    tags: { 'mlflow.traceName': 'alpha' },
    traceMetadata: { 'mlflow.sourceRun': 'run2' },
  })
  const t4 = traceIdOf(4)
  await traceStore.logSpans({
    experimentId,
    spans: [
      makeSpan({
        traceId: t4,
        spanId: 1,
        name: 'agent',
        startNs: ns(START_TIME + 4),
        endNs: ns(START_TIME + 8),
        attributes: { 'mlflow.spanType': 'CHAIN' },
      }),
      makeSpan({
        traceId: t4,
        spanId: 2,
        parent: 1,
        name: 'llm',
        status: 'STATUS_CODE_ERROR',
        startNs: ns(START_TIME + 5),
        endNs: ns(START_TIME + 6),
        attributes: { 'mlflow.spanType': 'LLM', 'mlflow.spanInputs': 'hello world' },
      }),
    ],
  })
  await start(4, { executionDuration: 4 })
  await start(5, { executionDuration: 5 })
  await traceStore.linkTracesToRun({ traceIds: [traceIdOf(5)], runId: 'run1' })
  await traceStore.startTrace({
    traceInfo: makeTraceInfo({ traceId: traceIdOf(6), experimentId: other, tags: { team: 'nlp' } }),
  })
  return { stores, experimentId }
}

const FILTERS: [string, number[]][] = [
  ["status = 'OK'", [5, 4, 3, 1]],
  ["attributes.status = 'ERROR'", [2]],
  ["trace.status != 'OK'", [2]],
  [`trace.timestamp_ms > ${START_TIME + 2}`, [5, 4, 3]],
  [`timestamp >= ${START_TIME + 4}`, [5, 4]],
  ['execution_time_ms > 15', [2]],
  ['execution_time < 6', [5, 4]],
  [`end_time_ms = ${START_TIME + 3}`, [3]],
  ["tags.team = 'nlp'", [1]],
  ["tag.team LIKE 'v%'", [2]],
  ["tags.team ILIKE 'NLP'", [1]],
  ["tags.team != 'nlp'", [2]],
  ['tags.team IS NULL', [5, 4, 3]],
  ['tags.`team` IS NOT NULL', [2, 1]],
  ["name = 'alpha'", [3, 1]],
  ["attributes.name != 'alpha'", [2]],
  ["tag.`mlflow.traceName` LIKE 'b%'", [2]],
  ["metadata.env = 'prod'", [1]],
  ["request_metadata.env != 'prod'", [2]],
  ["run_id = 'run1'", [5, 1]],
  ["attribute.run_id = 'run2'", [3]],
  ["metadata.`mlflow.sourceRun` LIKE 'run%'", [3, 1]],
  ["client_request_id = 'c1'", [1]],
  [`request_id IN ('${traceIdOf(1)}', '${traceIdOf(2)}')`, [2, 1]],
  [`request_id NOT IN ('${traceIdOf(1)}', '${traceIdOf(2)}')`, [5, 4, 3]],
  ["status = 'OK' AND name = 'alpha' AND tags.team = 'nlp'", [1]],
  ["span.name = 'llm'", [4]],
  ["span.type = 'LLM' AND span.status = 'ERROR'", [4]],
  ["span.type = 'CHAIN' AND span.status = 'ERROR'", []],
  ["span.name IN ('llm', 'x')", [4]],
  ["span.content LIKE '%hello world%'", [4]],
  ["trace.text ILIKE '%HELLO%'", [4]],
  ["span.attributes.mlflow.spanType LIKE '%LLM%'", [4]],
  [
    `metadata.\`mlflow.trace.tokenUsage\` = '{"input_tokens": 1, "output_tokens": 2, "total_tokens": 3}'`,
    [1],
  ],
  [`metadata.\`mlflow.trace.tokenUsage\` = '{"total_tokens": 3}'`, []],
  ['metadata.`mlflow.trace.tokenUsage` IS NOT NULL', [1]],
  ["timestamp_ms = 'x'", []],
  ["feedback.quality = 'yes'", [2]],
  ["feedback.quality != 'yes'", []],
  ["feedback.quality LIKE 'y%'", []],
  ["feedback.quality LIKE '%yes%'", [2]],
  ['feedback.score > 0.5', [2]],
  ['feedback.score < 0.5', []],
  ["expectation.answer = '42'", [2]],
  ['feedback.quality IS NOT NULL', [2]],
  ['feedback.quality IS NULL', [5, 4, 3, 1]],
  ["issue.id = 'x'", []],
]

const REJECTED: string[] = [
  "foo.bar = 'x'",
  "bogus = 'x'",
  'tags.team = 1',
  "metadata.env > 'x'",
  'status IS NULL',
  "status = 'OK' OR status = 'ERROR'",
  "span.content = 'x'",
  "span.bogus = 'x'",
  "metadata.`mlflow.trace.tokenUsage` LIKE '%'",
  "run_id IN ('a')",
  "prompt = 'no-slash'",
  "issue.x = 'y'",
  "text LIKE '%a%'",
  "experiment_id = '1'",
  'status = OK',
  "feedback.score > 'x'",
  'feedback.quality = 1',
]

const ORDERS: [string[], number[]][] = [
  [['timestamp ASC'], [1, 2, 3, 4, 5]],
  [['tag.team DESC'], [2, 1, 5, 4, 3]],
  [['name'], [3, 1, 2, 5, 4]],
  [['execution_time DESC'], [2, 1, 5, 4, 3]],
  [
    ['status', 'request_id DESC'],
    [2, 5, 4, 3, 1],
  ],
  [['metadata.env'], [2, 1, 5, 4, 3]],
  [
    ['run_id DESC', 'timestamp_ms'],
    [3, 1, 2, 4, 5],
  ],
]

/** Registers the cases. */
export function describeTraceSearch(open: OpenTraceStores): void {
  describe('search traces', () => {
    let fixture: Fixture
    beforeAll(async () => {
      fixture = await buildFixture(await open({ shared: true }))
    })
    const search = (filter: string | undefined, orderBy?: string[]) =>
      fixture.stores.traceStore.searchTraces({
        experimentIds: [fixture.experimentId],
        filter,
        orderBy,
      })

    it.each(FILTERS)('filter %s', async (filter, expected) => {
      const { traceInfos } = await search(filter)
      expect(traceInfos.map((info) => info.traceId)).toEqual(expected.map(traceIdOf))
    })

    it.each(REJECTED)('rejects %s', async (filter) => {
      await expectStoreError(search(filter), 'INVALID_PARAMETER_VALUE')
    })

    it.each(ORDERS)('order_by %j', async (orderBy, expected) => {
      const { traceInfos } = await search(undefined, orderBy)
      expect(traceInfos.map((info) => info.traceId)).toEqual(expected.map(traceIdOf))
    })

    it('rejects bad orderings', async () => {
      for (const orderBy of [
        ['metadata.`mlflow.trace.tokenUsage`'],
        ['feedback.x'],
        ['bogus'],
        ['name', 'name DESC'],
        ['name sideways'],
      ]) {
        await expectStoreError(search(undefined, orderBy), 'INVALID_PARAMETER_VALUE')
      }
    })

    it('RLIKE matches regular expressions', async () => {
      const result = await search("tags.team RLIKE '^n.p$'")
      expect(result.traceInfos.map((info) => info.traceId)).toEqual([traceIdOf(1)])
      const anywhere = await search("tags.team RLIKE 'l'")
      expect(anywhere.traceInfos.map((info) => info.traceId)).toContain(traceIdOf(1))
    })

    it('pages with a token whenever a page is full', async () => {
      const seen: string[] = []
      let pageToken: string | undefined
      let pages = 0
      do {
        const page = await fixture.stores.traceStore.searchTraces({
          experimentIds: [fixture.experimentId],
          maxResults: 2,
          pageToken,
        })
        seen.push(...page.traceInfos.map((info) => info.traceId))
        expect(page.nextPageToken !== undefined).toBe(page.traceInfos.length === 2)
        pageToken = page.nextPageToken
        pages++
      } while (pageToken !== undefined)
      expect(pages).toBe(3)
      expect(seen).toEqual([5, 4, 3, 2, 1].map(traceIdOf))
      const full = await fixture.stores.traceStore.searchTraces({
        experimentIds: [fixture.experimentId],
        maxResults: 5,
      })
      expect(full.nextPageToken).toBeDefined()
      const after = await fixture.stores.traceStore.searchTraces({
        experimentIds: [fixture.experimentId],
        maxResults: 5,
        pageToken: full.nextPageToken,
      })
      expect(after).toEqual({ traceInfos: [] })
    })

    it('rejects bad sizes, tokens and experiment ids; searches several experiments', async () => {
      const { traceStore } = fixture.stores
      const experimentIds = [fixture.experimentId]
      await expectStoreError(
        traceStore.searchTraces({ experimentIds, maxResults: 0 }),
        'INVALID_PARAMETER_VALUE',
        'It must be a positive integer',
      )
      await expectStoreError(
        traceStore.searchTraces({ experimentIds, pageToken: 'xyz' }),
        'INVALID_PARAMETER_VALUE',
        'Invalid page token',
      )
      await expectStoreError(
        traceStore.searchTraces({ experimentIds: ['abc'] }),
        'INVALID_PARAMETER_VALUE',
      )
      expect(await traceStore.searchTraces({ experimentIds: [] })).toEqual({ traceInfos: [] })
      const both = await traceStore.searchTraces({
        experimentIds: [fixture.experimentId, String(Number(fixture.experimentId) + 1)],
        filter: "tags.team = 'nlp'",
      })
      expect(both.traceInfos.map((info) => info.traceId)).toEqual([traceIdOf(1), traceIdOf(6)])
    })
  })
}
