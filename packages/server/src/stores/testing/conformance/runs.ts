/**
 * @module runs
 * Conformance: run creation, names, updates, soft delete and restore, tags.
 */
import { describe, expect, it } from 'vitest'
import { type ConformanceHarness, expectStoreError, START_TIME } from './conformance-harness.ts'

/** Registers the run lifecycle tests. */
export function describeRuns(harness: ConformanceHarness): void {
  describe('runs', () => {
    it('creates a RUNNING run with artifact URI, name tag and start time', async () => {
      const { store } = await harness.open()
      const experimentId = await store.createExperiment({ name: 'e' })
      const run = await store.createRun({
        experimentId,
        userId: 'ann',
        runName: 'first',
        startTime: 123,
        tags: [{ key: 'team', value: 'nlp' }],
      })
      const runId = run.info.runId
      expect(runId).toMatch(/^[0-9a-f]{32}$/)
      expect(run.info).toEqual({
        runId,
        runName: 'first',
        experimentId,
        userId: 'ann',
        status: 'RUNNING',
        startTime: 123,
        artifactUri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
        lifecycleStage: 'active',
      })
      expect(run.data.tags).toEqual([
        { key: 'mlflow.runName', value: 'first' },
        { key: 'team', value: 'nlp' },
      ])
      expect(await store.getRunOrThrow({ runId })).toEqual(run)
    })

    it('defaults to the Default experiment, now, and a generated name', async () => {
      const { store } = await harness.open()
      const run = await store.createRun({})
      expect(run.info.experimentId).toBe('0')
      expect(run.info.startTime).toBe(START_TIME)
      expect(run.info.runName).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/)
      expect((run.info.runName ?? '').length).toBeLessThanOrEqual(20)
      expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: run.info.runName }])
    })

    it('takes the name from the mlflow.runName tag and rejects a conflicting runName', async () => {
      const { store } = await harness.open()
      const run = await store.createRun({ tags: [{ key: 'mlflow.runName', value: 'tagged' }] })
      expect(run.info.runName).toBe('tagged')
      await expectStoreError(
        store.createRun({ runName: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] }),
        'INVALID_PARAMETER_VALUE',
        "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different " +
          "values (run_name='a', mlflow.runName='b').",
      )
    })

    it('records the parent run as the mlflow.parentRunId tag', async () => {
      const { store } = await harness.open()
      const parent = await store.createRun({ runName: 'parent' })
      const child = await store.createRun({ runName: 'child', parentRunId: parent.info.runId })
      expect(child.data.tags).toContainEqual({
        key: 'mlflow.parentRunId',
        value: parent.info.runId,
      })
    })

    it('fails for unknown experiments and unknown runs', async () => {
      const { store } = await harness.open()
      await expectStoreError(
        store.createRun({ experimentId: '42' }),
        'RESOURCE_DOES_NOT_EXIST',
        'No Experiment with id=42 exists',
      )
      expect(await store.getRun({ runId: 'missing' })).toBeUndefined()
      await expectStoreError(
        store.getRunOrThrow({ runId: 'missing' }),
        'RESOURCE_DOES_NOT_EXIST',
        'Run with id=missing not found',
      )
      await expectStoreError(
        store.updateRun({ runId: 'missing', status: 'FINISHED' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(store.deleteRun({ runId: 'missing' }), 'RESOURCE_DOES_NOT_EXIST')
    })

    it('updates status, end time and name (keeping the name tag in sync)', async () => {
      const { store } = await harness.open()
      const run = await store.createRun({ runName: 'before' })
      const runId = run.info.runId
      const info = await store.updateRun({ runId, status: 'FINISHED', endTime: 999 })
      expect(info).toMatchObject({ status: 'FINISHED', endTime: 999, runName: 'before' })
      await store.updateRun({ runId, runName: 'after' })
      const updated = await store.getRunOrThrow({ runId })
      expect(updated.info).toMatchObject({ runName: 'after', status: 'FINISHED', endTime: 999 })
      expect(updated.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'after' })
      await store.updateRun({ runId, status: 'RUNNING' })
      expect((await store.getRunOrThrow({ runId })).info.status).toBe('RUNNING')
    })

    it('renames the run when the mlflow.runName tag is set', async () => {
      const { store } = await harness.open()
      const run = await store.createRun({ runName: 'x' })
      await store.setTag({ runId: run.info.runId, key: 'mlflow.runName', value: 'y' })
      expect((await store.getRunOrThrow({ runId: run.info.runId })).info.runName).toBe('y')
    })

    it('soft-deletes and restores runs; deleted runs stay readable but not writable', async () => {
      const { store } = await harness.open()
      const run = await store.createRun({ runName: 'doomed' })
      const runId = run.info.runId
      await store.deleteRun({ runId })
      expect((await store.getRunOrThrow({ runId })).info.lifecycleStage).toBe('deleted')
      const message = `The run ${runId} must be in the 'active' state. Current state is deleted.`
      const writes: (() => Promise<unknown>)[] = [
        () => store.updateRun({ runId, status: 'FINISHED' }),
        () => store.logMetric({ runId, key: 'm', value: 1, timestamp: 1 }),
        () => store.logParam({ runId, key: 'p', value: 'v' }),
        () => store.setTag({ runId, key: 't', value: 'v' }),
        () => store.deleteTag({ runId, key: 'mlflow.runName' }),
        () => store.logBatch({ runId, params: [{ key: 'p', value: 'v' }] }),
        () => store.logInputs({ runId, datasets: [] }),
      ]
      for (const write of writes) {
        await expectStoreError(write(), 'INVALID_PARAMETER_VALUE', message)
      }
      await store.restoreRun({ runId })
      expect((await store.getRunOrThrow({ runId })).info.lifecycleStage).toBe('active')
      await store.logParam({ runId, key: 'p', value: 'v' })
    })

    it('sets, overwrites and deletes run tags', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({ runName: 'tags' })
      await store.setTag({ runId: info.runId, key: 'note', value: 'one' })
      await store.setTag({ runId: info.runId, key: 'note', value: 'two' })
      await store.setTag({ runId: info.runId, key: 'empty', value: '' })
      const tags = (await store.getRunOrThrow({ runId: info.runId })).data.tags
      expect(tags).toContainEqual({ key: 'note', value: 'two' })
      expect(tags).toContainEqual({ key: 'empty', value: '' })
      await store.deleteTag({ runId: info.runId, key: 'note' })
      await expectStoreError(
        store.deleteTag({ runId: info.runId, key: 'note' }),
        'RESOURCE_DOES_NOT_EXIST',
        `No tag with name: note in run with id ${info.runId}`,
      )
    })

    it('truncates long tag values, or rejects them when truncation is off', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await store.setTag({ runId: info.runId, key: 'long', value: 'x'.repeat(9000) })
      const tag = (await store.getRunOrThrow({ runId: info.runId })).data.tags.find(
        (t) => t.key === 'long',
      )
      expect(tag?.value).toHaveLength(8000)
      const strict = (await harness.open({ truncateLongValues: false })).store
      const run = await strict.createRun({})
      await expectStoreError(
        strict.setTag({ runId: run.info.runId, key: 'long', value: 'x'.repeat(8001) }),
        'INVALID_PARAMETER_VALUE',
        "'value' exceeds the maximum length of 8000 characters",
      )
    })
  })
}
