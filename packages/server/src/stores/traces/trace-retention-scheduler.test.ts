import { describe, expect, it } from 'vitest'
import { startTraceRetention } from './trace-retention-scheduler.ts'

describe('startTraceRetention', () => {
  it('runs at start and on its interval, never overlapping, until stopped', async () => {
    const calls: unknown[] = []
    let release: () => void = () => undefined
    const results: unknown[] = []
    const schedule = startTraceRetention({
      traceStore: {
        applyRetention: async (options) => {
          calls.push(options)
          await new Promise<void>((resolve) => {
            release = resolve
          })
          return 2
        },
      },
      retention: { maxAgeMillis: 1000 },
      intervalMs: 5,
      onRun: (result) => results.push(result),
    })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(calls).toHaveLength(1)
    release()
    await schedule.firstRun
    expect(results).toEqual([{ deleted: 2 }])
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(calls.length).toBe(2)
    const stopping = schedule.stop()
    release()
    await stopping
    const count = calls.length
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(calls.length).toBe(count)
  })

  it('reports errors and does nothing without a policy', async () => {
    const results: unknown[] = []
    const failing = startTraceRetention({
      traceStore: { applyRetention: async () => Promise.reject(new Error('db down')) },
      retention: { maxCountPerExperiment: 5 },
      onRun: (result) => results.push(result),
    })
    await failing.firstRun
    await failing.stop()
    expect(results).toEqual([{ error: new Error('db down') }])
    let called = false
    const idle = startTraceRetention({
      traceStore: {
        applyRetention: async () => {
          called = true
          return 0
        },
      },
      retention: {},
    })
    await idle.firstRun
    await idle.stop()
    expect(called).toBe(false)
  })
})
