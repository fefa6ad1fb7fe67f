import { describe, expect, it } from 'vitest'
import { wireToQuery } from '../wire/query.ts'
import type { WireObject } from '../wire/wire-value.ts'
import { abortMultipartUpload } from './artifact-proxy/abort-multipart-upload.ts'
import { completeMultipartUpload } from './artifact-proxy/complete-multipart-upload.ts'
import { createMultipartUpload } from './artifact-proxy/create-multipart-upload.ts'
import { deleteArtifact } from './artifact-proxy/delete-artifact.ts'
import { downloadArtifact } from './artifact-proxy/download-artifact.ts'
import { listProxyArtifacts } from './artifact-proxy/list-proxy-artifacts.ts'
import { uploadArtifact } from './artifact-proxy/upload-artifact.ts'
import { listArtifacts } from './artifacts/list-artifacts.ts'
import type { AnyEndpoint } from './endpoint.ts'
import { queryFields, safeParseRequest } from './endpoint-io.ts'
import { createExperiment } from './experiments/create-experiment.ts'
import { deleteExperiment } from './experiments/delete-experiment.ts'
import { deleteExperimentTag } from './experiments/delete-experiment-tag.ts'
import { getExperiment } from './experiments/get-experiment.ts'
import { getExperimentByName } from './experiments/get-experiment-by-name.ts'
import { restoreExperiment } from './experiments/restore-experiment.ts'
import { searchDatasets } from './experiments/search-datasets.ts'
import { searchExperiments } from './experiments/search-experiments.ts'
import { setExperimentTag } from './experiments/set-experiment-tag.ts'
import { updateExperiment } from './experiments/update-experiment.ts'
import { getMetricHistory } from './metrics/get-metric-history.ts'
import { getMetricHistoryBulkInterval } from './metrics/get-metric-history-bulk-interval.ts'
import { createRun } from './runs/create-run.ts'
import { deleteRun } from './runs/delete-run.ts'
import { deleteTag } from './runs/delete-tag.ts'
import { getRun } from './runs/get-run.ts'
import { logBatch } from './runs/log-batch.ts'
import { logInputs } from './runs/log-inputs.ts'
import { logMetric } from './runs/log-metric.ts'
import { logModel } from './runs/log-model.ts'
import { logOutputs } from './runs/log-outputs.ts'
import { logParam } from './runs/log-param.ts'
import { restoreRun } from './runs/restore-run.ts'
import { searchRuns } from './runs/search-runs.ts'
import { setTag } from './runs/set-tag.ts'
import { updateRun } from './runs/update-run.ts'
import { trackingEndpoints } from './tracking-endpoints.ts'

const runId = '0b9149d36e6e4fe0b6ed86a77f555ba8'
const hint = ' See the API docs for more information about request parameters.'
const missing = (name: string) => `Missing value for required parameter '${name}'.${hint}`
const invalid = (value: string, name: string, type: string) =>
  `Invalid value ${value} for parameter '${name}' supplied:  Hint: Value was of type '${type}'.${hint}`

type Case = {
  endpoint: AnyEndpoint
  /** A body as the Python client sends it (snake_case proto names, ids and int64 as sent). */
  sample: WireObject
  /** The camelCase request the sample reads as. */
  expected: Record<string, unknown>
  /** Malformed bodies and the message MLflow answers them with. */
  rejects: [WireObject, string][]
}

