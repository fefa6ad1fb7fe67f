import { describe, expect, it } from 'vitest'
import { loggedModelSchema } from '../../entities/logged-models/logged-model.ts'
import { decodeResponse, encodeRequest, encodeResponse, safeParseRequest } from '../endpoint-io.ts'
import {
  finalizeLoggedModel,
  getLoggedModel,
  loggedModelEndpoints,
  searchLoggedModels,
} from './index.ts'

const modelId = 'm-0123456789abcdef0123456789abcdef'

describe('logged-model endpoints', () => {
  it('describe the REST routes of MLflow 3 logged models and the UI file route', () => {
    expect(loggedModelEndpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual([
      'POST /api/2.0/mlflow/logged-models',
      'POST /api/2.0/mlflow/logged-models/search',
      'GET /api/2.0/mlflow/logged-models/{model_id}',
      'PATCH /api/2.0/mlflow/logged-models/{model_id}',
      'DELETE /api/2.0/mlflow/logged-models/{model_id}',
      'PATCH /api/2.0/mlflow/logged-models/{model_id}/tags',
      'DELETE /api/2.0/mlflow/logged-models/{model_id}/tags/{tag_key}',
      'POST /api/2.0/mlflow/logged-models/{model_id}/params',
      'GET /api/2.0/mlflow/logged-models/{model_id}/artifacts/directories',
      'GET /ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files',
    ])
  })

  it('read finalize statuses as leniently as MLflow 3.17', () => {
    const status = (value: unknown) => {
      const result = safeParseRequest(finalizeLoggedModel, { model_id: modelId, status: value })
      return result.success ? result.data.status : result.error.message
    }
    expect(status('LOGGED_MODEL_READY')).toBe('LOGGED_MODEL_READY')
    expect(status(3)).toBe('LOGGED_MODEL_UPLOAD_FAILED')
    expect(status('2')).toBe('LOGGED_MODEL_READY')
    expect(status(1.5)).toBe('LOGGED_MODEL_PENDING')
    expect(status(true)).toBe('LOGGED_MODEL_PENDING')
    expect(status('SIDEWAYS')).toBe('LOGGED_MODEL_STATUS_UNSPECIFIED')
    expect(status(7)).toBe('LOGGED_MODEL_STATUS_UNSPECIFIED')
    expect(status(undefined)).toContain("Missing value for required parameter 'status'")
    expect(encodeRequest(finalizeLoggedModel, { modelId, status: 'LOGGED_MODEL_READY' })).toEqual({
      model_id: modelId,
      status: 'LOGGED_MODEL_READY',
    })
  })

  it('default search fields as the proto does and require experiment_ids', () => {
    expect(safeParseRequest(searchLoggedModels, { experiment_ids: [] })).toEqual({
      success: true,
      data: { experimentIds: [], datasets: [], maxResults: 50, orderBy: [] },
    })
    const parsed = safeParseRequest(searchLoggedModels, {
      experiment_ids: ['1'],
      order_by: [{ field_name: 'metrics.acc', dataset_name: 'eval' }],
    })
    expect(parsed.success && parsed.data.orderBy).toEqual([
      { fieldName: 'metrics.acc', ascending: true, datasetName: 'eval' },
    ])
    const missing = safeParseRequest(searchLoggedModels, {})
    expect(missing.success).toBe(false)
    const allowDeleted = safeParseRequest(getLoggedModel, {
      model_id: modelId,
      allow_deleted: 'yes',
    })
    expect(allowDeleted.success && allowDeleted.data.allowDeleted).toBe(false)
  })

  it('write models in wire form and read them back, NaN metrics and status numbers included', () => {
    const model = loggedModelSchema.parse({
      info: {
        modelId,
        experimentId: '1',
        name: 'qa',
        artifactUri: 'mlflow-artifacts:/1/models/x/artifacts',
        status: 'LOGGED_MODEL_READY',
        modelType: '',
      },
      data: { metrics: [{ key: 'acc', value: Number.NaN, timestamp: 1, runId: 'r1', modelId }] },
    })
    const wire = encodeResponse(getLoggedModel, { model })
    expect(wire).toEqual({
      model: {
        info: {
          model_id: modelId,
          experiment_id: '1',
          name: 'qa',
          artifact_uri: 'mlflow-artifacts:/1/models/x/artifacts',
          status: 'LOGGED_MODEL_READY',
          model_type: '',
        },
        data: {
          metrics: [
            { key: 'acc', value: 'NaN', timestamp: 1, step: 0, model_id: modelId, run_id: 'r1' },
          ],
        },
      },
    })
    const decoded = decodeResponse(getLoggedModel, {
      model: { info: { ...(wire.model as { info: object }).info, status: 2 } },
    })
    expect(decoded.model.info.status).toBe('LOGGED_MODEL_READY')
    expect(decoded.model.data).toEqual({ params: [], metrics: [] })
  })
})
