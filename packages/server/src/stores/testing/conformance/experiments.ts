/**
 * @module experiments
 * Conformance: experiment lifecycle, names, tags and artifact locations.
 */
import { describe, expect, it } from 'vitest'
import { type ConformanceHarness, expectStoreError, START_TIME } from './conformance-harness.ts'

/** Registers the experiment tests. */
export function describeExperiments(harness: ConformanceHarness): void {
  describe('experiments', () => {
    it('starts with the Default experiment, id 0', async () => {
      const { store } = await harness.open()
      const experiment = await store.getExperimentOrThrow({ experimentId: '0' })
      expect(experiment).toMatchObject({
        experimentId: '0',
        name: 'Default',
        artifactLocation: 'mlflow-artifacts:/0',
        lifecycleStage: 'active',
        creationTime: START_TIME,
      })
    })

    it('creates experiments with increasing ids and default artifact locations', async () => {
      const { store, advance } = await harness.open()
      const first = await store.createExperiment({ name: 'first' })
      advance(10)
      const second = await store.createExperiment({
        name: 'second',
        tags: [{ key: 'team', value: 'nlp' }],
      })
      expect([first, second]).toEqual(['1', '2'])
      expect(await store.getExperiment({ experimentId: second })).toEqual({
        experimentId: '2',
        name: 'second',
        artifactLocation: 'mlflow-artifacts:/2',
        lifecycleStage: 'active',
        creationTime: START_TIME + 10,
        lastUpdateTime: START_TIME + 10,
        tags: [{ key: 'team', value: 'nlp' }],
      })
    })

    it('keeps an explicit artifact location and rejects runs:/ and fragments', async () => {
      const { store } = await harness.open()
      const id = await store.createExperiment({ name: 'x', artifactLocation: 's3://bucket/exp' })
      expect((await store.getExperimentOrThrow({ experimentId: id })).artifactLocation).toBe(
        's3://bucket/exp',
      )
      await expectStoreError(
        store.createExperiment({ name: 'y', artifactLocation: 'runs:/abc/model' }),
        'INVALID_PARAMETER_VALUE',
        "Artifact location cannot be a runs:/ URI. Given: 'runs:/abc/model'",
      )
      await expectStoreError(
        store.createExperiment({ name: 'z', artifactLocation: 's3://b/p#frag' }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        store.createExperiment({ name: 'w', artifactLocation: 's3://b/p?x=%2e%2e/etc' }),
        'INVALID_PARAMETER_VALUE',
        'Invalid query string',
      )
    })

    it('rejects duplicate names, also of deleted experiments', async () => {
      const { store } = await harness.open()
      const id = await store.createExperiment({ name: 'dup' })
      await expectStoreError(
        store.createExperiment({ name: 'dup' }),
        'RESOURCE_ALREADY_EXISTS',
        /^Experiment\(name=dup\) already exists\. Error: /,
      )
      await store.deleteExperiment({ experimentId: id })
      await expectStoreError(store.createExperiment({ name: 'dup' }), 'RESOURCE_ALREADY_EXISTS')
    })

    it('validates names', async () => {
      const { store } = await harness.open()
      await expectStoreError(
        store.createExperiment({ name: '' }),
        'INVALID_PARAMETER_VALUE',
        "Invalid experiment name: ''",
      )
      await expectStoreError(
        store.createExperiment({ name: 'n'.repeat(501) }),
        'INVALID_PARAMETER_VALUE',
        "'name' exceeds the maximum length of 500 characters",
      )
      expect(await store.createExperiment({ name: 'n'.repeat(500) })).toBe('1')
    })

    it('gets by id and by name, with or without throwing', async () => {
      const { store } = await harness.open()
      const id = await store.createExperiment({ name: 'Case-Sensitive' })
      expect(await store.getExperiment({ experimentId: '999' })).toBeUndefined()
      await expectStoreError(
        store.getExperimentOrThrow({ experimentId: '999' }),
        'RESOURCE_DOES_NOT_EXIST',
        'No Experiment with id=999 exists',
      )
      await expectStoreError(
        store.getExperimentOrThrow({ experimentId: 'abc' }),
        'INVALID_PARAMETER_VALUE',
        "Invalid experiment ID 'abc'. Experiment ID must be a valid integer.",
      )
      expect((await store.getExperimentByName({ name: 'Case-Sensitive' }))?.experimentId).toBe(id)
      expect(await store.getExperimentByName({ name: 'case-sensitive' })).toBeUndefined()
      await expectStoreError(
        store.getExperimentByNameOrThrow({ name: 'nope' }),
        'RESOURCE_DOES_NOT_EXIST',
        "Could not find experiment with name 'nope'",
      )
      await store.deleteExperiment({ experimentId: id })
      expect(await store.getExperimentByName({ name: 'Case-Sensitive' })).toMatchObject({
        lifecycleStage: 'deleted',
      })
    })

    it('renames active experiments only', async () => {
      const { store, advance } = await harness.open()
      const id = await store.createExperiment({ name: 'old' })
      await store.createExperiment({ name: 'taken' })
      advance(5)
      await store.renameExperiment({ experimentId: id, newName: 'new' })
      expect(await store.getExperimentOrThrow({ experimentId: id })).toMatchObject({
        name: 'new',
        lastUpdateTime: START_TIME + 5,
      })
      await expectStoreError(
        store.renameExperiment({ experimentId: id, newName: 'taken' }),
        'BAD_REQUEST',
      )
      await expectStoreError(
        store.renameExperiment({ experimentId: id, newName: '' }),
        'INVALID_PARAMETER_VALUE',
      )
      await store.deleteExperiment({ experimentId: id })
      await expectStoreError(
        store.renameExperiment({ experimentId: id, newName: 'again' }),
        'INVALID_STATE',
        'Cannot rename a non-active experiment.',
      )
    })

    it('sets, overwrites and deletes experiment tags', async () => {
      const { store } = await harness.open()
      const id = await store.createExperiment({ name: 'tagged' })
      await store.setExperimentTag({ experimentId: id, key: 'a', value: '1' })
      await store.setExperimentTag({ experimentId: id, key: 'a', value: '2' })
      await store.setExperimentTag({ experimentId: id, key: 'mlflow.note.content', value: '' })
      expect((await store.getExperimentOrThrow({ experimentId: id })).tags).toEqual([
        { key: 'a', value: '2' },
        { key: 'mlflow.note.content', value: '' },
      ])
      await store.deleteExperimentTag({ experimentId: id, key: 'a' })
      await expectStoreError(
        store.deleteExperimentTag({ experimentId: id, key: 'a' }),
        'RESOURCE_DOES_NOT_EXIST',
        `No tag with name: a in experiment with id ${id}`,
      )
      expect((await store.getExperimentOrThrow({ experimentId: id })).tags).toHaveLength(1)
    })

    it('validates experiment tags and requires an active experiment', async () => {
      const { store } = await harness.open()
      const id = await store.createExperiment({ name: 'strict' })
      await expectStoreError(
        store.setExperimentTag({ experimentId: id, key: 'a//b', value: 'x' }),
        'INVALID_PARAMETER_VALUE',
        /^Invalid value "a\/\/b" for parameter 'key' supplied: Names may be treated as files/,
      )
      await expectStoreError(
        store.setExperimentTag({ experimentId: id, key: 'v', value: 'x'.repeat(20001) }),
        'INVALID_PARAMETER_VALUE',
        "'value' exceeds the maximum length of 20000 characters",
      )
      await store.deleteExperiment({ experimentId: id })
      await expectStoreError(
        store.setExperimentTag({ experimentId: id, key: 'k', value: 'v' }),
        'INVALID_PARAMETER_VALUE',
        `The experiment ${id} must be in the 'active' state. Current state is deleted.`,
      )
    })

    it('soft-deletes an experiment with its runs, and restores both', async () => {
      const { store, advance } = await harness.open()
      const id = await store.createExperiment({ name: 'lifecycle' })
      const run = await store.createRun({ experimentId: id })
      advance(100)
      await store.deleteExperiment({ experimentId: id })
      expect(await store.getExperimentOrThrow({ experimentId: id })).toMatchObject({
        lifecycleStage: 'deleted',
        lastUpdateTime: START_TIME + 100,
      })
      expect((await store.getRunOrThrow({ runId: run.info.runId })).info.lifecycleStage).toBe(
        'deleted',
      )
      await expectStoreError(
        store.deleteExperiment({ experimentId: id }),
        'RESOURCE_DOES_NOT_EXIST',
        `No Experiment with id=${id} exists`,
      )
      await expectStoreError(
        store.createRun({ experimentId: id }),
        'INVALID_PARAMETER_VALUE',
        `The experiment ${id} must be in the 'active' state. Current state is deleted.`,
      )
      await store.restoreExperiment({ experimentId: id })
      expect((await store.getExperimentOrThrow({ experimentId: id })).lifecycleStage).toBe('active')
      expect((await store.getRunOrThrow({ runId: run.info.runId })).info.lifecycleStage).toBe(
        'active',
      )
      await expectStoreError(
        store.restoreExperiment({ experimentId: id }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })
  })
}
