/**
 * @module registered-models
 * Conformance cases for registered models: create, get, rename, update, delete, tags, and
 * MLflow's errors for each.
 */
import { describe, expect, it } from 'vitest'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import { type RegistryConformanceHarness, START_TIME } from './registry-conformance-harness.ts'

/**
 * Registers the registered-model cases.
 *
 * @example
 * describeRegisteredModels(harness)
 */
export function describeRegisteredModels(harness: RegistryConformanceHarness): void {
  describe('registered models', () => {
    it('creates and reads a model with tags and a description', async () => {
      const { registry } = await harness.open()
      const created = await registry.createRegisteredModel({
        name: 'qa',
        description: 'answers',
        tags: [
          { key: 'b', value: '1' },
          { key: 'a', value: 'x' },
          { key: 'b', value: '2' },
        ],
      })
      expect(created).toEqual({
        name: 'qa',
        creationTimestamp: START_TIME,
        lastUpdatedTimestamp: START_TIME,
        description: 'answers',
        latestVersions: [],
        tags: [
          { key: 'a', value: 'x' },
          { key: 'b', value: '2' },
        ],
        aliases: [],
      })
      expect(await registry.getRegisteredModel({ name: 'qa' })).toEqual(created)
    })

    it('omits an empty description', async () => {
      const { registry } = await harness.open()
      const created = await registry.createRegisteredModel({ name: 'qa', description: '' })
      expect(created.description).toBeUndefined()
    })

    it('refuses a taken name, with the prompt-aware messages', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await expectStoreError(
        registry.createRegisteredModel({ name: 'qa' }),
        'RESOURCE_ALREADY_EXISTS',
        'Registered Model (name=qa) already exists.',
      )
      await expectStoreError(
        registry.createRegisteredModel({
          name: 'qa',
          tags: [{ key: 'mlflow.prompt.is_prompt', value: 'true' }],
        }),
        'RESOURCE_ALREADY_EXISTS',
        /Tried to create a prompt with name 'qa', but the name is already taken by a registered model/,
      )
    })

    it('checks names and tags as MLflow does', async () => {
      const { registry } = await harness.open()
      const bad: [string, RegExp][] = [
        ['', /Missing value for required parameter 'name'/],
        ['   ', /Missing value/],
        ['a/b', /Names cannot contain '\/' or ':'/],
        ['a:b', /Names cannot contain/],
        ['..', /must not resolve to other names/],
        ['.', /must not resolve/],
      ]
      for (const [name, message] of bad) {
        await expectStoreError(
          registry.createRegisteredModel({ name }),
          'INVALID_PARAMETER_VALUE',
          message,
        )
      }
      await expectStoreError(
        registry.createRegisteredModel({ name: 'm', tags: [{ key: 'a!', value: '' }] }),
        'INVALID_PARAMETER_VALUE',
        /Names may only contain/,
      )
      await expectStoreError(
        registry.createRegisteredModel({ name: 'm', tags: [{ key: 'k'.repeat(251), value: '' }] }),
        'INVALID_PARAMETER_VALUE',
        "'key' exceeds the maximum length of 250 characters",
      )
      await expectStoreError(
        registry.createRegisteredModel({
          name: 'm',
          tags: [{ key: 'k', value: 'v'.repeat(100_001) }],
        }),
        'INVALID_PARAMETER_VALUE',
        "'value' exceeds the maximum length of 100000 characters",
      )
      const long = await registry.createRegisteredModel({
        name: 'ünïcode model',
        tags: [{ key: 'k', value: 'v'.repeat(100_000) }],
      })
      expect(long.tags[0]?.value).toHaveLength(100_000)
      await expectStoreError(registry.getRegisteredModel({ name: 'm' }), 'RESOURCE_DOES_NOT_EXIST')
    })

    it('answers unknown models with RESOURCE_DOES_NOT_EXIST', async () => {
      const { registry } = await harness.open()
      const message = 'Registered Model with name=nope not found'
      await expectStoreError(
        registry.getRegisteredModel({ name: 'nope' }),
        'RESOURCE_DOES_NOT_EXIST',
        message,
      )
      await expectStoreError(
        registry.updateRegisteredModel({ name: 'nope' }),
        'RESOURCE_DOES_NOT_EXIST',
        message,
      )
      await expectStoreError(
        registry.deleteRegisteredModel({ name: 'nope' }),
        'RESOURCE_DOES_NOT_EXIST',
        message,
      )
      await expectStoreError(
        registry.renameRegisteredModel({ name: 'nope', newName: 'x' }),
        'RESOURCE_DOES_NOT_EXIST',
        message,
      )
      await expectStoreError(
        registry.setRegisteredModelTag({ name: 'nope', key: 'k', value: 'v' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.deleteRegisteredModelTag({ name: 'nope', key: 'k' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.getLatestVersions({ name: 'nope' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    it('updates the description and the last-updated time only', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa', description: 'old' })
      advance(5)
      const updated = await registry.updateRegisteredModel({ name: 'qa', description: 'new' })
      expect(updated).toMatchObject({
        creationTimestamp: START_TIME,
        lastUpdatedTimestamp: START_TIME + 5,
        description: 'new',
      })
      const cleared = await registry.updateRegisteredModel({ name: 'qa' })
      expect(cleared.description).toBeUndefined()
    })

    it('upserts and deletes tags without touching the last-updated time', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      advance(5)
      await registry.setRegisteredModelTag({ name: 'qa', key: 'k', value: 'v1' })
      await registry.setRegisteredModelTag({ name: 'qa', key: 'k', value: 'v2' })
      await registry.setRegisteredModelTag({ name: 'qa', key: 'other', value: '' })
      let model = await registry.getRegisteredModel({ name: 'qa' })
      expect(model.tags).toEqual([
        { key: 'k', value: 'v2' },
        { key: 'other', value: '' },
      ])
      expect(model.lastUpdatedTimestamp).toBe(START_TIME)
      await registry.deleteRegisteredModelTag({ name: 'qa', key: 'k' })
      await registry.deleteRegisteredModelTag({ name: 'qa', key: 'k' })
      model = await registry.getRegisteredModel({ name: 'qa' })
      expect(model.tags).toEqual([{ key: 'other', value: '' }])
      await expectStoreError(
        registry.setRegisteredModelTag({ name: 'qa', key: '/abs', value: 'v' }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.deleteRegisteredModelTag({ name: 'qa', key: 'a//b' }),
        'INVALID_PARAMETER_VALUE',
      )
    })

    it('renames a model with its versions, tags and aliases', async () => {
      const { registry, advance } = await harness.open()
      await registry.createRegisteredModel({ name: 'old', tags: [{ key: 't', value: '1' }] })
      await registry.createModelVersion({
        name: 'old',
        source: 's3://b/m',
        tags: [{ key: 'vt', value: 'x' }],
      })
      await registry.createModelVersion({ name: 'old', source: 's3://b/m2' })
      await registry.setRegisteredModelAlias({ name: 'old', alias: 'champ', version: '2' })
      await registry.createRegisteredModel({ name: 'taken' })
      advance(10)
      const renamed = await registry.renameRegisteredModel({ name: 'old', newName: 'new' })
      expect(renamed).toMatchObject({
        name: 'new',
        lastUpdatedTimestamp: START_TIME + 10,
        tags: [{ key: 't', value: '1' }],
        aliases: [{ alias: 'champ', version: '2' }],
      })
      expect(renamed.latestVersions.map((version) => [version.name, version.version])).toEqual([
        ['new', '2'],
      ])
      const first = await registry.getModelVersion({ name: 'new', version: '1' })
      expect(first).toMatchObject({
        tags: [{ key: 'vt', value: 'x' }],
        lastUpdatedTimestamp: START_TIME + 10,
      })
      await expectStoreError(
        registry.getRegisteredModel({ name: 'old' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.renameRegisteredModel({ name: 'new', newName: 'taken' }),
        'RESOURCE_ALREADY_EXISTS',
        'Registered Model (name=taken) already exists.',
      )
      await expectStoreError(
        registry.renameRegisteredModel({ name: 'new', newName: '' }),
        'INVALID_PARAMETER_VALUE',
        "Missing value for required parameter 'new_name'.",
      )
      await expectStoreError(
        registry.renameRegisteredModel({ name: 'new', newName: 'a/b' }),
        'INVALID_PARAMETER_VALUE',
      )
      const next = await registry.createModelVersion({ name: 'new', source: 's3://b/m3' })
      expect(next.version).toBe('3')
    })

    it('deletes a model with everything under it; the name can be reused from version 1', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa', tags: [{ key: 't', value: '1' }] })
      await registry.createModelVersion({
        name: 'qa',
        source: 's3://b/m',
        tags: [{ key: 'k', value: 'v' }],
      })
      await registry.createModelVersion({ name: 'qa', source: 's3://b/m' })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'a', version: 1 })
      await registry.deleteModelVersion({ name: 'qa', version: '2' })
      await registry.deleteRegisteredModel({ name: 'qa' })
      await expectStoreError(registry.getRegisteredModel({ name: 'qa' }), 'RESOURCE_DOES_NOT_EXIST')
      await expectStoreError(
        registry.getModelVersion({ name: 'qa', version: '1' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await registry.createRegisteredModel({ name: 'qa' })
      const again = await registry.createModelVersion({ name: 'qa', source: 's3://b/m' })
      expect(again).toMatchObject({ version: '1', tags: [], aliases: [] })
      expect((await registry.getRegisteredModel({ name: 'qa' })).tags).toEqual([])
    })
  })
}
