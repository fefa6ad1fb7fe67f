/**
 * @module search-fixture
 * The models the search conformance tests query: three active models with params, tags and
 * metrics on datasets, a deleted one, and one in another experiment.
 *
 * | model | created | type | params | tags | metrics (key value dataset timestamp) |
 * | --- | --- | --- | --- | --- | --- |
 * | alpha | +1000 | agent | lr=0.1 opt=adam | team=nlp stage=dev | acc 0.9 eval/d1 @1, acc 0.2 train/d2 @2, loss 0.5 @1 |
 * | beta | +2000 | classifier | lr=0.01 | team=cv | acc 0.5 eval/d1 @1 |
 * | Gamma | +3000 | '' (READY) | | team=nlp | acc 0.7 @1 |
 * | delta | +4000 (deleted) | | lr=0.1 | team=nlp | |
 * | other | +5000, other experiment | | lr=0.1 | | |
 */
import type { LoggedModelMetricPoint } from '../logged-model-store.ts'
import type { LoggedModelHarness, OpenedLoggedModelStores } from './logged-model-harness.ts'

/** The opened stores and the ids of the fixture. */
export interface SearchFixture extends OpenedLoggedModelStores {
  experimentId: string
  otherExperimentId: string
  runId: string
  ids: Record<'alpha' | 'beta' | 'Gamma' | 'delta' | 'other', string>
}

/**
 * Opens fresh stores (which the caller closes) and fills them with the fixture.
 *
 * @example
 * const { stores, experimentId } = await openSearchFixture(harness)
 */
export async function openSearchFixture(harness: LoggedModelHarness): Promise<SearchFixture> {
  const opened = await harness.openUnmanaged()
  const { stores, advance } = opened
  const experimentId = await stores.trackingStore.createExperiment({ name: 'search' })
  const otherExperimentId = await stores.trackingStore.createExperiment({ name: 'other' })
  const runId = (await stores.trackingStore.createRun({ experimentId })).info.runId
  const store = stores.loggedModelStore
  const create = async (
    name: string,
    options: {
      modelType?: string
      params?: Record<string, string>
      tags?: Record<string, string>
      experiment?: string
    } = {},
  ): Promise<string> => {
    advance(1000)
    const model = await store.createLoggedModel({
      experimentId: options.experiment ?? experimentId,
      name,
      modelType: options.modelType ?? '',
      sourceRunId: runId,
      params: Object.entries(options.params ?? {}).map(([key, value]) => ({ key, value })),
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
    })
    return model.info.modelId
  }
  const ids = {
    alpha: await create('alpha', {
      modelType: 'agent',
      params: { lr: '0.1', opt: 'adam' },
      tags: { team: 'nlp', stage: 'dev' },
    }),
    beta: await create('beta', {
      modelType: 'classifier',
      params: { lr: '0.01' },
      tags: { team: 'cv' },
    }),
    Gamma: await create('Gamma', { tags: { team: 'nlp' } }),
    delta: await create('delta', { params: { lr: '0.1' }, tags: { team: 'nlp' } }),
    other: await create('other', { params: { lr: '0.1' }, experiment: otherExperimentId }),
  }
  await store.finalizeLoggedModel({ modelId: ids.Gamma, status: 'LOGGED_MODEL_READY' })
  await store.deleteLoggedModel({ modelId: ids.delta })
  const point = (
    modelId: string,
    key: string,
    value: number,
    timestamp: number,
    dataset?: [string, string],
  ): LoggedModelMetricPoint => ({
    modelId,
    key,
    value,
    timestamp,
    ...(dataset ? { datasetName: dataset[0], datasetDigest: dataset[1] } : {}),
  })
  await store.logLoggedModelMetrics({
    runId,
    metrics: [
      point(ids.alpha, 'acc', 0.9, 1, ['eval', 'd1']),
      point(ids.alpha, 'acc', 0.2, 2, ['train', 'd2']),
      point(ids.alpha, 'loss', 0.5, 1),
      point(ids.beta, 'acc', 0.5, 1, ['eval', 'd1']),
      point(ids.Gamma, 'acc', 0.7, 1),
    ],
  })
  return { ...opened, experimentId, otherExperimentId, runId, ids }
}