const cases: Case[] = [
  {
    endpoint: createExperiment,
    sample: { name: 'capture-exp-2', tags: [{ key: 'team', value: 'ml' }] },
    expected: { name: 'capture-exp-2', tags: [{ key: 'team', value: 'ml' }] },
    rejects: [
      [{}, missing('name')],
      [{ name: 5 }, invalid('5', 'name', 'int')],
      [{ name: 'e', artifact_location: ['x'] }, invalid('["x"]', 'artifact_location', 'list')],
    ],
  },
  {
    endpoint: getExperiment,
    sample: { experiment_id: '2' },
    expected: { experimentId: '2' },
    rejects: [
      [{}, missing('experiment_id')],
      [{ experiment_id: '' }, missing('experiment_id')],
    ],
  },
  {
    endpoint: getExperimentByName,
    sample: { experiment_name: 'capture-exp' },
    expected: { experimentName: 'capture-exp' },
    rejects: [[{}, missing('experiment_name')]],
  },
  {
    endpoint: searchExperiments,
    sample: {
      max_results: 1000,
      filter: "name LIKE 'capture%'",
      order_by: ['name'],
      view_type: 'ACTIVE_ONLY',
    },
    expected: {
      maxResults: 1000,
      filter: "name LIKE 'capture%'",
      orderBy: ['name'],
      viewType: 'ACTIVE_ONLY',
    },
    rejects: [
      [{ max_results: 'abc' }, invalid('"abc"', 'max_results', 'str')],
      [{ order_by: 'name' }, invalid('"name"', 'order_by', 'str')],
    ],
  },
  {
    endpoint: updateExperiment,
    sample: { experiment_id: '3', new_name: 'capture-exp-3' },
    expected: { experimentId: '3', newName: 'capture-exp-3' },
    rejects: [
      [{ new_name: 'x' }, missing('experiment_id')],
      [{ experiment_id: '3' }, missing('new_name')],
    ],
  },
  {
    endpoint: deleteExperiment,
    sample: { experiment_id: '3' },
    expected: { experimentId: '3' },
    rejects: [[{ experiment_id: 3 }, invalid('3', 'experiment_id', 'int')]],
  },
  {
    endpoint: restoreExperiment,
    sample: { experiment_id: '3' },
    expected: { experimentId: '3' },
    rejects: [[{ experiment_id: null }, missing('experiment_id')]],
  },
  {
    endpoint: setExperimentTag,
    sample: { experiment_id: '3', key: 'note', value: 'x' },
    expected: { experimentId: '3', key: 'note', value: 'x' },
    rejects: [[{ experiment_id: '3', value: 'x' }, missing('key')]],
  },
  {
    endpoint: deleteExperimentTag,
    sample: { experiment_id: '3', key: 'note' },
    expected: { experimentId: '3', key: 'note' },
    rejects: [[{ experiment_id: '3' }, missing('key')]],
  },
  {
    endpoint: searchDatasets,
    sample: { experiment_ids: ['2'] },
    expected: { experimentIds: ['2'] },
    rejects: [
      [{}, 'SearchDatasets request must specify at least one experiment_id.'],
      [
        { experiment_ids: Array.from({ length: 21 }, (_, index) => String(index)) },
        'SearchDatasets request cannot specify more than 20 experiment_ids. Received 21 experiment_ids.',
      ],
    ],
  },
  {
    endpoint: createRun,
    sample: {
      experiment_id: '2',
      user_id: 'root',
      run_name: 'parent',
      start_time: 1795480581230,
      tags: [
        { key: 'mlflow.user', value: 'root' },
        { key: 'mlflow.runName', value: 'parent' },
      ],
    },
    expected: {
      experimentId: '2',
      userId: 'root',
      runName: 'parent',
      startTime: 1795480581230,
      tags: [
        { key: 'mlflow.user', value: 'root' },
        { key: 'mlflow.runName', value: 'parent' },
      ],
    },
    rejects: [
      [{ experiment_id: 1 }, invalid('1', 'experiment_id', 'int')],
      [{ start_time: 'now' }, invalid('"now"', 'start_time', 'str')],
    ],
  },
  {
    endpoint: getRun,
    sample: { run_uuid: runId, run_id: runId },
    expected: { runId },
    rejects: [[{}, missing('run_id')]],
  },
  {
    endpoint: updateRun,
    sample: { run_uuid: runId, status: 'FINISHED', end_time: 1795480581857, run_id: runId },
    expected: { runId, status: 'FINISHED', endTime: 1795480581857 },
    rejects: [
      [{ status: 'FINISHED' }, missing('run_id')],
      [{ run_id: runId, status: 9 }, invalid('9', 'status', 'int')],
      [{ run_id: runId, end_time: 1.5 }, invalid('1.5', 'end_time', 'float')],
    ],
  },
  {
    endpoint: deleteRun,
    sample: { run_id: runId },
    expected: { runId },
    rejects: [[{ run_uuid: runId }, missing('run_id')]],
  },
  {
    endpoint: restoreRun,
    sample: { run_id: runId },
    expected: { runId },
    rejects: [[{}, missing('run_id')]],
  },
  {
    endpoint: logMetric,
    sample: {
      run_uuid: runId,
      key: 'nan',
      value: 'NaN',
      timestamp: 1795480581275,
      step: 0,
      run_id: runId,
    },
    expected: { runId, key: 'nan', value: Number.NaN, timestamp: 1795480581275, step: 0 },
    rejects: [
      [{ run_id: runId, key: 'k', value: 'abc', timestamp: 1 }, invalid('"abc"', 'value', 'str')],
      [{ run_id: runId, key: 'k', value: 1 }, missing('timestamp')],
      [{ run_id: runId, key: 'k', timestamp: 1 }, missing('value')],
      [{ run_id: runId, value: 1, timestamp: 1 }, missing('key')],
    ],
  },
  {
    endpoint: logParam,
    sample: { run_uuid: runId, key: 'lr', value: '0.01', run_id: runId },
    expected: { runId, key: 'lr', value: '0.01' },
    rejects: [
      [{ run_id: runId, value: 'x' }, missing('key')],
      [{ run_id: runId, key: 'lr', value: 0.01 }, invalid('0.01', 'value', 'float')],
    ],
  },
  {
    endpoint: setTag,
    sample: { run_uuid: runId, key: 't', value: 'v', run_id: runId },
    expected: { runId, key: 't', value: 'v' },
    rejects: [[{ key: 't', value: 'v' }, missing('run_id')]],
  },
  {
    endpoint: deleteTag,
    sample: { run_id: runId, key: 't2' },
    expected: { runId, key: 't2' },
    rejects: [[{ run_id: runId }, missing('key')]],
  },
  {
    endpoint: logBatch,
    sample: {
      run_id: runId,
      metrics: [
        { key: 'a', value: 1.0, timestamp: 1795480581340, step: 2, run_id: runId },
        { key: 'inf', value: 'Infinity', timestamp: '1795480581340', step: '2' },
      ],
      params: [{ key: 'p1', value: 'v1' }],
      tags: [{ key: 't2', value: 'v2' }],
    },
    expected: {
      runId,
      metrics: [
        { key: 'a', value: 1, timestamp: 1795480581340, step: 2, runId },
        { key: 'inf', value: Number.POSITIVE_INFINITY, timestamp: 1795480581340, step: 2 },
      ],
      params: [{ key: 'p1', value: 'v1' }],
      tags: [{ key: 't2', value: 'v2' }],
    },
    rejects: [
      [{ run_id: runId, metrics: [{ key: 'k', value: 1 }] }, missing('metrics[0].timestamp')],
      [{ run_id: runId, metrics: [{ value: 1, timestamp: 1 }] }, missing('metrics[0].key')],
      [{ run_id: runId, params: [{ value: 'v' }] }, missing('params[0].key')],
      [{ run_id: runId, tags: [{ key: 'a' }, { value: 'v' }] }, missing('tags[1].key')],
      [
        {
          run_id: runId,
          params: Array.from({ length: 101 }, (_, index) => ({ key: `p${index}` })),
        },
        'A batch logging request can contain at most 100 params. Got 101 params. Please split up ' +
          'params across multiple requests and try again.',
      ],
    ],
  },
  {
    endpoint: logInputs,
    sample: {
      run_id: runId,
      datasets: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: {
            name: 'train',
            digest: 'bd7e92ad',
            source_type: 'code',
            source: '{"tags": {}}',
            schema: '{"mlflow_colspec": []}',
            profile: '{"num_rows": 1, "num_elements": 2}',
          },
        },
      ],
    },
    expected: {
      runId,
      datasets: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: {
            name: 'train',
            digest: 'bd7e92ad',
            sourceType: 'code',
            source: '{"tags": {}}',
            schema: '{"mlflow_colspec": []}',
            profile: '{"num_rows": 1, "num_elements": 2}',
          },
        },
      ],
      models: [],
    },
    rejects: [
      [{ datasets: [] }, missing('run_id')],
      [{ run_id: runId, datasets: {} }, invalid('{}', 'datasets', 'dict')],
    ],
  },
  {
    endpoint: logOutputs,
    sample: {
      run_id: runId,
      models: [{ model_id: 'm-0123456789abcdef0123456789abcdef', step: 0 }],
    },
    expected: { runId, models: [{ modelId: 'm-0123456789abcdef0123456789abcdef', step: 0 }] },
    rejects: [[{ run_id: runId }, missing('models')]],
  },
  {
    endpoint: logModel,
    sample: { run_id: runId, model_json: '{"artifact_path": "model", "flavors": {}}' },
    expected: { runId, modelJson: '{"artifact_path": "model", "flavors": {}}' },
    rejects: [[{ run_id: runId }, missing('model_json')]],
  },
  {
    endpoint: searchRuns,
    sample: {
      experiment_ids: ['2'],
      run_view_type: 'ACTIVE_ONLY',
      filter: "params.lr = '0.01'",
      max_results: 10,
      order_by: ['metrics.score DESC'],
    },
    expected: {
      experimentIds: ['2'],
      runViewType: 'ACTIVE_ONLY',
      filter: "params.lr = '0.01'",
      maxResults: 10,
      orderBy: ['metrics.score DESC'],
    },
    rejects: [
      [{ max_results: 60000 }, invalid('60000', 'max_results', 'int')],
      [{ order_by: [1] }, invalid('[1]', 'order_by', 'list')],
      [{ experiment_ids: '2' }, invalid('"2"', 'experiment_ids', 'str')],
    ],
  },
  {
    endpoint: listArtifacts,
    sample: { run_uuid: runId, run_id: runId, path: 'sub' },
    expected: { runId, path: 'sub' },
    rejects: [[{ path: 'sub' }, missing('run_id')]],
  },
  {
    endpoint: getMetricHistory,
    sample: { run_uuid: runId, metric_key: 'score', run_id: runId, max_results: '25000' },
    expected: { runId, metricKey: 'score', maxResults: 25000 },
    rejects: [
      [{ run_id: runId }, missing('metric_key')],
      [
        { run_id: runId, metric_key: 'score', max_results: '0' },
        "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer.",
      ],
    ],
  },
  {
    endpoint: getMetricHistoryBulkInterval,
    sample: { run_ids: [runId], metric_key: 'score', start_step: '0', end_step: '10' },
    expected: { runIds: [runId], metricKey: 'score', startStep: 0, endStep: 10, maxResults: 2500 },
    rejects: [
      [{ metric_key: 'score' }, missing('run_ids')],
      [{ run_ids: [runId] }, missing('metric_key')],
      [
        { run_ids: [runId], metric_key: 's', max_results: '0' },
        `max_results must be between 1 and 2500.${hint}`,
      ],
      [
        { run_ids: Array.from({ length: 101 }, (_, index) => `r${index}`), metric_key: 's' },
        `GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received 101 run_ids.${hint}`,
      ],
      [
        { run_ids: [runId], metric_key: 's', start_step: '1' },
        'If either start step or end step are specified, both must be specified.',
      ],
      [
        { run_ids: [runId], metric_key: 's', start_step: '5', end_step: '1' },
        'end_step must be greater than start_step. Found start_step=5 and end_step=1.',
      ],
    ],
  },
  {
    endpoint: listProxyArtifacts,
    sample: { path: `2/${runId}/artifacts/sub` },
    expected: { path: `2/${runId}/artifacts/sub` },
    rejects: [[{ path: ['a', 'b'] }, invalid('["a","b"]', 'path', 'list')]],
  },
  {
    endpoint: downloadArtifact,
    sample: { artifact_path: `2/${runId}/artifacts/sub/x.json` },
    expected: { artifactPath: `2/${runId}/artifacts/sub/x.json` },
    rejects: [[{}, missing('artifact_path')]],
  },
  {
    endpoint: uploadArtifact,
    sample: { artifact_path: `2/${runId}/artifacts/sub/x.json` },
    expected: { artifactPath: `2/${runId}/artifacts/sub/x.json` },
    rejects: [[{ artifact_path: '' }, missing('artifact_path')]],
  },
  {
    endpoint: deleteArtifact,
    sample: { artifact_path: `2/${runId}/artifacts/sub` },
    expected: { artifactPath: `2/${runId}/artifacts/sub` },
    rejects: [[{}, missing('artifact_path')]],
  },
  {
    endpoint: createMultipartUpload,
    sample: { artifact_path: '2/big.bin', path: 'big.bin', num_parts: 2 },
    expected: { artifactPath: '2/big.bin', path: 'big.bin', numParts: 2 },
    rejects: [
      [{ artifact_path: '2/big.bin' }, missing('path')],
      [
        { artifact_path: '2/big.bin', path: 'b', num_parts: 'x' },
        invalid('"x"', 'num_parts', 'str'),
      ],
    ],
  },
  {
    endpoint: completeMultipartUpload,
    sample: {
      artifact_path: '2/big.bin',
      path: 'big.bin',
      upload_id: 'u1',
      parts: [{ part_number: 1, etag: '"e1"', url: 'https://bucket/p1' }],
    },
    expected: {
      artifactPath: '2/big.bin',
      path: 'big.bin',
      uploadId: 'u1',
      parts: [{ partNumber: 1, etag: '"e1"', url: 'https://bucket/p1' }],
    },
    rejects: [[{ artifact_path: '2/big.bin', path: 'big.bin', upload_id: 'u1' }, missing('parts')]],
  },
  {
    endpoint: abortMultipartUpload,
    sample: { artifact_path: '2/big.bin', path: 'big.bin', upload_id: 'u1' },
    expected: { artifactPath: '2/big.bin', path: 'big.bin', uploadId: 'u1' },
    rejects: [[{ artifact_path: '2/big.bin', upload_id: 'u1' }, missing('path')]],
  },
]

