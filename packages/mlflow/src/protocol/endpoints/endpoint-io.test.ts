import { describe, expect, it } from 'vitest'
import { MlflowError } from '../errors/mlflow-error.ts'
import { wireToQuery } from '../wire/query.ts'
import { fillPath } from './endpoint.ts'
import {
  decodeResponse,
  encodeRequest,
  encodeResponse,
  parseRequest,
  queryFields,
} from './endpoint-io.ts'
import { createExperiment } from './experiments/create-experiment.ts'
import { getExperiment } from './experiments/get-experiment.ts'
import { searchExperiments } from './experiments/search-experiments.ts'
import { getMetricHistoryBulkInterval } from './metrics/get-metric-history-bulk-interval.ts'
import { logMetric } from './runs/log-metric.ts'
import { uploadArtifact } from './artifact-proxy/upload-artifact.ts'
import { trackingEndpoints } from './tracking-endpoints.ts'

describe('client side', () => {
  it('encodes requests as the Python client does', () => {
    expect(
      encodeRequest(logMetric, { runId: 'a1', key: 'loss', value: Number.NaN, timestamp: 5 }),
    ).toEqual({ run_id: 'a1', run_uuid: 'a1', key: 'loss', value: 'NaN', timestamp: 5, step: 0 })
    expect(encodeRequest(createExperiment, { name: 'e1' })).toEqual({ name: 'e1' })
    const query = wireToQuery(
      encodeRequest(getMetricHistoryBulkInterval, { runIds: ['a', 'b'], metricKey: 'loss' }),
    )
    expect(query.toString()).toBe('run_ids=a&run_ids=b&metric_key=loss&max_results=2500')
  })

  it('rejects requests the server would reject', () => {
    expect(() => encodeRequest(createExperiment, { name: 5 as unknown as string })).toThrow()
  })

  it('decodes responses, and names the endpoint when one does not fit', () => {
    expect(decodeResponse(createExperiment, { experiment_id: '1' })).toEqual({ experimentId: '1' })
    expect(decodeResponse(searchExperiments, {})).toEqual({ experiments: [] })
    try {
      decodeResponse(getExperiment, { experiment: { name: 'x' } })
      expect.unreachable()
    } catch (error) {
      expect(MlflowError.isInstance(error) && error.errorCode).toBe('INTERNAL_ERROR')
      expect((error as Error).message).toContain('/api/2.0/mlflow/experiments/get')
    }
  })
})

describe('server side', () => {
  it('parses query strings and bodies, and encodes responses', () => {
    const params = new URLSearchParams('experiment_id=7&unknown=1')
    expect(parseRequest(getExperiment, queryFields(getExperiment, params))).toEqual({
      experimentId: '7',
    })
    expect(() => parseRequest(getExperiment, {})).toThrowError(
      "Missing value for required parameter 'experiment_id'.",
    )
    expect(encodeResponse(searchExperiments, { experiments: [] })).toEqual({})
    expect(encodeResponse(createExperiment, { experimentId: '3' })).toEqual({ experiment_id: '3' })
  })

  it('merges path parameters into the request', () => {
    expect(parseRequest(uploadArtifact, { artifact_path: '1/a1/artifacts/x.json' })).toEqual({
      artifactPath: '1/a1/artifacts/x.json',
    })
  })
})

describe('endpoint descriptors', () => {
  it('mirror every /api route under /ajax-api and list path parameters', () => {
    for (const endpoint of trackingEndpoints) {
      expect(endpoint.ajaxPath.startsWith('/ajax-api/2.0/')).toBe(true)
      expect(endpoint.path.replace('/api/', '/ajax-api/')).toBe(
        endpoint.path.startsWith('/ajax-api/') ? endpoint.path : endpoint.ajaxPath,
      )
      expect(endpoint.methods).toContain(endpoint.method)
    }
    expect(uploadArtifact.pathParams).toEqual(['artifact_path'])
    expect(uploadArtifact.requestBody).toBe('bytes')
    expect(searchExperiments.methods).toEqual(['POST', 'GET'])
  })

  it('have unique method and path pairs', () => {
    const keys = trackingEndpoints.flatMap((endpoint) =>
      endpoint.methods.map((method) => `${method} ${endpoint.path}`),
    )
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('fill artifact paths segment by segment', () => {
    expect(fillPath(uploadArtifact.path, { artifact_path: '1/a b/x#y.json' })).toBe(
      '/api/2.0/mlflow-artifacts/artifacts/1/a%20b/x%23y.json',
    )
    expect(() => fillPath(uploadArtifact.path, {})).toThrow(
      "Missing path parameter 'artifact_path'",
    )
  })
})
