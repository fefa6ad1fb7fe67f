import { AsyncLocalStorage } from 'node:async_hooks'
import { InvalidArgumentError } from '../errors/dspy-error.ts'

/** What became of one item: its value, its error, or `cancelled` (aborted before it finished). */
export type BoundedResult<Result> =
  | { status: 'fulfilled'; value: Result }
  | { status: 'rejected'; reason: unknown }
  | { status: 'cancelled' }

/** Options of {@link runBounded}. */
export interface RunBoundedOptions<Item, Result> {
  items: readonly Item[]
  /** How many workers may run at once (at least 1; `Infinity` runs everything at once). */
  concurrency: number
  /** Handles one item; gets an AbortSignal that fires when the run is aborted. */
  worker: (item: Item, index: number, signal: AbortSignal) => Result | Promise<Result>
  /** Aborting stops new items from starting and resolves the run at once. */
  signal?: AbortSignal
  /** Called as each item settles (progress, error counting); may abort `signal`; errors are logged. */
  onSettled?: (result: BoundedResult<Result>, index: number) => void
}

/**
 * Runs `worker` over `items` with at most `concurrency` calls in flight, and resolves with one
 * result per item in input order; it never rejects because a worker failed. Workers run in the
 * caller's async context, so `context({ ... })` settings (AsyncLocalStorage) reach them. When
 * `signal` aborts, no new item starts and the promise resolves at once: items not finished by
 * then are `cancelled` (running workers are told through their own signal but not awaited).
 *
 * @example
 * const results = await runBounded({
 *   items: questions,
 *   concurrency: 4,
 *   worker: (question) => program.call({ question }),
 * })
 * const answers = results.map((result) => (result.status === 'fulfilled' ? result.value : null))
 */
export function runBounded<Item, Result>(
  options: RunBoundedOptions<Item, Result>,
): Promise<BoundedResult<Result>[]> {
  const { items, worker, signal, onSettled } = options
  if (!(options.concurrency >= 1)) {
    throw new InvalidArgumentError({
      message: `concurrency must be at least 1, got ${options.concurrency}.`,
    })
  }
  const concurrency = Math.floor(Math.min(options.concurrency, Math.max(items.length, 1)))
  const runInCallerContext = AsyncLocalStorage.snapshot()
  const controller = new AbortController()
  const results: BoundedResult<Result>[] = items.map(() => ({ status: 'cancelled' }))
  return new Promise((resolve) => {
    let nextIndex = 0
    let running = 0
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      signal?.removeEventListener('abort', onAbort)
      resolve(results)
    }
    const onAbort = () => {
      controller.abort(signal?.reason)
      finish()
    }
    const settle = (index: number, result: BoundedResult<Result>) => {
      running -= 1
      if (finished) return
      results[index] = result
      try {
        onSettled?.(result, index)
      } catch (error) {
        console.warn(`runBounded: onSettled failed: ${(error as Error)?.message ?? error}`)
      }
      launch()
    }
    const launch = () => {
      while (!finished && running < concurrency && nextIndex < items.length) {
        const index = nextIndex
        nextIndex += 1
        running += 1
        const run = async () => worker(items[index]!, index, controller.signal)
        runInCallerContext(run).then(
          (value) => settle(index, { status: 'fulfilled', value }),
          (reason: unknown) => settle(index, { status: 'rejected', reason }),
        )
      }
      if (!finished && running === 0 && nextIndex >= items.length) finish()
    }
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    launch()
  })
}
