/**
 * @module search
 * Conformance cases for registry searches: filters (names, tags, run ids, sources, version
 * numbers, `IN` lists), prompts left out by default, ordering, paging, and rejected input.
 */
import { describe, expect, it } from 'vitest'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import type { RegistryStore } from '../registry-store.ts'
import type { OpenedRegistry, RegistryConformanceHarness } from './registry-conformance-harness.ts'

const PROMPT = { key: 'mlflow.prompt.is_prompt', value: 'true' }

/** alpha (2 versions), beta (1), Gamma (1), delta-model (0), and a prompt with 1 version. */
async function fixture(opened: OpenedRegistry): Promise<RegistryStore> {
  const { registry, advance } = opened
  const model = async (name: string, tags: { key: string; value: string }[] = []) => {
    advance(10)
    await registry.createRegisteredModel({ name, tags })
  }
  const version = async (
    name: string,
    runId: string,
    source: string,
    tags: { key: string; value: string }[] = [],
  ) => {
    advance(10)
    await registry.createModelVersion({ name, source, runId, tags })
  }
  await model('alpha', [
    { key: 'team', value: 'nlp' },
    { key: 'stage', value: 'dev' },
  ])
  await model('beta', [{ key: 'team', value: 'NLP' }])
  await model('Gamma', [{ key: 'team', value: 'vision' }])
  await model('delta-model')
  await model('my-prompt', [PROMPT])
  await version('alpha', 'run1', 's3://bucket/alpha/1', [{ key: 'ok', value: 'yes' }])
  await version('beta', 'run2', 's3://bucket/beta/1')
  await version('alpha', 'run2', 'mlflow-artifacts:/1/run2/artifacts/model', [
    { key: 'ok', value: 'no' },
  ])
  await version('Gamma', 'run3', 's3://bucket/gamma/1')
  await version('my-prompt', '', 'dummy-source', [PROMPT])
  return registry
}

const names = (result: { registeredModels: { name: string }[] }) =>
  result.registeredModels.map((model) => model.name)
const keys = (result: { modelVersions: { name: string; version: string }[] }) =>
  result.modelVersions.map((version) => `${version.name}/${version.version}`)

/**
 * Registers the search cases.
 *
 * @example
 * describeRegistrySearch(harness)
 */
