/**
 * @module describe-search
 * Conformance: logged-model search filters (checked against MLflow 3.17's answers on the same
 * data), the `datasets` restriction, structured `order_by`, paging and page-token checks.
 */
import type { SearchLoggedModelsOptions } from '../logged-model-store.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BackendStores } from '../../backend-stores.ts'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import type { LoggedModelHarness } from './logged-model-harness.ts'
import { openSearchFixture, type SearchFixture } from './search-fixture.ts'

const T = 1_700_000_000_000
const NEWEST_FIRST = ['Gamma', 'beta', 'alpha']

/** [filter, expected names in the default order]; `datasets` where given. */
const FILTER_CASES: [string, string[], SearchLoggedModelsOptions['datasets']?][] = [
  ["name = 'alpha'", ['alpha']],
  ["name LIKE 'a%'", ['alpha']],
  ["name like '%a'", NEWEST_FIRST],
  ["name ILIKE 'g%'", ['Gamma']],
  ["name IN ('alpha', 'Gamma')", ['Gamma', 'alpha']],
  ["name NOT IN ('alpha')", ['Gamma', 'beta']],
  ["name != 'beta'", ['Gamma', 'alpha']],
  ['name = "alpha"', []],
  ["name = 'alpha' AND", ['alpha']],
  ["attributes.name = 'beta'", ['beta']],
  ["`name` = 'beta'", ['beta']],
  ["model_type = 'agent'", ['alpha']],
  ["model_type = ''", ['Gamma']],
  ["params.lr = '0.1'", ['alpha']],
  ["params.lr != '0.1'", ['beta']],
  ["params.lr LIKE '0.%'", ['beta', 'alpha']],
  ["params.opt IN ('adam', 'sgd')", ['alpha']],
  ["params.lr NOT IN ('0.1')", ['beta']],
  ["tags.team = 'nlp'", ['Gamma', 'alpha']],
  ["tags.`team` = 'cv'", ['beta']],
  ["tags.team = 'nlp' and params.lr = '0.1'", ['alpha']],
  ['metrics.acc > 0.6', ['Gamma', 'alpha']],
  ['metrics.acc < 0.3', ['alpha']],
  // Each metric comparison may match a different point of the model, as in MLflow.
  ['metrics.acc >= 0.5 AND metrics.acc <= 0.5', ['beta', 'alpha']],
  ['metrics.loss = 0.5', ['alpha']],
  ['metrics.acc != 0.9', NEWEST_FIRST],
  ['metrics.missing > 0', []],
  [`creation_time > ${T + 1500}`, ['Gamma', 'beta']],
  [`creation_timestamp_ms <= ${T + 1000}`, ['alpha']],
  ['last_updated_timestamp > 0', NEWEST_FIRST],
  ["status = '2'", ['Gamma']],
  ["status = 'LOGGED_MODEL_READY'", ['Gamma']],
  ["status != '1'", ['Gamma']],
  ["status IN ('1', 'UNKNOWN')", ['beta', 'alpha']],
  ["status = 'UNKNOWN'", []],
  ["status LIKE '2'", ['Gamma']],
  ['metrics.acc > 0.6', ['alpha'], [{ datasetName: 'eval', datasetDigest: 'd1' }]],
  ['metrics.acc > 0.1', ['beta', 'alpha'], [{ datasetName: 'eval', datasetDigest: 'd1' }]],
  // MLflow's server compares an absent digest with IS NULL: these points all have one.
  ['metrics.acc > 0.6', [], [{ datasetName: 'eval' }]],
  ['', ['alpha'], [{ datasetName: 'train', datasetDigest: 'd2' }]],
  [
    '',
    ['beta', 'alpha'],
    [
      { datasetName: 'eval', datasetDigest: 'd1' },
      { datasetName: 'train', datasetDigest: 'd2' },
    ],
  ],
]

