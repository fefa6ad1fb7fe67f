/**
 * @module model-versions
 * Conformance cases for model versions: numbering, reads, descriptions, stages, soft deletes,
 * download locations, tags, latest versions per stage, and concurrent registration.
 */
import { describe, expect, it } from 'vitest'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import { type RegistryConformanceHarness, START_TIME } from './registry-conformance-harness.ts'

/**
 * Registers the model-version cases.
 *
 * @example
 * describeModelVersions(harness)
 */
export function describeModelVersions(harness: RegistryConformanceHarness): void {
  describe('model versions', () => {
    it('registers READY versions in stage None, numbered from 1', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      advance(3)
      const first = await registry.createModelVersion({
        name: 'qa',
        source: 'mlflow-artifacts:/1/r1/artifacts/model',
        runId: 'r1',
        runLink: '',
        description: '',
        tags: [
          { key: 'k', value: 'v' },
          { key: 'k', value: 'w' },
        ],
      })
      expect(first).toEqual({
        name: 'qa',
        version: '1',
        creationTimestamp: START_TIME + 3,
        lastUpdatedTimestamp: START_TIME + 3,
        currentStage: 'None',
        description: '',
        source: 'mlflow-artifacts:/1/r1/artifacts/model',
        runId: 'r1',
        status: 'READY',
        tags: [{ key: 'k', value: 'w' }],
        runLink: '',
        aliases: [],
      })
      const model = await registry.getRegisteredModel({ name: 'qa' })
      expect(model.lastUpdatedTimestamp).toBe(START_TIME + 3)
      expect(await registry.getModelVersion({ name: 'qa', version: '1' })).toEqual(first)
      const second = await registry.createModelVersion({ name: 'qa', source: 's3://b/x' })
      expect(second).toMatchObject({ version: '2', source: 's3://b/x' })
      expect(second.runId).toBeUndefined()
      expect(second.description).toBeUndefined()
    })

    it('needs an existing model and valid tags', async () => {
      const { registry } = await harness.open()
      await expectStoreError(
        registry.createModelVersion({ name: 'nope', source: 's3://b' }),
        'RESOURCE_DOES_NOT_EXIST',
        'Registered Model with name=nope not found',
      )
      await registry.createRegisteredModel({ name: 'qa' })
      await expectStoreError(
        registry.createModelVersion({
          name: 'qa',
          source: 's3://b',
          tags: [{ key: 'bad!', value: '' }],
        }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.createModelVersion({
          name: 'qa',
          source: 's3://b',
          tags: [{ key: 'mlflow.prompt.text', value: 'x'.repeat(100_001) }],
        }),
        'INVALID_PARAMETER_VALUE',
        'Prompt text exceeds max length of 100000 characters.',
      )
    })

    it('reads versions by integer strings only', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await registry.createModelVersion({ name: 'qa', source: 's3://b' })
      expect((await registry.getModelVersion({ name: 'qa', version: ' 1 ' })).version).toBe('1')
      expect((await registry.getModelVersion({ name: 'qa', version: 1 })).version).toBe('1')
      for (const version of ['x', '1.0', '', '1e3']) {
        await expectStoreError(
          registry.getModelVersion({ name: 'qa', version }),
          'INVALID_PARAMETER_VALUE',
          `Parameter 'version' must be an integer, got '${version}'.`,
        )
      }
      for (const version of ['2', '0', '-1', '99999999999']) {
        await expectStoreError(
          registry.getModelVersion({ name: 'qa', version }),
          'RESOURCE_DOES_NOT_EXIST',
          `Model Version (name=qa, version=${Number(version)}) not found`,
        )
      }
    })

    it('updates descriptions', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await registry.createModelVersion({ name: 'qa', source: 's3://b', description: 'd' })
      advance(7)
      const updated = await registry.updateModelVersion({
        name: 'qa',
        version: '1',
        description: 'e',
      })
      expect(updated).toMatchObject({ description: 'e', lastUpdatedTimestamp: START_TIME + 7 })
      const cleared = await registry.updateModelVersion({ name: 'qa', version: '1' })
      expect(cleared.description).toBeUndefined()
      await expectStoreError(
        registry.updateModelVersion({ name: 'qa', version: '9' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    it('transitions stages and archives the others on request', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      for (let index = 0; index < 3; index++) {
        await registry.createModelVersion({ name: 'qa', source: 's3://b' })
      }
      await registry.transitionModelVersionStage({ name: 'qa', version: '1', stage: 'production' })
      await registry.transitionModelVersionStage({ name: 'qa', version: '2', stage: 'Production' })
      advance(4)
      const third = await registry.transitionModelVersionStage({
        name: 'qa',
        version: '3',
        stage: 'PRODUCTION',
        archiveExistingVersions: true,
      })
      expect(third).toMatchObject({
        currentStage: 'Production',
        lastUpdatedTimestamp: START_TIME + 4,
      })
      const stages = await Promise.all(
        ['1', '2'].map(
          async (version) => (await registry.getModelVersion({ name: 'qa', version })).currentStage,
        ),
      )
      expect(stages).toEqual(['Archived', 'Archived'])
      expect((await registry.getRegisteredModel({ name: 'qa' })).lastUpdatedTimestamp).toBe(
        START_TIME + 4,
      )
      await expectStoreError(
        registry.transitionModelVersionStage({ name: 'qa', version: '1', stage: 'Gone' }),
        'INVALID_PARAMETER_VALUE',
        'Invalid Model Version stage: Gone. Value must be one of None, Staging, Production, Archived.',
      )
      await expectStoreError(
        registry.transitionModelVersionStage({
          name: 'qa',
          version: '1',
          stage: 'Archived',
          archiveExistingVersions: true,
        }),
        'INVALID_PARAMETER_VALUE',
        /is not an Active stage/,
      )
      await expectStoreError(
        registry.transitionModelVersionStage({ name: 'qa', version: '7', stage: 'Staging' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    it('lists the newest version of each stage, stages in any case', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      for (let index = 0; index < 5; index++) {
        await registry.createModelVersion({ name: 'qa', source: 's3://b' })
      }
      await registry.transitionModelVersionStage({ name: 'qa', version: '2', stage: 'Staging' })
      await registry.transitionModelVersionStage({ name: 'qa', version: '3', stage: 'Production' })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'prod', version: '3' })
      const all = await registry.getLatestVersions({ name: 'qa' })
      expect(all.map((version) => [version.version, version.currentStage])).toEqual([
        ['5', 'None'],
        ['2', 'Staging'],
        ['3', 'Production'],
      ])
      expect(all.find((version) => version.version === '3')?.aliases).toEqual(['prod'])
      const some = await registry.getLatestVersions({
        name: 'qa',
        stages: ['production', 'ARCHIVED'],
      })
      expect(some.map((version) => version.version)).toEqual(['3'])
      const model = await registry.getRegisteredModel({ name: 'qa' })
      expect(model.latestVersions.map((version) => version.version)).toEqual(['5', '2', '3'])
      expect(model.latestVersions.every((version) => version.aliases.length === 0)).toBe(true)
      await expectStoreError(
        registry.getLatestVersions({ name: 'qa', stages: ['bogus'] }),
        'INVALID_PARAMETER_VALUE',
      )
    })

    it('soft-deletes versions: hidden, aliases gone, numbers never reused', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await registry.createModelVersion({
        name: 'qa',
        source: 's3://b/1',
        tags: [{ key: 'k', value: 'v' }],
      })
      await registry.createModelVersion({ name: 'qa', source: 's3://b/2' })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'top', version: '2' })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'first', version: '1' })
      advance(9)
      await registry.deleteModelVersion({ name: 'qa', version: '2' })
      await expectStoreError(
        registry.getModelVersion({ name: 'qa', version: '2' }),
        'RESOURCE_DOES_NOT_EXIST',
        'Model Version (name=qa, version=2) not found',
      )
      await expectStoreError(
        registry.deleteModelVersion({ name: 'qa', version: '2' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.getModelVersionDownloadUri({ name: 'qa', version: '2' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.setModelVersionTag({ name: 'qa', version: '2', key: 'k', value: 'v' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.setRegisteredModelAlias({ name: 'qa', alias: 'again', version: '2' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      const model = await registry.getRegisteredModel({ name: 'qa' })
      expect(model.aliases).toEqual([{ alias: 'first', version: '1' }])
      expect(model.latestVersions.map((version) => version.version)).toEqual(['1'])
      expect(model.lastUpdatedTimestamp).toBe(START_TIME + 9)
      const search = await registry.searchModelVersions({ filter: "name = 'qa'" })
      expect(search.modelVersions.map((version) => version.version)).toEqual(['1'])
      const third = await registry.createModelVersion({ name: 'qa', source: 's3://b/3' })
      expect(third.version).toBe('3')
      await registry.deleteModelVersion({ name: 'qa', version: '3' })
      await registry.deleteModelVersion({ name: 'qa', version: 1 })
      expect((await registry.getRegisteredModel({ name: 'qa' })).latestVersions).toEqual([])
      await expectStoreError(
        registry.getModelVersionByAlias({ name: 'qa', alias: 'latest' }),
        'RESOURCE_DOES_NOT_EXIST',
        'Latest version not found for model qa.',
      )
      expect((await registry.createModelVersion({ name: 'qa', source: 's3://b' })).version).toBe(
        '4',
      )
    })

    it('gives the stored download location', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await registry.createModelVersion({ name: 'qa', source: 'mlflow-artifacts:/1/r/artifacts/m' })
      expect(await registry.getModelVersionDownloadUri({ name: 'qa', version: '1' })).toBe(
        'mlflow-artifacts:/1/r/artifacts/m',
      )
      await expectStoreError(
        registry.getModelVersionDownloadUri({ name: '', version: '1' }),
        'INVALID_PARAMETER_VALUE',
        "Missing value for required parameter 'name'.",
      )
      await expectStoreError(
        registry.getModelVersionDownloadUri({ name: 'qa', version: '' }),
        'INVALID_PARAMETER_VALUE',
      )
    })

    it('upserts and deletes version tags', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await registry.createModelVersion({ name: 'qa', source: 's3://b' })
      advance(2)
      await registry.setModelVersionTag({ name: 'qa', version: '1', key: 'k', value: 'a' })
      await registry.setModelVersionTag({ name: 'qa', version: '1', key: 'k', value: 'b' })
      await registry.setModelVersionTag({
        name: 'qa',
        version: '1',
        key: 'big',
        value: 'x'.repeat(100_000),
      })
      let version = await registry.getModelVersion({ name: 'qa', version: '1' })
      expect(version.tags.map((tag) => [tag.key, tag.value.length])).toEqual([
        ['big', 100_000],
        ['k', 1],
      ])
      expect(version.lastUpdatedTimestamp).toBe(START_TIME)
      await registry.deleteModelVersionTag({ name: 'qa', version: '1', key: 'big' })
      await registry.deleteModelVersionTag({ name: 'qa', version: '1', key: 'big' })
      version = await registry.getModelVersion({ name: 'qa', version: '1' })
      expect(version.tags).toEqual([{ key: 'k', value: 'b' }])
      await expectStoreError(
        registry.setModelVersionTag({
          name: 'qa',
          version: '1',
          key: 'k',
          value: 'x'.repeat(100_001),
        }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.setModelVersionTag({ name: 'nope', version: '1', key: 'bad!', value: '' }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.setModelVersionTag({ name: 'qa', version: 'x', key: 'k', value: '' }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.deleteModelVersionTag({ name: 'qa', version: '5', key: 'k' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    it('numbers concurrent registrations without gaps or clashes', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      const versions = await Promise.all(
        Array.from({ length: 12 }, () =>
          registry.createModelVersion({ name: 'qa', source: 's3://b' }),
        ),
      )
      expect(versions.map((version) => Number(version.version)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, index) => index + 1),
      )
    })
  })
}
