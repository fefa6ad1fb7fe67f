import { join } from 'node:path'
import { createExperiment, createRun, listArtifacts } from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLocalArtifactStore } from '../../artifacts/local/local-artifact-store.ts'
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

async function newRun(experimentId = '0'): Promise<string> {
  const response = await callEndpoint(server.app, createRun, { experiment_id: experimentId })
  return (await expectResponse(createRun, response)).run.info.runId
}

const text = (value: string) => new TextEncoder().encode(value)

describe('GET /api/2.0/mlflow/artifacts/list', () => {
  it('lists a proxied run folder with paths relative to the run root', async () => {
    const runId = await newRun()
    const base = `0/${runId}/artifacts`
    await server.artifactStore.put({ path: `${base}/model/MLmodel`, body: text('flavors: {}') })
    await server.artifactStore.put({ path: `${base}/program.json`, body: text('{}') })
    await server.artifactStore.put({ path: `${base}/empty.txt`, body: text('') })
    const root = await expectResponse(
      listArtifacts,
      await callEndpoint(server.app, listArtifacts, { run_id: runId }),
    )
    expect(root).toEqual({
      rootUri: `mlflow-artifacts:/0/${runId}/artifacts`,
      files: [
        { path: 'empty.txt', isDir: false },
        { path: 'model', isDir: true },
        { path: 'program.json', isDir: false, fileSize: 2 },
      ],
    })
    const model = await expectResponse(
      listArtifacts,
      await callEndpoint(server.app, listArtifacts, { run_uuid: runId, path: 'model' }),
    )
    expect(model.files).toEqual([{ path: 'model/MLmodel', isDir: false, fileSize: 11 }])
  })

  it('lists runs whose experiment keeps artifacts in a local folder', async () => {
    const location = join(server.scratch, 'local-experiment')
    const created = await callEndpoint(server.app, createExperiment, {
      name: 'local',
      artifact_location: location,
    })
    const { experimentId } = await expectResponse(createExperiment, created)
    const runId = await newRun(experimentId)
    await createLocalArtifactStore({ root: location }).put({
      path: `${runId}/artifacts/notes.txt`,
      body: text('hi'),
    })
    const listed = await expectResponse(
      listArtifacts,
      await callEndpoint(server.app, listArtifacts, { run_id: runId }),
    )
    expect(listed.files).toEqual([{ path: 'notes.txt', isDir: false, fileSize: 2 }])
  })

  it.each(['../x', '..%2f..%2fetc', '%252e%252e/secret', '/etc', 'a\\..\\b', '#frag'])(
    'refuses the unsafe path %s with 400',
    async (path) => {
      const runId = await newRun()
      await expectError(
        await callEndpoint(server.app, listArtifacts, { run_id: runId, path }),
        400,
        'INVALID_PARAMETER_VALUE',
      )
    },
  )

  it('answers unknown runs with 404 and an empty folder with no files', async () => {
    await expectError(
      await callEndpoint(server.app, listArtifacts, { run_id: 'nope' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    const runId = await newRun()
    const listed = await expectResponse(
      listArtifacts,
      await callEndpoint(server.app, listArtifacts, { run_id: runId }),
    )
    expect(listed.files).toEqual([])
  })
})
