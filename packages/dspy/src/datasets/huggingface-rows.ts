import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { DspyError, type DspyErrorCode } from '../errors/dspy-error.ts'
import type { DatasetRecord } from './dataset.ts'

/** The rows endpoint of the Hugging Face datasets server. */
export const huggingFaceRowsUrl = 'https://datasets-server.huggingface.co/rows'

const datasetUnavailableCode: DspyErrorCode = 'DATASET_UNAVAILABLE'

/** The part of `node:fs/promises` the dataset loaders use; swap it in tests. */
export interface DatasetFileSystem {
  readFile(path: string, encoding: 'utf8'): Promise<string>
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  rename(from: string, to: string): Promise<void>
}

/** The real filesystem. */
export const nodeDatasetFileSystem: DatasetFileSystem = { readFile, writeFile, mkdir, rename }

/**
 * A dataset that is neither in the local cache nor downloadable (offline, unknown dataset, HTTP
 * error), or a local data file that cannot be read. Code `DATASET_UNAVAILABLE`.
 *
 * @example
 * try {
 *   await GSM8K.load()
 * } catch (error) {
 *   if (error instanceof DatasetUnavailableError) console.error(error.message)
 * }
 */
export class DatasetUnavailableError extends DspyError {
  readonly dataset: string
  readonly status: number | undefined
  constructor(options: { dataset: string; message: string; status?: number; cause?: unknown }) {
    super({ code: datasetUnavailableCode, message: options.message, cause: options.cause })
    this.name = 'DatasetUnavailableError'
    this.dataset = options.dataset
    this.status = options.status
  }
}

/** Options of {@link fetchHuggingFaceRows}. */
export interface HuggingFaceRowsOptions {
  /** The dataset id, e.g. `openai/gsm8k`. */
  dataset: string
  /** The configuration (subset), e.g. `main`. */
  config: string
  split: string
  /** Injectable fetch (default: the global one). */
  fetch?: typeof globalThis.fetch
  /** Cache folder (default {@link defaultDatasetCacheDir}). */
  cacheDir?: string
  fs?: DatasetFileSystem
  /** Rows per request, at most 100 (the server's limit). */
  pageSize?: number
  /** Download again even when a cached copy exists. */
  refresh?: boolean
  /** Attempts per page on HTTP 429 and 5xx answers (default 3). */
  attempts?: number
  /** Waits between attempts (default: setTimeout). */
  sleep?: (milliseconds: number) => Promise<void>
}

/**
 * `$DSPYFLOW_DATA_DIR` when set, else `~/.cache/dspyflow/datasets`.
 *
 * @example
 * defaultDatasetCacheDir({ DSPYFLOW_DATA_DIR: '/data' }) // '/data'
 */
export function defaultDatasetCacheDir(env: Record<string, string | undefined> = process.env) {
  return env.DSPYFLOW_DATA_DIR || join(homedir(), '.cache', 'dspyflow', 'datasets')
}

/**
 * Where {@link fetchHuggingFaceRows} caches a split: `<cacheDir>/<owner>__<name>/<config>/<split>.jsonl`.
 *
 * @example
 * huggingFaceRowsCachePath({ dataset: 'openai/gsm8k', config: 'main', split: 'test', cacheDir: '/c' })
 * // '/c/openai__gsm8k/main/test.jsonl'
 */
export function huggingFaceRowsCachePath(options: {
  dataset: string
  config: string
  split: string
  cacheDir?: string
}): string {
  const folder = options.dataset.replaceAll('/', '__')
  const cacheDir = options.cacheDir ?? defaultDatasetCacheDir()
  return join(cacheDir, folder, options.config, `${options.split}.jsonl`)
}

/**
 * Parses JSON Lines text (blank lines skipped).
 *
 * @example
 * parseJsonl('{"a":1}\n\n{"a":2}\n') // [{ a: 1 }, { a: 2 }]
 */
export function parseJsonl(text: string): DatasetRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DatasetRecord)
}

/**
 * Reads a JSON Lines file; a missing or unreadable file is a {@link DatasetUnavailableError}.
 *
 * @example
 * const records = await readJsonlFile({ path: 'data/gsm8k/train.jsonl' })
 */
