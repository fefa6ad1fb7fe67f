import {
  createModelVersion,
  createRegisteredModel,
  getModelVersionDownloadUri,
} from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LoggedModelStore } from '../../stores/logged-models/logged-model-store.ts'
import {
  type FakeLoggedModels,
  fakeLoggedModels,
} from '../../stores/registry/testing/run-registry-store-conformance.ts'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  expectResponse,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

const MODEL_ID = 'm-0123456789abcdef0123456789abcdef'
const ARTIFACTS = `mlflow-artifacts:/1/models/${MODEL_ID}/artifacts`
const RUN_ID = 'abcdef0123456789abcdef0123456789'

let server: TrackingTestServer
let loggedModels: FakeLoggedModels
beforeEach(async () => {
  loggedModels = fakeLoggedModels({
    [MODEL_ID]: { info: { artifactUri: ARTIFACTS, sourceRunId: RUN_ID, tags: [] } },
  })
  server = await createTrackingTestServer({
    loggedModelStore: loggedModels as unknown as LoggedModelStore,
  })
  await callEndpoint(server.app, createRegisteredModel, { name: 'qa' })
})
afterEach(() => server.close())

function register(request: Record<string, unknown>) {
  return callEndpoint(server.app, createModelVersion, { name: 'qa', ...request } as never)
}

describe('registering logged models (models:/<model_id>)', () => {
  it('stores the logged model location and run, and records the version on the model', async () => {
    const { modelVersion } = await expectResponse(
      createModelVersion,
      await register({ source: `models:/${MODEL_ID}`, model_id: MODEL_ID }),
    )
    expect(modelVersion).toMatchObject({
      version: '1',
      source: `models:/${MODEL_ID}`,
      runId: RUN_ID,
    })
    const { artifactUri } = await expectResponse(
      getModelVersionDownloadUri,
      await callEndpoint(server.app, getModelVersionDownloadUri, { name: 'qa', version: '1' }),
    )
    expect(artifactUri).toBe(ARTIFACTS)
    await expectResponse(
      createModelVersion,
      await register({ source: `models:/${MODEL_ID}`, model_id: MODEL_ID }),
    )
    expect(loggedModels.models.get(MODEL_ID)?.info.tags).toEqual([
      {
        key: 'mlflow.modelVersions',
        value: '[{"name": "qa", "version": 1}, {"name": "qa", "version": 2}]',
      },
    ])
  })

  it('accepts artifact sources inside the logged model and refuses the others', async () => {
    await expectResponse(
      createModelVersion,
      await register({ source: `${ARTIFACTS}/sub`, model_id: MODEL_ID }),
    )
    for (const request of [
      { source: `models:/${MODEL_ID}` },
      { source: `models:/${MODEL_ID}`, model_id: 'm-other' },
      { source: 'mlflow-artifacts:/1/models/m-other/artifacts', model_id: MODEL_ID },
      { source: `runs:/${RUN_ID}/model`, model_id: MODEL_ID },
      { source: `${ARTIFACTS}/x`, model_id: 'm-unknown' },
      { source: '/tmp/model', model_id: MODEL_ID },
    ]) {
      await expectError(await register(request), 400, 'INVALID_PARAMETER_VALUE')
    }
    await expectError(
      await register({ source: 's3://bucket/model', model_id: 'm-unknown' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })
})
