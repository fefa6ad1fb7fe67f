import { describe, expect, it } from 'vitest'
import { createMemoryTrackingStore } from './memory-tracking-store.ts'

describe('createMemoryTrackingStore', () => {
  it('gives each call its own empty store', async () => {
    const first = await createMemoryTrackingStore({ now: () => 42 })
    const second = await createMemoryTrackingStore()
    try {
      await first.createExperiment({ name: 'only-in-first' })
      expect(await second.getExperimentByName({ name: 'only-in-first' })).toBeUndefined()
      expect((await first.getExperimentOrThrow({ experimentId: '0' })).creationTime).toBe(42)
    } finally {
      await Promise.all([first.close(), second.close()])
    }
  })
})
