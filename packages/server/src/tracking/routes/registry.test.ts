import {
  createExperiment,
  createModelVersion,
  createRegisteredModel,
  createRun,
  deleteRegisteredModel,
  deleteRegisteredModelAlias,
  getLatestVersions,
  getModelVersion,
  getModelVersionByAlias,
  getModelVersionDownloadUri,
  getRegisteredModel,
  searchModelVersions,
  searchRegisteredModels,
  setRegisteredModelAlias,
  transitionModelVersionStage,
  updateModelVersion,
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
let runId: string
let experimentId: string
beforeEach(async () => {
  server = await createTrackingTestServer()
  experimentId = (
    await expectResponse(
      createExperiment,
      await callEndpoint(server.app, createExperiment, { name: 'registry' }),
    )
  ).experimentId
  runId = (
    await expectResponse(
      createRun,
      await callEndpoint(server.app, createRun, { experiment_id: experimentId }),
    )
  ).run.info.runId
  await call(createRegisteredModel, { name: 'qa' })
})
afterEach(() => server.close())

function call(endpoint: Parameters<typeof callEndpoint>[1], request: Record<string, unknown>) {
  return callEndpoint(server.app, endpoint, request as never)
}

function artifactSource(path = 'model'): string {
  return `mlflow-artifacts:/${experimentId}/${runId}/artifacts/${path}`
}

describe('registry routes', () => {
  it('answers MLflow wire JSON for models and versions, under /api and /ajax-api', async () => {
    const response = await call(createModelVersion, {
      name: 'qa',
      source: artifactSource(),
      run_id: runId,
      tags: [{ key: 'k', value: 'v' }],
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { model_version: Record<string, unknown> }
    expect(body).toEqual({
      model_version: {
        name: 'qa',
        version: '1',
        creation_timestamp: expect.any(Number),
        last_updated_timestamp: expect.any(Number),
        current_stage: 'None',
        description: '',
        source: artifactSource(),
        run_id: runId,
        status: 'READY',
        tags: [{ key: 'k', value: 'v' }],
        run_link: '',
      },
    })
    const model = await callEndpoint(server.app, getRegisteredModel, { name: 'qa' }, { ajax: true })
    const { registeredModel } = await expectResponse(getRegisteredModel, model)
    expect(registeredModel.latestVersions.map((version) => version.version)).toEqual(['1'])
    const raw = await server.app.request('/api/2.0/mlflow/registered-models/get?name=qa')
    expect(
      Object.keys(((await raw.json()) as { registered_model: object }).registered_model),
    ).toEqual(['name', 'creation_timestamp', 'last_updated_timestamp', 'latest_versions'])
  })

  it('serves get-latest-versions on POST and GET', async () => {
    await call(createModelVersion, { name: 'qa', source: 's3://bucket/m' })
    await call(transitionModelVersionStage, { name: 'qa', version: '1', stage: 'staging' })
    const post = await expectResponse(
      getLatestVersions,
      await call(getLatestVersions, { name: 'qa', stages: ['STAGING'] }),
    )
    expect(post.modelVersions.map((version) => version.currentStage)).toEqual(['Staging'])
    const get = await callEndpoint(
      server.app,
      getLatestVersions,
      { name: 'qa', stages: ['None'] },
      { method: 'GET' },
    )
    expect((await expectResponse(getLatestVersions, get)).modelVersions).toEqual([])
  })

  it('reads DELETE requests from a JSON body or the query string', async () => {
    await call(createModelVersion, { name: 'qa', source: 's3://bucket/m' })
    await call(setRegisteredModelAlias, { name: 'qa', alias: 'champ', version: '1' })
    await expectResponse(
      deleteRegisteredModelAlias,
      await call(deleteRegisteredModelAlias, { name: 'qa', alias: 'champ' }),
    )
    await expectError(
      await call(getModelVersionByAlias, { name: 'qa', alias: 'champ' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    const byQuery = await server.app.request(
      '/api/2.0/mlflow/model-versions/delete?name=qa&version=1',
      { method: 'DELETE' },
    )
    expect(byQuery.status).toBe(200)
    await expectError(
      await call(getModelVersion, { name: 'qa', version: '1' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    await expectResponse(deleteRegisteredModel, await call(deleteRegisteredModel, { name: 'qa' }))
    await expectError(
      await call(getRegisteredModel, { name: 'qa' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })

  it('answers bad input with MLflow codes, never 5xx', async () => {
    await call(createModelVersion, { name: 'qa', source: 's3://bucket/m' })
    const cases: [Parameters<typeof callEndpoint>[1], Record<string, unknown>, number, string][] = [
      [createRegisteredModel, { name: 'qa' }, 400, 'RESOURCE_ALREADY_EXISTS'],
      [createRegisteredModel, {}, 400, 'INVALID_PARAMETER_VALUE'],
      [createRegisteredModel, { name: 'a/b' }, 400, 'INVALID_PARAMETER_VALUE'],
      [
        createRegisteredModel,
        { name: 'x', tags: [{ key: 'k', value: 'v'.repeat(100_001) }] },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [getRegisteredModel, { name: 'nope' }, 404, 'RESOURCE_DOES_NOT_EXIST'],
      [getModelVersion, { name: 'qa', version: 'one' }, 400, 'INVALID_PARAMETER_VALUE'],
      [getModelVersion, { name: 'qa', version: '7' }, 404, 'RESOURCE_DOES_NOT_EXIST'],
      [getModelVersion, { name: 'qa' }, 400, 'INVALID_PARAMETER_VALUE'],
      [updateModelVersion, { name: 'qa', version: 1 }, 400, 'INVALID_PARAMETER_VALUE'],
      [
        transitionModelVersionStage,
        { name: 'qa', version: '1', stage: 'Archived', archive_existing_versions: true },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [
        setRegisteredModelAlias,
        { name: 'qa', alias: 'latest', version: '1' },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [
        setRegisteredModelAlias,
        { name: 'qa', alias: 'v3', version: '1' },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [
        setRegisteredModelAlias,
        { name: 'qa', alias: 'ok', version: '9' },
        404,
        'RESOURCE_DOES_NOT_EXIST',
      ],
      [getModelVersionByAlias, { name: 'qa', alias: 'nope' }, 400, 'INVALID_PARAMETER_VALUE'],
      [getModelVersionDownloadUri, {}, 400, 'INVALID_PARAMETER_VALUE'],
      [searchRegisteredModels, { max_results: 1001 }, 400, 'INVALID_PARAMETER_VALUE'],
      [searchRegisteredModels, { filter: 'tags.k IS NULL' }, 400, 'INVALID_PARAMETER_VALUE'],
      [searchRegisteredModels, { order_by: ['name', 'name'] }, 400, 'INVALID_PARAMETER_VALUE'],
      [searchModelVersions, { max_results: 0 }, 400, 'INVALID_PARAMETER_VALUE'],
      [searchModelVersions, { filter: "version_number IN ('1')" }, 400, 'INVALID_PARAMETER_VALUE'],
      [createModelVersion, { name: 'qa' }, 400, 'INVALID_PARAMETER_VALUE'],
      [
        createModelVersion,
        { name: 'nope', source: 's3://bucket/m' },
        404,
        'RESOURCE_DOES_NOT_EXIST',
      ],
    ]
    for (const [endpoint, request, status, code] of cases) {
      await expectError(await call(endpoint, request), status, code)
    }
  })

  it('checks sources against the run they claim to come from', async () => {
    const rejected = [
      { source: 's3://bucket/a/../b' },
      { source: 's3://bucket/a/%252e%252e/b' },
      { source: 's3://bucket' },
      { source: 'http://example.com/model' },
      { source: 'mlflow-artifacts://example.com/1/model' },
      { source: `runs:/${runId}/model` },
      { source: `runs:/${runId}/model`, run_id: '0'.repeat(32) },
      { source: artifactSource() },
      { source: `mlflow-artifacts:/${experimentId}/other/artifacts`, run_id: runId },
      { source: '/etc/passwd', run_id: runId },
      { source: 'file:///etc/passwd' },
      { source: 'file://evil.example.com/etc/passwd' },
      { source: 'models:/m-0123' },
      { source: 'models://elsewhere/qa/1' },
      { source: 's3://bucket/x', tags: [{ key: 'mlflow.prompt.is_prompt', value: 'true' }] },
    ]
    for (const request of rejected) {
      await expectError(
        await call(createModelVersion, { name: 'qa', ...request }),
        400,
        'INVALID_PARAMETER_VALUE',
      )
    }
    for (const request of [
      { source: `runs:/${runId}/model`, run_id: runId },
      { source: artifactSource('model/sub'), run_id: runId },
      { source: 's3://bucket//model' },
      { source: 'dummy-source', tags: [{ key: 'mlflow.prompt.is_prompt', value: 'true' }] },
    ]) {
      await expectResponse(
        createModelVersion,
        await call(createModelVersion, { name: 'qa', ...request }),
      )
    }
  })

  it('registers a version from another version, keeping its lineage', async () => {
    await call(createModelVersion, { name: 'qa', source: artifactSource(), run_id: runId })
    await call(setRegisteredModelAlias, { name: 'qa', alias: 'champ', version: '1' })
    await call(createRegisteredModel, { name: 'copy' })
    const { modelVersion } = await expectResponse(
      createModelVersion,
      await call(createModelVersion, { name: 'copy', source: 'models:/qa@champ' }),
    )
    expect(modelVersion).toMatchObject({ source: 'models:/qa/1', runId })
    const { artifactUri } = await expectResponse(
      getModelVersionDownloadUri,
      await call(getModelVersionDownloadUri, { name: 'copy', version: '1' }),
    )
    expect(artifactUri).toBe(artifactSource())
    await expectError(
      await call(createModelVersion, { name: 'copy', source: 'models:/qa/1', run_id: 'other' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await call(createModelVersion, { name: 'copy', source: 'models:/qa/Production' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })
})