export function describeRegistrySearch(harness: RegistryConformanceHarness): void {
  describe('searchRegisteredModels', () => {
    it('filters on names and tags, leaving prompts out unless asked', async () => {
      const registry = await fixture(await harness.open())
      const search = async (filter?: string) =>
        names(await registry.searchRegisteredModels({ filter }))
      expect(await search()).toEqual(['Gamma', 'alpha', 'beta', 'delta-model'])
      expect(await search("name = 'alpha'")).toEqual(['alpha'])
      expect(await search("name != 'alpha'")).toEqual(['Gamma', 'beta', 'delta-model'])
      expect(await search("name LIKE '%a'")).toEqual(['Gamma', 'alpha', 'beta'])
      expect(await search("name LIKE 'g%'")).toEqual([])
      expect(await search("name ILIKE 'g%'")).toEqual(['Gamma'])
      expect(await search("name IN ('beta', 'Gamma', 'nope')")).toEqual(['Gamma', 'beta'])
      expect(await search("name NOT IN ('beta')")).toEqual(['Gamma', 'alpha', 'delta-model'])
      expect(await search("tags.team = 'nlp'")).toEqual(['alpha'])
      expect(await search("tags.team ILIKE 'nlp'")).toEqual(['alpha', 'beta'])
      expect(await search("tags.team != 'nlp'")).toEqual(['Gamma', 'beta'])
      expect(await search("tags.team LIKE '%i%' AND name = 'Gamma'")).toEqual(['Gamma'])
      expect(await search("tags.`team` = 'nlp' and tags.stage = 'dev'")).toEqual(['alpha'])
      expect(await search('tags."team" = "vision"')).toEqual(['Gamma'])
      expect(await search("tags.`mlflow.prompt.is_prompt` = 'true'")).toEqual(['my-prompt'])
      expect(await search("tags.`mlflow.prompt.is_prompt` != 'false'")).toEqual(['my-prompt'])
      expect(await search("tags.`mlflow.prompt.is_prompt` = 'false'")).toEqual([
        'Gamma',
        'alpha',
        'beta',
        'delta-model',
      ])
      expect(await search("name = 'my-prompt'")).toEqual([])
    })

    it('returns latest versions, tags and aliases with each model', async () => {
      const registry = await fixture(await harness.open())
      await registry.setRegisteredModelAlias({ name: 'alpha', alias: 'champ', version: '1' })
      const [alpha] = (await registry.searchRegisteredModels({ filter: "name = 'alpha'" }))
        .registeredModels
      expect(alpha?.latestVersions.map((version) => version.version)).toEqual(['2'])
      expect(alpha?.latestVersions[0]?.aliases).toEqual([])
      expect(alpha?.tags).toEqual([
        { key: 'stage', value: 'dev' },
        { key: 'team', value: 'nlp' },
      ])
      expect(alpha?.aliases).toEqual([{ alias: 'champ', version: '1' }])
    })

    it('orders and pages', async () => {
      const opened = await harness.open()
      const registry = await fixture(opened)
      const order = async (orderBy: string[]) =>
        names(await registry.searchRegisteredModels({ orderBy }))
      expect(await order(['name DESC'])).toEqual(['delta-model', 'beta', 'alpha', 'Gamma'])
      expect(await order(['timestamp DESC'])).toEqual(['Gamma', 'alpha', 'beta', 'delta-model'])
      expect(await order(['last_updated_timestamp ASC'])).toEqual([
        'delta-model',
        'beta',
        'alpha',
        'Gamma',
      ])
      expect(await order(['`name` asc'])).toEqual(['Gamma', 'alpha', 'beta', 'delta-model'])
      const first = await registry.searchRegisteredModels({ maxResults: 3 })
      expect(names(first)).toEqual(['Gamma', 'alpha', 'beta'])
      expect(first.nextPageToken).toBeDefined()
      const second = await registry.searchRegisteredModels({
        maxResults: 3,
        pageToken: first.nextPageToken,
      })
      expect(names(second)).toEqual(['delta-model'])
      expect(second.nextPageToken).toBeUndefined()
      const exact = await registry.searchRegisteredModels({ maxResults: 4 })
      expect(exact.nextPageToken).toBeUndefined()
    })

    it('rejects bad filters, orderings, sizes and tokens', async () => {
      const { registry } = await harness.open()
      const bad = [
        "version = '1'",
        "foo.bar = 'x'",
        "tags.team IN ('a')",
        "name > 'a'",
        'name = 5',
        'name = alpha',
        'tags.team = 5',
        'tags.team IS NULL',
        "name = 'a' OR name = 'b'",
        "name = 'a'; DROP TABLE x",
      ]
      for (const filter of bad) {
        await expectStoreError(
          registry.searchRegisteredModels({ filter }),
          'INVALID_PARAMETER_VALUE',
        )
      }
      for (const orderBy of [
        ['creation_timestamp'],
        ['name sideways'],
        ['name', 'name DESC'],
        ['timestamp', 'last_updated_timestamp'],
        ['a b c'],
      ]) {
        await expectStoreError(
          registry.searchRegisteredModels({ orderBy }),
          'INVALID_PARAMETER_VALUE',
        )
      }
      await expectStoreError(
        registry.searchRegisteredModels({ maxResults: 1001 }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        registry.searchRegisteredModels({ pageToken: 'not a token' }),
        'INVALID_PARAMETER_VALUE',
      )
    })
  })

  describe('searchModelVersions', () => {
    it('filters on names, run ids, sources, version numbers and tags', async () => {
      const registry = await fixture(await harness.open())
      const search = async (filter?: string) => keys(await registry.searchModelVersions({ filter }))
      expect(await search()).toEqual(['Gamma/1', 'alpha/2', 'beta/1', 'alpha/1'])
      expect(await search("name = 'alpha'")).toEqual(['alpha/2', 'alpha/1'])
      expect(await search("run_id = 'run2'")).toEqual(['alpha/2', 'beta/1'])
      expect(await search("run_id IN ('run1', 'run3')")).toEqual(['Gamma/1', 'alpha/1'])
      expect(await search("run_id NOT IN ('run1', 'run3')")).toEqual(['alpha/2', 'beta/1'])
      expect(await search("name IN ('beta') AND run_id = 'run2'")).toEqual(['beta/1'])
      expect(await search("source_path LIKE 's3://bucket/%'")).toEqual([
        'Gamma/1',
        'beta/1',
        'alpha/1',
      ])
      expect(await search("source_path = 'mlflow-artifacts:/1/run2/artifacts/model'")).toEqual([
        'alpha/2',
      ])
      expect(await search('version_number > 1')).toEqual(['alpha/2'])
      expect(await search("version_number = '1' AND name ILIKE 'ALPHA'")).toEqual(['alpha/1'])
      expect(await search('version_number <= 1')).toEqual(['Gamma/1', 'beta/1', 'alpha/1'])
      expect(await search("tags.ok = 'yes'")).toEqual(['alpha/1'])
      expect(await search("tags.ok LIKE '%'")).toEqual(['alpha/2', 'alpha/1'])
      expect(await search("tags.`mlflow.prompt.is_prompt` = 'true'")).toEqual(['my-prompt/1'])
      expect(await search("name = 'my-prompt'")).toEqual([])
    })

    it('orders (default: last updated first) and pages', async () => {
      const registry = await fixture(await harness.open())
      const order = async (orderBy: string[]) =>
        keys(await registry.searchModelVersions({ orderBy }))
      expect(await order(['name ASC'])).toEqual(['Gamma/1', 'alpha/2', 'alpha/1', 'beta/1'])
      expect(await order(['version_number ASC'])).toEqual([
        'Gamma/1',
        'alpha/1',
        'beta/1',
        'alpha/2',
      ])
      expect(await order(['creation_timestamp ASC'])).toEqual([
        'alpha/1',
        'beta/1',
        'alpha/2',
        'Gamma/1',
      ])
      expect(await order(['name DESC', 'version_number ASC'])).toEqual([
        'beta/1',
        'alpha/1',
        'alpha/2',
        'Gamma/1',
      ])
      const pages: string[] = []
      let pageToken: string | undefined
      do {
        const result = await registry.searchModelVersions({
          maxResults: 3,
          pageToken,
          orderBy: ['name'],
        })
        pages.push(keys(result).join(','))
        pageToken = result.nextPageToken
      } while (pageToken)
      expect(pages).toEqual(['Gamma/1,alpha/2,alpha/1', 'beta/1'])
    })

    it('rejects bad filters, orderings and sizes', async () => {
      const { registry } = await harness.open()
      const bad = [
        "version = '1'",
        "source_path IN ('a')",
        'version_number > 1.5',
        "version_number = 'x'",
        "version_number LIKE '1'",
        'run_id = 5',
        "run_id > 'a'",
        "tags.ok IN ('a')",
        "params.x = '1'",
      ]
      for (const filter of bad) {
        await expectStoreError(registry.searchModelVersions({ filter }), 'INVALID_PARAMETER_VALUE')
      }
      for (const orderBy of [['run_id'], ['timestamp'], ['name', 'name']]) {
        await expectStoreError(registry.searchModelVersions({ orderBy }), 'INVALID_PARAMETER_VALUE')
      }
      for (const maxResults of [0, -1, 200_001]) {
        await expectStoreError(
          registry.searchModelVersions({ maxResults }),
          'INVALID_PARAMETER_VALUE',
        )
      }
    })
  })
}
