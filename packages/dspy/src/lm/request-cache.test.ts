import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PyFloat } from '../python/py-float.ts'
import type { LmResponse } from './lm-types.ts'
import {
  cacheKey,
  configureCache,
  getCache,
  orjsonSortedDumps,
  RequestCache,
} from './request-cache.ts'

// The two ChatAdapter messages DSPy 3.3.1 builds for `question -> answer` / "Capital of France?".
const messages = [
  {
    role: 'system',
    content:
      'Your input fields are:\n1. `question` (str):\nYour output fields are:\n1. `answer` (str):\n' +
      'All interactions will be structured in the following way, with the appropriate values filled in.\n\n' +
      '[[ ## question ## ]]\n{question}\n\n[[ ## answer ## ]]\n{answer}\n\n[[ ## completed ## ]]\n' +
      'In adhering to this structure, your objective is: \n        Given the fields `question`, produce the fields `answer`.',
  },
  {
    role: 'user',
    content:
      '[[ ## question ## ]]\nCapital of France?\n\n' +
      'Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, ' +
      'and then ending with the marker for `[[ ## completed ## ]]`.',
  },
]
const verifiedRequest = {
  model: 'openai/gpt-4o-mini',
  messages,
  temperature: 0,
  max_tokens: 100,
  _fn_identifier: 'dspy.clients.lm.litellm_completion',
}
const response: LmResponse = {
  choices: [{ text: 'Paris', finishReason: 'stop' }],
  usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
  model: 'gpt-4o-mini',
}

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dspyflow-cache-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('cache key', () => {
  it("reproduces DSPy 3.3.1's verified key for a known request", () => {
    expect(cacheKey(verifiedRequest)).toBe(
      'd5d2f70d1d53dea12bb415fa0a56e3d953e26bc352ed42d74a1e47767a0ed831',
    )
    expect(cacheKey({ ...verifiedRequest, temperature: new PyFloat(0) })).toBe(
      cacheKey(verifiedRequest),
    )
  })

  it('ignores the API key and base URLs but not rollout_id', () => {
    const withSecrets = { ...verifiedRequest, api_key: 'sk-x', api_base: 'http://h', base_url: 'b' }
    expect(cacheKey(withSecrets)).toBe(cacheKey(verifiedRequest))
    expect(cacheKey({ ...verifiedRequest, rollout_id: 1 })).not.toBe(cacheKey(verifiedRequest))
  })

  it('writes orjson bytes: compact, sorted, floats as Python prints them', () => {
    expect(orjsonSortedDumps({ b: 1, a: { d: [true, null], c: 'é\n' } })).toBe(
      '{"a":{"c":"é\\n","d":[true,null]},"b":1}',
    )
    expect(orjsonSortedDumps([new PyFloat(2), 0.5, 1e-7, new PyFloat(1e16), 3])).toBe(
      '[2.0,0.5,1e-7,1e16,3]',
    )
    expect(orjsonSortedDumps({ temperature: 1, n: 1 }, new Set(['temperature']))).toBe(
      '{"n":1,"temperature":1.0}',
    )
    expect(orjsonSortedDumps({ '\u{1F600}': 1, '\uFFFD': 2 })).toBe('{"\uFFFD":2,"\u{1F600}":1}')
  })
})

describe('RequestCache', () => {
  it('returns deep copies marked as cache hits with empty usage', async () => {
    const cache = new RequestCache({ enableDiskCache: false })
    expect(await cache.get(verifiedRequest)).toBeUndefined()
    await cache.put(verifiedRequest, response)
    const hit = await cache.get(verifiedRequest)
    expect(hit).toEqual({ ...response, usage: {}, cacheHit: true })
    hit!.choices[0]!.text = 'changed'
    expect((await cache.get(verifiedRequest))?.choices[0]?.text).toBe('Paris')
    expect(response.usage).toEqual({ prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 })
  })

  it('evicts the least recently used entry beyond memoryMaxEntries', async () => {
    const cache = new RequestCache({ enableDiskCache: false, memoryMaxEntries: 2 })
    const request = (index: number) => ({ ...verifiedRequest, rollout_id: index })
    await cache.put(request(1), response)
    await cache.put(request(2), response)
    await cache.get(request(1))
    await cache.put(request(3), response)
    expect(cache.memorySize).toBe(2)
    expect(await cache.get(request(2))).toBeUndefined()
    expect(await cache.get(request(1))).toBeDefined()
  })

  it('persists JSON files on disk and promotes disk hits to memory', async () => {
    await new RequestCache({ diskCacheDir: folder }).put(verifiedRequest, response)
    const key = cacheKey(verifiedRequest)
    expect(await readdir(join(folder, key.slice(0, 2)))).toEqual([`${key}.json`])
    const fresh = new RequestCache({ diskCacheDir: folder })
    expect(fresh.memorySize).toBe(0)
    expect((await fresh.get(verifiedRequest))?.cacheHit).toBe(true)
    expect(fresh.memorySize).toBe(1)
  })

  it('drops unreadable disk entries and stores nothing when both levels are off', async () => {
    const key = cacheKey(verifiedRequest)
    await new RequestCache({ diskCacheDir: folder }).put(verifiedRequest, response)
    await writeFile(join(folder, key.slice(0, 2), `${key}.json`), '{torn')
    expect(await new RequestCache({ diskCacheDir: folder }).get(verifiedRequest)).toBeUndefined()
    expect(await readdir(join(folder, key.slice(0, 2)))).toEqual([])
    const circular: Record<string, unknown> = { model: 'm' }
    circular.self = circular
    const memory = new RequestCache({ enableDiskCache: false })
    await memory.put(circular, response)
    expect(await memory.get(circular)).toBeUndefined()
    const off = new RequestCache({ enableDiskCache: false, enableMemoryCache: false })
    await off.put(verifiedRequest, response)
    expect(await off.get(verifiedRequest)).toBeUndefined()
  })

  it('configureCache replaces the process-wide cache', () => {
    const previous = getCache()
    try {
      const replaced = configureCache({ enableDiskCache: false, memoryMaxEntries: 5 })
      expect(getCache()).toBe(replaced)
      expect(replaced).toMatchObject({ enableDiskCache: false, memoryMaxEntries: 5 })
      expect(() => new RequestCache({ memoryMaxEntries: 0 })).toThrow(RangeError)
    } finally {
      configureCache({
        enableDiskCache: previous.enableDiskCache,
        enableMemoryCache: previous.enableMemoryCache,
        diskCacheDir: previous.diskCacheDir,
        memoryMaxEntries: previous.memoryMaxEntries,
      })
    }
  })
})
