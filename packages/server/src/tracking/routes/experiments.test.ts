import {
  createExperiment,
  deleteExperiment,
  deleteExperimentTag,
  getExperiment,
  getExperimentByName,
  restoreExperiment,
  searchDatasets,
  searchExperiments,
  setExperimentTag,
  updateExperiment,
} from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  expectResponse,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

let server: TrackingTestServer
beforeEach(async () => {
  server = await createTrackingTestServer()
})
afterEach(() => server.close())

async function create(name: string, extra = {}) {
  const response = await callEndpoint(server.app, createExperiment, { name, ...extra })
  return (await expectResponse(createExperiment, response)).experimentId
}

describe('experiment routes', () => {
  it('create, get, get-by-name', async () => {
    const experimentId = await create('dspy', { tags: [{ key: 'team', value: 'nlp' }] })
    expect(experimentId).toBe('1')
    const { experiment } = await expectResponse(
      getExperiment,
      await callEndpoint(server.app, getExperiment, { experiment_id: experimentId }),
    )
    expect(experiment).toMatchObject({
      experimentId: '1',
      name: 'dspy',
      artifactLocation: 'mlflow-artifacts:/1',
      lifecycleStage: 'active',
      tags: [{ key: 'team', value: 'nlp' }],
    })
    const byName = await expectResponse(
      getExperimentByName,
      await callEndpoint(server.app, getExperimentByName, { experiment_name: 'dspy' }),
    )
    expect(byName.experiment.experimentId).toBe('1')
  })

  it('answers the same under /ajax-api', async () => {
    await create('dspy')
    const response = await callEndpoint(
      server.app,
      getExperimentByName,
      { experiment_name: 'dspy' },
      { ajax: true },
    )
    expect((await expectResponse(getExperimentByName, response)).experiment.name).toBe('dspy')
  })

  it('refuses integer experiment ids, as MLflow 3.17 does', async () => {
    await create('dspy')
    const response = await server.app.request('/api/2.0/mlflow/experiments/delete', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"experiment_id": 1}',
    })
    await expectError(response, 400, 'INVALID_PARAMETER_VALUE')
  })

  it('answers renaming a deleted experiment with INVALID_STATE, as 400 not 500', async () => {
    const experimentId = await create('dspy')
    await expectResponse(
      deleteExperiment,
      await callEndpoint(server.app, deleteExperiment, { experiment_id: experimentId }),
    )
    await expectError(
      await callEndpoint(server.app, updateExperiment, {
        experiment_id: experimentId,
        new_name: 'x',
      }),
      400,
      'INVALID_STATE',
    )
  })

  it('maps store errors to MLflow codes and statuses', async () => {
    await create('dspy')
    await expectError(
      await callEndpoint(server.app, createExperiment, { name: 'dspy' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    )
    const missing = await expectError(
      await callEndpoint(server.app, getExperiment, { experiment_id: '99' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    expect(missing.message).toBe('No Experiment with id=99 exists')
    await expectError(
      await callEndpoint(server.app, getExperimentByName, { experiment_name: 'nope' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    const required = await expectError(
      await callEndpoint(server.app, createExperiment, {}),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(required.message).toContain("Missing value for required parameter 'name'")
  })

  it('searches with POST and GET, and rejects bad filters with 400', async () => {
    await create('dspy-a')
    await create('other')
    const posted = await expectResponse(
      searchExperiments,
      await callEndpoint(server.app, searchExperiments, {
        filter: "name LIKE 'dspy%'",
        max_results: 10,
      }),
    )
    expect(posted.experiments.map((experiment) => experiment.name)).toEqual(['dspy-a'])
    const got = await expectResponse(
      searchExperiments,
      await callEndpoint(
        server.app,
        searchExperiments,
        { view_type: 'ALL', order_by: ['name ASC'] },
        { method: 'GET' },
      ),
    )
    expect(got.experiments.map((experiment) => experiment.name)).toEqual([
      'Default',
      'dspy-a',
      'other',
    ])
    await expectError(
      await callEndpoint(server.app, searchExperiments, { filter: 'name = = oops' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })

  it('renames, tags, deletes and restores', async () => {
    const experimentId = await create('dspy')
    const ok = async (endpoint: Parameters<typeof callEndpoint>[1], request: object) =>
      expect(
        await expectResponse(endpoint, await callEndpoint(server.app, endpoint, { ...request })),
      ).toEqual({})
    await ok(updateExperiment, { experiment_id: experimentId, new_name: 'dspy-2' })
    await ok(setExperimentTag, { experiment_id: experimentId, key: 'k', value: 'v' })
    await ok(deleteExperimentTag, { experiment_id: experimentId, key: 'k' })
    await expectError(
      await callEndpoint(server.app, deleteExperimentTag, {
        experiment_id: experimentId,
        key: 'k',
      }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    await ok(deleteExperiment, { experiment_id: experimentId })
    const deleted = await server.trackingStore.getExperimentOrThrow({ experimentId })
    expect([deleted.name, deleted.lifecycleStage]).toEqual(['dspy-2', 'deleted'])
    await ok(restoreExperiment, { experiment_id: experimentId })
  })

  it('serves the UI dataset summaries on the ajax path only', async () => {
    const experimentId = await create('dspy')
    const response = await callEndpoint(server.app, searchDatasets, {
      experiment_ids: [experimentId],
    })
    expect(await expectResponse(searchDatasets, response)).toEqual({ datasetSummaries: [] })
    await expectError(
      await callEndpoint(server.app, searchDatasets, { experiment_ids: [] }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })
})
