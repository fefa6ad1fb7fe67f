import { describe, expect, it } from 'vitest'
import { decodeResponse, encodeResponse, safeParseRequest } from '../endpoint-io.ts'
import {
  createModelVersion,
  getLatestVersions,
  getModelVersionDownloadUri,
  getRegisteredModel,
  registryEndpoints,
  transitionModelVersionStage,
} from './index.ts'

// Recorded from `mlflow server` 3.17.2.
const REFERENCE_MODEL = {
  registered_model: {
    name: 'm2',
    creation_timestamp: 1795488040142,
    last_updated_timestamp: 1795488040205,
    latest_versions: [
      {
        name: 'm2',
        version: '1',
        creation_timestamp: 1795488040161,
        last_updated_timestamp: 1795488040186,
        current_stage: 'None',
        source: 's3://bucket/x',
        run_id: '',
        status: 'READY',
        run_link: '',
      },
    ],
    aliases: [{ alias: 'champ', version: '1' }],
  },
}

describe('registry endpoints', () => {
  it('have one route per method and path', () => {
    const routes = registryEndpoints.flatMap((endpoint) =>
      endpoint.methods.map((method) => `${method} ${endpoint.path}`),
    )
    expect(new Set(routes).size).toBe(routes.length)
    expect(routes).toContain('GET /api/2.0/mlflow/registered-models/get-latest-versions')
    expect(routes).toContain('DELETE /api/2.0/mlflow/registered-models/alias')
    expect(registryEndpoints).toHaveLength(21)
  })

  it('round-trip the reference wire form', () => {
    const decoded = decodeResponse(getRegisteredModel, REFERENCE_MODEL)
    expect(decoded.registeredModel.latestVersions[0]).toMatchObject({
      version: '1',
      runId: '',
      status: 'READY',
      aliases: [],
      tags: [],
    })
    expect(encodeResponse(getRegisteredModel, decoded)).toEqual(REFERENCE_MODEL)
  })

  it('read requests with MLflow defaults and messages', () => {
    expect(safeParseRequest(getLatestVersions, { name: 'm' })).toEqual({
      success: true,
      data: { name: 'm', stages: [] },
    })
    const transition = safeParseRequest(transitionModelVersionStage, {
      name: 'm',
      version: '1',
      stage: 'Staging',
    })
    expect(transition.success && transition.data.archiveExistingVersions).toBe(false)
    const missing = safeParseRequest(createModelVersion, { name: 'm' })
    expect(missing.success).toBe(false)
    if (!missing.success) expect(missing.error.message).toMatch(/required parameter 'source'/)
    const numeric = safeParseRequest(createModelVersion, { name: 'm', source: 's', run_id: 5 })
    expect(numeric.success).toBe(false)
    expect(safeParseRequest(getModelVersionDownloadUri, {})).toEqual({
      success: true,
      data: { name: '', version: '' },
    })
  })
})