describe('endpoint request schemas', () => {
  it('have a case for every endpoint', () => {
    const covered = new Set(cases.map((entry) => entry.endpoint))
    expect(trackingEndpoints.filter((endpoint) => !covered.has(endpoint))).toEqual([])
  })

  describe.each(cases.map((entry) => [entry.endpoint.rpc, entry.endpoint.path, entry] as const))(
    '%s %s',
    (_rpc, _path, { endpoint, sample, expected, rejects }) => {
      it('accepts what the Python client sends', () => {
        const result = safeParseRequest(endpoint, sample)
        expect(result.success ? result.data : result.error.message).toEqual(expected)
      })

      if (endpoint.methods.includes('GET')) {
        it('accepts the same request as a query string', () => {
          const params = wireToQuery(sample)
          const result = safeParseRequest(endpoint, queryFields(endpoint, params))
          expect(result.success ? result.data : result.error.message).toEqual(expected)
        })
      }

      it.each(rejects.map(([body, message]) => [JSON.stringify(body).slice(0, 60), body, message]))(
        'rejects %s',
        (_name, body, message) => {
          const result = safeParseRequest(endpoint, body)
          expect(result.success).toBe(false)
          if (result.success) return
          expect(result.error.errorCode).toBe('INVALID_PARAMETER_VALUE')
          expect(result.error.httpStatus).toBe(400)
          expect(result.error.message).toBe(message)
        },
      )
    },
  )
})

