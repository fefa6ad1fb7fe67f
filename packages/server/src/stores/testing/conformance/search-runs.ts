/**
 * @module search-runs
 * Conformance: the run search grammar, ordering, view types and pagination.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchRunsOptions } from '../../tracking-store.ts'
import { type ConformanceHarness, expectStoreError } from './conformance-harness.ts'
import { FILTER_CASES, INVALID_FILTERS, ORDER_CASES } from './search-runs-cases.ts'
import { type SearchFixture, seedSearchFixture } from './search-runs-fixture.ts'

function names(fixture: SearchFixture, runs: { info: { runId: string } }[]): string[] {
  return runs.map((run) => fixture.nameOf(run.info.runId))
}

function withIds(fixture: SearchFixture, filter: string): string {
  return filter.replace(/\{(\w+)\}/g, (_, name: string) => fixture.ids[name] ?? name)
}

/** Registers the run search tests. One seeded store serves the read-only cases. */
export function describeSearchRuns(harness: ConformanceHarness): void {
  describe('searchRuns', () => {
    let fixture: SearchFixture
    beforeAll(async () => {
      const { store } = await harness.openUnmanaged()
      fixture = await seedSearchFixture(store)
      return () => store.close()
    })
    const search = (options: Omit<SearchRunsOptions, 'experimentIds'>) =>
      fixture.store.searchRuns({ experimentIds: [fixture.experimentId], ...options })

    describe('filters', () => {
      for (const [filter, expected] of FILTER_CASES) {
        it(`${filter || '(no filter)'}`, async () => {
          const { runs } = await search({ filter: withIds(fixture, filter) })
          expect(names(fixture, runs)).toEqual(expected)
        })
      }
    })

    describe('order_by', () => {
      for (const [orderBy, expected] of ORDER_CASES) {
        it(`${orderBy.join(', ') || '(default)'}`, async () => {
          const { runs } = await search({ orderBy: [...orderBy] })
          expect(names(fixture, runs)).toEqual(expected)
        })
      }
    })

    describe('rejects', () => {
      for (const [filter, message] of INVALID_FILTERS) {
        it(filter, async () => {
          await expectStoreError(search({ filter }), 'INVALID_PARAMETER_VALUE', message)
        })
      }
      it('duplicate, unknown-direction and dataset orderings', async () => {
        await expectStoreError(
          search({ orderBy: ['metrics.acc', 'metric.acc DESC'] }),
          'INVALID_PARAMETER_VALUE',
          /^`order_by` contains duplicate fields/,
        )
        await expectStoreError(
          search({ orderBy: ['metrics.acc SIDEWAYS'] }),
          'INVALID_PARAMETER_VALUE',
          "Invalid ordering key in order_by clause 'metrics.acc SIDEWAYS'.",
        )
        await expectStoreError(
          search({ orderBy: ['dataset.name'] }),
          'INVALID_PARAMETER_VALUE',
          "Invalid identifier type 'dataset'",
        )
        await expectStoreError(
          search({ orderBy: ['metrics.a b c'] }),
          'INVALID_PARAMETER_VALUE',
          "Invalid order_by clause 'metrics.a b c'. Could not be parsed.",
        )
      })
      it('bad page sizes, page tokens and experiment ids', async () => {
        await expectStoreError(search({ maxResults: 0 }), 'INVALID_PARAMETER_VALUE')
        await expectStoreError(
          search({ maxResults: 50001 }),
          'INVALID_PARAMETER_VALUE',
          "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000",
        )
        await expectStoreError(
          search({ pageToken: Buffer.from('{"x": 1}').toString('base64') }),
          'INVALID_PARAMETER_VALUE',
          'Invalid page token, parsed value={"x": 1}',
        )
        await expectStoreError(
          fixture.store.searchRuns({ experimentIds: ['one'] }),
          'INVALID_PARAMETER_VALUE',
          "Invalid experiment ID 'one'. Experiment ID must be a valid integer.",
        )
      })
    })

    it('filters by view type', async () => {
      const deleted = await search({ runViewType: 'DELETED_ONLY' })
      expect(names(fixture, deleted.runs)).toEqual(['epsilon'])
      const everyone = await search({ runViewType: 'ALL', filter: "user_id = 'bob'" })
      expect(names(fixture, everyone.runs)).toEqual(['epsilon', 'beta'])
    })

    it('searches several experiments at once, and none', async () => {
      const { runs } = await fixture.store.searchRuns({
        experimentIds: [fixture.experimentId, fixture.otherExperimentId],
        maxResults: 2,
      })
      expect(names(fixture, runs)).toEqual(['omega', 'Zeta_1'])
      expect((await fixture.store.searchRuns({ experimentIds: [] })).runs).toEqual([])
    })

    it('returns full runs: latest metrics, params, tags and dataset inputs', async () => {
      const { runs } = await search({ filter: "run_name = 'alpha'" })
      const alpha = runs[0]
      expect(alpha?.data.metrics.map((m) => [m.key, m.value])).toEqual([
        ['acc', 0.9],
        ['loss', 0.1],
      ])
      expect(alpha?.data.params).toEqual([
        { key: 'lr', value: '0.1' },
        { key: 'opt', value: 'adam' },
      ])
      expect(alpha?.inputs.datasetInputs.map((input) => input.dataset.name)).toEqual(['train'])
      expect(alpha).toEqual(await fixture.store.getRun({ runId: fixture.ids.alpha as string }))
    })

    it('pages with MLflow offset tokens until the last page', async () => {
      const pages: string[][] = []
      const tokens: string[] = []
      let pageToken: string | undefined
      do {
        const page = await search({
          maxResults: 2,
          orderBy: ['start_time ASC'],
          ...(pageToken ? { pageToken } : {}),
        })
        pages.push(names(fixture, page.runs))
        pageToken = page.nextPageToken
        if (pageToken) tokens.push(pageToken)
      } while (pageToken)
      expect(pages).toEqual([['alpha', 'beta'], ['gamma', 'delta'], ['Zeta_1']])
      expect(tokens[0]).toBe(Buffer.from('{"offset": 2}').toString('base64'))
      const exact = await search({ maxResults: 5 })
      expect(exact.nextPageToken).toBeUndefined()
    })
  })
}

/** Registers search tests that need a fresh store each. */
export function describeSearchRunsIsolated(harness: ConformanceHarness): void {
  describe('searchRuns on a changing store', () => {
    it('sees metric updates through the latest value', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await store.logMetric({ runId: info.runId, key: 'm', value: 1, timestamp: 1, step: 0 })
      const search = (filter: string) => store.searchRuns({ experimentIds: ['0'], filter })
      expect((await search('metrics.m = 1')).runs).toHaveLength(1)
      await store.logMetric({ runId: info.runId, key: 'm', value: 5, timestamp: 2, step: 1 })
      expect((await search('metrics.m = 1')).runs).toHaveLength(0)
      expect((await search('metrics.m = 5')).runs).toHaveLength(1)
    })
  })
}
