import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { PyFloat, pythonFloatRepr } from '../python/py-float.ts'
import type { LmResponse } from './lm-types.ts'

/** Request keys that never take part in a cache key (DSPy's `ignored_args_for_cache_key`). */
export const ignoredArgsForCacheKey: readonly string[] = ['api_key', 'api_base', 'base_url']

/**
 * Top-level keyword arguments Python holds as floats: an integral value such as `0` is written
 * `0.0`, as DSPy (orjson) writes `temperature=0.0`, so cache keys match Python's.
 */
const floatKwargs: ReadonlySet<string> = new Set([
  'temperature',
  'top_p',
  'frequency_penalty',
  'presence_penalty',
])

function orjsonFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null'
  return pythonFloatRepr(value).replace(/e\+?(-?)0*(\d)/, 'e$1$2')
}

function compareUtf8(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'))
}

/**
 * The bytes of Python's `orjson.dumps(value, option=OPT_SORT_KEYS)`: compact (`,` and `:`),
 * keys sorted recursively, non-ASCII characters raw. {@link PyFloat} values, and integral
 * numbers under the top-level keys in `floatKeys`, print as floats (`0.0`). Functions print as
 * `<callable_source:…>` (DSPy's cache transform).
 *
 * @example
 * orjsonSortedDumps({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function orjsonSortedDumps(
  value: unknown,
  floatKeys: ReadonlySet<string> = new Set(),
): string {
  const write = (item: unknown, asFloat: boolean, topLevel: boolean): string => {
    if (item === null || item === undefined) return 'null'
    if (item instanceof PyFloat) return orjsonFloat(item.value)
    if (typeof item === 'number') {
      if (!Number.isInteger(item) || Object.is(item, -0) || asFloat) return orjsonFloat(item)
      return Math.abs(item) < 1e21 ? BigInt(item).toString() : orjsonFloat(item)
    }
    if (typeof item === 'bigint') return item.toString()
    if (typeof item === 'boolean') return item ? 'true' : 'false'
    if (typeof item === 'string') return JSON.stringify(item)
    if (typeof item === 'function') return JSON.stringify(`<callable_source:${item.toString()}>`)
    if (Array.isArray(item)) return `[${item.map((entry) => write(entry, false, false)).join(',')}]`
    if (typeof item === 'object') {
      const withJson = item as { toJSON?: () => unknown }
      if (typeof withJson.toJSON === 'function') return write(withJson.toJSON(), asFloat, topLevel)
      const entries = Object.entries(item)
        .filter(([, entry]) => entry !== undefined)
        .sort(([left], [right]) => compareUtf8(left, right))
      const parts = entries.map(
        ([key, entry]) =>
          `${JSON.stringify(key)}:${write(entry, topLevel && floatKeys.has(key), false)}`,
      )
      return `{${parts.join(',')}}`
    }
    return JSON.stringify(String(item))
  }
  return write(value, false, true)
}

/**
 * DSPy's `Cache.cache_key`: the sha256 hex digest of the sorted compact JSON of the request,
 * without the ignored keys (API key and base URL).
 *
 * @example
 * cacheKey({ model: 'openai/gpt-4o-mini', messages, temperature: 0, max_tokens: 100,
 *   _fn_identifier: 'dspy.clients.lm.litellm_completion' })
 */
export function cacheKey(
  request: Record<string, unknown>,
  ignored: readonly string[] = ignoredArgsForCacheKey,
): string {
  const params = Object.fromEntries(
    Object.entries(request).filter(([key]) => !ignored.includes(key)),
  )
  return createHash('sha256').update(orjsonSortedDumps(params, floatKwargs), 'utf8').digest('hex')
}

/** Options of {@link RequestCache} and {@link configureCache} (DSPy's `configure_cache`). */
export interface CacheOptions {
  /** Keep responses in an in-memory LRU (default true). */
  enableMemoryCache?: boolean
  /** Keep responses as JSON files on disk (default true). */
  enableDiskCache?: boolean
  /** Folder of the disk cache: default `$DSPY_CACHEDIR`, else `~/.dspy_cache/dspyflow`. */
  diskCacheDir?: string
  /** Entries the memory LRU holds before evicting the least recently used (default 1 000 000). */
  memoryMaxEntries?: number
}

/**
 * The default disk-cache folder: `$DSPY_CACHEDIR`, else `~/.dspy_cache/dspyflow`.
 *
 * @example
 * defaultCacheDir() // '/home/me/.dspy_cache/dspyflow'
 */
export function defaultCacheDir(): string {
  return process.env.DSPY_CACHEDIR || join(homedir(), '.dspy_cache', 'dspyflow')
}

/**
 * DSPy's two-level response cache: an in-memory LRU in front of JSON files on disk (one file per
 * key, under a folder named by the key's first two hex digits). A hit returns a deep copy with
 * `usage: {}` and `cacheHit: true`, so usage trackers skip it.
 *
 * @example
 * const cache = new RequestCache({ enableDiskCache: false, memoryMaxEntries: 100 })
 * await cache.put(request, response)
 * const hit = await cache.get(request) // { ...response, usage: {}, cacheHit: true }
 */