describe('leniency MLflow inherits from protobuf parsing', () => {
  it('ignores unknown enum names: the field is absent, or takes its default', () => {
    expect(safeParseRequest(updateRun, { run_id: runId, status: 'SIDEWAYS' })).toEqual({
      success: true,
      data: { runId },
    })
    const experiments = safeParseRequest(searchExperiments, { view_type: 'SOMETIMES' })
    expect(experiments.success && experiments.data.viewType).toBe('ACTIVE_ONLY')
    const runs = safeParseRequest(searchRuns, { experiment_ids: ['1'], run_view_type: 'x' })
    expect(runs.success && runs.data.runViewType).toBe('ACTIVE_ONLY')
  })

  it('reads CreateRun tags that are not a list as absent', () => {
    const result = safeParseRequest(createRun, { experiment_id: '1', tags: 'not-a-list' })
    expect(result.success && result.data.tags).toEqual([])
  })

  it('keeps metric steps and timestamps beyond 2^53 exact, as bigints', () => {
    const body = {
      run_id: runId,
      key: 'k',
      value: 1,
      timestamp: '9007199254740993',
      step: 2n ** 60n,
    }
    const result = safeParseRequest(logMetric, body)
    expect(result.success && [result.data.timestamp, result.data.step]).toEqual([
      9007199254740993n,
      2n ** 60n,
    ])
    expect(safeParseRequest(logMetric, { ...body, step: 2n ** 63n }).success).toBe(false)
    const small = safeParseRequest(logMetric, { ...body, step: 5n })
    expect(small.success && small.data.step).toBe(5)
  })
})
