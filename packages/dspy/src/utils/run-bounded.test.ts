import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { context, settings } from '../settings/settings.ts'
import { runBounded } from './run-bounded.ts'

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

describe('runBounded', () => {
  it('returns results in input order whatever the finishing order', async () => {
    const results = await runBounded({
      items: [30, 5, 20, 1, 10],
      concurrency: 3,
      worker: async (delay, index) => {
        await sleep(delay)
        return `${index}:${delay}`
      },
    })
    expect(results).toEqual(
      ['0:30', '1:5', '2:20', '3:1', '4:10'].map((value) => ({ status: 'fulfilled', value })),
    )
  })

  it('never has more than `concurrency` workers in flight', async () => {
    let inFlight = 0
    let maxInFlight = 0
    await runBounded({
      items: Array.from({ length: 12 }, (_, index) => index),
      concurrency: 4,
      worker: async (index) => {
        inFlight += 1
        maxInFlight = Math.max(maxInFlight, inFlight)
        await sleep(2 + (index % 3))
        inFlight -= 1
      },
    })
    expect(maxInFlight).toBe(4)
  })

  it('reports failures (sync and async) per item instead of rejecting', async () => {
    const settled: number[] = []
    const results = await runBounded({
      items: [1, 2, 3],
      concurrency: 2,
      worker: (value) => {
        if (value === 1) throw new Error('sync')
        if (value === 2) return Promise.reject(new Error('async'))
        return value
      },
      onSettled: (_result, index) => settled.push(index),
    })
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled'])
    expect(results[0]).toMatchObject({ reason: new Error('sync') })
    expect(settled.sort()).toEqual([0, 1, 2])
  })

  it('stops starting items and resolves at once when the signal aborts', async () => {
    const controller = new AbortController()
    const started: number[] = []
    let workerSignal: AbortSignal | undefined
    const results = await runBounded({
      items: [0, 1, 2, 3, 4],
      concurrency: 2,
      signal: controller.signal,
      worker: async (value, _index, signal) => {
        started.push(value)
        workerSignal = signal
        if (value === 0) throw new Error('fail')
        await sleep(1000)
        return value
      },
      onSettled: (result) => result.status === 'rejected' && controller.abort(),
    })
    expect(started).toEqual([0, 1])
    expect(results.map((result) => result.status)).toEqual([
      'rejected',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ])
    expect(workerSignal?.aborted).toBe(true)
  })

  it('runs workers in the caller settings context', async () => {
    const seen = await context({ numThreads: 77 }, () =>
      runBounded({
        items: [1, 2, 3],
        concurrency: 2,
        worker: async () => {
          await sleep(1)
          return context({ maxErrors: 1 }, () => settings.get('numThreads'))
        },
      }),
    )
    expect(
      seen.map((result) => (result.status === 'fulfilled' ? result.value : undefined)),
    ).toEqual([77, 77, 77])
    expect(settings.get('numThreads')).toBe(8)
  })

  it('handles empty input, an already aborted signal and invalid concurrency', async () => {
    expect(await runBounded({ items: [], concurrency: 2, worker: () => 1 })).toEqual([])
    const aborted = AbortSignal.abort()
    expect(
      await runBounded({ items: [1], concurrency: 1, worker: () => 1, signal: aborted }),
    ).toEqual([{ status: 'cancelled' }])
    expect(() => runBounded({ items: [1], concurrency: 0, worker: () => 1 })).toThrow(
      InvalidArgumentError,
    )
    expect(
      (await runBounded({ items: [1, 2], concurrency: Infinity, worker: (value) => value })).length,
    ).toBe(2)
  })
})