export class RequestCache {
  readonly enableMemoryCache: boolean
  readonly enableDiskCache: boolean
  readonly diskCacheDir: string
  readonly memoryMaxEntries: number
  private readonly memory = new Map<string, LmResponse>()

  constructor(options: CacheOptions = {}) {
    this.enableMemoryCache = options.enableMemoryCache ?? true
    this.enableDiskCache = options.enableDiskCache ?? true
    this.diskCacheDir = options.diskCacheDir ?? defaultCacheDir()
    this.memoryMaxEntries = options.memoryMaxEntries ?? 1_000_000
    if (!(this.memoryMaxEntries > 0)) {
      throw new RangeError(
        `memoryMaxEntries must be a positive number, got ${this.memoryMaxEntries}`,
      )
    }
  }

  /** Entries now in memory. */
  get memorySize(): number {
    return this.memory.size
  }

  cacheKey(
    request: Record<string, unknown>,
    ignored: readonly string[] = ignoredArgsForCacheKey,
  ): string {
    return cacheKey(request, ignored)
  }

  /** The cached response for `request` (memory first, then disk), or undefined. */
  async get(
    request: Record<string, unknown>,
    ignored: readonly string[] = ignoredArgsForCacheKey,
  ): Promise<LmResponse | undefined> {
    if (!this.enableMemoryCache && !this.enableDiskCache) return undefined
    const key = this.safeKey(request, ignored)
    if (key === undefined) return undefined
    const inMemory = this.memory.get(key)
    if (inMemory !== undefined) {
      this.memory.delete(key)
      this.memory.set(key, inMemory)
      return prepareCachedResponse(inMemory)
    }
    if (!this.enableDiskCache) return undefined
    const fromDisk = await this.readDisk(key)
    if (fromDisk === undefined) return undefined
    this.remember(key, fromDisk)
    return prepareCachedResponse(fromDisk)
  }

  /** Stores a copy of `response` under the key of `request`. */
  async put(
    request: Record<string, unknown>,
    response: LmResponse,
    ignored: readonly string[] = ignoredArgsForCacheKey,
  ): Promise<void> {
    if (!this.enableMemoryCache && !this.enableDiskCache) return
    const key = this.safeKey(request, ignored)
    if (key === undefined) return
    const stored = structuredClone(response)
    delete stored.cacheHit
    this.remember(key, stored)
    if (this.enableDiskCache) await this.writeDisk(key, stored)
  }

  /** Empties the memory level (the disk level stays). */
  resetMemoryCache(): void {
    this.memory.clear()
  }

  /** The key, or undefined when the request cannot be hashed (then the cache is skipped, as in DSPy). */
  private safeKey(
    request: Record<string, unknown>,
    ignored: readonly string[],
  ): string | undefined {
    try {
      return this.cacheKey(request, ignored)
    } catch {
      return undefined
    }
  }

  private remember(key: string, response: LmResponse): void {
    if (!this.enableMemoryCache) return
    this.memory.delete(key)
    this.memory.set(key, response)
    while (this.memory.size > this.memoryMaxEntries) {
      const oldest = this.memory.keys().next().value as string
      this.memory.delete(oldest)
    }
  }

  private filePath(key: string): string {
    return join(this.diskCacheDir, key.slice(0, 2), `${key}.json`)
  }

  private async readDisk(key: string): Promise<LmResponse | undefined> {
    const path = this.filePath(key)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return undefined
    }
    try {
      const parsed = JSON.parse(text) as { response?: LmResponse }
      if (parsed.response && Array.isArray(parsed.response.choices)) return parsed.response
    } catch {
      // A torn or foreign file: drop it, as DSPy drops entries it cannot deserialize.
    }
    await rm(path, { force: true }).catch(() => undefined)
    return undefined
  }

  private async writeDisk(key: string, response: LmResponse): Promise<void> {
    const path = this.filePath(key)
    const temporary = `${path}.${randomUUID()}.tmp`
    try {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(temporary, JSON.stringify({ key, response }), 'utf8')
      await rename(temporary, path)
    } catch {
      // A cache that cannot be written only costs a future provider call.
      await rm(temporary, { force: true }).catch(() => undefined)
    }
  }
}

function prepareCachedResponse(response: LmResponse): LmResponse {
  const copy = structuredClone(response)
  copy.usage = {}
  copy.cacheHit = true
  return copy
}

let globalCache: RequestCache | undefined

/**
 * The process-wide cache (DSPy's `dspy.cache`), created on first use.
 *
 * @example
 * getCache().resetMemoryCache()
 */
export function getCache(): RequestCache {
  globalCache ??= new RequestCache()
  return globalCache
}

/**
 * DSPy's `dspy.configure_cache(...)`: replaces the process-wide cache. LMs without their own
 * `cacheStore` use the new one from their next call on.
 *
 * @example
 * configureCache({ enableDiskCache: false }) // memory only
 * configureCache({ diskCacheDir: '/tmp/my-cache', memoryMaxEntries: 10_000 })
 */
export function configureCache(options: CacheOptions = {}): RequestCache {
  globalCache = new RequestCache(options)
  return globalCache
}
