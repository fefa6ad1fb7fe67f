import {
  createExperiment,
  createLoggedModel,
  deleteExperiment,
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  getLoggedModel,
  getLoggedModelArtifact,
  listLoggedModelArtifacts,
  logLoggedModelParams,
  searchLoggedModels,
  setLoggedModelTags,
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

async function newModel(request: Record<string, unknown> = {}): Promise<string> {
  const response = await callEndpoint(server.app, createLoggedModel, {
    experiment_id: '0',
    ...request,
  })
  return (await expectResponse(createLoggedModel, response)).model.info.modelId
}

describe('logged-model routes', () => {
  it('creates a model and answers it in MLflow wire form', async () => {
    const response = await callEndpoint(server.app, createLoggedModel, {
      experiment_id: '0',
      name: 'qa-agent',
      params: [{ key: 'temperature', value: '0.7' }],
      tags: [{ key: 'mlflow.user', value: 'ada' }],
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { model: { info: Record<string, unknown> } }
    const modelId = body.model.info.model_id as string
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/)
    expect(body).toEqual({
      model: {
        info: {
          model_id: modelId,
          experiment_id: '0',
          name: 'qa-agent',
          creation_timestamp_ms: expect.any(Number),
          last_updated_timestamp_ms: expect.any(Number),
          artifact_uri: `mlflow-artifacts:/0/models/${modelId}/artifacts`,
          status: 'LOGGED_MODEL_PENDING',
          // MLflow stores the proto defaults of absent strings.
          model_type: '',
          source_run_id: '',
          tags: [{ key: 'mlflow.user', value: 'ada' }],
        },
        data: { params: [{ key: 'temperature', value: '0.7' }] },
      },
    })
    const got = await callEndpoint(server.app, getLoggedModel, { model_id: modelId })
    const { model } = await expectResponse(getLoggedModel, got)
    expect(model.info.name).toBe('qa-agent')
    const ajax = await callEndpoint(
      server.app,
      getLoggedModel,
      { model_id: modelId },
      { ajax: true },
    )
    expect((await expectResponse(getLoggedModel, ajax)).model).toEqual(model)
  })

  it('rejects bad names and experiments with MLflow codes', async () => {
    const bad = await expectError(
      await callEndpoint(server.app, createLoggedModel, { experiment_id: '0', name: 'a.b' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(bad.message).toContain("Invalid model name ('a.b') provided.")
    const generated = await newModel({ name: '' })
    const { model } = await expectResponse(
      getLoggedModel,
      await callEndpoint(server.app, getLoggedModel, { model_id: generated }),
    )
    expect(model.info.name).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/)
    await expectError(
      await callEndpoint(server.app, createLoggedModel, { experiment_id: '42' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    await expectError(
      await callEndpoint(server.app, createLoggedModel, {}),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    const created = await callEndpoint(server.app, createExperiment, { name: 'gone' })
    const { experimentId } = await expectResponse(createExperiment, created)
    await callEndpoint(server.app, deleteExperiment, { experiment_id: experimentId })
    await expectError(
      await callEndpoint(server.app, createLoggedModel, { experiment_id: experimentId }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await callEndpoint(server.app, createLoggedModel, {
        experiment_id: '0',
        params: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      }),
      400,
      'BAD_REQUEST',
    )
  })

  it('finalizes with status names or numbers, lenient like MLflow', async () => {
    const modelId = await newModel()
    const finalize = async (status: unknown) => {
      const response = await callEndpoint(server.app, finalizeLoggedModel, {
        model_id: modelId,
        status: status as string,
      })
      return (await expectResponse(finalizeLoggedModel, response)).model.info.status
    }
    expect(await finalize('LOGGED_MODEL_READY')).toBe('LOGGED_MODEL_READY')
    expect(await finalize(3)).toBe('LOGGED_MODEL_UPLOAD_FAILED')
    expect(await finalize('1')).toBe('LOGGED_MODEL_PENDING')
    expect(await finalize('SIDEWAYS')).toBe('LOGGED_MODEL_STATUS_UNSPECIFIED')
    expect(await finalize(7)).toBe('LOGGED_MODEL_STATUS_UNSPECIFIED')
    const missing = await expectError(
      await callEndpoint(server.app, finalizeLoggedModel, { model_id: modelId }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(missing.message).toContain("Missing value for required parameter 'status'")
  })

  it('deletes softly: 404 afterwards unless allow_deleted', async () => {
    const modelId = await newModel()
    await expectResponse(
      deleteLoggedModel,
      await callEndpoint(server.app, deleteLoggedModel, { model_id: modelId }),
    )
    const error = await expectError(
      await callEndpoint(server.app, getLoggedModel, { model_id: modelId }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    expect(error.message).toBe(`Logged model with ID '${modelId}' not found.`)
    const allowed = await callEndpoint(server.app, getLoggedModel, {
      model_id: modelId,
      allow_deleted: 'True',
    })
    expect((await expectResponse(getLoggedModel, allowed)).model.info.modelId).toBe(modelId)
    const searched = await callEndpoint(server.app, searchLoggedModels, { experiment_ids: ['0'] })
    expect((await expectResponse(searchLoggedModels, searched)).models).toEqual([])
  })

  it('answers 404 for unknown models on every route', async () => {
    const model_id = 'm-0123456789abcdef0123456789abcdef'
    const calls: [Parameters<typeof callEndpoint>[1], Record<string, unknown>][] = [
      [getLoggedModel, {}],
      [finalizeLoggedModel, { status: 'LOGGED_MODEL_READY' }],
      [deleteLoggedModel, {}],
      [setLoggedModelTags, { tags: [{ key: 'a', value: 'b' }] }],
      [deleteLoggedModelTag, { tag_key: 'a' }],
      [logLoggedModelParams, { params: [{ key: 'a', value: 'b' }] }],
      [listLoggedModelArtifacts, {}],
    ]
    for (const [endpoint, request] of calls) {
      const response = await callEndpoint(server.app, endpoint, { model_id, ...request })
      await expectError(response, 404, 'RESOURCE_DOES_NOT_EXIST')
    }
  })

  it('sets and deletes tags, logs params once', async () => {
    const modelId = await newModel()
    await expectResponse(
      setLoggedModelTags,
      await callEndpoint(server.app, setLoggedModelTags, {
        model_id: modelId,
        tags: [{ key: 'mlflow.model.isExternal', value: 'true' }],
      }),
    )
    const deleted = await callEndpoint(server.app, deleteLoggedModelTag, {
      model_id: modelId,
      tag_key: 'mlflow.model.isExternal',
    })
    expect(await deleted.json()).toEqual({})
    const again = await expectError(
      await callEndpoint(server.app, deleteLoggedModelTag, {
        model_id: modelId,
        tag_key: 'mlflow.model.isExternal',
      }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    expect(again.message).toBe(
      `No tag with key 'mlflow.model.isExternal' found for model with ID '${modelId}'.`,
    )
    const params = { model_id: modelId, params: [{ key: 'top_k', value: '5' }] }
    await expectResponse(
      logLoggedModelParams,
      await callEndpoint(server.app, logLoggedModelParams, params),
    )
    await expectError(
      await callEndpoint(server.app, logLoggedModelParams, params),
      400,
      'BAD_REQUEST',
    )
  })

  it('searches with filter, order_by, paging and checked page tokens', async () => {
    for (const name of ['a', 'b', 'c']) await newModel({ name, model_type: 'agent' })
    const search = (request: Record<string, unknown>) =>
      callEndpoint(server.app, searchLoggedModels, { experiment_ids: ['0'], ...request })
    const request = {
      filter: "model_type = 'agent'",
      order_by: [{ field_name: 'name', ascending: true }],
      max_results: 2,
    }
    const first = await expectResponse(searchLoggedModels, await search(request))
    expect(first.models.map((model) => model.info.name)).toEqual(['a', 'b'])
    const token = first.nextPageToken as string
    const second = await expectResponse(
      searchLoggedModels,
      await search({ ...request, page_token: token }),
    )
    expect(second.models.map((model) => model.info.name)).toEqual(['c'])
    expect(second.nextPageToken).toBeUndefined()
    const mismatch = await expectError(
      await search({ ...request, filter: "name = 'a'", page_token: token }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(mismatch.message).toContain('Filter string in the page token does not match')
    await expectError(await search({ filter: "name < 'a'" }), 400, 'INVALID_PARAMETER_VALUE')
    await expectError(await search({ filter: "foo = 'a'" }), 400, 'INVALID_PARAMETER_VALUE')
    await expectError(await search({ page_token: '%%%' }), 400, 'INVALID_PARAMETER_VALUE')
    await expectError(
      await search({ order_by: [{ field_name: 'tags' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await callEndpoint(server.app, searchLoggedModels, {}),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    const unknown = await expectResponse(
      searchLoggedModels,
      await search({ experiment_ids: ['9'] }),
    )
    expect(unknown.models).toEqual([])
  })

  it('lists a model folder through the artifact proxy', async () => {
    const modelId = await newModel()
    const base = `0/models/${modelId}/artifacts`
    const put = (path: string, text: string) =>
      server.artifactStore.put({ path: `${base}/${path}`, body: new TextEncoder().encode(text) })
    await put('MLmodel', 'flavors: {}')
    await put('code/agent.py', 'print(1)')
    const list = (request: Record<string, unknown>) =>
      callEndpoint(server.app, listLoggedModelArtifacts, { model_id: modelId, ...request })
    const root = await expectResponse(listLoggedModelArtifacts, await list({}))
    expect(root).toEqual({
      rootUri: `mlflow-artifacts:/${base}`,
      files: [
        { path: 'MLmodel', isDir: false, fileSize: 11 },
        { path: 'code', isDir: true },
      ],
    })
    const code = await expectResponse(
      listLoggedModelArtifacts,
      await list({ artifact_directory_path: 'code' }),
    )
    expect(code.files).toEqual([{ path: 'code/agent.py', isDir: false, fileSize: 8 }])
    await expectError(
      await list({ artifact_directory_path: '../secret' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })

  it('serves one file of a model to the web UI', async () => {
    const modelId = await newModel()
    const body = new TextEncoder().encode('flavors: {}')
    await server.artifactStore.put({ path: `0/models/${modelId}/artifacts/MLmodel`, body })
    const file = (request: Record<string, unknown>) =>
      callEndpoint(server.app, getLoggedModelArtifact, { model_id: modelId, ...request })
    const response = await file({ artifact_file_path: 'MLmodel' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain('MLmodel')
    expect(await response.text()).toBe('flavors: {}')
    await expectError(await file({}), 400, 'BAD_REQUEST')
    await expectError(await file({ artifact_file_path: '../x' }), 400, 'INVALID_PARAMETER_VALUE')
    const unknown = await callEndpoint(server.app, getLoggedModelArtifact, {
      model_id: 'm-0123456789abcdef0123456789abcdef',
      artifact_file_path: 'MLmodel',
    })
    await expectError(unknown, 404, 'RESOURCE_DOES_NOT_EXIST')
    const api = await server.app.request(
      `/api/2.0/mlflow/logged-models/${modelId}/artifacts/files?artifact_file_path=MLmodel`,
    )
    expect(api.status).toBe(404)
  })

  it('answers 404 ENDPOINT_NOT_FOUND when the app has no logged-model store', async () => {
    await server.close()
    server = await createTrackingTestServer({ loggedModelStore: undefined })
    const response = await callEndpoint(server.app, searchLoggedModels, { experiment_ids: ['0'] })
    await expectError(response, 404, 'ENDPOINT_NOT_FOUND')
  })
})