export async function readJsonlFile(options: {
  path: string
  fs?: DatasetFileSystem
}): Promise<DatasetRecord[]> {
  const fs = options.fs ?? nodeDatasetFileSystem
  let text: string
  try {
    text = await fs.readFile(options.path, 'utf8')
  } catch (cause) {
    throw new DatasetUnavailableError({
      dataset: options.path,
      message: `Cannot read the data file ${options.path}: ${(cause as Error).message}`,
      cause,
    })
  }
  return parseJsonl(text)
}

interface RowsPage {
  rows?: { row_idx?: number; row: DatasetRecord }[]
  num_rows_total?: number
}

/**
 * Every row of one split of a Hugging Face dataset, from the local JSONL cache when present, else
 * from the datasets-server rows API (`/rows?dataset=…&config=…&split=…&offset=…&length=100`,
 * page by page), then written to the cache. Throws {@link DatasetUnavailableError} when the
 * server cannot be reached (or answers an error) and nothing is cached. Very large cells may be
 * truncated by the server (see its `truncated_cells`); the loaders here only read small fields.
 *
 * @example
 * const rows = await fetchHuggingFaceRows({ dataset: 'openai/gsm8k', config: 'main', split: 'test' })
 * rows[0] // { question: '…', answer: '… #### 18' }
 */
export async function fetchHuggingFaceRows(
  options: HuggingFaceRowsOptions,
): Promise<DatasetRecord[]> {
  const fs = options.fs ?? nodeDatasetFileSystem
  const cachePath = huggingFaceRowsCachePath(options)
  if (!options.refresh) {
    const cached = await fs.readFile(cachePath, 'utf8').catch(() => undefined)
    if (cached !== undefined) return parseJsonl(cached)
  }
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100))
  const rows: DatasetRecord[] = []
  let total = Number.POSITIVE_INFINITY
  while (rows.length < total) {
    const page = await fetchPage({ ...options, cachePath, offset: rows.length, length: pageSize })
    total = page.num_rows_total ?? rows.length + (page.rows?.length ?? 0)
    if (!page.rows || page.rows.length === 0) break
    rows.push(...page.rows.map((entry) => entry.row))
  }
  const temporary = `${cachePath}.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`
  await fs.mkdir(dirname(cachePath), { recursive: true })
  await fs.writeFile(temporary, rows.map((row) => `${JSON.stringify(row)}\n`).join(''), 'utf8')
  await fs.rename(temporary, cachePath)
  return rows
}

async function fetchPage(
  options: HuggingFaceRowsOptions & { cachePath: string; offset: number; length: number },
): Promise<RowsPage> {
  const fetchImpl = options.fetch ?? globalThis.fetch
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const query = new URLSearchParams({
    dataset: options.dataset,
    config: options.config,
    split: options.split,
    offset: String(options.offset),
    length: String(options.length),
  })
  const url = `${huggingFaceRowsUrl}?${query}`
  const where = `${options.dataset} (config ${options.config}, split ${options.split})`
  const advice = `No cached copy exists at ${options.cachePath}; connect once to download it, set DSPYFLOW_DATA_DIR to a folder holding the cache, or load the data from local files (the \`path\` option).`
  const attempts = Math.max(1, options.attempts ?? 3)
  for (let attempt = 1; ; attempt += 1) {
    let response: Response
    try {
      response = await fetchImpl(url)
    } catch (cause) {
      throw new DatasetUnavailableError({
        dataset: options.dataset,
        message: `Cannot reach the Hugging Face datasets server for ${where}: ${(cause as Error).message}. ${advice}`,
        cause,
      })
    }
    if (response.ok) return (await response.json()) as RowsPage
    const retryable = response.status === 429 || response.status >= 500
    if (retryable && attempt < attempts) {
      await sleep(1000 * 2 ** (attempt - 1))
      continue
    }
    const body = (await response.text().catch(() => '')).slice(0, 300)
    throw new DatasetUnavailableError({
      dataset: options.dataset,
      status: response.status,
      message: `The Hugging Face datasets server answered HTTP ${response.status} for ${where} at offset ${options.offset}: ${body}. ${advice}`,
    })
  }
}
