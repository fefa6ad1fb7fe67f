import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Example } from '../primitives/example.ts'
import { Module } from '../primitives/module.ts'
import { Prediction } from '../primitives/prediction.ts'
import { configure, context, settings } from '../settings/settings.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { Parallel } from './parallel.ts'
import { Predict } from './predict.ts'

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

/** Echoes its inputs after a delay; counts calls in flight; fails on `fail: true`. */
class Echo extends Module {
  inFlight = 0
  maxInFlight = 0
  calls = 0
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    this.calls += 1
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await sleep(Number(inputs.delay ?? 1))
    this.inFlight -= 1
    if (inputs.fail) throw new Error(`failed ${inputs.id}`)
    return new Prediction({ ...inputs })
  }
}

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

describe('Parallel', () => {
  it('returns results in input order with bounded concurrency', async () => {
    const echo = new Echo()
    const delays = [20, 1, 15, 2, 10, 3, 5, 1]
    const results = await new Parallel({ numThreads: 3 }).call(
      delays.map((delay, id) => [echo, { id, delay }] as const),
    )
    expect(results.map((result) => result?.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(echo.maxInFlight).toBe(3)
  })

  it('accepts Examples (their inputs, or the Example itself), records and argument lists', async () => {
    const echo = new Echo()
    const example = new Example({ id: 1, label: 'x' }).withInputs('id')
    const seen: unknown[] = []
    const results = await new Parallel().call<unknown>([
      [echo, example],
      [echo, { id: 2 }],
      [(a: number, b: number) => a + b, [3, 4]],
    ])
    expect((results[0] as Prediction).toDict()).toEqual({ id: 1 })
    expect((results[1] as Prediction).toDict()).toEqual({ id: 2 })
    expect(results[2]).toBe(7)
    await new Parallel({ accessExamples: false }).call([
      [(value: unknown) => seen.push(value), example],
    ])
    expect(seen[0]).toBe(example)
  })

  it('runs nested Parallels on arrays of pairs', async () => {
    const echo = new Echo()
    const inner = new Parallel({ numThreads: 2 })
    const [nested] = await new Parallel().call<unknown>([
      [
        inner,
        [
          [echo, { id: 'a' }],
          [echo, { id: 'b' }],
        ],
      ],
    ])
    expect((nested as Prediction[]).map((result) => result.id)).toEqual(['a', 'b'])
  })

  it('returns null for failures, or the failure report when asked', async () => {
    const echo = new Echo()
    const pairs = [
      [echo, { id: 0 }],
      [echo, { id: 1, fail: true }],
      [echo, 'not an input'],
    ] as const
    const results = await new Parallel({ maxErrors: 5 }).call(pairs)
    expect(results.map((result) => result?.id ?? null)).toEqual([0, null, null])
    const [again, failed, exceptions] = await new Parallel({
      maxErrors: 5,
      returnFailedExamples: true,
    }).call(pairs)
    expect(again[0]?.id).toBe(0)
    expect(failed).toHaveLength(2)
    expect(failed).toContain('not an input')
    expect((exceptions as Error[]).map((error) => error.message).sort()).toEqual([
      'Invalid example type: string, only supported types are Example, dict, list and tuple',
      'failed 1',
    ])
    expect(console.error).toHaveBeenCalledWith(
      expect.stringMatching(/^Error for \{'id': 1, 'fail': True\}: failed 1\./),
    )
  })

  it('cancels the remaining work and throws once maxErrors pairs failed', async () => {
    const echo = new Echo()
    const pairs = Array.from(
      { length: 20 },
      (_, id) => [echo, { id, fail: id < 3, delay: 5 }] as const,
    )
    await expect(new Parallel({ numThreads: 2, maxErrors: 2 }).call(pairs)).rejects.toThrow(
      'Execution cancelled due to errors or interruption.',
    )
    await sleep(20)
    expect(echo.calls).toBeLessThan(5)
  })

  it('uses the settings defaults and the per-call numThreads override', async () => {
    configure({ numThreads: 2, maxErrors: 4 })
    const parallel = new Parallel()
    expect([
      parallel.numThreads,
      parallel.maxErrors,
      parallel.timeout,
      parallel.stragglerLimit,
    ]).toEqual([2, 4, 120, 3])
    const echo = new Echo()
    await parallel.forward(
      Array.from({ length: 6 }, (_, id) => [echo, { id }] as const),
      { numThreads: 1 },
    )
    expect(echo.maxInFlight).toBe(1)
  })

  it("propagates the caller's settings (context) to every worker", async () => {
    const predict = new Predict('question -> answer')
    const lm = new DummyLM({ q1: { answer: 'one' }, q2: { answer: 'two' } })
    const trace: never[] = []
    const results = await context({ lm, trace }, () =>
      new Parallel({ numThreads: 2 }).call([
        [predict, { question: 'q1' }],
        [predict, { question: 'q2' }],
      ]),
    )
    expect(results.map((result) => result?.answer)).toEqual(['one', 'two'])
    expect(lm.history).toHaveLength(2)
    expect(trace).toHaveLength(2)
    expect(settings.get('lm')).toBeUndefined()
  })
})
