/**
 * @module describe-lifecycle
 * Conformance: creating, reading, finalizing and deleting logged models; tags and params.
 */
import { describe, expect, it } from 'vitest'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import { type LoggedModelHarness, START_TIME } from './logged-model-harness.ts'

const FORBIDDEN = `('/', ':', '.', '%', '"', "'")`

/** Registers the lifecycle tests. */
export function describeLoggedModelLifecycle(harness: LoggedModelHarness): void {
  describe('logged model lifecycle', () => {
    it('creates a PENDING model with an m- id under the experiment artifact location', async () => {
      const { stores } = await harness.open()
      const experimentId = await stores.trackingStore.createExperiment({ name: 'lm' })
      const run = await stores.trackingStore.createRun({ experimentId })
      const model = await stores.loggedModelStore.createLoggedModel({
        experimentId,
        name: 'qa-agent',
        modelType: 'agent',
        sourceRunId: run.info.runId,
        params: [
          { key: 'temperature', value: '0.7' },
          { key: 'a', value: '1' },
        ],
        tags: [{ key: 'mlflow.user', value: 'ada' }],
      })
      const modelId = model.info.modelId
      expect(modelId).toMatch(/^m-[0-9a-f]{32}$/)
      expect(model).toEqual({
        info: {
          modelId,
          experimentId,
          name: 'qa-agent',
          creationTimestampMs: START_TIME,
          lastUpdatedTimestampMs: START_TIME,
          artifactUri: `mlflow-artifacts:/${experimentId}/models/${modelId}/artifacts`,
          status: 'LOGGED_MODEL_PENDING',
          modelType: 'agent',
          sourceRunId: run.info.runId,
          tags: [{ key: 'mlflow.user', value: 'ada' }],
          registrations: [],
        },
        data: {
          params: [
            { key: 'a', value: '1' },
            { key: 'temperature', value: '0.7' },
          ],
          metrics: [],
        },
      })
      expect(await stores.loggedModelStore.getLoggedModel({ modelId })).toEqual(model)
      expect(await stores.loggedModelStore.getLoggedModelOrThrow({ modelId })).toEqual(model)
    })

    it('generates a name, keeps custom artifact locations and leaves absent fields out', async () => {
      const { stores } = await harness.open()
      const experimentId = await stores.trackingStore.createExperiment({
        name: 'custom',
        artifactLocation: 's3://bucket/prefix',
      })
      for (const name of [undefined, '']) {
        const model = await stores.loggedModelStore.createLoggedModel({ experimentId, name })
        expect(model.info.name).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/)
        expect(model.info.artifactUri).toBe(
          `s3://bucket/prefix/models/${model.info.modelId}/artifacts`,
        )
        expect(model.info).not.toHaveProperty('modelType')
        expect(model.info).not.toHaveProperty('sourceRunId')
        expect(model.data).toEqual({ params: [], metrics: [] })
      }
      const withEmpty = await stores.loggedModelStore.createLoggedModel({
        experimentId: '0',
        modelType: '',
        sourceRunId: '',
      })
      expect(withEmpty.info).toMatchObject({ experimentId: '0', modelType: '', sourceRunId: '' })
    })

    it('rejects bad names, unknown and deleted experiments, and repeated keys', async () => {
      const { stores } = await harness.open()
      const store = stores.loggedModelStore
      for (const name of ['a/b', 'a:b', 'a.b', '100%', 'say "hi"', "it's"]) {
        const quoted = name.includes("'") ? `"${name}"` : `'${name}'`
        await expectStoreError(
          store.createLoggedModel({ experimentId: '0', name }),
          'INVALID_PARAMETER_VALUE',
          `Invalid model name (${quoted}) provided. Model name must be a non-empty string and ` +
            `cannot contain the following characters: ${FORBIDDEN}`,
        )
      }
      await expectStoreError(
        store.createLoggedModel({ experimentId: '42' }),
        'RESOURCE_DOES_NOT_EXIST',
        'No Experiment with id=42 exists',
      )
      await expectStoreError(
        store.createLoggedModel({ experimentId: 'abc' }),
        'INVALID_PARAMETER_VALUE',
        "Invalid experiment ID 'abc'. Experiment ID must be a valid integer.",
      )
      const gone = await stores.trackingStore.createExperiment({ name: 'gone' })
      await stores.trackingStore.deleteExperiment({ experimentId: gone })
      await expectStoreError(
        store.createLoggedModel({ experimentId: gone }),
        'INVALID_PARAMETER_VALUE',
        `The experiment ${gone} must be in the 'active' state. Current state is deleted.`,
      )
      const twice = [
        { key: 'k', value: '1' },
        { key: 'k', value: '2' },
      ]
      await expectStoreError(
        store.createLoggedModel({ experimentId: '0', params: twice }),
        'BAD_REQUEST',
      )
      await expectStoreError(
        store.createLoggedModel({ experimentId: '0', tags: twice }),
        'BAD_REQUEST',
      )
      const found = await store.searchLoggedModels({ experimentIds: ['0', gone] })
      expect(found.models).toEqual([])
    })

    it('finalizes, soft-deletes and hides deleted models from reads', async () => {
      const { stores, advance } = await harness.open()
      const store = stores.loggedModelStore
      const { modelId } = (await store.createLoggedModel({ experimentId: '0', name: 'm' })).info
      advance(5)
      const ready = await store.finalizeLoggedModel({ modelId, status: 'LOGGED_MODEL_READY' })
      expect(ready.info).toMatchObject({
        status: 'LOGGED_MODEL_READY',
        creationTimestampMs: START_TIME,
        lastUpdatedTimestampMs: START_TIME + 5,
      })
      advance(5)
      await store.deleteLoggedModel({ modelId })
      expect(await store.getLoggedModel({ modelId })).toBeUndefined()
      await expectStoreError(
        store.getLoggedModelOrThrow({ modelId }),
        'RESOURCE_DOES_NOT_EXIST',
        `Logged model with ID '${modelId}' not found.`,
      )
      const deleted = await store.getLoggedModelOrThrow({ modelId, allowDeleted: true })
      expect(deleted.info.lastUpdatedTimestampMs).toBe(START_TIME + 10)
      // Writes still reach a deleted model, as in MLflow.
      await store.deleteLoggedModel({ modelId })
      const failed = await store.finalizeLoggedModel({
        modelId,
        status: 'LOGGED_MODEL_UPLOAD_FAILED',
      })
      expect(failed.info.status).toBe('LOGGED_MODEL_UPLOAD_FAILED')
      await store.setLoggedModelTags({ modelId, tags: [{ key: 'late', value: 'yes' }] })
      expect((await store.searchLoggedModels({ experimentIds: ['0'] })).models).toEqual([])
    })

    it('answers RESOURCE_DOES_NOT_EXIST for unknown models everywhere', async () => {
      const { stores } = await harness.open()
      const store = stores.loggedModelStore
      const modelId = 'm-00000000000000000000000000000bad'
      const message = `Logged model with ID '${modelId}' not found.`
      expect(await store.getLoggedModel({ modelId, allowDeleted: true })).toBeUndefined()
      const calls = [
        () => store.getLoggedModelOrThrow({ modelId }),
        () => store.finalizeLoggedModel({ modelId, status: 'LOGGED_MODEL_READY' }),
        () => store.deleteLoggedModel({ modelId }),
        () => store.setLoggedModelTags({ modelId, tags: [{ key: 'a', value: 'b' }] }),
        () => store.deleteLoggedModelTag({ modelId, key: 'a' }),
        () => store.logLoggedModelParams({ modelId, params: [{ key: 'a', value: 'b' }] }),
      ]
      for (const call of calls) {
        await expectStoreError(call(), 'RESOURCE_DOES_NOT_EXIST', message)
      }
    })

    it('upserts tags (last value wins), deletes them, and refuses a missing tag', async () => {
      const { stores } = await harness.open()
      const store = stores.loggedModelStore
      const { modelId } = (
        await store.createLoggedModel({
          experimentId: '0',
          tags: [{ key: 'mlflow.model.isExternal', value: 'true' }],
        })
      ).info
      await store.setLoggedModelTags({
        modelId,
        tags: [
          { key: 'stage', value: 'dev' },
          { key: 'stage', value: 'prod' },
          { key: 'owner', value: '' },
        ],
      })
      await store.deleteLoggedModelTag({ modelId, key: 'mlflow.model.isExternal' })
      const model = await store.getLoggedModelOrThrow({ modelId })
      expect(model.info.tags).toEqual([
        { key: 'owner', value: '' },
        { key: 'stage', value: 'prod' },
      ])
      await expectStoreError(
        store.deleteLoggedModelTag({ modelId, key: 'mlflow.model.isExternal' }),
        'RESOURCE_DOES_NOT_EXIST',
        `No tag with key 'mlflow.model.isExternal' found for model with ID '${modelId}'.`,
      )
    })

    it('adds params once per key and refuses a key the model has', async () => {
      const { stores } = await harness.open()
      const store = stores.loggedModelStore
      const { modelId } = (
        await store.createLoggedModel({ experimentId: '0', params: [{ key: 'a', value: '1' }] })
      ).info
      await store.logLoggedModelParams({
        modelId,
        params: [
          { key: 'b', value: '2' },
          { key: 'c', value: '' },
        ],
      })
      await expectStoreError(
        store.logLoggedModelParams({ modelId, params: [{ key: 'a', value: '1' }] }),
        'BAD_REQUEST',
      )
      await expectStoreError(
        store.logLoggedModelParams({
          modelId,
          params: [
            { key: 'd', value: '4' },
            { key: 'b', value: '9' },
          ],
        }),
        'BAD_REQUEST',
      )
      const model = await store.getLoggedModelOrThrow({ modelId })
      expect(model.data.params).toEqual([
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'c', value: '' },
      ])
    })
  })
}