/** Filters MLflow refuses (some with a 500 there; always `INVALID_PARAMETER_VALUE` here). */
const REJECTED_FILTERS: [string, string?][] = [
  [
    "name < 'a'",
    "Invalid comparison operator for attributes.name: '<'. Expected one of ('=', '!=', 'LIKE', " +
      "'ILIKE', 'IN', 'NOT IN').",
  ],
  [
    'metric.acc > 1',
    "Invalid entity type: 'metric'. Expected one of ['attributes', 'metrics', 'params', 'tags'].",
  ],
  [
    "name = 'a' OR name = 'b'",
    `Invalid filter string: "name = 'a' OR name = 'b'". Expected a list of comparisons ` +
      "separated by 'AND' (e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').",
  ],
  ['  ', "Invalid filter string: '  '. Expected a single SQL expression."],
  ["metrics.acc LIKE 'x'"],
  ['Metrics.acc > 1'],
  ["foo = 'x'"],
  ["metrics.acc > 'x'"],
  ["creation_time > '5'"],
  ["last_updated_time = '5'"],
  ["(name = 'a')"],
  ['name IS NULL'],
  ["name = 'a'; name = 'b'"],
  ["params.x IN 'a'"],
  ["name = ('a', 'b')"],
]

/** [order_by, expected names]. */
const ORDER_CASES: [SearchLoggedModelsOptions['orderBy'], string[]][] = [
  [[], NEWEST_FIRST],
  [[{ fieldName: 'name', ascending: true }], ['Gamma', 'alpha', 'beta']],
  [[{ fieldName: 'name', ascending: false }], ['beta', 'alpha', 'Gamma']],
  [[{ fieldName: 'creation_time', ascending: true }], ['alpha', 'beta', 'Gamma']],
  [[{ fieldName: 'creation_timestamp', ascending: false }], NEWEST_FIRST],
  [[{ fieldName: 'model_type', ascending: true }], ['Gamma', 'alpha', 'beta']],
  [[{ fieldName: 'metrics.acc', ascending: true }], ['alpha', 'beta', 'Gamma']],
  [[{ fieldName: 'metrics.acc', ascending: false }], ['Gamma', 'beta', 'alpha']],
  [
    [{ fieldName: 'metrics.acc', ascending: true, datasetName: 'eval' }],
    ['beta', 'alpha', 'Gamma'],
  ],
  [
    [{ fieldName: 'metrics.acc', ascending: false, datasetName: 'train', datasetDigest: 'd2' }],
    ['alpha', 'Gamma', 'beta'],
  ],
  [[{ fieldName: 'metrics.loss', ascending: false }], ['alpha', 'Gamma', 'beta']],
  [
    [
      { fieldName: 'status', ascending: false },
      { fieldName: 'name', ascending: true },
    ],
    ['Gamma', 'alpha', 'beta'],
  ],
]

