/**
 * @module search-runs-fixture
 * Six runs with metrics, params, tags, attributes and datasets chosen so that every filter case
 * of the search conformance suite has a distinct answer.
 *
 * | run     | user | status    | start | end  | acc  | loss | lr   | opt  | team | dataset (context)     |
 * | alpha   | ann  | FINISHED  | 1000  | 2000 | 0.9  | 0.1  | 0.1  | adam | nlp  | train/d1 (training)   |
 * | beta    | bob  | RUNNING   | 2000  |      | 0.7  | 0.3  | 0.01 | sgd  | NLP  | eval/d2 (eval)        |
 * | gamma   | ann  | FAILED    | 3000  | 3500 | NaN  |      | 0.1  |      | cv   |                       |
 * | delta   | cat  | FINISHED  | 4000  | 5000 |      |      |      | adam |      | train/d1 (training)   |
 * | epsilon | bob  | KILLED    | 5000  | 6000 | 0.95 |      |      |      |      | (deleted run)         |
 * | Zeta_1  | dan  | SCHEDULED | 6000  |      | -1   | +inf |      |      |      |                       |
 */
import type { DatasetInput } from '@dspyflow/mlflow/protocol'
import type { TrackingStore } from '../../tracking-store.ts'

/** The seeded store and the ids of its runs by name. */
export interface SearchFixture {
  store: TrackingStore
  experimentId: string
  otherExperimentId: string
  ids: Record<string, string>
  nameOf(runId: string): string
}

function dataset(name: string, digest: string, context: string): DatasetInput {
  return {
    tags: [{ key: 'mlflow.data.context', value: context }],
    dataset: { name, digest, sourceType: 'code', source: '{}' },
  }
}

interface RunSpec {
  name: string
  user: string
  status: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED'
  start: number
  end?: number
  metrics?: Record<string, number>
  params?: Record<string, string>
  tags?: Record<string, string>
  datasets?: DatasetInput[]
  deleted?: boolean
}

const specs: RunSpec[] = [
  {
    name: 'alpha',
    user: 'ann',
    status: 'FINISHED',
    start: 1000,
    end: 2000,
    metrics: { acc: 0.9, loss: 0.1 },
    params: { lr: '0.1', opt: 'adam' },
    tags: { team: 'nlp', 'my tag': 'x y', 'mlflow.source.name': 'train.py' },
    datasets: [dataset('train', 'd1', 'training')],
  },
  {
    name: 'beta',
    user: 'bob',
    status: 'RUNNING',
    start: 2000,
    metrics: { acc: 0.7, loss: 0.3 },
    params: { lr: '0.01', opt: 'sgd' },
    tags: { team: 'NLP' },
    datasets: [dataset('eval', 'd2', 'eval')],
  },
  {
    name: 'gamma',
    user: 'ann',
    status: 'FAILED',
    start: 3000,
    end: 3500,
    metrics: { acc: Number.NaN },
    params: { lr: '0.1' },
    tags: { team: 'cv' },
  },
  {
    name: 'delta',
    user: 'cat',
    status: 'FINISHED',
    start: 4000,
    end: 5000,
    params: { opt: 'adam' },
    datasets: [dataset('train', 'd1', 'training')],
  },
  {
    name: 'epsilon',
    user: 'bob',
    status: 'KILLED',
    start: 5000,
    end: 6000,
    metrics: { acc: 0.95 },
    deleted: true,
  },
  {
    name: 'Zeta_1',
    user: 'dan',
    status: 'SCHEDULED',
    start: 6000,
    metrics: { acc: -1, loss: Number.POSITIVE_INFINITY },
  },
]

/**
 * Seeds a store with the fixture runs (in experiment `search`) and one run in another
 * experiment (`other`, named `omega`).
 */
export async function seedSearchFixture(store: TrackingStore): Promise<SearchFixture> {
  const experimentId = await store.createExperiment({ name: 'search' })
  const otherExperimentId = await store.createExperiment({ name: 'other' })
  const ids: Record<string, string> = {}
  for (const spec of specs) {
    const run = await store.createRun({
      experimentId,
      runName: spec.name,
      userId: spec.user,
      startTime: spec.start,
    })
    const runId = run.info.runId
    ids[spec.name] = runId
    await store.logBatch({
      runId,
      metrics: Object.entries(spec.metrics ?? {}).map(([key, value]) => ({
        key,
        value,
        timestamp: spec.start,
        step: 0,
      })),
      params: Object.entries(spec.params ?? {}).map(([key, value]) => ({ key, value })),
      tags: Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value })),
    })
    if (spec.datasets) await store.logInputs({ runId, datasets: spec.datasets })
    await store.updateRun({
      runId,
      status: spec.status,
      ...(spec.end === undefined ? {} : { endTime: spec.end }),
    })
    if (spec.deleted) await store.deleteRun({ runId })
  }
  const other = await store.createRun({
    experimentId: otherExperimentId,
    runName: 'omega',
    startTime: 7000,
  })
  ids.omega = other.info.runId
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]))
  return {
    store,
    experimentId,
    otherExperimentId,
    ids,
    nameOf: (runId) => names.get(runId) ?? runId,
  }
}
