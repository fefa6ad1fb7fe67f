/**
 * @module sources
 * Conformance cases for `models:/` sources: a logged model's artifact location (through a fake
 * logged-model lookup) and run id, another version's location, and the failures.
 */
import { describe, expect, it } from 'vitest'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import {
  fakeLoggedModels,
  type RegistryConformanceHarness,
} from './registry-conformance-harness.ts'

const MODEL_ID = 'm-0123456789abcdef0123456789abcdef'
const ARTIFACTS = `mlflow-artifacts:/1/models/${MODEL_ID}/artifacts`

/**
 * Registers the source-resolution cases.
 *
 * @example
 * describeModelSources(harness)
 */
export function describeModelSources(harness: RegistryConformanceHarness): void {
  describe('model version sources', () => {
    it('stores a logged model artifact location for models:/<model_id>', async () => {
      const { registry } = await harness.open()
      const loggedModels = fakeLoggedModels({
        [MODEL_ID]: { info: { artifactUri: ARTIFACTS, sourceRunId: 'run9' } },
      })
      await registry.createRegisteredModel({ name: 'qa' })
      const version = await registry.createModelVersion({
        name: 'qa',
        source: `models:/${MODEL_ID}`,
        modelId: MODEL_ID,
        loggedModels,
      })
      expect(version).toMatchObject({ source: `models:/${MODEL_ID}`, runId: 'run9' })
      expect(await registry.getModelVersionDownloadUri({ name: 'qa', version: '1' })).toBe(
        ARTIFACTS,
      )
      const explicit = await registry.createModelVersion({
        name: 'qa',
        source: `models:/${MODEL_ID}`,
        runId: 'given',
        loggedModels,
      })
      expect(explicit.runId).toBe('given')
      const byModelId = await registry.createModelVersion({
        name: 'qa',
        source: 's3://bucket/elsewhere',
        modelId: MODEL_ID,
        loggedModels,
      })
      expect(byModelId.runId).toBe('run9')
    })

    it('resolves models:/<name>/<version>, @alias, latest and stages to that location', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'src' })
      await registry.createModelVersion({ name: 'src', source: 's3://bucket/one' })
      await registry.createModelVersion({ name: 'src', source: 's3://bucket/two' })
      await registry.setRegisteredModelAlias({ name: 'src', alias: 'champ', version: '1' })
      await registry.transitionModelVersionStage({ name: 'src', version: '1', stage: 'Staging' })
      await registry.createRegisteredModel({ name: 'dst' })
      const cases: [string, string][] = [
        ['models:/src/2', 's3://bucket/two'],
        ['models:/src@champ', 's3://bucket/one'],
        ['models:/src/latest', 's3://bucket/two'],
        ['models:/src/staging', 's3://bucket/one'],
      ]
      for (const [source, location] of cases) {
        const version = await registry.createModelVersion({ name: 'dst', source })
        expect(version.source).toBe(source)
        expect(
          await registry.getModelVersionDownloadUri({ name: 'dst', version: version.version }),
        ).toBe(location)
      }
    })

    it('fails on sources that name nothing', async () => {
      const { registry } = await harness.open()
      await registry.createRegisteredModel({ name: 'qa' })
      const loggedModels = fakeLoggedModels({})
      await expectStoreError(
        registry.createModelVersion({ name: 'qa', source: `models:/${MODEL_ID}`, loggedModels }),
        'INVALID_PARAMETER_VALUE',
        /Unable to fetch model from model URI source artifact location/,
      )
      await expectStoreError(
        registry.createModelVersion({ name: 'qa', source: `models:/${MODEL_ID}` }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.createModelVersion({ name: 'qa', source: 'models:/nope/1' }),
        'INVALID_PARAMETER_VALUE',
        /Registered Model with name=nope not found|Model Version/,
      )
      await expectStoreError(
        registry.createModelVersion({ name: 'qa', source: 'models:/a/b/c' }),
        'INVALID_PARAMETER_VALUE',
        /Not a proper models:\/ URI/,
      )
      await expectStoreError(
        registry.createModelVersion({ name: 'qa', source: 's3://b', modelId: 'm-x', loggedModels }),
        'RESOURCE_DOES_NOT_EXIST',
        "Logged model with ID 'm-x' not found.",
      )
    })
  })
}
