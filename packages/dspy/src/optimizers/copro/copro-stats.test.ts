import { describe, expect, it } from 'vitest'
import { emptyStats, pstdev, recordStats } from './copro-stats.ts'

describe('COPRO statistics', () => {
  it('computes the population standard deviation as statistics.pstdev', () => {
    expect(pstdev([50, 0, 50, 50])).toBe(21.650635094610966)
    expect(pstdev([7])).toBe(0)
  })

  it('appends max, average, min and std per depth', () => {
    const stats = emptyStats()
    recordStats({ stats, depth: 0, scores: [50, 100] })
    recordStats({ stats, depth: 1, scores: [0] })
    expect(stats).toEqual({
      depth: [0, 1],
      max: [100, 0],
      average: [75, 0],
      min: [50, 0],
      std: [25, 0],
    })
  })
})