/** Registers the search tests. */
export function describeLoggedModelSearch(harness: LoggedModelHarness): void {
  describe('searchLoggedModels', () => {
    let fixture: SearchFixture
    let stores: BackendStores
    beforeAll(async () => {
      fixture = await openSearchFixture(harness)
      stores = fixture.stores
    })
    afterAll(async () => {
      await stores?.close()
    })
    const names = async (options: Omit<SearchLoggedModelsOptions, 'experimentIds'>) => {
      const result = await stores.loggedModelStore.searchLoggedModels({
        experimentIds: [fixture.experimentId],
        ...options,
      })
      return result.models.map((model) => model.info.name)
    }

    it.each(FILTER_CASES)('filter %j finds %j', async (filter, expected, datasets) => {
      expect(await names({ filter, ...(datasets ? { datasets } : {}) })).toEqual(expected)
    })

    it('filters on model ids, source runs and experiments', async () => {
      const { ids, runId, experimentId, otherExperimentId } = fixture
      expect(await names({ filter: `model_id = '${ids.beta}'` })).toEqual(['beta'])
      expect(await names({ filter: `source_run_id = '${runId}'` })).toEqual(NEWEST_FIRST)
      expect(await names({ filter: `experiment_id = '${experimentId}'` })).toEqual(NEWEST_FIRST)
      const both = await stores.loggedModelStore.searchLoggedModels({
        experimentIds: [otherExperimentId, experimentId],
      })
      expect(both.models.map((model) => model.info.name)).toEqual(['other', ...NEWEST_FIRST])
      const none = await stores.loggedModelStore.searchLoggedModels({ experimentIds: [] })
      expect(none).toEqual({ models: [] })
      const unknown = await stores.loggedModelStore.searchLoggedModels({ experimentIds: ['999'] })
      expect(unknown).toEqual({ models: [] })
    })

    it.each(REJECTED_FILTERS)('rejects filter %j', async (filter, message) => {
      await expectStoreError(names({ filter }), 'INVALID_PARAMETER_VALUE', message)
    })

    it.each(ORDER_CASES)('orders by %j as %j', async (orderBy, expected) => {
      expect(await names({ orderBy })).toEqual(expected)
    })

    it('rejects unknown order_by fields, datasets without a name and bad ids', async () => {
      const cases: [SearchLoggedModelsOptions, string][] = [
        [
          { experimentIds: ['1'], orderBy: [{ fieldName: 'bogus', ascending: true }] },
          'Invalid order by field name: bogus',
        ],
        [
          { experimentIds: ['1'], orderBy: [{ fieldName: '', ascending: true }] },
          'Invalid order by field name: ',
        ],
        [
          { experimentIds: ['1'], orderBy: [{ fieldName: 'params.lr', ascending: true }] },
          'Invalid order by field name: params.lr. Only metrics are supported.',
        ],
        [
          { experimentIds: ['1'], datasets: [{ datasetDigest: 'd1' }] },
          '`dataset_name` in the `datasets` clause must be specified.',
        ],
        [
          { experimentIds: ['abc'] },
          "Invalid experiment ID 'abc'. Experiment ID must be a valid integer.",
        ],
        [{ experimentIds: ['1'], maxResults: -1 }, /max_results/],
      ] as [SearchLoggedModelsOptions, string][]
      for (const [options, message] of cases) {
        await expectStoreError(
          stores.loggedModelStore.searchLoggedModels(options),
          'INVALID_PARAMETER_VALUE',
          message,
        )
      }
    })

    it('pages with tokens bound to the search that made them', async () => {
      const store = stores.loggedModelStore
      const orderBy = [{ fieldName: 'name', ascending: true }]
      const search = { experimentIds: [fixture.experimentId], filter: "name != 'x'", orderBy }
      const first = await store.searchLoggedModels({ ...search, maxResults: 2 })
      expect(first.models.map((model) => model.info.name)).toEqual(['Gamma', 'alpha'])
      const token = first.nextPageToken as string
      expect(Buffer.from(token, 'base64').toString('utf8')).toBe(
        `{"experiment_ids": ["${fixture.experimentId}"], "filter_string": "name != 'x'", ` +
          '"order_by": [{"field_name": "name", "ascending": true, "dataset_name": null, ' +
          '"dataset_digest": null}], "offset": 2}',
      )
      const second = await store.searchLoggedModels({ ...search, maxResults: 2, pageToken: token })
      expect(second.models.map((model) => model.info.name)).toEqual(['beta'])
      expect(second.nextPageToken).toBeUndefined()
      const all = await store.searchLoggedModels({ ...search, maxResults: 0 })
      expect(all.models).toHaveLength(3)
      await expectStoreError(
        store.searchLoggedModels({ ...search, filter: "name = 'x'", pageToken: token }),
        'INVALID_PARAMETER_VALUE',
        'Filter string in the page token does not match the requested filter string. Expected: ' +
          "name = 'x'. Found: name != 'x'",
      )
      await expectStoreError(
        store.searchLoggedModels({ ...search, experimentIds: ['0'], pageToken: token }),
        'INVALID_PARAMETER_VALUE',
        'Experiment IDs in the page token do not match the requested experiment IDs. Expected: ' +
          `['0']. Found: ['${fixture.experimentId}']`,
      )
      await expectStoreError(
        store.searchLoggedModels({ ...search, orderBy: [], pageToken: token }),
        'INVALID_PARAMETER_VALUE',
        'Order by in the page token does not match the requested order by. Expected: None. ' +
          "Found: [{'field_name': 'name', 'ascending': True, 'dataset_name': None, " +
          "'dataset_digest': None}]",
      )
      for (const pageToken of ['not base64!', Buffer.from('[1, 2]').toString('base64')]) {
        await expectStoreError(
          store.searchLoggedModels({ ...search, pageToken }),
          'INVALID_PARAMETER_VALUE',
        )
      }
    })

    it('returns models with their tags, params and metrics', async () => {
      const found = await stores.loggedModelStore.searchLoggedModels({
        experimentIds: [fixture.experimentId],
        filter: "name = 'alpha'",
      })
      expect(found.models).toEqual([
        await stores.loggedModelStore.getLoggedModelOrThrow({ modelId: fixture.ids.alpha }),
      ])
      const [alpha] = found.models
      expect(alpha?.info.tags.map((tag) => tag.key)).toEqual(['stage', 'team'])
      expect(alpha?.data.metrics.map((metric) => [metric.key, metric.value])).toEqual([
        ['acc', 0.9],
        ['acc', 0.2],
        ['loss', 0.5],
      ])
    })
  })
}
