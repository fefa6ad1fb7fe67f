/**
 * @module search-experiments
 * Conformance: experiment search filters, ordering, view types and pages.
 */
import { describe, expect, it } from 'vitest'
import type { TrackingStore } from '../../tracking-store.ts'
import { type ConformanceHarness, expectStoreError } from './conformance-harness.ts'

async function seed(harness: ConformanceHarness): Promise<TrackingStore> {
  const { store, advance } = await harness.open()
  const specs = [
    { name: 'dspy-mipro', tags: [{ key: 'team', value: 'nlp' }] },
    { name: 'dspy-bootstrap', tags: [{ key: 'team', value: 'NLP' }] },
    { name: 'vision', tags: [{ key: 'team', value: 'cv' }] },
    { name: 'Notes', tags: [] },
  ]
  for (const spec of specs) {
    advance(1000)
    await store.createExperiment(spec)
  }
  await store.deleteExperiment({ experimentId: '3' })
  return store
}

async function names(
  store: TrackingStore,
  options: Parameters<TrackingStore['searchExperiments']>[0],
): Promise<string[]> {
  return (await store.searchExperiments(options)).experiments.map((experiment) => experiment.name)
}

/** Registers the experiment search tests. */
export function describeSearchExperiments(harness: ConformanceHarness): void {
  describe('searchExperiments', () => {
    it('orders by creation time, newest first, by default and hides deleted ones', async () => {
      const store = await seed(harness)
      expect(await names(store, {})).toEqual(['Notes', 'dspy-bootstrap', 'dspy-mipro', 'Default'])
      expect(await names(store, { viewType: 'DELETED_ONLY' })).toEqual(['vision'])
      expect(await names(store, { viewType: 'ALL' })).toHaveLength(5)
    })

    const cases: [string, string[]][] = [
      ["name = 'dspy-mipro'", ['dspy-mipro']],
      ["name != 'dspy-mipro'", ['Notes', 'dspy-bootstrap', 'Default']],
      ["name LIKE 'dspy-%'", ['dspy-bootstrap', 'dspy-mipro']],
      ["name LIKE 'DSPY-%'", []],
      ["name ILIKE 'DSPY-%'", ['dspy-bootstrap', 'dspy-mipro']],
      ["tags.team = 'nlp'", ['dspy-mipro']],
      ["tags.team ILIKE 'nlp'", ['dspy-bootstrap', 'dspy-mipro']],
      ['tags.team IS NULL', ['Notes', 'Default']],
      ['tags.team IS NOT NULL', ['dspy-bootstrap', 'dspy-mipro']],
      ["attribute.name LIKE '%o%' AND tags.team != 'nlp'", ['dspy-bootstrap']],
      ['creation_time > 1700000002500', ['Notes']],
      ["experiment_id IN ('1', '4')", ['Notes', 'dspy-mipro']],
      ["experiment_id = '2'", ['dspy-bootstrap']],
    ]
    for (const [filter, expected] of cases) {
      it(`filters ${filter}`, async () => {
        const store = await seed(harness)
        expect(await names(store, { filter })).toEqual(expected)
      })
    }

    it('orders by name, id and times in either direction', async () => {
      const store = await seed(harness)
      expect(await names(store, { orderBy: ['name ASC'] })).toEqual([
        'Default',
        'Notes',
        'dspy-bootstrap',
        'dspy-mipro',
      ])
      expect(await names(store, { orderBy: ['experiment_id DESC'] })).toEqual([
        'Notes',
        'dspy-bootstrap',
        'dspy-mipro',
        'Default',
      ])
      expect(await names(store, { orderBy: ['creation_time'] })).toEqual([
        'Default',
        'dspy-mipro',
        'dspy-bootstrap',
        'Notes',
      ])
    })

    it('pages with opaque tokens', async () => {
      const store = await seed(harness)
      const first = await store.searchExperiments({ maxResults: 3 })
      expect(first.experiments.map((e) => e.name)).toEqual([
        'Notes',
        'dspy-bootstrap',
        'dspy-mipro',
      ])
      expect(first.nextPageToken).toBeDefined()
      const second = await store.searchExperiments({
        maxResults: 3,
        pageToken: first.nextPageToken as string,
      })
      expect(second.experiments.map((e) => e.name)).toEqual(['Default'])
      expect(second.nextPageToken).toBeUndefined()
    })

    it('rejects bad page sizes, filters and orderings', async () => {
      const store = await seed(harness)
      await expectStoreError(
        store.searchExperiments({ maxResults: 0 }),
        'INVALID_PARAMETER_VALUE',
        "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer",
      )
      await expectStoreError(
        store.searchExperiments({ maxResults: 50001 }),
        'INVALID_PARAMETER_VALUE',
        "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000",
      )
      await expectStoreError(
        store.searchExperiments({ filter: "params.a = 'x'" }),
        'INVALID_PARAMETER_VALUE',
        "Invalid entity type 'params'. Valid entity types are ('attribute', 'tag', 'tags')",
      )
      await expectStoreError(
        store.searchExperiments({ filter: "name IN ('a')" }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        store.searchExperiments({ filter: 'creation_time > 1.5' }),
        'INVALID_PARAMETER_VALUE',
        "Invalid value for numeric attribute 'creation_time': '1.5'",
      )
      await expectStoreError(
        store.searchExperiments({ orderBy: ['tags.team'] }),
        'INVALID_PARAMETER_VALUE',
        'Invalid order_by entity: tag',
      )
      await expectStoreError(
        store.searchExperiments({ pageToken: 'not a token' }),
        'INVALID_PARAMETER_VALUE',
        /^Invalid page token/,
      )
    })
  })
}
