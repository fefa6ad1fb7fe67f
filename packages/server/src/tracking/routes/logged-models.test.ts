import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  expectResponse,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'
import { getLoggedModel, searchLoggedModels } from './logged-models.ts'

let server: TrackingTestServer
beforeEach(async () => {
  server = await createTrackingTestServer()
})
afterEach(() => server.close())

describe('logged-model stand-ins', () => {
  it('finds no logged models in existing experiments', async () => {
    const response = await callEndpoint(server.app, searchLoggedModels, {
      experiment_ids: ['0'],
      filter: "name = 'model'",
    })
    expect(await expectResponse(searchLoggedModels, response)).toEqual({})
    await expectError(
      await callEndpoint(server.app, searchLoggedModels, { experiment_ids: ['42'] }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    await expectError(
      await callEndpoint(server.app, searchLoggedModels, {}),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })

  it('answers logged-model lookups with RESOURCE_DOES_NOT_EXIST', async () => {
    const error = await expectError(
      await callEndpoint(server.app, getLoggedModel, { model_id: 'm-123' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    expect(error.message).toBe("Logged model with ID 'm-123' not found.")
  })
})
