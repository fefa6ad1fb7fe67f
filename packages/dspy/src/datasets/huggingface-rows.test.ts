import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DatasetUnavailableError,
  defaultDatasetCacheDir,
  fetchHuggingFaceRows,
  huggingFaceRowsCachePath,
} from './huggingface-rows.ts'

const rows = Array.from({ length: 250 }, (_, i) => ({ question: `q${i}`, answer: `#### ${i}` }))

/** A fake datasets server: pages of `rows`, recording every URL. */
function fakeServer(data = rows) {
  const urls: URL[] = []
  const fetch = async (input: string | URL | Request) => {
    const url = new URL(String(input))
    urls.push(url)
    const offset = Number(url.searchParams.get('offset'))
    const length = Number(url.searchParams.get('length'))
    const page = data.slice(offset, offset + length).map((row, i) => ({
      row_idx: offset + i,
      row,
      truncated_cells: [],
    }))
    return Response.json({ features: [], rows: page, num_rows_total: data.length, partial: false })
  }
  return { fetch: fetch as typeof globalThis.fetch, urls }
}

const offline = (async () => {
  throw new TypeError('fetch failed')
}) as typeof globalThis.fetch

let cacheDir: string
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'hf-rows-'))
})
afterEach(() => rm(cacheDir, { recursive: true, force: true }))

describe('fetchHuggingFaceRows', () => {
  it('pages through the rows API and caches the rows as JSONL', async () => {
    const server = fakeServer()
    const target = { dataset: 'openai/gsm8k', config: 'main', split: 'test', cacheDir }
    const result = await fetchHuggingFaceRows({ ...target, fetch: server.fetch })
    expect(result).toEqual(rows)
    expect(server.urls.map((url) => url.searchParams.get('offset'))).toEqual(['0', '100', '200'])
    const first = server.urls[0]!
    expect(`${first.origin}${first.pathname}`).toBe('https://datasets-server.huggingface.co/rows')
    expect(Object.fromEntries(first.searchParams)).toEqual({
      dataset: 'openai/gsm8k',
      config: 'main',
      split: 'test',
      offset: '0',
      length: '100',
    })
    const path = huggingFaceRowsCachePath(target)
    expect(path).toBe(join(cacheDir, 'openai__gsm8k', 'main', 'test.jsonl'))
    expect((await readFile(path, 'utf8')).split('\n')[1]).toBe(
      '{"question":"q1","answer":"#### 1"}',
    )
    expect(await fetchHuggingFaceRows({ ...target, fetch: offline })).toEqual(rows)
    const again = fakeServer(rows.slice(0, 3))
    expect(
      await fetchHuggingFaceRows({ ...target, fetch: again.fetch, refresh: true }),
    ).toHaveLength(3)
  })

  it('honours a smaller page size', async () => {
    const server = fakeServer(rows.slice(0, 5))
    const result = await fetchHuggingFaceRows({
      dataset: 'd',
      config: 'c',
      split: 's',
      cacheDir,
      fetch: server.fetch,
      pageSize: 2,
    })
    expect(result).toHaveLength(5)
    expect(server.urls.map((url) => url.searchParams.get('length'))).toEqual(['2', '2', '2'])
  })

  it('fails with a typed error when offline and nothing is cached', async () => {
    const error = await fetchHuggingFaceRows({
      dataset: 'openai/gsm8k',
      config: 'main',
      split: 'train',
      cacheDir,
      fetch: offline,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DatasetUnavailableError)
    const typed = error as DatasetUnavailableError
    expect(typed.code).toBe('DATASET_UNAVAILABLE')
    expect(typed.dataset).toBe('openai/gsm8k')
    expect(typed.message).toContain('Cannot reach the Hugging Face datasets server')
    expect(typed.message).toContain(join(cacheDir, 'openai__gsm8k', 'main', 'train.jsonl'))
    expect(typed.message).toContain('`path` option')
  })

  it('retries 429 answers, and reports other HTTP errors with their status', async () => {
    const waits: number[] = []
    let calls = 0
    const flaky = (async (input: string) => {
      calls += 1
      if (calls === 1) return new Response('slow down', { status: 429 })
      return fakeServer(rows.slice(0, 1)).fetch(input)
    }) as typeof globalThis.fetch
    const sleep = async (ms: number) => {
      waits.push(ms)
    }
    const target = { dataset: 'd', config: 'c', split: 's', cacheDir, sleep }
    expect(await fetchHuggingFaceRows({ ...target, fetch: flaky })).toHaveLength(1)
    expect(waits).toEqual([1000])
    const missing = (async () =>
      new Response('{"error":"not found"}', { status: 404 })) as typeof globalThis.fetch
    const error = (await fetchHuggingFaceRows({
      ...target,
      split: 'other',
      fetch: missing,
    }).catch((caught: unknown) => caught)) as DatasetUnavailableError
    expect(error.status).toBe(404)
    expect(error.message).toContain('HTTP 404')
    expect(waits).toEqual([1000])
  })

  it('defaults the cache folder to $DSPYFLOW_DATA_DIR or ~/.cache/dspyflow/datasets', () => {
    expect(defaultDatasetCacheDir({ DSPYFLOW_DATA_DIR: '/data/sets' })).toBe('/data/sets')
    expect(defaultDatasetCacheDir({})).toBe(join(homedir(), '.cache', 'dspyflow', 'datasets'))
  })
})
