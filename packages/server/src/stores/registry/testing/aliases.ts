/**
 * @module aliases
 * Conformance cases for aliases: set (upsert), reserved and invalid names, resolve (including
 * `latest`), delete.
 */
import { describe, expect, it } from 'vitest'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import type { RegistryConformanceHarness } from './registry-conformance-harness.ts'

/**
 * Registers the alias cases.
 *
 * @example
 * describeAliases(harness)
 */
export function describeAliases(harness: RegistryConformanceHarness): void {
  describe('aliases', () => {
    it('sets, moves, resolves and deletes aliases', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await registry.createModelVersion({ name: 'qa', source: 's3://b/1' })
      await registry.createModelVersion({ name: 'qa', source: 's3://b/2' })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'champ', version: '1' })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'b-2_x', version: '1' })
      expect(await registry.getModelVersionByAlias({ name: 'qa', alias: 'champ' })).toMatchObject({
        version: '1',
        aliases: ['b-2_x', 'champ'],
      })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'champ', version: '2' })
      expect((await registry.getModelVersionByAlias({ name: 'qa', alias: 'champ' })).version).toBe(
        '2',
      )
      expect((await registry.getRegisteredModel({ name: 'qa' })).aliases).toEqual([
        { alias: 'b-2_x', version: '1' },
        { alias: 'champ', version: '2' },
      ])
      expect((await registry.getModelVersion({ name: 'qa', version: '2' })).aliases).toEqual([
        'champ',
      ])
      await registry.deleteRegisteredModelAlias({ name: 'qa', alias: 'champ' })
      await registry.deleteRegisteredModelAlias({ name: 'qa', alias: 'champ' })
      await expectStoreError(
        registry.getModelVersionByAlias({ name: 'qa', alias: 'champ' }),
        'INVALID_PARAMETER_VALUE',
        'Registered model alias champ not found.',
      )
    })

    it('resolves latest (any case) to the highest version of any stage', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      for (let index = 0; index < 3; index++) {
        await registry.createModelVersion({ name: 'qa', source: 's3://b' })
      }
      await registry.transitionModelVersionStage({ name: 'qa', version: '3', stage: 'Archived' })
      await registry.setRegisteredModelAlias({ name: 'qa', alias: 'x', version: '3' })
      for (const alias of ['latest', 'LATEST', 'Latest']) {
        const version = await registry.getModelVersionByAlias({ name: 'qa', alias })
        expect(version).toMatchObject({ version: '3', aliases: ['x'] })
      }
      await expectStoreError(
        registry.getModelVersionByAlias({ name: 'nope', alias: 'latest' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    it('refuses reserved, malformed and over-long aliases', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      await registry.createModelVersion({ name: 'qa', source: 's3://b' })
      const set = (alias: string) =>
        registry.setRegisteredModelAlias({ name: 'qa', alias, version: '1' })
      await expectStoreError(
        set('latest'),
        'INVALID_PARAMETER_VALUE',
        "'latest' alias name (case insensitive) is reserved.",
      )
      await expectStoreError(set('LaTeSt'), 'INVALID_PARAMETER_VALUE', /reserved/)
      await expectStoreError(
        set('v1'),
        'INVALID_PARAMETER_VALUE',
        "Version alias name 'v1' is reserved.",
      )
      await expectStoreError(set('V22'), 'INVALID_PARAMETER_VALUE', /reserved/)
      await expectStoreError(
        set(''),
        'INVALID_PARAMETER_VALUE',
        'Registered model alias name cannot be empty.',
      )
      await expectStoreError(set('a b'), 'INVALID_PARAMETER_VALUE', /Invalid alias name: 'a b'/)
      await expectStoreError(set('a.b'), 'INVALID_PARAMETER_VALUE', /Invalid alias name/)
      await expectStoreError(
        set('a'.repeat(256)),
        'INVALID_PARAMETER_VALUE',
        "'Registered model alias name' exceeds the maximum length of 255 characters",
      )
      await set('a'.repeat(255))
      await set('v1x')
      await set('version')
      await expectStoreError(
        registry.setRegisteredModelAlias({ name: 'qa', alias: 'ok', version: 'x' }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.setRegisteredModelAlias({ name: 'qa', alias: 'ok', version: '5' }),
        'RESOURCE_DOES_NOT_EXIST',
        'Model Version (name=qa, version=5) not found',
      )
      await expectStoreError(
        registry.setRegisteredModelAlias({ name: 'nope', alias: 'ok', version: '1' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.deleteRegisteredModelAlias({ name: 'nope', alias: 'ok' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        registry.deleteRegisteredModelAlias({ name: 'qa', alias: 'bad alias' }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.getModelVersionByAlias({ name: 'nope', alias: 'ok' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })
  })
}
